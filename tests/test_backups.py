"""Automatic backups: once a day, rotated, listed, previewed and restored; damaged files kept."""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import importlib
import os
import shutil
import sqlite3
import time
from pathlib import Path

import peewee as pw
import pytest

from udviklingsplan_app import services
from udviklingsplan_app.errors import DatabaseProblem
from udviklingsplan_app.storage import backup, close_db, init_db
from udviklingsplan_app.storage.backup import (
    BackupInfo,
    backups_folder,
    daily_backup,
    list_backups,
    newest_sound_backup,
    preserve_damaged,
    read_backup,
    restore_backup,
)
from udviklingsplan_app.storage.migrations import APPLICATION_ID

database_module = importlib.import_module("udviklingsplan_app.storage.database")

DAY = dt.date(2026, 11, 1)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _files(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` with its content's digest."""
    return {
        str(p.relative_to(folder)): _digest(p) for p in sorted(folder.rglob("*")) if p.is_file()
    }


def _workplaces(path: Path) -> list[str]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return [row[0] for row in conn.execute("SELECT workplace FROM plan ORDER BY id")]
    finally:
        conn.close()


def _closed(db_path: Path) -> Path:
    close_db()
    return db_path


@pytest.fixture
def plan_db(db_path: Path, example_plan_id: int) -> Path:
    """A database holding the example plan, closed as before a restore."""
    return _closed(db_path)


# --- daily backups and rotation ------------------------------------------------------------


def test_a_daily_backup_is_made_once_a_day_and_holds_the_plans(plan_db: Path) -> None:
    made = daily_backup(plan_db, DAY)
    assert made is not None and made.parent == backups_folder(plan_db)
    assert made.name.startswith("plan-2026-11-01-") and made.name.endswith("-daglig.db")
    assert daily_backup(plan_db, DAY) is None  # the same day again: nothing new
    assert [p.name for p in backups_folder(plan_db).iterdir()] == [made.name]
    (info,) = list_backups(plan_db)
    assert (info.path, info.kind, info.label) == (made, "daglig", "Daglig sikkerhedskopi")
    assert (info.plans, info.goals, info.sound) == (1, 7, True)
    assert info.made.date() == DAY
    with sqlite3.connect(made) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # one whole file


def test_no_daily_backup_of_an_empty_or_missing_database(db_path: Path, tmp_path: Path) -> None:
    assert daily_backup(_closed(db_path), DAY) is None  # no plan yet
    assert daily_backup(tmp_path / "findes-ikke.db", DAY) is None
    assert not backups_folder(db_path).exists()


def test_rotation_keeps_fourteen_days_and_every_backup_before_a_migration(
    plan_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    migration = backup.make_backup(plan_db, backup.BEFORE_MIGRATION, schema=1)
    old_style = backups_folder(plan_db) / "plan_skema1_før-opdatering_2025-01-02_030405.db"
    shutil.copyfile(migration, old_style)  # the name before-migration backups had until now
    made = [daily_backup(plan_db, DAY + dt.timedelta(days=n)) for n in range(20)]
    assert all(made)
    daily = [i for i in list_backups(plan_db) if i.kind == "daglig"]
    assert [i.made.date() for i in daily] == [DAY + dt.timedelta(days=n) for n in range(19, 5, -1)]
    kinds = {i.path.name: i.kind for i in list_backups(plan_db)}
    assert kinds[migration.name] == kinds[old_style.name] == "før-opdatering"
    assert len(kinds) == 14 + 2


def test_rotation_keeps_the_last_five_backups_before_a_restore(plan_db: Path) -> None:
    # Made long ago: the before-restore backups of the last 30 days are all kept.
    for n in range(7):
        backup.make_backup(plan_db, backup.BEFORE_RESTORE, now=dt.datetime(2020, 1, 1, 12, 0, n))
    backup.rotate(plan_db)
    kept = [i.made.second for i in list_backups(plan_db)]
    assert kept == [6, 5, 4, 3, 2]


def test_rotation_leaves_other_files_and_other_databases_backups_alone(plan_db: Path) -> None:
    folder = backups_folder(plan_db)
    folder.mkdir()
    mine = folder / "min egen kopi.db"
    shutil.copyfile(plan_db, mine)
    other = folder / "andet-2020-01-01-000000-daglig.db"
    shutil.copyfile(plan_db, other)
    note = folder / "læs mig.txt"
    note.write_text("hej", encoding="utf-8")
    for n in range(16):
        daily_backup(plan_db, DAY + dt.timedelta(days=n))
    assert mine.exists() and other.exists() and note.exists()
    listed = {i.path.name: i for i in list_backups(plan_db)}
    assert other.name not in listed  # another database's backup
    assert listed[mine.name].kind == "manuel" and listed[mine.name].label == "Sikkerhedskopi"


def test_two_backups_in_the_same_second_do_not_replace_each_other(plan_db: Path) -> None:
    now = dt.datetime(2026, 3, 3, 9, 0, 0)
    first = backup.make_backup(plan_db, backup.BEFORE_RESTORE, now=now)
    second = backup.make_backup(plan_db, backup.BEFORE_RESTORE, now=now)
    assert first != second and first.exists() and second.exists()
    assert {i.path for i in list_backups(plan_db)} == {first, second}


def test_a_copy_that_fails_its_check_is_not_kept(
    plan_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(source: Path, target: Path, *, immutable: bool = False) -> None:
        target.write_bytes(b"halv kopi")
        raise DatabaseProblem("Kopien bestod ikke SQLite's kontrol; den er ikke gemt.")

    monkeypatch.setattr(backup, "_copy_database", broken)
    with pytest.raises(DatabaseProblem, match="ikke gemt"):
        daily_backup(plan_db, DAY)
    assert list(backups_folder(plan_db).iterdir()) == []


# --- listing and preview -------------------------------------------------------------------


def test_a_damaged_or_foreign_file_in_the_folder_is_listed_as_not_sound(plan_db: Path) -> None:
    good = daily_backup(plan_db, DAY)
    assert good is not None
    folder = backups_folder(plan_db)
    (folder / "plan-2026-11-02-080000-daglig.db").write_bytes(b"\0" * 4096)
    cut = folder / "plan-2026-11-03-080000-daglig.db"
    cut.write_bytes(good.read_bytes()[:8192])  # cut short
    foreign = folder / "andet program.db"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE t (x)")
    conn.close()
    (folder / "tom.db").write_bytes(b"")
    infos = {i.path.name: i for i in list_backups(plan_db)}
    assert len(infos) == 5
    assert [n for n, i in infos.items() if i.sound] == [good.name]
    for info in infos.values():
        if not info.sound:
            assert info.problem and info.plans == 0 and info.goals == 0
    assert "ikke" in (infos["andet program.db"].problem or "")
    assert newest_sound_backup(plan_db) == infos[good.name]


def test_newest_sound_backup_skips_damaged_and_empty_ones(plan_db: Path) -> None:
    assert newest_sound_backup(plan_db) is None
    older = daily_backup(plan_db, DAY)
    newer = daily_backup(plan_db, DAY + dt.timedelta(days=1))
    assert older and newer
    newer.write_bytes(b"beskadiget" * 100)
    info = newest_sound_backup(plan_db)
    assert info is not None and info.path == older


def test_a_preview_reads_the_plans_without_changing_the_file(plan_db: Path) -> None:
    made = daily_backup(plan_db, DAY)
    assert made is not None
    before = _files(made.parent)
    (plan,) = read_backup(made)
    assert plan.workplace.startswith("Den Sociale Hjemmepleje") and len(plan.goals) == 7
    assert _files(made.parent) == before  # no -wal, -shm or journal beside it either


def test_a_preview_of_a_backup_from_an_older_schema_is_migrated_in_memory(
    plan_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = daily_backup(plan_db, DAY)
    assert made is not None
    before = _digest(made)

    def step(db: pw.Database) -> None:
        db.execute_sql("ALTER TABLE plan ADD COLUMN note TEXT NOT NULL DEFAULT ''")

    newer = database_module.SCHEMA_VERSION + 1
    monkeypatch.setattr(database_module, "MIGRATIONS", [*database_module.MIGRATIONS, step])
    monkeypatch.setattr(database_module, "SCHEMA_VERSION", newer)
    monkeypatch.setattr(backup, "MIGRATIONS", database_module.MIGRATIONS)
    monkeypatch.setattr(backup, "SCHEMA_VERSION", newer)
    (plan,) = read_backup(made)
    assert len(plan.goals) == 7
    assert _digest(made) == before


@pytest.mark.parametrize("kind", ["damaged", "foreign", "newer", "empty"])
def test_a_preview_of_an_unusable_file_is_refused_in_danish(
    plan_db: Path, tmp_path: Path, kind: str
) -> None:
    path = _unusable(kind, plan_db, tmp_path)
    with pytest.raises(DatabaseProblem) as refused:
        read_backup(path)
    assert "Udviklingsplan" in str(refused.value) or "beskadiget" in str(refused.value)


def _unusable(kind: str, plan_db: Path, tmp_path: Path) -> Path:
    path = tmp_path / f"{kind}.db"
    if kind == "damaged":
        data = bytearray(plan_db.read_bytes())
        data[4096 * 3 : 4096 * 6] = b"\xff" * (4096 * 3)  # pages in the middle overwritten
        path.write_bytes(bytes(data))
    elif kind == "foreign":
        with sqlite3.connect(path) as conn:
            conn.execute("CREATE TABLE plan (id INTEGER PRIMARY KEY)")
        conn.close()
    elif kind == "newer":
        shutil.copyfile(plan_db, path)
        with sqlite3.connect(path) as conn:
            conn.execute("PRAGMA user_version = 99")
        conn.close()
    else:
        path.write_bytes(b"")
    return path


# --- preserving a damaged database ---------------------------------------------------------


def test_a_damaged_database_is_moved_aside_byte_for_byte_with_its_wal(
    plan_db: Path,
) -> None:
    plan_db.write_bytes(b"ikke en database" * 100)
    wal = plan_db.with_name(plan_db.name + "-wal")
    wal.write_bytes(b"wal-indhold")
    before, before_wal = _digest(plan_db), _digest(wal)
    kept = preserve_damaged(plan_db)
    assert not plan_db.exists() and not wal.exists()
    assert kept.parent == plan_db.parent and kept.name.startswith("plan.beskadiget-")
    assert _digest(kept) == before
    assert _digest(kept.with_name(kept.name + "-wal")) == before_wal
    # A second damaged file the same second gets its own name: nothing is overwritten.
    plan_db.write_bytes(b"endnu en")
    again = preserve_damaged(plan_db)
    assert again != kept and _digest(kept) == before and again.read_bytes() == b"endnu en"


# --- restore -------------------------------------------------------------------------------


def _rename_plan(db_path: Path, workplace: str) -> None:
    init_db(db_path)
    try:
        (summary,) = services.list_plans()
        services.update_plan(summary.id, workplace=workplace)
    finally:
        close_db()


def test_restore_over_a_sound_database_backs_it_up_first(plan_db: Path) -> None:
    made = daily_backup(plan_db, DAY)
    assert made is not None
    _rename_plan(plan_db, "Efter kopien")
    kept = restore_backup(made, plan_db)
    assert kept is not None and kept.parent == backups_folder(plan_db)
    assert kept.name.endswith("-før-gendannelse.db")
    assert _workplaces(kept) == ["Efter kopien"]  # what was there before is kept
    init_db(plan_db)  # the restored database opens as usual
    try:
        (summary,) = services.list_plans()
        assert summary.workplace.startswith("Den Sociale Hjemmepleje")
        assert len(services.load_plan(summary.id).goals) == 7
    finally:
        close_db()
    info = {i.path: i for i in list_backups(plan_db)}[kept]
    assert info.label == "Før gendannelse" and info.sound


def test_trying_one_backup_after_another_keeps_the_work_from_before_the_first(
    plan_db: Path,
) -> None:
    # A leader looking for the right backup restores several in a row. The copy made before
    # the first restore is the only one holding today's work: rotation must not take it.
    made = daily_backup(plan_db, DAY)
    assert made is not None
    _rename_plan(plan_db, "Dagens arbejde")
    for _ in range(backup.KEEP_BEFORE_RESTORE + 2):
        restore_backup(made, plan_db)
    kept = [i for i in list_backups(plan_db) if i.kind == backup.BEFORE_RESTORE]
    assert len(kept) == backup.KEEP_BEFORE_RESTORE + 2
    assert ["Dagens arbejde"] in [_workplaces(i.path) for i in kept]


def test_restore_while_the_old_database_has_a_wal_keeps_its_last_edits(plan_db: Path) -> None:
    made = daily_backup(plan_db, DAY)
    assert made is not None
    # An edit still in the -wal (as after a crash): the before-restore copy must hold it.
    conn = sqlite3.connect(plan_db)
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute("UPDATE plan SET workplace = 'Kun i wal'")
    conn.commit()
    wal = plan_db.with_name(plan_db.name + "-wal")
    crashed = {p: p.read_bytes() for p in (plan_db, wal)}  # the files as a crash leaves them
    conn.close()  # (closing folds the -wal in; the crashed state is put back)
    for path, data in crashed.items():
        path.write_bytes(data)
    assert _workplaces(plan_db) == ["Kun i wal"] and wal.stat().st_size > 0
    kept = restore_backup(made, plan_db)
    assert kept is not None and _workplaces(kept) == ["Kun i wal"]
    assert not plan_db.with_name(plan_db.name + "-wal").exists()
    assert _workplaces(plan_db)[0].startswith("Den Sociale Hjemmepleje")


def test_restore_over_a_damaged_database_keeps_it_under_a_new_name(plan_db: Path) -> None:
    made = daily_backup(plan_db, DAY)
    assert made is not None
    data = bytearray(plan_db.read_bytes())
    data[4096 * 2 : 4096 * 5] = b"\x00" * (4096 * 3)
    plan_db.write_bytes(bytes(data))
    damaged = _digest(plan_db)
    with pytest.raises(DatabaseProblem, match="beskadiget"):
        init_db(plan_db)
    close_db()
    kept = restore_backup(made, plan_db)
    assert kept is not None and kept.name.startswith("plan.beskadiget-")
    assert _digest(kept) == damaged  # byte for byte
    assert not list(backups_folder(plan_db).glob("*før-gendannelse*"))
    init_db(plan_db)
    try:
        assert len(services.list_plans()) == 1
    finally:
        close_db()


def test_restore_when_the_database_is_gone(plan_db: Path) -> None:
    made = daily_backup(plan_db, DAY)
    assert made is not None
    plan_db.unlink()
    assert restore_backup(made, plan_db) is None
    assert _workplaces(plan_db)[0].startswith("Den Sociale Hjemmepleje")


@pytest.mark.parametrize("kind", ["damaged", "foreign", "newer", "empty"])
def test_restore_of_an_unusable_backup_is_refused_and_nothing_changes(
    plan_db: Path, tmp_path: Path, kind: str
) -> None:
    daily_backup(plan_db, DAY)
    source = _unusable(kind, plan_db, tmp_path)
    folder = plan_db.parent
    before = _files(folder)
    with pytest.raises(DatabaseProblem) as refused:
        restore_backup(source, plan_db)
    assert str(refused.value).strip()
    assert _files(folder) == before


def test_restore_from_the_database_itself_is_refused(plan_db: Path) -> None:
    before = _files(plan_db.parent)
    with pytest.raises(DatabaseProblem, match="sig selv"):
        restore_backup(plan_db, plan_db)
    assert _files(plan_db.parent) == before


def test_a_failed_replace_leaves_the_current_database_as_it_was(
    plan_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = daily_backup(plan_db, DAY)
    assert made is not None
    _rename_plan(plan_db, "Nuværende")
    real_replace = backup.os.replace

    def refuse(source: object, target: object) -> None:
        if Path(str(target)) == plan_db:
            raise PermissionError(13, "filen er i brug")
        real_replace(source, target)  # type: ignore[arg-type]

    monkeypatch.setattr(backup.os, "replace", refuse)
    with pytest.raises(DatabaseProblem, match="uændret"):
        restore_backup(made, plan_db)
    assert _workplaces(plan_db) == ["Nuværende"]
    assert not list(plan_db.parent.glob(".*.tmp"))


def test_a_failed_replace_after_moving_a_damaged_database_puts_it_back(
    plan_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = daily_backup(plan_db, DAY)
    assert made is not None
    plan_db.write_bytes(b"beskadiget" * 500)
    damaged = _digest(plan_db)
    real_replace = backup.os.replace

    def refuse(source: object, target: object) -> None:
        if Path(str(target)) == plan_db and str(source).endswith(".tmp"):
            raise PermissionError(13, "filen er i brug")
        real_replace(source, target)  # type: ignore[arg-type]

    monkeypatch.setattr(backup.os, "replace", refuse)
    with pytest.raises(DatabaseProblem):
        restore_backup(made, plan_db)
    assert _digest(plan_db) == damaged
    assert not list(plan_db.parent.glob("plan.beskadiget-*"))


def test_a_restored_backup_from_an_older_schema_is_migrated_when_opened(
    plan_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = daily_backup(plan_db, DAY)
    assert made is not None

    def step(db: pw.Database) -> None:
        db.execute_sql("ALTER TABLE plan ADD COLUMN note TEXT NOT NULL DEFAULT ''")

    newer = database_module.SCHEMA_VERSION + 1
    monkeypatch.setattr(database_module, "MIGRATIONS", [*database_module.MIGRATIONS, step])
    monkeypatch.setattr(database_module, "SCHEMA_VERSION", newer)
    monkeypatch.setattr(backup, "MIGRATIONS", database_module.MIGRATIONS)
    monkeypatch.setattr(backup, "SCHEMA_VERSION", newer)
    restore_backup(made, plan_db)
    init_db(plan_db)
    try:
        assert len(services.list_plans()) == 1
    finally:
        close_db()
    with sqlite3.connect(plan_db) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == newer
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    conn.close()


def test_backup_info_is_plain_data() -> None:
    info = BackupInfo(Path("x.db"), dt.datetime(2026, 1, 1), "før-opdatering", 1, 2, True)
    assert info.label == "Før opdatering af programmet"
    assert BackupInfo(Path("y.db"), dt.datetime(2026, 1, 1), "ukendt", 0, 0, False).label == (
        "Sikkerhedskopi"
    )


def test_a_chosen_copy_with_its_wal_beside_it_is_restored_with_the_wal(
    plan_db: Path, tmp_path: Path
) -> None:
    # A leader copied the database and its -wal from an old laptop, straight after an edit.
    elsewhere = tmp_path / "gammel computer"
    elsewhere.mkdir()
    copy = elsewhere / "udviklingsplan.db"
    shutil.copyfile(plan_db, copy)
    conn = sqlite3.connect(copy)
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute("UPDATE plan SET workplace = 'Kun i den kopierede wal'")
    conn.commit()
    wal = copy.with_name(copy.name + "-wal")
    crashed = {p: p.read_bytes() for p in (copy, wal)}
    conn.close()
    for path, data in crashed.items():
        path.write_bytes(data)
    assert backup.backup_info(copy).plans == 1
    (plan,) = read_backup(copy)
    assert plan.workplace == "Kun i den kopierede wal"
    restore_backup(copy, plan_db)
    assert _workplaces(plan_db) == ["Kun i den kopierede wal"]


def test_a_full_disk_during_a_backup_leaves_no_half_file(
    plan_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(source: object, target: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(backup.os, "replace", full)
    with pytest.raises(DatabaseProblem, match="disken er fuld"):
        daily_backup(plan_db, DAY)
    assert list(backups_folder(plan_db).iterdir()) == []


def test_a_file_where_the_backups_folder_belongs_is_explained(plan_db: Path) -> None:
    backups_folder(plan_db).write_text("noter", encoding="utf-8")
    with pytest.raises(DatabaseProblem, match="er en fil, ikke en mappe"):
        daily_backup(plan_db, DAY)
    assert list_backups(plan_db) == []
    assert backups_folder(plan_db).read_text(encoding="utf-8") == "noter"


def test_half_written_copies_a_killed_program_left_are_cleared_later(plan_db: Path) -> None:
    folder = backups_folder(plan_db)
    folder.mkdir()
    old_backup = folder / ".plan-2026-10-01-080000-daglig.db.abc123.tmp"
    old_restore = plan_db.parent / ".plan.db.def456.tmp"
    fresh = folder / ".plan-2026-11-01-080000-daglig.db.ghi789.tmp"  # perhaps being written
    other = plan_db.parent / ".andet.db.jkl.tmp"
    for path in (old_backup, old_restore, fresh, other):
        path.write_bytes(b"halv")
    two_hours_ago = time.time() - 7200
    for path in (old_backup, old_restore, other):
        os.utime(path, (two_hours_ago, two_hours_ago))
    daily_backup(plan_db, DAY)
    assert not old_backup.exists() and not old_restore.exists()
    assert fresh.exists() and other.exists()


@pytest.mark.parametrize("name", ["mappe med mellemrum", "æøå #1", "procent%20og?spørgsmål"])
def test_backups_work_in_folders_with_spaces_danish_letters_and_uri_characters(
    tmp_path: Path, name: str
) -> None:
    from tests.conftest import EXAMPLE
    from udviklingsplan_app.exchange.json_format import read_plan_file

    db = tmp_path / name / "udviklingsplan.db"
    init_db(db)
    services.import_plan(read_plan_file(EXAMPLE))
    close_db()
    made = daily_backup(db, DAY)
    assert made is not None
    (info,) = list_backups(db)
    assert info.sound and info.plans == 1
    assert len(read_backup(made)[0].goals) == 7
    kept = restore_backup(made, db)
    assert kept is not None and backup.backup_info(kept).sound


def test_restore_while_another_program_has_the_database_open_is_refused(plan_db: Path) -> None:
    made = daily_backup(plan_db, DAY)
    assert made is not None
    other = sqlite3.connect(plan_db)  # the command line, say, in the middle of its work
    try:
        other.execute("SELECT count(*) FROM plan").fetchone()
        with pytest.raises(DatabaseProblem, match="åben i et andet program"):
            restore_backup(made, plan_db)
        assert plan_db.with_name(plan_db.name + "-wal").exists()  # its log is left alone
        other.execute("UPDATE plan SET workplace = 'Stadig den gamle'")
        other.commit()
    finally:
        other.close()
    assert _workplaces(plan_db) == ["Stadig den gamle"]
    assert not list(plan_db.parent.glob("plan.beskadiget-*"))


def test_a_sound_database_that_cannot_be_copied_first_is_not_replaced(
    plan_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = daily_backup(plan_db, DAY)
    assert made is not None
    _rename_plan(plan_db, "Nuværende")
    before = _digest(plan_db)

    def full(*args: object, **kwargs: object) -> Path:
        raise DatabaseProblem("Sikkerhedskopien kunne ikke gemmes (disken er fuld).")

    monkeypatch.setattr(backup, "make_backup", full)
    with pytest.raises(DatabaseProblem, match="disken er fuld"):
        restore_backup(made, plan_db)
    assert _digest(plan_db) == before
    assert not list(plan_db.parent.glob("plan.beskadiget-*"))
    assert not list(plan_db.parent.glob(".*.tmp"))


def test_restore_onto_a_folder_is_refused(plan_db: Path, tmp_path: Path) -> None:
    made = daily_backup(plan_db, DAY)
    assert made is not None
    folder = tmp_path / "mappe.db"
    folder.mkdir()
    with pytest.raises(DatabaseProblem, match="er en mappe"):
        restore_backup(made, folder)
    assert folder.is_dir() and list(folder.iterdir()) == []
