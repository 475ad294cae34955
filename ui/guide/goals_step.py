"""Step 4 of the guide: the year's 3–5 development goals.

The year's goals are listed on the left with a live counter, the cycle's coverage and the
guidance for the year; the chosen goal is edited on the right with the goal editor of the page
"Udviklingsmål" (vision, theme, inspiration from the strategy, title, rationale, signs of
success or own criteria, first actions) and four check boxes for whom to involve.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from udviklingsplan_app import planning, services
from udviklingsplan_app.domain import DEFAULT_GOAL_TITLE, REQUIRED_PARTIES, Goal, Party, Plan
from udviklingsplan_app.framework import Framework
from udviklingsplan_app.guidance import Concern, year_findings
from ui.editors.goal_editor import GoalEditor
from ui.guide.base import GuideWindow, Step
from ui.models.overview import FindingsModel
from ui.session import PlanSession
from ui.settings import settings
from ui.widgets.autosave import plain
from ui.widgets.delegates import space_rows
from ui.widgets.fitted_text import FittedText
from ui.widgets.labels import muted_label, vision_label

#: Where the split between the goal list and the goal editor is kept (``ui.settings``).
SPLITTER_KEY = "guide/goals_splitter"

_Index = QModelIndex | QPersistentModelIndex
UID_ROLE = Qt.ItemDataRole.UserRole + 1


class YearGoalsModel(QAbstractListModel):
    """The goals of one year, in their order: "V1 · title"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[str, str, str]] = []  # uid, text, tooltip

    def set_goals(self, goals: list[Goal], framework: Framework | None) -> None:
        rows = []
        for goal in goals:
            vision = framework.vision(goal.vision) if framework else None
            code = vision.code if vision else goal.vision
            tip = vision_label(vision) if vision else goal.vision
            rows.append((goal.uid, f"{code} · {plain(goal.title)}", tip))
        if rows == self._rows:
            return
        if [r[0] for r in rows] == [r[0] for r in self._rows]:
            self._rows = rows
            if rows:
                self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, 0))
            return
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def uid(self, row: int) -> str:
        return self._rows[row][0]

    def row_of(self, uid: str | None) -> int:
        return next((n for n, row in enumerate(self._rows) if row[0] == uid), -1)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        uid, text, tip = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return text
        if role == Qt.ItemDataRole.ToolTipRole:
            return tip
        if role == UID_ROLE:
            return uid
        return None


class InvolvementChecks(QGroupBox):
    """Whom to involve in the goal: the four parties the strategy names, as check boxes.

    A tick adds an involvement entry for the party; taking it away removes the party's entries
    that hold nothing yet (entries with a date or notes stay, and so does the tick).
    """

    def __init__(self, session: PlanSession, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Hvem vil du inddrage?"), parent)
        self.session = session
        self.goal: Goal | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(
            muted_label(
                self.tr(
                    "Strategien beder dig inddrage din leder, dit ledelsesteam, MED-udvalget og "
                    "medarbejderne. Hvordan og hvad der kom ud af det, skriver du under "
                    "»Udviklingsmål« ▸ Inddragelse, når det er sket."
                ),
                self,
            )
        )
        # Two by two: in one row the four boxes made the editor scroll sideways at 150 %
        # on a 1366 × 768 screen.
        grid = QGridLayout()
        self.boxes: dict[Party, QCheckBox] = {}
        for number, party in enumerate(REQUIRED_PARTIES):
            box = QCheckBox(party.label, self)
            box.toggled.connect(lambda checked, p=party: self._on_toggled(p, checked))
            self.boxes[party] = box
            grid.addWidget(box, number // 2, number % 2)
        grid.setColumnStretch(2, 1)
        layout.addLayout(grid)

    def set_goal(self, goal: Goal | None) -> None:
        self.goal = goal
        involved = {entry.party for entry in goal.involvement} if goal else set()
        for party, box in self.boxes.items():
            box.blockSignals(True)
            box.setChecked(party in involved)
            box.setEnabled(goal is not None)
            box.blockSignals(False)

    def _on_toggled(self, party: Party, checked: bool) -> None:
        goal = self.goal
        if goal is None or goal.id is None:
            return
        entries = [e for e in goal.involvement if e.party == party]
        if checked and not entries:
            self.session.apply(
                self.tr("inddraget %1").replace("%1", party.in_sentence),
                services.add_involvement,
                goal.id,
                party,
            )
            return
        if checked:
            return
        empty = [
            e for e in entries if e.date is None and not e.form.strip() and not e.outcome.strip()
        ]
        if len(empty) < len(entries):
            self.session.failed.emit(
                self.tr(
                    "Der er noteret inddragelse af %1 i målet. Ret eller slet den under "
                    "»Udviklingsmål« ▸ Inddragelse."
                ).replace("%1", party.in_sentence)
            )
            self.set_goal(self.session.goal(goal.uid))
            return

        def remove(ids: list[int]) -> bool:
            for entry_id in ids:
                services.delete_involvement(entry_id)
            return True

        self.session.apply(
            self.tr("fjernet %1 fra inddragelse").replace("%1", party.in_sentence),
            remove,
            [e.id for e in empty if e.id is not None],
        )


def coverage_text(step: Step, plan: Plan, framework: Framework, year: int) -> str:
    """The year's focus and the visions that no goal of the plan covers yet."""
    terms = framework.terms
    lines = []
    focus = [framework.vision(v) for v in plan.focus.get(year, [])]
    chosen = [vision_label(v) for v in focus if v is not None]
    if chosen:
        lines.append(step.tr("Årets fokus fra overblikket: %1.").replace("%1", ", ".join(chosen)))
    with_goals = {year: [g.vision for g in plan.goals]}
    missing = planning.uncovered([v.id for v in framework.visions], with_goals)
    if missing:
        names = [vision_label(v) for v in framework.visions if v.id in missing]
        lines.append(
            step.tr("%1 uden udviklingsmål i planen endnu: %2.")
            .replace("%1", terms.visions)
            .replace("%2", ", ".join(names))
        )
    else:
        lines.append(
            step.tr("Alle %1 har udviklingsmål i planen.").replace("%1", terms.visions.lower())
        )
    return "\n".join(lines)


class GoalsStep(Step):
    title = "Udviklingsmål for året"

    def __init__(self, guide: GuideWindow) -> None:
        super().__init__(guide)
        self._uid: str | None = None
        self._updating = False
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setChildrenCollapsible(False)

        left = QWidget(splitter)
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        self.counter = QLabel(left)
        self.counter.setTextFormat(Qt.TextFormat.PlainText)
        font = self.counter.font()
        font.setBold(True)
        self.counter.setFont(font)
        column.addWidget(self.counter)
        self.coverage = muted_label("", left)
        # Never cut through a line (150 %): at most five lines, else "…" and the whole as tip.
        self.coverage_text = FittedText(self.coverage, 5)
        column.addWidget(self.coverage)
        goals_label = QLabel(self.tr("Å&rets mål:"), left)
        self.model = YearGoalsModel(self)
        self.goal_list = QListView(left)
        self.goal_list.setModel(self.model)
        self.goal_list.setAccessibleName(self.tr("Årets udviklingsmål"))
        self.goal_list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.goal_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        space_rows(self.goal_list, 4)
        self.goal_list.setWordWrap(True)  # long titles wrap rather than hide
        self.goal_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        goals_label.setBuddy(self.goal_list)
        column.addWidget(goals_label)
        column.addWidget(self.goal_list, 2)
        buttons = QHBoxLayout()
        self.new_button = QPushButton(self.tr("Tilføj &mål"), left)
        self.delete_button = QPushButton(self.tr("&Slet mål…"), left)
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        column.addLayout(buttons)
        findings_label = QLabel(self.tr("&Vejledning for året:"), left)
        self.findings_model = FindingsModel(self)
        self.findings = QListView(left)
        self.findings.setModel(self.findings_model)
        self.findings.setAccessibleName(self.tr("Vejledning for året"))
        self.findings.setToolTip(
            self.tr(
                "Klik på en bemærkning om et mål for at gå til målet – eller på en bemærkning om "
                "en vision uden mål for at tilføje et mål under den"
            )
        )
        self.findings.setWordWrap(True)
        space_rows(self.findings, 4)
        self.findings.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        findings_label.setBuddy(self.findings)
        column.addWidget(findings_label)
        column.addWidget(self.findings, 3)
        self.no_findings = muted_label(
            self.tr("Vejledningen har ingen bemærkninger til årets mål."), left
        )
        self.no_findings.hide()
        column.addWidget(self.no_findings)
        column.addStretch(0)

        self.right = QStackedWidget(splitter)
        self.hint = QLabel(self.right)
        self.hint.setWordWrap(True)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.editor = GoalEditor(self.session, self.right)
        # In the guide: what a goal needs at the start. Status, indicators and notes on the
        # involvement belong to the year's work, on the page "Udviklingsmål".
        self.editor.status_box.hide()
        self.editor.move_button.hide()  # the step works on one year
        # The strategy's text is there to read: Tab goes on from the theme to the rationale.
        self.editor.inspiration.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.editor.parts.tabs.setTabVisible(1, False)
        self.editor.parts.tabs.setTabVisible(2, False)
        lines = self.fontMetrics().lineSpacing()
        self.editor.rationale_edit.setMaximumHeight(lines * 7)
        self.editor.criteria_edit.setMaximumHeight(lines * 5)
        # The hidden indicator tab (with its chart) would otherwise set the tabs' height.
        self.editor.parts.setMaximumHeight(lines * 15)
        self.involvement = InvolvementChecks(self.session, self.editor.widget())
        body = self.editor.widget().layout()
        body.insertWidget(body.indexOf(self.editor.parts) + 1, self.involvement)
        self.right.addWidget(self.hint)
        self.right.addWidget(self.editor)
        unit = self.fontMetrics().averageCharWidth()
        splitter.setSizes([44 * unit, 96 * unit])
        splitter.setStretchFactor(1, 1)
        self.splitter = splitter
        saved = settings().value(SPLITTER_KEY)  # where the leader moved it last time
        if isinstance(saved, QByteArray) and not saved.isEmpty():
            splitter.restoreState(saved)
        splitter.splitterMoved.connect(
            lambda *_: settings().setValue(SPLITTER_KEY, splitter.saveState())
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

        self.goal_list.selectionModel().currentChanged.connect(self._on_current)
        self.new_button.clicked.connect(self.add_goal)
        self.delete_button.clicked.connect(self._on_delete)
        self.findings.clicked.connect(self._on_finding)
        self.findings.activated.connect(self._on_finding)
        self.editor.goalLinkActivated.connect(self.select_goal)

    @property
    def year(self) -> int:
        return self.guide.work_year()

    def heading(self) -> str:
        return self.tr("Udviklingsmål for %1").replace("%1", str(self.year))

    def why(self) -> str:
        framework = self.framework
        low, high = (framework.goals_min, framework.goals_max) if framework else (3, 5)
        return (
            self.tr(
                "Et godt udviklingsmål er konkret, knytter sig til strategien, kan begrundes i "
                "arbejdspladsens situation og siger, hvordan I kan se, at det lykkes. Vælg %1–%2 "
                "mål for året – nok til at rykke noget, og få nok til at nå dem. Lad "
                "inspirationen fra strategien give idéer, skriv de første handlinger, og sæt "
                "flueben ved dem, du vil inddrage."
            )
            .replace("%1", str(low))
            .replace("%2", str(high))
        )

    # --- showing -----------------------------------------------------------------------------

    def goals(self) -> list[Goal]:
        plan = self.plan
        return plan.goals_in(self.year) if plan else []

    def refresh(self) -> None:
        plan, framework = self.plan, self.framework
        if plan is None or framework is None:
            return
        goals = self.goals()
        self._updating = True
        try:
            self.model.set_goals(goals, framework)
            if self._uid not in {g.uid for g in goals}:
                self._uid = goals[0].uid if goals else None
            self._select(self._uid)
        finally:
            self._updating = False
        low, high = framework.goals_min, framework.goals_max
        self.counter.setText(
            self.tr("%1 af %2–%3 mål")
            .replace("%1", str(len(goals)))
            .replace("%2", str(low))
            .replace("%3", str(high))
        )
        self.coverage_text.set_text(coverage_text(self, plan, framework, self.year))
        findings = year_findings(plan, framework, self.year, self.session.being_written)
        self.findings_model.set_findings(findings)
        self.findings.setVisible(bool(findings))
        self.no_findings.setVisible(not findings)
        self._show_goal()

    def _select(self, uid: str | None) -> None:
        row = self.model.row_of(uid)
        selection = self.goal_list.selectionModel()
        if row < 0:
            selection.clear()
            return
        selection.setCurrentIndex(
            self.model.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
        )

    def _show_goal(self) -> None:
        goal = self.session.goal(self._uid) if self.plan else None
        self.editor.set_goal(goal)
        self.involvement.set_goal(goal)
        self.delete_button.setEnabled(goal is not None)
        if goal is None:
            self.hint.setText(
                self.tr(
                    "Der er endnu ingen udviklingsmål for %1.\n\nKlik på »Tilføj mål« for at "
                    "begynde på det første."
                ).replace("%1", str(self.year))
            )
            self.right.setCurrentWidget(self.hint)
        else:
            self.right.setCurrentWidget(self.editor)

    def select_goal(self, uid: str | None) -> None:
        if self.model.row_of(uid) < 0:
            return
        if uid != self._uid:
            self.session.flush()
        self._uid = uid
        self._updating = True
        try:
            self._select(uid)
        finally:
            self._updating = False
        self._show_goal()
        if self.session.being_written is not None:
            self.session.showing_goal(uid)
            if self.session.being_written is None:  # the new goal was left: say what it lacks
                self.refresh()

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._updating or not current.isValid():
            return
        self.select_goal(current.data(UID_ROLE))

    def _on_finding(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        concern: Concern = self.findings_model.finding(index.row()).concerns
        if concern.kind == "goal":
            self.select_goal(concern.goal_uid)
        elif concern.kind == "vision" and concern.vision is not None:
            self.add_goal(concern.vision)

    # --- editing -----------------------------------------------------------------------------

    def suggested_vision(self) -> str | None:
        """The vision for a new goal: the year's focus first, then what the plan lacks."""
        plan, framework = self.plan, self.framework
        if plan is None or framework is None or not framework.visions:
            return None
        this_year = {g.vision for g in self.goals()}
        in_plan = {g.vision for g in plan.goals}
        focus = plan.focus.get(self.year, [])
        for vision in focus:
            if vision not in this_year:
                return vision
        for vision in framework.visions:
            if vision.id not in in_plan:
                return vision.id
        return focus[0] if focus else framework.visions[0].id

    def add_goal(self, vision: str | None = None) -> Goal | None:
        plan = self.plan
        vision = vision or self.suggested_vision()
        if plan is None or plan.id is None or vision is None:
            return None
        self.session.flush()
        goal_id = self.session.apply(
            self.tr("nyt mål"),
            services.add_goal,
            plan.id,
            year=self.year,
            vision=vision,
            title=DEFAULT_GOAL_TITLE,
        )
        goal = self.session.goal_by_id(goal_id)
        if goal is None:
            return None
        self.select_goal(goal.uid)
        self.editor.title_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.editor.title_edit.selectAll()
        return goal

    def _on_delete(self) -> None:
        self.session.flush()
        goal = self.session.goal(self._uid)
        if goal is None or goal.id is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Slet udviklingsmål"),
            self.tr(
                "Vil du slette udviklingsmålet »%1«?\n\nDu kan fortryde det med Rediger ▸ Fortryd "
                "i hovedvinduet."
            ).replace("%1", plain(goal.title)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.session.apply(self.tr("slettet mål"), services.delete_goal, goal.id)
