"""The goals page on a small laptop and on the keyboard (issue 12, items 5 and 6)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QWidget

from tests.ui_helpers import goals_page, shown_window
from ui.dialogs.restore_dialog import RestoreDialog
from ui.guide import open_new_plan_guide, open_year_guide
from ui.main_window import GOALS, PAGES, MainWindow
from ui.models.goals import COL_TITLE, UID_ROLE
from ui.pages.goals_page import GoalsPage
from ui.setup.keyboard import FOCUS_STYLE, show_focus

SMALL_LAPTOP = (1366, 768 - 60)  # the screen less the task bar and the window's title


@pytest.fixture
def win(qtbot, db_path: Path, example_plan_id: int) -> MainWindow:
    return shown_window(qtbot, db_path, started=True, size=SMALL_LAPTOP)


@pytest.fixture
def page(win: MainWindow) -> GoalsPage:
    return goals_page(win)


def views_that_tab_inside(root: QWidget) -> list[str]:
    return [
        f"{type(view).__name__} {view.accessibleName() or view.objectName()}"
        for view in root.findChildren(QAbstractItemView)
        if view.tabKeyNavigation()
    ]


def test_tab_leaves_every_list_and_table_in_one_step(qtbot, win: MainWindow) -> None:
    for number in range(len(PAGES)):
        win.page(number)  # every page built
    assert len(win.findChildren(QAbstractItemView)) > 10
    assert views_that_tab_inside(win) == []

    year_guide = open_year_guide(win, today=dt.date(2026, 11, 25))
    assert year_guide is not None
    assert views_that_tab_inside(year_guide) == []
    year_guide.close()
    plan_guide = open_new_plan_guide(win)
    assert plan_guide is not None
    assert views_that_tab_inside(plan_guide) == []
    plan_guide.close()


def test_tab_leaves_the_restore_dialog_tables(qtbot, win: MainWindow) -> None:
    dialog = RestoreDialog(win.session.db_path, win)
    qtbot.addWidget(dialog)
    assert dialog.findChildren(QAbstractItemView)
    assert views_that_tab_inside(dialog) == []


def test_tab_in_the_goal_list_moves_on_in_one_step_and_keeps_the_goal(
    qtbot, win: MainWindow, page: GoalsPage
) -> None:
    proxy = page.proxy
    page.table.setCurrentIndex(proxy.index(2, COL_TITLE))
    chosen = page.editor.uid
    assert chosen == proxy.index(2, 0).data(UID_ROLE)
    page.table.setFocus()
    assert QApplication.focusWidget() is page.table

    qtbot.keyClick(page.table, Qt.Key.Key_Tab)

    focus = QApplication.focusWidget()
    assert focus is not page.table and focus is not None
    assert page.editor.isAncestorOf(focus)  # on to the goal's editor
    assert page.editor.uid == chosen
    assert page.table.currentIndex().row() == 2

    # The arrow keys still move in the list.
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Down)
    assert page.editor.uid == proxy.index(3, 0).data(UID_ROLE)


def test_focus_is_shown_with_a_frame(qapp) -> None:
    before = qapp.styleSheet()
    try:
        show_focus(qapp)
        show_focus(qapp)  # once is enough
        sheet = qapp.styleSheet()
        assert sheet.count(FOCUS_STYLE) == 1
        for rule in ("QAbstractItemView:focus", "QLineEdit:focus", "QPlainTextEdit:focus"):
            assert rule in sheet
        assert "palette(highlight)" in sheet
    finally:
        qapp.setStyleSheet(before)


def test_on_a_small_laptop_the_editor_fits_without_scrolling(
    qtbot, win: MainWindow, page: GoalsPage
) -> None:
    page.table.setCurrentIndex(page.proxy.index(0, COL_TITLE))
    qtbot.wait(50)
    editor = page.editor
    assert page.splitter.orientation() == Qt.Orientation.Horizontal
    assert editor.verticalScrollBar().maximum() == 0
    assert editor.horizontalScrollBar().maximum() == 0
    # The status sits on top, above the tabs; the lists fill a tab, no page scrolls around them.
    assert editor.sections is not None
    status_y = editor.status_box.mapTo(editor.widget(), editor.status_box.rect().topLeft()).y()
    tabs_y = editor.sections.mapTo(editor.widget(), editor.sections.rect().topLeft()).y()
    assert status_y < tabs_y
    # (The manager's comments have a tab of their own only on a goal with comments.)
    tabs = editor.sections
    assert [tabs.tabText(i) for i in range(tabs.count()) if tabs.isTabVisible(i)] == [
        "Målet",
        "Inspiration",
        "Tegn på succes",
        "Handlinger",
        "Historik",
    ]
    # The titles have room: the title column is the widest, the status is not cut.
    header = page.table.horizontalHeader()
    shown = [c for c in range(header.count()) if not page.table.isColumnHidden(c)]
    assert max(shown, key=header.sectionSize) == COL_TITLE


def test_the_splitter_and_the_tab_are_remembered(
    qtbot, db_path: Path, example_plan_id: int, win: MainWindow, page: GoalsPage
) -> None:
    sizes = page.splitter.sizes()
    page.splitter.moveSplitter(sizes[0] - 120, 1)
    moved = page.splitter.sizes()
    assert moved[0] < sizes[0]
    page.editor.sections.setCurrentIndex(3)
    win.close()

    again = MainWindow(db_path)
    qtbot.addWidget(again)
    again.resize(*SMALL_LAPTOP)
    again.show()
    qtbot.waitExposed(again)
    second = again.show_page(GOALS)
    assert isinstance(second, GoalsPage)
    assert abs(second.splitter.sizes()[0] - moved[0]) <= 2
    assert second.editor.sections.currentIndex() == 3


def test_on_a_small_laptop_the_status_note_has_room_to_type(
    qtbot, win: MainWindow, page: GoalsPage
) -> None:
    # Seen at 1366 × 768 with the Vejledning panel open: the note beside the new status was
    # squeezed to a few letters ("Hvor st…") between the status and the button.
    if win.findings_dock().isHidden():  # folded at this size: the leader opens it
        win.findings_dock().toggleViewAction().trigger()
    page.table.setCurrentIndex(page.proxy.index(0, COL_TITLE))
    qtbot.wait(50)
    editor = page.editor
    assert win.findings_dock().isVisible()
    note = editor.note_edit
    hint = note.fontMetrics().horizontalAdvance(note.placeholderText())
    assert note.width() >= hint
    # The status, its note and the button still stand above the tabs, and nothing scrolls.
    assert editor.sections is not None
    bottom = editor.register_button.mapTo(
        editor.widget(), editor.register_button.rect().bottomLeft()
    )
    assert bottom.y() < editor.sections.mapTo(editor.widget(), editor.sections.rect().topLeft()).y()
    assert editor.verticalScrollBar().maximum() == 0
