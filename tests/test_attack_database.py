"""Attack: database files that are odd at the start check or offered for a restore.

A huge page size, a header that lies, a ``-wal`` beside the database that belongs to another
database, an empty ``-wal``, a device instead of a file: each is refused with a Danish message
that says what to do (or, when harmless, opened), and no file is changed.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from udviklingsplan_app import services
from udviklingsplan_app.errors import DatabaseProblem
from udviklingsplan_app.storage import close_db, init_db
from udviklingsplan_app.storage.backup import backup_info, read_backup, restore_backup
from udviklingsplan_app.storage.migrations import SCHEMA_VERSION
from udviklingsplan_app.storage.sqlite_file import checked_version


def _files(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.iterdir())
        if p.is_file() and not p.is_symlink()
    }


@pytest.fixture
def plan_db(db_path: Path, example_plan_id: int) -> Path:
    """A database holding the example plan, closed (no -wal/-shm beside it)."""
    close_db()
    assert not db_path.with_name(db_path.name + "-wal").exists()
    return db_path


def _refused_unchanged(path: Path) -> str:
    before = _files(path.parent)
    with pytest.raises(DatabaseProblem) as caught:
        init_db(path)
    close_db()
    assert _files(path.parent) == before
    message = str(caught.value)
    assert "Traceback" not in message and message.strip()
    return message


def _opens_with_its_plan(plan_db: Path) -> None:
    """The database passes the version check, opens, and still holds its one plan."""
    assert checked_version(plan_db, SCHEMA_VERSION) == SCHEMA_VERSION
    init_db(plan_db)
    try:
        assert len(services.list_plans()) == 1
    finally:
        close_db()


def test_a_database_with_the_largest_page_size_opens(plan_db: Path) -> None:
    with sqlite3.connect(plan_db) as conn:
        conn.execute("PRAGMA journal_mode = delete")
        conn.execute("PRAGMA page_size = 65536")
        conn.execute("VACUUM")
    conn.close()
    _opens_with_its_plan(plan_db)


@pytest.mark.parametrize(
    ("offset", "value", "expected"),
    [
        (16, (3).to_bytes(2, "big"), "ikke en Udviklingsplan-database"),  # no such page size
        (28, (0x7FFFFFFF).to_bytes(4, "big"), "beskadiget"),  # two billion pages claimed
    ],
    ids=["page-size-3", "page-count-lie"],
)
def test_a_header_that_lies_is_refused_and_the_file_is_kept(
    plan_db: Path, offset: int, value: bytes, expected: str
) -> None:
    data = bytearray(plan_db.read_bytes())
    data[offset : offset + len(value)] = value
    plan_db.write_bytes(bytes(data))
    message = _refused_unchanged(plan_db)
    assert expected in message and "ikke ændret" in message


def _foreign_wal(plan_db: Path, tmp_path: Path) -> Path:
    """A -wal from another database, copied in beside ``plan_db``."""
    other = tmp_path / "andet" / "andet.db"
    other.parent.mkdir()
    conn = sqlite3.connect(other)
    conn.execute("PRAGMA journal_mode = wal")
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute("CREATE TABLE t (x)")
    conn.executemany("INSERT INTO t VALUES (?)", [(i,) for i in range(500)])
    conn.commit()
    wal = plan_db.with_name(plan_db.name + "-wal")
    shutil.copyfile(other.with_name(other.name + "-wal"), wal)
    conn.close()
    return wal


def test_a_wal_from_another_database_is_named_and_nothing_changes(
    plan_db: Path, tmp_path: Path
) -> None:
    # Before: "… er en SQLite-database fra et andet program" – about the leader's own file.
    wal = _foreign_wal(plan_db, tmp_path)
    message = _refused_unchanged(plan_db)
    assert f"Logfilen {wal.name}" in message and "hører ikke til" in message
    assert "Flyt" in message and "ikke ændret" in message
    assert not plan_db.with_name(plan_db.name + "-shm").exists()
    wal.unlink()  # what the message says to do (moving it away)
    init_db(plan_db)
    try:
        assert len(services.list_plans()) == 1
    finally:
        close_db()


def test_a_backup_with_a_foreign_wal_is_not_restored(plan_db: Path, tmp_path: Path) -> None:
    backup = tmp_path / "kopi" / "kopi.db"
    backup.parent.mkdir()
    shutil.copyfile(plan_db, backup)
    _foreign_wal(backup, tmp_path)
    before = _files(plan_db.parent)
    assert not backup_info(backup).sound
    with pytest.raises(DatabaseProblem):
        restore_backup(backup, plan_db)
    assert _files(plan_db.parent) == before


@pytest.mark.parametrize("content", [b"", os.urandom(5000)], ids=["empty-wal", "junk-wal"])
def test_an_empty_or_junk_wal_is_harmless(plan_db: Path, content: bytes) -> None:
    plan_db.with_name(plan_db.name + "-wal").write_bytes(content)
    _opens_with_its_plan(plan_db)


@pytest.mark.skipif(os.name != "posix", reason="/dev/zero and pipes are POSIX")
@pytest.mark.parametrize("kind", ["dev-zero", "fifo"])
def test_a_device_or_pipe_is_refused_at_start_and_as_a_backup(
    plan_db: Path, tmp_path: Path, kind: str
) -> None:
    odd = tmp_path / "andet" / "nul.db"
    odd.parent.mkdir()
    if kind == "fifo":
        os.mkfifo(odd)
    else:
        odd.symlink_to("/dev/zero")
    # Before: "Databasen … kan ikke åbnes ()." – an empty reason and nothing to do.
    message = _refused_unchanged(odd)
    assert "ikke en almindelig fil" in message and "Vælg selve databasefilen" in message
    before = _files(plan_db.parent)
    assert not backup_info(odd).sound
    with pytest.raises(DatabaseProblem, match="kan ikke åbnes"):
        read_backup(odd)
    with pytest.raises(DatabaseProblem):
        restore_backup(odd, plan_db)
    assert _files(plan_db.parent) == before


def test_an_unreadable_file_always_gives_a_reason(tmp_path: Path) -> None:
    path = tmp_path / "plan.db"
    path.mkdir()
    with pytest.raises(DatabaseProblem) as caught:
        checked_version(path, SCHEMA_VERSION)
    assert "()" not in str(caught.value)
