"""Backups with SQLite's online backup API: on demand, daily, before migrations and restores.

Automatic backups live in ``backups/`` beside the database, one file each, named so that they
sort by time: ``udviklingsplan-2026-11-25-083012-daglig.db``. Every copy is checked with
``integrity_check`` before it is kept. A damaged database is never overwritten or deleted: it
is moved aside under a new name (:func:`preserve_damaged`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import glob
import os
import re
import sqlite3
import tempfile
import time
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..atomic_files import write_atomically
from ..errors import DatabaseProblem, InputError, os_reason
from .migrations import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION, migrate
from .sqlite_file import FileKind, checked_version, connect_ro, copy_database, inspect_file

if TYPE_CHECKING:
    from ..domain import Plan

DAILY, BEFORE_MIGRATION, BEFORE_RESTORE, MANUAL, BEFORE_IMPORT = (
    "daglig",
    "før-opdatering",
    "før-gendannelse",
    "manuel",
    "før-import",  # before an imported file replaced a plan
)
KEEP_DAILY = 14
KEEP_BEFORE_RESTORE = 5
#: A backup made before a restore may be the only copy of the work the restore replaced
#: (made after the day's backup): it is kept this many days, however many restores follow.
KEEP_BEFORE_RESTORE_DAYS = 30

_LABELS = {
    DAILY: "Daglig sikkerhedskopi",
    BEFORE_MIGRATION: "Før opdatering af programmet",
    BEFORE_RESTORE: "Før gendannelse",
    MANUAL: "Sikkerhedskopi",
    BEFORE_IMPORT: "Før import af en plan",
}

# udviklingsplan-2026-11-25-083012-daglig.db, …-før-opdatering-skema1.db, …-før-gendannelse-2.db
_NAME = re.compile(
    r"^(?P<stem>.+)-(?P<date>\d{4}-\d{2}-\d{2})-(?P<time>\d{6})-"
    r"(?P<kind>daglig|før-opdatering|før-gendannelse|manuel|før-import)(?:-skema(?P<schema>\d+))?"
    r"(?:-(?P<n>\d+))?\.db$"
)
# The name of before-migration backups until issue 6: udviklingsplan_skema1_før-opdatering_….db
_OLD_NAME = re.compile(
    r"^(?P<stem>.+)_skema(?P<schema>\d+)_før-opdatering_(?P<date>\d{4}-\d{2}-\d{2})_(?P<time>\d{6})"
    r"\.db$"
)


@dataclass(frozen=True)
class BackupInfo:
    """One backup file: when it was made, why, what it holds and whether it can be restored."""

    path: Path
    made: dt.datetime
    kind: str
    plans: int
    goals: int
    sound: bool
    schema: int = 0
    #: Why the file cannot be restored (Danish), when ``sound`` is false.
    problem: str | None = None

    @property
    def label(self) -> str:
        """Danish: "Daglig sikkerhedskopi", "Før opdatering af programmet", …"""
        return _LABELS.get(self.kind, _LABELS[MANUAL])


def backups_folder(db_path: Path) -> Path:
    """The folder of automatic backups: ``backups/`` beside the database."""
    return Path(db_path).parent / "backups"


def _private_folder(folder: Path) -> Path:
    if folder.exists() and not folder.is_dir():
        raise DatabaseProblem(
            f"Sikkerhedskopierne kan ikke gemmes: {folder} er en fil, ikke en mappe. "
            "Flyt filen, så programmet kan oprette mappen."
        )
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as error:
        raise DatabaseProblem(
            f"Mappen til sikkerhedskopier {folder} kan ikke oprettes ({os_reason(error)})."
        ) from error
    if os.name == "posix":
        with contextlib.suppress(OSError):
            if folder.stat().st_mode & 0o077:
                folder.chmod(0o700)
    return folder


def _copy_database(source: Path, target: Path, *, immutable: bool = False) -> None:
    """Copy ``source`` into the (empty, private) file ``target``; :class:`DatabaseProblem` if
    the copy fails its ``integrity_check`` (``sqlite3.Error`` when the source cannot be read)."""
    result = copy_database(source, target, immutable=immutable)
    if result != "ok":
        raise DatabaseProblem(
            f"Kopien af {source} bestod ikke SQLites kontrol ({result}); den er ikke gemt."
        )


def _fsync_folder(folder: Path) -> None:
    if os.name == "posix":
        with contextlib.suppress(OSError):
            fd = os.open(folder, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)


def _unique(path: Path) -> Path:
    """``path``, or ``…-2.db``, ``…-3.db`` if it is taken: a backup never replaces another."""
    candidate, n = path, 1
    while candidate.exists() or candidate.with_name(candidate.name + "-wal").exists():
        n += 1
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
    return candidate


def _write_new(target: Path, write: Callable[[Path], None]) -> Path:
    """Write a new private file at ``target`` (never replacing one) through a checked temp file."""
    target = _unique(target)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)  # mkstemp makes the file 0600: readable by its user only, like the database
    tmp = Path(tmp_name)
    try:
        write(tmp)
        with open(tmp, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, target)
        _fsync_folder(target.parent)
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()
    return target


def _stamp(now: dt.datetime) -> str:
    return now.strftime("%Y-%m-%d-%H%M%S")


def make_backup(
    db_path: Path, kind: str, *, now: dt.datetime | None = None, schema: int | None = None
) -> Path:
    """A checked copy of the database in :func:`backups_folder`; returns its path.

    Raises :class:`DatabaseProblem` (Danish) when the database cannot be read whole or the copy
    fails its check; no file is left behind then.
    """
    db_path = Path(db_path)
    folder = _private_folder(backups_folder(db_path))
    tail = f"-skema{schema}" if schema is not None else ""
    name = f"{db_path.stem}-{_stamp(now or dt.datetime.now())}-{kind}{tail}.db"

    def write(tmp: Path) -> None:
        try:
            _copy_database(db_path, tmp)
        except sqlite3.Error as error:
            raise DatabaseProblem(
                f"Sikkerhedskopien kunne ikke laves: databasen {db_path} kunne ikke læses helt."
            ) from error

    try:
        return _write_new(folder / name, write)
    except OSError as error:
        raise DatabaseProblem(
            f"Sikkerhedskopien kunne ikke gemmes i {folder} ({os_reason(error)})."
        ) from error


def backup_to(source: Path, target: Path) -> None:
    """Copy the database at ``source`` to ``target``, checked with ``integrity_check``.

    The copy is consistent even while the program writes (the backup API copies a snapshot);
    it is written beside the target and moved into place only when it has passed the check.
    """
    source, target = Path(source), Path(target)
    _check_source(source)
    if target.exists() and target.resolve() == source.resolve():
        raise InputError(
            "Sikkerhedskopien kan ikke gemmes oven i selve databasen; vælg et andet filnavn."
        )

    def write(tmp: Path) -> None:
        try:
            _copy_database(source, tmp)
        except sqlite3.Error as error:
            raise DatabaseProblem(
                f"Sikkerhedskopien kunne ikke laves: databasen {source} kunne ikke læses helt. "
                "Intet er ændret."
            ) from error
        except DatabaseProblem as error:
            raise DatabaseProblem(f"{error} Intet er ændret.") from error

    write_atomically(target, write)


def _check_source(source: Path) -> None:
    """Refuse to copy a file that is not a sound Udviklingsplan database (nothing changed)."""
    checked_version(source, SCHEMA_VERSION)  # the start's own check and its Danish sentences


def backup_before_migration(db_path: Path, version: int) -> Path:
    """Copy the database into ``backups/`` before a migration changes it (kept for ever)."""
    return make_backup(db_path, BEFORE_MIGRATION, schema=version)


def _plan_count(db_path: Path) -> int:
    conn = connect_ro(db_path)
    try:
        return int(conn.execute("SELECT count(*) FROM plan").fetchone()[0])
    finally:
        conn.close()


def daily_backup(db_path: Path, today: dt.date | None = None) -> Path | None:
    """Today's automatic backup, made at most once a day; then older ones are rotated.

    Returns the new file, or ``None`` when today's backup exists already, the database does
    not exist or holds no plan yet. Raises :class:`DatabaseProblem` when the copy cannot be
    made (nothing is kept then).
    """
    db_path = Path(db_path)
    now = dt.datetime.now()
    today = today or now.date()
    if not db_path.is_file():
        return None
    folder = backups_folder(db_path)
    if any(info[1].date() == today and info[2] == DAILY for info in _named(folder, db_path.stem)):
        return None
    try:
        if _plan_count(db_path) == 0:
            return None
    except sqlite3.Error as error:
        raise DatabaseProblem(
            f"Sikkerhedskopien kunne ikke laves: databasen {db_path} kunne ikke læses."
        ) from error
    made = make_backup(db_path, DAILY, now=dt.datetime.combine(today, now.time()))
    rotate(db_path)
    return made


def rotate(db_path: Path) -> list[Path]:
    """Delete the automatic backups beyond the newest 14 daily and 5 before-restore ones.

    Before-restore backups of the last 30 days are all kept (several restores in a row must
    not take the copy of the work before the first). Backups made before migrations, by hand,
    and files this program did not name are kept (so are those made before an import replaced
    a plan). Returns the deleted files.
    """
    named = sorted(_named(backups_folder(db_path), Path(db_path).stem), key=lambda i: i[1])
    deleted = _stale_temporary_files(Path(db_path))
    recent = dt.datetime.now() - dt.timedelta(days=KEEP_BEFORE_RESTORE_DAYS)
    for kind, keep in ((DAILY, KEEP_DAILY), (BEFORE_RESTORE, KEEP_BEFORE_RESTORE)):
        of_kind = [(path, made) for path, made, k, _ in named if k == kind]
        for path, made in of_kind[: max(0, len(of_kind) - keep)]:
            if kind == BEFORE_RESTORE and made > recent:
                continue
            with contextlib.suppress(OSError):
                path.unlink()
                deleted.append(path)
    return deleted


def _stale_temporary_files(db_path: Path) -> list[Path]:
    """Remove half-written copies a killed program left (``.name.XXXX.tmp``, over an hour old).

    They are never a backup or the database: those appear only by the final rename.
    """
    limit = dt.datetime.now().timestamp() - 3600
    removed = []
    for folder, prefix in (
        (backups_folder(db_path), f".{db_path.stem}-"),
        (db_path.parent, f".{db_path.name}."),
    ):
        if not folder.is_dir():
            continue
        for path in folder.glob(f"{glob.escape(prefix)}*.tmp"):
            with contextlib.suppress(OSError):
                if path.is_file() and path.stat().st_mtime < limit:
                    path.unlink()
                    removed.append(path)
    return removed


def _parse_name(name: str) -> tuple[str, dt.datetime, str, int | None] | None:
    """(stem, made, kind, schema) from a backup's file name, or None for any other name."""
    name = unicodedata.normalize("NFC", name)
    match = _NAME.match(name) or _OLD_NAME.match(name)
    if match is None:
        return None
    try:
        made = dt.datetime.strptime(f"{match['date']} {match['time']}", "%Y-%m-%d %H%M%S")
    except ValueError:
        return None
    groups = match.groupdict()
    kind = groups.get("kind") or BEFORE_MIGRATION
    schema = int(groups["schema"]) if groups.get("schema") else None
    return match["stem"], made, kind, schema


def _named(folder: Path, stem: str) -> Iterator[tuple[Path, dt.datetime, str, int | None]]:
    """The backups of the database ``stem`` in ``folder``, named by this program."""
    if not folder.is_dir():
        return
    for path in folder.glob("*.db"):
        parsed = _parse_name(path.name)
        if parsed is not None and parsed[0] == stem:
            yield path, parsed[1], parsed[2], parsed[3]


def _inspect_backup(path: Path, *, full: bool = False) -> tuple[int, int, int]:
    """(schema version, plans, goals) of a backup file; :class:`DatabaseProblem` if unusable.

    ``full`` runs ``integrity_check`` (before a restore) instead of the quicker ``quick_check``.
    """
    seen = inspect_file(path, current_version=SCHEMA_VERSION, full=full, immutable=True, count=True)
    name = path.name
    problems = {
        FileKind.UNREADABLE: f"Filen {name} kan ikke åbnes.",
        FileKind.NOT_DATABASE: f"Filen {name} er ikke en Udviklingsplan-database, eller den er "
        "beskadiget.",
        FileKind.DAMAGED: f"Sikkerhedskopien {name} er beskadiget (SQLites kontrol fandt fejl).",
        FileKind.FOREIGN: f"Filen {name} er ikke en sikkerhedskopi fra Udviklingsplan.",
        FileKind.NEWER: f"Sikkerhedskopien {name} er lavet med en nyere version af Udviklingsplan "
        f"(skemaversion {seen.user_version}; denne version kender {SCHEMA_VERSION}). "
        "Installér den nyeste version for at bruge den.",
    }
    if seen.kind in problems:
        raise DatabaseProblem(problems[seen.kind], seen.kind)
    if seen.application_id != APPLICATION_ID or seen.user_version < 1:
        raise DatabaseProblem(problems[FileKind.FOREIGN], FileKind.FOREIGN)
    if seen.plans is None or seen.goals is None:
        raise DatabaseProblem(
            f"Sikkerhedskopien {name} mangler en del af databasen.", FileKind.DAMAGED
        )
    return seen.user_version, seen.plans, seen.goals


def backup_info(path: Path) -> BackupInfo:
    """What one backup file holds; a damaged or foreign file gives ``sound=False``, no error."""
    path = Path(path)
    parsed = _parse_name(path.name)
    if parsed is not None:
        _, made, kind, _ = parsed
    else:
        kind = MANUAL
        try:
            made = dt.datetime.fromtimestamp(path.stat().st_mtime)
        except OSError:
            made = dt.datetime.min
    try:
        schema, plans, goals = _inspect_backup(path)
    except DatabaseProblem as problem:
        return BackupInfo(path, made, kind, 0, 0, False, 0, str(problem))
    return BackupInfo(path, made, kind, plans, goals, True, schema)


def list_backups(db_path: Path) -> list[BackupInfo]:
    """Every backup in :func:`backups_folder`, newest first; damaged ones with ``sound=False``.

    Backups this program named for another database in the same folder are left out; any other
    ``.db`` file there is listed (as a backup made by hand).
    """
    folder = backups_folder(db_path)
    if not folder.is_dir():
        return []
    stem = Path(db_path).stem
    found = []
    for path in folder.glob("*.db"):
        parsed = _parse_name(path.name)
        if parsed is not None and parsed[0] != stem:
            continue
        if path.is_file():
            found.append(backup_info(path))
    return sorted(found, key=lambda info: (info.made, info.path.name), reverse=True)


def newest_sound_backup(db_path: Path) -> BackupInfo | None:
    """The newest backup that passes the check and holds at least one plan, if any."""
    return next((i for i in list_backups(db_path) if i.sound and i.plans > 0), None)


def read_backup(path: Path) -> list[Plan]:
    """The plans of a backup, for a preview; read-only (the file is never changed).

    A backup from an older schema version is migrated in memory first; a damaged or foreign
    file, or one from a newer version, raises :class:`DatabaseProblem`.
    """
    from . import reading

    path = Path(path)
    version, _, _ = _inspect_backup(path)
    if version == SCHEMA_VERSION:
        conn = connect_ro(path, immutable=True)
        try:
            ids = [row[0] for row in conn.execute("SELECT id FROM plan ORDER BY id")]
            return [reading.read_plan(conn, plan_id) for plan_id in ids]
        finally:
            conn.close()
    return _read_migrated(path)


def _read_migrated(path: Path) -> list[Plan]:
    import peewee as pw

    from . import reading

    memory = pw.SqliteDatabase(":memory:", pragmas=(("foreign_keys", 1),))
    memory.connect()
    try:
        src = connect_ro(path, immutable=True)
        try:
            src.backup(memory.connection())  # type: ignore[no-untyped-call]
        finally:
            src.close()
        migrate(memory, SCHEMA_VERSION, MIGRATIONS)
        conn = memory.connection()  # type: ignore[no-untyped-call]
        ids = [row[0] for row in conn.execute("SELECT id FROM plan ORDER BY id")]
        return [reading.read_plan(conn, plan_id) for plan_id in ids]
    except (sqlite3.Error, pw.DatabaseError) as error:
        raise DatabaseProblem(
            f"Sikkerhedskopien {path.name} kunne ikke læses med denne version af programmet."
        ) from error
    finally:
        memory.close()


def _companions(path: Path) -> list[Path]:
    return [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm", "-journal")]


def preserve_damaged(db_path: Path) -> Path:
    """Move a damaged database (and its -wal/-shm) aside, beside it; returns the new path.

    The name is ``udviklingsplan.beskadiget-2026-11-25-083012.db``; an existing file is never
    overwritten and nothing is deleted. The content stays byte for byte as it was.
    """
    db_path = Path(db_path)
    stamp = _stamp(dt.datetime.now())
    target = _unique(db_path.with_name(f"{db_path.stem}.beskadiget-{stamp}{db_path.suffix}"))
    moves = [
        (c, target.with_name(target.name + c.name[len(db_path.name) :]))
        for c in _companions(db_path)
        if c.exists()
    ]
    try:
        # The companions first: a crash in between leaves the database where it was, never a
        # stale -wal beside a new database of the same name.
        for source, destination in moves:
            os.replace(source, destination)
        os.replace(db_path, target)
    except OSError as error:
        for source, destination in moves:  # put back what moved
            if destination.exists() and not source.exists():
                with contextlib.suppress(OSError):
                    os.replace(destination, source)
        raise DatabaseProblem(
            f"Den beskadigede database {db_path} kunne ikke flyttes til side "
            f"({os_reason(error)}). Er programmet åbent i et andet vindue? Intet er ændret."
        ) from error
    _tighten(target)
    _fsync_folder(db_path.parent)
    return target


def _tighten(path: Path) -> None:
    if os.name == "posix":
        with contextlib.suppress(OSError):
            if path.stat().st_mode & 0o077:
                path.chmod(0o600)


def restore_backup(backup: Path, db_path: Path) -> Path | None:
    """Put the backup in place of the database; returns where the old database was kept.

    The caller has closed every connection first (``close_db()`` and the reader). The backup is
    checked (integrity, made by this program, schema not newer). A sound current database is
    first copied to a "før-gendannelse" backup; a damaged one is moved aside with
    :func:`preserve_damaged`. Returns that path, or ``None`` when there was no database. A
    backup from an older schema is migrated by ``init_db`` when the database is opened next.
    Any failure raises :class:`DatabaseProblem` and leaves the current database as it was.
    """
    backup, db_path = Path(backup), Path(db_path)
    if db_path.exists() and backup.resolve() == db_path.resolve():
        raise DatabaseProblem("Databasen kan ikke gendannes fra sig selv; vælg en sikkerhedskopi.")
    if db_path.is_dir():
        raise DatabaseProblem(f"{db_path} er en mappe, ikke en databasefil. Intet er ændret.")
    _inspect_backup(backup, full=True)
    damaged = db_path.exists() and _is_damaged(db_path)
    folder = db_path.parent
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{db_path.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise DatabaseProblem(
            f"Der kan ikke skrives i mappen {folder} ({os_reason(error)}). Intet er ændret."
        ) from error
    os.close(fd)
    tmp = Path(tmp_name)
    kept: Path | None = None
    moved_aside = False
    try:
        try:
            _copy_database(backup, tmp, immutable=True)
            with open(tmp, "rb+") as handle:
                os.fsync(handle.fileno())
        except (sqlite3.Error, OSError) as error:
            raise DatabaseProblem(
                f"Sikkerhedskopien {backup.name} kunne ikke kopieres. Intet er ændret."
            ) from error
        if damaged:
            kept = preserve_damaged(db_path)
            moved_aside = True
        elif db_path.exists():
            # A sound database that cannot be copied (a full disk) is not replaced at all.
            kept = make_backup(db_path, BEFORE_RESTORE)
            # Its -wal would not fit the new file: fold it in first, so that the old file
            # stays whole should the replace fail. A -wal that stays means another program
            # (the command line) has the database open: it is left alone.
            if not _checkpoint(db_path):
                raise DatabaseProblem(
                    f"Databasen {db_path} er åben i et andet program, fx kommandolinjen. Luk "
                    "det, og prøv igen. Den gamle database er uændret."
                )
        try:
            if not moved_aside:
                for companion in _companions(db_path):
                    if companion.exists():
                        companion.unlink()
            _replace(tmp, db_path)
        except OSError as error:
            if moved_aside and kept is not None and not db_path.exists():
                with contextlib.suppress(DatabaseProblem, OSError):
                    _move_back(kept, db_path)
            raise DatabaseProblem(
                f"Databasen {db_path} kunne ikke erstattes ({os_reason(error)}). Er programmet "
                "åbent i et andet vindue? Den gamle database er uændret."
            ) from error
        _fsync_folder(folder)
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()
    if kept is not None and not moved_aside:
        rotate(db_path)
    return kept


def _replace(source: Path, target: Path, attempts: int = 5) -> None:
    """``os.replace``, tried again for a moment on Windows, where a virus scanner or the
    search indexer may hold a file that was just closed."""
    for attempt in range(attempts):
        try:
            os.replace(source, target)
            return
        except PermissionError:
            if os.name != "nt" or attempt == attempts - 1:
                raise
            time.sleep(0.2)


def _checkpoint(db_path: Path) -> bool:
    """Fold the -wal into the database; False if another connection still has it open.

    SQLite removes the -wal when the last connection closes; one that stays belongs to
    another program.
    """
    wal = db_path.with_name(db_path.name + "-wal")
    try:
        conn = sqlite3.connect(db_path, timeout=1.0)
        try:
            busy = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return False
    return not busy and not wal.exists()


def _is_damaged(db_path: Path) -> bool:
    """True for a file SQLite finds damaged or cannot read as a database at all.

    A database that is only busy or locked, or a folder without access, is not damaged: it is
    not moved aside (the restore is refused instead).
    """
    try:
        conn = connect_ro(db_path)
        try:
            return bool(conn.execute("PRAGMA quick_check").fetchone()[0] != "ok")
        finally:
            conn.close()
    except sqlite3.DatabaseError as error:
        text = str(error).lower()
        if "locked" in text or "busy" in text or "unable to open" in text:
            raise DatabaseProblem(
                f"Databasen {db_path} kan ikke læses lige nu ({error}). Intet er ændret."
            ) from error
        return True


def _move_back(preserved: Path, db_path: Path) -> None:
    for suffix in ("-wal", "-shm", "-journal"):
        companion = preserved.with_name(preserved.name + suffix)
        if companion.exists():
            os.replace(companion, db_path.with_name(db_path.name + suffix))
    os.replace(preserved, db_path)
