"""Migrations from every released schema: a fixture database per version, migrated, loses nothing.

``tests/fixtures/schema-v{N}.db`` was made by ``tests/fixtures/make_fixture.py`` with the
release that introduced schema version N (with ``schema-v{N}.json``, its plans as exported then).
Each is copied, opened with the real ``init_db`` (which migrates it), and compared: every row
and column the fixture held is still there with the same value, every exported field of its
plans is the same, and the schema is exactly a fresh database's. New tables, columns and
fields a later version adds are fine; a migration that deliberately changes stored values
must say so here, with the expected new values.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import re
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import peewee as pw
import pytest

from udviklingsplan_app import services
from udviklingsplan_app.exchange.json_format import plan_to_data
from udviklingsplan_app.storage import SCHEMA_VERSION, close_db, init_db
from udviklingsplan_app.storage.migrations import APPLICATION_ID

database_module = importlib.import_module("udviklingsplan_app.storage.database")

FIXTURES = Path(__file__).resolve().parent / "fixtures"
VERSIONS = sorted(
    int(m[1])
    for p in FIXTURES.glob("schema-v*.db")
    if (m := re.fullmatch(r"schema-v(\d+)\.db", p.name))
)


def _ro(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)


def _schema(path: Path) -> list[tuple[str, str, str, str | None]]:
    conn = _ro(path)
    try:
        rows = conn.execute(
            "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name"
        ).fetchall()
        pragmas = [
            conn.execute(f"PRAGMA {p}").fetchone()[0] for p in ("user_version", "application_id")
        ]
    finally:
        conn.close()
    return [*rows, ("pragma", "user_version/application_id", "", json.dumps(pragmas))]


def _rows(path: Path) -> dict[str, dict[int, dict[str, Any]]]:
    """Every row of every table, by table and id, with the columns this file's schema has."""
    conn = _ro(path)
    conn.row_factory = sqlite3.Row
    try:
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {
            table: {row["id"]: dict(row) for row in conn.execute(f'SELECT * FROM "{table}"')}
            for table in tables
        }
    finally:
        conn.close()


def _holds(expected: Any, actual: Any, where: str = "") -> None:
    """``actual`` holds everything ``expected`` holds (new keys a later version adds are fine)."""
    if isinstance(expected, dict):
        assert isinstance(actual, dict), where
        for key, value in expected.items():
            assert key in actual, f"{where}.{key} is gone"
            _holds(value, actual[key], f"{where}.{key}")
    elif isinstance(expected, list):
        assert isinstance(actual, list) and len(actual) == len(expected), where
        for index, (old, new) in enumerate(zip(expected, actual, strict=True)):
            _holds(old, new, f"{where}[{index}]")
    else:
        assert actual == expected, f"{where}: {expected!r} became {actual!r}"


def _migrate_copy(version: int, tmp_path: Path) -> Path:
    source = FIXTURES / f"schema-v{version}.db"
    before = hashlib.sha256(source.read_bytes()).hexdigest()
    work = tmp_path / "udviklingsplan.db"
    shutil.copyfile(source, work)
    try:
        init_db(work)
    finally:
        close_db()
    assert hashlib.sha256(source.read_bytes()).hexdigest() == before  # the fixture itself untouched
    return work


def test_there_is_a_fixture_for_every_released_schema_version() -> None:
    # A new migration needs its fixture: run tests/fixtures/make_fixture.py and commit both files.
    assert list(range(1, SCHEMA_VERSION + 1)) == VERSIONS
    for version in VERSIONS:
        assert (FIXTURES / f"schema-v{version}.json").is_file()
        with _ro(FIXTURES / f"schema-v{version}.db") as conn:
            assert conn.execute("PRAGMA user_version").fetchone()[0] == version
            assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID


def test_every_table_of_the_fixtures_holds_rows() -> None:
    for version in VERSIONS:
        rows = _rows(FIXTURES / f"schema-v{version}.db")
        assert rows and all(rows.values()), [t for t, r in rows.items() if not r]


@pytest.mark.parametrize("version", VERSIONS)
def test_a_fixture_migrates_to_the_current_schema_and_loses_nothing(
    version: int, tmp_path: Path
) -> None:
    old_rows = _rows(FIXTURES / f"schema-v{version}.db")
    work = _migrate_copy(version, tmp_path)

    fresh = tmp_path / "fresh.db"
    init_db(fresh)
    close_db()
    assert _schema(work) == _schema(fresh)

    new_rows = _rows(work)
    for table, rows in old_rows.items():
        assert table in new_rows, f"table {table} is gone"
        for row_id, row in rows.items():
            assert row_id in new_rows[table], f"{table} {row_id} is gone"
            _holds(row, new_rows[table][row_id], f"{table}[{row_id}]")

    expected = json.loads((FIXTURES / f"schema-v{version}.json").read_text(encoding="utf-8"))
    init_db(work)
    try:
        summaries = services.list_plans()
        assert len(summaries) == len(expected)
        for summary, old in zip(summaries, expected, strict=True):
            _holds(old["plan"], plan_to_data(services.load_plan(summary.id))["plan"], "plan")
    finally:
        close_db()


@pytest.mark.parametrize("version", VERSIONS)
def test_a_migrated_fixture_opens_again_unchanged(version: int, tmp_path: Path) -> None:
    work = _migrate_copy(version, tmp_path)
    rows = _rows(work)
    init_db(work)
    close_db()
    assert _rows(work) == rows


def test_a_later_migration_keeps_the_fixture_and_backs_it_up_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same comparison with a made-up next version that adds a column and a table."""

    def step(db: pw.Database) -> None:
        db.execute_sql("ALTER TABLE goal ADD COLUMN priority INTEGER NOT NULL DEFAULT 0")
        db.execute_sql("CREATE TABLE note (id INTEGER NOT NULL PRIMARY KEY, text TEXT)")

    latest = SCHEMA_VERSION
    monkeypatch.setattr(database_module, "MIGRATIONS", [*database_module.MIGRATIONS, step])
    monkeypatch.setattr(database_module, "SCHEMA_VERSION", latest + 1)
    old_rows = _rows(FIXTURES / f"schema-v{latest}.db")
    work = _migrate_copy(latest, tmp_path)
    with _ro(work) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == latest + 1
        assert conn.execute("SELECT count(*) FROM goal WHERE priority = 0").fetchone()[0] == len(
            old_rows["goal"]
        )
    new_rows = _rows(work)
    for table, rows in old_rows.items():
        for row_id, row in rows.items():
            _holds(row, new_rows[table][row_id], f"{table}[{row_id}]")
    # The file as it was before the migration is kept in backups/.
    (backup,) = (tmp_path / "backups").glob(f"*-skema{latest}.db")
    assert _rows(backup) == old_rows


def _twin(path: Path, plan_id: int) -> int:
    """Import a plan again the way releases before schema 3 did: a second plan whose goals
    (with their actions) share the first plan's goal ids; carried-over links within the twin."""
    conn = sqlite3.connect(path)
    try:

        def copy(table: str, where: str, *params: Any, **changes: Any) -> dict[int, int]:
            columns = [row[1] for row in conn.execute(f'PRAGMA table_info("{table}")')]
            new_ids = {}
            for row in conn.execute(f'SELECT * FROM "{table}" WHERE {where}', params).fetchall():
                values = dict(zip(columns, row, strict=True))
                old_id = values.pop("id")
                values.update({k: f(values) for k, f in changes.items()})
                names = ", ".join(values)
                marks = ", ".join("?" * len(values))
                cursor = conn.execute(
                    f'INSERT INTO "{table}" ({names}) VALUES ({marks})', list(values.values())
                )
                new_ids[old_id] = int(cursor.lastrowid or 0)
            return new_ids

        (twin,) = copy("plan", "id = ?", plan_id).values()
        goals = copy("goal", "plan_id = ?", plan_id, plan_id=lambda _: twin)
        for old, new in goals.items():
            copy("action", "goal_id = ?", old, goal_id=lambda _, new=new: new)
        for old, new in goals.items():
            conn.execute(
                "UPDATE goal SET carried_over_from_id = "
                "(SELECT carried_over_from_id FROM goal WHERE id = ?) WHERE id = ?",
                (old, new),
            )
            conn.execute(
                f"UPDATE goal SET carried_over_from_id = CASE carried_over_from_id "
                f"{' '.join(f'WHEN {o} THEN {n}' for o, n in goals.items())} END "
                "WHERE id = ? AND carried_over_from_id IS NOT NULL",
                (new,),
            )
        conn.commit()
    finally:
        conn.close()
    return twin


@pytest.mark.parametrize("version", [v for v in VERSIONS if v < 3])
def test_plans_twinned_before_schema_3_get_ids_and_unique_goal_ids(
    version: int, tmp_path: Path
) -> None:
    work = tmp_path / "udviklingsplan.db"
    shutil.copyfile(FIXTURES / f"schema-v{version}.db", work)
    originals = {p: _twin(work, p) for p in (1, 2)}  # both fixture plans twinned
    with sqlite3.connect(work) as conn:
        shared = conn.execute(
            "SELECT count(*) FROM goal g JOIN goal h ON g.uid = h.uid AND g.id < h.id"
        ).fetchone()[0]
    conn.close()
    before = _rows(work)
    assert shared == 7 + 2  # the example's seven goals and the second plan's two

    init_db(work)
    try:
        plans = {s.id: services.load_plan(s.id) for s in services.list_plans()}
    finally:
        close_db()

    after = _rows(work)
    goal_uids = [row["uid"] for row in after["goal"].values()]
    assert len(goal_uids) == len(set(goal_uids)) == len(before["goal"])
    plan_uids = [row["uid"] for row in after["plan"].values()]
    assert len(set(plan_uids)) == 4 and all(len(uid) == 32 for uid in plan_uids)
    for original, twin in originals.items():
        # The earlier plan keeps its goal ids; the twin's goals got new ones.
        for goal in plans[original].goals:
            assert goal.uid == before["goal"][goal.id]["uid"]
        assert not {g.uid for g in plans[original].goals} & {g.uid for g in plans[twin].goals}
        # Otherwise the twin is what it was: the same goals, parts and carried-over links.
        first, second = plans[original], plans[twin]
        assert [(g.title, g.year, len(g.actions)) for g in first.goals] == [
            (g.title, g.year, len(g.actions)) for g in second.goals
        ]
        uid_pairs = dict(
            zip((g.uid for g in first.goals), (g.uid for g in second.goals), strict=True)
        )
        assert [uid_pairs.get(g.carried_over_from) for g in first.goals] == [
            g.carried_over_from for g in second.goals
        ]
    assert sum(g.carried_over_from is not None for p in plans.values() for g in p.goals) == 4
    # Everything else stored is unchanged.
    for table, rows in before.items():
        for row_id, row in rows.items():
            if table != "goal":
                _holds(row, after[table][row_id], f"{table}[{row_id}]")
            else:
                assert {**row, "uid": None} == {**after[table][row_id], "uid": None}


def test_a_fresh_database_refuses_a_second_goal_with_the_same_id(tmp_path: Path) -> None:
    init_db(tmp_path / "ny.db")
    try:
        first, other = (
            services.create_plan(
                workplace=workplace,
                leader=services.Person("Anne", ""),
                level=3,
                manager=services.Person("Bo", ""),
                framework_id="socialstrategi-2018",
                first_year=2026,
            )
            for workplace in ("Bostedet", "Værestedet")
        )
        goal_id = services.add_goal(first, year=2026, vision="vaerdigt-liv", title="Mål")
        db = database_module.database()
        with pytest.raises(pw.IntegrityError, match=r"goal\.uid"):
            db.execute_sql(
                "INSERT INTO goal (plan_id, uid, year, vision, title, status) "
                "SELECT ?, uid, year, vision, title, status FROM goal WHERE id = ?",
                (other, goal_id),
            )
        with pytest.raises(pw.IntegrityError, match=r"plan\.uid"):
            db.execute_sql("UPDATE plan SET uid = (SELECT uid FROM plan WHERE id = ?)", (first,))
        assert len(services.load_plan(first).goals) == 1 and not services.load_plan(other).goals
    finally:
        close_db()
