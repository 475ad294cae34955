"""Attack: returned workbooks (issue 14) a hostile or careless sender could make.

Each is refused by the gate (before openpyxl) or by :func:`read_answer` with a Danish message,
and cheaply: tests bound the memory (tracemalloc) and show that the sheet was not read to its
end, rather than timing tightly. Files the program and Excel really write still pass.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import shutil
import subprocess
import time
import tracemalloc
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import EXAMPLE
from udviklingsplan_app.domain import Plan
from udviklingsplan_app.errors import InputError
from udviklingsplan_app.exchange import answer as answer_module
from udviklingsplan_app.exchange import workbook_gate
from udviklingsplan_app.exchange.answer import read_answer
from udviklingsplan_app.exchange.excel import write_workbook
from udviklingsplan_app.exchange.json_format import read_plan_file
from udviklingsplan_app.framework_sources import get_framework

MB = 1024 * 1024
GOALS = "xl/worksheets/sheet3.xml"  # Udviklingsmål
DATA = "xl/worksheets/sheet9.xml"  # Udviklingsplan-data (very hidden)


@pytest.fixture(scope="module")
def plan() -> Plan:
    plan = read_plan_file(EXAMPLE)
    plan.uid = "5f0c7a53-0000-4000-8000-00000000abcd"
    return plan


@pytest.fixture(scope="module")
def export(plan: Plan, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("export") / "plan.xlsx"
    write_workbook(plan, get_framework(plan.framework_id), target, today=dt.date(2027, 3, 10))
    with zipfile.ZipFile(target) as archive:  # the parts these tests change are where expected
        workbook = archive.read("xl/workbook.xml").decode()
        assert re.search(r'name="Udviklingsmål"[^>]*r:id="rId3"', workbook)
        assert re.search(r'name="Udviklingsplan-data"[^>]*r:id="rId9"', workbook)
    return target


def _parts(export: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(export) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _rebuilt(
    export: Path,
    target: Path,
    replace: dict[str, bytes] | None = None,
    extra: list[tuple[str, bytes]] | None = None,
) -> Path:
    parts = _parts(export)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, (replace or {}).get(name, data))
        for name, data in extra or []:
            archive.writestr(name, data)
    return target


def _sheet(export: Path, part: str, rows: str = "", dimension: str | None = "keep") -> bytes:
    """A sheet of the export with rows added; ``dimension`` replaced (``None``: removed)."""
    text = _parts(export)[part].decode()
    if dimension != "keep":
        new = "" if dimension is None else f'<dimension ref="{dimension}" />'
        text = re.sub(r'<dimension ref="[^"]*" />', new, text)
    return text.replace("</sheetData>", rows + "</sheetData>").encode()


def _cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def _row(number: int, *cells: tuple[str, str]) -> str:
    return f'<row r="{number}">' + "".join(_cell(f"{c}{number}", t) for c, t in cells) + "</row>"


def _measured(read: Callable[[], Any]) -> tuple[BaseException | Any, float, int]:
    tracemalloc.start()
    started = time.perf_counter()
    try:
        try:
            outcome: BaseException | Any = read()
        except InputError as error:
            outcome = error
        elapsed = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return outcome, elapsed, peak


def _refused(path: Path, *, peak_mb: float = 8) -> str:
    outcome, elapsed, peak = _measured(lambda: read_answer(path))
    assert isinstance(outcome, InputError), outcome
    message = str(outcome)
    assert path.name in message and "Traceback" not in message
    assert peak < peak_mb * MB, f"{peak / MB:.1f} MB"
    assert elapsed < 10  # generous: the bound that matters is the memory and the rows read
    return message


@pytest.fixture
def rows_read(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The row numbers :func:`read_answer` looked at, to show it stopped early."""
    seen: list[int] = []
    original = answer_module._bounded_rows

    def counting(ws: Any, file_name: str) -> Any:
        for number, row in original(ws, file_name):
            seen.append(number)
            yield number, row

    monkeypatch.setattr(answer_module, "_bounded_rows", counting)
    return seen


# --- the zip --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["../../evil.xml", "/etc/evil.xml", "xl\\worksheets\\evil.xml", "C:/evil.xml"]
)
def test_a_part_name_leading_out_of_the_package_is_refused(
    export: Path, tmp_path: Path, name: str
) -> None:
    path = _rebuilt(export, tmp_path / "svar.xlsx", extra=[(name, b"<x/>")])
    assert "navn, som Excel aldrig skriver" in _refused(path, peak_mb=1)


@pytest.mark.filterwarnings("ignore:Duplicate name")
def test_two_parts_with_the_same_name_are_refused(export: Path, tmp_path: Path) -> None:
    # Which of the two a reader takes is up to the reader: the second one would smuggle a row.
    second = _sheet(export, GOALS, _row(30, ("D", "Smuglet mål"), ("L", "Smuglet")), None)
    path = _rebuilt(export, tmp_path / "svar.xlsx", extra=[(GOALS, second)])
    assert "to dele med samme navn" in _refused(path, peak_mb=1)


def test_a_zip64_workbook_is_read(export: Path, tmp_path: Path) -> None:
    path = tmp_path / "zip64.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in _parts(export).items():
            with archive.open(name, "w", force_zip64=True) as part:
                part.write(data)
    assert len(read_answer(path).rows) == 7


def test_a_data_descriptor_with_lying_sizes_does_not_fool_the_gate(
    export: Path, tmp_path: Path
) -> None:
    # Local header and data descriptor say 100 bytes; the directory says the truth. The gate
    # and openpyxl go by the directory; the worksheet holds 20 MB of zeros (ratio > 100:1).
    data = b"<x>" + b"0" * (20 * MB) + b"</x>"
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    packed = packer.compress(data) + packer.flush()
    path = shutil.copy(export, tmp_path / "svar.xlsx")
    with zipfile.ZipFile(path, "a") as archive:
        info = zipfile.ZipInfo("xl/worksheets/sheet99.xml", (2026, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        info.flag_bits |= 0x08
        info.CRC, info.compress_size, info.file_size = zlib.crc32(data), len(packed), len(data)
        assert archive.fp is not None
        archive.fp.seek(archive.start_dir)
        info.header_offset = archive.start_dir
        local = bytearray(info.FileHeader())
        local[18:26] = (100).to_bytes(4, "little") * 2  # the local header lies
        archive.fp.write(bytes(local) + packed)
        archive.fp.write(
            b"PK\x07\x08" + info.CRC.to_bytes(4, "little") + (100).to_bytes(4, "little") * 2
        )
        archive.start_dir = archive.fp.tell()
        archive.filelist.append(info)
        archive.NameToInfo[info.filename] = info
        archive._didModify = True
    assert "pakker sig ud" in _refused(Path(path), peak_mb=1)


def test_a_huge_shared_strings_part_is_refused_before_openpyxl(
    export: Path, tmp_path: Path
) -> None:
    # 6 MB of varied text (packs about 2:1, so no ratio alarm): openpyxl would keep it all.
    rnd = random.Random(14)
    alphabet = b"abcdefghijklmnopqrstuvwxyz0123456789 "
    strings = b"".join(
        b"<si><t>" + bytes(rnd.choices(alphabet, k=50)) + b"</t></si>" for _ in range(100_000)
    )
    sst = b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    path = _rebuilt(
        export, tmp_path / "svar.xlsx", extra=[("xl/sharedStrings.xml", sst + strings + b"</sst>")]
    )
    assert path.stat().st_size < workbook_gate.MAX_FILE_BYTES
    assert "pakker sig ud" in _refused(path, peak_mb=1)


# --- the XML prolog -------------------------------------------------------------------------


def test_a_doctype_after_a_long_comment_is_refused(export: Path, tmp_path: Path) -> None:
    styles = _parts(export)["xl/styles.xml"]
    hidden = b'<?xml version="1.0"?><!--' + b"x" * 70_000 + b'--><!DOCTYPE s [<!ENTITY a "b">]>'
    path = _rebuilt(export, tmp_path / "svar.xlsx", {"xl/styles.xml": hidden + styles})
    assert "som Excel ikke skriver sådan" in _refused(path, peak_mb=1)


def test_a_stylesheet_instruction_pointing_outside_is_never_followed(
    export: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import socket

    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("the network was used")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    styles = _parts(export)["xl/styles.xml"]
    pi = b'<?xml version="1.0"?><?xml-stylesheet type="text/xsl" href="http://127.0.0.1:9/x.xsl"?>'
    path = _rebuilt(export, tmp_path / "svar.xlsx", {"xl/styles.xml": pi + styles})
    assert len(read_answer(path).rows) == 7


def test_a_large_sheet_without_its_size_is_refused(export: Path, tmp_path: Path) -> None:
    # Without <dimension>, openpyxl reads the whole sheet just to open the workbook.
    rows = "".join(_row(n, ("D", f"Mål {n}"), ("M", "x" * 100)) for n in range(30, 3030))
    path = _rebuilt(export, tmp_path / "svar.xlsx", {GOALS: _sheet(export, GOALS, rows, None)})
    assert "uden den størrelse" in _refused(path, peak_mb=2)


# --- rows, columns and cells ----------------------------------------------------------------


@pytest.mark.parametrize("part", [GOALS, DATA])
@pytest.mark.parametrize("dimension", [None, "keep", "A1:XFD1048576"])
def test_a_row_at_the_bottom_of_the_sheet_is_refused_without_walking_a_million_rows(
    export: Path, tmp_path: Path, rows_read: list[int], part: str, dimension: str | None
) -> None:
    # Before: 1,048,568 empty rows were walked (8–18 s) and the row was read – or silently
    # dropped, when the sheet's stated size ended above it.
    sheet = _sheet(export, part, _row(1_048_576, ("A", "x"), ("D", "Mål")), dimension)
    path = _rebuilt(export, tmp_path / "svar.xlsx", {part: sheet})
    message = _refused(path)
    assert "længere nede end række 2.000" in message
    assert max(rows_read) <= answer_module.MAX_ROWS + 1


def test_ten_thousand_baseline_rows_are_refused(
    export: Path, tmp_path: Path, rows_read: list[int]
) -> None:
    rows = "".join(
        f'<row r="{n}">{_cell(f"A{n}", f"g{n}")}<c r="B{n}" t="n"><v>2026</v></c></row>'
        for n in range(100, 10_100)
    )
    path = _rebuilt(export, tmp_path / "svar.xlsx", {DATA: _sheet(export, DATA, rows)})
    message = _refused(path)
    assert "Udviklingsplan-data" in message and "du sendte" in message
    assert max(rows_read) <= answer_module.MAX_ROWS + 1


def test_a_false_width_does_not_make_every_row_16384_cells(export: Path, tmp_path: Path) -> None:
    sheet = _sheet(export, GOALS, _row(20, ("XFD", "langt ude")), "A1:XFD20")
    path = _rebuilt(export, tmp_path / "svar.xlsx", {GOALS: sheet})
    outcome, _, peak = _measured(lambda: read_answer(path))
    assert not isinstance(outcome, BaseException)
    assert len(outcome.rows) == 7 and peak < 8 * MB


@pytest.mark.parametrize(
    ("part", "cells", "where"),
    [
        (GOALS, [("D", "Mål"), ("L", "k" * 40_000)], "»Udviklingsmål«, række 30"),
        (GOALS, [("D", "Mål"), ("N", "g" * 1_000_000)], "»Udviklingsmål«, række 30"),
        (DATA, [("A", "g" * 1_000_000)], "»Udviklingsplan-data«, række 300"),
    ],
    ids=["comment-40000", "goal-id-1MB-in-goals", "goal-id-1MB-in-data"],
)
def test_a_cell_longer_than_excel_allows_is_refused(
    export: Path, tmp_path: Path, part: str, cells: list[tuple[str, str]], where: str
) -> None:
    # Before, a 1 MB goal id or a 40,000-character comment was read (and would be stored).
    # Below the sheet's own rows (the data sheet holds some 60).
    row = 300 if part == DATA else 30
    path = _rebuilt(export, tmp_path / "svar.xlsx", {part: _sheet(export, part, _row(row, *cells))})
    message = _refused(path, peak_mb=12)
    assert where in message and "højst 32.767 tegn" in message


def test_a_huge_formula_is_refused_as_an_overlong_cell(export: Path, tmp_path: Path) -> None:
    formula = (
        '<row r="30">' + _cell("D30", "Mål") + f'<c r="L30"><f>{"A1+" * 100_000}1</f></c></row>'
    )
    path = _rebuilt(export, tmp_path / "svar.xlsx", {GOALS: _sheet(export, GOALS, formula)})
    assert "højst 32.767 tegn" in _refused(path, peak_mb=12)


def test_a_comment_of_excels_full_length_is_kept(export: Path, tmp_path: Path) -> None:
    from udviklingsplan_app.exchange.excel import COMMENT_HEADER

    header = _parts(export)[GOALS].decode().split("</row>")[0]
    letters = dict(re.findall(r'<c r="([A-Z]+)1"[^>]*><is><t>([^<]*)</t>', header))
    column = next(c for c, text in letters.items() if text == COMMENT_HEADER)
    comment = "æ" * 32_767
    sheet = _sheet(export, GOALS, _row(30, ("D", "Nyt mål"), (column, comment)), None)
    answer = read_answer(_rebuilt(export, tmp_path / "svar.xlsx", {GOALS: sheet}))
    assert [row.comment for row in answer.rows if row.title == "Nyt mål"] == [comment]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ('<c r="B3" t="n"><v>1</v></c>', _cell("B3", "abc"), "ikke en udviklingsplan"),
        ('<c r="B3" t="n"><v>1</v></c>', _cell("B3", "9" * 5000), "ikke en udviklingsplan"),
        ('<c r="B3" t="n"><v>1</v></c>', '<c r="B3" t="n"><v>1e300</v></c>', "nyere udgave"),
        (
            '<c r="B3" t="n"><v>1</v></c>',
            '<c r="B3" t="e"><v>#REF!</v></c>',
            "ikke en udviklingsplan",
        ),
        ("udviklingsplan-svar", "noget-andet", "ikke en udviklingsplan"),
    ],
    ids=["version-text", "version-5000-digits", "version-1e300", "version-error", "format"],
)
def test_a_tampered_data_sheet_is_refused(
    export: Path, tmp_path: Path, old: str, new: str, expected: str
) -> None:
    sheet = _parts(export)[DATA].decode()
    assert old in sheet
    path = _rebuilt(export, tmp_path / "svar.xlsx", {DATA: sheet.replace(old, new, 1).encode()})
    assert expected in _refused(path)


def test_wrong_types_in_the_baseline_are_read_as_unknown_not_as_errors(
    export: Path, tmp_path: Path
) -> None:
    sheet = _parts(export)[DATA].decode()
    # The first baseline goal's year: the row after the baseline's header ("goal" in column A).
    header = re.search(r'<c r="A(\d+)" t="inlineStr"><is><t>goal</t></is></c>', sheet)
    assert header is not None
    first = re.search(rf'<c r="B{int(header.group(1)) + 1}" t="n"><v>2026</v></c>', sheet)
    assert first is not None
    row = int(header.group(1)) + 1
    sheet = sheet.replace(first.group(0), f'<c r="B{row}" t="e"><v>#REF!</v></c>')
    sheet = sheet.replace("<t>i-gang</t>", "<t>måske</t>", 1)
    answer = read_answer(_rebuilt(export, tmp_path / "svar.xlsx", {DATA: sheet.encode()}))
    baseline = list(answer.baseline.values())
    assert len(baseline) == 7 and baseline[0].year is None
    assert any(goal.status is None for goal in baseline)


def test_a_renamed_goals_sheet_is_still_found(export: Path, tmp_path: Path) -> None:
    workbook = _parts(export)["xl/workbook.xml"].decode()
    renamed = workbook.replace('name="Udviklingsmål"', 'name="Mål fra chefen"').replace(
        "'Udviklingsmål'", "'Mål fra chefen'"
    )
    path = _rebuilt(export, tmp_path / "svar.xlsx", {"xl/workbook.xml": renamed.encode()})
    assert len(read_answer(path).rows) == 7


# --- re-saved by LibreOffice -----------------------------------------------------------------


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_a_tampered_workbook_re_saved_by_libreoffice_is_still_refused(
    export: Path, tmp_path: Path
) -> None:
    # A row far down, then re-saved by LibreOffice (which writes its own sizes): still refused.
    sheet = _sheet(export, GOALS, _row(50_000, ("D", "Langt nede")), None)
    source = _rebuilt(
        export,
        tmp_path / "svar.xlsx",
        {GOALS: sheet},
    )
    out = tmp_path / "lo"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path / 'profile'}",
            "--headless",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    resaved = out / "svar.xlsx"
    assert "længere nede end række 2.000" in _refused(resaved)
