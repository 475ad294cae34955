"""What the program remembers for each user between runs: sizes, splitters, chosen tabs.

One settings file per Windows user (QSettings, INI format in the user's own settings folder),
never in the plan's database: it is how the screen looks, not what the plan says. Keys are
grouped by page, e.g. ``goals_page/splitter``.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QSplitter

from ui.settings import settings


def user_settings() -> QSettings:
    """The user's settings file (:func:`ui.settings.settings`)."""
    return settings()


def remember_splitter(splitter: QSplitter, key: str) -> None:
    """Show the splitter as the user left it, and remember where it is moved to."""
    state = user_settings().value(key)
    if isinstance(state, QByteArray) and not state.isEmpty():
        splitter.restoreState(state)
    splitter.splitterMoved.connect(lambda *_: user_settings().setValue(key, splitter.saveState()))
