"""The PDF from the window: *Eksportér til PDF…* and *Udskriv…*, the same document both ways.

The export writes the file in a pool thread (QTextDocument is reentrant, and QPainter may paint
on a QPdfWriter outside the GUI thread); the shipped font is registered first, here in the GUI
thread. Printing paints on the QPrinter the print dialog set up, on the GUI thread with a busy
cursor: the printer object belongs to the dialog's thread, and a plan prints in well under a
second.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from udviklingsplan_app.domain import Plan
from udviklingsplan_app.framework import Framework
from ui.session import explain

if TYPE_CHECKING:
    from ui.main_window import MainWindow


class _Signals(QObject):
    done = Signal(str)
    failed = Signal(str)


class PdfJob(QRunnable):
    """Writes the PDF in a pool thread and reports back through queued signals."""

    def __init__(self, plan: Plan, framework: Framework, target: Path) -> None:
        super().__init__()
        self.plan, self.framework, self.target = plan, framework, target
        self.signals = _Signals()

    def run(self) -> None:
        from udviklingsplan_pdf import write_pdf

        try:
            write_pdf(self.plan, self.framework, self.target, today=dt.date.today())
        except Exception as error:
            self.signals.failed.emit(explain(error))
            return
        self.signals.done.emit(str(self.target))


def start_pdf_export(window: MainWindow) -> PdfJob | None:
    """Ask where to save, then write the PDF in the background; returns the job."""
    window.session.flush()  # what was typed a moment ago belongs in the file
    plan, framework = window.session.plan, window.session.framework
    if plan is None or framework is None:
        return None
    from udviklingsplan_pdf import default_file_name, fonts

    name, _ = QFileDialog.getSaveFileName(
        window,
        window.tr("Eksportér til PDF"),
        str(Path.home() / default_file_name(plan)),
        window.tr("PDF-dokument (*.pdf)"),
    )
    if not name:
        return None
    target = Path(name)
    if target.suffix.lower() != ".pdf":
        target = target.with_name(target.name + ".pdf")
    fonts.family()  # registered in the GUI thread, before the worker lays the text out
    window.pdf_action.setEnabled(False)
    QGuiApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
    job = PdfJob(plan, framework, target)
    window.pdf_job = job  # type: ignore[attr-defined]

    def finish() -> None:
        QGuiApplication.restoreOverrideCursor()
        window.pdf_action.setEnabled(window.session.plan is not None)
        window.pdf_job = None  # type: ignore[attr-defined]

    def done(path: str) -> None:
        finish()
        window.statusBar().showMessage(
            window.tr("Planen er eksporteret til %1").replace("%1", path), 8000
        )
        _offer_to_open(window, Path(path))

    def failed(message: str) -> None:
        finish()
        QMessageBox.warning(window, window.tr("Planen kan ikke eksporteres"), message)

    job.signals.done.connect(done, Qt.ConnectionType.QueuedConnection)
    job.signals.failed.connect(failed, Qt.ConnectionType.QueuedConnection)
    job.setAutoDelete(False)  # the window keeps it until its signals have been delivered
    QThreadPool.globalInstance().start(job)
    return job


def print_plan(window: MainWindow) -> bool:
    """The print dialog, then the same document on the chosen printer; True when printed."""
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    window.session.flush()
    plan, framework = window.session.plan, window.session.framework
    if plan is None or framework is None:
        return False
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(f"Udviklingsplan – {plan.workplace}")
    dialog = QPrintDialog(printer, window)
    dialog.setWindowTitle(window.tr("Udskriv planen"))
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    from udviklingsplan_pdf import print_plan as paint_plan

    QGuiApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
    try:
        pages = paint_plan(plan, framework, printer, today=dt.date.today(), keep_paper=True)
    except Exception as error:
        QGuiApplication.restoreOverrideCursor()
        QMessageBox.warning(window, window.tr("Planen kan ikke udskrives"), explain(error))
        return False
    QGuiApplication.restoreOverrideCursor()
    window.statusBar().showMessage(
        window.tr("Planen er sendt til printeren (%1 sider)").replace("%1", str(pages)), 8000
    )
    return True


def _offer_to_open(window: MainWindow, path: Path) -> None:
    box = QMessageBox(window)
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle(window.tr("Eksporteret"))
    box.setText(window.tr("Planen er gemt som PDF:\n%1").replace("%1", str(path)))
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
