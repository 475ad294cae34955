"""A plan's goals: adding, editing, moving, status, signs and criteria, carrying over."""

from __future__ import annotations

import datetime as dt
from typing import Any

from .. import planning, validation
from ..domain import Action, Goal, Indicator, Status, StatusChange, new_uid
from ..errors import ValidationError
from ..framework import Framework
from ..storage import models as m
from ..storage.rows import PartRows
from .base import goal_row, next_position, plan_row, timestamp, touch, transaction
from .frameworks import framework_of
from .plans import load_plan
from .values import check_list, check_values, choice


def _check_goal_fields(
    plan: m.Plan,
    framework: Framework,
    year: int,
    vision: str,
    theme: str | None,
) -> str:
    validation.check_year(year, plan.first_year, plan.years, "year")
    vision_id = validation.resolve_vision(framework, vision, "vision")
    validation.check_theme(framework, vision_id, theme, "theme")
    return vision_id


@transaction
def add_goal(
    plan_id: int,
    *,
    year: int,
    vision: str,
    title: str,
    theme: str | None = None,
    rationale: str = "",
    owner: str = "",
    status: Status = Status.IKKE_PAABEGYNDT,
) -> int:
    """A new goal at the end of its year; returns its id."""
    check_values(
        {
            "year": year,
            "vision": vision,
            "title": title,
            "theme": theme,
            "rationale": rationale,
            "owner": owner,
        }
    )
    plan = plan_row(plan_id)
    framework = framework_of(plan)
    vision_id = _check_goal_fields(plan, framework, year, vision, theme)
    if not title.strip():
        raise ValidationError("Et udviklingsmål skal have en titel.", "title")
    status = choice(Status, status)
    row = m.Goal.create(
        plan=plan,
        uid=new_uid(),
        year=year,
        position=next_position(m.Goal, (m.Goal.plan == plan_id) & (m.Goal.year == year)),
        vision=vision_id,
        theme=theme,
        title=title,
        rationale=rationale,
        status=status.value,
        owner=owner,
    )
    m.StatusChange.create(
        goal=row,
        status=status.value,
        at=timestamp(),
        note="Målet er oprettet.",
    )
    touch(plan_id)
    return int(row.id)


_GOAL_FIELDS = {"title", "rationale", "owner", "vision", "theme"}


@transaction
def update_goal(goal_id: int, **changes: Any) -> None:
    """Change a goal's text fields, vision or theme (a theme of another vision is cleared)."""
    unknown = set(changes) - _GOAL_FIELDS
    if unknown:
        raise ValidationError(f"ukendte felter: {', '.join(sorted(unknown))}")
    check_values(changes)
    row = goal_row(goal_id)
    plan = row.plan
    framework = framework_of(plan)
    if "vision" in changes and "theme" not in changes:
        vision = framework.vision(validation.resolve_vision(framework, changes["vision"], "vision"))
        if vision is not None and row.theme and vision.theme(row.theme) is None:
            changes["theme"] = None
    for name, value in changes.items():
        setattr(row, name, value)
    if not row.title.strip():
        raise ValidationError("Et udviklingsmål skal have en titel.", "title")
    if "vision" in changes or "theme" in changes:
        # A goal whose vision left the framework (a newer version) keeps it until it is chosen
        # anew: editing its title must not fail over it.
        row.vision = _check_goal_fields(plan, framework, row.year, row.vision, row.theme)
    row.save()
    touch(plan.id)


@transaction
def move_goal(goal_id: int, *, year: int | None = None, position: int | None = None) -> None:
    """Move a goal to another year and/or place in the year's order (0 is first)."""
    check_values({k: v for k, v in (("year", year), ("position", position)) if v is not None})
    row = goal_row(goal_id)
    plan = row.plan
    target_year = row.year if year is None else year
    validation.check_year(target_year, plan.first_year, plan.years, "year")
    source = row.carried_over_from
    if source is not None and target_year <= source.year:
        raise ValidationError(
            f"Målet er videreført fra {source.year} og skal ligge i et senere år end {source.year}.",
            "year",
        )
    for later in m.Goal.select().where(m.Goal.carried_over_from == row):
        if target_year >= later.year:
            raise ValidationError(
                f"Målet er videreført til {later.year} og skal ligge i et tidligere år end {later.year}.",
                "year",
            )
    siblings = [
        g
        for g in m.Goal.select()
        .where((m.Goal.plan == plan.id) & (m.Goal.year == target_year) & (m.Goal.id != row.id))
        .order_by(m.Goal.position, m.Goal.id)
    ]
    index = len(siblings) if position is None else max(0, min(position, len(siblings)))
    siblings.insert(index, row)
    row.year = target_year
    for number, goal in enumerate(siblings):
        goal.position = number
        goal.save()
    touch(plan.id)


@transaction
def delete_goal(goal_id: int) -> None:
    """Delete a goal with all its parts; a goal carried over from it loses only the link."""
    row = goal_row(goal_id)
    plan_id = row.plan_id
    row.delete_instance()
    touch(plan_id)


@transaction
def set_goal_status(
    goal_id: int, status: Status, note: str = "", at: dt.datetime | None = None
) -> None:
    """Set the status and add it, with the check-in note, to the goal's status history."""
    check_values({"note": note})
    if at is not None and not isinstance(at, dt.datetime):
        raise ValidationError(f"skal være et tidspunkt, men er {at!r}", "at")
    if at is not None and at.tzinfo is not None:
        at = at.astimezone().replace(tzinfo=None)  # the plan keeps local times, as written
    if at is not None:
        at = at.replace(microsecond=0)
    row = goal_row(goal_id)
    status = choice(Status, status)
    row.status = status.value
    row.save()
    m.StatusChange.create(goal=row, status=status.value, at=at or timestamp(), note=note)
    touch(row.plan_id)


@transaction
def set_success_signs(goal_id: int, sign_ids: list[str]) -> None:
    """The framework signs of success (or objectives) that the goal serves."""
    check_list(sign_ids, "success_signs")
    row = goal_row(goal_id)
    framework = framework_of(row.plan)
    # A sign the goal already has stays allowed when a newer framework version lacks it.
    linked = m.SuccessLink.select(m.SuccessLink.sign_id).where(m.SuccessLink.goal == row)
    kept = {link.sign_id for link in linked if framework.sign(link.sign_id) is None}
    if len(set(sign_ids)) != len(sign_ids):
        validation.check_signs(framework, list(sign_ids), "success_signs")
    validation.check_signs(framework, [s for s in sign_ids if s not in kept], "success_signs")
    m.SuccessLink.delete().where(m.SuccessLink.goal == row).execute()
    for position, sign_id in enumerate(sign_ids):
        m.SuccessLink.create(goal=row, position=position, sign_id=sign_id)
    touch(row.plan_id)


@transaction
def set_success_criteria(goal_id: int, criteria: list[str]) -> None:
    """The goal's own success criteria, in order."""
    check_list(criteria, "success_criteria")
    row = goal_row(goal_id)
    m.SuccessCriterion.delete().where(m.SuccessCriterion.goal == row).execute()
    for position, text in enumerate(criteria):
        m.SuccessCriterion.create(goal=row, position=position, text=text)
    touch(row.plan_id)


@transaction
def carry_over_goal(goal_id: int, note: str = "") -> int:
    """Continue a goal in the next year, linked to the original; returns the new goal's id.

    The new goal keeps vision, theme, texts, signs, criteria, indicators (their latest value
    becomes the new baseline) and the actions not yet done. The original becomes "Videreført".
    """
    check_values({"note": note})
    row = goal_row(goal_id)
    plan = row.plan
    stored = load_plan(plan.id)
    goal = next(g for g in stored.goals if g.id == goal_id)
    year = row.year + 1
    refusal = planning.carry_over_refusal(stored, goal)
    if refusal is not None:
        raise ValidationError(refusal)
    new = m.Goal.create(
        plan=plan,
        uid=new_uid(),
        year=year,
        position=next_position(m.Goal, (m.Goal.plan == plan.id) & (m.Goal.year == year)),
        vision=row.vision,
        theme=row.theme,
        title=row.title,
        rationale=row.rationale,
        status=Status.PLANLAGT.value,
        owner=row.owner,
        carried_over_from=row,
    )
    carried = Goal(
        year=year,
        vision=goal.vision,
        title=goal.title,
        actions=[Action(a.text, a.responsible, None, False) for a in goal.actions if not a.done],
        success_signs=goal.success_signs,
        success_criteria=goal.success_criteria,
        indicators=[
            Indicator(i.name, i.unit, i.latest.value if i.latest else i.baseline, i.target)
            for i in goal.indicators
        ],
        status_history=[StatusChange(Status.PLANLAGT, timestamp(), f"Videreført fra {row.year}.")],
    )
    rows = PartRows()
    rows.add_goal_parts(new.id, carried)
    rows.flush()
    row.status = Status.VIDEREFOERT.value
    row.save()
    m.StatusChange.create(
        goal=row,
        status=Status.VIDEREFOERT.value,
        at=timestamp(),
        note=note or f"Videreført til {year}.",
    )
    touch(plan.id)
    return int(new.id)
