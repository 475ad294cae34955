"""The guide (vejledning trin for trin): a new plan from a blank page, and "Nyt år".

A guide opens over the main window with :meth:`QDialog.open` (window-modal, never ``exec``),
edits the plan through the window's session, and remembers its step, so the program reopens
it there at the next start (:func:`resume_at_start`).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

from udviklingsplan_app.domain import GUIDE_NEW_PLAN, GUIDE_NEW_YEAR, Plan
from udviklingsplan_app.guidance import active_year
from udviklingsplan_app.planning import new_year_for
from ui.guide.base import GuideWindow
from ui.guide.guide import PlanGuide
from ui.guide.year_guide import YearGuide

if TYPE_CHECKING:
    from ui.shell import Shell

__all__ = [
    "GuideWindow",
    "PlanGuide",
    "YearGuide",
    "guide_year",
    "new_year_for",
    "open_guide_for_year",
    "open_new_plan_guide",
    "open_year_guide",
    "resume_at_start",
]


def _show(main: Shell, guide: GuideWindow) -> GuideWindow:
    main.guide = guide
    guide.finished.connect(lambda _result: _forget(main, guide))
    guide.open()
    if main.lasting_notice and main.notice_shown():
        guide.show_notice(main.lasting_notice)  # the guide covers the window's notice bar
    return guide


def _forget(main: Shell, guide: GuideWindow) -> None:
    if main.guide is guide:
        main.guide = None
    guide.deleteLater()


def _open_guide(main: Shell) -> GuideWindow | None:
    guide = main.guide
    if isinstance(guide, GuideWindow) and guide.isVisible():
        guide.raise_()
        guide.activateWindow()
        return guide
    return None


def _typing_refused(main: Shell) -> bool:
    """True (and said so) if typing in the window could not be stored: the leader puts it
    right there first. The guide would cover the window, and every step stores what waits
    before going on, so the guide would be held back by a field out of reach."""
    from ui.dialogs.unsaved import stored_first

    return not stored_first(main, main.session, main.tr("åbne guiden"))


def open_new_plan_guide(main: Shell, today: dt.date | None = None) -> GuideWindow | None:
    """Ny plan: the guide from its first step (the plan is created when the leader goes on).

    None (with a word why) while typing in the window could not be stored."""
    guide = _open_guide(main)
    if guide is not None:
        return guide
    if _typing_refused(main):
        return None
    return _show(main, PlanGuide(main, today=today))


def open_year_guide(main: Shell, today: dt.date | None = None) -> GuideWindow | None:
    """Nyt år for the open plan; None (with a word why) when the plan has no year to prepare
    or typing in the window could not be stored."""
    open_guide = _open_guide(main)
    if open_guide is not None:
        return open_guide
    plan = main.session.plan
    if plan is None or plan.id is None or _typing_refused(main):
        return None
    year = new_year_for(plan, today)
    if year is None:
        QMessageBox.information(
            main,
            main.tr("Nyt år"),
            main.tr(
                "Planen har ikke et nyt år at forberede lige nu. »Nyt år« hjælper, når et af "
                "planens år slutter og det næste begynder (fra september)."
            ),
        )
        return None
    return _show(main, YearGuide(main, plan.id, year))


def guide_year(plan: Plan, today: dt.date | None = None) -> int:
    """The year the leader works in now, held inside the plan's years."""
    return active_year(plan, today or dt.date.today())


def open_guide_for_year(main: Shell, today: dt.date | None = None) -> GuideWindow | None:
    """Hjælp ▸ Åbn guiden for året: the guide again for the year the leader works in now.

    In the plan's first year that is the new plan's guide (its steps show the plan as it is);
    in a later year it is the guide that closes the year before and plans this one (as
    Filer ▸ Nyt år). Without a plan, the guide for a new plan.
    """
    open_guide = _open_guide(main)
    if open_guide is not None:
        return open_guide
    plan = main.session.plan
    if plan is None or plan.id is None:
        return open_new_plan_guide(main, today)
    if _typing_refused(main):
        return None
    year = guide_year(plan, today)
    if year == plan.first_year:
        return _show(main, PlanGuide(main, plan.id, year, 0, today))
    return _show(main, YearGuide(main, plan.id, year))


def resume_at_start(main: Shell) -> GuideWindow | None:
    """At program start: reopen a guide left midway at its step, or, in an empty database,
    the guide for the first plan. Call it after the first paint (it loads the services)."""
    from udviklingsplan_app import services

    guide = _open_guide(main)
    if guide is not None:
        return guide
    plans = {
        s.id: range(s.first_year, s.first_year + s.years) for s in main.session.plan_summaries()
    }
    for progress in services.unfinished_guides():
        years = plans.get(progress.plan_id)
        if years is None:
            continue  # the plan is gone
        if progress.kind == GUIDE_NEW_PLAN:
            # It plans the plan's first year, wherever that was moved since (in step 1, say).
            return _show(main, PlanGuide(main, progress.plan_id, years.start, progress.step))
        if progress.year not in years:
            continue  # that year of the plan is gone
        if progress.kind == GUIDE_NEW_YEAR:
            return _show(main, YearGuide(main, progress.plan_id, progress.year, progress.step))
    if not plans:
        return open_new_plan_guide(main)
    return None
