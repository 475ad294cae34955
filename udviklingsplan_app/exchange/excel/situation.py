"""*Aktuel situation*: the situation's sections, a long text split over rows."""

from __future__ import annotations

from ...domain import Plan, SituationSection
from .writer import Column, Sheet, row_height, text_lines

_PARAGRAPH_LIMIT = 2_000  # a longer paragraph is split over rows so no row outgrows Excel's


def _paragraphs(text: str) -> list[str]:
    """The text's paragraphs, a long one split at spaces into pieces a row can show."""
    pieces: list[str] = []
    for paragraph in text.strip().split("\n"):
        paragraph = paragraph.rstrip()
        while len(paragraph) > _PARAGRAPH_LIMIT:
            cut = paragraph.rfind(" ", 0, _PARAGRAPH_LIMIT)
            cut = cut if cut > 0 else _PARAGRAPH_LIMIT
            pieces.append(paragraph[:cut])
            paragraph = paragraph[cut:].lstrip()
        pieces.append(paragraph)
    return pieces


def write_situation(sheet: Sheet, plan: Plan) -> None:
    ws, st = sheet.ws, sheet.styles
    columns = [Column("Afsnit", 28), Column("Tekst", 110)]
    sheet.header_row(1, columns)
    row = 1
    for section in SituationSection:
        text = plan.situation_text(section)
        pieces = _paragraphs(text) if text.strip() else []
        row += 1
        sheet.put(row, 1, section.label, st.label)
        label = (section.label, columns[0].width)
        if not pieces:
            cell = sheet.put(row, 2, "(ikke udfyldt)", st.text)
            cell.font = st.grey
            sheet.fit_row(row, [], label=label)
            continue
        # One paragraph a row (no row outgrows Excel's highest), read as one text: no lines
        # between the paragraphs of a section, and one label beside them all.
        first = row
        for index, piece in enumerate(pieces):
            if index:
                row += 1
                sheet.put(row, 1, None, st.text)
            sheet.put(row, 2, piece, st.flow if len(pieces) > 1 else st.text)
            sheet.fit_row(row, [(piece, columns[1].width)], label=label if row == first else None)
        if row > first:
            ws.cell(row=row, column=2).border = st.flow_end
            ws.merge_cells(start_row=first, start_column=1, end_row=row, end_column=1)
            # The label spans the rows: together they must be as tall as its wrapped lines.
            need = row_height(text_lines(section.label, columns[0].width, bold=True))
            heights = [ws.row_dimensions[r].height or 15.0 for r in range(first, row + 1)]
            if sum(heights) < need:
                ws.row_dimensions[row].height = heights[-1] + need - sum(heights)
