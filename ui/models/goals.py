"""The goals page's models: the goal table and its filter, the signs of success, the status
history."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QWidget,
)

from udviklingsplan_app.domain import Goal, Plan, Status, StatusChange
from udviklingsplan_app.formatting import date_time
from udviklingsplan_app.framework import Framework, Sign
from ui.widgets.autosave import plain
from ui.widgets.labels import vision_label

_Index = QModelIndex | QPersistentModelIndex

COL_YEAR, COL_VISION, COL_TITLE, COL_STATUS, COL_OWNER, COL_ACTIONS = range(6)
UID_ROLE = Qt.ItemDataRole.UserRole + 1

# Danish alphabetical order puts æ, ø, å after z.
_DANISH_ORDER = str.maketrans({"æ": "{", "ø": "|", "å": "}"})


def sort_text(text: str) -> str:
    """A key that sorts Danish text alphabetically, case-insensitive, with æ, ø, å last."""
    return text.casefold().translate(_DANISH_ORDER)


# --- the table ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _GoalRow:
    uid: str
    year: int
    vision: str
    status: Status
    cells: tuple[str, ...]
    keys: tuple[tuple[object, ...], ...]
    search: str  # title and rationale, case-folded
    tooltip: str


class GoalsTableModel(QAbstractTableModel):
    """The plan's goals, one row each, with every cell worked out when the plan is set."""

    COLUMNS = 6

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[_GoalRow] = []
        self._row_of: dict[str, int] = {}
        self._vision_term = "Vision"
        self._sort: tuple[int, Qt.SortOrder] = (COL_YEAR, Qt.SortOrder.AscendingOrder)

    def set_plan(self, plan: Plan | None, framework: Framework | None) -> None:
        self.beginResetModel()
        self._rows = self._build_rows(plan, framework) if plan and framework else []
        if framework is not None:
            self._vision_term = framework.terms.vision
        self._sort_rows()
        self.endResetModel()

    def _build_rows(self, plan: Plan, framework: Framework) -> list[_GoalRow]:
        vision_order = {vision.id: n for n, vision in enumerate(framework.visions)}
        vision_labels = {vision.id: vision_label(vision) for vision in framework.visions}
        status_order = {status: n for n, status in enumerate(Status)}
        done_text = self.tr("%1 af %2 udført")
        rows = []
        for position, goal in enumerate(plan.goals):
            total = len(goal.actions)
            done = sum(1 for action in goal.actions if action.done)
            title, owner = plain(goal.title), plain(goal.owner)
            vision = vision_labels.get(goal.vision, goal.vision)
            cells = (
                str(goal.year),
                vision,
                title,
                goal.status.label,
                owner,
                done_text.replace("%1", str(done)).replace("%2", str(total)) if total else "–",
            )
            keys = (
                (goal.year, position),
                (vision_order.get(goal.vision, len(vision_order)), goal.year, position),
                (sort_text(title), position),
                (status_order[goal.status], goal.year, position),
                (sort_text(owner), goal.year, position),
                (done / total if total else -1.0, total, goal.year, position),
            )
            rows.append(
                _GoalRow(
                    uid=goal.uid,
                    year=goal.year,
                    vision=goal.vision,
                    status=goal.status,
                    cells=cells,
                    keys=keys,
                    search=f"{goal.title}\n{goal.rationale}".casefold(),
                    tooltip=goal.title,
                )
            )
        return rows

    def _sort_rows(self) -> None:
        column, order = self._sort
        self._rows.sort(
            key=lambda row: row.keys[column], reverse=order == Qt.SortOrder.DescendingOrder
        )
        self._row_of = {row.uid: number for number, row in enumerate(self._rows)}

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by the precomputed keys (fast in Python, and stable in the plan's own order)."""
        if not 0 <= column < self.COLUMNS:
            column, order = COL_YEAR, Qt.SortOrder.AscendingOrder
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        remembered = [(self._rows[index.row()].uid, index.column()) for index in persistent]
        self._sort = (column, order)
        self._sort_rows()
        self.changePersistentIndexList(
            persistent, [self.index(self._row_of[uid], col) for uid, col in remembered]
        )
        self.layoutChanged.emit()

    # --- reading -------------------------------------------------------------------------

    def row(self, number: int) -> _GoalRow:
        return self._rows[number]

    def row_of(self, uid: str | None) -> int:
        """The row showing the goal, or -1."""
        return self._row_of.get(uid, -1) if uid is not None else -1

    def uid(self, number: int) -> str:
        return self._rows[number].uid

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMNS

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.cells[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.tooltip if index.column() == COL_TITLE else row.cells[index.column()]
        if role == UID_ROLE:
            return row.uid
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < self.COLUMNS:
            return None
        return (
            self.tr("År"),
            self._vision_term,
            self.tr("Mål"),
            self.tr("Status"),
            self.tr("Ansvarlig"),
            self.tr("Handlinger"),
        )[section]


class GoalFilterProxy(QSortFilterProxyModel):
    """Goals of a year, a vision and a status whose title or rationale holds a search text.

    Sorting is left to the source model (its keys are precomputed); this proxy only filters.
    ``pinned`` names a goal kept visible whatever the filters say: the goal being edited does
    not vanish from under the leader because its status just changed.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.year: int | None = None
        self.vision: str | None = None
        self.status: Status | None = None
        self.search = ""
        self.pinned: str | None = None

    def set_filters(
        self,
        *,
        year: int | None,
        vision: str | None,
        status: Status | None,
        search: str,
    ) -> None:
        self.beginFilterChange()
        self.year, self.vision, self.status = year, vision, status
        self.search = search.strip().casefold()
        self.pinned = None
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def matches(self, row: _GoalRow) -> bool:
        return (
            (self.year is None or row.year == self.year)
            and (self.vision is None or row.vision == self.vision)
            and (self.status is None or row.status == self.status)
            and (not self.search or self.search in row.search)
        )

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        model = self.sourceModel()
        if not isinstance(model, GoalsTableModel) or source_parent.isValid():
            return False
        row = model.row(source_row)
        return row.uid == self.pinned or self.matches(row)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        model = self.sourceModel()
        if isinstance(model, GoalsTableModel):
            model.sort(column, order)

    def row_of(self, uid: str | None) -> int:
        """The proxy row showing the goal, or -1 when it is filtered out."""
        model = self.sourceModel()
        if not isinstance(model, GoalsTableModel):
            return -1
        source = model.row_of(uid)
        if source < 0:
            return -1
        return self.mapFromSource(model.index(source, 0)).row()


# --- the editor's lists --------------------------------------------------------------------


class SuccessSignsModel(QAbstractListModel):
    """The framework's signs of success to tick: the goal's own vision's first (in bold)."""

    toggled = Signal()  # the leader ticked or unticked a sign; see :meth:`checked_ids`

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._signs: list[Sign] = []
        self._own_vision = ""
        self._visions: dict[str, str] = {}
        self._checked: list[str] = []
        self._editable = False

    def set_goal(self, framework: Framework | None, goal: Goal | None) -> None:
        if framework is None or goal is None:
            signs: list[Sign] = []
            own, checked = "", []
        else:
            own = goal.vision
            mine = [s for v in framework.visions if v.id == own for s in v.signs]
            others = [s for v in framework.visions if v.id != own for s in v.signs]
            signs, checked = mine + others, list(goal.success_signs)
            self._visions = {v.id: vision_label(v) for v in framework.visions}
        self._editable = goal is not None
        if [s.id for s in signs] == [s.id for s in self._signs] and own == self._own_vision:
            # Same list: only the ticks change (no reset under the view's click).
            self._checked = checked
            if self._signs:
                self.dataChanged.emit(
                    self.index(0, 0),
                    self.index(len(self._signs) - 1, 0),
                    [Qt.ItemDataRole.CheckStateRole],
                )
            return
        self.beginResetModel()
        self._signs, self._own_vision, self._checked = signs, own, checked
        self.endResetModel()

    def checked_ids(self) -> list[str]:
        return list(self._checked)

    def sign(self, row: int) -> Sign:
        return self._signs[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._signs)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self._editable:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._signs):
            return None
        sign = self._signs[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{sign.code} {sign.text}"
        if role == Qt.ItemDataRole.CheckStateRole:
            ticked = sign.id in self._checked
            return Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{self._visions.get(sign.vision_id, '')}: {sign.text}"
        if role == Qt.ItemDataRole.FontRole and sign.vision_id == self._own_vision:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def setData(self, index: _Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (
            role != Qt.ItemDataRole.CheckStateRole
            or not self._editable
            or not index.isValid()
            or not 0 <= index.row() < len(self._signs)
        ):
            return False
        state = value if isinstance(value, Qt.CheckState) else Qt.CheckState(int(value))  # type: ignore[call-overload]
        sign_id = self._signs[index.row()].id
        ticked = state == Qt.CheckState.Checked
        if ticked == (sign_id in self._checked):
            return True
        if ticked:
            self._checked.append(sign_id)
        else:
            self._checked.remove(sign_id)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        self.toggled.emit()
        return True


class StatusHistoryModel(QAbstractListModel):
    """A goal's status changes with their notes, newest first."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._changes: list[StatusChange] = []

    def set_history(self, changes: list[StatusChange]) -> None:
        self.beginResetModel()
        # Newest first; of two at the same moment, the one recorded last comes first.
        numbered = sorted(enumerate(changes), key=lambda pair: (pair[1].at, pair[0]), reverse=True)
        self._changes = [change for _, change in numbered]
        self.endResetModel()

    def change(self, row: int) -> StatusChange:
        return self._changes[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._changes)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._changes):
            return None
        change = self._changes[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            heading = f"{date_time(change.at)} · {change.status.label}"
            return f"{heading}\n{change.note}" if change.note else heading
        if role == Qt.ItemDataRole.ToolTipRole:
            return change.note or change.status.label
        return None
