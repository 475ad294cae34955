"""*Dialoger*: the year's dialogues, one row each."""

from __future__ import annotations

from ...domain import DialogueKind, Plan
from .writer import Column, Sheet, letter


def write_dialogues(sheet: Sheet, plan: Plan) -> None:
    st = sheet.styles
    columns = [
        Column("År", 6),
        Column("Dialog", 16),
        Column("Planlagt", 12),
        Column("Afholdt", 12),
        Column("Deltagere", 20),
        Column("Dagsorden", 34),
        Column("Noter", 48),
        Column("Aftaler", 40),
    ]
    sheet.header_row(1, columns)
    widths = [column.width for column in columns]
    order = {kind: index for index, kind in enumerate(DialogueKind)}
    dialogues = sorted(plan.dialogues, key=lambda d: (d.year, order[d.kind]))
    for row, dialogue in enumerate(dialogues, start=2):
        texts = [
            ", ".join(dialogue.participants),
            dialogue.agenda,
            dialogue.notes,
            dialogue.agreements,
        ]
        sheet.put(row, 1, dialogue.year, st.center)
        sheet.put(row, 2, dialogue.kind.label, st.text)
        sheet.put(row, 3, dialogue.planned, st.date)
        sheet.put(row, 4, dialogue.held, st.date)
        for column, value in enumerate(texts, start=5):
            sheet.put(row, column, value, st.text)
        sheet.fit_row(row, [(value, widths[i]) for i, value in enumerate(texts, start=4)])
    sheet.ws.auto_filter.ref = f"A1:{letter(len(columns))}{max(2, len(dialogues) + 1)}"
