"""The plan is personal work data: every file the program writes is readable by its user only.

The database, its -wal and -shm, every kind of backup, a preserved damaged database and the
crash log are mode 0600, their folders 0700 — also under a permissive umask (POSIX).
"""

from __future__ import annotations

import datetime as dt
import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

import peewee as pw
import pytest

from tests.conftest import EXAMPLE
from udviklingsplan_app import services
from udviklingsplan_app.crashlog import log_exception
from udviklingsplan_app.exchange.json_format import read_plan_file
from udviklingsplan_app.storage import backup, close_db, init_db

pytestmark = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX only")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def open_umask() -> Iterator[None]:
    """As on a machine where new files are readable by everyone unless the program says not."""
    old = os.umask(0o022)
    yield
    os.umask(old)


@pytest.fixture
def data(tmp_path: Path, open_umask: None) -> Iterator[Path]:
    """A new data folder made by the program, holding the example plan (open)."""
    db = tmp_path / "Udviklingsplan" / "udviklingsplan.db"
    init_db(db)
    services.import_plan(read_plan_file(EXAMPLE))
    yield db
    close_db()


def test_the_database_its_wal_and_its_folder_are_private(data: Path) -> None:
    assert _mode(data.parent) == 0o700
    assert _mode(data) == 0o600
    for suffix in ("-wal", "-shm"):
        companion = data.with_name(data.name + suffix)
        assert companion.exists() and _mode(companion) == 0o600, suffix


def test_every_kind_of_backup_is_private(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    daily = backup.daily_backup(data, dt.date(2026, 11, 25))
    chosen = tmp_path / "Skrivebord"
    chosen.mkdir()
    manual = chosen / "kopi.db"
    manual.write_bytes(b"en gammel kopi, alle kunne se")
    manual.chmod(0o644)
    backup.backup_to(data, manual)  # Filer → Sikkerhedskopi… over an old, open copy
    close_db()
    before_restore = backup.restore_backup(daily, data)  # type: ignore[arg-type]

    database_module = sys.modules["udviklingsplan_app.storage.database"]

    def step(db: pw.Database) -> None:
        db.execute_sql("CREATE TABLE extra (id INTEGER PRIMARY KEY)")

    monkeypatch.setattr(database_module, "MIGRATIONS", [*database_module.MIGRATIONS, step])
    monkeypatch.setattr(database_module, "SCHEMA_VERSION", len(database_module.MIGRATIONS))
    init_db(data)  # migrates, with a backup first
    close_db()

    folder = backup.backups_folder(data)
    assert _mode(folder) == 0o700
    kinds = {info.kind for info in backup.list_backups(data)}
    assert kinds == {"daglig", "før-gendannelse", "før-opdatering"}
    for path in [*folder.iterdir(), manual, before_restore]:
        assert path is not None and _mode(path) == 0o600, path
    assert _mode(data) == 0o600  # the restored database too


def test_a_preserved_damaged_database_is_private(data: Path) -> None:
    close_db()
    data.write_bytes(b"beskadiget" * 100)
    data.chmod(0o644)
    kept = backup.preserve_damaged(data)
    assert _mode(kept) == 0o600


def test_a_shared_backups_folder_is_made_private(data: Path) -> None:
    folder = backup.backups_folder(data)
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    backup.daily_backup(data)
    assert _mode(folder) == 0o700


def test_the_crash_log_is_private(data: Path) -> None:
    try:
        raise OSError("disk")
    except OSError:
        log = log_exception(data, *sys.exc_info())
    assert _mode(log.parent) == 0o700 and _mode(log) == 0o600


def test_the_command_line_backup_is_private(cli, tmp_path: Path, open_umask: None) -> None:
    db = tmp_path / "plan.db"
    assert cli("import", str(EXAMPLE), db=db).code == 0
    assert cli("backup", "--out", str(tmp_path / "kopi.db"), db=db).code == 0
    assert _mode(db) == 0o600 and _mode(tmp_path / "kopi.db") == 0o600
