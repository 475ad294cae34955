"""Checks that need the framework: the plan's references and its years.

Used by the services (one edit at a time) and by the JSON import (a whole plan), so a plan that
can be stored can always be exported and imported again.
"""

from __future__ import annotations

from .domain import MAX_CYCLE_YEARS, MAX_LEVEL, MAX_YEAR, MIN_CYCLE_YEARS, MIN_LEVEL, MIN_YEAR, Plan
from .errors import ValidationError
from .framework import Framework


def check_header(level: int, first_year: int, years: int, workplace: str, root: str = "") -> None:
    """The plan's own fields: level 1–4, a cycle of 3–5 years, a workplace name."""
    prefix = f"{root}." if root else ""
    if not MIN_LEVEL <= level <= MAX_LEVEL:
        raise ValidationError(
            f"ledelsesniveau skal være mellem {MIN_LEVEL} og {MAX_LEVEL}, men er {level}",
            f"{prefix}leader.level",
        )
    if not MIN_YEAR <= first_year <= MAX_YEAR:
        raise ValidationError(
            f"første år skal være mellem {MIN_YEAR} og {MAX_YEAR}", f"{prefix}first_year"
        )
    if not MIN_CYCLE_YEARS <= years <= MAX_CYCLE_YEARS:
        raise ValidationError(
            f"en plan løber over {MIN_CYCLE_YEARS}–{MAX_CYCLE_YEARS} år, men her er der {years}",
            f"{prefix}years",
        )
    if first_year + years - 1 > MAX_YEAR:
        raise ValidationError(f"planens sidste år må højst være {MAX_YEAR}", f"{prefix}first_year")
    if not workplace.strip():
        raise ValidationError("arbejdspladsens navn mangler", f"{prefix}workplace")


def check_year(year: int, first_year: int, years: int, where: str) -> None:
    last = first_year + years - 1
    if not first_year <= year <= last:
        raise ValidationError(f"året {year} ligger uden for planens år {first_year}–{last}", where)


def resolve_vision(framework: Framework, value: str, where: str) -> str:
    """A vision id from its id or its exact Danish title."""
    vision = framework.vision(value) or framework.vision_by_title(value)
    if vision is None:
        raise _unknown_vision(framework, value, where)
    return vision.id


def _unknown_vision(framework: Framework, value: str, where: str) -> ValidationError:
    titles = "; ".join(f"{v.id} ({v.title})" for v in framework.visions)
    return ValidationError(
        f"{framework.terms.vision.lower()} »{value}« findes ikke i {framework.short_title}. "
        f"Brug en af: {titles}",
        where,
    )


def check_theme(framework: Framework, vision_id: str, theme_id: str | None, where: str) -> None:
    if theme_id is None:
        return
    vision = framework.vision(vision_id)
    if vision is None or vision.theme(theme_id) is None:
        found = framework.theme(theme_id)
        if found is not None:
            raise ValidationError(
                f"temaet »{theme_id}« hører til »{found[0].title}«, ikke til målets "
                f"{framework.terms.vision.lower()}",
                where,
            )
        raise ValidationError(f"temaet »{theme_id}« findes ikke i {framework.short_title}", where)


def check_year_focus(
    framework: Framework,
    focus: dict[int, list[str]],
    first_year: int,
    years: int,
    where: str,
) -> dict[int, list[str]]:
    """The years' focus checked (years in the cycle, known visions, none twice).

    Returns it with every year's visions in the framework's order.
    """
    order = {vision.id: index for index, vision in enumerate(framework.visions)}
    checked: dict[int, list[str]] = {}
    for year, visions in focus.items():
        check_year(year, first_year, years, f"{where}.{year}")
        seen: set[str] = set()
        for index, vision_id in enumerate(visions):
            if vision_id not in order:
                raise _unknown_vision(framework, vision_id, f"{where}.{year}[{index}]")
            if vision_id in seen:
                raise ValidationError(f"»{vision_id}« står to gange", f"{where}.{year}[{index}]")
            seen.add(vision_id)
        checked[year] = sorted(seen, key=order.__getitem__)
    return checked


def check_signs(framework: Framework, sign_ids: list[str], where: str) -> None:
    seen: set[str] = set()
    for index, sign_id in enumerate(sign_ids):
        if framework.sign(sign_id) is None:
            raise ValidationError(
                f"»{sign_id}« findes ikke blandt {framework.terms.signs.lower()} i "
                f"{framework.short_title}",
                f"{where}[{index}]",
            )
        if sign_id in seen:
            raise ValidationError(f"»{sign_id}« står to gange", f"{where}[{index}]")
        seen.add(sign_id)


def normalize_visions(plan: Plan, framework: Framework, root: str = "plan") -> None:
    """Replace visions given by their Danish title with their ids (as the JSON format allows).

    Also puts each year's focus in the framework's order and drops years without focus.
    """
    for index, goal in enumerate(plan.goals):
        goal.vision = resolve_vision(framework, goal.vision, f"{root}.goals[{index}].vision")
    # The years' focus in the framework's order, without empty years (unknown ids stay, for
    # check_plan to name them).
    order = {vision.id: index for index, vision in enumerate(framework.visions)}
    plan.focus = {
        year: sorted(visions, key=lambda v: order.get(v, len(order)))
        for year, visions in sorted(plan.focus.items())
        if visions
    }


def check_plan(
    plan: Plan, framework: Framework, root: str = "plan", *, references: bool = True
) -> None:
    """Every reference in a whole plan; raises :class:`ValidationError` naming the field.

    ``references=False`` (undo and redo of a stored plan) lets goals keep a vision, theme or
    sign their framework version lacks: a plan moved to a newer version keeps such goals.
    """
    check_header(plan.level, plan.first_year, plan.years, plan.workplace, root)
    uids: dict[str, int] = {}
    for index, goal in enumerate(plan.goals):
        where = f"{root}.goals[{index}]"
        check_year(goal.year, plan.first_year, plan.years, f"{where}.year")
        if not goal.title.strip():
            raise ValidationError("et udviklingsmål skal have en titel", f"{where}.title")
        if references:
            if framework.vision(goal.vision) is None:
                raise _unknown_vision(framework, goal.vision, f"{where}.vision")
            check_theme(framework, goal.vision, goal.theme, f"{where}.theme")
            check_signs(framework, goal.success_signs, f"{where}.success_signs")
        if goal.uid in uids:
            raise ValidationError(f"id'et »{goal.uid}« bruges også af et andet mål", f"{where}.id")
        uids[goal.uid] = index
    by_uid = {goal.uid: goal for goal in plan.goals}
    continued: dict[str, int] = {}
    for index, goal in enumerate(plan.goals):
        if goal.carried_over_from is None:
            continue
        where = f"{root}.goals[{index}].carried_over_from"
        if goal.carried_over_from in continued:
            first = continued[goal.carried_over_from]
            raise ValidationError(
                f"målet »{goal.carried_over_from}« er allerede videreført af {root}.goals[{first}]",
                where,
            )
        continued[goal.carried_over_from] = index
        source = by_uid.get(goal.carried_over_from)
        if source is None:
            raise ValidationError(f"der er intet mål med id'et »{goal.carried_over_from}«", where)
        if source.year >= goal.year:
            raise ValidationError(
                f"et mål kan kun videreføres fra et tidligere år (målet står i {source.year})",
                where,
            )
    if references:
        check_year_focus(framework, plan.focus, plan.first_year, plan.years, f"{root}.focus")
    seen: set[tuple[int, str]] = set()
    for index, dialogue in enumerate(plan.dialogues):
        where = f"{root}.dialogues[{index}]"
        check_year(dialogue.year, plan.first_year, plan.years, f"{where}.year")
        key = (dialogue.year, dialogue.kind.value)
        if key in seen:
            raise ValidationError(
                f"der er allerede en {dialogue.kind.label.lower()} for {dialogue.year}",
                f"{where}.kind",
            )
        seen.add(key)
