"""Start the GUI: Qt application, Danish translations, the database, the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox

from udviklingsplan_app import APP_NAME
from udviklingsplan_app.errors import UdviklingsplanError


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
    return translators


def create_app() -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName("Københavns Kommune")
    install_danish(app)
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
    database, or one that needs a migration, is opened for writing before the window.
    """
    from udviklingsplan_app.storage.database import close_db, default_db_path, init_db, open_reader

    app = create_app()
    path = db_path or default_db_path()
    try:
        reader = open_reader(path)
        if reader is None:
            init_db(path)
    except UdviklingsplanError as error:
        if smoke_test:
            print(f"{APP_NAME}: {error}", file=sys.stderr)
        else:
            QMessageBox.critical(None, app.tr("Databasen kan ikke åbnes"), str(error))
        return 3

    from .main_window import MainWindow

    window = MainWindow(path, reader, paint_first=True)
    window.show()
    if smoke_test:
        # Start-up ends with the first paint; the smoke test stops there.
        QTimer.singleShot(0, app.quit)
    else:
        # Then a guide left midway (or, in an empty database, the first plan's guide) opens.
        QTimer.singleShot(0, lambda: window.finish_start() and window.resume_guide())
    try:
        return app.exec()
    finally:
        if window.session.reader is not None:
            window.session.reader.close()
        close_db()
