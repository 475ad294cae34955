"""The PDF from the window: *Eksportér til PDF…* and *Udskriv…*, the same document both ways.

The export writes the file in a pool thread (:mod:`ui.operations.file_export`;
QTextDocument is reentrant, and QPainter may paint on a QPdfWriter outside the GUI thread); the
shipped font is registered first, here in the GUI thread. Printing paints on the QPrinter the print dialog set up, on the GUI thread with a busy
cursor: the printer object belongs to the dialog's thread, and a plan prints in well under a
second.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QMessageBox

from ui.operations import Operation
from ui.operations.file_export import choose_export_target, export_in_background
from ui.session import explain

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

    title = window.tr("Eksportér til PDF")
    target = choose_export_target(
        window,
        title=title,
        file_filter=window.tr("PDF-dokument (*.pdf)"),
        file_name=default_file_name(plan),
        suffix=".pdf",
    )
    if target is None:
        return None
    fonts.family()  # registered in the GUI thread, before the worker lays the text out

    def write() -> None:
        from udviklingsplan_pdf import write_pdf

        write_pdf(plan, framework, target, today=dt.date.today())

    return export_in_background(
        window,
        target,
        write,
        action=window.pdf_action,
        saved=window.tr("Planen er gemt som PDF:\n%1").replace("%1", str(target)),
        busy=window.tr("Eksporterer planen til PDF …"),
        title=title,
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
