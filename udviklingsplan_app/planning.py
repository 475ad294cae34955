"""Planning the cycle: which visions each year focuses on (the guide's four-year overview).

Pure functions over vision ids and years; no I/O.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import Any

from .domain import Dialogue, DialogueKind, Plan

#: The number of goals a year should have, as the strategies ask. A framework states its own
#: numbers (``Framework.goals_min`` / ``goals_max``), which guidance uses; this is the default
#: for texts that have no framework at hand.
GOALS_PER_YEAR = (3, 5)


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


def dialogue_participants(plan: Plan) -> list[str]:
    """Who takes part in a dialogue with the own manager: the leader and the manager, as far
    as their names are known."""
    return [name for name in (plan.leader.name.strip(), plan.manager.name.strip()) if name]


def new_dialogue(plan: Plan, year: int, kind: DialogueKind, **values: Any) -> Dialogue:
    """A dialogue the plan does not have yet, as it is first stored: its participants are the
    leader and the manager (unless ``values`` says otherwise; what the leader typed wins)."""
    values.setdefault("participants", dialogue_participants(plan))
    return Dialogue(year, kind, **values)
