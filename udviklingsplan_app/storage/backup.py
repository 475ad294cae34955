"""Consistent copies of the database with SQLite's online backup API."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from ..errors import DatabaseProblem, InputError
from ..exchange.files import write_atomically
from .database import check_database, sqlite_uri


def backup_to(source: Path, target: Path) -> None:
    """Copy the database at ``source`` to ``target``, checked with ``integrity_check``.

    The copy is consistent even while the program writes (the backup API copies a snapshot);
    it is written beside the target and moved into place only when it has passed the check.
    """
    source, target = Path(source), Path(target)
    check_database(source)
    if target.exists() and target.resolve() == source.resolve():
        raise InputError(
            "Sikkerhedskopien kan ikke gemmes oven i selve databasen; vælg et andet filnavn."
        )

    def write(tmp: Path) -> None:
        try:
            src = sqlite3.connect(f"{sqlite_uri(source)}?mode=ro", uri=True)
            try:
                dst = sqlite3.connect(tmp)
                try:
                    src.backup(dst)
                    dst.execute("PRAGMA journal_mode = delete")  # one self-contained file
                    result = dst.execute("PRAGMA integrity_check").fetchone()[0]
                finally:
                    dst.close()
            finally:
                src.close()
        except sqlite3.Error as error:
            raise DatabaseProblem(
                f"Sikkerhedskopien kunne ikke laves: databasen {source} kunne ikke læses helt. "
                "Intet er ændret."
            ) from error
        if result != "ok":
            raise DatabaseProblem(
                f"Sikkerhedskopien bestod ikke kontrollen ({result}); den er ikke gemt."
            )

    write_atomically(target, write)
