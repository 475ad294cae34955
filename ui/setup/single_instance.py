"""One program at a time per database: a lock file beside it (``<database>.lock``).

Qt's ``QLockFile`` writes the holder's process id, host and program name into the file. A lock
left behind by a program that crashed (or whose computer lost power) is found stale, because
that process no longer runs, and is taken over. The lock's age alone never makes it stale: a
program may well stay open for days. Nothing here opens a socket.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from PySide6.QtCore import QLockFile


def lock_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".lock")


class DatabaseLock:
    """The lock on one database file, held for as long as the program has it open."""

    def __init__(self, db_path: Path) -> None:
        self.db_path = Path(db_path)
        self._lock = QLockFile(str(lock_path(self.db_path)))
        self._lock.setStaleLockTime(0)  # stale only if its process is gone, never by age

    def acquire(self) -> bool:
        """Take the lock. False only if another running program holds it.

        A lock that cannot be written at all (a read-only folder, a folder that does not exist
        yet) does not stop the program: opening the database then says what is wrong, if
        anything is.
        """
        # The first start on this computer: the data folder may not exist yet.
        with contextlib.suppress(OSError):
            self.db_path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        if self._lock.tryLock(0):
            if os.name == "posix":  # like the database: its user's only (it names the host)
                with contextlib.suppress(OSError):
                    os.chmod(lock_path(self.db_path), 0o600)
            return True
        return self._lock.error() != QLockFile.LockError.LockFailedError

    @property
    def held(self) -> bool:
        return self._lock.isLocked()

    def release(self) -> None:
        if self._lock.isLocked():
            self._lock.unlock()


def already_open_message(db_path: Path) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate(
        "single_instance",
        "Udviklingsplan er allerede åben med denne plan – måske i et andet vindue, der er "
        "gemt bag andre vinduer eller ligger på proceslinjen.\n\n"
        "Brug det vindue, der er åbent. Der kan kun være ét program ad gangen på den samme "
        "database, så intet bliver skrevet to steder fra.\n\nDatabase: %1",
    ).replace("%1", str(db_path))
