"""*Vejledning*: the guidance's findings, the most serious first."""

from __future__ import annotations

from collections.abc import Sequence

from ...guidance import Finding
from .writer import Column, Sheet


def write_guidance(sheet: Sheet, findings: Sequence[Finding]) -> None:
    """Every finding of the guidance, the most serious first, for the leader and the manager."""
    st = sheet.styles
    columns = [Column("Alvor", 12), Column("Bemærkning", 120)]
    sheet.header_row(1, columns)
    if not findings:
        sheet.put(2, 1, "Ingen bemærkninger – planen følger strategiens anbefalinger.", st.note)
        sheet.ws.merge_cells("A2:B2")
    for row, finding in enumerate(findings, start=2):
        cell = sheet.put(row, 1, finding.severity.label, st.label)
        cell.fill = st.severity_fills[finding.severity]
        sheet.put(row, 2, finding.message, st.text)
        sheet.fit_row(row, [(finding.message, columns[1].width)])
    sheet.ws.auto_filter.ref = f"A1:B{max(2, len(findings) + 1)}"
