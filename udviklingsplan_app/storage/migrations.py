"""Versioned schema migrations, one step per ``PRAGMA user_version``.

Each step is frozen SQL (never the current models), so a database made by any released version
migrates the same way. ``init_db`` runs every missing step in its own transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # peewee is imported only when the database is opened for writing
    import peewee as pw

#: ``PRAGMA application_id``: marks the file as an Udviklingsplan database ("UPLN").
APPLICATION_ID = 0x55504C4E

_V1 = [
    """CREATE TABLE plan (
        id INTEGER NOT NULL PRIMARY KEY,
        leader_name TEXT NOT NULL DEFAULT '',
        leader_title TEXT NOT NULL DEFAULT '',
        level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 4),
        workplace TEXT NOT NULL,
        manager_name TEXT NOT NULL DEFAULT '',
        manager_title TEXT NOT NULL DEFAULT '',
        framework_id TEXT NOT NULL,
        framework_version TEXT NOT NULL DEFAULT '',
        first_year INTEGER NOT NULL,
        years INTEGER NOT NULL CHECK (years BETWEEN 1 AND 10),
        created_at DATETIME NOT NULL,
        updated_at DATETIME NOT NULL)""",
    """CREATE TABLE situation_section (
        id INTEGER NOT NULL PRIMARY KEY,
        plan_id INTEGER NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
        section TEXT NOT NULL,
        text TEXT NOT NULL DEFAULT '',
        UNIQUE (plan_id, section))""",
    """CREATE TABLE goal (
        id INTEGER NOT NULL PRIMARY KEY,
        plan_id INTEGER NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
        uid TEXT NOT NULL,
        year INTEGER NOT NULL,
        position INTEGER NOT NULL DEFAULT 0,
        vision TEXT NOT NULL,
        theme TEXT,
        title TEXT NOT NULL,
        rationale TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL,
        owner TEXT NOT NULL DEFAULT '',
        carried_over_from_id INTEGER REFERENCES goal (id) ON DELETE SET NULL,
        UNIQUE (plan_id, uid))""",
    "CREATE INDEX goal_plan_year ON goal (plan_id, year, position)",
    "CREATE INDEX goal_carried_over_from ON goal (carried_over_from_id)",
    """CREATE TABLE action (
        id INTEGER NOT NULL PRIMARY KEY,
        goal_id INTEGER NOT NULL REFERENCES goal (id) ON DELETE CASCADE,
        position INTEGER NOT NULL DEFAULT 0,
        text TEXT NOT NULL DEFAULT '',
        responsible TEXT NOT NULL DEFAULT '',
        deadline DATE,
        done INTEGER NOT NULL DEFAULT 0)""",
    "CREATE INDEX action_goal ON action (goal_id)",
    """CREATE TABLE success_link (
        id INTEGER NOT NULL PRIMARY KEY,
        goal_id INTEGER NOT NULL REFERENCES goal (id) ON DELETE CASCADE,
        position INTEGER NOT NULL DEFAULT 0,
        sign_id TEXT NOT NULL,
        UNIQUE (goal_id, sign_id))""",
    """CREATE TABLE success_criterion (
        id INTEGER NOT NULL PRIMARY KEY,
        goal_id INTEGER NOT NULL REFERENCES goal (id) ON DELETE CASCADE,
        position INTEGER NOT NULL DEFAULT 0,
        text TEXT NOT NULL DEFAULT '')""",
    "CREATE INDEX success_criterion_goal ON success_criterion (goal_id)",
    """CREATE TABLE indicator (
        id INTEGER NOT NULL PRIMARY KEY,
        goal_id INTEGER NOT NULL REFERENCES goal (id) ON DELETE CASCADE,
        position INTEGER NOT NULL DEFAULT 0,
        name TEXT NOT NULL,
        unit TEXT NOT NULL DEFAULT '',
        baseline REAL,
        target REAL)""",
    "CREATE INDEX indicator_goal ON indicator (goal_id)",
    """CREATE TABLE measurement (
        id INTEGER NOT NULL PRIMARY KEY,
        indicator_id INTEGER NOT NULL REFERENCES indicator (id) ON DELETE CASCADE,
        date DATE NOT NULL,
        value REAL NOT NULL)""",
    "CREATE INDEX measurement_indicator ON measurement (indicator_id, date)",
    """CREATE TABLE involvement (
        id INTEGER NOT NULL PRIMARY KEY,
        goal_id INTEGER NOT NULL REFERENCES goal (id) ON DELETE CASCADE,
        position INTEGER NOT NULL DEFAULT 0,
        party TEXT NOT NULL,
        date DATE,
        form TEXT NOT NULL DEFAULT '',
        outcome TEXT NOT NULL DEFAULT '')""",
    "CREATE INDEX involvement_goal ON involvement (goal_id)",
    """CREATE TABLE status_change (
        id INTEGER NOT NULL PRIMARY KEY,
        goal_id INTEGER NOT NULL REFERENCES goal (id) ON DELETE CASCADE,
        status TEXT NOT NULL,
        at DATETIME NOT NULL,
        note TEXT NOT NULL DEFAULT '')""",
    "CREATE INDEX status_change_goal ON status_change (goal_id, at)",
    """CREATE TABLE dialogue (
        id INTEGER NOT NULL PRIMARY KEY,
        plan_id INTEGER NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
        year INTEGER NOT NULL,
        kind TEXT NOT NULL,
        planned DATE,
        held DATE,
        participants TEXT NOT NULL DEFAULT '[]',
        agenda TEXT NOT NULL DEFAULT '',
        notes TEXT NOT NULL DEFAULT '',
        agreements TEXT NOT NULL DEFAULT '',
        UNIQUE (plan_id, year, kind))""",
    f"PRAGMA application_id = {APPLICATION_ID}",
]

#: Version 2: the visions each year focuses on (the guide's four-year overview), and where a
#: leader left a guide (not plan data: never exported, untouched by undo).
_V2 = [
    """CREATE TABLE year_focus (
        id INTEGER NOT NULL PRIMARY KEY,
        plan_id INTEGER NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
        year INTEGER NOT NULL,
        vision TEXT NOT NULL,
        UNIQUE (plan_id, year, vision))""",
    """CREATE TABLE guide_progress (
        id INTEGER NOT NULL PRIMARY KEY,
        plan_id INTEGER NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        year INTEGER NOT NULL,
        step INTEGER NOT NULL,
        updated_at DATETIME NOT NULL,
        UNIQUE (plan_id, kind))""",
]


#: Version 3: a stable id for each plan (``plan.id`` in the JSON format, so a re-imported file is
#: recognised), and goal ids unique in the whole database. A plan imported twice before this
#: version is a twin whose goals share the first plan's goal ids: the later plan's goals get
#: new ids. Carried-over links are row ids, so they stay as they were.
_V3_ADD_PLAN_UID = "ALTER TABLE plan ADD COLUMN uid TEXT NOT NULL DEFAULT ''"
_V3_UNIQUE = [
    "CREATE UNIQUE INDEX plan_uid ON plan (uid)",
    "CREATE UNIQUE INDEX goal_uid ON goal (uid)",
]


def _v3(db: pw.Database) -> None:
    import uuid

    db.execute_sql(_V3_ADD_PLAN_UID)  # type: ignore[no-untyped-call]
    plan_ids = [row[0] for row in db.execute_sql("SELECT id FROM plan ORDER BY id")]  # type: ignore[no-untyped-call]
    for plan_id in plan_ids:
        db.execute_sql("UPDATE plan SET uid = ? WHERE id = ?", (uuid.uuid4().hex, plan_id))  # type: ignore[no-untyped-call]
    # Every goal whose id an earlier goal (of an earlier plan) already holds gets a new one.
    twins = [
        row[0]
        for row in db.execute_sql(  # type: ignore[no-untyped-call]
            "SELECT g.id FROM goal g WHERE EXISTS (SELECT 1 FROM goal e WHERE e.uid = g.uid "
            "AND (e.plan_id < g.plan_id OR (e.plan_id = g.plan_id AND e.id < g.id))) "
            "ORDER BY g.id"
        )
    ]
    for goal_id in twins:
        db.execute_sql("UPDATE goal SET uid = ? WHERE id = ?", (uuid.uuid4().hex, goal_id))  # type: ignore[no-untyped-call]
    for sql in _V3_UNIQUE:
        db.execute_sql(sql)  # type: ignore[no-untyped-call]


#: Version 4 (issue 16): the plan's own copy of every framework version it has followed, so it
#: opens, checks and exports the same when the framework file is gone or corrected later. The
#: plan's current framework is the copy matching ``plan.framework_id`` and ``framework_version``.
_V_FRAMEWORK_COPY = [
    """CREATE TABLE plan_framework (
        id INTEGER NOT NULL PRIMARY KEY,
        plan_id INTEGER NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
        framework_id TEXT NOT NULL,
        version TEXT NOT NULL,
        document TEXT NOT NULL,
        UNIQUE (plan_id, framework_id, version))""",
]


def _copy_shipped_frameworks(db: pw.Database) -> None:
    """Give every existing plan its copy of the shipped framework it follows.

    Before this version only the shipped frameworks existed. A plan whose recorded version is
    no longer shipped (or was never recorded) gets the shipped version of its framework id,
    and its ``framework_version`` says so. A plan of an unknown framework gets no copy (the
    program then looks for the framework among the available ones, as before).
    """
    import json

    from ..resources import resource_path

    shipped: dict[str, list[tuple[str, str]]] = {}
    for path in sorted(resource_path("strategies").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8-sig"))
        text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        shipped.setdefault(str(data["id"]), []).append((str(data["version"]), text))
    plans = db.execute_sql("SELECT id, framework_id, framework_version FROM plan").fetchall()  # type: ignore[no-untyped-call]
    for plan_id, framework_id, version in plans:
        versions = shipped.get(framework_id)
        if not versions:
            continue
        chosen = next((v for v in versions if v[0] == version), versions[-1])
        db.execute_sql(  # type: ignore[no-untyped-call]
            "INSERT INTO plan_framework (plan_id, framework_id, version, document) "
            "VALUES (?, ?, ?, ?)",
            (plan_id, framework_id, chosen[0], chosen[1]),
        )
        if chosen[0] != version:
            db.execute_sql(  # type: ignore[no-untyped-call]
                "UPDATE plan SET framework_version = ? WHERE id = ?", (chosen[0], plan_id)
            )


def _run(statements: list[str]) -> Callable[[pw.Database], None]:
    def step(db: pw.Database) -> None:
        for sql in statements:
            db.execute_sql(sql)  # type: ignore[no-untyped-call]

    return step


def _framework_copy(db: pw.Database) -> None:
    _run(_V_FRAMEWORK_COPY)(db)
    _copy_shipped_frameworks(db)


#: ``MIGRATIONS[n]`` takes a database from schema version ``n`` to ``n + 1``.
MIGRATIONS: list[Callable[[pw.Database], None]] = [
    _run(_V1),
    _run(_V2),
    _v3,
    _framework_copy,
]
#: The schema version this program writes: one per migration step.
SCHEMA_VERSION = len(MIGRATIONS)


def migrate(
    db: pw.SqliteDatabase, target: int, steps: list[Callable[[pw.Database], None]] | None = None
) -> None:
    """Run the missing steps up to ``target``, each in a write-locked transaction.

    Each transaction reads the version again, so two programs opening an old file at once
    cannot both run the same step. ``steps`` defaults to :data:`MIGRATIONS`.
    """
    steps = MIGRATIONS if steps is None else steps
    if db.pragma("user_version") >= target:
        return
    while True:
        with db.atomic(lock_type="IMMEDIATE"):
            version = db.pragma("user_version")
            if version >= target:
                return
            steps[version](db)
            db.execute_sql(f"PRAGMA user_version = {version + 1}")  # type: ignore[no-untyped-call]
