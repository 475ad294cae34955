"""Writing a plan's rows in bulk: its contents after an import, a restore or a carry-over.

A plan of thousands of goals holds tens of thousands of rows; inserting them one model object
at a time would take many seconds, so they are gathered and written with one INSERT per table
and batch. Called inside a service's transaction.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from typing import Any, cast

from ..domain import Dialogue, Goal, ManagerComment, Measurement, Plan
from . import models as m

BATCH = 500  # ids in one IN list, well below SQLite's limit of bound variables


def insert_contents(plan_id: int, plan: Plan) -> None:
    """Write a plan's situation, goals (with their parts and links) and dialogues."""
    for section, text in plan.situation.items():
        m.SituationSection.create(plan=plan_id, section=section.value, text=text)
    positions: dict[int, int] = defaultdict(int)
    goal_rows = []
    for goal in plan.goals:
        goal_rows.append(
            {
                "plan": plan_id,
                "uid": goal.uid,
                "year": goal.year,
                "position": positions[goal.year],
                "vision": goal.vision,
                "theme": goal.theme,
                "title": goal.title,
                "rationale": goal.rationale,
                "status": goal.status.value,
                "owner": goal.owner,
            }
        )
        positions[goal.year] += 1
    insert_batches(m.Goal, goal_rows)
    id_of_uid = dict(
        cast(
            "Iterable[tuple[str, int]]",
            m.Goal.select(m.Goal.uid, m.Goal.id).where(m.Goal.plan == plan_id).tuples(),
        )
    )
    rows = PartRows()
    for goal in plan.goals:
        rows.add_goal_parts(id_of_uid[goal.uid], goal)
    rows.flush()
    for goal in plan.goals:
        if goal.carried_over_from is not None:
            m.Goal.update(carried_over_from=id_of_uid[goal.carried_over_from]).where(
                m.Goal.id == id_of_uid[goal.uid]
            ).execute()
    for dialogue in plan.dialogues:
        save_dialogue_row(plan_id, dialogue)
    comment_rows = comment_row_values(plan_id, None, plan.manager_comments)
    for goal in plan.goals:
        comment_rows += comment_row_values(plan_id, id_of_uid[goal.uid], goal.manager_comments)
    insert_batches(m.ManagerComment, comment_rows)
    insert_batches(
        m.YearFocus,
        [
            {"plan": plan_id, "year": year, "vision": vision}
            for year, visions in sorted(plan.focus.items())
            for vision in visions
        ],
    )


def comment_row_values(
    plan_id: int, goal_id: int | None, comments: Iterable[ManagerComment], start: int = 0
) -> list[dict[str, Any]]:
    """The manager's comments as rows of ``manager_comment`` (``goal_id`` None: on the plan)."""
    return [
        {
            "plan": plan_id,
            "goal": goal_id,
            "position": position,
            "text": comment.text,
            "received": comment.received,
            "file_name": comment.file_name,
            "export_id": comment.export_id,
            "about": comment.about.value,
            "title": comment.title,
            "goal_uid": comment.goal_uid,
            "seen": comment.seen,
        }
        for position, comment in enumerate(comments, start=start)
    ]


class PartRows:
    """A goal's parts, gathered and then written with one INSERT per table and batch.

    A plan of thousands of goals holds tens of thousands of rows; inserting them one model
    object at a time would take many seconds.
    """

    def __init__(self) -> None:
        self._rows: dict[type[m.BaseModel], list[dict[str, Any]]] = defaultdict(list)
        self._measurements: dict[tuple[int, int], list[Measurement]] = {}

    def add_goal_parts(self, goal_id: int, goal: Goal) -> None:
        add = self._rows
        for position, action in enumerate(goal.actions):
            add[m.Action].append(
                {
                    "goal": goal_id,
                    "position": position,
                    "text": action.text,
                    "responsible": action.responsible,
                    "deadline": action.deadline,
                    "done": action.done,
                }
            )
        for position, sign_id in enumerate(goal.success_signs):
            add[m.SuccessLink].append({"goal": goal_id, "position": position, "sign_id": sign_id})
        for position, text in enumerate(goal.success_criteria):
            add[m.SuccessCriterion].append({"goal": goal_id, "position": position, "text": text})
        for position, indicator in enumerate(goal.indicators):
            add[m.Indicator].append(
                {
                    "goal": goal_id,
                    "position": position,
                    "name": indicator.name,
                    "unit": indicator.unit,
                    "baseline": indicator.baseline,
                    "target": indicator.target,
                }
            )
            # Measurements get their indicator's id once the indicators are written.
            if indicator.measurements:
                self._measurements[(goal_id, position)] = indicator.measurements
        for position, item in enumerate(goal.involvement):
            add[m.Involvement].append(
                {
                    "goal": goal_id,
                    "position": position,
                    "party": item.party.value,
                    "date": item.date,
                    "form": item.form,
                    "outcome": item.outcome,
                }
            )
        for change in goal.status_history:
            add[m.StatusChange].append(
                {
                    "goal": goal_id,
                    "status": change.status.value,
                    "at": change.at,
                    "note": change.note,
                }
            )

    def flush(self) -> None:
        for model, rows in self._rows.items():
            insert_batches(model, rows)
        if self._measurements:
            goal_ids = sorted({goal_id for goal_id, _ in self._measurements})
            measurements = []
            for start in range(0, len(goal_ids), BATCH):
                query = m.Indicator.select(m.Indicator.id, m.Indicator.goal, m.Indicator.position)
                chunk = goal_ids[start : start + BATCH]
                found = query.where(m.Indicator.goal.in_(chunk)).tuples()
                for indicator_id, goal_id, position in cast(
                    "Iterable[tuple[int, int, int]]", found
                ):
                    for item in self._measurements.get((goal_id, position), []):
                        measurements.append(
                            {"indicator": indicator_id, "date": item.date, "value": item.value}
                        )
            insert_batches(m.Measurement, measurements)
        self._rows.clear()
        self._measurements.clear()


def insert_batches(model: type[m.BaseModel], rows: list[dict[str, Any]], batch: int = 500) -> None:
    for start in range(0, len(rows), batch):
        model.insert_many(rows[start : start + batch]).execute()


def save_dialogue_row(plan_id: int, dialogue: Dialogue) -> int:
    values = {
        "planned": dialogue.planned,
        "held": dialogue.held,
        "participants": json.dumps(dialogue.participants, ensure_ascii=False),
        "agenda": dialogue.agenda,
        "notes": dialogue.notes,
        "agreements": dialogue.agreements,
    }
    row = m.Dialogue.get_or_none(
        (m.Dialogue.plan == plan_id)
        & (m.Dialogue.year == dialogue.year)
        & (m.Dialogue.kind == dialogue.kind.value)
    )
    if row is None:
        row = m.Dialogue.create(
            plan=plan_id, year=dialogue.year, kind=dialogue.kind.value, **values
        )
    else:
        for name, value in values.items():
            setattr(row, name, value)
        row.save()
    return int(row.id)
