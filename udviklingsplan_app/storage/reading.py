"""Reading plans with plain SQL over a ``sqlite3`` connection (no peewee).

Reading a plan is the most frequent query (every start, every edit, undo and redo), and the
program's first window is painted before peewee is even imported; both use this module.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from ..domain import (
    Action,
    Dialogue,
    DialogueKind,
    Goal,
    GuideProgress,
    Indicator,
    Involvement,
    Measurement,
    Party,
    Person,
    Plan,
    SituationSection,
    Status,
    StatusChange,
)
from ..errors import NotFoundError


@dataclass(frozen=True)
class PlanSummary:
    id: int
    workplace: str
    leader_name: str
    framework_id: str
    first_year: int
    years: int
    goal_count: int


def plan_summaries(conn: sqlite3.Connection) -> list[PlanSummary]:
    """Every plan in the database, oldest first, with its number of goals."""
    rows = conn.execute(
        "SELECT p.id, p.workplace, p.leader_name, p.framework_id, p.first_year, p.years, "
        "(SELECT count(*) FROM goal g WHERE g.plan_id = p.id) FROM plan p ORDER BY p.id"
    )
    return [PlanSummary(*row) for row in rows]


def _day(text: str) -> dt.date:
    return dt.date.fromisoformat(str(text)[:10])


def _date(text: str | None) -> dt.date | None:
    return None if text is None else _day(text)


def _datetime(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(str(text))


def _rows(conn: sqlite3.Connection, sql: str, plan_id: int) -> dict[int, list[tuple[Any, ...]]]:
    """The rows of one query, grouped by their first column (a goal's or indicator's id)."""
    groups: dict[int, list[tuple[Any, ...]]] = defaultdict(list)
    for row in conn.execute(sql, (plan_id,)):
        groups[row[0]].append(row[1:])
    return groups


# Reading a plan is the most frequent query (every start, every edit, undo and redo), so it
# is plain SQL: building peewee queries cost more than running them.
_OF_PLAN = "JOIN goal g ON g.id = x.goal_id WHERE g.plan_id = ?"
_LOAD_SQL = {
    "actions": "SELECT x.goal_id, x.text, x.responsible, x.deadline, x.done, x.id FROM action x "
    f"{_OF_PLAN} ORDER BY x.position, x.id",
    "links": f"SELECT x.goal_id, x.sign_id FROM success_link x {_OF_PLAN} ORDER BY x.position, x.id",
    "criteria": "SELECT x.goal_id, x.text FROM success_criterion x "
    f"{_OF_PLAN} ORDER BY x.position, x.id",
    "indicators": "SELECT x.goal_id, x.name, x.unit, x.baseline, x.target, x.id FROM indicator x "
    f"{_OF_PLAN} ORDER BY x.position, x.id",
    "involvement": "SELECT x.goal_id, x.party, x.date, x.form, x.outcome, x.id FROM involvement x "
    f"{_OF_PLAN} ORDER BY x.position, x.id",
    "history": "SELECT x.goal_id, x.status, x.at, x.note FROM status_change x "
    f"{_OF_PLAN} ORDER BY x.at, x.id",
    "measurements": "SELECT x.indicator_id, x.date, x.value, x.id FROM measurement x "
    "JOIN indicator i ON i.id = x.indicator_id JOIN goal g ON g.id = i.goal_id "
    "WHERE g.plan_id = ? ORDER BY x.date, x.id",
}


def read_plan(conn: sqlite3.Connection, plan_id: int) -> Plan:
    """The whole plan with every goal and dialogue, in display order.

    The caller holds the transaction (the services) or a read-only connection (the start).
    """
    row = conn.execute(
        "SELECT id, leader_name, leader_title, level, workplace, manager_name, manager_title, "
        "framework_id, framework_version, first_year, years, uid FROM plan WHERE id = ?",
        (plan_id,),
    ).fetchone()
    if row is None:
        raise NotFoundError(f"Der er ingen plan med id {plan_id}.")
    goal_rows = list(
        conn.execute(
            "SELECT id, uid, year, vision, theme, title, rationale, status, owner, "
            "carried_over_from_id FROM goal WHERE plan_id = ? ORDER BY year, position, id",
            (plan_id,),
        )
    )
    uid_of = {g[0]: g[1] for g in goal_rows}
    parts = {name: _rows(conn, sql, plan_id) for name, sql in _LOAD_SQL.items()}
    measurements = parts["measurements"]
    goals = [
        Goal(
            id=goal_id,
            uid=uid,
            year=year,
            vision=vision,
            theme=theme,
            title=title,
            rationale=rationale,
            status=Status(status),
            owner=owner,
            carried_over_from=uid_of.get(source) if source else None,
            actions=[
                Action(text, responsible, _date(deadline), bool(done), action_id)
                for text, responsible, deadline, done, action_id in parts["actions"][goal_id]
            ],
            success_signs=[sign_id for (sign_id,) in parts["links"][goal_id]],
            success_criteria=[text for (text,) in parts["criteria"][goal_id]],
            indicators=[
                Indicator(
                    name,
                    unit,
                    baseline,
                    target,
                    [
                        Measurement(_day(date), value, measurement_id)
                        for date, value, measurement_id in measurements[indicator_id]
                    ],
                    indicator_id,
                )
                for name, unit, baseline, target, indicator_id in parts["indicators"][goal_id]
            ],
            involvement=[
                Involvement(Party(party), _date(date), form, outcome, involvement_id)
                for party, date, form, outcome, involvement_id in parts["involvement"][goal_id]
            ],
            status_history=[
                StatusChange(Status(status), _datetime(at), note)
                for status, at, note in parts["history"][goal_id]
            ],
        )
        for (
            goal_id,
            uid,
            year,
            vision,
            theme,
            title,
            rationale,
            status,
            owner,
            source,
        ) in goal_rows
    ]
    kind_order = {kind: index for index, kind in enumerate(DialogueKind)}
    dialogues = sorted(
        (
            Dialogue(
                year,
                DialogueKind(kind),
                _date(planned),
                _date(held),
                json.loads(participants),
                agenda,
                notes,
                agreements,
                dialogue_id,
            )
            for year, kind, planned, held, participants, agenda, notes, agreements, dialogue_id in (
                conn.execute(
                    "SELECT year, kind, planned, held, participants, agenda, notes, agreements, id "
                    "FROM dialogue WHERE plan_id = ?",
                    (plan_id,),
                )
            )
        ),
        key=lambda d: (d.year, kind_order[d.kind]),
    )
    situation = {
        SituationSection(section): text
        for section, text in conn.execute(
            "SELECT section, text FROM situation_section WHERE plan_id = ? ORDER BY id",
            (plan_id,),
        )
    }
    focus: dict[int, list[str]] = defaultdict(list)
    for year, vision in conn.execute(
        "SELECT year, vision FROM year_focus WHERE plan_id = ? ORDER BY year, id", (plan_id,)
    ):
        focus[year].append(vision)
    (
        plan_row_id,
        leader_name,
        leader_title,
        level,
        workplace,
        manager_name,
        manager_title,
        framework_id,
        framework_version,
        first_year,
        years,
        plan_uid,
    ) = row
    return Plan(
        id=plan_row_id,
        leader=Person(leader_name, leader_title),
        level=level,
        workplace=workplace,
        manager=Person(manager_name, manager_title),
        framework_id=framework_id,
        framework_version=framework_version,
        first_year=first_year,
        years=years,
        situation=situation,
        goals=goals,
        dialogues=dialogues,
        focus=dict(focus),
        uid=plan_uid,
    )


def unfinished_guides(conn: sqlite3.Connection) -> list[GuideProgress]:
    """The guides a leader left midway, the most recently used first."""
    return [
        GuideProgress(plan_id, kind, year, step)
        for plan_id, kind, year, step in conn.execute(
            "SELECT plan_id, kind, year, step FROM guide_progress ORDER BY updated_at DESC, id DESC"
        )
    ]


def framework_document(
    conn: sqlite3.Connection, plan_id: int, framework_id: str, version: str
) -> str | None:
    """The plan's own copy of a framework version (JSON text), or None if it has none.

    A database not yet migrated to the copies (read before the storage layer opens it) has
    no such table: None as well.
    """
    try:
        row = conn.execute(
            "SELECT document FROM plan_framework WHERE plan_id = ? AND framework_id = ? "
            "AND version = ?",
            (plan_id, framework_id, version),
        ).fetchone()
    except sqlite3.OperationalError:
        return None
    return None if row is None else str(row[0])


def stored_framework_documents(conn: sqlite3.Connection, framework_id: str) -> list[str]:
    """Every distinct copy of a framework id kept by the plans in this database."""
    try:
        rows = conn.execute(
            "SELECT DISTINCT document FROM plan_framework WHERE framework_id = ?", (framework_id,)
        ).fetchall()
    except sqlite3.OperationalError:
        return []
    return [str(row[0]) for row in rows]
