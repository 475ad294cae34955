"""The guide's frame: the steps in a side list, the chosen step on the right, Tilbage/Næste/Luk.

A guide edits the plan open in the main window through the window's :class:`PlanSession`, so
every edit is stored at once and can be undone, and the main window shows it live. The step the
leader is on is stored too (``services.save_guide_progress``), so a guide closed midway opens
at the same step when the program starts again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QItemSelectionModel, QStringListModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from udviklingsplan_app import services
from udviklingsplan_app.domain import Plan
from udviklingsplan_app.framework import Framework
from udviklingsplan_app.guidance import Concern
from ui.session import PlanSession, explain
from ui.settings import settings
from ui.widgets.labels import muted_label
from ui.widgets.notice_bar import notice_bar

if TYPE_CHECKING:
    from ui.shell import Shell

#: Where the guide's size and place are kept (``ui.settings``).
GEOMETRY_KEY = "guide/geometry"


class Step(QWidget):
    """One step of a guide: its content, and the words that say why it matters."""

    #: The step's name in the side list.
    title = ""

    def __init__(self, guide: GuideWindow) -> None:
        super().__init__(guide.stack)
        self.guide = guide
        self.session: PlanSession = guide.session

    @property
    def plan(self) -> Plan | None:
        return self.guide.plan

    @property
    def framework(self) -> Framework | None:
        return self.guide.framework

    def heading(self) -> str:
        """The heading over the step (may name the year)."""
        return self.tr(self.title)

    def why(self) -> str:
        """Why the step matters and what good looks like: plain, calm Danish."""
        return ""

    def enter(self) -> None:
        """The step is shown: show the plan as it is now."""
        self.refresh()

    def refresh(self) -> None:
        """The plan changed (an edit, an undo): show it."""

    def leave(self) -> bool:
        """The leader goes on (or back); False keeps the step on screen (it says why)."""
        return self.session.flush()


class GuideWindow(QDialog):
    """A guide over the main window. Open it with :meth:`open` (never ``exec``)."""

    #: ``services`` kind of this guide (``domain.GUIDE_NEW_PLAN`` or ``GUIDE_NEW_YEAR``).
    kind = ""

    def __init__(self, main: Shell, plan_id: int | None, year: int | None, step: int = 0) -> None:
        super().__init__(main)
        self.main = main
        self.session = main.session
        self.plan_id = plan_id
        self.year = year
        self.finished_guide = False
        self._closing = False
        self.setObjectName("guide")
        self.setModal(True)
        self.stack = QStackedWidget(self)
        self.steps: list[Step] = self.make_steps()
        self._current = -1
        self._build_view()
        self._connect_callbacks()
        metrics = self.fontMetrics()
        # Wide enough for step 4's goal list beside the goal editor (no sideways scrolling);
        # on a small screen (a 1366 × 768 laptop, or 150 %) as large as the screen allows.
        width, height = metrics.averageCharWidth() * 190, metrics.lineSpacing() * 46
        screen = main.screen().availableGeometry() if main.screen() else None
        if screen is not None:
            width, height = min(width, screen.width() - 40), min(height, screen.height() - 60)
        self.resize(width, height)
        saved = settings().value(GEOMETRY_KEY)  # as the leader left it last time (per user)
        if isinstance(saved, QByteArray) and not saved.isEmpty():
            self.restoreGeometry(saved)
        self.go(min(max(step, 0), len(self.steps) - 1), store=False)

    # --- to be filled in by a guide ----------------------------------------------------------

    def make_steps(self) -> list[Step]:
        raise NotImplementedError

    def window_title(self) -> str:
        raise NotImplementedError

    def work_year(self) -> int:
        """The year the guide plans (the goals and dialogues of steps 4 and 5)."""
        return self.year if self.year is not None else 0

    # --- layout ------------------------------------------------------------------------------

    def _build_view(self) -> None:
        layout = QHBoxLayout(self)
        self.steps_model = QStringListModel(self._step_names(), self)
        self.step_list = QListView(self)
        self.step_list.setModel(self.steps_model)
        self.step_list.setAccessibleName(self.tr("Trin i guiden"))
        self.step_list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.step_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.step_list.setSpacing(3)
        self.step_list.setWordWrap(True)
        widest = max(self.fontMetrics().horizontalAdvance(t) for t in self.steps_model.stringList())
        self.step_list.setFixedWidth(min(widest + 36, self.fontMetrics().averageCharWidth() * 34))
        layout.addWidget(self.step_list)

        right = QVBoxLayout()
        self.counter = muted_label("", self)
        self.title_label = QLabel(self)
        self.title_label.setTextFormat(Qt.TextFormat.PlainText)
        self.title_label.setWordWrap(True)
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.title_label.setFont(font)
        self.why_label = QLabel(self)
        self.why_label.setObjectName("why")
        self.why_label.setTextFormat(Qt.TextFormat.PlainText)
        self.why_label.setWordWrap(True)
        self.why_label.setStyleSheet(
            "#why { background: #eef4fa; border: 1px solid #c9dced; border-radius: 4px;"
            " padding: 6px; }"
        )
        right.addWidget(self.counter)
        right.addWidget(self.title_label)
        right.addWidget(self.why_label)

        # A refused edit is explained here (the main window's bar is behind the guide).
        self.notice, self.notice_text, self.notice_close = notice_bar(self, "guideNotice")
        self.notice_text.setTextFormat(Qt.TextFormat.PlainText)
        right.addWidget(self.notice)

        for step in self.steps:
            self.stack.addWidget(step)
        right.addWidget(self.stack, 1)

        buttons = QHBoxLayout()
        self.close_button = QPushButton(self.tr("Luk guiden"), self)
        self.back_button = QPushButton(self.tr("◀ &Tilbage"), self)
        self.next_button = QPushButton(self.tr("&Næste ▶"), self)
        self.next_button.setDefault(False)
        self.next_button.setAutoDefault(False)
        self.back_button.setAutoDefault(False)
        self.close_button.setAutoDefault(False)
        buttons.addWidget(self.close_button)
        # What the two ways out mean (Luk guiden midway, Færdig on the last step).
        self.exit_hint = muted_label("", self)
        self.exit_hint.setObjectName("exitHint")
        buttons.addWidget(self.exit_hint, 1)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.next_button)
        right.addLayout(buttons)
        layout.addLayout(right, 1)
        self.setWindowTitle(self.window_title())

    def update_step_names(self) -> None:
        names = self._step_names()
        if names != self.steps_model.stringList():
            self.steps_model.setStringList(names)
            if self._current >= 0:
                self._select_in_list()

    def _step_names(self) -> list[str]:
        return [f"{n}. {step.heading()}" for n, step in enumerate(self.steps, 1)]

    def _connect_callbacks(self) -> None:
        self.step_list.selectionModel().currentChanged.connect(self._on_step_chosen)
        self.back_button.clicked.connect(self.back)
        self.next_button.clicked.connect(self.next)
        self.close_button.clicked.connect(self.close)
        self.notice_close.clicked.connect(self.notice.hide)
        self.session.changed.connect(self._on_plan_changed)
        self.session.failed.connect(self.show_notice)
        self.session.settled.connect(self.settle_notice)

    # --- the plan ----------------------------------------------------------------------------

    @property
    def plan(self) -> Plan | None:
        plan = self.session.plan
        return plan if plan is not None and plan.id == self.plan_id else None

    @property
    def framework(self) -> Framework | None:
        return self.session.framework if self.plan is not None else None

    def use_plan(self, plan_id: int) -> None:
        """Make the guide's plan the one open in the main window."""
        self.plan_id = plan_id
        if self.session.plan_id != plan_id:
            self.main.reload_plans(select_id=plan_id)
        self._offer_undo()

    def _offer_undo(self) -> None:
        # Ctrl+Z and Ctrl+Y undo and redo the guide's edits, as in the main window (a text
        # field being typed in undoes its own typing first). Until the guide has its plan
        # (step 1 of a new plan), the history is that of the plan behind the guide, out of
        # sight: the guide then offers no undo of it.
        actions = [self.main.undo_action, self.main.redo_action]
        if self.plan is not None:
            self.addActions(actions)
        else:
            for action in actions:
                self.removeAction(action)

    def _on_plan_changed(self) -> None:
        if 0 <= self._current < len(self.steps) and self.plan is not None:
            self.steps[self._current].refresh()
            self._show_texts()  # the years and the workplace may have changed (or been undone)
            self._update_buttons()

    def _show_texts(self) -> None:
        """The step's heading and why, the steps' names and the window's title, as the plan is."""
        step = self.steps[self._current]
        self.title_label.setText(step.heading())
        self.why_label.setText(step.why())
        self.why_label.setVisible(bool(step.why()))
        names = self._step_names()
        if names != self.steps_model.stringList():
            self.steps_model.setStringList(names)
        self._select_in_list()
        self.setWindowTitle(self.window_title())

    def show_notice(self, message: str) -> None:
        if self.isVisible():
            self.notice_text.setText(message)
            self.notice.show()

    def settle_notice(self, message: str) -> None:
        """Hide the bar if it still shows ``message`` (a refused text the leader has fixed)."""
        if self.notice_text.text() == message:
            self.notice.hide()

    # --- moving between steps ----------------------------------------------------------------

    @property
    def current(self) -> int:
        return self._current

    def current_step(self) -> Step:
        return self.steps[self._current]

    def can_visit(self, number: int) -> bool:
        """Steps after the first need the plan (the first step creates it)."""
        return number == 0 or self.plan_id is not None

    def go(self, number: int, *, store: bool = True) -> bool:
        """Show step ``number`` (after the current step has stored what it holds)."""
        if not 0 <= number < len(self.steps):
            return False
        leaving = 0 <= self._current < len(self.steps) and number != self._current
        if (leaving and not self.steps[self._current].leave()) or not self.can_visit(number):
            self._select_in_list()
            return False
        self.notice.hide()
        if leaving:
            self.session.showing_goal(None)  # a goal being written is left with its step
        self._current = number
        step = self.steps[number]
        self.stack.setCurrentWidget(step)
        self.counter.setText(
            self.tr("Trin %1 af %2")
            .replace("%1", str(number + 1))
            .replace("%2", str(len(self.steps)))
        )
        if self.plan_id is not None and self.session.plan_id != self.plan_id:
            self.use_plan(self.plan_id)
        self._offer_undo()
        step.enter()
        self._show_texts()
        self._update_buttons()
        if store:
            self.store_progress()
        return True

    def next(self) -> None:
        if self._current == len(self.steps) - 1:
            if self.current_step().leave():
                self.finish()
            return
        self.go(self._current + 1)

    def back(self) -> None:
        self.go(self._current - 1)

    def _on_step_chosen(self, index: object, _previous: object) -> None:
        row = index.row() if hasattr(index, "row") else -1  # type: ignore[attr-defined]
        if row != self._current:
            self.go(row)

    def _select_in_list(self) -> None:
        index = self.steps_model.index(self._current, 0)
        selection = self.step_list.selectionModel()
        if selection.currentIndex() != index:
            selection.blockSignals(True)
            selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            selection.blockSignals(False)
            self.step_list.viewport().update()

    def _update_buttons(self) -> None:
        last = self._current == len(self.steps) - 1
        self.back_button.setEnabled(self._current > 0)
        self.next_button.setText(self.tr("&Færdig") if last else self.tr("&Næste ▶"))
        self.step_list.setEnabled(self.plan_id is not None)
        if self.plan_id is None:  # step 1 before "Næste": the plan does not exist yet
            tip = self.tr("Planen bliver først oprettet, når du trykker Næste. Tast: Esc.")
        elif last:
            tip = self.tr(
                "Lukker guiden. Du er på sidste trin, så guiden er færdig – det samme som "
                "»Færdig«. Alt er gemt. Tast: Esc."
            )
        else:
            tip = self.tr(
                "Lukker guiden, før du er færdig. Alt er gemt, og guiden fortsætter på dette "
                "trin, næste gang du åbner programmet. Tast: Esc."
            )
        self.close_button.setToolTip(tip)
        self.next_button.setToolTip(
            self.tr(
                "Afslutter guiden: alt er gemt, og guiden kommer ikke igen, når du åbner "
                "programmet. Du arbejder videre med planen i programmets sider."
            )
            if last
            else self.tr("Gemmer dette trin og går videre til det næste.")
        )
        if self.plan_id is None:
            hint = ""
        elif last:
            hint = self.tr("»Færdig« afslutter guiden – den kommer ikke igen ved start.")
        else:
            hint = self.tr(
                "»Luk guiden« gemmer alt; guiden fortsætter her, næste gang du åbner programmet."
            )
        self.exit_hint.setText(hint)

    # --- progress ----------------------------------------------------------------------------

    def store_progress(self) -> None:
        if self.plan_id is None or self.finished_guide:
            return
        try:
            self.session.open_for_writing()
            services.save_guide_progress(self.plan_id, self.kind, self.work_year(), self._current)
        except Exception as error:
            self.show_notice(explain(error, self.session.db_path))

    def finish(self) -> None:
        """The leader is through: the guide is done and does not come back at start."""
        self.session.flush()
        if self.plan_id is not None and not self.finished_guide:
            try:
                self.session.open_for_writing()
                services.finish_guide(self.plan_id, self.kind)
            except Exception as error:
                self.show_notice(explain(error, self.session.db_path))
                return
        self.finished_guide = True
        self.after_finish()
        self.accept()

    def after_finish(self) -> None:
        """What the main window shows once the guide is done."""

    def finish_and_go(self, concern: Concern) -> None:
        """Close the guide (it is done) and show in the main window what ``concern`` is about."""
        if self.current_step().leave():
            self.finish()
            if self.finished_guide:
                self.main.go_to(concern)

    def done(self, result: int) -> None:
        # Closed midway (Luk, Esc, the window's ✕): what was typed is stored, and the step
        # stays stored, so the guide continues here next time. Closed on the last step, the
        # guide is done.
        if self._closing:
            return
        if self._current == len(self.steps) - 1 and not self.finished_guide:
            self.finish()  # comes back here through accept()
            if self.finished_guide:
                return
            # It could not be marked done (a busy or full disk; the notice says why). It
            # closes all the same, never holding the window behind it, and opens at this
            # step again at the next start.
            if not self.notice.isHidden():
                self.main.show_notice(self.notice_text.text())
        self._closing = True
        settings().setValue(GEOMETRY_KEY, self.saveGeometry())
        try:
            self.session.flush()
        finally:  # an unexpected error (the crash handler shows it) must not keep it open
            self.session.changed.disconnect(self._on_plan_changed)
            self.session.failed.disconnect(self.show_notice)
            self.session.settled.disconnect(self.settle_notice)
            super().done(result)
