"""Start the GUI: Qt application, Danish translations, the database, the main window."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox

from udviklingsplan_app import APP_NAME
from udviklingsplan_app.errors import UdviklingsplanError
from ui.settings import ORGANIZATION
from ui.setup.keyboard import show_focus

if TYPE_CHECKING:
    import sqlite3

    from ui.dialogs.crash import CrashHandler
    from ui.main_window import MainWindow
    from ui.setup.single_instance import DatabaseLock


def install_danish(app: QApplication) -> list[QTranslator]:
    """Load Qt's own Danish texts, so standard buttons and dialogs speak Danish."""
    QLocale.setDefault(QLocale(QLocale.Language.Danish, QLocale.Country.Denmark))
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    translators = []
    for name in ("qtbase_da",):
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            translators.append(translator)
    from ui.setup.qt_gaps import QtGapsTranslator

    gaps = QtGapsTranslator(app)
    app.installTranslator(gaps)
    translators.append(gaps)
    return translators


def create_app() -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORGANIZATION)
    install_danish(app)
    show_focus(app)
    set_window_icon(app)
    return app


def set_window_icon(app: QApplication) -> None:
    """The program's icon on every window (title bar, task bar, Alt+Tab)."""
    from PySide6.QtGui import QIcon

    from udviklingsplan_app.resources import resource_path

    icon = QIcon()
    for size in (16, 24, 32, 48, 256):
        icon.addFile(str(resource_path("icons", f"udviklingsplan-{size}.png")))
    app.setWindowIcon(icon)


def run(db_path: Path | None, smoke_test: bool = False) -> int:
    """Open the database and show the main window; with ``smoke_test`` quit after the first paint.

    The first window is painted from a read-only look at the database; the storage layer
    (peewee, pragmas, migrations) opens it for writing right after the first paint. A new
    database, or one that needs a migration, is opened for writing before the window. The
    database stays locked against a second program (``<database>.lock``) until the window
    closes.
    """
    from udviklingsplan_app.database_files import default_db_path

    app = create_app()
    opened = open_database(db_path or default_db_path(), smoke_test)
    if isinstance(opened, int):
        return opened
    path, reader, lock, notes = opened

    from ui.main_window import MainWindow

    window = MainWindow(path, reader, paint_first=True)
    window.show()
    handlers: list[CrashHandler | None] = []
    if smoke_test:
        # Start-up ends with the first paint; the smoke test stops there.
        QTimer.singleShot(0, app.quit)
    else:
        QTimer.singleShot(0, lambda: handlers.append(after_first_paint(window, notes)))
    try:
        return app.exec()
    finally:
        shut_down(app, window, lock, handlers[0] if handlers else None)


def shut_down(
    app: QApplication,
    window: MainWindow,
    lock: DatabaseLock | None = None,
    handler: CrashHandler | None = None,
) -> None:
    """Tear the program down in a fixed order while Python and Qt both still exist.

    Left to the interpreter's end, Qt objects (the window, a guide waiting for deleteLater, a
    job's signals, connections to lambdas) are freed by the garbage collector after Qt's
    application is gone, in no particular order: PySide6 then can crash on the way out
    ("Fatal Python error: none_dealloc"). So: the workers finish, the crash handler lets go of
    ``sys.excepthook``, the guide and the database close, the lock is let go, the windows are
    deleted by Qt, the garbage is collected, and the application is shut down, in that order.
    """
    import gc

    from PySide6.QtCore import QCoreApplication, QEvent, QThreadPool

    from udviklingsplan_app.database_files import close_database

    # Not imported only to find nothing running: it creates Qt's enum namespace (20-30 ms).
    operations = sys.modules.get("ui.operations")
    # Today's backup (or an Excel export) may still be running: the lock is let go only when
    # it is done, so a new start never meets a half-made backup (milliseconds for a few MB).
    QThreadPool.globalInstance().waitForDone(30_000)
    if operations is not None:
        operations.wait_for_all(30)
    QCoreApplication.sendPostedEvents()  # the jobs' last queued signals, while all is alive
    if handler is not None:
        handler.uninstall()
    if window.guide is not None:
        window.guide.close()  # stores what was typed in it (see GuideWindow.done)
        window.guide = None
    window.session.close_reader()
    close_database()
    if lock is not None:
        lock.release()
    if operations is not None:
        operations.forget_all()
    for widget in app.topLevelWidgets():
        widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()
    gc.collect()
    app.shutdown()
    gc.collect()


Opened = tuple[Path, "sqlite3.Connection | None", "DatabaseLock", list[str]]


def open_database(path: Path, smoke_test: bool = False) -> Opened | int:
    """Lock and open the database at ``path``: (path, reader, lock, notes), or an exit code.

    A database that cannot be opened (damaged, from a newer program, on a network drive) is
    explained in a dialog that offers the way on: the newest sound backup, another file, or
    closing (exit code 3). The refused file is never changed. ``notes`` are calm messages for
    the window (a cloud-synced folder, a restore that was made).
    """
    from udviklingsplan_app.database_files import check_location, open_for_writing

    # The read-only first-paint reader is the one piece of storage the UI uses itself: it
    # keeps peewee out of the start (see ui.session.PlanSession).
    from udviklingsplan_app.storage.database import open_reader
    from ui.setup.single_instance import DatabaseLock

    notes: list[str] = []
    while True:
        lock: DatabaseLock | None = None
        on_network = True
        try:
            warning = check_location(path)
            on_network = False
            lock = DatabaseLock(path)
            if not lock.acquire():
                return _already_open(path, smoke_test)
            reader = open_reader(path)
            if reader is None:
                open_for_writing(path)
        except UdviklingsplanError as error:
            if smoke_test:
                if lock is not None:
                    lock.release()
                print(f"{APP_NAME}: {error}", file=sys.stderr)
                return 3
            try:
                next_path, note = _ask_what_now(path, error, on_network)
            finally:
                if lock is not None:
                    lock.release()
            if next_path is None:
                return 3
            if note:
                notes.append(note)
            path = next_path
            continue
        if warning:
            notes.append(warning)
        return path, reader, lock, notes


def _already_open(path: Path, smoke_test: bool) -> int:
    """A second program on the same database says so and leaves it alone."""
    from ui.setup.single_instance import already_open_message

    message = already_open_message(path)
    if smoke_test:
        print(f"{APP_NAME}: {message}", file=sys.stderr)
    else:
        QMessageBox.information(
            None, QApplication.translate("app", "Udviklingsplan er allerede åben"), message
        )
    return 3


def _ask_what_now(path: Path, error: Exception, on_network: bool) -> tuple[Path | None, str]:
    """The start-problem dialog and what the leader chose: (the path to try next, a note)."""
    from PySide6.QtWidgets import QFileDialog

    from udviklingsplan_app.database_files import (
        DAMAGED,
        NETWORK,
        newest_sound_backup,
        problem_kind,
    )
    from ui.dialogs.damaged_dialog import StartProblemDialog, made_label

    kind = NETWORK if on_network else problem_kind(path, error)
    newest = None
    if kind == DAMAGED:
        try:
            newest = newest_sound_backup(path)
        except (UdviklingsplanError, OSError):
            newest = None
    dialog = StartProblemDialog(path, str(error), kind, newest)
    dialog.exec()
    tr = QApplication.translate
    if dialog.choice == dialog.RESTORE and newest is not None:
        return _restore_at_start(
            newest.path,
            path,
            tr("app", "Planerne er gendannet fra sikkerhedskopien fra %1.").replace(
                "%1", made_label(newest.made)
            ),
        )
    if dialog.choice == dialog.RETRY:
        return path, ""
    if dialog.choice == dialog.OPEN_OTHER:
        name, _ = QFileDialog.getOpenFileName(
            None,
            tr("app", "Vælg en sikkerhedskopi")
            if kind == DAMAGED
            else tr("app", "Åbn en anden databasefil"),
            str(path.parent),
            tr("app", "Udviklingsplan-database (*.db);;Alle filer (*)"),
        )
        if not name:
            return path, ""
        chosen = Path(name)
        if kind == DAMAGED:
            # A copy the leader kept (a USB stick): it takes the damaged file's place, and the
            # damaged file is kept under a new name. Opened where it lies, the work done in it
            # would stay on the stick, and the next start would meet the damaged file again.
            return _restore_at_start(
                chosen,
                path,
                tr("app", "Planerne er gendannet fra %1.").replace("%1", name),
            )
        if _in_backups_folder(chosen, path):
            # Opened there, it would be edited in place and later removed by the rotation.
            QMessageBox.information(
                None,
                tr("app", "Sikkerhedskopier åbnes ikke direkte"),
                tr(
                    "app",
                    "%1 er en af programmets automatiske sikkerhedskopier. Den åbnes ikke "
                    "direkte, for den bliver slettet, når den er gammel nok. Brug i stedet "
                    "Filer ▸ Gendan fra sikkerhedskopi…, når programmet er startet.",
                ).replace("%1", name),
            )
            return path, ""
        return chosen, tr("app", "Programmet bruger denne gang databasen %1.").replace("%1", name)
    return None, ""


def _restore_at_start(source: Path, path: Path, note: str) -> tuple[Path, str]:
    """Put the backup ``source`` in the place of the database at ``path`` (kept aside first)."""
    from udviklingsplan_app.database_files import restore_closed

    tr = QApplication.translate
    try:
        kept = restore_closed(source, path)
    except (UdviklingsplanError, OSError) as problem:
        QMessageBox.warning(None, tr("app", "Sikkerhedskopien kan ikke gendannes"), str(problem))
        return path, ""  # the same question again, with the same file untouched
    if kept is not None:
        note += " " + tr("app", "Den beskadigede fil er gemt uændret som %1.").replace(
            "%1", str(kept)
        )
    return path, note


def _in_backups_folder(chosen: Path, path: Path) -> bool:
    from udviklingsplan_app.database_files import backups_folder

    try:
        return chosen.resolve().parent == backups_folder(path).resolve()
    except OSError:
        return False


def after_first_paint(window: MainWindow, notes: list[str] | None = None) -> CrashHandler | None:
    """What waits until the window is on screen: writing, the crash handler, today's backup,
    then a guide left midway (or the first plan's guide in an empty database).

    Returns the crash handler, for :func:`shut_down` (None if the database was refused).
    """
    if not window.finish_start():
        return None
    from ui.dialogs.crash import CrashHandler
    from ui.operations.backup_job import start_daily_backup

    handler = CrashHandler(window, window.session.db_path)
    handler.install()
    if notes:
        window.show_notice("\n\n".join(notes), lasting=True)
    start_daily_backup(window)
    # Then a guide left midway (or, in an empty database, the first plan's guide) opens.
    window.resume_guide()
    return handler
