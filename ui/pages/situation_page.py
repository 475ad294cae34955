"""Aktuel situation: the six sections that describe the workplace as it is now."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from udviklingsplan_app.guidance import Concern
from ui.editors.situation_editor import SituationEditor
from ui.pages.base import Page
from ui.session import PlanSession


class SituationPage(Page):
    """Arbejdspladsens aktuelle situation: one growing text field per section."""

    def __init__(self, session: PlanSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
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
        self.situation = SituationEditor(self.session, content)
        self.editors = self.situation.editors
        self.hints = self.situation.hints
        self.headings = self.situation.headings
        column.addWidget(self.situation)
        column.addStretch(1)
        self.scroll_area.setWidget(content)
        layout.addWidget(self.scroll_area)

    # --- showing ---------------------------------------------------------------------------

    def refresh(self) -> None:
        self.situation.refresh()

    def show_concern(self, concern: Concern) -> None:
        if concern.kind != "situation":
            return
        section = self.situation.first_empty()
        editor = self.editors[section]
        self.scroll_area.ensureWidgetVisible(editor)
        self.scroll_area.ensureWidgetVisible(self.headings[section])
        editor.setFocus(Qt.FocusReason.OtherFocusReason)
