"""One function opens the database: path, file permissions, checks, pragmas, migrations."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from .. import APP_NAME
from ..errors import DatabaseProblem, os_reason
from .location import check_location
from .migrations import MIGRATIONS, SCHEMA_VERSION, migrate
from .sqlite_file import checked_version, dangling_link_message, sqlite_uri

if TYPE_CHECKING:
    import peewee as pw

# peewee (and the models) are imported when the database is opened for writing, not before:
# the program paints its first window from a plain read-only sqlite3 connection (open_reader).

DB_FILE_NAME = "udviklingsplan.db"

_PRAGMAS = (
    ("journal_mode", "wal"),
    ("foreign_keys", 1),
    ("synchronous", "full"),  # a commit survives a power cut too (an fsync per edit)
    ("busy_timeout", 5000),
)


def default_db_path() -> Path:
    """The per-user database: ``%LOCALAPPDATA%\\Udviklingsplan`` on Windows."""
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False, roaming=False)) / DB_FILE_NAME


def _create_private_file(path: Path) -> None:
    """Create an empty file that only its user may read (the plan is personal work data)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    except FileExistsError as error:  # a file stands where a folder of the path should be
        raise DatabaseProblem(
            f"Databasen kan ikke oprettes i {path.parent}: en del af stien er en fil, ikke en mappe."
        ) from error
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        return  # another program created it a moment ago; it is opened as any other file
    os.close(fd)


def check_database(path: Path) -> int:
    """The schema version of an Udviklingsplan database, looked at read-only.

    Raises :class:`DatabaseProblem` for a missing file, another program's database, a damaged
    one, or one from a newer version of the program. A refused file is left exactly as it was,
    with no -wal/-shm files added beside it.
    """
    return checked_version(Path(path), SCHEMA_VERSION)


def open_reader(path: Path) -> sqlite3.Connection | None:
    """A read-only connection for painting the first window, before peewee is loaded.

    Returns ``None`` when the database does not exist yet or needs a migration: then the
    caller opens it with :func:`init_db` first. A file that is refused (also one on a network
    drive) raises :class:`DatabaseProblem`, exactly as :func:`init_db` would, and is left
    untouched.
    """
    path = Path(path)
    if not path.exists():
        return None
    check_location(path)
    if check_database(path) != SCHEMA_VERSION:
        return None
    try:
        conn = sqlite3.connect(f"{sqlite_uri(path)}?mode=ro", uri=True)
        conn.execute("PRAGMA busy_timeout = 5000")
    except sqlite3.Error as error:
        raise DatabaseProblem(database_error_message(path, error)) from error
    return conn


def backup_before_migration(path: Path, version: int) -> Path:
    """Copy the database into ``backups/`` beside it before a migration changes it."""
    from .backup import backup_before_migration

    return backup_before_migration(path, version)


def init_db(path: Path | str) -> pw.SqliteDatabase:
    """Open (or create) the database at ``path``, migrate it, and bind the models to it.

    Raises :class:`DatabaseProblem` with a Danish message; a refused file is never changed.
    A path on a network drive is refused before anything is created there
    (:func:`~.location.check_location`); the database is copied to ``backups/`` before a
    migration changes it.
    """
    import peewee as pw

    from .models import db_proxy

    path = Path(path)
    close_db()
    check_location(path)  # a network path is refused before anything is created there
    if os.path.islink(path) and not path.exists():
        raise DatabaseProblem(dangling_link_message(path), "unreadable")
    if not path.exists():
        try:
            _create_private_file(path)
        except OSError as error:
            raise DatabaseProblem(
                f"Databasen kan ikke oprettes i {path.parent} ({os_reason(error)})."
            ) from error
    version = check_database(path)
    _tighten_permissions(path)
    if 0 < version < SCHEMA_VERSION:
        backup_before_migration(path, version)

    db = pw.SqliteDatabase(str(path), pragmas=_PRAGMAS)
    try:
        db.connect()
        migrate(db, SCHEMA_VERSION, MIGRATIONS)
    except pw.DatabaseError as error:
        db.close()
        raise DatabaseProblem(database_error_message(path, error)) from error
    db_proxy.initialize(db)
    return db


def database_error_message(path: Path | str, error: Exception) -> str:
    """A Danish sentence for an SQLite error while using the database at ``path``."""
    text = str(error).lower()
    if "locked" in text or "busy" in text:
        return (
            f"Databasen {path} er optaget af et andet program. Prøv igen om lidt. Intet er ændret."
        )
    if "readonly" in text or "read-only" in text:
        return f"Databasen {path} er skrivebeskyttet. Tjek filens rettigheder. Intet er ændret."
    if "disk is full" in text or "full" in text:
        return f"Der er ikke plads på disken til databasen {path}. Intet er ændret."
    if "malformed" in text or "not a database" in text or "corrupt" in text:
        return f"Databasen {path} er beskadiget. Gendan den nyeste sikkerhedskopi."
    return f"Databasen {path} kan ikke bruges lige nu. Intet er ændret."


def _tighten_permissions(path: Path) -> None:
    # The plan is personal work data: readable by its user only (no effect on Windows ACLs).
    if os.name == "posix":
        try:
            if path.stat().st_mode & 0o077:
                path.chmod(0o600)
        except OSError:
            pass


def database() -> pw.SqliteDatabase:
    """The open database (after :func:`init_db`)."""
    from .models import db_proxy

    db = db_proxy.obj
    if db is None:
        raise DatabaseProblem("Databasen er ikke åbnet.")
    return db  # type: ignore[no-any-return]


def close_db() -> None:
    """Close the open database, if any, and unbind the models."""
    import sys

    models = sys.modules.get(f"{__package__}.models")
    if models is None:
        return  # never opened in this process
    db_proxy = models.db_proxy
    db = db_proxy.obj
    if db is not None:
        db.close()
        db_proxy.initialize(None)
