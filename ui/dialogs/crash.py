"""Unexpected errors in the window: logged (ids, never the leader's texts), shown calmly.

Every edit is stored in its own transaction the moment it is made, so an error in the window
cannot take stored work with it; the program keeps running. The log is a rotating file in the
data folder (see :mod:`udviklingsplan_app.crashlog`).
"""

from __future__ import annotations

import sys
import threading
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox

if TYPE_CHECKING:
    from ui.shell import Shell


class CrashHandler(QObject):
    """``sys.excepthook`` while the window is open; one message at a time, however many errors.

    PySide6 also calls the hook for an error in a worker thread (a ``QRunnable``); the message
    is then shown by the GUI thread, through a queued signal.
    """

    _show_requested = Signal(str)  # the log folder

    def __init__(self, window: Shell, db_path: Path) -> None:
        super().__init__(window)
        self.window = window
        self.db_path = db_path
        self._previous = sys.excepthook
        self._showing = False
        self.count = 0  # errors since start
        self.last_log: Path | None = None
        self._show_requested.connect(self._show)

    def install(self) -> None:
        self._previous = sys.excepthook
        sys.excepthook = self.handle

    def uninstall(self) -> None:
        if sys.excepthook == self.handle:
            sys.excepthook = self._previous

    def context(self) -> dict[str, int | str | None]:
        """Where the leader was: ids and the page's name in code, never anything they wrote."""
        context: dict[str, int | str | None] = {"plan_id": None, "page": None}
        try:
            context["plan_id"] = self.window.session.plan_id
            context["page"] = self.window.page_name()
        except Exception:  # the window itself may be what failed; the log matters more
            pass
        return context

    def handle(
        self,
        exc_type: type[BaseException],
        exc: BaseException,
        tb: TracebackType | None,
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt | SystemExit):
            self._previous(exc_type, exc, tb)
            return
        self.count += 1
        from udviklingsplan_app.crashlog import log_exception, log_folder

        try:
            self.last_log = log_exception(self.db_path, exc_type, exc, tb, self.context())
            where = str(self.last_log.parent)
        except Exception:  # a full disk must not turn one error into two
            self.last_log = None
            try:
                where = str(log_folder(self.db_path))
            except Exception:
                where = ""
        if threading.current_thread() is not threading.main_thread():
            self._show_requested.emit(where)  # queued: widgets belong to the GUI thread
            return
        self._show(where)

    def _show(self, where: str) -> None:
        if self._showing:
            return  # one message on screen at a time; the rest are in the log
        self._showing = True
        try:
            QMessageBox.warning(self.window, self.tr("Uventet fejl"), self.message(where))
        finally:
            self._showing = False

    def message(self, where: str) -> str:
        text = self.tr(
            "Der skete en uventet fejl i programmet. Det, du har gemt, er i behold – hver "
            "ændring gemmes, i det øjeblik du laver den.\n\n"
            "Du kan arbejde videre. Hvis fejlen kommer igen, så luk programmet og åbn det "
            "igen."
        )
        if where:
            text += "\n\n" + self.tr(
                "Fejlen er skrevet i en logfil (uden dine tekster), som du kan sende til "
                "IT-support:\n%1"
            ).replace("%1", where)
        return text
