"""Importing a plan file: a new plan, or a plan the database already holds.

A plan is recognised by its id (``plan.id`` in the file); a file without one (hand-made, or
exported before plans had ids) is recognised by its goal ids. An existing plan is refused
(the default), replaced (in one transaction, after a backup), or kept beside the file as a
copy with new ids. Every import returns an :class:`ImportOutcome` that says what happened.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path
from typing import cast

from .. import validation
from ..domain import Plan, new_uid
from ..errors import InputError
from ..formatting import years_label
from ..storage import database
from ..storage import models as m
from ..storage.reading import PlanSummary
from . import plans
from .base import read_transaction
from .frameworks import find_framework


class ImportMode(StrEnum):
    """What an import does with a plan that is already there."""

    REFUSE = "refuse"
    REPLACE = "replace"
    COPY = "copy"


class ImportKind(StrEnum):
    """What an import did."""

    NEW = "new"
    REPLACED = "replaced"
    COPY = "copy"


def describe(summary: PlanSummary | Plan) -> str:
    """``»Bostedet Ærtebjerg«, 2026–2029, 4 mål`` – the plan as a leader knows it."""
    count = summary.goal_count if isinstance(summary, PlanSummary) else len(summary.goals)
    years = years_label(summary.first_year, summary.years)
    return f"»{summary.workplace}«, {years}, {count} mål"


class PlanAlreadyThere(InputError):
    """The file holds a plan the database already has; nothing was stored."""

    def __init__(self, existing: PlanSummary) -> None:
        super().__init__(
            f"Planen findes allerede i databasen: {describe(existing)} (plan {existing.id}). "
            "Intet er ændret. Vælg at erstatte den med filens indhold (import --replace) "
            "eller at beholde begge som to planer (import --copy)."
        )
        self.existing = existing


@dataclass(frozen=True)
class ImportOutcome:
    """What an import did: the plan now stored, and where the replaced one was backed up."""

    kind: ImportKind
    plan: PlanSummary
    backup: Path | None = None

    @property
    def plan_id(self) -> int:
        return self.plan.id

    @property
    def message(self) -> str:
        """One Danish sentence (or two) for the leader."""
        what = describe(self.plan)
        if self.kind is ImportKind.REPLACED:
            kept = ""
            if self.backup is not None:
                kept = f" Den gamle udgave er gemt i sikkerhedskopien {self.backup.name}."
            return f"Planen {what} er erstattet med filens indhold.{kept}"
        if self.kind is ImportKind.COPY:
            return f"Planen er importeret som en kopi ved siden af den gamle: {what}."
        return f"Planen {what} er importeret."


def _summary(plan_id: int) -> PlanSummary:
    return next(s for s in plans.list_plans() if s.id == plan_id)


@read_transaction
def existing_plan(plan: Plan) -> PlanSummary | None:
    """The stored plan that ``plan`` (read from a file) is, or ``None`` for a new plan."""
    plan_id: int | None = None
    if plan.uid is not None:
        row = m.Plan.get_or_none(m.Plan.uid == plan.uid)
        plan_id = row.id if row is not None else None
    elif plan.goals:
        # No plan id: the plan that holds the file's goals (an export from before plan ids).
        uids = [goal.uid for goal in plan.goals][:500]
        holders = Counter(
            plan_of
            for (plan_of,) in cast(
                "list[tuple[int]]",
                list(m.Goal.select(m.Goal.plan).where(m.Goal.uid.in_(uids)).tuples()),
            )
        )
        if holders:
            plan_id = min(holders, key=lambda p: (-holders[p], p))
    if plan_id is None:
        return None
    return next(s for s in plans.list_plans() if s.id == plan_id)


def copy_name(workplace: str, taken: set[str]) -> str:
    """``Bostedet (kopi)``, or ``Bostedet (kopi 2)`` when that name is taken too."""
    name = f"{workplace} (kopi)"
    number = 2
    while name in taken:
        name = f"{workplace} (kopi {number})"
        number += 1
    return name


def as_copy(plan: Plan) -> Plan:
    """The plan as a separate copy: a new plan id, new goal ids, the workplace named a copy."""
    renamed = {goal.uid: new_uid() for goal in plan.goals}
    goals = [
        replace(
            goal,
            uid=renamed[goal.uid],
            carried_over_from=renamed.get(goal.carried_over_from or "", goal.carried_over_from),
        )
        for goal in plan.goals
    ]
    taken = {s.workplace for s in plans.list_plans()}
    return replace(plan, uid=new_uid(), goals=goals, workplace=copy_name(plan.workplace, taken))


def import_plan(plan: Plan, mode: ImportMode = ImportMode.REFUSE) -> ImportOutcome:
    """Store a plan read from a file; raises :class:`PlanAlreadyThere` for ``REFUSE``.

    ``REPLACE`` first copies the database to a "før-import" backup, then puts the file's
    plan in place of the stored one in one transaction (it keeps its number in the database,
    its id and its guide progress). ``COPY`` stores it as another plan with new ids.
    """
    existing = existing_plan(plan)
    if existing is None:
        plan_id = plans.import_plan(plan)
        return ImportOutcome(ImportKind.NEW, _summary(plan_id))
    if mode is ImportMode.REFUSE:
        raise PlanAlreadyThere(existing)
    if mode is ImportMode.COPY:
        plan_id = plans.import_plan(as_copy(plan))
        return ImportOutcome(ImportKind.COPY, _summary(plan_id))
    # Check the file before the backup, so a refused file leaves no backup behind either.
    framework = find_framework(plan.framework_id, plan.framework_version or None)
    validation.normalize_visions(plan, framework)
    validation.check_plan(plan, framework)
    from ..storage.backup import BEFORE_IMPORT, make_backup

    backup = make_backup(Path(database().database), BEFORE_IMPORT)
    plans.replace_plan(existing.id, plan)
    return ImportOutcome(ImportKind.REPLACED, _summary(existing.id), backup)
