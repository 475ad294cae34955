"""Dialoger: the year's four 1:1 dialogues with the leader's own manager."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from udviklingsplan_app.domain import DialogueKind
from udviklingsplan_app.guidance import Concern, active_year
from ui.editors.dialogue_form import DialogueForm
from ui.pages.base import Page
from ui.session import PlanSession
from ui.widgets.labels import muted_label


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
        layout.addLayout(top)

        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.tabs.setUsesScrollButtons(True)
        for kind in DialogueKind:
            scroll = QScrollArea(self.tabs)
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QFrame.Shape.NoFrame)
            form = DialogueForm(self.session, kind, lambda: self.year, scroll)
            scroll.setWidget(form)
            self.forms[kind] = form
            self.tabs.addTab(scroll, kind.label)
        layout.addWidget(self.tabs, 1)

    # --- showing ---------------------------------------------------------------------------

    def refresh(self) -> None:
        plan = self.session.plan
        self.tabs.setEnabled(plan is not None)
        self.year_picker.setEnabled(plan is not None)
        self.calendar_button.setEnabled(plan is not None)
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
                number, f"{kind.label} – {form.state(plan.dialogue(self.year, kind))}"
            )
            self.tabs.setTabToolTip(number, form.full_state(plan.dialogue(self.year, kind)))

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

    def _on_calendar(self) -> None:
        from ui.operations.calendar_file import save_calendar_dialog

        self.session.flush()  # a date typed a moment ago belongs in the file
        if self.session.plan is not None and self.year is not None:
            save_calendar_dialog(self, self.session.plan, self.year)
