"""The year's dialogues with the leader's own leader."""

from __future__ import annotations

from .. import validation
from ..domain import Dialogue, DialogueKind
from ..errors import NotFoundError
from ..storage import models as m
from ..storage.rows import save_dialogue_row
from .base import plan_row, touch, transaction
from .values import check_list, check_values, choice


@transaction
def save_dialogue(plan_id: int, dialogue: Dialogue) -> int:
    """Record (or replace) the year's dialogue of this kind; returns its id."""
    check_values(
        {
            "year": dialogue.year,
            "planned": dialogue.planned,
            "held": dialogue.held,
            "agenda": dialogue.agenda,
            "notes": dialogue.notes,
            "agreements": dialogue.agreements,
        }
    )
    check_list(dialogue.participants, "participants")
    dialogue.kind = choice(DialogueKind, dialogue.kind)
    plan = plan_row(plan_id)
    validation.check_year(dialogue.year, plan.first_year, plan.years, "year")
    dialogue_id = save_dialogue_row(plan_id, dialogue)
    touch(plan_id)
    return dialogue_id


@transaction
def delete_dialogue(dialogue_id: int) -> None:
    row = m.Dialogue.get_or_none(m.Dialogue.id == dialogue_id)
    if row is None:
        raise NotFoundError(f"Dialogen med id {dialogue_id} findes ikke længere.")
    plan_id = row.plan_id
    row.delete_instance()
    touch(plan_id)
