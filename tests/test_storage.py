"""Opening the database: file permissions, pragmas, migrations, and files that are refused."""

from __future__ import annotations

import importlib
import os
import sqlite3
import stat
from pathlib import Path

import peewee as pw
import pytest

from udviklingsplan_app import services
from udviklingsplan_app.domain import Person
from udviklingsplan_app.errors import DatabaseProblem
from udviklingsplan_app.storage import (
    SCHEMA_VERSION,
    close_db,
    database,
    init_db,
    migrations,
    models,
)

# ``storage.database`` is also the name of a function re-exported by ``storage``.
database_module = importlib.import_module("udviklingsplan_app.storage.database")

posix_only = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX only")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _pragma(path: Path, name: str) -> int:
    """Read a pragma with a separate, read-only connection (what is really in the file)."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return int(conn.execute(f"PRAGMA {name}").fetchone()[0])
    finally:
        conn.close()


def _tables(path: Path) -> set[str]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    finally:
        conn.close()


def _add_plan(workplace: str = "Botilbuddet Lindely") -> int:
    return services.create_plan(
        workplace=workplace,
        leader=Person("Anne Berg", "Forstander"),
        level=3,
        manager=Person("Ole Dam", "Centerchef"),
        framework_id="socialstrategi-2018",
        first_year=2026,
    )


# --- a new database ------------------------------------------------------------------------


@posix_only
def test_init_db_creates_the_file_private_and_its_folder(tmp_path: Path) -> None:
    path = tmp_path / "ny" / "mappe" / "plan.db"
    try:
        init_db(path)
        assert path.is_file()
        assert _mode(path) == 0o600
        assert path.parent.is_dir()
    finally:
        close_db()


def test_pragmas_of_the_open_database(db_path: Path) -> None:
    db = database()
    assert db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute_sql("PRAGMA synchronous").fetchone()[0] == 2  # FULL: durable at commit


def test_user_version_and_application_id_are_stored(db_path: Path) -> None:
    close_db()
    assert SCHEMA_VERSION == len(migrations.MIGRATIONS) >= 1
    assert _pragma(db_path, "user_version") == SCHEMA_VERSION
    assert _pragma(db_path, "application_id") == migrations.APPLICATION_ID
    assert _pragma(db_path, "application_id") == 0x55504C4E


def test_models_and_migrated_schema_have_the_same_columns(db_path: Path) -> None:
    """The frozen migrations and the current models must not drift apart."""
    db = database()
    tables = set(db.get_tables())
    assert {model._meta.table_name for model in models.ALL_MODELS} <= tables
    for model in models.ALL_MODELS:
        table = model._meta.table_name
        columns = {row[1] for row in db.execute_sql(f"PRAGMA table_info({table})").fetchall()}
        fields = {field.column_name for field in model._meta.sorted_fields}
        assert fields - columns == set(), f"{table}: fields without a column"
        assert columns - fields == set(), f"{table}: columns without a field"


def test_models_foreign_keys_match_the_schema(db_path: Path) -> None:
    db = database()
    for model in models.ALL_MODELS:
        table = model._meta.table_name
        in_schema = {
            (row[3], row[2], row[6])  # from column, referenced table, on delete
            for row in db.execute_sql(f"PRAGMA foreign_key_list({table})").fetchall()
        }
        in_model = {
            (f.column_name, f.rel_model._meta.table_name, f.on_delete)
            for f in model._meta.sorted_fields
            if isinstance(f, pw.ForeignKeyField)
        }
        assert in_schema == in_model, table


def test_opening_twice_keeps_the_data(db_path: Path) -> None:
    plan_id = _add_plan()
    init_db(db_path)
    init_db(db_path)
    assert [p.workplace for p in services.list_plans()] == ["Botilbuddet Lindely"]
    assert services.load_plan(plan_id).leader.name == "Anne Berg"
    close_db()
    assert _pragma(db_path, "user_version") == SCHEMA_VERSION


def test_database_is_closed_after_close_db(db_path: Path) -> None:
    close_db()
    with pytest.raises(DatabaseProblem) as info:
        database()
    assert "ikke åbnet" in str(info.value)


# --- migrations ----------------------------------------------------------------------------


def test_a_failing_migration_step_rolls_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken_step(db: pw.Database) -> None:
        db.execute_sql("CREATE TABLE halvfaerdig (id INTEGER PRIMARY KEY)")
        db.execute_sql("INSERT INTO tabel_der_ikke_findes VALUES (1)")  # fails

    monkeypatch.setattr(database_module, "MIGRATIONS", [broken_step])
    path = tmp_path / "plan.db"
    with pytest.raises(DatabaseProblem) as info:
        init_db(path)
    close_db()
    assert "kan ikke bruges" in str(info.value)
    assert _pragma(path, "user_version") == 0
    assert "halvfaerdig" not in _tables(path)
    # With the real migrations the same file opens and is migrated.
    monkeypatch.undo()
    try:
        init_db(path)
        assert _add_plan() > 0
    finally:
        close_db()
    assert _pragma(path, "user_version") == SCHEMA_VERSION


# --- files that are refused, untouched -----------------------------------------------------


def _assert_refused_untouched(path: Path, *expected: str) -> None:
    before = path.read_bytes()
    listing = sorted(os.listdir(path.parent))
    with pytest.raises(DatabaseProblem) as info:
        init_db(path)
    message = str(info.value)
    for text in expected:
        assert text in message
    assert "btree" not in message and "Page" not in message  # no raw SQLite English
    assert path.read_bytes() == before
    assert sorted(os.listdir(path.parent)) == listing  # nothing written beside it, not even -wal
    with pytest.raises(DatabaseProblem):
        database()  # nothing was bound


def test_a_text_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "noter.db"
    path.write_text("Dette er mine noter til udviklingsplanen.\n" * 200, encoding="utf-8")
    path.chmod(0o600)
    _assert_refused_untouched(path, "ikke en Udviklingsplan-database", "Filen er ikke ændret")


def test_another_programs_sqlite_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "andet.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE kunder (id INTEGER PRIMARY KEY, navn TEXT)")
    conn.execute("INSERT INTO kunder (navn) VALUES ('Hansen')")
    conn.commit()
    conn.close()
    path.chmod(0o600)
    _assert_refused_untouched(path, "fra et andet program", "Filen er ikke ændret")


def test_a_database_from_a_newer_program_is_refused(db_path: Path) -> None:
    _add_plan()
    close_db()
    conn = sqlite3.connect(db_path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.execute("PRAGMA journal_mode = delete")
    conn.close()
    _assert_refused_untouched(
        db_path, "nyere version", f"skemaversion {SCHEMA_VERSION + 1}", "Filen er ikke ændret"
    )


def test_a_corrupted_database_is_refused(db_path: Path) -> None:
    for number in range(40):
        plan_id = _add_plan(f"Arbejdsplads nummer {number} " + "x" * 200)
        for goal in range(3):
            services.add_goal(plan_id, year=2026, vision="vaerdigt-liv", title=f"Mål {goal} " * 30)
    close_db()
    data = bytearray(db_path.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    assert len(data) >= 6 * page_size
    middle = (len(data) // page_size // 2) * page_size
    data[middle : middle + page_size] = b"\xff\x13" * (page_size // 2)
    db_path.write_bytes(bytes(data))
    _assert_refused_untouched(db_path, "beskadiget", "Filen er ikke ændret")


def test_a_broken_header_is_refused(db_path: Path) -> None:
    _add_plan()
    close_db()
    data = bytearray(db_path.read_bytes())
    data[0:16] = b"not a database!\x00"
    db_path.write_bytes(bytes(data))
    _assert_refused_untouched(db_path, "Filen er ikke ændret")


def test_a_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "plan.db"
    folder.mkdir()
    with pytest.raises(DatabaseProblem) as info:
        init_db(folder)
    assert "er en mappe" in str(info.value)


# --- deleting and permissions --------------------------------------------------------------


def test_deleting_a_plan_leaves_no_rows_behind(example_plan_id: int) -> None:
    parts = [m for m in models.ALL_MODELS if m is not models.Plan]
    before = {m.__name__: m.select().count() for m in parts}
    for name in (
        "Goal",
        "Action",
        "Indicator",
        "Measurement",
        "Dialogue",
        "Involvement",
        "StatusChange",
        "SuccessLink",
        "SuccessCriterion",
        "SituationSection",
    ):
        assert before[name] > 0, name
    services.delete_plan(example_plan_id)
    after = {m.__name__: m.select().count() for m in parts}
    assert after == dict.fromkeys(after, 0)
    assert services.list_plans() == []


def test_deleting_one_plan_keeps_the_other(example_plan_id: int) -> None:
    other = _add_plan("Værestedet")
    services.add_goal(other, year=2027, vision="sund-organisation", title="Bedre trivsel")
    services.delete_plan(example_plan_id)
    assert [p.id for p in services.list_plans()] == [other]
    assert [g.title for g in services.load_plan(other).goals] == ["Bedre trivsel"]
    assert models.Goal.select().count() == 1


@posix_only
def test_a_world_readable_database_is_tightened(db_path: Path) -> None:
    close_db()
    db_path.chmod(0o644)
    assert _mode(db_path) == 0o644
    try:
        init_db(db_path)
    finally:
        close_db()
    assert _mode(db_path) == 0o600


def test_a_migration_is_preceded_by_a_backup_of_the_old_file(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan_id = _add_plan("Værestedet Nørrebro")
    close_db()

    def step_two(db: pw.Database) -> None:
        db.execute_sql("ALTER TABLE plan ADD COLUMN note TEXT NOT NULL DEFAULT ''")

    monkeypatch.setattr(database_module, "MIGRATIONS", [*database_module.MIGRATIONS, step_two])
    monkeypatch.setattr(database_module, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    init_db(db_path)
    close_db()
    assert _pragma(db_path, "user_version") == SCHEMA_VERSION + 1
    backups = sorted((db_path.parent / "backups").glob("*.db"))
    assert len(backups) == 1 and f"skema{SCHEMA_VERSION}" in backups[0].name
    # The backup is the old, whole database: its version, the plan in it, integrity ok.
    assert _pragma(backups[0], "user_version") == SCHEMA_VERSION
    with sqlite3.connect(backups[0]) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        rows = conn.execute("SELECT id, workplace FROM plan").fetchall()
    assert rows == [(plan_id, "Værestedet Nørrebro")]


@pytest.mark.parametrize(
    "name", ["mappe med mellemrum/plan.db", "æøå ÆØÅ/plan #1.db", "procent%20og?spørgsmål/plan.db"]
)
def test_paths_with_spaces_danish_letters_and_uri_characters_open(
    tmp_path: Path, name: str
) -> None:
    path = tmp_path / name
    try:
        init_db(path)
        plan_id = _add_plan()
        assert services.load_plan(plan_id).workplace == "Botilbuddet Lindely"
    finally:
        close_db()
    init_db(path)  # the read-only look before opening also finds the file
    close_db()
    assert path.exists()


def test_sqlite_uris_keep_unc_paths_local_to_sqlite() -> None:
    from udviklingsplan_app.storage.database import sqlite_uri

    assert sqlite_uri(Path("//server/share/plan.db")) == "file:////server/share/plan.db"
    assert sqlite_uri(Path("/tmp/mappe med mellemrum/plan #1.db")) == (
        "file:/tmp/mappe%20med%20mellemrum/plan%20%231.db"
    )


def test_a_version_1_database_migrates_to_the_current_schema_keeping_its_plans(
    tmp_path: Path,
) -> None:
    """A database from the first release (schema 1) gains the year focus, guide progress and
    the plans' ids; the example plan it held exports as the example file, with its new id."""
    import json
    import shutil

    from udviklingsplan_app.exchange.json_format import plan_to_data
    from udviklingsplan_app.resources import resource_path

    path = tmp_path / "gammel.db"
    shutil.copyfile(Path(__file__).parent / "fixtures" / "schema-v1.db", path)
    assert _pragma(path, "user_version") == 1
    assert "year_focus" not in _tables(path)
    example = json.loads(
        resource_path("examples", "den-sociale-hjemmepleje.json").read_text(encoding="utf-8")
    )

    init_db(path)
    try:
        assert _pragma(path, "user_version") == SCHEMA_VERSION >= 3
        assert {"year_focus", "guide_progress"} <= _tables(path)
        plan_id = services.list_plans()[0].id
        exported = plan_to_data(services.load_plan(plan_id))
        # The whole plan is there; only its id is new (the first release had none).
        assert len(exported["plan"].pop("id")) == 32
        del example["plan"]["id"]
        assert exported == example
        services.set_year_focus(plan_id, 2026, ["sund-organisation"])
        services.save_guide_progress(plan_id, "nyt_aar", 2027, 1)
        assert services.load_plan(plan_id).focus == {2026: ["sund-organisation"]}
    finally:
        close_db()
    backups = list((path.parent / "backups").glob("*skema1*.db"))
    assert len(backups) == 1 and _pragma(backups[0], "user_version") == 1
