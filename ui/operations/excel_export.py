"""Excel export from the window: a file dialog, the writing off the GUI thread, then "open it?".

The plan is read in the GUI thread (it is already loaded); only the workbook is written in a
worker thread (:mod:`ui.operations.file_export`), so the database is never used from two threads.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from ui.operations import Operation
from ui.operations.file_export import choose_export_target, export_in_background

if TYPE_CHECKING:
    from ui.shell import Shell

#: The name of an Excel export in :func:`ui.operations.running`.
EXCEL = "excel"


def start_excel_export(window: Shell) -> Operation[None] | None:
    """Ask where to save, then write the workbook in the background; returns the operation."""
    plan, framework = window.session.plan, window.session.framework
    if plan is None or framework is None:
        return None
    from udviklingsplan_app.exchange.excel import default_file_name

    title = window.tr("Eksportér til Excel")
    target = choose_export_target(
        window,
        title=title,
        file_filter=window.tr("Excel-projektmappe (*.xlsx)"),
        file_name=default_file_name(plan),
        suffix=".xlsx",
    )
    if target is None:
        return None

    def write() -> None:
        from udviklingsplan_app.exchange.excel import write_workbook

        write_workbook(plan, framework, target, today=dt.date.today())

    return export_in_background(
        window,
        target,
        write,
        action=window.excel_action,
        saved=window.tr("Planen er gemt som Excel-fil:\n%1").replace("%1", str(target)),
        busy=window.tr("Eksporterer planen til Excel …"),
        title=title,
        name=EXCEL,
    )
