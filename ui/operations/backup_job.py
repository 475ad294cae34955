"""Backups from the window, off the GUI thread: today's automatic one and the leader's own.

A backup reads the database through its own read-only SQLite connection (the backup API
copies a consistent snapshot while the window goes on writing), so the GUI thread's
connection is never shared. Today's backup is made right after the first paint; a failure
is logged and told calmly in the window, and never stops the leader. The leader's own
backup (Filer → Sikkerhedskopi…) shows a busy dialog while it is written.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QMessageBox

from ui.operations import Operation, run_in_background, running, wait_for_all
from ui.session import explain

if TYPE_CHECKING:
    from ui.shell import Shell

#: The names of the backups in :func:`ui.operations.running`.
DAILY_BACKUP, BACKUP = "daily_backup", "backup"


def _daily(db_path: Path, today: dt.date | None) -> str:
    """Today's backup (in the worker): its path, or "" when today's existed already."""
    from udviklingsplan_app.database_files import make_daily_backup

    try:
        made = make_daily_backup(db_path, today)
    except Exception as error:
        from udviklingsplan_app.crashlog import log_exception

        with contextlib.suppress(Exception):
            log_exception(
                db_path, type(error), error, error.__traceback__, {"during": "daily_backup"}
            )
        raise
    return str(made) if made is not None else ""


def start_daily_backup(window: Shell, today: dt.date | None = None) -> Operation[str]:
    """Make today's backup beside the database unless it exists; report in the window."""
    from udviklingsplan_app.errors import UdviklingsplanError

    db_path = window.session.db_path

    def done(path: str) -> None:
        if path:
            window.statusBar().showMessage(
                window.tr("Dagens sikkerhedskopi er gemt i %1").replace(
                    "%1", str(Path(path).parent)
                ),
                8000,
            )

    def failed(error: Exception) -> None:
        reason = str(error) if isinstance(error, UdviklingsplanError) else type(error).__name__
        window.show_notice(
            window.tr(
                "Dagens automatiske sikkerhedskopi kunne ikke laves: %1\n"
                "Dine planer er gemt som før. Programmet prøver igen ved næste start; du kan "
                "også selv gemme en kopi med Filer → Sikkerhedskopi…"
            ).replace("%1", reason),
            lasting=True,
        )

    return run_in_background(
        window,
        lambda: _daily(db_path, today),
        on_success=done,
        on_failure=failed,
        name=DAILY_BACKUP,
    )


def wait_for_backups() -> None:
    """Before the database file is replaced: let a running backup finish reading it."""
    for operation in running(DAILY_BACKUP) + running(BACKUP):
        operation.wait(60)


def save_backup(window: Shell) -> Operation[None] | None:
    """Filer → Sikkerhedskopi…: ask where, then copy the database there in the background."""
    from udviklingsplan_app.database_files import backup_database_to

    window.session.flush()
    suggestion = Path.home() / f"Udviklingsplan sikkerhedskopi {dt.date.today().isoformat()}.db"
    name, _ = QFileDialog.getSaveFileName(
        window,
        window.tr("Gem sikkerhedskopi"),
        str(suggestion),
        window.tr("Sikkerhedskopi af databasen (*.db)"),
    )
    if not name:
        return None
    db_path = window.session.db_path

    def done(_: None) -> None:
        window.statusBar().showMessage(
            window.tr("Sikkerhedskopien er gemt i %1").replace("%1", name), 8000
        )

    def failed(error: Exception) -> None:
        QMessageBox.warning(
            window, window.tr("Sikkerhedskopien kunne ikke laves"), explain(error, db_path)
        )

    return run_in_background(
        window,
        lambda: backup_database_to(db_path, Path(name)),
        on_success=done,
        on_failure=failed,
        busy=window.tr("Gemmer sikkerhedskopien …"),
        title=window.tr("Gem sikkerhedskopi"),
        name=BACKUP,
    )


__all__ = ["BACKUP", "DAILY_BACKUP", "save_backup", "start_daily_backup", "wait_for_all"]
