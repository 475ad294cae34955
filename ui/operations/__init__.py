"""Slow work off the GUI thread: one helper, in the manner of Anki's ``CollectionOp``/``QueryOp``.

:func:`run_in_background` runs ``work`` (a plain function that touches no widget and, unless
the caller has made sure of it, no database connection of the GUI thread) in Qt's thread pool.
Its result reaches ``on_success`` and its exception ``on_failure``, both in the GUI thread,
through queued signals. With a ``busy`` text a window-modal "working" dialog shows while it
runs (after a moment, so quick work does not flicker), and the leader cannot start it twice.

The running operations are kept here, not hung on the window: :func:`running` lists them and
:func:`wait_for_all` lets them finish (before the program closes, or before the database file
is replaced by a restore).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

T = TypeVar("T")

#: How long the work may take before the busy dialog shows (ms).
BUSY_AFTER_MS = 300

_running: list[Operation[Any]] = []
#: Reported operations whose worker may still be returning from its emit: kept alive (with
#: their signals object) until it has, so Qt never meets a deleted object.
_retired: list[Operation[Any]] = []


class _Signals(QObject):
    succeeded = Signal(object)
    failed = Signal(object)


def _run(work: Callable[[], Any], signals: _Signals, done: threading.Event) -> None:
    """In the pool thread: the work, then one signal (queued to the GUI thread)."""
    try:
        result = work()
    except Exception as error:
        signals.failed.emit(error)
    else:
        signals.succeeded.emit(result)
    finally:
        done.set()  # after the emit has returned: the signals object may go now


class Operation(Generic[T]):
    """One piece of work in the background; see :func:`run_in_background`."""

    def __init__(self, name: str) -> None:
        self.name = name
        #: Set in the worker thread when ``work`` has returned or raised.
        self.finished = threading.Event()
        #: Set in the GUI thread once ``on_success`` or ``on_failure`` has run.
        self.reported = False
        self.busy: QProgressDialog | None = None
        self.signals = _Signals()

    def wait(self, timeout: float = 60) -> bool:
        """Block until the work itself is done (its callbacks come later, in the GUI thread)."""
        return self.finished.wait(timeout)


def running(name: str | None = None) -> list[Operation[Any]]:
    """The operations whose callbacks have not yet run (those called ``name``, if given)."""
    return [op for op in _running if name is None or op.name == name]


def wait_for_all(timeout: float = 30) -> None:
    """Let every running work finish (used before a database file is replaced or closed)."""
    for operation in list(_running):
        operation.wait(timeout)


def finish_all(timeout: float = 30) -> None:
    """Wait for every running operation and deliver its callbacks (tests; a restore)."""
    import time

    from PySide6.QtCore import QCoreApplication

    deadline = time.monotonic() + timeout
    while _running and time.monotonic() < deadline:
        for operation in list(_running):
            operation.wait(max(0.0, deadline - time.monotonic()))
        QCoreApplication.processEvents()


def forget_all() -> None:
    """At the program's end, after the last queued signals: let go of every operation."""
    _running.clear()
    _retired.clear()


def run_in_background(
    parent: QWidget,
    work: Callable[[], T],
    *,
    on_success: Callable[[T], None],
    on_failure: Callable[[Exception], None],
    busy: str = "",
    title: str = "",
    name: str = "",
) -> Operation[T]:
    """Run ``work`` in a pool thread; ``on_success(result)`` or ``on_failure(error)`` after.

    ``busy``: the text of the window-modal busy dialog over ``parent`` (none if empty).
    """
    operation: Operation[T] = Operation(name)
    if busy:
        dialog = QProgressDialog(busy, "", 0, 0, parent)
        dialog.setWindowTitle(title or busy)
        dialog.setCancelButton(None)  # type: ignore[arg-type]
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(BUSY_AFTER_MS)
        operation.busy = dialog

        def show_busy() -> None:
            if not operation.reported:
                dialog.show()

        # Shown by this timer rather than by the dialog's own (which waits for a setValue).
        QTimer.singleShot(BUSY_AFTER_MS, dialog, show_busy)

    def finish() -> None:
        operation.reported = True
        if operation in _running:
            _running.remove(operation)
        _retired[:] = [op for op in _retired if not op.finished.is_set()] + [operation]
        if operation.busy is not None:
            operation.busy.reset()
            operation.busy.deleteLater()
            operation.busy = None

    def succeeded(result: object) -> None:
        finish()
        on_success(result)  # type: ignore[arg-type]

    def failed(error: object) -> None:
        finish()
        on_failure(error)  # type: ignore[arg-type]

    operation.signals.succeeded.connect(succeeded, Qt.ConnectionType.QueuedConnection)
    operation.signals.failed.connect(failed, Qt.ConnectionType.QueuedConnection)
    _running.append(operation)
    signals, done = operation.signals, operation.finished
    QThreadPool.globalInstance().start(lambda: _run(work, signals, done))
    return operation
