"""The PDF from the window: *Eksportér til PDF…* and *Udskriv…*, the same document both ways.

The export writes the file in a pool thread (:func:`ui.operations.run_in_background`;
QTextDocument is reentrant, and QPainter may paint on a QPdfWriter outside the GUI thread); the
shipped font is registered first, here in the GUI thread. Printing paints on the QPrinter the print dialog set up, on the GUI thread with a busy
cursor: the printer object belongs to the dialog's thread, and a plan prints in well under a
second.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from ui.operations import Operation, run_in_background
from ui.operations.excel_export import offer_to_open
from ui.session import explain
from ui.settings import EXPORTS, last_folder, remember_folder

if TYPE_CHECKING:
    from ui.shell import Shell

#: The name of a PDF export in :func:`ui.operations.running`.
PDF = "pdf"


def start_pdf_export(window: Shell) -> Operation[None] | None:
    """Ask where to save, then write the PDF in the background; returns the operation."""
    window.session.flush()  # what was typed a moment ago belongs in the file
    plan, framework = window.session.plan, window.session.framework
    if plan is None or framework is None:
        return None
    from udviklingsplan_pdf import default_file_name, fonts

    name, _ = QFileDialog.getSaveFileName(
        window,
        window.tr("Eksportér til PDF"),
        str(last_folder(EXPORTS) / default_file_name(plan)),
        window.tr("PDF-dokument (*.pdf)"),
    )
    if not name:
        return None
    remember_folder(EXPORTS, name)
    target = Path(name)
    if target.suffix.lower() != ".pdf":
        target = target.with_name(target.name + ".pdf")
    fonts.family()  # registered in the GUI thread, before the worker lays the text out
    window.pdf_action.setEnabled(False)

    def write() -> None:
        from udviklingsplan_pdf import write_pdf

        write_pdf(plan, framework, target, today=dt.date.today())

    def done(_: None) -> None:
        window.pdf_action.setEnabled(window.session.plan is not None)
        window.statusBar().showMessage(
            window.tr("Planen er eksporteret til %1").replace("%1", str(target)), 8000
        )
        offer_to_open(
            window, target, window.tr("Planen er gemt som PDF:\n%1").replace("%1", str(target))
        )

    def failed(error: Exception) -> None:
        window.pdf_action.setEnabled(window.session.plan is not None)
        QMessageBox.warning(window, window.tr("Planen kan ikke eksporteres"), explain(error))

    return run_in_background(
        window,
        write,
        on_success=done,
        on_failure=failed,
        busy=window.tr("Eksporterer planen til PDF …"),
        title=window.tr("Eksportér til PDF"),
        name=PDF,
    )


def print_plan(window: Shell) -> bool:
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
