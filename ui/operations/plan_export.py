"""Filer → Gem plan som overdragelsesfil…: the plan as a JSON file, written off the GUI thread.

The plan is already loaded in the GUI thread; only the file is written in the background.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QMessageBox

from ui.operations import Operation, run_in_background
from ui.session import explain
from ui.settings import EXPORTS, last_folder, remember_folder

if TYPE_CHECKING:
    from ui.shell import Shell

#: The name of a plan export in :func:`ui.operations.running`.
PLAN_EXPORT = "plan_export"


def export_plan_file(window: Shell) -> Operation[None] | None:
    """Ask where, then write the open plan there as a handover file; returns the operation."""
    window.session.flush()  # what was typed a moment ago belongs in the file
    plan = window.session.plan
    if plan is None or plan.id is None:
        return None
    from udviklingsplan_app.exchange.files import safe_file_name

    suggestion = last_folder(EXPORTS) / safe_file_name(f"Udviklingsplan {plan.workplace}", ".json")
    name, _ = QFileDialog.getSaveFileName(
        window,
        window.tr("Gem plan som overdragelsesfil"),
        str(suggestion),
        window.tr("Overdragelsesfil med en udviklingsplan (*.json)"),
    )
    if not name:
        return None
    remember_folder(EXPORTS, name)
    db_path = window.session.db_path

    def write() -> None:
        from udviklingsplan_app.exchange.json_format import write_plan_file

        write_plan_file(plan, Path(name))

    def done(_: None) -> None:
        window.statusBar().showMessage(
            window.tr("Planen er eksporteret til %1").replace("%1", name), 8000
        )

    def failed(error: Exception) -> None:
        QMessageBox.warning(
            window, window.tr("Planen kan ikke eksporteres"), explain(error, db_path)
        )

    return run_in_background(
        window,
        write,
        on_success=done,
        on_failure=failed,
        busy=window.tr("Gemmer overdragelsesfilen …"),
        title=window.tr("Gem plan som overdragelsesfil"),
        name=PLAN_EXPORT,
    )
