"""Room between the rows of a list whose long texts wrap.

``QListView.setSpacing`` narrows each row by the spacing when it is painted but not when its
height is worked out, so a wrapped text gets one line too few and ends in "…" (most visibly in
the narrow Vejledning panel). :func:`space_rows` gives the room below each row instead, with
the row's full width both times.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QListView, QStyledItemDelegate, QStyleOptionViewItem

_Index = QModelIndex | QPersistentModelIndex


class GapDelegate(QStyledItemDelegate):
    """Paints a row as usual, with ``gap`` pixels of room below it."""

    def __init__(self, gap: int, parent: QListView) -> None:
        super().__init__(parent)
        self.gap = gap

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width(), size.height() + self.gap)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        shown = QStyleOptionViewItem(option)
        shown.rect = option.rect.adjusted(0, 0, 0, -self.gap)
        super().paint(painter, shown, index)


def space_rows(view: QListView, gap: int) -> None:
    """``gap`` pixels between the rows of ``view`` without cutting its wrapped texts short."""
    view.setSpacing(0)
    view.setItemDelegate(GapDelegate(gap, view))
