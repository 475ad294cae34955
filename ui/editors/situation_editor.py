"""The current situation's six sections, each a growing text field stored as it is typed.

Shared by the page *Aktuel situation* and the guide's step 2, which put their own heading and
introduction above it.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from udviklingsplan_app import services
from udviklingsplan_app.domain import SituationSection
from ui.session import PlanSession
from ui.widgets.autosave import AutoSave
from ui.widgets.growing_text import GrowingTextEdit
from ui.widgets.labels import muted_label, with_mnemonic

# The letter each section's heading underlines (Alt+letter jumps there). F, R, V, H and P
# belong to the menus and the plan picker.
MNEMONICS = {
    SituationSection.FACTS: "k",
    SituationSection.STRATEGIES: "C",
    SituationSection.FOCUS_AREAS: "O",
    SituationSection.CHALLENGES: "u",
    SituationSection.OTHER_INITIATIVES: "g",
    SituationSection.OPERATIONS: "d",
}


class SituationEditor(QWidget):
    """A heading, a hint and a growing text field per section of the current situation."""

    def __init__(self, session: PlanSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.editors: dict[SituationSection, GrowingTextEdit] = {}
        self.hints: dict[SituationSection, QLabel] = {}
        self.headings: dict[SituationSection, QLabel] = {}
        self._autosaves: dict[SituationSection, AutoSave] = {}
        self._build_view()

    def _build_view(self) -> None:
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        for section in SituationSection:
            column.addSpacing(self.fontMetrics().height() // 2)
            heading = QLabel(with_mnemonic(section.label, MNEMONICS[section]), self)
            bold = heading.font()
            bold.setBold(True)
            heading.setFont(bold)
            hint = muted_label(section.hint, self)
            editor = GrowingTextEdit(self)  # no placeholder: the hint stands just above
            editor.setAccessibleName(section.label)
            editor.setAccessibleDescription(section.hint)
            heading.setBuddy(editor)
            column.addWidget(heading)
            column.addWidget(hint)
            column.addWidget(editor)
            self.headings[section] = heading
            self.hints[section] = hint
            self.editors[section] = editor
            self._autosaves[section] = AutoSave(
                self.session, editor, lambda text, s=section: self._on_save(s, text)
            )

    def refresh(self) -> None:
        plan = self.session.plan
        for section, autosave in self._autosaves.items():
            autosave.show_text(plan.situation_text(section) if plan is not None else "")
            self.editors[section].setEnabled(plan is not None)

    def first_empty(self) -> SituationSection:
        """The first section not yet written (the first section if all are)."""
        plan = self.session.plan
        sections = list(SituationSection)
        empty = [s for s in sections if plan is not None and not plan.situation_text(s).strip()]
        return (empty or sections)[0]

    def _on_save(self, section: SituationSection, text: str) -> None:
        plan_id = self.session.plan_id
        if plan_id is None:
            return
        self.session.apply(
            self.tr("ændret aktuel situation"),
            services.set_situation,
            plan_id,
            section,
            text,
            merge=f"situation:{section.value}",
        )
