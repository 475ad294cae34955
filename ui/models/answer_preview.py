"""The preview of a manager's answer as a table: one row per item, a check box to keep it.

Columns: what the item is about (with the check box), what the manager wrote or suggested,
and what the plan holds now. The new items come first (comments ticked, status suggestions
not); what was read in before follows, greyed and not to be ticked. The rules (what is new,
what a suggestion says) are the core's (:mod:`udviklingsplan_app.services.manager_answers`).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from udviklingsplan_app.services.manager_answers import AnswerPreview, ItemKind, PreviewItem

_Index = QModelIndex | QPersistentModelIndex

#: How much of a long comment a cell shows (the whole text is in its tooltip).
SHOWN_CHARS = 400

ABOUT, WROTE, NOW = range(3)
HEADERS = ("Gem · handler om", "Din leder skrev", "I planen nu")


def _short(text: str) -> str:
    text = text.strip()
    return text if len(text) <= SHOWN_CHARS else text[: SHOWN_CHARS - 1].rstrip() + " …"


class AnswerPreviewModel(QAbstractTableModel):
    """The items of an :class:`AnswerPreview`, each with a check box (new items only)."""

    def __init__(self, preview: AnswerPreview, parent: Any = None) -> None:
        super().__init__(parent)
        self.preview = preview
        self.rows: list[PreviewItem] = [*preview.items, *preview.read_before]
        self.ticked: set[str] = set(preview.ticked_keys)

    # --- what is ticked ----------------------------------------------------------------

    def ticked_keys(self) -> list[str]:
        """The keys of the ticked items, in the preview's order."""
        return [item.key for item in self.preview.items if item.key in self.ticked]

    def set_ticked(self, row: int, ticked: bool) -> None:
        self.setData(
            self.index(row, ABOUT),
            (Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked).value,
            Qt.ItemDataRole.CheckStateRole,
        )

    def is_new(self, row: int) -> bool:
        return row < len(self.preview.items)

    # --- the model ---------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(HEADERS)
        ):
            return HEADERS[section]
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if not self.is_new(index.row()):
            return Qt.ItemFlag.ItemIsSelectable  # read in before: shown, greyed
        if index.column() == ABOUT:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        item = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.CheckStateRole and column == ABOUT:
            if not self.is_new(index.row()):
                return None
            checked = item.key in self.ticked
            return (Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked).value
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(index.row(), column, short=True)
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(index.row(), column, short=False)
        return None

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (
            role != Qt.ItemDataRole.CheckStateRole
            or not index.isValid()
            or index.column() != ABOUT
            or not self.is_new(index.row())
        ):
            return False
        key = self.rows[index.row()].key
        checked = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value, 2)
        if checked:
            self.ticked.add(key)
        else:
            self.ticked.discard(key)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        return True

    # --- texts -------------------------------------------------------------------------

    def _text(self, row: int, column: int, *, short: bool) -> str:
        item = self.rows[row]
        if column == ABOUT:
            return about_text(item)
        if column == WROTE:
            if item.kind is ItemKind.STATUS:
                return item.suggestion_text
            return _short(item.text) if short else item.text
        return now_text(item, self.is_new(row))


def about_text(item: PreviewItem) -> str:
    """What the item is about: the goal's title, the plan, a new row or a deleted goal."""
    if item.kind is ItemKind.PLAN_COMMENT:
        return "Planen som helhed"
    if item.kind is ItemKind.ADDED_ROW:
        return f"Ny række fra din leder: »{item.title}«"
    if item.kind is ItemKind.DELETED_GOAL:
        return f"Slettet mål: »{item.title}«"
    if item.kind is ItemKind.STATUS:
        return f"Status for »{item.title}«"
    return f"»{item.title}«"


def now_text(item: PreviewItem, new: bool = True) -> str:
    """What the plan holds now, and where a kept comment goes."""
    if not new:
        return "Læst ind før – gemmes ikke igen."
    if item.kind is ItemKind.STATUS:
        text = f"Status nu: {item.current.label}" if item.current is not None else ""
        text += "\nÆndres kun, hvis du sætter flueben."
    elif item.kind is ItemKind.COMMENT:
        text = "Gemmes under målet."
    elif item.kind is ItemKind.PLAN_COMMENT:
        text = "Gemmes som kommentar til planen (vises på siden Dialoger)."
    elif item.kind is ItemKind.ADDED_ROW:
        text = "Ikke et mål i planen – gemmes som kommentar til planen med rækkens titel."
    else:
        text = "Målet findes ikke længere – gemmes som kommentar til planen med målets titel."
    if item.changed_text:
        text = f"{item.changed_text}\n{text}"
    return text.strip()
