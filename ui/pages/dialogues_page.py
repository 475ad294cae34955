"""Dialoger: the year's four 1:1 dialogues with the leader's own manager."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from udviklingsplan_app.domain import DialogueKind, Plan
from udviklingsplan_app.guidance import Concern, active_year
from ui.editors.dialogue_form import DialogueForm
from ui.pages.base import Page
from ui.session import PlanSession
from ui.widgets.compact_tabs import fit_tabs
from ui.widgets.labels import muted_label
from ui.widgets.manager_comments import ManagerCommentsView
from ui.widgets.remembered import remember_splitter

SPLITTER_KEY = "dialogues_page/splitter"  # the dialogues beside the manager's comments
#: The tabs' short names (the page is Dialoger; its intro names them "start, midt, slut – og
#: opfølgning"), so four tabs with their dates fit beside the comments on a 1366-pixel screen.
TAB_NAMES = {
    DialogueKind.START: "Start",
    DialogueKind.MIDT: "Midtvejs",
    DialogueKind.SLUT: "Slut",
    DialogueKind.OPFOELGNING: "Opfølgning",
}


class DialoguesPage(Page):
    """Dialoger: choose a year, then its start, midt, slut and opfølgning dialogues."""

    def __init__(
        self, session: PlanSession, parent: QWidget | None = None, today: dt.date | None = None
    ) -> None:
        super().__init__(session, parent)
        self._today = today
        self.year: int | None = None  # the year on screen; None until a plan is shown
        self.forms: dict[DialogueKind, DialogueForm] = {}
        self._build_view()
        self.year_picker.currentIndexChanged.connect(self._on_year_chosen)
        session.planSwitched.connect(self._on_plan_switched)

    def _build_view(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        year_label = QLabel(self.tr("&År:"), self)
        self.year_picker = QComboBox(self)
        self.year_picker.setAccessibleName(self.tr("Vælg år"))
        self.year_picker.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        year_label.setBuddy(self.year_picker)
        intro = muted_label(
            self.tr(
                "Start, midt, slut – og opfølgning – sker på 1:1 med din egen leder. Datoerne "
                "er forslag; skriv dem, I aftaler. Alt gemmes, mens du skriver."
            ),
            self,
        )
        top.addWidget(year_label)
        top.addWidget(self.year_picker)
        top.addSpacing(self.fontMetrics().averageCharWidth() * 2)
        top.addWidget(intro, 1)
        self.calendar_button = QPushButton(self.tr("Gem i &kalender (.ics)…"), self)
        self.calendar_button.setToolTip(
            self.tr("Gem årets dialoger med dato som en kalenderfil, du kan åbne i Outlook")
        )
        self.calendar_button.clicked.connect(self._on_calendar)
        top.addWidget(self.calendar_button)
        self.send_button = QPushButton(self.tr("&Send til din leder…"), self)
        self.send_button.setToolTip(
            self.tr(
                "Gem planen som Excel-fil og åbn en e-mail til din leder med filen vedhæftet. "
                "Din leder skriver i kolonnen »Kommentar fra leder« og sender filen tilbage."
            )
        )
        self.send_button.clicked.connect(self._on_send)
        top.addWidget(self.send_button)
        layout.addLayout(top)

        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        fit_tabs(self.tabs)  # all four dialogues in sight (the tooltip says the state in full)
        for kind in DialogueKind:
            scroll = QScrollArea(self.tabs)
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QFrame.Shape.NoFrame)
            form = DialogueForm(self.session, kind, lambda: self.year, scroll)
            scroll.setWidget(form)
            self.forms[kind] = form
            self.tabs.addTab(scroll, self.tr(TAB_NAMES[kind]))
        # The comments beside them, narrow by default so the dialogues have the width; the
        # leader can widen them, or fold them away to the right, and the choice is remembered.
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("dialogues_splitter")
        self.splitter.addWidget(self.tabs)
        self.splitter.addWidget(self._build_comments())
        self.splitter.setCollapsible(0, False)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        narrow = self.fontMetrics().averageCharWidth() * 34
        self.splitter.setSizes([narrow * 3, narrow])
        remember_splitter(self.splitter, SPLITTER_KEY)
        layout.addWidget(self.splitter, 1)

    def _build_comments(self) -> QWidget:
        """Beside the dialogues: the manager's comments on the plan and the year's goals."""
        self.comments_box = QGroupBox(self.tr("Kommentarer fra din leder"), self)
        box = QVBoxLayout(self.comments_box)
        self.comments_view = ManagerCommentsView(self.comments_box)
        box.addWidget(self.comments_view, 100)
        box.addStretch(1)  # the button stays at the bottom while there are no comments
        self.answer_button = QPushButton(self.tr("&Indlæs svar fra din leder…"), self.comments_box)
        self.answer_button.setToolTip(
            self.tr("Læs den Excel-fil ind, din leder har skrevet i og sendt tilbage")
        )
        self.answer_button.clicked.connect(self._on_answer)
        box.addWidget(self.answer_button, 0, Qt.AlignmentFlag.AlignRight)
        self.no_comments = muted_label(
            self.tr(
                "Ingen kommentarer endnu. Send planen til din leder; når din leder har skrevet "
                "i Excel-filen og sendt den tilbage, læser du svaret ind her."
            ),
            self.comments_box,
        )
        box.insertWidget(0, self.no_comments)
        return self.comments_box

    # --- showing ---------------------------------------------------------------------------

    def refresh(self) -> None:
        plan = self.session.plan
        self.tabs.setEnabled(plan is not None)
        self.year_picker.setEnabled(plan is not None)
        self.calendar_button.setEnabled(plan is not None)
        self.send_button.setEnabled(plan is not None)
        if plan is None:
            return
        years = list(plan.cycle_years)
        if self.year not in years:
            today = self._today or dt.date.today()
            self.year = active_year(plan, today)
        shown = [self.year_picker.itemData(i) for i in range(self.year_picker.count())]
        self.year_picker.blockSignals(True)
        if shown != years:
            self.year_picker.clear()
            for year in years:
                self.year_picker.addItem(str(year), year)
        self.year_picker.setCurrentIndex(years.index(self.year))
        self.year_picker.blockSignals(False)
        for number, (kind, form) in enumerate(self.forms.items()):
            form.show_dialogue(plan, self.year)
            self.tabs.setTabText(
                number, f"{self.tr(TAB_NAMES[kind])} – {form.state(plan.dialogue(self.year, kind))}"
            )
            self.tabs.setTabToolTip(number, form.full_state(plan.dialogue(self.year, kind)))
        self._show_comments(plan, self.year)

    def _show_comments(self, plan: Plan, year: int) -> None:
        on_plan = [(self.tr("Planen"), c) for c in plan.manager_comments]
        on_goals = [(g.title, c) for g in plan.goals_in(year) for c in g.manager_comments]
        self.comments_view.show_comments(on_plan + on_goals)
        self.comments_view.setVisible(bool(on_plan or on_goals))
        self.no_comments.setVisible(not (on_plan or on_goals))
        if any(not c.seen for c in plan.manager_comments):
            QTimer.singleShot(0, self, self._mark_seen)

    def _mark_seen(self) -> None:
        # Only once the leader has the page in front of them.
        if self.isVisible() and self.session.plan is not None:
            self.session.mark_comments_seen(None)

    def show_concern(self, concern: Concern) -> None:
        if concern.kind != "dialogue":
            return
        plan = self.session.plan
        if plan is not None and concern.year is not None and concern.year in plan.cycle_years:
            self.choose_year(concern.year)
        kind = concern.dialogue or DialogueKind.START
        self.tabs.setCurrentIndex(list(DialogueKind).index(kind))
        self.forms[kind].planned.setFocus(Qt.FocusReason.OtherFocusReason)

    def choose_year(self, year: int) -> None:
        index = self.year_picker.findData(year)
        if index >= 0:
            self.year_picker.setCurrentIndex(index)

    def _on_year_chosen(self, index: int) -> None:
        year = self.year_picker.itemData(index)
        if year is None or year == self.year:
            return
        # Text typed a moment ago belongs to the year it was typed in.
        self.session.flush()
        self.year = year
        self.refresh()

    def _on_plan_switched(self) -> None:
        self.year = None

    def _on_send(self) -> None:
        from ui.operations.send_to_manager import message_box_say, send_to_manager

        send_to_manager(self, self.session, message_box_say(self))

    def _on_answer(self) -> None:
        from ui.operations.manager_answer import choose_answer_file, read_answer_file
        from ui.operations.send_to_manager import message_box_say

        path = choose_answer_file(self)
        if path is not None:
            read_answer_file(self, self.session, path, message_box_say(self))

    def _on_calendar(self) -> None:
        from ui.operations.calendar_file import save_calendar_dialog

        self.session.flush()  # a date typed a moment ago belongs in the file
        if self.session.plan is not None and self.year is not None:
            save_calendar_dialog(self, self.session.plan, self.year)
