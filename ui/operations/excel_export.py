"""Excel export from the window: a file dialog, the writing off the GUI thread, then "open it?".

The plan is read in the GUI thread (it is already loaded); only the workbook is written in a
worker thread, so the database is never used from two threads.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog

from udviklingsplan_app.domain import Plan
from udviklingsplan_app.framework import Framework
from ui.session import explain

if TYPE_CHECKING:
    from ui.main_window import MainWindow


class _Signals(QObject):
    done = Signal(str)
    failed = Signal(str)


class ExcelJob(QRunnable):
    """Writes the workbook in a pool thread and reports back through queued signals."""

    def __init__(self, plan: Plan, framework: Framework, target: Path) -> None:
        super().__init__()
        self.plan, self.framework, self.target = plan, framework, target
        self.signals = _Signals()

    def run(self) -> None:
        from udviklingsplan_app.exchange.excel import write_workbook

        try:
            write_workbook(self.plan, self.framework, self.target, today=dt.date.today())
        except Exception as error:
            self.signals.failed.emit(explain(error))
            return
        self.signals.done.emit(str(self.target))


def start_excel_export(window: MainWindow) -> ExcelJob | None:
    """Ask where to save, then write the workbook in the background; returns the job."""
    plan, framework = window.session.plan, window.session.framework
    if plan is None or framework is None:
        return None
    from udviklingsplan_app.exchange.excel import default_file_name

    suggestion = Path.home() / default_file_name(plan)
    name, _ = QFileDialog.getSaveFileName(
        window,
        window.tr("Eksportér til Excel"),
        str(suggestion),
        window.tr("Excel-projektmappe (*.xlsx)"),
    )
    if not name:
        return None
    target = Path(name)
    if target.suffix.lower() != ".xlsx":
        target = target.with_name(target.name + ".xlsx")

    busy = QProgressDialog(window.tr("Eksporterer planen til Excel …"), "", 0, 0, window)
    busy.setWindowTitle(window.tr("Eksportér til Excel"))
    busy.setCancelButton(None)  # type: ignore[arg-type]
    busy.setWindowModality(Qt.WindowModality.WindowModal)
    busy.setMinimumDuration(300)
    window.excel_action.setEnabled(False)

    job = ExcelJob(plan, framework, target)
    window.excel_job = job  # type: ignore[attr-defined]

    def finish() -> None:
        busy.reset()
        busy.deleteLater()
        window.excel_action.setEnabled(window.session.plan is not None)
        window.excel_job = None  # type: ignore[attr-defined]

    def done(path: str) -> None:
        finish()
        window.statusBar().showMessage(
            window.tr("Planen er eksporteret til %1").replace("%1", path), 8000
        )
        offer_to_open(window, Path(path))

    def failed(message: str) -> None:
        finish()
        QMessageBox.warning(window, window.tr("Planen kan ikke eksporteres"), message)

    job.signals.done.connect(done, Qt.ConnectionType.QueuedConnection)
    job.signals.failed.connect(failed, Qt.ConnectionType.QueuedConnection)
    job.setAutoDelete(False)  # the window keeps it until its signals have been delivered
    QThreadPool.globalInstance().start(job)
    return job


def offer_to_open(window: MainWindow, path: Path) -> None:
    box = QMessageBox(window)
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle(window.tr("Eksporteret"))
    box.setText(window.tr("Planen er gemt som Excel-fil:\n%1").replace("%1", str(path)))
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
