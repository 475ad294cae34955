"""The leader's own settings on this computer (window sizes, the calendar file's meeting time).

Per user: an INI file in the user's own settings folder (on Windows under ``%APPDATA%``), never
the plan's database. With the environment variable ``UDVIKLINGSPLAN_SETTINGS_DIR`` set, the file
is ``Udviklingsplan.ini`` in that folder instead (the tests point it at a temporary folder, for
the programs they start too).
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QSettings

from udviklingsplan_app import APP_NAME

ORGANIZATION = "Københavns Kommune"
#: A folder for the settings file instead of the user's own (tests).
FOLDER_VARIABLE = "UDVIKLINGSPLAN_SETTINGS_DIR"


def settings() -> QSettings:
    """This user's settings for the program (read and written at once; cheap to create)."""
    folder = os.environ.get(FOLDER_VARIABLE)
    if folder:
        return QSettings(str(Path(folder) / f"{APP_NAME}.ini"), QSettings.Format.IniFormat)
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, APP_NAME)


#: Where the leader last saved an export (Excel, PDF, handover file, calendar file) or picked a
#: file to import: the file dialogs open there next time.
EXPORTS, IMPORTS = "files/export_folder", "files/import_folder"


def last_folder(kind: str) -> Path:
    """The folder the leader last used for ``kind`` (:data:`EXPORTS` or :data:`IMPORTS`), if it
    is still there; else the home folder."""
    stored = settings().value(kind)
    if isinstance(stored, str) and stored and Path(stored).is_dir():
        return Path(stored)
    return Path.home()


def remember_folder(kind: str, chosen: str | Path) -> None:
    """Remember the folder of the file just chosen for ``kind``."""
    settings().setValue(kind, str(Path(chosen).parent))
