"""Pages: the document laid out on A4, with a header and a "Side X af Y" footer on each page.

The standard technique for a ``QTextDocument`` with running headers: lay the document out with
the page size minus the header and footer bands, then for each page translate the painter, draw
the document through that page's clip rectangle, and paint the header and footer around it.
The same painting goes to a ``QPdfWriter`` (the PDF export) or to any other paged device the
window hands in (a ``QPrinter`` from the print dialog).

QTextDocument is reentrant and QPainter may paint on a QPdfWriter outside the GUI thread, so the
window writes the PDF in a worker thread (the fonts are registered first, in the GUI thread).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QFontMetricsF,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextDocument,
)

from udviklingsplan_app.atomic_files import write_atomically
from udviklingsplan_app.domain import Plan
from udviklingsplan_app.exchange.files import safe_file_name
from udviklingsplan_app.formatting import long_date, years_label
from udviklingsplan_app.framework import Framework

from . import fonts
from .document import MUTED, RULE, build_document, clean

#: A4 portrait; the margins (mm) around the header, the text and the footer.
MARGINS_MM = QMarginsF(20, 12, 20, 12)
HEADER_MM = 11.0  # the header band above the text: one line, a rule, and air
FOOTER_MM = 11.0
RESOLUTION = 300  # dots per inch for layout; the text and rules stay vector in the PDF


def default_file_name(plan: Plan) -> str:
    """``Udviklingsplan <arbejdsplads> <år>.pdf``, safe as a Windows file name."""
    years = years_label(plan.first_year, plan.years)
    return safe_file_name(f"Udviklingsplan {plan.workplace} {years}", ".pdf")


def export_plan(plan_id: int, target: Path, *, today: dt.date | None = None) -> Path:
    """Load the stored plan and write it to ``target`` as a PDF (the command line's way)."""
    from udviklingsplan_app import services

    plan = services.load_plan(plan_id)
    framework = services.plan_framework(plan_id)
    target = Path(target)
    write_pdf(plan, framework, target, today=today)
    return target


def write_pdf(
    plan: Plan, framework: Framework, target: Path, *, today: dt.date | None = None
) -> int:
    """Write the plan as an A4 PDF to ``target``, atomically; returns the number of pages.

    A target that is open in another program or cannot be written raises the same Danish
    :class:`~udviklingsplan_app.errors.InputError` as the other exports, and the old file stays.
    """
    today = today or dt.date.today()
    fonts.family()  # the application and the shipped font, before anything is laid out
    document = build_document(plan, framework, today=today)
    pages = 0

    def write(tmp: Path) -> None:
        nonlocal pages
        writer = QPdfWriter(str(tmp))
        writer.setResolution(RESOLUTION)
        writer.setCreator("Udviklingsplan")
        writer.setTitle(
            clean(document.metaInformation(QTextDocument.MetaInformation.DocumentTitle))
        )
        pages = paint_pages(document, writer, plan, today)

    write_atomically(Path(target), write)
    return pages


def print_plan(
    plan: Plan,
    framework: Framework,
    device: QPagedPaintDevice,
    *,
    today: dt.date | None = None,
    keep_paper: bool = False,
) -> int:
    """Paint the same document on a paged device the caller set up (a printer); returns pages.

    ``keep_paper`` keeps the paper chosen in the print dialog (only the margins are set).
    """
    today = today or dt.date.today()
    fonts.family()
    document = build_document(plan, framework, today=today)
    pages = paint_pages(document, device, plan, today, keep_paper=keep_paper)
    return pages


def _mm(device: QPagedPaintDevice, millimetres: float) -> float:
    return millimetres / 25.4 * device.logicalDpiY()


def paint_pages(
    document: QTextDocument,
    device: QPagedPaintDevice,
    plan: Plan,
    today: dt.date,
    *,
    keep_paper: bool = False,
) -> int:
    """Lay the document out on the device's pages and paint them; returns the page count."""
    if keep_paper:
        device.setPageMargins(MARGINS_MM, QPageLayout.Unit.Millimeter)
    else:
        device.setPageLayout(
            QPageLayout(
                QPageSize(QPageSize.PageSizeId.A4),
                QPageLayout.Orientation.Portrait,
                MARGINS_MM,
                QPageLayout.Unit.Millimeter,
            )
        )
    painter = QPainter()
    if not painter.begin(device):
        raise OSError("PDF-filen kunne ikke åbnes til skrivning")
    try:
        width, height = float(device.width()), float(device.height())
        header, footer = _mm(device, HEADER_MM), _mm(device, FOOTER_MM)
        body_height = height - header - footer
        document.documentLayout().setPaintDevice(device)
        document.setPageSize(QSizeF(width, body_height))
        count = document.pageCount()
        small = fonts.font(8.5)
        metrics = QFontMetricsF(small, device)
        workplace = " ".join(clean(plan.workplace).split())
        years = f"Udviklingsplan {years_label(plan.first_year, plan.years)}"
        exported = f"Eksporteret {long_date(today)}"
        pen = QPen(RULE)
        pen.setWidthF(_mm(device, 0.2))
        # What is the same on every page, measured once.
        layout = document.documentLayout()
        line = metrics.height()
        right_width = metrics.horizontalAdvance(years)
        room = width - right_width - _mm(device, 6)
        workplace_shown = metrics.elidedText(workplace, Qt.TextElideMode.ElideRight, room)
        header_rule = int(line + _mm(device, 1.5))
        top = height - line
        footer_rule = int(top - _mm(device, 1.5))
        left_top = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        right_top = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        left_bottom = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom)
        right_bottom = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom)
        context = QAbstractTextDocumentLayout.PaintContext()
        for index in range(count):
            if index:
                device.newPage()
            painter.save()
            clip = QRectF(0, index * body_height, width, body_height)
            painter.translate(0, header - index * body_height)
            painter.setClipRect(clip)
            context.clip = clip
            layout.draw(painter, context)
            painter.restore()

            painter.setFont(small)
            if index:  # the front page carries the workplace in large type already
                painter.setPen(MUTED)
                painter.drawText(QRectF(0, 0, room, line), left_top, workplace_shown)
                painter.drawText(
                    QRectF(width - right_width, 0, right_width, line), right_top, years
                )
                painter.setPen(pen)
                painter.drawLine(0, header_rule, int(width), header_rule)
            painter.setPen(pen)
            painter.drawLine(0, footer_rule, int(width), footer_rule)
            painter.setPen(MUTED)
            painter.drawText(QRectF(0, top, width / 2, line), left_bottom, exported)
            painter.drawText(
                QRectF(width / 2, top, width / 2, line),
                right_bottom,
                f"Side {index + 1} af {count}",
            )
    finally:
        painter.end()
    return count
