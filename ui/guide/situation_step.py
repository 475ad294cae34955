"""Step 2 of the guide: the workplace's current situation, in its six sections.

The step shows the same editor as the page "Aktuel situation" (its fields store what is typed
after a short pause, with the hints drawn from the home-care example); the guide's heading
stands in for the page's own title and introduction.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget

from udviklingsplan_app.domain import SituationSection
from ui.editors.situation_editor import SituationEditor
from ui.guide.base import GuideWindow, Step
from ui.widgets.growing_text import GrowingTextEdit


class SituationStep(Step):
    title = "Arbejdspladsens aktuelle situation"

    def __init__(self, guide: GuideWindow) -> None:
        super().__init__(guide)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        content = QWidget(self.scroll_area)
        column = QVBoxLayout(content)
        self.situation = SituationEditor(self.session, content)
        column.addWidget(self.situation)
        column.addStretch(1)
        self.scroll_area.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll_area)

    @property
    def editors(self) -> dict[SituationSection, GrowingTextEdit]:
        return self.situation.editors

    def why(self) -> str:
        return self.tr(
            "Beskrivelsen af arbejdspladsen, som den er nu, er udgangspunktet for "
            "udviklingsmålene: et godt mål kan begrundes i den. Skriv kort og konkret – stikord "
            "er fine. Under hvert afsnit står, hvad der hører til. Et afsnit kan vente; alt "
            "gemmes, mens du skriver."
        )

    def refresh(self) -> None:
        self.situation.refresh()

    def enter(self) -> None:
        self.refresh()
        self.editors[SituationSection.FACTS].setFocus()
