"""Planning the cycle: which visions each year focuses on (the guide's four-year overview),
which year a new plan or *Nyt år* is for, and who takes part in a dialogue.

Pure functions over plans, vision ids and years; no I/O.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .domain import Dialogue, DialogueKind, Goal, Plan

#: The number of goals a year should have, as the strategies ask. A framework states its own
#: numbers (``Framework.goals_min`` / ``goals_max``), which guidance uses; this is the default
#: for texts that have no framework at hand.
GOALS_PER_YEAR = (3, 5)

#: From this month on the year being planned is the coming one (a new plan, *Nyt år*).
NEXT_YEAR_FROM_MONTH = 9


def first_year_for_new_plan(today: dt.date) -> int:
    """The first year a new plan is for: this year, or the coming one from September."""
    return today.year + (1 if today.month >= NEXT_YEAR_FROM_MONTH else 0)


@dataclass(frozen=True, slots=True)
class NewYear:
    """Which year *Nyt år* prepares, or (``year`` None) why there is none: ``why`` is Danish
    and said to the leader (the greyed-out menu item's tip); empty when there is a year."""

    year: int | None
    why: str = ""


def new_year(plan: Plan, today: dt.date) -> NewYear:
    """The year *Nyt år* prepares: the next one from September, else this one. None when
    that year is the plan's first (nothing to look back on) or past the cycle, with why."""
    if today.year >= plan.first_year:
        working = active_year(plan, today)
        year = working + (1 if today.month >= NEXT_YEAR_FROM_MONTH else 0)
        if plan.first_year < year <= plan.last_year:
            return NewYear(year)
    if today.year > plan.last_year or (
        today.year == plan.last_year and today.month >= NEXT_YEAR_FROM_MONTH
    ):
        return NewYear(
            None,
            f"Planens sidste år, {plan.last_year}, er nået. Den næste periode begynder med en "
            "ny plan (Filer ▸ Ny plan).",
        )
    return NewYear(
        None,
        f"Nyt år bliver muligt, når planens første år, {plan.first_year}, er ved at være "
        "gået (fra september).",
    )


def new_year_for(plan: Plan, today: dt.date | None = None) -> int | None:
    """The year *Nyt år* prepares (see :func:`new_year`); None when there is none."""
    return new_year(plan, today or dt.date.today()).year


def suggest_distribution(
    vision_ids: Sequence[str],
    years: Sequence[int],
    existing: Mapping[int, Collection[str]] | None = None,
) -> dict[int, list[str]]:
    """A spread of visions over the years that covers every vision at least once.

    Keeps the leader's ``existing`` marks and adds only what is missing: each vision that no
    year has yet goes to the year with the fewest visions (the earliest on a tie), then each
    year still without a vision gets the vision used the fewest times (the first in the
    framework on a tie). So 4 visions over 4 years give one each; over 3 years 2/1/1; over
    5 years one each and the first vision once more. Each year's list is in ``vision_ids``'
    order; every year of ``years`` is in the result. Deterministic.
    """
    order = {vision: index for index, vision in enumerate(vision_ids)}
    chosen: dict[int, set[str]] = {
        year: {v for v in (existing or {}).get(year, ()) if v in order} for year in years
    }
    if not order or not chosen:
        return {year: [] for year in years}
    covered = set().union(*chosen.values())
    position = {year: index for index, year in enumerate(years)}
    for vision in vision_ids:
        if vision in covered:
            continue
        year = min(chosen, key=lambda y: (len(chosen[y]), position[y]))
        chosen[year].add(vision)
        covered.add(vision)
    for year in years:
        if chosen[year]:
            continue
        uses = {v: sum(v in visions for visions in chosen.values()) for v in vision_ids}
        chosen[year].add(min(vision_ids, key=lambda v: (uses[v], order[v])))
    return {year: sorted(chosen[year], key=order.__getitem__) for year in years}


def uncovered(vision_ids: Sequence[str], focus: Mapping[int, Collection[str]]) -> list[str]:
    """The visions that no year focuses on, in ``vision_ids``' order."""
    covered: set[str] = set()
    for visions in focus.values():
        covered.update(visions)
    return [vision for vision in vision_ids if vision not in covered]


def with_goals(plan: Plan) -> dict[int, list[str]]:
    """The plan's focus marks together with the visions its goals already cover."""
    merged = {year: list(visions) for year, visions in plan.focus.items()}
    for goal in plan.goals:
        merged.setdefault(goal.year, []).append(goal.vision)
    return merged


def dialogue_participants(plan: Plan) -> list[str]:
    """Who takes part in a dialogue with the own manager: the leader and the manager, as far
    as their names are known."""
    return [name for name in (plan.leader.name.strip(), plan.manager.name.strip()) if name]


def new_dialogue(plan: Plan, year: int, kind: DialogueKind, **values: Any) -> Dialogue:
    """A dialogue the plan does not have yet, as it is first stored: its participants are the
    leader and the manager (unless ``values`` says otherwise; what the leader typed wins)."""
    values.setdefault("participants", dialogue_participants(plan))
    return Dialogue(year, kind, **values)


def carried_to(plan: Plan, goal: Goal) -> Goal | None:
    """The goal this one was carried over to (*Videreført*), if any."""
    return next((later for later in plan.goals if later.carried_over_from == goal.uid), None)


def carry_over_refusal(plan: Plan, goal: Goal) -> str | None:
    """Why the goal cannot be carried over to the next year (Danish, said to the leader), or
    None if it can: it is carried over already, or it stands in the plan's last year."""
    later = carried_to(plan, goal)
    if later is not None:
        return f"Målet er allerede videreført til {later.year}."
    if goal.year >= plan.last_year:
        return (
            f"Målet står i planens sidste år ({plan.last_year}) og kan ikke videreføres inden "
            "for planen."
        )
    return None


def suggest_new_goal(
    plan: Plan,
    vision_ids: Sequence[str],
    today: dt.date,
    year_filter: int | None = None,
    vision_filter: str | None = None,
) -> tuple[int, str]:
    """The year and vision a new goal (*Nyt mål*) gets when the leader has chosen neither.

    The year is the filter's, if one is chosen, else the year the leader works in (this year,
    held inside the cycle). The vision is the filter's, if one is chosen, else that year's
    first focus vision without a goal, else the first vision without a goal that year, else
    the first vision (``vision_ids`` is the framework's order).
    """
    year = year_filter if year_filter is not None else active_year(plan, today)
    if vision_filter is not None:
        return year, vision_filter
    taken = {goal.vision for goal in plan.goals if goal.year == year}
    order = list(vision_ids)
    focus = sorted((v for v in plan.focus.get(year, ()) if v in order), key=order.index)
    for candidates in (focus, order):
        vision = next((v for v in candidates if v not in taken), None)
        if vision is not None:
            return year, vision
    return year, order[0] if order else ""


def active_year(plan: Plan, today: dt.date) -> int:
    """The year the leader is working on now, held inside the cycle."""
    return min(max(today.year, plan.first_year), plan.last_year)
