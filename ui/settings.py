"""The leader's own settings on this computer (window sizes, the calendar file's meeting time).

Per user: an INI file in the user's own settings folder (on Windows ``%APPDATA%``), never the
plan's database. Tests point Qt at a temporary folder (``QSettings.setPath``) first.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings

from udviklingsplan_app import APP_NAME

ORGANIZATION = "Københavns Kommune"


def settings() -> QSettings:
    """This user's settings for the program (read and written at once; cheap to create)."""
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, APP_NAME)
