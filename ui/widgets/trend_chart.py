"""An indicator's measurements over time, drawn with QPainter (no QtCharts).

Sizes come from the font's metrics and colours from the palette, so the chart stays readable at
150 % scaling and in dark mode. The same layout computes what is painted and what
:meth:`TrendChart.points` reports, so tests can check where the measurements land.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPainterPath, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from udviklingsplan_app.domain import Indicator, Measurement
from udviklingsplan_app.formatting import long_date

_SHORT_MONTHS = (
    "jan.",
    "feb.",
    "mar.",
    "apr.",
    "maj",
    "jun.",
    "jul.",
    "aug.",
    "sep.",
    "okt.",
    "nov.",
    "dec.",
)


def short_date(value: dt.date) -> str:
    """``3. mar. 2026``: a date short enough for an axis."""
    return f"{value.day}. {_SHORT_MONTHS[value.month - 1]} {value.year}"


def danish_number(value: float | None, decimals: int | None = None) -> str:
    """``12,5`` (decimal comma, no trailing zeros); ``""`` for no value."""
    if value is None:
        return ""
    if not math.isfinite(value):
        return str(value)
    if decimals is not None:
        text = f"{value:.{decimals}f}"
    elif abs(value) < 1e15:
        text = f"{value:.6f}".rstrip("0").rstrip(".")
    else:
        text = format(value, ".6g")
    if text.lstrip("-").strip("0.") == "":
        text = text.lstrip("-")  # no "-0"
    return text.replace(".", ",")


_THOUSANDS = re.compile(r"[+-]?\d{1,3}(\.\d{3})+(,\d*)?")
_PLAIN = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")


def parse_number(text: str) -> float | None:
    """A number as a Danish user types it: ``12,5``, ``1.250``, ``-3``, ``8,1 %``.

    Empty text is ``None``; anything else that is not a finite number raises ``ValueError``.
    """
    cleaned = (
        text.strip()
        .replace("\u00a0", "")
        .replace(" ", "")
        .replace("\u2212", "-")  # a typographic minus pasted from a document
        .removesuffix("%")
    )
    if not cleaned:
        return None
    if _THOUSANDS.fullmatch(cleaned):  # "1.250" or "1.250,5": dots group thousands
        cleaned = cleaned.replace(".", "")
    elif "," in cleaned and "." in cleaned:
        raise ValueError(text)
    cleaned = cleaned.replace(",", ".")
    if not _PLAIN.fullmatch(cleaned):
        raise ValueError(text)
    value = float(cleaned)
    if not math.isfinite(value):
        raise ValueError(text)
    return value


@dataclass(frozen=True)
class _Layout:
    """Where things go in one rectangle: the plot area and the value axis."""

    plot: QRectF
    low: float
    high: float
    ticks: tuple[float, ...]
    decimals: int
    first: int  # date ordinals of the first and last measurement
    last: int

    def x(self, date: dt.date) -> float:
        if self.last == self.first:
            return self.plot.center().x()
        share = (date.toordinal() - self.first) / (self.last - self.first)
        return self.plot.left() + share * self.plot.width()

    def y(self, value: float) -> float:
        share = (value - self.low) / (self.high - self.low)
        return self.plot.bottom() - share * self.plot.height()


def _nice_ticks(low: float, high: float, count: int) -> tuple[float, float, list[float], int]:
    """A range widened to round numbers, its ticks (1, 2, 2.5 or 5 × 10^n apart), decimals."""
    if high - low < 1e-12:
        pad = abs(low) * 0.1 or 1.0
        low, high = low - pad, high + pad
    raw = (high - low) / max(1, count - 1)
    magnitude = 10.0 ** math.floor(math.log10(raw))
    step = 10 * magnitude
    for factor in (1.0, 2.0, 2.5, 5.0, 10.0):
        if (high - low) / (factor * magnitude) <= max(1, count - 1):
            step = factor * magnitude
            break
    low = math.floor(low / step + 1e-9) * step
    high = math.ceil(high / step - 1e-9) * step
    ticks = [low + i * step for i in range(round((high - low) / step) + 1)]
    decimals = max(0, -math.floor(math.log10(step) + 1e-9))
    if round(step / 10.0**-decimals, 6) % 1:  # 2.5, 0.25 …: one more decimal
        decimals += 1
    return low, high, ticks, decimals


class TrendChart(QWidget):
    """The measurements of one indicator as a line over time, with baseline and target."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._indicator: Indicator | None = None
        self._measurements: list[Measurement] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._update_accessible()

    # --- data --------------------------------------------------------------------------------

    def set_indicator(self, indicator: Indicator | None) -> None:
        self._indicator = indicator
        # Stable sort: on one date the value entered last is drawn last.
        self._measurements = sorted(indicator.measurements if indicator else [], key=_date)
        self._update_accessible()
        self.update()

    def indicator(self) -> Indicator | None:
        return self._indicator

    def message(self) -> str:
        """What the chart says instead of a line, or ``""`` when it draws one."""
        if self._indicator is None:
            return self.tr("Vælg en indikator for at se udviklingen")
        if len(self._measurements) < 2:
            return self.tr("Tilføj mindst to målinger for at se udviklingen")
        return ""

    def summary(self) -> str:
        """The trend in words, for screen readers and the tooltip."""
        indicator = self._indicator
        if indicator is None:
            return self.tr("Ingen indikator valgt")
        values = self._measurements
        if not values:
            text = self.tr("Ingen målinger endnu")
        elif len(values) == 1:
            text = (
                self.tr("1 måling: %1 (%2)")
                .replace("%1", danish_number(values[0].value))
                .replace("%2", long_date(values[0].date))
            )
        else:
            text = (
                self.tr("%1 målinger fra %2 til %3")
                .replace("%1", str(len(values)))
                .replace("%2", danish_number(values[0].value))
                .replace("%3", danish_number(values[-1].value))
            )
        if indicator.target is not None:
            text += self.tr("; mål %1").replace("%1", danish_number(indicator.target))
        return text

    def _update_accessible(self) -> None:
        if self._indicator is None:
            name = self.tr("Udvikling")
        else:
            label = self._indicator.name
            if self._indicator.unit:
                label += f" ({self._indicator.unit})"
            name = self.tr("Udvikling for %1").replace("%1", label)
        self.setAccessibleName(name)
        self.setAccessibleDescription(self.summary())
        self.setToolTip(self.summary())

    # --- geometry ----------------------------------------------------------------------------

    def sizeHint(self) -> QSize:
        metrics = self.fontMetrics()
        return QSize(metrics.averageCharWidth() * 48, metrics.height() * 12)

    def minimumSizeHint(self) -> QSize:
        metrics = self.fontMetrics()
        return QSize(metrics.averageCharWidth() * 28, metrics.height() * 7)

    def _layout(self, rect: QRectF) -> _Layout | None:
        if self.message() or self._indicator is None:
            return None
        metrics = QFontMetricsF(self.font())
        line = metrics.height()
        pad = metrics.averageCharWidth()
        top = rect.top() + line * 1.5  # room for the unit above the value axis
        bottom = rect.bottom() - line * 1.6  # room for the dates
        values = [m.value for m in self._measurements]
        for extra in (self._indicator.baseline, self._indicator.target):
            if extra is not None:
                values.append(extra)
        count = max(2, min(6, int((bottom - top) / (line * 2)) + 1))
        low, high, ticks, decimals = _nice_ticks(min(values), max(values), count)
        label_width = max(metrics.horizontalAdvance(danish_number(t, decimals)) for t in ticks)
        # Half a date label on either side, so the first and last dates fit under their dots.
        half_date = metrics.horizontalAdvance(short_date(dt.date(2026, 9, 30))) / 2
        left = rect.left() + max(label_width + pad * 2, half_date + pad)
        right = rect.right() - max(pad * 2, half_date)
        plot = QRectF(QPointF(left, top), QPointF(max(left + 1, right), max(top + 1, bottom)))
        return _Layout(
            plot,
            low,
            high,
            tuple(ticks),
            decimals,
            self._measurements[0].date.toordinal(),
            self._measurements[-1].date.toordinal(),
        )

    def points(self, rect: QRectF | None = None) -> list[QPointF]:
        """Where the measurements are drawn in ``rect`` (the widget by default), oldest first."""
        layout = self._layout(QRectF(rect if rect is not None else self.rect()))
        if layout is None:
            return []
        return [QPointF(layout.x(m.date), layout.y(m.value)) for m in self._measurements]

    # --- painting ----------------------------------------------------------------------------

    def paintEvent(self, event: object) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        rect = QRectF(self.rect())
        painter.fillRect(rect, palette.color(QPalette.ColorRole.Base))
        painter.setPen(QPen(palette.color(QPalette.ColorRole.Mid), 1))
        painter.drawRect(rect.adjusted(0.5, 0.5, -0.5, -0.5))
        metrics = QFontMetricsF(self.font())
        layout = self._layout(rect)
        if layout is None:
            margin = metrics.averageCharWidth() * 2
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(
                rect.adjusted(margin, margin, -margin, -margin),
                int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap),
                self.message(),
            )
            painter.end()
            return
        self._paint_axes(painter, layout, metrics, rect)
        self._paint_references(painter, layout, metrics)
        self._paint_line(painter, layout, metrics)
        painter.end()

    def _paint_axes(
        self, painter: QPainter, layout: _Layout, metrics: QFontMetricsF, rect: QRectF
    ) -> None:
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.Text)
        grid = QColor(palette.color(QPalette.ColorRole.Mid))
        grid.setAlpha(110)
        plot = layout.plot
        pad = metrics.averageCharWidth()
        line = metrics.height()
        for tick in layout.ticks:
            y = layout.y(tick)
            painter.setPen(QPen(grid, 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            slot = QRectF(rect.left(), y - line / 2, plot.left() - rect.left() - pad, line)
            painter.setPen(text)
            painter.drawText(
                slot,
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                danish_number(tick, layout.decimals),
            )
        assert self._indicator is not None
        if self._indicator.unit:
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(
                QRectF(rect.left() + pad, rect.top() + line * 0.2, rect.width() - pad * 2, line),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                self._indicator.unit,
            )
        # Dates under their dots, left to right, skipping those that would overlap.
        painter.setPen(text)
        gap = metrics.averageCharWidth() * 1.5
        dates = sorted({m.date for m in self._measurements})
        order = [dates[0], dates[-1], *dates[1:-1]] if len(dates) > 1 else dates
        drawn: list[QRectF] = []
        for date in order:
            label = short_date(date)
            width = metrics.horizontalAdvance(label)
            x = layout.x(date)
            left = min(max(x - width / 2, rect.left() + pad / 2), rect.right() - pad / 2 - width)
            box = QRectF(left, plot.bottom() + line * 0.3, width, line)
            if any(box.adjusted(-gap, 0, gap, 0).intersects(other) for other in drawn):
                continue
            drawn.append(box)
            painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), label)

    def _paint_references(self, painter: QPainter, layout: _Layout, metrics: QFontMetricsF) -> None:
        """Dashed lines for the baseline and the target, each named at its right end."""
        assert self._indicator is not None
        palette = self.palette()
        plot = layout.plot
        line = metrics.height()
        pad = metrics.averageCharWidth()
        width = max(1.0, line / 14)
        references = [
            (
                self._indicator.target,
                self.tr("Mål %1"),
                palette.color(QPalette.ColorRole.Text),
                width * 1.5,
            ),
            (
                self._indicator.baseline,
                self.tr("Udgangspunkt %1"),
                palette.color(QPalette.ColorRole.PlaceholderText),
                width,
            ),
        ]
        placed: list[QRectF] = []
        for value, template, colour, pen_width in references:
            if value is None:
                continue
            y = layout.y(value)
            pen = QPen(colour, pen_width, Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            label = template.replace("%1", danish_number(value))
            label_width = metrics.horizontalAdvance(label) + pad
            above = QRectF(plot.right() - label_width, y - line - 1, label_width, line)
            below = QRectF(plot.right() - label_width, y + 1, label_width, line)
            box = above
            if above.top() < plot.top() - line * 0.5 or any(above.intersects(p) for p in placed):
                box = below
            placed.append(box)
            background = QColor(palette.color(QPalette.ColorRole.Base))
            background.setAlpha(200)
            painter.fillRect(box, background)
            painter.setPen(colour)
            painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), label)

    def _paint_line(self, painter: QPainter, layout: _Layout, metrics: QFontMetricsF) -> None:
        palette = self.palette()
        colour = palette.color(QPalette.ColorRole.Highlight)
        line = metrics.height()
        points = [QPointF(layout.x(m.date), layout.y(m.value)) for m in self._measurements]
        path = QPainterPath(points[0])
        for point in points[1:]:
            path.lineTo(point)
        painter.setPen(QPen(colour, max(1.5, line / 8)))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(path)
        radius = max(2.5, line / 4)
        painter.setPen(QPen(palette.color(QPalette.ColorRole.Base), max(1.0, line / 14)))
        painter.setBrush(colour)
        for point in points:
            painter.drawEllipse(point, radius, radius)


def _date(measurement: Measurement) -> dt.date:
    return measurement.date
