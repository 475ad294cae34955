"""One dialogue with the own manager: its dates, participants and texts, stored as they are
changed. The form is the page *Dialoger*'s; :func:`store_dialogue_field` is also how the guide's
dialogue step stores a date.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from udviklingsplan_app import planning, services
from udviklingsplan_app.domain import Dialogue, DialogueKind, Plan
from udviklingsplan_app.formatting import long_date, short_date
from ui.session import PlanSession
from ui.widgets.autosave import AutoSave
from ui.widgets.date_edit import DateEdit
from ui.widgets.growing_text import GrowingTextEdit
from ui.widgets.labels import muted_label

TEXT_FIELDS = ("agenda", "notes", "agreements")


def participants_from(text: str) -> list[str]:
    """The names in a comma-separated line, without blanks."""
    return [name.strip() for name in text.split(",") if name.strip()]


def store_dialogue_field(
    session: PlanSession, plan: Plan, year: int, kind: DialogueKind, name: str, value: Any
) -> None:
    """Store one field of the year's dialogue of ``kind`` as an undoable edit (what is typed
    merges into one step per field); the rest stays as stored. A dialogue stored for the
    first time gets the leader and the manager as participants."""
    if plan.id is None:
        return
    stored = plan.dialogue(year, kind) or planning.new_dialogue(plan, year, kind)
    if getattr(stored, name) == value:
        return
    dialogue = dataclasses.replace(stored, id=None, **{name: value})
    typed = name in (*TEXT_FIELDS, "participants")
    session.apply(
        session.tr("ændret %1 %2").replace("%1", kind.label.lower()).replace("%2", str(year)),
        services.save_dialogue,
        plan.id,
        dialogue,
        merge=f"dialogue:{year}:{kind.value}:{name}" if typed else "",
    )


class DialogueForm(QWidget):
    """One dialogue of the chosen year: its dates, participants and texts."""

    def __init__(
        self,
        session: PlanSession,
        kind: DialogueKind,
        year: Callable[[], int | None],
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.kind = kind
        self._year = year  # the year on screen; None until a plan is shown

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
            name: AutoSave(session, getattr(self, name), lambda text, n=name: self.save(n, text))
            for name in TEXT_FIELDS
        }
        self._participants = AutoSave(
            session,
            self.participants,
            lambda text: self.save("participants", participants_from(text)),
        )
        for name, edit in (("planned", self.planned), ("held", self.held)):
            edit.committed.connect(lambda value, n=name: self.save(n, value))
            edit.refused.connect(session.failed)
            edit.withdrawn.connect(session.settled)
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
        year = self._year()
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

    def save(self, name: str, value: Any) -> None:
        """Store one field of the dialogue on screen; the rest stays as stored."""
        plan = self.session.plan
        year = self._year()
        if plan is not None and year is not None:
            store_dialogue_field(self.session, plan, year, self.kind, name, value)

    def _set_date(self, name: str, edit: DateEdit, value: dt.date | None) -> None:
        edit.set_value(value, force=True)
        self.save(name, value)

    def _on_use_suggestion(self) -> None:
        year = self._year()
        if year is not None:
            self._set_date("planned", self.planned, self.kind.suggested_date(year))
