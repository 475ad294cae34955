"""Today's automatic backup, made in a pool thread right after the first paint.

The backup reads the database through its own read-only SQLite connection (the backup API
copies a consistent snapshot while the window goes on writing), so the GUI thread's
connection is never shared. A failure is logged and told calmly in the window; it never
stops the leader.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal

if TYPE_CHECKING:
    from ui.main_window import MainWindow


class _Signals(QObject):
    done = Signal(str)  # the new backup's path, or "" when today's existed already
    failed = Signal(str)  # the Danish reason


class DailyBackupJob(QRunnable):
    def __init__(self, db_path: Path, today: dt.date | None = None) -> None:
        super().__init__()
        self.db_path, self.today = db_path, today
        self.signals = _Signals()
        self.finished = threading.Event()

    def run(self) -> None:
        from udviklingsplan_app.errors import UdviklingsplanError
        from udviklingsplan_app.storage.backup import daily_backup

        try:
            made = daily_backup(self.db_path, self.today)
        except Exception as error:
            from udviklingsplan_app.crashlog import log_exception

            with contextlib.suppress(Exception):
                log_exception(
                    self.db_path,
                    type(error),
                    error,
                    error.__traceback__,
                    {"during": "daily_backup"},
                )
            reason = str(error) if isinstance(error, UdviklingsplanError) else type(error).__name__
            self.signals.failed.emit(reason)
        else:
            self.signals.done.emit(str(made) if made is not None else "")
        finally:
            self.finished.set()


def start_daily_backup(window: MainWindow, today: dt.date | None = None) -> DailyBackupJob:
    """Make today's backup beside the database unless it exists; report in the window."""
    job = DailyBackupJob(window.session.db_path, today)
    window.daily_backup_job = job  # type: ignore[attr-defined]

    def done(path: str) -> None:
        if path:
            window.statusBar().showMessage(
                window.tr("Dagens sikkerhedskopi er gemt i %1").replace(
                    "%1", str(Path(path).parent)
                ),
                8000,
            )

    def failed(reason: str) -> None:
        window.show_notice(
            window.tr(
                "Dagens automatiske sikkerhedskopi kunne ikke laves: %1\n"
                "Dine planer er gemt som før. Programmet prøver igen ved næste start; du kan "
                "også selv gemme en kopi med Filer → Sikkerhedskopi…"
            ).replace("%1", reason),
            lasting=True,
        )

    job.signals.done.connect(done, Qt.ConnectionType.QueuedConnection)
    job.signals.failed.connect(failed, Qt.ConnectionType.QueuedConnection)
    job.setAutoDelete(False)  # the window keeps it until its signals have been delivered
    QThreadPool.globalInstance().start(job)
    return job


def wait_for_daily_backup(window: MainWindow) -> None:
    """Before the database file is replaced: let a running backup finish reading it."""
    job = getattr(window, "daily_backup_job", None)
    if isinstance(job, DailyBackupJob):
        job.finished.wait(60)
