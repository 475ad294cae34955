"""One function opens the database: path, file permissions, checks, pragmas, migrations."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path

import peewee as pw

from .. import APP_NAME
from ..errors import DatabaseProblem
from .migrations import APPLICATION_ID, MIGRATIONS
from .models import db_proxy

SCHEMA_VERSION = len(MIGRATIONS)
DB_FILE_NAME = "udviklingsplan.db"

_PRAGMAS = (
    ("journal_mode", "wal"),
    ("foreign_keys", 1),
    ("synchronous", "normal"),
    ("busy_timeout", 5000),
)


def default_db_path() -> Path:
    """The per-user database: ``%LOCALAPPDATA%\\Udviklingsplan`` on Windows."""
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False, roaming=False)) / DB_FILE_NAME


def _create_private_file(path: Path) -> None:
    """Create an empty file that only its user may read (the plan is personal work data)."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)


def _inspect(path: Path) -> tuple[int, int, bool]:
    """Read-only look before anything is written: (user_version, application_id, has_tables).

    Switching an unknown file to WAL would already change it, so a file that is not ours, is
    damaged or comes from a newer program is refused here, untouched.
    """
    uri = f"{path.resolve().as_uri()}?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True)
    except sqlite3.Error as error:
        raise DatabaseProblem(f"Databasen {path} kan ikke åbnes ({error}).") from error
    try:
        user_version = conn.execute("PRAGMA user_version").fetchone()[0]
        application_id = conn.execute("PRAGMA application_id").fetchone()[0]
        has_tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0
        result = conn.execute("PRAGMA quick_check").fetchone()[0]
    except sqlite3.DatabaseError as error:
        raise DatabaseProblem(
            f"Filen {path} er ikke en Udviklingsplan-database, eller den er beskadiget. "
            "Filen er ikke ændret."
        ) from error
    finally:
        conn.close()
    if result != "ok":
        raise DatabaseProblem(
            f"Databasen {path} er beskadiget (SQLite melder: {result}). Filen er ikke ændret. "
            "Gendan den nyeste sikkerhedskopi."
        )
    return user_version, application_id, has_tables


def _accept(path: Path) -> int:
    """The file's schema version, if it is an Udviklingsplan database this program can open."""
    user_version, application_id, has_tables = _inspect(path)
    if has_tables and application_id != APPLICATION_ID:
        raise DatabaseProblem(
            f"Filen {path} er en SQLite-database fra et andet program, ikke fra Udviklingsplan. "
            "Filen er ikke ændret."
        )
    if user_version > SCHEMA_VERSION:
        raise DatabaseProblem(
            f"Databasen {path} er lavet med en nyere version af Udviklingsplan "
            f"(skemaversion {user_version}; denne version kender {SCHEMA_VERSION}). "
            "Installér den nyeste version. Filen er ikke ændret."
        )
    return int(user_version)


def init_db(path: Path | str) -> pw.SqliteDatabase:
    """Open (or create) the database at ``path``, migrate it, and bind the models to it.

    Raises :class:`DatabaseProblem` with a Danish message; a refused file is never changed.
    """
    path = Path(path)
    close_db()
    if not path.exists():
        try:
            _create_private_file(path)
        except OSError as error:
            raise DatabaseProblem(
                f"Databasen kan ikke oprettes i {path.parent} ({error.strerror})."
            ) from error
    elif path.is_dir():
        raise DatabaseProblem(f"{path} er en mappe, ikke en databasefil.")

    companions = [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm")]
    existed = {c for c in companions if c.exists()}
    try:
        _accept(path)
    except DatabaseProblem:
        # A read-only look at a WAL database makes empty -wal/-shm files; leave none behind.
        for companion in companions:
            if companion not in existed:
                with contextlib.suppress(OSError):
                    companion.unlink()
        raise
    _tighten_permissions(path)

    db = pw.SqliteDatabase(str(path), pragmas=_PRAGMAS)
    try:
        db.connect()
        _migrate(db)
    except pw.OperationalError as error:
        db.close()
        raise DatabaseProblem(_operational_message(path, error)) from error
    db_proxy.initialize(db)
    return db


def _migrate(db: pw.SqliteDatabase) -> None:
    """Run the missing steps, each in a write-locked transaction that reads the version again.

    Two programs opening an old file at once cannot both run the same step.
    """
    if db.pragma("user_version") >= SCHEMA_VERSION:
        return
    while True:
        with db.atomic(lock_type="IMMEDIATE"):
            version = db.pragma("user_version")
            if version >= SCHEMA_VERSION:
                return
            MIGRATIONS[version](db)
            db.execute_sql(f"PRAGMA user_version = {version + 1}")  # type: ignore[no-untyped-call]


def _operational_message(path: Path, error: Exception) -> str:
    text = str(error)
    if "locked" in text or "busy" in text:
        return f"Databasen {path} er optaget af et andet program. Prøv igen om lidt."
    if "readonly" in text or "read-only" in text:
        return f"Databasen {path} er skrivebeskyttet. Tjek filens rettigheder."
    return f"Databasen {path} kan ikke bruges ({text})."


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
    db = db_proxy.obj
    if db is None:
        raise DatabaseProblem("Databasen er ikke åbnet.")
    return db  # type: ignore[no-any-return]


def close_db() -> None:
    """Close the open database, if any, and unbind the models."""
    db = db_proxy.obj
    if db is not None:
        db.close()
        db_proxy.initialize(None)
