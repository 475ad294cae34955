"""*Strategi*: the framework itself, printed only on request."""

from __future__ import annotations

from ...framework import Framework
from .wording import bullets
from .writer import Column, Sheet, letter


def write_strategy(sheet: Sheet, framework: Framework) -> None:
    st = sheet.styles
    terms = framework.terms
    columns = [
        Column("Kode", 9),
        Column(terms.vision, 26),
        Column("Type", 15),
        Column("Titel", 40),
        Column("Beskrivelse", 80),
    ]
    sheet.header_row(1, columns)
    rows: list[tuple[str, tuple[str, str, str, str, str]]] = []  # (style, cells)
    for vision in framework.visions:
        rows.append(
            (st.vision, (vision.code, vision.title, terms.vision, vision.title, vision.description))
        )
        for theme in vision.themes:
            about = "\n".join(bullets(theme.bullets))
            if theme.text:
                about = f"{about}\n\n{theme.text}" if about else theme.text
            rows.append((st.text, (theme.code, vision.title, terms.theme, theme.title, about)))
        for sign in vision.signs:
            rows.append((st.text, (sign.code, vision.title, terms.sign, sign.text, "")))
        for condition in vision.preconditions:
            rows.append(
                (st.text, (condition.code, vision.title, "Forudsætning", condition.text, ""))
            )
    widths = [column.width for column in columns]
    for row, (style, values) in enumerate(rows, start=2):
        for column, value in enumerate(values, start=1):
            sheet.put(row, column, value, style)
        # A vision's row is bold throughout, its description too (the V2 row was cut).
        texts = [(value, widths[i]) for i, value in enumerate(values)]
        sheet.fit_row(row, texts, bold=style == st.vision)
    sheet.ws.auto_filter.ref = f"A1:{letter(len(columns))}{max(2, len(rows) + 1)}"
    row = len(rows) + 3
    source = (
        f"Kilde: {framework.title} ({framework.owner}, {framework.period}), "
        f"version {framework.version}."
    )
    sheet.put(row, 1, source, st.note)
    sheet.ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(columns))
