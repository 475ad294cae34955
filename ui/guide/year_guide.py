"""Nyt år: a shorter guide when a year ends. Last year's goals get their final status (with a
note) or are carried over, linked to the original; then the new year's goals and dialogues,
with the cycle's coverage in view."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from udviklingsplan_app import services
from udviklingsplan_app.domain import GUIDE_NEW_YEAR, Goal, Plan, Status
from udviklingsplan_app.formatting import date_time
from udviklingsplan_app.framework import Framework
from udviklingsplan_app.planning import carried_to, carry_over_refusal
from ui.guide.base import GuideWindow, Step
from ui.guide.dialogues_step import DialoguesStep
from ui.guide.goals_step import GoalsStep
from ui.widgets.autosave import plain
from ui.widgets.labels import muted_label
from ui.widgets.pending_entry import PendingEntry

if TYPE_CHECKING:
    from ui.shell import Shell

_Index = QModelIndex | QPersistentModelIndex

#: The statuses a year can end with, in the order a leader thinks of them.
FINAL_STATUSES = (
    Status.NAAET,
    Status.DELVIST_NAAET,
    Status.OPGIVET,
    Status.I_GANG,
    Status.PLANLAGT,
    Status.IKKE_PAABEGYNDT,
)


class LastYearModel(QAbstractTableModel):
    """Last year's goals: title, vision and status (and where it was carried to)."""

    TITLE, VISION, STATUS = range(3)
    HEADERS = ("Udviklingsmål", "Vision", "Status")

    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._rows: list[tuple[str, tuple[str, str, str]]] = []
        self._vision_word = "Vision"

    def set_goals(self, plan: Plan, framework: Framework, year: int) -> None:
        if framework.terms.vision != self._vision_word:
            self._vision_word = framework.terms.vision
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, self.VISION, self.VISION)
        rows = []
        for goal in plan.goals_in(year):
            vision = framework.vision(goal.vision)
            later = carried_to(plan, goal)
            status = goal.status.label
            if later is not None:
                status = self.tr("Videreført til %1").replace("%1", str(later.year))
            rows.append(
                (goal.uid, (plain(goal.title), vision.code if vision else goal.vision, status))
            )
        if [r[0] for r in rows] != [r[0] for r in self._rows]:
            self.beginResetModel()
            self._rows = rows
            self.endResetModel()
        elif rows != self._rows:
            self._rows = rows
            self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, 2))

    def uid(self, row: int) -> str:
        return self._rows[row][0]

    def row_of(self, uid: str | None) -> int:
        return next((n for n, row in enumerate(self._rows) if row[0] == uid), -1)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._rows[index.row()][1][index.column()]
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < 3
        ):
            if section == self.VISION:
                return self._vision_word
            return self.tr(self.HEADERS[section])
        return None


class LastYearStep(Step):
    title = "Året der gik"

    def __init__(self, guide: GuideWindow) -> None:
        super().__init__(guide)
        self._uid: str | None = None
        self._updating = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.model = LastYearModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; the arrows move in it
        self.table.setAccessibleName(self.tr("Sidste års udviklingsmål"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(LastYearModel.TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(LastYearModel.VISION, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(LastYearModel.STATUS, QHeaderView.ResizeMode.ResizeToContents)
        self.table_label = QLabel(self)
        self.table_label.setBuddy(self.table)
        layout.addWidget(self.table_label)
        layout.addWidget(self.table, 1)
        self.empty = muted_label("", self)
        layout.addWidget(self.empty)

        self.box = QGroupBox(self)
        box = QVBoxLayout(self.box)
        self.latest = muted_label("", self.box)
        box.addWidget(self.latest)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.status_combo = QComboBox(self.box)
        for status in FINAL_STATUSES:
            self.status_combo.addItem(status.label, status.value)
        status_label = QLabel(self.tr("S&lutstatus:"), self.box)
        status_label.setBuddy(self.status_combo)
        self.note = QLineEdit(self.box)
        self.note.setPlaceholderText(
            self.tr("Hvad lykkedes, og hvad lærte I? – fx »Sygefraværet faldt til 6,9 %«")
        )
        note_label = QLabel(self.tr("&Bemærkning:"), self.box)
        note_label.setBuddy(self.note)
        form.addRow(status_label, self.status_combo)
        form.addRow(note_label, self.note)
        box.addLayout(form)
        buttons = QHBoxLayout()
        self.status_button = QPushButton(self.tr("&Registrér slutstatus"), self.box)
        self.carry_button = QPushButton(self.box)
        buttons.addWidget(self.status_button)
        buttons.addWidget(self.carry_button)
        buttons.addStretch(1)
        box.addLayout(buttons)
        self.carry_hint = muted_label("", self.box)
        box.addWidget(self.carry_hint)
        layout.addWidget(self.box)

        self.table.selectionModel().currentRowChanged.connect(self._on_current)
        self.status_button.clicked.connect(self.register_status)
        self.note.returnPressed.connect(self.register_status)
        self.carry_button.clicked.connect(self.carry_over)
        # A chosen final status and its note are stored when the leader is done with them
        # (another goal, the next step, closing the guide), not only by the button.
        self._status_uid: str | None = None
        self.status_entry = PendingEntry(
            self.session, self.box, [self.status_combo, self.note], self._store_status
        )

    @property
    def review_year(self) -> int:
        return self.guide.work_year() - 1

    def heading(self) -> str:
        return self.tr("Året der gik – %1").replace("%1", str(self.review_year))

    def why(self) -> str:
        return self.tr(
            "Se årets udviklingsmål igennem, før %1 begynder. Giv hvert mål en slutstatus med "
            "en kort bemærkning – hvad lykkedes, og hvad lærte I. Et mål, der ikke er nået, "
            "kan videreføres til %1: det beholder sine tegn på succes, indikatorer og de "
            "handlinger, der ikke er udført, og er koblet til det oprindelige mål."
        ).replace("%1", str(self.guide.work_year()))

    # --- showing -----------------------------------------------------------------------------

    def refresh(self) -> None:
        plan, framework = self.plan, self.framework
        if plan is None or framework is None:
            return
        year = self.review_year
        self.table_label.setText(self.tr("&Udviklingsmål for %1:").replace("%1", str(year)))
        self._updating = True
        try:
            self.model.set_goals(plan, framework, year)
            goals = plan.goals_in(year)
            if self._uid not in {g.uid for g in goals}:
                self._uid = goals[0].uid if goals else None
            row = self.model.row_of(self._uid)
            if row >= 0:
                self.table.selectionModel().setCurrentIndex(
                    self.model.index(row, 0),
                    QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows,
                )
        finally:
            self._updating = False
        self.empty.setText(
            self.tr("%1 har ingen udviklingsmål. Gå videre til det nye år.").replace(
                "%1", str(year)
            )
        )
        self.empty.setVisible(not plan.goals_in(year))
        self._show_goal()

    def goal(self) -> Goal | None:
        return self.session.goal(self._uid) if self.plan else None

    def _show_goal(self) -> None:
        goal, plan = self.goal(), self.plan
        self.box.setVisible(goal is not None)
        if goal is None or plan is None:
            return
        self.box.setTitle(plain(goal.title))
        latest = goal.status_history[-1] if goal.status_history else None
        text = self.tr("Status nu: %1").replace("%1", goal.status.label)
        if latest is not None:
            text += f" ({date_time(latest.at)})"
            if latest.note:
                text += f" – {latest.note}"
        self.latest.setText(text)
        if not self.status_entry.waiting:
            self._status_uid = goal.uid
            index = self.status_combo.findData(goal.status.value)
            if index >= 0:
                self.status_combo.setCurrentIndex(index)
        new_year = self.guide.work_year()
        self.carry_button.setText(self.tr("&Viderefør til %1").replace("%1", str(new_year)))
        reason = carry_over_refusal(plan, goal) or ""
        self.carry_button.setEnabled(not reason)
        self.carry_hint.setText(
            reason
            or self.tr(
                "Videreført: målet fortsætter i %1 med de handlinger, der ikke er udført. "
                "Bemærkningen kommer i statushistorikken."
            ).replace("%1", str(new_year))
        )

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._updating or not current.isValid():
            return
        self._uid = self.model.uid(current.row())
        self.session.flush()  # a final status being chosen is stored for the goal it was for
        if not self.status_entry.waiting:  # (still waiting only if refused)
            self.note.clear()
        self._show_goal()

    def select_goal(self, uid: str) -> None:
        row = self.model.row_of(uid)
        if row >= 0:
            self.table.setCurrentIndex(self.model.index(row, 0))

    # --- editing -----------------------------------------------------------------------------

    def register_status(self) -> None:
        self.status_entry.forget()
        if not self._store_status(always=True):
            self.status_entry.session.add_pending(self.status_entry.save_now)

    def _store_status(self, always: bool = False) -> bool:
        """Record the chosen final status with its note (if either differs); False if refused."""
        goal = self.session.goal(self._status_uid)
        if goal is None or goal.id is None:
            return True
        status = Status(self.status_combo.currentData())
        note = self.note.text().strip()
        if status == goal.status and not note and not always:
            return True

        def record(goal_id: int) -> bool:
            services.set_goal_status(goal_id, status, note)
            return True

        if not self.session.apply(self.tr("registreret slutstatus"), record, goal.id):
            return False
        self.note.clear()
        return True

    def carry_over(self) -> None:
        goal = self.goal()
        if goal is None or goal.id is None:
            return
        # The note goes with the carry-over (into the status history), which sets the status.
        self.status_entry.forget()
        if self.session.apply(
            self.tr("videreført mål"), services.carry_over_goal, goal.id, self.note.text().strip()
        ):
            self.note.clear()


class YearGuide(GuideWindow):
    """Nyt år for ``year``: last year's goals, then the new year's goals and dialogues."""

    kind = GUIDE_NEW_YEAR

    def __init__(self, main: Shell, plan_id: int, year: int, step: int = 0) -> None:
        super().__init__(main, plan_id, year, step)

    def make_steps(self) -> list[Step]:
        return [LastYearStep(self), GoalsStep(self), DialoguesStep(self)]

    def window_title(self) -> str:
        plan = self.plan
        workplace = plan.workplace if plan else ""
        return self.tr("Nyt år %1 – %2").replace("%1", str(self.year)).replace("%2", workplace)

    def after_finish(self) -> None:
        self.main.show_page(0)
