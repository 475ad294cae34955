"""Qt's Python bindings must not lose references to ``None``.

PySide6 6.12.0 on Python 3.11 dropped one reference to ``None`` on every Qt call that returns
nothing; after enough calls the interpreter aborted with "none_dealloc: deallocating None"
(issue 12: the crash at quit after the guide). ``pyproject.toml`` keeps PySide6 below 6.12; this
test fails if a version with the fault comes back.
"""

from __future__ import annotations

import sys

from PySide6.QtGui import QTextCursor, QTextDocument
from PySide6.QtWidgets import QLabel


def test_a_thousand_qt_calls_that_return_nothing_keep_none_alive(qtbot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    cursor = QTextCursor(QTextDocument())
    before = sys.getrefcount(None)
    for _ in range(1000):
        label.setText("Udviklingsplan")
        cursor.insertText("æøå")
    after = sys.getrefcount(None)
    assert after >= before - 20, f"None lost {before - after} references in 2,000 Qt calls"
