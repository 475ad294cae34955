"""What changed between two versions of a framework, in Danish lines a leader can read.

Shown before a leader moves a plan to a newer version: titles reworded, visions, themes and
signs added or removed. Items are matched by id; a changed title or text under the same id is
"reworded".
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from .domain import Plan
from .framework import Framework, Sign, Theme, Vision

T = TypeVar("T", Vision, Theme, Sign)


@dataclass(frozen=True)
class Change:
    kind: str  # "added", "removed", "reworded"
    text: str  # one Danish line

    def __str__(self) -> str:
        return self.text


def _compare(
    old: Sequence[T],
    new: Sequence[T],
    word: str,
    name: Callable[[T], str],
) -> list[Change]:
    changes = []
    old_by_id = {item.id: item for item in old}
    new_by_id = {item.id: item for item in new}
    for item in new:
        before = old_by_id.get(item.id)
        if before is None:
            changes.append(Change("added", f"Ny {word}: »{name(item)}«"))
        elif name(before) != name(item):
            changes.append(
                Change(
                    "reworded",
                    f"{word.capitalize()} omformuleret: »{name(before)}« → »{name(item)}«",
                )
            )
    for item in old:
        if item.id not in new_by_id:
            changes.append(Change("removed", f"{word.capitalize()} udgår: »{name(item)}«"))
    return changes


def framework_changes(old: Framework, new: Framework) -> list[Change]:
    """Every difference a leader meets, vision by vision; empty when only the version differs."""
    terms = new.terms
    changes: list[Change] = []
    if old.title != new.title:
        changes.append(Change("reworded", f"Titlen er nu »{new.title}« (før »{old.title}«)"))
    changes += _compare(old.visions, new.visions, terms.vision.lower(), lambda v: v.title)
    old_visions = {v.id: v for v in old.visions}
    for vision in new.visions:
        before = old_visions.get(vision.id)
        if before is None:
            continue
        changes += _compare(before.themes, vision.themes, terms.theme.lower(), lambda t: t.title)
        changes += _compare(before.signs, vision.signs, terms.sign.lower(), lambda s: s.text)
    return changes


def goals_left_behind(plan: Plan, framework: Framework) -> list[str]:
    """Titles of the plan's goals with a vision, theme or sign that ``framework`` lacks."""
    titles = []
    for goal in plan.goals:
        vision = framework.vision(goal.vision)
        if (
            vision is None
            or (goal.theme is not None and vision.theme(goal.theme) is None)
            or any(framework.sign(sign) is None for sign in goal.success_signs)
        ):
            titles.append(f"{goal.title} ({goal.year})")
    return titles
