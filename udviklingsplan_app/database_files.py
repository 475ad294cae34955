"""The database file as a whole: where it lives, opening and closing it, backups, a restore.

The use cases the window needs of the file (as opposed to the plans in it, which are in
:mod:`udviklingsplan_app.services`). Every function imports storage only when called, so the
program's start (which uses :func:`default_db_path`, :func:`check_location` and, for a start
problem, the backups) does not load peewee before the first paint.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .domain import Plan
    from .storage.backup import BackupInfo


#: Why a database could not be opened at start (see :func:`problem_kind`).
DAMAGED, NEWER, FOREIGN, NETWORK, OTHER = "damaged", "newer", "foreign", "network", "other"


def problem_kind(path: Path, error: Exception) -> str:
    """What kind of refusal ``error`` was for the file at ``path``.

    ``DAMAGED`` (may be set aside for a backup), ``FOREIGN`` (another program's database),
    ``NEWER`` (from a newer program) or ``OTHER``. The core says it with the error
    (``DatabaseProblem.kind``); an error without one (the file could not even be looked at)
    is looked at once more, read-only. The file is never changed.
    """
    from .storage.migrations import SCHEMA_VERSION
    from .storage.sqlite_file import FileKind, inspect_file

    told = getattr(error, "kind", None)
    kind = str(told) if isinstance(told, str) and told else ""
    if not kind:
        kind = str(inspect_file(path, current_version=SCHEMA_VERSION).kind)
    kinds: dict[str, str] = {
        FileKind.DAMAGED: DAMAGED,
        FileKind.NOT_DATABASE: DAMAGED,  # too damaged to tell, or a file that was never one
        FileKind.FOREIGN: FOREIGN,
        FileKind.NEWER: NEWER,
    }
    return kinds.get(kind, OTHER)  # FileKind values are strings: "damaged" finds DAMAGED


def default_db_path() -> Path:
    from .storage.database import default_db_path

    return default_db_path()


def check_location(db_path: Path) -> str | None:
    """A calm warning for a cloud-synced folder (None if none); raises for a network drive."""
    from .storage.location import check_location

    return check_location(db_path)


def open_for_writing(db_path: Path) -> None:
    """Open the database with the storage layer: pragmas, migrations (and a backup first)."""
    from .storage.database import init_db

    init_db(db_path)


def close_database() -> None:
    from .storage.database import close_db

    close_db()


def make_daily_backup(db_path: Path, today: dt.date | None = None) -> Path | None:
    """Today's backup beside the database, unless it exists (then None)."""
    from .storage.backup import daily_backup

    return daily_backup(db_path, today)


def backup_database_to(db_path: Path, target: Path) -> None:
    """A sound copy of the whole database at ``target`` (the leader's own backup)."""
    from .storage.backup import backup_to

    backup_to(db_path, target)


def daily_backups_kept() -> int:
    """How many daily backups are kept (told in the help)."""
    from .storage.backup import KEEP_DAILY

    return KEEP_DAILY


def backups_folder(db_path: Path) -> Path:
    from .storage.backup import backups_folder

    return backups_folder(db_path)


def list_backups(db_path: Path) -> list[BackupInfo]:
    from .storage.backup import list_backups

    return list_backups(db_path)


def backup_info(path: Path) -> BackupInfo:
    from .storage.backup import backup_info

    return backup_info(path)


def read_backup(path: Path) -> list[Plan]:
    """The plans in a backup, read without changing it (for a preview)."""
    from .storage.backup import read_backup

    return read_backup(path)


def newest_sound_backup(db_path: Path) -> BackupInfo | None:
    from .storage.backup import newest_sound_backup

    return newest_sound_backup(db_path)


def restore_closed(backup_path: Path, db_path: Path) -> Path | None:
    """Put a backup in the place of a database nobody has open; the old file's backup, if any."""
    from .storage.backup import restore_backup

    return restore_backup(backup_path, db_path)


@dataclass(frozen=True)
class Restored:
    """What :func:`restore_database` did."""

    #: Whether the backup is now the database.
    restored: bool
    #: Where the database from before the restore was kept (if it was restored).
    kept: Path | None = None
    #: Why the backup could not be restored (then nothing changed).
    problem: Exception | None = None


def restore_database(backup_path: Path, db_path: Path) -> Restored:
    """The restore sequence: close the database, put the backup in its place, open it again.

    The database from before is kept as a "før gendannelse" backup. A refused restore changes
    nothing and is told in :attr:`Restored.problem`. Raises only if the database cannot be
    opened again afterwards. (The window runs the same three steps, the middle one off its
    thread: :func:`close_database`, :func:`put_backup_in_place`, :func:`open_for_writing`.)
    """
    close_database()
    outcome = put_backup_in_place(backup_path, db_path)
    open_for_writing(db_path)
    return outcome


def put_backup_in_place(backup_path: Path, db_path: Path) -> Restored:
    """The middle of the restore sequence, on a closed database: the file work only."""
    try:
        kept = restore_closed(backup_path, db_path)
    except Exception as problem:
        return Restored(False, problem=problem)
    return Restored(True, kept)
