"""*Statushistorik*: each goal's status changes, oldest first."""

from __future__ import annotations

from ...domain import Plan
from .writer import Column, Sheet


def write_history(sheet: Sheet, plan: Plan) -> None:
    """Each goal's status changes, oldest first: when, which status, and the note given."""
    st = sheet.styles
    columns = [
        Column("År", 6),
        Column("Udviklingsmål", 40),
        Column("Dato", 12),
        Column("Status", 15),
        Column("Note", 70),
    ]
    sheet.header_row(1, columns)
    row = 1
    for goal in plan.goals:
        for change in sorted(goal.status_history, key=lambda c: c.at):
            row += 1
            sheet.put(row, 1, goal.year, st.center)
            sheet.put(row, 2, goal.title, st.text)
            sheet.put(row, 3, change.at.date(), st.date)
            sheet.put(row, 4, change.status.label, st.text)
            sheet.put(row, 5, change.note, st.text)
            sheet.fit_row(row, [(goal.title, 40), (change.status.label, 15), (change.note, 70)])
    if row == 1:
        sheet.put(2, 1, "Ingen statusændringer registreret endnu.", st.note)
        sheet.ws.merge_cells("A2:E2")
    sheet.ws.auto_filter.ref = f"A1:E{max(2, row)}"
