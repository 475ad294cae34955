"""Saving a workbook with a faster cell and row serializer: the same bytes as openpyxl's.

Without lxml, openpyxl writes each cell by building an ElementTree element and serializing it
through et_xmlfile's generic namespace-aware writer, which costs more than everything else in
a large export. The common cells (a text, a number or nothing, with or without a style), and
each row's element around them, are written here as ready XML text instead; any other cell (a
date, a formula, rich text, a hyperlink, a number that is not finite, the covered part of a
merged cell) and any row with a comment go through openpyxl's own writer. The output is byte
for byte the same (``tests/test_excel_fast_save.py`` compares it).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from math import isinf, isnan
from typing import Any
from xml.etree.ElementTree import (  # type: ignore[attr-defined]
    _escape_attrib,
    _escape_cdata,
)


def _fast(original: Callable[..., None]) -> Callable[..., None]:
    from openpyxl.cell.cell import Cell  # type: ignore[import-untyped]

    # A style's index by its array's bytes (looking it up in openpyxl hashes a tuple twice);
    # keyed by workbook too, should another thread save another workbook meanwhile.
    style_ids: dict[tuple[Any, bytes], int] = {}

    def write_cell(xf: Any, worksheet: Any, cell: Any, styled: Any = None) -> None:
        if cell.__class__ is not Cell:  # a merged cell's covered part
            original(xf, worksheet, cell, styled)
            return
        value = cell._value
        kind = value.__class__
        data_type = cell.data_type
        if cell._hyperlink is not None or not (
            (data_type == "s" and kind is str)
            or (data_type == "n" and (kind is int or value is None))
            or (data_type == "n" and kind is float and not (isnan(value) or isinf(value)))
        ):
            original(xf, worksheet, cell, styled)
            return
        start = f'<c r="{cell.coordinate}"'
        if styled:
            key = (worksheet.parent, cell._style.tobytes())
            style_id = style_ids.get(key)
            if style_id is None:
                style_id = style_ids[key] = cell.style_id
            start += f' s="{style_id}"'
        if value is None or value == "":
            xf._file(start + (' t="inlineStr" />' if data_type == "s" else ' t="n" />'))
        elif data_type == "s":
            stripped = value.strip()
            space = ' xml:space="preserve"' if stripped and stripped != value else ""
            xf._file(f'{start} t="inlineStr"><is><t{space}>{_escape_cdata(value)}</t></is></c>')
        else:
            xf._file(f'{start} t="n"><v>{value:.16g}</v></c>')

    return write_cell


def _fast_row(original: Callable[..., None]) -> Callable[..., None]:
    def write_row(self: Any, xf: Any, row: list[Any], row_idx: int) -> None:
        if any(cell._comment is not None for cell in row):
            original(self, xf, row, row_idx)
            return
        attrs = {"r": f"{row_idx}"}
        attrs.update(self.ws.row_dimensions.get(row_idx, {}))
        write = xf._file
        write("<row" + "".join(f' {k}="{_escape_attrib(v)}"' for k, v in attrs.items()) + ">")
        worksheet = self.ws
        for cell in row:
            styled = cell.has_style
            if cell._value is None and not styled:
                continue
            sheet_writer.write_cell(xf, worksheet, cell, styled)
        write("</row>")

    from openpyxl.worksheet import _writer as sheet_writer  # type: ignore[import-untyped]

    return write_row


@contextmanager
def fast_cells() -> Iterator[None]:
    """While inside, openpyxl's worksheet writer uses the faster cell and row serializer."""
    from openpyxl.cell import _writer as cell_writer  # type: ignore[import-untyped]
    from openpyxl.worksheet import _writer as sheet_writer

    original = sheet_writer.write_cell
    if original is not cell_writer.etree_write_cell:  # lxml's writer (or patched): leave it
        yield
        return
    original_row = sheet_writer.WorksheetWriter.write_row
    sheet_writer.write_cell = _fast(original)
    sheet_writer.WorksheetWriter.write_row = _fast_row(original_row)
    try:
        yield
    finally:
        sheet_writer.write_cell = original
        sheet_writer.WorksheetWriter.write_row = original_row
