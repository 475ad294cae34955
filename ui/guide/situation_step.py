"""Step 2 of the guide: the workplace's current situation, in its six sections.

The step is the page "Aktuel situation" itself (its fields store what is typed after a short
pause, with the hints drawn from the home-care example); the guide's heading replaces the
page's own title and introduction.
"""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout

from udviklingsplan_app.domain import SituationSection
from ui.guide.base import GuideWindow, Step
from ui.pages.situation_page import SituationPage


class SituationStep(Step):
    title = "Arbejdspladsens aktuelle situation"

    def __init__(self, guide: GuideWindow) -> None:
        super().__init__(guide)
        self.page = SituationPage(self.session, self)
        column = self.page.scroll_area.widget().layout()
        for number in (0, 1):  # the page's title and introduction: the guide says it above
            item = column.itemAt(number)
            if item is not None and item.widget() is not None:
                item.widget().hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.page)

    @property
    def editors(self):  # type: ignore[no-untyped-def]
        return self.page.editors

    def why(self) -> str:
        return self.tr(
            "Beskrivelsen af arbejdspladsen, som den er nu, er udgangspunktet for "
            "udviklingsmålene: et godt mål kan begrundes i den. Skriv kort og konkret – stikord "
            "er fine. Under hvert afsnit står, hvad der hører til. Et afsnit kan vente; alt "
            "gemmes, mens du skriver."
        )

    def refresh(self) -> None:
        self.page.refresh()

    def enter(self) -> None:
        self.refresh()
        self.page.editors[SituationSection.FACTS].setFocus()
