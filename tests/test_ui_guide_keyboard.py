"""The guide's goal step by keyboard: Tab passes the read-only inspiration text."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ui_helpers import guide_at, shown_window
from ui.guide.guide import GOALS


def test_tab_goes_from_the_theme_past_the_inspiration_to_the_rationale(
    qtbot, db_path: Path, example_plan_id: int
) -> None:
    window = shown_window(qtbot, db_path, started=True)
    guide = guide_at(window, example_plan_id, 2026, GOALS)
    qtbot.waitExposed(guide)
    guide.activateWindow()
    step = guide.current_step()
    step.goal_list.setCurrentIndex(step.model.index(0, 0))
    editor = step.editor
    assert editor.inspiration.isVisible() and editor.inspiration.toPlainText()
    editor.theme_combo.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is editor.theme_combo)
    qtbot.keyClick(editor.theme_combo, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is editor.rationale_edit
    # Still there to read, and to select from with the mouse.
    assert editor.inspiration.focusPolicy() == Qt.FocusPolicy.ClickFocus
    guide.close()
