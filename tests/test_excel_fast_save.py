"""The faster cell serializer writes the same bytes as openpyxl's own."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import openpyxl
from openpyxl.comments import Comment
from openpyxl.styles import Font

from udviklingsplan_app.exchange.excel.fast_save import fast_cells


def _workbook() -> openpyxl.Workbook:
    workbook = openpyxl.Workbook()
    ws = workbook.active
    texts = [
        "Mål",
        " leading",
        "trailing ",
        "  ",
        "a & b < c > d",
        "quote \" and ' ",
        "line\nbreak",
    ]
    for row, text in enumerate(texts, start=1):
        ws.cell(row=row, column=1, value=text)
        ws.cell(row=row, column=2, value=text).font = Font(bold=True)
    ws.cell(row=1, column=3, value=2025)
    ws.cell(row=2, column=3, value=8.125)
    ws.cell(row=3, column=3, value=float("nan"))
    ws.cell(row=4, column=3, value=True)
    ws.cell(row=5, column=3, value=dt.date(2026, 3, 1))
    ws.cell(row=6, column=3, value="=SUM(C1:C2)")
    ws.cell(row=7, column=3).font = Font(italic=True)  # styled, empty
    ws.cell(row=8, column=3, value="link").hyperlink = "https://example.invalid/"
    ws.cell(row=9, column=1, value="merged")
    ws.merge_cells("A9:C9")
    ws.cell(row=10, column=1, value="")
    ws.row_dimensions[2].height = 43.5
    ws.row_dimensions[12].height = 20  # a row with a height and no cells
    ws.cell(row=11, column=2, value="noted").comment = Comment("En note", "Leder")
    return workbook


def _parts(fast: bool) -> dict[str, bytes]:
    workbook = _workbook()
    out = io.BytesIO()
    if fast:
        with fast_cells():
            workbook.save(out)
    else:
        workbook.save(out)
    with zipfile.ZipFile(out) as archive:
        return {
            name: archive.read(name)
            for name in archive.namelist()
            if name != "docProps/core.xml"  # holds the time of saving
        }


def test_fast_cells_write_the_same_sheet_bytes() -> None:
    plain, fast = _parts(fast=False), _parts(fast=True)
    assert fast == plain
    sheet = plain["xl/worksheets/sheet1.xml"]
    assert b'<t xml:space="preserve"> leading</t>' in sheet
    assert b'<row r="2" ht="43.5" customHeight="1">' in sheet


def test_fast_cells_put_openpyxl_back() -> None:
    from openpyxl.worksheet import _writer as sheet_writer

    before = sheet_writer.write_cell, sheet_writer.WorksheetWriter.write_row
    with fast_cells():
        assert sheet_writer.write_cell is not before[0]
        assert sheet_writer.WorksheetWriter.write_row is not before[1]
    assert (sheet_writer.write_cell, sheet_writer.WorksheetWriter.write_row) == before
