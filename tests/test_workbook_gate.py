"""The gate before openpyxl: hostile and foreign files refused fast, lean and in Danish."""

from __future__ import annotations

import datetime as dt
import shutil
import time
import tracemalloc
import zipfile
import zlib
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE
from udviklingsplan_app.errors import InputError
from udviklingsplan_app.exchange import workbook_gate
from udviklingsplan_app.exchange.excel import write_workbook
from udviklingsplan_app.exchange.json_format import read_plan_file
from udviklingsplan_app.exchange.workbook_gate import (
    check_workbook_file,
    open_checked_workbook,
    require_defused_xml,
)
from udviklingsplan_app.framework import get_framework

TODAY = dt.date(2026, 11, 25)


@pytest.fixture(scope="module")
def real_export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The home-care example written by the program's own Excel export."""
    plan = read_plan_file(EXAMPLE)
    target = tmp_path_factory.mktemp("export") / "plan.xlsx"
    write_workbook(plan, get_framework(plan.framework_id), target, today=TODAY)
    return target


def _refused(path: Path) -> str:
    with pytest.raises(InputError) as caught:
        check_workbook_file(path)
    message = str(caught.value)
    assert path.name in message
    assert "Traceback" not in message
    return message


def _rebuilt(source: Path, target: Path, replace: dict[str, bytes]) -> Path:
    """A copy of the workbook ``source`` with some parts' bytes replaced."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for entry in old.infolist():
            new.writestr(entry.filename, replace.get(entry.filename, old.read(entry.filename)))
        for name in replace.keys() - set(old.namelist()):
            new.writestr(name, replace[name])
    return target


def test_a_real_export_passes_and_opens_without_evaluating_anything(
    real_export: Path,
) -> None:
    check_workbook_file(real_export)
    workbook = open_checked_workbook(real_export)
    try:
        assert "Forside" in workbook.sheetnames
    finally:
        workbook.close()


def test_a_formula_the_manager_typed_comes_back_as_its_text(
    real_export: Path, tmp_path: Path
) -> None:
    import openpyxl

    played = tmp_path / "svar.xlsx"
    workbook = openpyxl.load_workbook(real_export)
    workbook["Udviklingsmål"]["L2"] = "=cmd|' /C calc'!A0"
    workbook.save(played)
    opened = open_checked_workbook(played)
    try:
        rows = list(opened["Udviklingsmål"].iter_rows(min_row=2, max_row=2, values_only=True))
        assert "=cmd|' /C calc'!A0" in rows[0]
    finally:
        opened.close()


def _deflated_zeros(size: int) -> tuple[bytes, int]:
    """``size`` zero bytes deflated (raw), and their CRC, without holding them in memory.

    After a full flush deflate forgets what came before, so every further megabyte of zeros
    packs to the same bytes: packed once, repeated.
    """
    chunk = b"\0" * (1 << 20)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    compressor.compress(chunk)
    compressor.flush(zlib.Z_FULL_FLUSH)
    block = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    crc = 0
    for _ in range(size // len(chunk)):
        crc = zlib.crc32(chunk, crc)
    return block * (size // len(chunk)) + compressor.flush(), crc


def _zip_with_raw_entry(
    path: Path, base: Path, name: str, packed: bytes, crc: int, size: int
) -> Path:
    """``base``'s parts plus one deflated entry written from already packed bytes."""
    shutil.copy(base, path)
    with zipfile.ZipFile(path, "a") as archive:
        info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        info.CRC, info.compress_size, info.file_size = crc, len(packed), size
        header = info.FileHeader()
        archive.fp.seek(archive.start_dir)  # type: ignore[union-attr]
        info.header_offset = archive.start_dir
        archive.fp.write(header)  # type: ignore[union-attr]
        archive.fp.write(packed)  # type: ignore[union-attr]
        archive.start_dir = archive.fp.tell()  # type: ignore[union-attr]
        archive.filelist.append(info)
        archive.NameToInfo[name] = info
        archive._didModify = True
    return path


@pytest.fixture(scope="module")
def zip_bomb(real_export: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real export with a 1 GiB worksheet of zeros packed to about a megabyte."""
    size = 1 << 30
    packed, crc = _deflated_zeros(size)
    assert len(packed) < 2 * 1024 * 1024
    path = tmp_path_factory.mktemp("bomb") / "svar.xlsx"
    return _zip_with_raw_entry(path, real_export, "xl/worksheets/sheet99.xml", packed, crc, size)


def test_a_zip_bomb_is_refused_in_well_under_a_second_and_a_few_megabytes(
    zip_bomb: Path,
) -> None:
    assert zip_bomb.stat().st_size < 3 * 1024 * 1024
    tracemalloc.start()
    started = time.perf_counter()
    with pytest.raises(InputError) as caught:
        check_workbook_file(zip_bomb)
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert "pakker sig ud" in str(caught.value)
    assert elapsed < 0.5
    assert peak < 4 * 1024 * 1024


def test_a_zip_whose_directory_lies_about_the_size_is_refused_as_damaged(
    real_export: Path, tmp_path: Path
) -> None:
    # The directory declares 100 bytes; the data unpacks to 50 MiB. zipfile stops at the
    # declared size and the CRC check fails: reported as damaged, never unpacked in full.
    packed, _crc = _deflated_zeros(50 << 20)
    path = _zip_with_raw_entry(
        tmp_path / "svar.xlsx", real_export, "xl/worksheets/sheet99.xml", packed, 0, 100
    )
    assert "beskadiget" in _refused(path)


def test_many_parts_are_refused(real_export: Path, tmp_path: Path) -> None:
    path = tmp_path / "dele.xlsx"
    shutil.copy(real_export, path)
    with zipfile.ZipFile(path, "a") as archive:
        for index in range(workbook_gate.MAX_ENTRIES + 1):
            archive.writestr(f"xl/media/x{index}.bin", b"")
    assert "dele" in _refused(path)


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">
<si><t>&lol9;</t></si></sst>"""

XXE = b"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<!-- a comment before the DOCTYPE does not hide it -->
<!DOCTYPE workbook [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x>&xxe;</x></workbook>"""


@pytest.mark.parametrize(
    ("part", "content"),
    [("xl/sharedStrings.xml", BILLION_LAUGHS), ("xl/workbook.xml", XXE)],
    ids=["billion-laughs", "xxe"],
)
def test_entity_definitions_are_refused_before_any_parser(
    real_export: Path, tmp_path: Path, part: str, content: bytes
) -> None:
    path = _rebuilt(real_export, tmp_path / "svar.xlsx", {part: content})
    started = time.perf_counter()
    message = _refused(path)
    assert time.perf_counter() - started < 0.5
    assert "DOCTYPE" in message


def test_openpyxl_parses_with_defusedxml(real_export: Path, tmp_path: Path) -> None:
    require_defused_xml()
    # Even past the gate, the parser openpyxl uses refuses entities.
    from defusedxml import DefusedXmlException
    from openpyxl.xml.functions import fromstring

    with pytest.raises(DefusedXmlException):
        fromstring(XXE)


def test_reading_stops_when_openpyxl_would_parse_unsafely(
    real_export: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import openpyxl

    monkeypatch.setattr(openpyxl, "DEFUSEDXML", False)
    with pytest.raises(InputError, match="defusedxml"):
        open_checked_workbook(real_export)


def test_an_old_xls_or_a_password_protected_workbook_says_save_as_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "svar.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4000)
    message = _refused(path)
    assert ".xls" in message
    assert "Gem filen som Excel-projektmappe (.xlsx)" in message


def test_an_ods_says_save_as_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "svar.ods"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")
    message = _refused(path)
    assert "OpenDocument" in message
    assert ".xlsx" in message


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("Mål;Status\nBedre trivsel;I gang\n".encode(), "CSV"),
        ("Hej, her er mine kommentarer – æøå".encode(), "CSV"),
        (b'{"format": "udviklingsplan"}', "overdragelse"),
        (b"%PDF-1.7\n", "PDF"),
        (bytes(range(256)) * 4, "ikke en Excel-projektmappe"),
    ],
    ids=["csv", "text", "json", "pdf", "binary"],
)
def test_files_that_are_not_workbooks_are_named_for_what_they_are(
    tmp_path: Path, content: bytes, expected: str
) -> None:
    path = tmp_path / "svar.xlsx"
    path.write_bytes(content)
    assert expected in _refused(path)


def test_an_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "svar.xlsx"
    path.write_bytes(b"")
    assert "tom" in _refused(path)


@pytest.mark.parametrize("keep", [0.1, 0.5, 0.9, 0.99])
def test_a_truncated_export_is_damaged(real_export: Path, tmp_path: Path, keep: float) -> None:
    data = real_export.read_bytes()
    path = tmp_path / "svar.xlsx"
    path.write_bytes(data[: int(len(data) * keep)])
    assert "beskadiget" in _refused(path)


def test_another_zip_file_is_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "svar.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
        archive.writestr("[Content_Types].xml", "<Types/>")
    assert "ikke en Excel-projektmappe" in _refused(path)


def test_an_encrypted_zip_is_refused(real_export: Path, tmp_path: Path) -> None:
    path = _rebuilt(real_export, tmp_path / "svar.xlsx", {})
    data = bytearray(path.read_bytes())
    # Set the "encrypted" flag in every local and central header.
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = 0
        while (start := data.find(signature, start)) >= 0:
            data[start + offset] |= 0x1
            start += 4
    path.write_bytes(bytes(data))
    assert "krypteret" in _refused(path)


def test_a_file_too_large_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "svar.xlsx"
    with open(path, "wb") as handle:
        handle.write(b"PK\x03\x04")
        handle.truncate(workbook_gate.MAX_FILE_BYTES + 1)
    assert "for stor" in _refused(path)


def test_a_folder_or_a_missing_file(tmp_path: Path) -> None:
    folder = tmp_path / "mappe.xlsx"
    folder.mkdir()
    assert "mappe" in _refused(folder)
    assert "kan ikke læses" in _refused(tmp_path / "findes-ikke.xlsx")


def test_a_part_openpyxl_cannot_read_gives_a_danish_message(
    real_export: Path, tmp_path: Path
) -> None:
    path = _rebuilt(real_export, tmp_path / "svar.xlsx", {"xl/workbook.xml": b"<workbook><sheets>"})
    check_workbook_file(path)  # the gate sees nothing to fear …
    with pytest.raises(InputError, match="kan ikke læses som Excel-projektmappe"):
        open_checked_workbook(path)  # … and the parser's failure is a Danish message
