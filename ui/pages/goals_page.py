"""Udviklingsmål: the plan's goals in a filterable table, and an editor for the chosen goal.

The table is model/view over rows worked out once per refresh, so thousands of goals stay
responsive. Goals are remembered by uid (database ids change after undo and redo); text typed
into the editor is flushed to the goal it was typed for before another goal is shown.
"""

from __future__ import annotations

import datetime as dt
from itertools import pairwise

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtGui import QAction, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from udviklingsplan_app import planning, services
from udviklingsplan_app.domain import Goal, Plan, Status
from udviklingsplan_app.framework import Framework
from udviklingsplan_app.guidance import Concern
from udviklingsplan_app.planning import carried_to, carry_over_refusal
from ui.editors.goal_editor import TAKEN_KEYS, GoalEditor
from ui.editors.goal_sections import use_sections
from ui.models.goals import (
    COL_ACTIONS,
    COL_OWNER,
    COL_STATUS,
    COL_TITLE,
    COL_VISION,
    COL_YEAR,
    UID_ROLE,
    GoalFilterProxy,
    GoalsTableModel,
)
from ui.pages.base import Page
from ui.session import PlanSession
from ui.settings import settings
from ui.widgets.autosave import plain
from ui.widgets.combo import fill_combo
from ui.widgets.labels import vision_label, with_mnemonic
from ui.widgets.remembered import remember_splitter

_Index = QModelIndex | QPersistentModelIndex

SPLITTER_KEY = "goals_page/splitter"  # where the leader left the list's and editor's border
LAST_GOAL_KEY = "goals_page/last_goal"  # the goal the leader chose last (its uid)


# --- the page ------------------------------------------------------------------------------


class GoalsPage(Page):
    """The goals of the plan: filter and pick in the table, edit on the right."""

    def __init__(self, session: PlanSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self._uid: str | None = None
        self._updating = False
        self._framework_id = ""
        self._needed = 0  # the width for the list and the editor side by side
        self._opened_plan: int | None = None  # the plan the page last opened a goal of
        self.today: dt.date | None = None  # (tests fix the day; "Nyt mål" asks the core)
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
        self.filters = filters
        self._one_row: bool | None = None
        self._arrange_filters(one_row=False)
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
        use_sections(self.editor)

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
        if not self._one_row:  # measured with the filters on two rows, as side by side
            self._needed = left.minimumSizeHint().width() + body.minimumSizeHint().width()
            self._needed += self.splitter.handleWidth()
            self._needed += self.editor.verticalScrollBar().sizeHint().width()
        wide = self.width() >= self._needed
        # Above the editor the filters stand on one row where they fit: the editor keeps the
        # height (150 % on a small laptop).
        self._arrange_filters(one_row=not wide)
        if not wide and left.minimumSizeHint().width() > self.width():
            self._arrange_filters(one_row=False)
        orientation = Qt.Orientation.Horizontal if wide else Qt.Orientation.Vertical
        if self.splitter.orientation() != orientation:
            self.splitter.setOrientation(orientation)
            QTimer.singleShot(0, self, self._share_splitter)  # once it has its new size

    def _arrange_filters(self, *, one_row: bool) -> None:
        """The four filters two by two (beside the editor), or on one row (above it)."""
        if one_row == self._one_row:
            return
        self._one_row = one_row
        pairs = (
            (self.year_label, self.year_filter),
            (self.vision_label, self.vision_filter),
            (self.status_label, self.status_filter),
            (self.search_label, self.search),
        )
        for n, (label, field) in enumerate(pairs):
            row, column = (0, 2 * n) if one_row else (n // 2, 2 * (n % 2))
            self.filters.addWidget(label, row, column)  # (moves it if it is placed already)
            self.filters.addWidget(field, row, column + 1)
        for column in range(8):
            self.filters.setColumnStretch(column, 0)
        self.filters.setColumnStretch(7 if one_row else 3, 1)

    def _share_splitter(self) -> None:
        """Side by side two fifths for the list; above the editor a third (the editor needs
        the height more than the list, which scrolls), the rest for the editor."""
        room = sum(self.splitter.sizes())
        vertical = self.splitter.orientation() == Qt.Orientation.Vertical
        left = self.splitter.widget(0)
        least = left.minimumSizeHint().height() if vertical and left is not None else 0
        share = max(room // 3, least) if vertical else room * 2 // 5
        self.splitter.setSizes([share, room - share])

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
        if plan is not None and plan.id != self._opened_plan:
            self._opened_plan = plan.id
            if self._uid is None:
                self._open_first_goal()

    def _open_first_goal(self) -> None:
        """A plan just opened shows the goal the leader chose last, else the list's first."""
        uid = settings().value(LAST_GOAL_KEY)
        if not isinstance(uid, str) or self.proxy.row_of(uid) < 0:
            first = self.proxy.index(0, COL_TITLE)
            uid = first.data(UID_ROLE) if first.isValid() else None
        if uid is not None:
            self._show(uid, scroll=True)

    def _update_filter_choices(self, plan: Plan | None, framework: Framework | None) -> None:
        years = [(self.tr("Alle år"), None)] + [
            (str(y), y) for y in (plan.cycle_years if plan else ())
        ]
        changed = fill_combo(self.year_filter, years)
        if framework is not None and framework.document != self._framework_id:
            self._framework_id = framework.document
            taken = set(TAKEN_KEYS)
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
        reason = carry_over_refusal(plan, goal) if plan and goal else None
        self.carry_button.setEnabled(goal is not None and reason is None)
        self.carry_button.setToolTip(
            reason or self.tr("Fortsæt målet i næste år med de handlinger, der ikke er udført")
        )

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
        if uid is not None:
            settings().setValue(LAST_GOAL_KEY, uid)
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
        year, vision = planning.suggest_new_goal(
            plan,
            [v.id for v in framework.visions],
            self.today or dt.date.today(),
            self.proxy.year,
            self.proxy.vision,
        )
        from udviklingsplan_app.domain import DEFAULT_GOAL_TITLE

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
        later = carried_to(plan, goal)
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
        if carry_over_refusal(plan, goal) is not None:
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
