"""Focus that is always visible: a calm frame around the field, list or table being typed in.

Every list and table also lets Tab go on to the next field in one step
(``setTabKeyNavigation(False)`` where it is built); the arrow keys move inside it.
"""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

# A calm frame in the system's highlight colour around the field, list or table that has the
# keyboard focus. Only the focused state is styled, so everything else keeps the system's look;
# buttons, check boxes and radio buttons keep the system's own focus frame.
FOCUS_STYLE = """
QAbstractItemView:focus, QPlainTextEdit:focus, QTextEdit:focus {
    border: 2px solid palette(highlight);
}
QLineEdit:focus, QAbstractSpinBox:focus {
    border: 2px solid palette(highlight);
    border-radius: 3px;
    padding: 1px 2px;
}
"""


def show_focus(app: QApplication) -> None:
    """Give the application its visible focus frame (added to any style sheet it already has)."""
    if FOCUS_STYLE not in app.styleSheet():
        app.setStyleSheet(app.styleSheet() + FOCUS_STYLE)
