"""The gate a workbook from outside passes before any parser sees it.

A workbook that comes back from the leader's manager arrives by e-mail: it is untrusted input.
:func:`check_workbook_file` looks at it with nothing but the standard library – its size, its
first bytes, its zip directory (entry count, declared sizes, compression ratios, encryption) and
the start of every XML part (no ``DOCTYPE``, so no entities) – and refuses it whole with a Danish
:class:`~udviklingsplan_app.errors.InputError` that says what to do. Only a file that passes is
given to openpyxl, and then only through :func:`open_checked_workbook`, which also makes sure that
openpyxl parses with ``defusedxml`` and never evaluates a formula.

The zip directory's declared sizes bound what :mod:`zipfile` will ever decompress (it stops at the
declared size and fails the CRC check if the data goes on), so checking them is enough to keep a
zip bomb from costing more than a few kilobytes and milliseconds.
"""

from __future__ import annotations

import os
import re
import stat
import zipfile
import zlib
from pathlib import Path
from typing import Any, BinaryIO

from ..errors import InputError, os_reason
from ..outside_files import OPEN_FLAGS, not_regular_message

#: A plan's workbook is tens of kilobytes; a manager's comments add little. Far above any real one.
MAX_FILE_BYTES = 20 * 1024 * 1024
#: Parts in the zip: a plan's workbook has about 20.
MAX_ENTRIES = 1_000
#: What all parts may unpack to together, as declared in the zip directory.
MAX_UNPACKED_BYTES = 40 * 1024 * 1024
#: What one part may unpack to: a plan's largest sheet is some hundred kilobytes. openpyxl
#: keeps the shared strings in memory whole, so this also bounds what reading them costs.
MAX_PART_BYTES = 4 * 1024 * 1024
#: A worksheet larger than this must state its size (``<dimension>``) before its rows, as
#: Excel and LibreOffice do: without it, openpyxl reads the whole sheet just to open the file.
DIMENSION_FLOOR_BYTES = 256 * 1024
#: A part larger than this must not be packed more tightly than :data:`MAX_RATIO` to one.
RATIO_FLOOR_BYTES = 1024 * 1024
MAX_RATIO = 100
#: How far into an XML part the gate reads to find its root element (and any DOCTYPE before it).
PROLOG_BYTES = 64 * 1024

_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")
_ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
_SAVE_AS_XLSX = "Åbn den i Excel, og gem den som Excel-projektmappe (.xlsx); prøv så igen."


def check_workbook_file(path: Path) -> None:
    """Refuse ``path`` with a Danish :class:`InputError` unless it may be given to openpyxl.

    Reads at most the file's first bytes, its zip directory and the first
    :data:`PROLOG_BYTES` of each XML part; never the whole file into memory.
    """
    path = Path(path)
    name = path.name
    try:
        fd = os.open(path, OPEN_FLAGS)
    except OSError as error:
        if os.path.islink(path) and not os.path.exists(path):
            raise InputError(f"{name} er en genvej, som ikke fører til nogen fil.") from error
        raise InputError(f"Filen {name} kan ikke læses ({os_reason(error)}).") from error
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise InputError(f"{name} er en mappe, ikke en fil.")
        if not stat.S_ISREG(info.st_mode):  # /dev/zero, a pipe: never read (it may not end)
            raise InputError(not_regular_message(path))
        handle = os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise
    size = info.st_size
    with handle:
        try:
            head = handle.read(512)
        except OSError as error:
            raise InputError(f"Filen {name} kan ikke læses ({os_reason(error)}).") from error
        if size == 0:
            raise InputError(f"Filen {name} er tom. Bed om at få den sendt igen.")
        if size > MAX_FILE_BYTES:
            raise InputError(
                f"Filen {name} er for stor ({size / 1024 / 1024:.0f} MB) til at være en "
                f"udviklingsplan fra programmet (højst {MAX_FILE_BYTES // 1024 // 1024} MB). "
                "Den er ikke åbnet."
            )
        if head.startswith(_OLE2_MAGIC):
            raise InputError(
                f"Filen {name} er en gammel Excel-fil (.xls) eller en projektmappe med "
                "adgangskode. Gem filen som Excel-projektmappe (.xlsx) uden adgangskode, og prøv "
                "igen."
            )
        if not head.startswith(_ZIP_MAGICS):
            raise InputError(_not_a_workbook(name, head))
        handle.seek(0)
        _check_zip(handle, name)


def _not_a_workbook(name: str, head: bytes) -> str:
    if head.startswith(b"%PDF"):
        return f"Filen {name} er en PDF-fil, ikke en Excel-projektmappe (.xlsx)."
    if head[:1] in (b"{", b"["):
        return (
            f"Filen {name} ligner en fil til overdragelse (JSON), ikke en Excel-projektmappe. "
            "Brug Filer ▸ Importér i stedet."
        )
    if _looks_like_text(head):
        return (
            f"Filen {name} er en tekst- eller CSV-fil, ikke en Excel-projektmappe. {_SAVE_AS_XLSX}"
        )
    return f"Filen {name} er ikke en Excel-projektmappe (.xlsx)."


def _looks_like_text(head: bytes) -> bool:
    """Text, in UTF-8 (with or without BOM), UTF-16 with BOM, or Windows' ANSI code page."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    return not any(byte < 32 and byte not in (9, 10, 13) for byte in head) and 127 not in head


def _check_zip(path: BinaryIO, name: str) -> None:
    damaged = (
        f"Filen {name} er beskadiget eller ikke hentet helt. Bed om at få den sendt igen, "
        "eller gem den igen fra Excel."
    )
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
            _check_entries(entries, name)
            names = {entry.filename for entry in entries}
            for entry in entries:
                if entry.filename.startswith("xl/worksheets/") and entry.file_size > (
                    DIMENSION_FLOOR_BYTES
                ):
                    _check_dimension(archive, entry, name)
            if "mimetype" in names and archive.read("mimetype").strip().startswith(_ODS_MIMETYPE):
                raise InputError(
                    f"Filen {name} er et OpenDocument-regneark (.ods). "
                    "Gem den som Excel-projektmappe (.xlsx) – i LibreOffice: Filer ▸ Gem som, "
                    "filtype »Excel 2007-365« – og prøv igen."
                )
            if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
                raise InputError(
                    f"Filen {name} er en pakket fil, men ikke en Excel-projektmappe (.xlsx)."
                )
            for entry in entries:
                if entry.filename.endswith((".xml", ".rels", ".vml")):
                    _check_prolog(archive, entry, name)
    except InputError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, ValueError) as error:
        raise InputError(damaged) from error
    except NotImplementedError as error:  # a compression method zipfile does not know
        raise InputError(damaged) from error
    except OSError as error:
        raise InputError(f"Filen {name} kan ikke læses ({os_reason(error)}).") from error


def _check_entries(entries: list[zipfile.ZipInfo], name: str) -> None:
    bomb = (
        f"Filen {name} pakker sig ud til langt mere, end en udviklingsplan fylder, og er ikke "
        "åbnet (den kan være lavet for at lægge computeren ned). Bed om en ny fil."
    )
    if len(entries) > MAX_ENTRIES:
        raise InputError(
            f"Filen {name} består af {len(entries)} dele – langt flere end en udviklingsplan "
            "fra programmet. Den er ikke åbnet."
        )
    total = 0
    seen: set[str] = set()
    for entry in entries:
        if entry.filename.casefold() in seen:
            raise InputError(
                f"Filen {name} indeholder to dele med samme navn (»{entry.filename[:80]}«), "
                "hvad Excel aldrig skriver. Den er ikke åbnet. Bed om en ny fil, gemt fra Excel."
            )
        if _odd_name(entry.filename):
            raise InputError(
                f"Filen {name} indeholder en del med et navn, som Excel aldrig skriver "
                f"(»{entry.filename[:80]}«). Den er ikke åbnet. Bed om en ny fil, gemt fra Excel."
            )
        seen.add(entry.filename.casefold())
        if entry.file_size > MAX_PART_BYTES:
            raise InputError(bomb)
        if entry.flag_bits & 0x1:
            raise InputError(
                f"Filen {name} er krypteret. Gem den uden adgangskode som Excel-projektmappe "
                "(.xlsx), og prøv igen."
            )
        total += entry.file_size
        if total > MAX_UNPACKED_BYTES:
            raise InputError(bomb)
        if entry.file_size > RATIO_FLOOR_BYTES and entry.file_size > MAX_RATIO * max(
            entry.compress_size, 1
        ):
            raise InputError(bomb)


def _check_dimension(archive: zipfile.ZipFile, entry: zipfile.ZipInfo, name: str) -> None:
    """A large worksheet states its size before its rows (``<dimension ref="A1:N40"/>``)."""
    with archive.open(entry) as part:
        prolog = part.read(PROLOG_BYTES)
    data = re.search(rb"<(?:\w+:)?sheetData\b", prolog)
    dimension = re.search(rb"<(?:\w+:)?dimension\b", prolog)
    if dimension is None or (data is not None and data.start() < dimension.start()):
        raise InputError(
            f"Filen {name} indeholder et stort ark ({entry.filename}) uden den størrelse, som "
            "Excel altid skriver. Den er ikke åbnet. Åbn den i Excel, gem den, og prøv igen."
        )


def _odd_name(part: str) -> bool:
    """A part name Excel never writes: a way out of the package (``../``, ``/etc``, ``C:``),
    a backslash or a control character."""
    return (
        part.startswith("/")
        or "\\" in part
        or ".." in part.split("/")
        or (len(part) > 1 and part[1] == ":")
        or any(ord(char) < 32 for char in part)
    )


def _check_prolog(archive: zipfile.ZipFile, entry: zipfile.ZipInfo, name: str) -> None:
    """Refuse a part with a DOCTYPE (entities, external references) before its root element."""
    with archive.open(entry) as part:
        prolog = part.read(PROLOG_BYTES)
    text = prolog.lstrip(b"\xef\xbb\xbf")
    position = 0
    while True:
        start = text.find(b"<", position)
        if start < 0 or start + 1 >= len(text):
            if len(prolog) < PROLOG_BYTES and not text.strip():
                return  # an empty part: openpyxl will say what it thinks of it
            if len(prolog) < PROLOG_BYTES:
                return  # the whole part was read and holds no markup to fear
            raise InputError(
                f"Filen {name} indeholder en del ({entry.filename}), som Excel ikke skriver "
                "sådan. Den er ikke åbnet."
            )
        marker = text[start + 1 : start + 2]
        if marker == b"?":  # the XML declaration or a processing instruction
            end = text.find(b"?>", start)
        elif text.startswith(b"<!--", start):
            end = text.find(b"-->", start)
        elif marker == b"!":  # <!DOCTYPE …> or <!ENTITY …>: Excel never writes these
            raise InputError(
                f"Filen {name} indeholder XML med definitioner (DOCTYPE/ENTITY), som Excel "
                "aldrig skriver. Den er ikke åbnet."
            )
        else:
            return  # the root element: nothing before it can define an entity
        if end < 0:
            raise InputError(
                f"Filen {name} indeholder en del ({entry.filename}), som Excel ikke skriver "
                "sådan. Den er ikke åbnet."
            )
        position = end + 2


def require_defused_xml() -> None:
    """Make sure openpyxl parses with ``defusedxml`` (no entity expansion, no external DTDs).

    openpyxl chooses its parser when it is first imported (``OPENPYXL_DEFUSEDXML`` and whether
    ``defusedxml`` is installed); a program that reads untrusted workbooks refuses to go on if
    the choice went the wrong way.
    """
    import openpyxl  # type: ignore[import-untyped]
    from openpyxl.xml import functions  # type: ignore[import-untyped]

    defused = (
        getattr(openpyxl, "DEFUSEDXML", False) is True
        and functions.fromstring.__module__.startswith("defusedxml")
        and functions.iterparse.__module__.startswith("defusedxml")
    )
    if not defused:
        raise InputError(
            "Programmet kan ikke læse projektmapper sikkert på denne computer (defusedxml "
            "mangler eller er slået fra). Kontakt IT."
        )


def open_checked_workbook(path: Path) -> Any:
    """The workbook at ``path`` opened read-only after :func:`check_workbook_file`.

    Formulas are never evaluated: cells are read as written (``data_only=False``), so a formula
    the manager typed comes back as its text. External links are not loaded. The caller closes
    the workbook (``workbook.close()``). Anything openpyxl cannot read gives a Danish
    :class:`InputError`.
    """
    check_workbook_file(path)
    require_defused_xml()
    from openpyxl import load_workbook

    try:
        return load_workbook(path, read_only=True, data_only=False, keep_links=False)
    except InputError:
        raise
    except Exception as error:  # openpyxl raises many kinds for a broken part
        raise InputError(
            f"Filen {Path(path).name} kan ikke læses som Excel-projektmappe; den kan være "
            "beskadiget. Bed om at få den sendt igen, eller gem den igen fra Excel."
        ) from error
