"""Step 5 of the guide: the year's four dialogues with the own manager, and a calendar file.

The dialogues get their suggested dates when the step is first shown (one step to undo);
the leader changes them to what is agreed. "Gem i kalender (.ics)…" writes the year's
dialogues as a calendar file to import into Outlook.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
)

from udviklingsplan_app import planning, services
from udviklingsplan_app.domain import DialogueKind, Plan
from udviklingsplan_app.formatting import long_date
from ui.editors.dialogue_form import store_dialogue_field
from ui.guide.base import GuideWindow, Step
from ui.widgets.date_edit import DateEdit
from ui.widgets.labels import muted_label, with_mnemonic

# Alt+letter for each dialogue's date (free of the guide's Tilbage, Næste/Færdig and Gem).
MNEMONICS = {
    DialogueKind.START: "S",
    DialogueKind.MIDT: "M",
    DialogueKind.SLUT: "l",
    DialogueKind.OPFOELGNING: "O",
}

#: What each dialogue is for, in a sentence.
PURPOSES = {
    DialogueKind.START: "Forventningsafstemning om årets udviklingsmål: hvad vil I nå, og hvordan.",
    DialogueKind.MIDT: "Hvor står målene? Hvad går godt, og hvad skal justeres?",
    DialogueKind.SLUT: "Hvad nåede I, hvad lærte I, og hvad tager I med videre?",
    DialogueKind.OPFOELGNING: "Opfølgning på årets mål og aftaler – og overgangen til næste år.",
}


def _suggest(plan: Plan, year: int, kinds: list[DialogueKind]) -> bool:
    assert plan.id is not None
    for kind in kinds:
        dialogue = planning.new_dialogue(plan, year, kind, planned=kind.suggested_date(year))
        services.save_dialogue(plan.id, dialogue)
    return True


class DialoguesStep(Step):
    title = "Dialoger"

    def __init__(self, guide: GuideWindow) -> None:
        super().__init__(guide)
        self.dates: dict[DialogueKind, DateEdit] = {}
        self.suggestions: dict[DialogueKind, QLabel] = {}
        self.use_buttons: dict[DialogueKind, QToolButton] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        grid = QGridLayout()
        grid.setVerticalSpacing(self.fontMetrics().height() // 2)
        for row, kind in enumerate(DialogueKind):
            name = QLabel(with_mnemonic(f"{self.tr(kind.label)}:", MNEMONICS[kind]), self)
            font = name.font()
            font.setBold(True)
            name.setFont(font)
            date = DateEdit(self, session=self.session)
            date.setAccessibleName(
                self.tr("Planlagt dato for %1").replace("%1", kind.label.lower())
            )
            name.setBuddy(date)
            use = QToolButton(self)
            use.setText(self.tr("Brug forslaget"))
            suggestion = muted_label("", self)
            purpose = muted_label(self.tr(PURPOSES[kind]), self)
            grid.addWidget(name, 2 * row, 0)
            grid.addWidget(date, 2 * row, 1)
            grid.addWidget(use, 2 * row, 2)
            grid.addWidget(suggestion, 2 * row, 3)
            grid.addWidget(purpose, 2 * row + 1, 1, 1, 3)
            date.committed.connect(lambda value, k=kind: self._store(k, value))
            date.refused.connect(self.session.failed)
            date.withdrawn.connect(self.session.settled)
            use.clicked.connect(lambda _=False, k=kind: self._use_suggestion(k))
            self.dates[kind] = date
            self.suggestions[kind] = suggestion
            self.use_buttons[kind] = use
        grid.setColumnStretch(3, 1)
        layout.addLayout(grid)
        layout.addSpacing(self.fontMetrics().height())
        calendar_row = QHBoxLayout()
        self.calendar_button = QPushButton(self.tr("&Gem i kalender (.ics)…"), self)
        self.calendar_button.setToolTip(
            self.tr("Gemmer årets dialoger som en kalenderfil, du kan åbne i Outlook")
        )
        calendar_row.addWidget(self.calendar_button)
        self.calendar_hint = muted_label(
            self.tr(
                "Åbn filen i Outlook, så står dialogerne i din kalender som møder på det "
                "tidspunkt, du vælger. Send den gerne til din leder sammen med planen."
            ),
            self,
        )
        calendar_row.addWidget(self.calendar_hint, 1)
        layout.addLayout(calendar_row)
        layout.addStretch(1)
        self.calendar_button.clicked.connect(self.save_calendar)

    @property
    def year(self) -> int:
        return self.guide.work_year()

    def heading(self) -> str:
        return self.tr("Dialoger med din leder i %1").replace("%1", str(self.year))

    def why(self) -> str:
        return self.tr(
            "Start, midt, slut – og opfølgning – sker på 1:1 med din egen leder. Det er en "
            "dialog, ikke en godkendelse: I afstemmer forventninger, følger op og justerer "
            "undervejs. Datoerne er forslag; ret dem til det, I aftaler."
        )

    # --- showing -----------------------------------------------------------------------------

    def enter(self) -> None:
        plan = self.plan
        if plan is not None and plan.id is not None:
            missing = [k for k in DialogueKind if plan.dialogue(self.year, k) is None]
            if missing:
                self.session.apply(
                    self.tr("foreslåede datoer for dialogerne i %1").replace("%1", str(self.year)),
                    _suggest,
                    plan,
                    self.year,
                    missing,
                )
        self.refresh()

    def refresh(self) -> None:
        plan = self.plan
        if plan is None:
            return
        for kind in DialogueKind:
            dialogue = plan.dialogue(self.year, kind)
            planned = dialogue.planned if dialogue else None
            edit = self.dates[kind]
            if edit.value() != planned:
                edit.set_value(planned)
            suggested = kind.suggested_date(self.year)
            if dialogue is not None and dialogue.held is not None:
                text = self.tr("Holdt %1").replace("%1", long_date(dialogue.held))
            else:
                text = self.tr("Forslag: %1").replace("%1", long_date(suggested))
            self.suggestions[kind].setText(text)
            self.use_buttons[kind].setEnabled(planned != suggested)
        self.calendar_button.setEnabled(
            any(d.planned or d.held for d in plan.dialogues if d.year == self.year)
        )

    # --- editing -----------------------------------------------------------------------------

    def _store(self, kind: DialogueKind, planned: dt.date | None) -> None:
        plan = self.plan
        if plan is not None:
            store_dialogue_field(self.session, plan, self.year, kind, "planned", planned)

    def _use_suggestion(self, kind: DialogueKind) -> None:
        suggested = kind.suggested_date(self.year)
        self.dates[kind].set_value(suggested, force=True)
        self._store(kind, suggested)

    def save_calendar(self) -> Path | None:
        """Ask where, then write the year's dialogues as a calendar file; the file or None."""
        plan = self.plan
        if plan is None:
            return None
        from ui.operations.calendar_file import save_calendar_dialog

        self.session.flush()
        target = save_calendar_dialog(self, self.session.plan or plan, self.year)
        if target is not None:
            self.calendar_hint.setText(
                self.tr(
                    "Dialogerne er gemt i %1. Åbn filen i Outlook for at få dem i kalenderen."
                ).replace("%1", str(target))
            )
        return target
