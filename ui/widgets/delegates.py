"""Item delegates: room between the rows of a list whose long texts wrap, and the editors for
the goal parts' cells (text, Danish numbers, parties).

``QListView.setSpacing`` narrows each row by the spacing when it is painted but not when its
height is worked out, so a wrapped text gets one line too few and ends in "…" (most visibly in
the narrow Vejledning panel). :func:`space_rows` gives the room below each row instead, with
the row's full width both times.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QComboBox,
    QLineEdit,
    QListView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from udviklingsplan_app.domain import Party

_Index = QModelIndex | QPersistentModelIndex
_EDIT = Qt.ItemDataRole.EditRole


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


# --- the goal parts' cells ---------------------------------------------------------------


class TextDelegate(QStyledItemDelegate):
    """Plain text in a line editor, selected as editing starts (typing replaces it)."""

    def setEditorData(self, editor: QWidget, index: _Index) -> None:
        super().setEditorData(editor, index)
        if isinstance(editor, QLineEdit):
            editor.selectAll()


class NumberDelegate(TextDelegate):
    """A number typed as Danish text, right-aligned like the cell; the field is never too
    narrow to read what is typed (it grows to the left over the cell beside it)."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: _Index) -> QWidget:
        editor = super().createEditor(parent, option, index)
        if isinstance(editor, QLineEdit):
            editor.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return editor

    def updateEditorGeometry(
        self, editor: QWidget, option: QStyleOptionViewItem, index: _Index
    ) -> None:
        rect = QRect(option.rect)
        wide = editor.fontMetrics().horizontalAdvance("-1.234.567,89") + 12
        if rect.width() < wide:
            rect.setLeft(max(0, rect.right() - wide))
        editor.setGeometry(rect)


class PartyDelegate(QStyledItemDelegate):
    """Who was involved, chosen from the parties' Danish names; a choice is stored at once."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: _Index) -> QWidget:
        combo = QComboBox(parent)
        for party in Party:
            combo.addItem(party.label, party.value)
        combo.activated.connect(lambda _row, c=combo: self._chosen(c))
        return combo

    def _chosen(self, combo: QComboBox) -> None:
        self.commitData.emit(combo)
        self.closeEditor.emit(combo, QAbstractItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor: QWidget, index: _Index) -> None:
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(index.data(_EDIT))))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: _Index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), _EDIT)

    def updateEditorGeometry(
        self, editor: QWidget, option: QStyleOptionViewItem, index: _Index
    ) -> None:
        rect = QRect(option.rect)
        rect.setWidth(max(rect.width(), editor.sizeHint().width()))
        editor.setGeometry(rect)
