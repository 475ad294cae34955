"""Step 3 of the guide: the cycle's overview, years × visions, and which visions each year
focuses on.

A click in a cell (or Space) marks or unmarks the vision for the year, stored at once.
"Foreslå fordeling" adds marks until every vision is covered (the leader's own marks stay),
and a line under the grid says at once which visions the cycle does not reach yet.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
)

from udviklingsplan_app import planning, services
from udviklingsplan_app.domain import Plan
from udviklingsplan_app.formatting import years_label
from udviklingsplan_app.framework import Framework
from ui.guide.base import GuideWindow, Step
from ui.models.overview import COVERED, UNCOVERED
from ui.pages.goals_page import vision_label
from ui.pages.situation_page import muted_label

_Index = QModelIndex | QPersistentModelIndex

CYCLE_HEADINGS = {3: "Treårsoverblik", 4: "Fireårsoverblik", 5: "Femårsoverblik"}
NUMBER_WORDS = {1: "én", 2: "to", 3: "tre", 4: "fire", 5: "fem", 6: "seks"}


def cycle_heading(years: int) -> str:
    return CYCLE_HEADINGS.get(years, f"Overblik over {years} år")


def _is_checked(value: object) -> bool:
    if isinstance(value, Qt.CheckState):
        return value == Qt.CheckState.Checked
    return value == Qt.CheckState.Checked.value


def with_goals(plan: Plan) -> dict[int, list[str]]:
    """The plan's focus marks together with the visions its goals already cover."""
    merged = {year: list(visions) for year, visions in plan.focus.items()}
    for goal in plan.goals:
        merged.setdefault(goal.year, []).append(goal.vision)
    return merged


class FocusGridModel(QAbstractTableModel):
    """Years (rows) × visions (columns); a cell is checked when the year focuses on the vision.

    Checking a cell calls ``store(year, vision_ids)`` with the year's new list; it returns
    whether the change was stored.
    """

    def __init__(self, store: Callable[[int, list[str]], bool], parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._store = store
        self.plan: Plan | None = None
        self.framework: Framework | None = None
        self._shape: tuple[tuple[int, ...], tuple[str, ...]] = ((), ())

    def set_plan(self, plan: Plan | None, framework: Framework | None) -> None:
        shape: tuple[tuple[int, ...], tuple[str, ...]] = (
            (tuple(plan.cycle_years), tuple(v.id for v in framework.visions))
            if plan is not None and framework is not None
            else ((), ())
        )
        if shape != self._shape:
            self.beginResetModel()
            self.plan, self.framework, self._shape = plan, framework, shape
            self.endResetModel()
            return
        self.plan, self.framework = plan, framework
        if self.rowCount() and self.columnCount():
            self.dataChanged.emit(
                self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1)
            )

    def year(self, row: int) -> int:
        return self._shape[0][row]

    def vision(self, column: int) -> str:
        return self._shape[1][column]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._shape[0])

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._shape[1])

    def _valid(self, index: _Index) -> bool:
        return (
            index.isValid()
            and self.plan is not None
            and 0 <= index.row() < self.rowCount()
            and 0 <= index.column() < self.columnCount()
        )

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not self._valid(index) or self.plan is None:
            return None
        year, vision = self.year(index.row()), self.vision(index.column())
        checked = vision in self.plan.focus.get(year, [])
        goals = [g for g in self.plan.goals_in(year) if g.vision == vision]
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.DisplayRole:
            lines = [self.tr("Fokus")] if checked else []
            if goals:
                lines.append(
                    self.tr("1 mål")
                    if len(goals) == 1
                    else self.tr("%1 mål").replace("%1", str(len(goals)))
                )
            return "\n".join(lines)
        if role == Qt.ItemDataRole.BackgroundRole:
            if checked or goals:
                return COVERED
            covered = planning.uncovered([vision], with_goals(self.plan)) == []
            return None if covered else UNCOVERED
        if role == Qt.ItemDataRole.ToolTipRole:
            name = self.framework.vision(vision) if self.framework else None
            title = vision_label(name) if name else vision
            state = self.tr("fokus") if checked else self.tr("ikke fokus")
            return f"{year} · {title}: {state}"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{year}, {vision}: {self.tr('fokus') if checked else self.tr('ikke fokus')}"
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not self._valid(index):
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsUserCheckable
        )

    def setData(self, index: _Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not self._valid(index) or self.plan is None:
            return False
        year, vision = self.year(index.row()), self.vision(index.column())
        chosen = set(self.plan.focus.get(year, []))
        if _is_checked(value):
            chosen.add(vision)
        else:
            chosen.discard(vision)
        order = self._shape[1]
        return self._store(year, [v for v in order if v in chosen])

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(self.year(section)) if 0 <= section < self.rowCount() else None
        if self.framework is None or not 0 <= section < self.columnCount():
            return None
        vision = self.framework.vision(self.vision(section))
        if vision is None:
            return None
        return f"{vision.code}\n" + textwrap.fill(vision.title, 24)


class ToggleDelegate(QStyledItemDelegate):
    """A click anywhere in a cell toggles it, not only on the small check box."""

    def editorEvent(
        self,
        event: QEvent,
        model: QAbstractItemModel,
        option: QStyleOptionViewItem,
        index: _Index,
    ) -> bool:
        if event.type() == QEvent.Type.MouseButtonDblClick:
            return True  # the two clicks of a double-click toggle twice; nothing more
        if (
            event.type() == QEvent.Type.MouseButtonRelease
            and isinstance(event, QMouseEvent)
            and event.button() == Qt.MouseButton.LeftButton
            and option.rect.contains(event.position().toPoint())  # type: ignore[attr-defined]
        ):
            checked = _is_checked(index.data(Qt.ItemDataRole.CheckStateRole))
            new = Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked
            return model.setData(index, new, Qt.ItemDataRole.CheckStateRole)
        return super().editorEvent(event, model, option, index)


class FocusStep(Step):
    title = "Fireårsoverblik"  # named after the plan's years (see heading)

    def __init__(self, guide: GuideWindow) -> None:
        super().__init__(guide)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.model = FocusGridModel(self._store, self)
        self.grid = QTableView(self)
        self.grid.setModel(self.model)
        self.grid.setTabKeyNavigation(False)  # Tab leaves the table; the arrows move in it
        self.grid.setItemDelegate(ToggleDelegate(self.grid))
        self.grid.setAccessibleName(self.tr("Årenes fokus"))
        self.grid.setWordWrap(True)
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.grid.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        # The years share the height there is (at 150 % on a 1366 × 768 screen the last year
        # was cut off), up to three lines each; the grid never scrolls.
        lines = self.fontMetrics().lineSpacing()
        self.grid.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.grid.verticalHeader().setMinimumSectionSize(int(lines * 1.5))
        self.grid.verticalHeader().setDefaultSectionSize(lines * 3)
        self.grid.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.grid.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.grid.setToolTip(self.tr("Klik i et felt for at markere eller fjerne årets fokus"))
        grid_label = QLabel(self.tr("&Årenes fokus (klik i et felt for at markere det):"), self)
        grid_label.setBuddy(self.grid)
        layout.addWidget(grid_label)
        layout.addWidget(self.grid, 10)
        self.coverage = QLabel(self)
        self.coverage.setTextFormat(Qt.TextFormat.PlainText)
        self.coverage.setWordWrap(True)
        self.coverage.setAccessibleName(self.tr("Dækning i planen"))
        layout.addWidget(self.coverage)
        row = QHBoxLayout()
        self.suggest_button = QPushButton(self.tr("&Foreslå fordeling"), self)
        self.suggest_button.setToolTip(
            self.tr("Tilføjer markeringer, så alle visioner er med i løbet af planens år")
        )
        self.clear_button = QPushButton(self.tr("Fje&rn alle markeringer"), self)
        row.addWidget(self.suggest_button)
        row.addWidget(self.clear_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.legend = muted_label("", self)
        layout.addWidget(self.legend)
        layout.addStretch(1)
        self.suggest_button.clicked.connect(self.suggest)
        self.clear_button.clicked.connect(self.clear)

    def heading(self) -> str:
        plan = self.plan
        years = plan.years if plan is not None else self.guide_years()
        return self.tr(cycle_heading(years))

    def guide_years(self) -> int:
        """Before the plan exists: the years chosen in step 1 (the step's name from the start)."""
        about = next(iter(getattr(self.guide, "steps", [])), None)
        spin = getattr(about, "years", None)
        return spin.value() if spin is not None else 4

    def why(self) -> str:
        plan, framework = self.plan, self.framework
        if plan is None or framework is None:
            return ""
        visions = framework.terms.visions.lower()
        return (
            self.tr(
                "En god plan kommer omkring alle %1 i løbet af planens %2 år – ikke nødvendigvis "
                "alle hvert år. Markér, hvilke %1 hvert år skal have fokus; et år kan have én "
                "eller flere. »Foreslå fordeling« giver et forslag, der dækker dem alle, og som "
                "du kan rette til. Markeringerne er et udkast, du kan ændre, når årene kommer."
            )
            .replace("%1", visions)
            .replace("%2", NUMBER_WORDS.get(plan.years, str(plan.years)))
        )

    def refresh(self) -> None:
        plan, framework = self.plan, self.framework
        self.model.set_plan(plan, framework)
        if plan is None or framework is None:
            return
        self._fit_height()
        self.coverage.setText(self.coverage_text(plan, framework))
        self.legend.setText(
            self.tr(
                "Grøn: året har fokus på %1 eller mål under %2. Gul: %1 er ikke med nogen "
                "steder i planen endnu."
            )
            .replace("%1", framework.terms.vision_definite.lower())
            .replace("%2", framework.terms.vision_pronoun.lower())
        )
        self.clear_button.setEnabled(any(plan.focus.values()))

    def _fit_height(self) -> None:
        """At most three lines a year: on a large screen the grid does not grow beyond that."""
        header = self.grid.horizontalHeader()
        tallest = self.grid.verticalHeader().defaultSectionSize() * self.model.rowCount()
        frame = 2 * self.grid.frameWidth()
        self.grid.setMaximumHeight(header.sizeHint().height() + tallest + frame)
        self.grid.setMinimumHeight(
            header.sizeHint().height()
            + self.grid.verticalHeader().minimumSectionSize() * self.model.rowCount()
            + frame
        )

    def coverage_text(self, plan: Plan, framework: Framework) -> str:
        missing = planning.uncovered([v.id for v in framework.visions], with_goals(plan))
        cycle = years_label(plan.first_year, plan.years)
        visions = framework.terms.visions.lower()
        if not missing:
            count = len(framework.visions)
            return (
                self.tr("✓ Alle %1 %2 er med i løbet af %3.")
                .replace("%1", NUMBER_WORDS.get(count, str(count)))
                .replace("%2", visions)
                .replace("%3", cycle)
            )
        names = [vision_label(v) for v in framework.visions if v.id in missing]
        return (
            self.tr(
                "Endnu ikke med i %1: %2. Markér et år for hver, eller klik på »Foreslå fordeling«."
            )
            .replace("%1", cycle)
            .replace("%2", ", ".join(names))
        )

    # --- editing -----------------------------------------------------------------------------

    def _store(self, year: int, vision_ids: list[str]) -> bool:
        plan = self.plan
        if plan is None or plan.id is None:
            return False

        def store() -> bool:
            services.set_year_focus(plan.id, year, vision_ids)  # type: ignore[arg-type]
            return True

        return (
            self.session.apply(self.tr("ændret fokus for %1").replace("%1", str(year)), store)
            is not None
        )

    def suggest(self) -> None:
        plan, framework = self.plan, self.framework
        if plan is None or plan.id is None or framework is None:
            return
        spread = planning.suggest_distribution(
            [v.id for v in framework.visions], list(plan.cycle_years), existing=plan.focus
        )
        changed = {y: v for y, v in spread.items() if v != plan.focus.get(y, [])}
        if not changed:
            return

        def store(plan_id: int) -> bool:
            for year, visions in changed.items():
                services.set_year_focus(plan_id, year, visions)
            return True

        self.session.apply(self.tr("foreslået fordeling"), store, plan.id)

    def clear(self) -> None:
        plan = self.plan
        if plan is None or plan.id is None:
            return
        years = [y for y, visions in plan.focus.items() if visions]

        def store(plan_id: int) -> bool:
            for year in years:
                services.set_year_focus(plan_id, year, [])
            return True

        self.session.apply(self.tr("fjernet markeringer"), store, plan.id)
