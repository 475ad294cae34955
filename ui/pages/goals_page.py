"""Udviklingsmål: the plan's goals in a filterable table, and an editor for the chosen goal.

The table is model/view over rows worked out once per refresh, so thousands of goals stay
responsive. Goals are remembered by uid (database ids change after undo and redo); text typed
into the editor is flushed to the goal it was typed for before another goal is shown.
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass
from itertools import pairwise

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QActionGroup, QFont, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from udviklingsplan_app import services
from udviklingsplan_app.domain import Goal, Plan, Status, StatusChange
from udviklingsplan_app.formatting import long_date
from udviklingsplan_app.framework import Framework, Sign, Vision
from udviklingsplan_app.guidance import Concern
from ui.editors.goal_parts import GoalPartsEditor
from ui.pages.base import Page
from ui.session import PlanSession
from ui.widgets.autosave import AutoSave, plain
from ui.widgets.pending_entry import PendingEntry
from ui.widgets.remembered import remember_splitter

_Index = QModelIndex | QPersistentModelIndex

COL_YEAR, COL_VISION, COL_TITLE, COL_STATUS, COL_OWNER, COL_ACTIONS = range(6)
UID_ROLE = Qt.ItemDataRole.UserRole + 1
SPLITTER_KEY = "goals_page/splitter"  # where the leader left the list's and editor's border

# Mnemonics already used in the window (menus Filer, Rediger, Vis, Hjælp; the plan picker) and
# on this page; the framework's own words (Vision, Indsatsområde …) get a free letter of theirs.
# "t" is the editor's Flyt til år here and Tilbage in the guide, which hides that button.
_TAKEN_KEYS = frozenset("frvhp" + "nsd" + "åuø" + "tebaygkm" + "jlioæ")  # + goal_parts.py

# Danish alphabetical order puts æ, ø, å after z.
_DANISH_ORDER = str.maketrans({"æ": "{", "ø": "|", "å": "}"})


def sort_text(text: str) -> str:
    """A key that sorts Danish text alphabetically, case-insensitive, with æ, ø, å last."""
    return text.casefold().translate(_DANISH_ORDER)


def with_mnemonic(text: str, taken: set[str]) -> str:
    """``text`` with ``&`` before its first letter not yet used as a mnemonic (and mark it used)."""
    for index, char in enumerate(text):
        if char.isalpha() and char.casefold() not in taken:
            taken.add(char.casefold())
            return text[:index] + "&" + text[index:]
    return text


def danish_time(at: dt.datetime) -> str:
    """``25. november 2026 kl. 14.05``."""
    return f"{long_date(at)} kl. {at:%H.%M}"


def fill_combo(combo: QComboBox, items: list[tuple[str, object]]) -> bool:
    """Fill the combo if its items differ, keeping the choice; True if the choice was lost."""
    current = [(combo.itemText(i), combo.itemData(i)) for i in range(combo.count())]
    if current == items:
        return False
    chosen = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    for text, data in items:
        combo.addItem(text, data)
    index = combo.findData(chosen) if chosen is not None else 0
    combo.setCurrentIndex(max(index, 0))
    combo.blockSignals(False)
    return index < 0


def vision_label(vision: Vision) -> str:
    return f"{vision.code} {vision.title}"


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
            heading = f"{danish_time(change.at)} · {change.status.label}"
            return f"{heading}\n{change.note}" if change.note else heading
        if role == Qt.ItemDataRole.ToolTipRole:
            return change.note or change.status.label
        return None


# --- the goal editor ------------------------------------------------------------------------


def _lines(widget: QWidget, count: float) -> int:
    """The height of ``count`` lines of text in the widget's font (scales with the display)."""
    return int(widget.fontMetrics().lineSpacing() * count)


class GoalEditor(QScrollArea):
    """Every field of one goal; each edit is stored at once through the session."""

    #: The leader clicked a link to another goal (carried over from or to); its uid.
    goalLinkActivated = Signal(str)

    def __init__(self, session: PlanSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.uid: str | None = None
        self._status_uid: str | None = None  # the goal whose status the leader is choosing
        self._shown_status: Status | None = None
        self._framework_id = ""
        self._inspiration = ""
        self.sections: QTabWidget | None = None  # the tabs, once arranged in sections
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self._build_view()
        self._connect_callbacks()

    def _build_view(self) -> None:
        body = QWidget(self)
        layout = QVBoxLayout(body)
        self.heading = QLabel(body)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.heading.setFont(font)
        self.heading.setWordWrap(True)
        self.move_button = QPushButton(self.tr("Flyt &til år"), body)
        self.move_button.setToolTip(
            self.tr(
                "Flyt målet med alt, hvad det rummer, til et andet år i planen. "
                "Skal målet fortsætte næste år, så brug »Viderefør til næste år…«."
            )
        )
        self.move_menu = QMenu(self.move_button)
        self.move_group = QActionGroup(self.move_menu)
        self.move_group.setExclusive(True)
        self.move_button.setMenu(self.move_menu)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.move_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)
        self.link_label = QLabel(body)
        self.link_label.setTextFormat(Qt.TextFormat.RichText)
        self.link_label.setWordWrap(True)
        self.link_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        self.link_label.hide()
        layout.addWidget(self.link_label)

        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.title_label = QLabel(self.tr("T&itel:"), body)
        self.title_edit = QLineEdit(body)
        self.title_label.setBuddy(self.title_edit)
        form.addRow(self.title_label, self.title_edit)
        self.vision_label = QLabel(body)
        self.vision_combo = QComboBox(body)
        self.vision_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.vision_combo.setMinimumContentsLength(20)
        self.vision_label.setBuddy(self.vision_combo)
        form.addRow(self.vision_label, self.vision_combo)
        self.theme_label = QLabel(self.tr("T&ema:"), body)
        self.theme_combo = QComboBox(body)
        self.theme_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.theme_combo.setMinimumContentsLength(20)
        self.theme_label.setBuddy(self.theme_combo)
        form.addRow(self.theme_label, self.theme_combo)
        layout.addLayout(form)

        self.inspiration_box = QGroupBox(self.tr("Inspiration fra strategien"), body)
        inspiration_layout = QVBoxLayout(self.inspiration_box)
        self.inspiration = QTextBrowser(self.inspiration_box)
        self.inspiration.setOpenLinks(False)
        self.inspiration.setAccessibleName(self.tr("Inspiration fra strategien"))
        self.inspiration.setMinimumHeight(_lines(self, 9))
        inspiration_layout.addWidget(self.inspiration)
        layout.addWidget(self.inspiration_box)

        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.rationale_label = QLabel(self.tr("&Begrundelse:"), body)
        self.rationale_edit = QPlainTextEdit(body)
        self.rationale_edit.setTabChangesFocus(True)
        self.rationale_edit.setPlaceholderText(
            self.tr("Hvorfor dette mål – set i lyset af arbejdspladsens aktuelle situation")
        )
        self.rationale_edit.setMinimumHeight(_lines(self, 4.5))
        self.rationale_label.setBuddy(self.rationale_edit)
        form.addRow(self.rationale_label, self.rationale_edit)
        self.owner_label = QLabel(self.tr("&Ansvarlig:"), body)
        self.owner_edit = QLineEdit(body)
        self.owner_label.setBuddy(self.owner_edit)
        form.addRow(self.owner_label, self.owner_edit)
        layout.addLayout(form)

        self.success_box = QFrame(body)
        success_layout = QVBoxLayout(self.success_box)
        success_layout.setContentsMargins(0, 0, 0, 0)
        self.signs_label = QLabel(self.success_box)
        self.signs_label.setWordWrap(True)
        self.signs_model = SuccessSignsModel(self)
        self.signs_view = QListView(self.success_box)
        self.signs_view.setModel(self.signs_model)
        self.signs_view.setWordWrap(True)
        self.signs_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.signs_view.setMinimumHeight(_lines(self, 12))
        self.signs_label.setBuddy(self.signs_view)
        success_layout.addWidget(self.signs_label)
        success_layout.addWidget(self.signs_view)
        self.criteria_label = QLabel(
            self.tr("Egne succes&kriterier (ét pr. linje):"), self.success_box
        )
        self.criteria_edit = QPlainTextEdit(self.success_box)
        self.criteria_edit.setTabChangesFocus(True)
        self.criteria_edit.setMinimumHeight(_lines(self, 4))
        self.criteria_label.setBuddy(self.criteria_edit)
        success_layout.addWidget(self.criteria_label)
        success_layout.addWidget(self.criteria_edit)
        layout.addWidget(self.success_box)

        self.parts = GoalPartsEditor(self.session, body)
        layout.addWidget(self.parts)

        self.status_box = QGroupBox(self.tr("Status"), body)
        status_layout = QVBoxLayout(self.status_box)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.status_label = QLabel(self.tr("N&y status:"), self.status_box)
        self.status_box.setToolTip(
            self.tr(
                "En ny status gemmes med bemærkningen, når du trykker Enter eller "
                "»Registrér status«, går videre til noget andet eller et andet mål."
            )
        )
        self.status_combo = QComboBox(self.status_box)
        for status in Status:
            self.status_combo.addItem(status.label, status.value)
        self.status_label.setBuddy(self.status_combo)
        form.addRow(self.status_label, self.status_combo)
        self.note_label = QLabel(self.tr("Be&mærkning:"), self.status_box)
        self.note_edit = QLineEdit(self.status_box)
        self.note_edit.setPlaceholderText(self.tr("Hvor står målet – fx efter midtvejsdialogen"))
        self.note_label.setBuddy(self.note_edit)
        form.addRow(self.note_label, self.note_edit)
        status_layout.addLayout(form)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.register_button = QPushButton(self.tr("Re&gistrér status"), self.status_box)
        buttons.addWidget(self.register_button)
        status_layout.addLayout(buttons)
        self.history_label = QLabel(self.tr("Statushistorik (nyeste først):"), self.status_box)
        self.history_model = StatusHistoryModel(self)
        self.history_view = QListView(self.status_box)
        self.history_view.setModel(self.history_model)
        self.history_view.setAccessibleName(self.tr("Statushistorik"))
        self.history_view.setWordWrap(True)
        self.history_view.setAlternatingRowColors(True)
        self.history_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history_view.setMinimumHeight(_lines(self, 7))
        self.history_label.setBuddy(self.history_view)
        status_layout.addWidget(self.history_label)
        status_layout.addWidget(self.history_view)
        layout.addWidget(self.status_box)
        layout.addStretch(1)
        self.setWidget(body)

        self.title_save = AutoSave(self.session, self.title_edit, self._save_title)
        self.rationale_save = AutoSave(self.session, self.rationale_edit, self._save_rationale)
        self.owner_save = AutoSave(self.session, self.owner_edit, self._save_owner)
        self.criteria_save = AutoSave(self.session, self.criteria_edit, self._save_criteria)

        for first, second in pairwise(self.focus_order()):
            QWidget.setTabOrder(first, second)

    def use_sections(self) -> None:
        """Status on top and the rest in tabs (the Udviklingsmål page; see goal_sections)."""
        from ui.pages.goal_sections import arrange_in_sections

        self.sections = arrange_in_sections(self)
        for first, second in pairwise(self.focus_order()):
            QWidget.setTabOrder(first, second)

    def focus_order(self) -> list[QWidget]:
        """The editor's fields in the order Tab visits them, as they are laid out."""
        fields: list[QWidget] = [self.title_edit, self.move_button]
        goal = [self.vision_combo, self.theme_combo, self.inspiration, self.rationale_edit]
        goal += [self.owner_edit, self.signs_view, self.criteria_edit, self.parts]
        status: list[QWidget] = [self.status_combo, self.note_edit, self.register_button]
        if self.sections is None:
            return fields + goal + status + [self.history_view]
        goal = [self.title_edit, self.vision_combo, self.theme_combo, self.owner_edit]
        goal += [self.rationale_edit, self.inspiration, self.signs_view, self.criteria_edit]
        return [self.move_button, *status, self.sections, *goal, self.parts, self.history_view]

    def _connect_callbacks(self) -> None:
        self.link_label.linkActivated.connect(self.goalLinkActivated)
        self.vision_combo.currentIndexChanged.connect(self._on_vision_chosen)
        self.theme_combo.currentIndexChanged.connect(self._on_theme_chosen)
        self.signs_model.toggled.connect(self._on_signs_toggled)
        self.register_button.clicked.connect(self._on_register_status)
        self.note_edit.returnPressed.connect(self._on_register_status)
        # A chosen status and its note are stored when the leader is done with them.
        self.status_entry = PendingEntry(
            self.session, self.status_box, [self.status_combo, self.note_edit], self._store_status
        )
        self.move_group.triggered.connect(self._on_move_chosen)

    # --- showing -------------------------------------------------------------------------

    def set_goal(self, goal: Goal | None) -> None:
        """Show the goal (a fresh copy from the reloaded plan) or nothing."""
        plan, framework = self.session.plan, self.session.framework
        if goal is None or plan is None or framework is None:
            self.uid = None
            self._shown_status = None
            self.signs_model.set_goal(None, None)
            self.history_model.set_history([])
            self.parts.set_goal(None)
            return
        switching = goal.uid != self.uid
        if switching:
            self.session.flush()  # typing belongs to the goal it was typed for
        self.uid = goal.uid
        if not self.status_entry.waiting:
            self._status_uid = goal.uid  # a status being chosen belongs to its own goal
        if framework.document != self._framework_id:
            self._set_framework(framework)
        vision = framework.vision(goal.vision)

        self.heading.setText(
            self.tr("Udviklingsmål for %1 · %2")
            .replace("%1", str(goal.year))
            .replace("%2", goal.status.label)
        )
        self._show_links(plan, goal)
        self._show_years(plan, goal)
        self.title_save.show_text(goal.title)
        if switching and not self.title_edit.hasFocus():
            self.title_edit.setCursorPosition(0)  # a long title shows its beginning
        self._set_combo(self.vision_combo, goal.vision)
        themes: list[tuple[str, object]] = [(self.tr("(intet tema)"), None)]
        themes += [(f"{t.code} {t.title}", t.id) for t in (vision.themes if vision else ())]
        fill_combo(self.theme_combo, themes)
        self.theme_combo.setEnabled(len(themes) > 1)
        self._set_combo(self.theme_combo, goal.theme)
        inspiration = self._inspiration_html(framework, vision, goal.theme)
        if inspiration != self._inspiration:  # resetting it would scroll it back to the top
            self._inspiration = inspiration
            self.inspiration.setHtml(inspiration)
        self.rationale_save.show_text(goal.rationale)
        self.owner_save.show_text(goal.owner)
        self.signs_model.set_goal(framework, goal)
        # Blank lines are not stored; showing the stored list must not eat the line being typed.
        if switching or self._criteria(self.criteria_save.text()) != goal.success_criteria:
            self.criteria_save.show_text("\n".join(goal.success_criteria))
        self.parts.set_goal(goal)
        if not self.status_entry.waiting and (switching or goal.status != self._shown_status):
            self._set_combo(self.status_combo, goal.status.value)
            self._shown_status = goal.status
        if switching and not self.status_entry.waiting:  # (still waiting only if refused)
            self.note_edit.clear()
            self.verticalScrollBar().setValue(0)
        self.history_model.set_history(goal.status_history)

    def _show_years(self, plan: Plan, goal: Goal) -> None:
        """The years of the plan to move the goal to, its own ticked."""
        shown = [(a.data(), a.isChecked()) for a in self.move_menu.actions()]
        wanted = [(year, year == goal.year) for year in plan.cycle_years]
        if shown != wanted:
            for action in self.move_group.actions():
                self.move_group.removeAction(action)
            self.move_menu.clear()
            for year in plan.cycle_years:
                action = QAction(str(year), self.move_menu)
                action.setData(year)
                action.setCheckable(True)
                action.setChecked(year == goal.year)
                self.move_group.addAction(action)
                self.move_menu.addAction(action)
        self.move_button.setEnabled(len(plan.cycle_years) > 1)

    def _set_framework(self, framework: Framework) -> None:
        self._framework_id = framework.document
        terms = framework.terms
        taken = set(_TAKEN_KEYS)
        with_mnemonic(terms.vision, taken)  # the filter above the table has the first free letter
        self.vision_label.setText(with_mnemonic(terms.vision, taken) + ":")
        self.theme_label.setText(with_mnemonic(terms.theme, set(_TAKEN_KEYS) - {"e"}) + ":")
        if self.sections is not None:
            signs_tab = self.sections.indexOf(self.success_box.parentWidget())
            self.sections.setTabText(signs_tab, terms.signs)
        self.signs_label.setText(
            self.tr("%1 (de fremhævede hører til målets %2):")
            .replace("%1", with_mnemonic(terms.signs, taken))
            .replace("%2", terms.vision.lower())
        )
        self.vision_combo.blockSignals(True)
        self.vision_combo.clear()
        for vision in framework.visions:
            self.vision_combo.addItem(vision_label(vision), vision.id)
        self.vision_combo.blockSignals(False)

    def _show_links(self, plan: Plan, goal: Goal) -> None:
        links = []
        source = self.session.goal(goal.carried_over_from)
        if source is not None:
            links.append(
                self.tr("Videreført fra %1: %2")
                .replace("%1", str(source.year))
                .replace("%2", f'<a href="{source.uid}">{html.escape(plain(source.title))}</a>')
            )
        for later in plan.goals:
            if later.carried_over_from == goal.uid:
                links.append(
                    self.tr("Videreført til %1: %2")
                    .replace("%1", str(later.year))
                    .replace("%2", f'<a href="{later.uid}">{html.escape(plain(later.title))}</a>')
                )
        self.link_label.setText("<br>".join(links))
        self.link_label.setVisible(bool(links))

    def _inspiration_html(
        self, framework: Framework, vision: Vision | None, theme_id: str | None
    ) -> str:
        if vision is None:
            return ""
        terms = framework.terms
        esc = html.escape
        parts = []
        theme = vision.theme(theme_id) if theme_id else None
        if theme is not None:
            parts.append(f"<p><b>{esc(terms.theme)} {esc(theme.code)}: {esc(theme.title)}</b></p>")
            if theme.bullets:
                parts.append(
                    "<ul>" + "".join(f"<li>{esc(b)}</li>" for b in theme.bullets) + "</ul>"
                )
            if theme.text:
                parts.append(
                    "".join(f"<p>{esc(p)}</p>" for p in theme.text.split("\n\n") if p.strip())
                )
        else:
            parts.append(
                f"<p><b>{esc(terms.vision)} {esc(vision.code)}: {esc(vision.title)}</b></p>"
            )
            if vision.description:
                parts.append(f"<p>{esc(vision.description)}</p>")
            if vision.themes:
                parts.append(
                    "<p>"
                    + esc(
                        self.tr("%1 at vælge imellem: %2")
                        .replace("%1", terms.themes)
                        .replace("%2", ", ".join(t.title for t in vision.themes))
                    )
                    + "</p>"
                )
        if vision.signs:
            heading = vision.success_heading or f"{terms.signs}:"
            parts.append(f"<p><b>{esc(heading)}</b></p>")
            parts.append(
                "<ul>" + "".join(f"<li>{esc(s.text)}</li>" for s in vision.signs) + "</ul>"
            )
        if vision.preconditions:
            parts.append(f"<p><b>{esc(self.tr('Forudsætninger:'))}</b></p>")
            parts.append(
                "<ul>" + "".join(f"<li>{esc(s.text)}</li>" for s in vision.preconditions) + "</ul>"
            )
        return "".join(parts)

    @staticmethod
    def _set_combo(combo: QComboBox, data: object) -> None:
        index = combo.findData(data)
        combo.blockSignals(True)
        combo.setCurrentIndex(max(index, 0))
        combo.blockSignals(False)

    @staticmethod
    def _criteria(text: str) -> list[str]:
        return [line.strip() for line in text.splitlines() if line.strip()]

    # --- storing -------------------------------------------------------------------------

    def _goal(self) -> Goal | None:
        return self.session.goal(self.uid)

    def _update(self, text: str, field: str, merge: bool, value: object) -> None:
        goal = self._goal()
        if goal is None or goal.id is None:
            return
        key = f"goal-{field}:{goal.uid}" if merge else ""
        self.session.apply(text, services.update_goal, goal.id, merge=key, **{field: value})

    def _save_title(self, text: str) -> None:
        self._update(self.tr("ændret titel"), "title", True, text)

    def _save_rationale(self, text: str) -> None:
        self._update(self.tr("ændret begrundelse"), "rationale", True, text)

    def _save_owner(self, text: str) -> None:
        self._update(self.tr("ændret ansvarlig"), "owner", True, text)

    def _save_criteria(self, text: str) -> None:
        goal = self._goal()
        if goal is None or goal.id is None:
            return
        criteria = self._criteria(text)
        if criteria == goal.success_criteria:
            return
        self.session.apply(
            self.tr("ændret succeskriterier"),
            services.set_success_criteria,
            goal.id,
            criteria,
            merge=f"goal-criteria:{goal.uid}",
        )

    def _on_vision_chosen(self) -> None:
        framework = self.session.framework
        vision = self.vision_combo.currentData()
        goal = self._goal()
        if framework is None or goal is None or vision is None or vision == goal.vision:
            return
        text = self.tr("ændret %1").replace("%1", framework.terms.vision.lower())
        self._update(text, "vision", False, vision)

    def _on_theme_chosen(self) -> None:
        framework = self.session.framework
        goal = self._goal()
        theme = self.theme_combo.currentData()
        if framework is None or goal is None or theme == goal.theme:
            return
        self._update(
            self.tr("ændret %1").replace("%1", framework.terms.theme.lower()), "theme", False, theme
        )

    def _on_signs_toggled(self) -> None:
        framework = self.session.framework
        goal = self._goal()
        if framework is None or goal is None or goal.id is None:
            return
        self.session.apply(
            self.tr("ændret %1").replace("%1", framework.terms.signs.lower()),
            services.set_success_signs,
            goal.id,
            self.signs_model.checked_ids(),
        )

    def _on_move_chosen(self, action: QAction) -> None:
        self.session.flush()  # typing still waiting for its pause is stored first
        goal = self._goal()
        year = action.data()
        if goal is None or goal.id is None or not isinstance(year, int):
            return
        if year != goal.year:
            self.session.apply(
                self.tr("flyttet mål til %1").replace("%1", str(year)),
                services.move_goal,
                goal.id,
                year=year,
            )
        # Refused (the session's notice says why) or moved: the menu ticks the goal's year.
        plan, current = self.session.plan, self._goal()
        if plan is not None and current is not None:
            self._show_years(plan, current)

    def _on_register_status(self) -> None:
        self.status_entry.forget()
        if self._goal() is None:
            return
        self.session.flush()
        if not self._store_status(always=True):
            self.status_entry._on_edit()  # refused: it stays waiting, the note kept

    def _store_status(self, always: bool = False) -> bool:
        """Record the chosen status with its note (if either differs); False if refused.

        ``always`` records it even when the status is unchanged and the note empty (the
        leader pressed Registrér status to mark a check-in).
        """
        goal = self.session.goal(self._status_uid)
        if goal is None or goal.id is None:
            return True
        status = Status(self.status_combo.currentData())
        note = self.note_edit.text().strip()
        if status == goal.status and not note and not always:
            return True

        def record(goal_id: int) -> bool:
            services.set_goal_status(goal_id, status, note)
            return True

        if not self.session.apply(self.tr("registreret status"), record, goal.id):
            return False
        self.note_edit.clear()
        return True


# --- the page ------------------------------------------------------------------------------


class GoalsPage(Page):
    """The goals of the plan: filter and pick in the table, edit on the right."""

    def __init__(self, session: PlanSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self._uid: str | None = None
        self._updating = False
        self._framework_id = ""
        self._build_view()
        self._connect_callbacks()

    # --- layout ------------------------------------------------------------------------

    def _build_view(self) -> None:
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setChildrenCollapsible(False)

        left = QWidget(self.splitter)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        filters = QGridLayout()
        self.year_label = QLabel(self.tr("&År:"), left)
        self.year_filter = QComboBox(left)
        self.year_label.setBuddy(self.year_filter)
        self.vision_label = QLabel(left)
        self.vision_filter = QComboBox(left)
        self.vision_filter.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.vision_filter.setMinimumContentsLength(16)
        self.vision_label.setBuddy(self.vision_filter)
        self.status_label = QLabel(self.tr("Stat&us:"), left)
        self.status_filter = QComboBox(left)
        self.status_filter.addItem(self.tr("Alle"), None)
        for status in Status:
            self.status_filter.addItem(status.label, status.value)
        self.status_label.setBuddy(self.status_filter)
        self.search_label = QLabel(self.tr("S&øg:"), left)
        self.search = QLineEdit(left)
        self.search.setPlaceholderText(self.tr("Ord i titel eller begrundelse"))
        self.search.setClearButtonEnabled(True)
        self.search_label.setBuddy(self.search)
        filters.addWidget(self.year_label, 0, 0)
        filters.addWidget(self.year_filter, 0, 1)
        filters.addWidget(self.vision_label, 0, 2)
        filters.addWidget(self.vision_filter, 0, 3)
        filters.addWidget(self.status_label, 1, 0)
        filters.addWidget(self.status_filter, 1, 1)
        filters.addWidget(self.search_label, 1, 2)
        filters.addWidget(self.search, 1, 3)
        filters.setColumnStretch(3, 1)
        left_layout.addLayout(filters)

        buttons = QHBoxLayout()
        self.new_button = QPushButton(self.tr("&Nyt mål"), left)
        self.delete_button = QPushButton(self.tr("&Slet mål…"), left)
        self.carry_button = QPushButton(self.tr("Vi&derefør til næste år…"), left)
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.delete_button)
        buttons.addWidget(self.carry_button)
        buttons.addStretch(1)
        left_layout.addLayout(buttons)

        self.model = GoalsTableModel(self)
        self.proxy = GoalFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView(left)
        self.table.setModel(self.proxy)
        self.table.setTabKeyNavigation(False)  # Tab leaves the list; the arrows move in it
        self.table.setAccessibleName(self.tr("Udviklingsmål"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(True)  # a long title takes a second line (rows are two high)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)
        metrics = self.fontMetrics()
        pad = metrics.horizontalAdvance("MM")
        for column, sample in (
            (COL_YEAR, "2026"),
            (COL_VISION, "V4 En sund og"),
            (COL_STATUS, "Ikke påbegyndt"),
            (COL_OWNER, "Mette Holm"),
            (COL_ACTIONS, "10 af 10 udført"),
        ):
            header.resizeSection(column, metrics.horizontalAdvance(sample) + pad)
        self._widths: dict[int, int] = {}
        self.table.verticalHeader().setDefaultSectionSize(
            metrics.lineSpacing() * 2 + metrics.height() // 2
        )
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COL_YEAR, Qt.SortOrder.AscendingOrder)
        self.delete_action = QAction(self.tr("Slet mål"), self.table)
        self.delete_action.setShortcut(QKeySequence.StandardKey.Delete)
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.table.addAction(self.delete_action)
        left_layout.addWidget(self.table, 1)
        self.count_label = QLabel(left)
        self.count_label.setTextFormat(Qt.TextFormat.PlainText)
        left_layout.addWidget(self.count_label)

        self.right = QStackedWidget(self.splitter)
        self.hint = QLabel(self.right)
        self.hint.setWordWrap(True)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.editor = GoalEditor(self.session, self.right)
        self.right.addWidget(self.hint)
        self.right.addWidget(self.editor)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        unit = metrics.averageCharWidth()
        # The editor needs the room (its actions' deadlines, the status line); the list wraps
        # its titles on two lines. The leader moves the border at will; it is remembered.
        self.splitter.setSizes([55 * unit, 80 * unit])
        self.splitter.setObjectName("goals_splitter")
        self.splitter.setHandleWidth(max(self.splitter.handleWidth(), unit))
        remember_splitter(self.splitter, SPLITTER_KEY)
        layout.addWidget(self.splitter)
        self.editor.use_sections()

        order = [
            self.year_filter,
            self.vision_filter,
            self.status_filter,
            self.search,
            self.new_button,
            self.delete_button,
            self.carry_button,
            self.table,
            *self.editor.focus_order(),
        ]
        for first, second in pairwise(order):
            QWidget.setTabOrder(first, second)

    def _connect_callbacks(self) -> None:
        self.year_filter.currentIndexChanged.connect(self._on_filters_changed)
        self.vision_filter.currentIndexChanged.connect(self._on_filters_changed)
        self.status_filter.currentIndexChanged.connect(self._on_filters_changed)
        self.search.textChanged.connect(self._on_filters_changed)
        self.new_button.clicked.connect(self._on_new)
        self.delete_button.clicked.connect(self._on_delete)
        self.delete_action.triggered.connect(self._on_delete)
        self.carry_button.clicked.connect(self._on_carry_over)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.table.activated.connect(self._on_activated)
        self.editor.goalLinkActivated.connect(self.select_goal)
        self.table.viewport().installEventFilter(self)  # its resizes fit the columns

    # --- showing -------------------------------------------------------------------------

    #: Columns that give way, in this order, when the list is too narrow to show the titles
    #: (a small laptop with the Vejledning panel open); the editor beside shows them all.
    YIELDING_COLUMNS = (COL_ACTIONS, COL_OWNER, COL_VISION)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_columns()
        return super().eventFilter(watched, event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_splitter()

    def _fit_splitter(self) -> None:
        """Side by side when the list and the editor both fit; else the list above the editor
        (large text on a small screen), so the editor never shrinks to a sliver."""
        left = self.splitter.widget(0)
        body = self.editor.widget()
        if left is None or body is None:
            return
        needed = left.minimumSizeHint().width() + body.minimumSizeHint().width()
        needed += self.splitter.handleWidth() + self.editor.verticalScrollBar().sizeHint().width()
        wide = self.width() >= needed
        orientation = Qt.Orientation.Horizontal if wide else Qt.Orientation.Vertical
        if self.splitter.orientation() != orientation:
            self.splitter.setOrientation(orientation)
            QTimer.singleShot(0, self, self._share_splitter)  # once it has its new size

    def _share_splitter(self) -> None:
        """Two fifths for the list, the rest for the editor."""
        room = sum(self.splitter.sizes())
        self.splitter.setSizes([room * 2 // 5, room - room * 2 // 5])

    def _fit_columns(self, *_: object) -> None:
        """Keep room for the goals' titles: hide the handiest columns when the list is narrow."""
        header = self.table.horizontalHeader()
        room = self.table.viewport().width()
        title_room = self.fontMetrics().averageCharWidth() * 34  # two lines of ~30
        fixed = [c for c in range(header.count()) if c != COL_TITLE]
        hidden: set[int] = set()
        for column in (None, *self.YIELDING_COLUMNS):
            if column is not None:
                hidden.add(column)
            shown = sum(self._width(c) for c in fixed if c not in hidden)
            if room - shown >= title_room:
                break
        for column in self.YIELDING_COLUMNS:
            if not self.table.isColumnHidden(column):
                self._widths[column] = header.sectionSize(column)
            self.table.setColumnHidden(column, column in hidden)

    def _width(self, column: int) -> int:
        """A column's width, also while it is hidden (Qt then says 0)."""
        if self.table.isColumnHidden(column):
            return self._widths.get(column, 0)
        return self.table.horizontalHeader().sectionSize(column)

    def refresh(self) -> None:
        plan, framework = self.session.plan, self.session.framework
        scroll = self.table.verticalScrollBar().value()
        self._updating = True
        try:
            self._update_filter_choices(plan, framework)
            if self.session.goal(self._uid) is None:
                self._uid = None
            self.proxy.pinned = self._uid
            self.model.set_plan(plan, framework)
            self.table.verticalScrollBar().setValue(scroll)
            self._select_in_table(self._uid)
        finally:
            self._updating = False
        self._show_current()

    def _update_filter_choices(self, plan: Plan | None, framework: Framework | None) -> None:
        years = [(self.tr("Alle år"), None)] + [
            (str(y), y) for y in (plan.cycle_years if plan else ())
        ]
        changed = fill_combo(self.year_filter, years)
        if framework is not None and framework.document != self._framework_id:
            self._framework_id = framework.document
            taken = set(_TAKEN_KEYS)
            self.vision_label.setText(with_mnemonic(framework.terms.vision, taken) + ":")
            visions = [(self.tr("Alle %1").replace("%1", framework.terms.visions.lower()), None)]
            visions += [(vision_label(v), v.id) for v in framework.visions]
            changed = fill_combo(self.vision_filter, visions) or changed
        if changed:
            self._apply_filters()

    def _select_in_table(self, uid: str | None, scroll: bool = False) -> None:
        selection = self.table.selectionModel()
        row = self.proxy.row_of(uid)
        if row < 0:
            selection.clear()
            return
        index = self.proxy.index(row, COL_TITLE)
        selection.setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        if scroll:
            self.table.scrollTo(index)

    def _show_current(self) -> None:
        plan = self.session.plan
        goal = self.session.goal(self._uid)
        self.editor.set_goal(goal)
        if goal is None:
            if plan is not None and not plan.goals:
                self.hint.setText(
                    self.tr(
                        "Planen har endnu ingen udviklingsmål.\n\nKlik på »Nyt mål« for at oprette det første."
                    )
                )
            else:
                self.hint.setText(self.tr("Vælg et mål i listen, eller opret et nyt."))
            self.right.setCurrentWidget(self.hint)
        else:
            self.right.setCurrentWidget(self.editor)
        self._update_buttons(plan, goal)
        total = len(plan.goals) if plan else 0
        shown = self.proxy.rowCount()
        if shown == total:
            self.count_label.setText(
                self.tr("1 mål") if total == 1 else self.tr("%1 mål").replace("%1", str(total))
            )
        else:
            self.count_label.setText(
                self.tr("Viser %1 af %2 mål").replace("%1", str(shown)).replace("%2", str(total))
            )

    def _update_buttons(self, plan: Plan | None, goal: Goal | None) -> None:
        self.new_button.setEnabled(plan is not None and self.session.framework is not None)
        self.delete_button.setEnabled(goal is not None)
        self.delete_action.setEnabled(goal is not None)
        reason = self._carry_over_refusal(plan, goal)
        self.carry_button.setEnabled(goal is not None and reason is None)
        self.carry_button.setToolTip(
            reason or self.tr("Fortsæt målet i næste år med de handlinger, der ikke er udført")
        )

    def _carry_over_refusal(self, plan: Plan | None, goal: Goal | None) -> str | None:
        """Why the goal cannot be carried over, or None if it can."""
        if plan is None or goal is None:
            return None
        later = next((g for g in plan.goals if g.carried_over_from == goal.uid), None)
        if later is not None:
            return self.tr("Målet er allerede videreført til %1.").replace("%1", str(later.year))
        if goal.year >= plan.last_year:
            return self.tr("Målet står i planens sidste år (%1).").replace(
                "%1", str(plan.last_year)
            )
        return None

    def select_goal(self, uid: str | None) -> bool:
        """Select the goal (clearing the filters that hide it); False if there is no such goal."""
        goal = self.session.goal(uid)
        if goal is None:
            return False
        self._reveal(goal)
        self._show(goal.uid, scroll=True)
        return True

    def _reveal(self, goal: Goal) -> None:
        """Set every filter that hides the goal back to "Alle"."""
        model_row = self.model.row_of(goal.uid)
        if model_row < 0:
            return
        row = self.model.row(model_row)
        proxy = self.proxy
        changed = False
        for combo, hides in (
            (self.year_filter, proxy.year is not None and proxy.year != row.year),
            (self.vision_filter, proxy.vision is not None and proxy.vision != row.vision),
            (self.status_filter, proxy.status is not None and proxy.status != row.status),
        ):
            if hides:
                combo.blockSignals(True)
                combo.setCurrentIndex(0)
                combo.blockSignals(False)
                changed = True
        if proxy.search and proxy.search not in row.search:
            self.search.blockSignals(True)
            self.search.clear()
            self.search.blockSignals(False)
            changed = True
        if changed:
            self._apply_filters()

    def _show(self, uid: str | None, scroll: bool = False) -> None:
        if uid != self._uid:
            self.session.flush()  # may refresh the page (still on the old goal)
        self._uid = uid
        self.session.showing_goal(uid)
        self._updating = True
        try:
            self._select_in_table(uid, scroll)
        finally:
            self._updating = False
        self._show_current()

    # --- guidance ----------------------------------------------------------------------

    def show_concern(self, concern: Concern) -> None:
        if concern.kind == "goal":
            self.select_goal(concern.goal_uid)
        elif concern.kind == "year" and concern.year is not None:
            self._set_filters(year=concern.year)
        elif concern.kind == "vision" and concern.vision is not None:
            self._set_filters(year=concern.year, vision=concern.vision)

    def _set_filters(self, *, year: int | None = None, vision: str | None = None) -> None:
        """Show one year and/or vision, with the other filters cleared."""
        for combo, data in (
            (self.year_filter, year),
            (self.vision_filter, vision),
            (self.status_filter, None),
        ):
            combo.blockSignals(True)
            combo.setCurrentIndex(max(combo.findData(data), 0) if data is not None else 0)
            combo.blockSignals(False)
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self._on_filters_changed()

    # --- slots -------------------------------------------------------------------------

    def _apply_filters(self) -> None:
        status = self.status_filter.currentData()
        self._updating = True
        try:
            self.proxy.set_filters(
                year=self.year_filter.currentData(),
                vision=self.vision_filter.currentData(),
                status=Status(status) if status is not None else None,
                search=self.search.text(),
            )
        finally:
            self._updating = False

    def _on_filters_changed(self) -> None:
        self._apply_filters()
        # The chosen goal stays chosen while it is in the list; otherwise nothing is chosen.
        uid = self._uid if self.proxy.row_of(self._uid) >= 0 else None
        self._show(uid, scroll=True)

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._updating:
            return
        uid = current.data(UID_ROLE) if current.isValid() else None
        self._show(uid)

    def _on_activated(self, _index: QModelIndex) -> None:
        self.editor.title_edit.setFocus()

    def _current_goal(self) -> Goal | None:
        return self.session.goal(self._uid)

    def _on_new(self) -> None:
        plan, framework = self.session.plan, self.session.framework
        if plan is None or plan.id is None or framework is None:
            return
        self.session.flush()
        with_goals = {goal.year for goal in plan.goals}
        year = self.proxy.year or next(
            (y for y in plan.cycle_years if y not in with_goals), plan.first_year
        )
        from udviklingsplan_app.domain import DEFAULT_GOAL_TITLE

        vision = self.proxy.vision or framework.visions[0].id
        goal_id = self.session.apply(
            self.tr("nyt mål"),
            services.add_goal,
            plan.id,
            year=year,
            vision=vision,
            title=DEFAULT_GOAL_TITLE,
        )
        goal = self.session.goal_by_id(goal_id)
        if goal is None:
            return
        self.select_goal(goal.uid)
        self.editor.title_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.editor.title_edit.selectAll()

    def _on_delete(self) -> None:
        self.session.flush()
        goal = self._current_goal()
        plan = self.session.plan
        if goal is None or goal.id is None or plan is None:
            return
        message = (
            self.tr(
                "Vil du slette udviklingsmålet »%1« (%2) med dets handlinger, indikatorer, "
                "involvering og statushistorik?"
            )
            .replace("%1", plain(goal.title))
            .replace("%2", str(goal.year))
        )
        later = next((g for g in plan.goals if g.carried_over_from == goal.uid), None)
        if later is not None:
            message += "\n\n" + self.tr(
                "Målet, det er videreført til i %1, bliver stående."
            ).replace("%1", str(later.year))
        message += "\n\n" + self.tr("Du kan fortryde sletningen med Rediger > Fortryd.")
        answer = QMessageBox.question(
            self,
            self.tr("Slet udviklingsmål"),
            message,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        row = self.proxy.row_of(goal.uid)
        self.session.apply(self.tr("slettet mål"), services.delete_goal, goal.id)
        if self.session.goal(goal.uid) is None and self.proxy.rowCount() > 0:
            # The next goal in the list takes its place, so the keyboard can go on.
            neighbour = self.proxy.index(min(max(row, 0), self.proxy.rowCount() - 1), 0)
            self._show(neighbour.data(UID_ROLE), scroll=True)

    def _on_carry_over(self) -> None:
        self.session.flush()
        goal = self._current_goal()
        plan = self.session.plan
        if goal is None or goal.id is None or plan is None:
            return
        if self._carry_over_refusal(plan, goal) is not None:
            return
        note, ok = QInputDialog.getText(
            self,
            self.tr("Viderefør til næste år"),
            self.tr(
                "»%1« fortsætter i %2 med de handlinger, der ikke er udført.\n\n"
                "Bemærkning til statushistorikken (kan udelades):"
            )
            .replace("%1", plain(goal.title))
            .replace("%2", str(goal.year + 1)),
        )
        if not ok:
            return
        new_id = self.session.apply(
            self.tr("videreført mål"), services.carry_over_goal, goal.id, note.strip()
        )
        new = self.session.goal_by_id(new_id)
        if new is not None:
            self.select_goal(new.uid)
