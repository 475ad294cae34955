"""The font the PDF is set in: Liberation Sans, shipped in ``resources/fonts/`` and embedded.

Shipping the font (rather than asking the machine for Arial or Segoe UI) makes the file look the
same wherever it is written, and covers Danish (æøå, en dashes, »guillemets«) on every machine.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication

from udviklingsplan_app.resources import resource_path

FAMILY = "Liberation Sans"
FONT_FILES = ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf", "LiberationSans-Italic.ttf")

_lock = threading.Lock()
_family: str | None = None
_app: QGuiApplication | None = None  # kept alive when this module had to create it


def ensure_application() -> None:
    """A Qt application for fonts and painting: the running one, or an offscreen QGuiApplication.

    The command line has none; the window's QApplication is reused as it is.
    """
    global _app
    if QCoreApplication.instance() is None:
        import atexit
        import os

        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        _app = QGuiApplication(["udviklingsplan"])
        # Closed before the interpreter tears down its modules: an application left to
        # Python's finalization crashes there (PySide6 6.12, "none_dealloc").
        atexit.register(_close_application)


def _close_application() -> None:
    global _app
    if _app is not None:
        _app.shutdown()
        _app = None


def family() -> str:
    """Register the shipped font files once; returns the family name to use."""
    global _family
    with _lock:
        if _family is None:
            ensure_application()
            names: list[str] = []
            for name in FONT_FILES:
                font_id = QFontDatabase.addApplicationFont(str(resource_path("fonts", name)))
                if font_id >= 0:
                    names += QFontDatabase.applicationFontFamilies(font_id)
            # Without the files (a broken install) Qt's default sans font is used instead.
            _family = names[0] if names else QFont().defaultFamily()
        return _family


def font(points: float, *, bold: bool = False, italic: bool = False) -> QFont:
    made = QFont(family())
    made.setPointSizeF(points)
    made.setBold(bold)
    made.setItalic(italic)
    return made
