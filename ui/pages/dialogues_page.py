"""Dialoger: the year's four 1:1 dialogues with the leader's own manager."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from udviklingsplan_app import planning, services
from udviklingsplan_app.domain import Dialogue, DialogueKind, Plan
from udviklingsplan_app.formatting import danish_month, long_date
from udviklingsplan_app.guidance import Concern, active_year
from ui.pages.base import Page
from ui.pages.situation_page import GrowingTextEdit, muted_label
from ui.session import PlanSession
from ui.widgets.autosave import AutoSave
from ui.widgets.date_edit import DateEdit

TEXT_FIELDS = ("agenda", "notes", "agreements")


def short_date(value: dt.date, year: int | None = None) -> str:
    """``3. mar.`` (the year only when it is not ``year``): dates in tab titles."""
    month = danish_month(value)
    month = month if len(month) <= 4 else month[:3] + "."
    if value.year == year:
        return f"{value.day}. {month}"
    return f"{value.day}. {month} {value.year}"


def participants_from(text: str) -> list[str]:
    """The names in a comma-separated line, without blanks."""
    return [name.strip() for name in text.split(",") if name.strip()]


class DialogueForm(QWidget):
    """One dialogue of the chosen year: its dates, participants and texts."""

    def __init__(self, page: DialoguesPage, kind: DialogueKind, parent: QWidget) -> None:
        super().__init__(parent)
        self.page = page
        self.kind = kind
        session = page.session

        self.suggestion = muted_label("", self)
        self.suggestion.setWordWrap(False)
        self.planned = DateEdit(self, session=session)
        self.planned.setAccessibleName(self.tr("Planlagt dato"))
        self.clear_planned = self._clear_button(self.tr("Ryd planlagt dato"))
        self.use_suggestion = QPushButton(self.tr("&Brug forslag"), self)
        self.held = DateEdit(self, session=session)
        self.held.setAccessibleName(self.tr("Afholdt dato"))
        self.clear_held = self._clear_button(self.tr("Ryd afholdt dato"))
        self.participants = QLineEdit(self)
        self.agenda = GrowingTextEdit(self)
        self.agenda.setPlaceholderText(self.tr("Punkterne til dialogen"))
        self.notes = GrowingTextEdit(self, min_lines=6)
        self.notes.setPlaceholderText(self.tr("Det, I talte om"))
        self.agreements = GrowingTextEdit(self)
        self.agreements.setPlaceholderText(self.tr("Det, I aftalte – fx én aftale pr. linje"))

        planned_row = QHBoxLayout()
        planned_row.addWidget(self.planned)
        planned_row.addWidget(self.clear_planned)
        planned_row.addWidget(self.use_suggestion)
        planned_row.addWidget(self.suggestion, 1)
        held_row = QHBoxLayout()
        held_row.addWidget(self.held)
        held_row.addWidget(self.clear_held)
        held_row.addStretch(1)

        column = QVBoxLayout(self)
        form = QFormLayout()
        column.addLayout(form)
        column.addStretch(1)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        rows: list[tuple[str, QWidget | QHBoxLayout, QWidget]] = [
            (self.tr("P&lanlagt:"), planned_row, self.planned),
            (self.tr("&Afholdt:"), held_row, self.held),
            (self.tr("D&eltagere:"), self.participants, self.participants),
            (self.tr("&Dagsorden:"), self.agenda, self.agenda),
            (self.tr("&Noter:"), self.notes, self.notes),
            (self.tr("Af&taler:"), self.agreements, self.agreements),
        ]
        for text, field, buddy in rows:
            label = QLabel(text, self)
            label.setBuddy(buddy)
            form.addRow(label, field)
        self.agenda.setAccessibleName(self.tr("Dagsorden"))
        self.notes.setAccessibleName(self.tr("Noter"))
        self.agreements.setAccessibleName(self.tr("Aftaler"))
        self.participants.setAccessibleName(self.tr("Deltagere"))

        self._texts = {
            name: AutoSave(
                session, getattr(self, name), lambda text, n=name: self.page.save(kind, n, text)
            )
            for name in TEXT_FIELDS
        }
        self._participants = AutoSave(
            session,
            self.participants,
            lambda text: self.page.save(kind, "participants", participants_from(text)),
        )
        for name, edit in (("planned", self.planned), ("held", self.held)):
            edit.committed.connect(lambda value, n=name: self.page.save(kind, n, value))
            edit.refused.connect(session.failed)
        self.clear_planned.clicked.connect(lambda: self._set_date("planned", self.planned, None))
        self.clear_held.clicked.connect(lambda: self._set_date("held", self.held, None))
        self.use_suggestion.clicked.connect(self._on_use_suggestion)

    def _clear_button(self, name: str) -> QToolButton:
        button = QToolButton(self)
        button.setText("✕")
        button.setAccessibleName(name)
        button.setToolTip(name)
        return button

    # --- showing ---------------------------------------------------------------------------

    def show_dialogue(self, plan: Plan, year: int) -> None:
        dialogue = plan.dialogue(year, self.kind) or Dialogue(year, self.kind)
        suggested = self.kind.suggested_date(year)
        self.suggestion.setText(self.tr("Foreslået: %1").replace("%1", long_date(suggested)))
        self.use_suggestion.setToolTip(
            self.tr("Sæt den planlagte dato til %1").replace("%1", long_date(suggested))
        )
        for edit, value in ((self.planned, dialogue.planned), (self.held, dialogue.held)):
            if edit.value() != value:
                edit.set_value(value)
        self.use_suggestion.setEnabled(dialogue.planned != suggested)
        self.clear_planned.setEnabled(dialogue.planned is not None)
        self.clear_held.setEnabled(dialogue.held is not None)
        for name, autosave in self._texts.items():
            autosave.show_text(getattr(dialogue, name))
        # "Mette, " is being typed towards a second name: do not tidy it away mid-word.
        typed = participants_from(self.participants.text())
        if not (self.participants.hasFocus() and typed == dialogue.participants):
            self._participants.show_text(", ".join(dialogue.participants))
        names = [n for n in (plan.leader.name, plan.manager.name) if n]
        example = ", ".join(names) if len(names) == 2 else "Mette Holm, Henrik Lund"
        self.participants.setPlaceholderText(
            self.tr("Navne adskilt med komma – fx %1").replace("%1", example)
        )

    def state(self, dialogue: Dialogue | None) -> str:
        """A few words for the tab: held, planned or not yet planned (``afholdt 3. mar.``)."""
        year = self.page.year
        return self._state(dialogue, lambda value: short_date(value, year))

    def full_state(self, dialogue: Dialogue | None) -> str:
        """The same with the whole date: ``Afholdt 3. marts 2026``."""
        text = self._state(dialogue, long_date)
        return text[:1].upper() + text[1:]

    def _state(self, dialogue: Dialogue | None, form: Callable[[dt.date], str]) -> str:
        if dialogue is not None and dialogue.held is not None:
            return self.tr("afholdt %1").replace("%1", form(dialogue.held))
        if dialogue is not None and dialogue.planned is not None:
            return self.tr("planlagt %1").replace("%1", form(dialogue.planned))
        return self.tr("ikke planlagt")

    # --- editing ---------------------------------------------------------------------------

    def _set_date(self, name: str, edit: DateEdit, value: dt.date | None) -> None:
        edit.set_value(value, force=True)
        self.page.save(self.kind, name, value)

    def _on_use_suggestion(self) -> None:
        year = self.page.year
        if year is not None:
            self._set_date("planned", self.planned, self.kind.suggested_date(year))


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
            form = DialogueForm(self, kind, scroll)
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

    # --- editing ---------------------------------------------------------------------------

    def save(self, kind: DialogueKind, name: str, value: Any) -> None:
        """Store one field of the year's dialogue of ``kind``; the rest stays as stored."""
        plan, year = self.session.plan, self.year
        if plan is None or plan.id is None or year is None:
            return
        # A dialogue stored for the first time gets the leader and the manager as participants.
        stored = plan.dialogue(year, kind) or planning.new_dialogue(plan, year, kind)
        if getattr(stored, name) == value:
            return
        dialogue = dataclasses.replace(stored, id=None, **{name: value})
        typed = name in (*TEXT_FIELDS, "participants")
        self.session.apply(
            self.tr("ændret %1 %2").replace("%1", kind.label.lower()).replace("%2", str(year)),
            services.save_dialogue,
            plan.id,
            dialogue,
            merge=f"dialogue:{year}:{kind.value}:{name}" if typed else "",
        )
