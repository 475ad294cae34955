"""Plans as a whole: reading, creating, importing, replacing, restoring; details, situation, focus."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Any, cast

from .. import framework_sources, validation
from ..domain import Person, Plan, SituationSection, new_uid
from ..errors import NotFoundError, ValidationError
from ..framework_sources import get_framework
from ..storage import models as m
from ..storage import reading
from ..storage.reading import PlanSummary
from ..storage.rows import BATCH, insert_batches, insert_contents
from .base import connection, plan_row, read_transaction, timestamp, touch, transaction
from .frameworks import find_framework, framework_of, keep_copy
from .values import check_list, check_values, choice


@read_transaction
def list_plans() -> list[PlanSummary]:
    """Every plan in the database, oldest first."""
    return reading.plan_summaries(connection())


@read_transaction
def load_plan(plan_id: int) -> Plan:
    """The whole plan with every goal and dialogue, in display order.

    Read in one transaction, so a write from another window or command cannot mix old and
    new rows into the result.
    """
    return reading.read_plan(connection(), plan_id)


def only_plan_id() -> int:
    """The id of the single plan in the database (for ``--plan`` left out)."""
    ids = [row.id for row in m.Plan.select(m.Plan.id).order_by(m.Plan.id)]
    if not ids:
        raise NotFoundError("Databasen indeholder ingen planer endnu.")
    if len(ids) > 1:
        raise ValidationError(
            f"Databasen indeholder {len(ids)} planer; vælg en med --plan ID "
            f"(se listen med kommandoen 'list')."
        )
    return ids[0]


# --- plans ---------------------------------------------------------------------------------


@transaction
def import_plan(plan: Plan) -> int:
    """Store a whole plan (from the JSON import) as a new plan; returns its id.

    A plan id or goal id the database already holds is replaced by a new one (so every id
    stays unique); :mod:`.plan_import` decides first what an import of an existing plan does.
    """
    framework = find_framework(plan.framework_id, plan.framework_version or None)
    validation.normalize_visions(plan, framework)
    validation.check_plan(plan, framework)
    plan = with_unused_ids(plan)
    now = timestamp()
    row = m.Plan.create(
        uid=plan.uid,
        **_header_row(plan),
        framework_id=framework.id,
        framework_version=framework.version,
        created_at=now,
        updated_at=now,
    )
    keep_copy(row.id, framework)
    insert_contents(row.id, plan)
    return int(row.id)


def with_unused_ids(plan: Plan, keeping: int | None = None) -> Plan:
    """``plan`` with a plan id and goal ids that no plan in the database holds (but ``keeping``).

    An id in use gets a new one; a goal's carried-over link follows its source's new id.
    """
    uid = plan.uid
    if uid is None or (
        m.Plan.select().where((m.Plan.uid == uid) & (m.Plan.id != (keeping or 0))).exists()
    ):
        uid = new_uid()
    wanted = [goal.uid for goal in plan.goals]
    used: set[str] = set()
    for start in range(0, len(wanted), BATCH):
        chunk = wanted[start : start + BATCH]
        query = m.Goal.select(m.Goal.uid).where(
            m.Goal.uid.in_(chunk) & (m.Goal.plan != (keeping or 0))
        )
        used.update(taken for (taken,) in cast("Iterable[tuple[str]]", query.tuples()))
    renamed = {old: new_uid() for old in wanted if old in used}
    goals = [
        replace(
            goal,
            uid=renamed.get(goal.uid, goal.uid),
            carried_over_from=renamed.get(goal.carried_over_from, goal.carried_over_from)
            if goal.carried_over_from is not None
            else None,
        )
        for goal in plan.goals
    ]
    return replace(plan, uid=uid, goals=goals)


def _header_row(plan: Plan) -> dict[str, Any]:
    """The plan's own fields as the plan table stores them."""
    return {
        "leader_name": plan.leader.name,
        "leader_title": plan.leader.title,
        "level": plan.level,
        "workplace": plan.workplace,
        "manager_name": plan.manager.name,
        "manager_title": plan.manager.title,
        "manager_email": plan.manager.email,
        "first_year": plan.first_year,
        "years": plan.years,
    }


@transaction
def restore_plan(plan_id: int, plan: Plan) -> None:
    """Put a plan back exactly as ``plan`` (a snapshot from :func:`load_plan`) describes it.

    Used by undo and redo: the plan keeps its id and every goal its uid, while the rows of
    its parts are written anew. The snapshot is checked like an import, so a damaged one
    changes nothing. The snapshot's framework version is the plan's again (undoing a move to
    another version); references the version lacks are kept, as the move kept them.
    """
    row = plan_row(plan_id)
    if row.framework_id != plan.framework_id:
        raise ValidationError("Øjebliksbilledet hører til en plan med en anden strategiramme.")
    version = plan.framework_version or row.framework_version
    document = reading.framework_document(connection(), plan_id, row.framework_id, version)
    framework = framework_sources.plan_framework(document, row.framework_id, version)
    validation.check_plan(plan, framework, references=False)
    m.Plan.update(
        **_header_row(plan), framework_version=framework.version, updated_at=timestamp()
    ).where(m.Plan.id == plan_id).execute()
    _replace_contents(plan_id, plan)


def _replace_contents(plan_id: int, plan: Plan) -> None:
    m.ManagerComment.delete().where(m.ManagerComment.plan == plan_id).execute()
    m.SituationSection.delete().where(m.SituationSection.plan == plan_id).execute()
    m.Goal.delete().where(m.Goal.plan == plan_id).execute()
    m.Dialogue.delete().where(m.Dialogue.plan == plan_id).execute()
    m.YearFocus.delete().where(m.YearFocus.plan == plan_id).execute()
    insert_contents(plan_id, plan)


@transaction
def replace_plan(plan_id: int, plan: Plan) -> None:
    """Put a plan read from a file in place of the stored plan ``plan_id``, all or nothing.

    The stored plan keeps its number, its id (``plan.id``) and its guide progress.
    """
    framework = find_framework(plan.framework_id, plan.framework_version or None)
    validation.normalize_visions(plan, framework)
    validation.check_plan(plan, framework)
    row = plan_row(plan_id)
    plan = with_unused_ids(replace(plan, uid=row.uid), keeping=plan_id)
    keep_copy(plan_id, framework)
    m.Plan.update(
        **_header_row(plan),
        framework_id=framework.id,
        framework_version=framework.version,
        updated_at=timestamp(),
    ).where(m.Plan.id == plan_id).execute()
    _replace_contents(plan_id, plan)


@transaction
def create_plan(
    *,
    workplace: str,
    leader: Person,
    level: int,
    manager: Person,
    framework_id: str,
    first_year: int,
    years: int | None = None,
    framework_version: str | None = None,
) -> int:
    """A new, empty plan; the cycle length defaults to the framework's.

    Without a version the newest available of the framework; the plan keeps its own copy.
    """
    framework = get_framework(framework_id, framework_version)
    years = framework.default_cycle_years if years is None else years
    check_values(
        {
            "workplace": workplace,
            "leader_name": leader.name,
            "leader_title": leader.title,
            "manager_name": manager.name,
            "manager_title": manager.title,
            "manager_email": manager.email,
            "level": level,
            "first_year": first_year,
            "years": years,
        }
    )
    validation.check_header(level, first_year, years, workplace)
    validation.check_email(manager.email, "manager_email")
    now = timestamp()
    row = m.Plan.create(
        uid=new_uid(),
        leader_name=leader.name,
        leader_title=leader.title,
        level=level,
        workplace=workplace,
        manager_name=manager.name,
        manager_title=manager.title,
        manager_email=manager.email,
        framework_id=framework.id,
        framework_version=framework.version,
        first_year=first_year,
        years=years,
        created_at=now,
        updated_at=now,
    )
    keep_copy(row.id, framework)
    return int(row.id)


_PLAN_FIELDS = {
    "workplace",
    "leader_name",
    "leader_title",
    "level",
    "manager_name",
    "manager_title",
    "manager_email",
    "first_year",
    "years",
}


@transaction
def update_plan(plan_id: int, **changes: Any) -> None:
    """Change the plan's own details. A cycle that would leave goals outside it is refused."""
    unknown = set(changes) - _PLAN_FIELDS
    if unknown:
        raise ValidationError(f"ukendte felter: {', '.join(sorted(unknown))}")
    check_values(changes)
    if "manager_email" in changes:
        changes["manager_email"] = changes["manager_email"].strip()
        validation.check_email(changes["manager_email"], "manager_email")
    row = plan_row(plan_id)
    for name, value in changes.items():
        setattr(row, name, value)
    validation.check_header(row.level, row.first_year, row.years, row.workplace)
    last = row.first_year + row.years - 1
    outside = m.Goal.select(m.Goal.year).where(
        (m.Goal.plan == plan_id) & ((m.Goal.year < row.first_year) | (m.Goal.year > last))
    ) | m.Dialogue.select(m.Dialogue.year).where(
        (m.Dialogue.plan == plan_id)
        & ((m.Dialogue.year < row.first_year) | (m.Dialogue.year > last))
    )
    years = sorted({r.year for r in outside})
    if years:
        listed = ", ".join(str(y) for y in years)
        raise ValidationError(
            f"Planen har mål eller dialoger i {listed}, som ville falde uden for "
            f"{row.first_year}–{last}. Flyt eller slet dem først."
        )
    # A year's focus is only a mark: one that falls outside the new cycle goes (undo brings
    # it back), so what is stored still exports and imports.
    m.YearFocus.delete().where(
        (m.YearFocus.plan == plan_id)
        & ((m.YearFocus.year < row.first_year) | (m.YearFocus.year > last))
    ).execute()
    row.updated_at = timestamp()
    row.save()


@transaction
def delete_plan(plan_id: int) -> None:
    plan_row(plan_id).delete_instance()


@transaction
def set_situation(plan_id: int, section: SituationSection, text: str) -> None:
    """Store one section of the current situation."""
    check_values({"text": text})
    plan = plan_row(plan_id)
    (
        m.SituationSection.insert(
            plan=plan, section=choice(SituationSection, section).value, text=text
        )
        .on_conflict(
            conflict_target=[m.SituationSection.plan, m.SituationSection.section],
            update={m.SituationSection.text: text},
        )
        .execute()
    )
    touch(plan_id)


@transaction
def set_year_focus(plan_id: int, year: int, vision_ids: list[str]) -> None:
    """The visions ``year`` focuses on (replacing the year's earlier choice), in framework order.

    An empty list clears the year's focus.
    """
    check_values({"year": year})
    check_list(vision_ids, "focus")
    plan = plan_row(plan_id)
    framework = framework_of(plan)
    visions = validation.check_year_focus(
        framework, {year: list(vision_ids)}, plan.first_year, plan.years, "focus"
    )[year]
    m.YearFocus.delete().where((m.YearFocus.plan == plan_id) & (m.YearFocus.year == year)).execute()
    insert_batches(
        m.YearFocus, [{"plan": plan_id, "year": year, "vision": vision} for vision in visions]
    )
    touch(plan_id)
