"""The guide for a new plan: from a blank plan to a complete first year, in six steps."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from udviklingsplan_app.domain import GUIDE_NEW_PLAN
from ui.guide.about_step import AboutStep
from ui.guide.base import GuideWindow, Step
from ui.guide.dialogues_step import DialoguesStep
from ui.guide.focus_step import FocusStep
from ui.guide.goals_step import GoalsStep
from ui.guide.review_step import ReviewStep
from ui.guide.situation_step import SituationStep

if TYPE_CHECKING:
    from ui.shell import Shell

ABOUT, SITUATION, FOCUS, GOALS, DIALOGUES, REVIEW = range(6)


class PlanGuide(GuideWindow):
    """Ny plan: who the plan is for, the situation, the cycle, the first year's goals and
    dialogues, and a last look with the export. Step 1 creates the plan; from then on every
    edit is stored at once."""

    kind = GUIDE_NEW_PLAN

    def __init__(
        self,
        main: Shell,
        plan_id: int | None = None,
        year: int | None = None,
        step: int = 0,
        today: dt.date | None = None,
    ) -> None:
        self._today = today or dt.date.today()
        super().__init__(main, plan_id, year, step)

    def make_steps(self) -> list[Step]:
        return [
            AboutStep(self, self._today),
            SituationStep(self),
            FocusStep(self),
            GoalsStep(self),
            DialoguesStep(self),
            ReviewStep(self),
        ]

    @property
    def about(self) -> AboutStep:
        return self.steps[ABOUT]  # type: ignore[return-value]

    def work_year(self) -> int:
        plan = self.plan
        if plan is not None:
            return plan.first_year
        return self.about.first_year.value()

    def window_title(self) -> str:
        plan = self.plan
        if plan is None:
            return self.tr("Ny plan – guide")
        return self.tr("Guide – udviklingsplan for %1").replace("%1", plan.workplace)

    def after_finish(self) -> None:
        self.main.show_page(0)
