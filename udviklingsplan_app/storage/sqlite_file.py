"""Looking at a SQLite file without changing it: the one place that inspects a database file.

The program's own database at start, a backup in the restore list, a copy the leader chose on a
USB stick: each is opened read-only and described by :func:`inspect_file` as an
:class:`Inspection` whose :class:`FileKind` says what the file is (sound, damaged, from another
program, from a newer version of this one, or not a database at all). Callers turn the kind into
their own Danish sentence; the window chooses what to offer by it.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from ..errors import DatabaseProblem
from .migrations import APPLICATION_ID


class FileKind(StrEnum):
    """What a file turned out to be, seen read-only."""

    SOUND = "sound"  # an Udviklingsplan database (or an empty one) that passed SQLite's check
    DAMAGED = "damaged"  # a database file with damaged pages
    FOREIGN = "foreign"  # another program's SQLite database
    NEWER = "newer"  # made by a newer version of this program
    NOT_DATABASE = "not-database"  # not a SQLite database (or too damaged to tell)
    UNREADABLE = "unreadable"  # cannot be opened at all (missing, no access, a folder)


@dataclass(frozen=True)
class Inspection:
    """A read-only look at a SQLite file."""

    kind: FileKind
    user_version: int = 0
    application_id: int = 0
    has_tables: bool = False
    #: Plans and goals in the file (only when counted, and the file is sound).
    plans: int | None = None
    goals: int | None = None
    #: SQLite's own words, when it refused the file (for logs, never shown to the leader).
    detail: str = ""


def sqlite_uri(path: Path) -> str:
    """A ``file:`` URI for sqlite3 (read-only and immutable flags are added by callers).

    Percent-encodes the path, so a folder named ``#1`` or ``100%`` works too.
    """
    # urllib.request would do the same but costs start-up 30 ms (it imports http and ssl).
    if os.name == "nt":
        from nturl2path import pathname2url

        url = pathname2url(os.path.abspath(path))
    else:
        from urllib.parse import quote

        url = quote(os.path.abspath(path))
    if url.startswith("//") and not url.startswith("///"):
        url = "//" + url
    return "file:" + url


def connect_ro(path: Path, *, immutable: bool = False) -> sqlite3.Connection:
    """A read-only connection; ``immutable`` for files nobody writes (no -wal/-shm made).

    A file with a -wal beside it (a copy of a live database, taken with its log) is read with
    its log: immutable would ignore the log and, with it, the newest changes.
    """
    if immutable and path.with_name(path.name + "-wal").exists():
        immutable = False
    flags = "?mode=ro&immutable=1" if immutable else "?mode=ro"
    return sqlite3.connect(sqlite_uri(path) + flags, uri=True)


def inspect_file(
    path: Path,
    *,
    current_version: int,
    full: bool = False,
    immutable: bool = False,
    count: bool = False,
) -> Inspection:
    """What the file at ``path`` is, seen read-only; never raises for what the file holds.

    ``full`` runs ``integrity_check`` (before a restore) instead of the quicker ``quick_check``;
    ``count`` also counts the plans and goals of a sound file.
    """
    path = Path(path)
    if not path.is_file():
        detail = "not a regular file" if path.exists() else "no such file"
        return Inspection(FileKind.UNREADABLE, detail=detail)
    try:
        conn = connect_ro(path, immutable=immutable)
    except sqlite3.Error as error:
        return Inspection(FileKind.UNREADABLE, detail=str(error))
    try:
        try:
            user_version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            application_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
            has_tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0
            check = "integrity_check" if full else "quick_check"
            result = conn.execute(f"PRAGMA {check}").fetchone()[0]
        except sqlite3.DatabaseError as error:
            # "malformed": a database file with damaged pages; otherwise not a database at all.
            kind = FileKind.DAMAGED if "malformed" in str(error).lower() else FileKind.NOT_DATABASE
            return Inspection(kind, detail=str(error))

        def found(kind: FileKind, detail: str = "") -> Inspection:
            return Inspection(kind, user_version, application_id, has_tables, detail=detail)

        if result != "ok":
            return found(FileKind.DAMAGED, str(result))
        if has_tables and application_id != APPLICATION_ID:
            return found(FileKind.FOREIGN)
        if user_version > current_version:
            return found(FileKind.NEWER)
        if not (count and has_tables):
            return found(FileKind.SOUND)
        try:
            plans = int(conn.execute("SELECT count(*) FROM plan").fetchone()[0])
            goals = int(conn.execute("SELECT count(*) FROM goal").fetchone()[0])
        except sqlite3.DatabaseError as error:
            return found(FileKind.DAMAGED, str(error))
        return Inspection(
            FileKind.SOUND, user_version, application_id, has_tables, plans=plans, goals=goals
        )
    finally:
        conn.close()


def copy_database(source: Path, target: Path, *, immutable: bool = False) -> str:
    """Copy ``source`` into the (empty, private) file ``target`` with the backup API.

    The copy is one self-contained file (journal mode delete). Returns the copy's
    ``integrity_check`` result (``"ok"`` for a sound copy); raises ``sqlite3.Error`` when the
    source cannot be read.
    """
    src = connect_ro(source, immutable=immutable)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode = delete")
            return str(dst.execute("PRAGMA integrity_check").fetchone()[0])
        finally:
            dst.close()
    finally:
        src.close()


def _version(path: Path, current_version: int) -> int:
    """The schema version, after a read-only look before anything is written.

    Switching an unknown file to WAL would already change it, so a file that is not ours, is
    damaged or comes from a newer program is refused here, untouched.
    """
    seen = inspect_file(path, current_version=current_version)
    kind = seen.kind
    if kind in (FileKind.DAMAGED, FileKind.NOT_DATABASE, FileKind.FOREIGN) and _foreign_log(
        path, current_version
    ):
        wal = f"{path.name}-wal"
        raise DatabaseProblem(
            f"Logfilen {wal} ved siden af databasen {path} hører ikke til den (den er måske "
            "kopieret hertil fra en anden database). Databasen er ikke ændret. Flyt "
            f"{wal} og {path.name}-shm til en anden mappe, og start programmet igen.",
            FileKind.DAMAGED,
        )
    if kind is FileKind.UNREADABLE:
        raise DatabaseProblem(
            f"Databasen {path} kan ikke åbnes ({seen.detail or 'ukendt årsag'}). Filen er ikke "
            "ændret.",
            kind,
        )
    if kind is FileKind.DAMAGED:
        raise DatabaseProblem(_damaged_message(path), kind)
    if kind is FileKind.NOT_DATABASE:
        raise DatabaseProblem(
            f"Filen {path} er ikke en Udviklingsplan-database, eller den er beskadiget. "
            "Filen er ikke ændret.",
            kind,
        )
    if kind is FileKind.FOREIGN:
        raise DatabaseProblem(
            f"Filen {path} er en SQLite-database fra et andet program, ikke fra Udviklingsplan. "
            "Filen er ikke ændret.",
            kind,
        )
    if kind is FileKind.NEWER:
        raise DatabaseProblem(
            f"Databasen {path} er lavet med en nyere version af Udviklingsplan "
            f"(skemaversion {seen.user_version}; denne version kender {current_version}). "
            "Installér den nyeste version. Filen er ikke ændret.",
            kind,
        )
    return seen.user_version


def _foreign_log(path: Path, current_version: int) -> bool:
    """True when the file alone is a sound database of ours and only its -wal spoils it.

    SQLite applies any valid -wal beside a file, also one copied from another database; the
    file without it (opened ``immutable``, which ignores the log) tells the two apart.
    """
    if not path.with_name(path.name + "-wal").exists():
        return False
    try:
        conn = sqlite3.connect(sqlite_uri(path) + "?mode=ro&immutable=1", uri=True)
        try:
            application_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
            user_version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            result = conn.execute("PRAGMA quick_check").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return False
    return (
        application_id == APPLICATION_ID
        and 0 < user_version <= current_version
        and (result == "ok")
    )


def _damaged_message(path: Path) -> str:
    return (
        f"Databasen {path} er beskadiget: SQLites kontrol fandt fejl i filen. Filen er ikke "
        "ændret. Gendan den nyeste sikkerhedskopi (mappen backups ved siden af databasen)."
    )


def dangling_link_message(path: Path) -> str:
    return (
        f"Databasen {path} er en genvej, som ikke fører til nogen fil (den peger på en fil, "
        "der er flyttet, eller på sig selv). Vælg selve databasefilen. Intet er ændret."
    )


def checked_version(path: Path, current_version: int) -> int:
    """The schema version of an Udviklingsplan database, looked at read-only.

    Raises :class:`DatabaseProblem` for a missing file, another program's database, a damaged
    one, or one from a newer version of the program. A refused file is
    left exactly as it was, with no -wal/-shm files added beside it.
    """
    if os.path.islink(path) and not path.exists():  # a dangling shortcut or one in a loop
        raise DatabaseProblem(dangling_link_message(path), FileKind.UNREADABLE)
    if not path.exists():
        raise DatabaseProblem(f"Databasen {path} findes ikke.")
    if path.is_dir():
        raise DatabaseProblem(f"{path} er en mappe, ikke en databasefil.")
    if not path.is_file():  # /dev/zero, a pipe: SQLite cannot use it, and must not wait on it
        raise DatabaseProblem(
            f"{path} er ikke en almindelig fil, men en enhed eller en kanal (fx /dev/zero). "
            "Vælg selve databasefilen. Intet er ændret.",
            FileKind.UNREADABLE,
        )
    companions = [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm")]
    existed = {c for c in companions if c.exists()}
    try:
        return _version(path, current_version)
    except DatabaseProblem:
        # A read-only look at a WAL database makes empty -wal/-shm files; leave none behind.
        for companion in companions:
            if companion not in existed:
                with contextlib.suppress(OSError):
                    companion.unlink()
        raise
