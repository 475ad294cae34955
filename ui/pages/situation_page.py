"""Aktuel situation: the six sections that describe the workplace as it is now."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from udviklingsplan_app import services
from udviklingsplan_app.domain import SituationSection
from udviklingsplan_app.guidance import Concern
from ui.pages.base import Page
from ui.session import PlanSession
from ui.widgets.autosave import AutoSave

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

MIN_LINES, MAX_LINES = 4, 14


def with_mnemonic(text: str, letter: str) -> str:
    """``text`` with ``&`` before the first ``letter`` (or unchanged if it has none)."""
    at = text.find(letter)
    return text if at < 0 else text[:at] + "&" + text[at:]


def muted_label(text: str, parent: QWidget) -> QLabel:
    """A smaller, quieter label for explanations under a heading."""
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 0.9)
    label.setFont(font)
    palette = label.palette()
    palette.setColor(
        QPalette.ColorRole.WindowText, palette.color(QPalette.ColorRole.PlaceholderText)
    )
    label.setPalette(palette)
    return label


class GrowingTextEdit(QPlainTextEdit):
    """A text field that grows with its text, from a few lines up to a screenful."""

    def __init__(self, parent: QWidget | None = None, min_lines: int = MIN_LINES) -> None:
        super().__init__(parent)
        self._min_lines = min_lines
        self.setTabChangesFocus(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.document().documentLayout().documentSizeChanged.connect(self._fit)
        self._fit()

    def _fit(self, *_: object) -> None:
        # A plain text layout measures its height in lines, not pixels.
        lines = int(self.document().documentLayout().documentSize().height())
        lines = min(max(lines, self._min_lines), MAX_LINES)
        margins = self.contentsMargins()
        height = (
            lines * self.fontMetrics().lineSpacing()
            + int(2 * self.document().documentMargin())
            + margins.top()
            + margins.bottom()
            + 2 * self.frameWidth()
        )
        if height != self.height():
            self.setFixedHeight(height)


class SituationPage(Page):
    """Arbejdspladsens aktuelle situation: one growing text field per section."""

    def __init__(self, session: PlanSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.editors: dict[SituationSection, GrowingTextEdit] = {}
        self.hints: dict[SituationSection, QLabel] = {}
        self.headings: dict[SituationSection, QLabel] = {}
        self._autosaves: dict[SituationSection, AutoSave] = {}
        self._build_view()

    def _build_view(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        content = QWidget(self.scroll_area)
        column = QVBoxLayout(content)
        title = QLabel(self.tr("Arbejdspladsens aktuelle situation"), content)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        title.setFont(font)
        column.addWidget(title)
        intro = QLabel(
            self.tr(
                "Beskriv arbejdspladsen, som den er nu. Beskrivelsen er udgangspunktet for "
                "udviklingsmålene: hvert mål kan begrundes i den. Teksten gemmes, mens du skriver."
            ),
            content,
        )
        intro.setWordWrap(True)
        column.addWidget(intro)
        for section in SituationSection:
            column.addSpacing(self.fontMetrics().height() // 2)
            heading = QLabel(with_mnemonic(section.label, MNEMONICS[section]), content)
            bold = heading.font()
            bold.setBold(True)
            heading.setFont(bold)
            hint = muted_label(section.hint, content)
            editor = GrowingTextEdit(content)  # no placeholder: the hint stands just above
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
        column.addStretch(1)
        self.scroll_area.setWidget(content)
        layout.addWidget(self.scroll_area)

    # --- showing ---------------------------------------------------------------------------

    def refresh(self) -> None:
        plan = self.session.plan
        for section, autosave in self._autosaves.items():
            autosave.show_text(plan.situation_text(section) if plan is not None else "")
            self.editors[section].setEnabled(plan is not None)

    def show_concern(self, concern: Concern) -> None:
        if concern.kind != "situation":
            return
        plan = self.session.plan
        sections = list(SituationSection)
        empty = [s for s in sections if plan is not None and not plan.situation_text(s).strip()]
        editor = self.editors[(empty or sections)[0]]
        self.scroll_area.ensureWidgetVisible(editor)
        self.scroll_area.ensureWidgetVisible(self.headings[(empty or sections)[0]])
        editor.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- editing ---------------------------------------------------------------------------

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
