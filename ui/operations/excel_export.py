"""Excel export from the window: a file dialog, the writing off the GUI thread, then "open it?".

The plan is read in the GUI thread (it is already loaded); only the workbook is written in a
worker thread (:func:`ui.operations.run_in_background`), so the database is never used from
two threads.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox

from ui.operations import Operation, run_in_background
from ui.session import explain
from ui.settings import EXPORTS, last_folder, remember_folder

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

    suggestion = last_folder(EXPORTS) / default_file_name(plan)
    name, _ = QFileDialog.getSaveFileName(
        window,
        window.tr("Eksportér til Excel"),
        str(suggestion),
        window.tr("Excel-projektmappe (*.xlsx)"),
    )
    if not name:
        return None
    remember_folder(EXPORTS, name)
    target = Path(name)
    if target.suffix.lower() != ".xlsx":
        target = target.with_name(target.name + ".xlsx")
    window.excel_action.setEnabled(False)

    def write() -> None:
        from udviklingsplan_app.exchange.excel import write_workbook

        write_workbook(plan, framework, target, today=dt.date.today())

    def done(_: None) -> None:
        window.excel_action.setEnabled(window.session.plan is not None)
        window.statusBar().showMessage(
            window.tr("Planen er eksporteret til %1").replace("%1", str(target)), 8000
        )
        offer_to_open(window, target)

    def failed(error: Exception) -> None:
        window.excel_action.setEnabled(window.session.plan is not None)
        QMessageBox.warning(window, window.tr("Planen kan ikke eksporteres"), explain(error))

    return run_in_background(
        window,
        write,
        on_success=done,
        on_failure=failed,
        busy=window.tr("Eksporterer planen til Excel …"),
        title=window.tr("Eksportér til Excel"),
        name=EXCEL,
    )


def offer_to_open(window: Shell, path: Path, message: str = "") -> None:
    """ "Open the file, its folder, or close": ``message`` says what was saved where."""
    box = QMessageBox(window)
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle(window.tr("Eksporteret"))
    box.setText(message or window.tr("Planen er gemt som Excel-fil:\n%1").replace("%1", str(path)))
    open_file = box.addButton(window.tr("Åbn &filen"), QMessageBox.ButtonRole.AcceptRole)
    open_folder = box.addButton(window.tr("Åbn &mappen"), QMessageBox.ButtonRole.ActionRole)
    box.addButton(window.tr("&Luk"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(open_file)
    box.exec()
    clicked = box.clickedButton()
    if clicked is open_file:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
    elif clicked is open_folder:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))
