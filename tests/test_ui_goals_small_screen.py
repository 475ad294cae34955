"""The goals page at 150 % on a 1366 × 768 laptop (about 911 × 512 logical pixels): the
Vejledning panel starts folded (the leader's choice to open it is remembered), the filters
stand on one row above the list, and the editor below gets the height."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ui_helpers import guide_at, small_plan
from ui.main_window import MainWindow
from ui.shell import GOALS

SMALL = (911, 512)


def started(qtbot, db_path: Path, size: tuple[int, int]) -> MainWindow:
    """The window as it opens (the panel is built after the first paint, at the window's size)."""
    from udviklingsplan_app.storage import close_db
    from udviklingsplan_app.storage.database import open_reader

    close_db()
    win = MainWindow(db_path, open_reader(db_path), paint_first=True)
    qtbot.addWidget(win)
    win.resize(*size)
    win.show()
    qtbot.waitExposed(win)
    assert win.finish_start()
    return win


def settle(qtbot) -> None:
    QApplication.processEvents()
    qtbot.wait(20)
    QApplication.processEvents()


def test_at_150_percent_the_editor_gets_the_height(qtbot, db_path: Path, example_plan_id) -> None:
    win = started(qtbot, db_path, SMALL)
    assert win.findings_dock().isHidden()  # folded: the page has the whole width
    page = win.show_page(GOALS)
    page.table.selectRow(0)
    settle(qtbot)
    assert page.splitter.orientation() == Qt.Orientation.Vertical  # the list above the editor
    # The four filters on one row.
    rows = {w.geometry().center().y() for w in (page.year_filter, page.search, page.status_filter)}
    assert max(rows) - min(rows) < page.year_filter.height() // 2
    assert page.search.geometry().right() <= page.width()
    list_height, editor_height = page.splitter.sizes()
    assert page.right.currentWidget() is page.editor
    assert editor_height >= 200 and editor_height > list_height
    assert page.editor.width() >= 700  # (with the panel open: about 500)
    assert page.table.height() >= page.table.verticalHeader().defaultSectionSize()


def test_the_panel_opened_in_a_narrow_window_stays_open(
    qtbot, db_path: Path, example_plan_id
) -> None:
    win = started(qtbot, db_path, SMALL)
    dock = win.findings_dock()
    assert dock.isHidden()
    dock.toggleViewAction().trigger()  # Vis ▸ Vejledning
    assert dock.isVisible()
    win.close()
    again = started(qtbot, db_path, SMALL)
    assert again.findings_dock().isVisible()


def test_a_wide_window_shows_the_panel_and_the_filters_two_by_two(
    qtbot, db_path: Path, example_plan_id
) -> None:
    win = started(qtbot, db_path, (1400, 900))
    assert win.findings_dock().isVisible()
    page = win.show_page(GOALS)
    settle(qtbot)
    assert page.splitter.orientation() == Qt.Orientation.Horizontal
    assert page.status_filter.geometry().top() > page.year_filter.geometry().bottom()
    # Made narrow, the page stacks the list over the editor; wide again, back side by side.
    win.resize(*SMALL)
    settle(qtbot)
    assert page.splitter.orientation() == Qt.Orientation.Vertical
    win.resize(1400, 900)
    settle(qtbot)
    assert page.splitter.orientation() == Qt.Orientation.Horizontal
    assert page.status_filter.geometry().top() > page.year_filter.geometry().bottom()


# --- the guide's goal step --------------------------------------------------------------------


def test_the_guides_coverage_text_is_never_cut_through(qtbot, db_path: Path) -> None:
    from udviklingsplan_app import services
    from ui.guide.guide import GOALS

    plan_id = small_plan(2027)
    services.set_year_focus(plan_id, 2027, ["vaerdigt-liv", "sund-organisation"])
    services.add_goal(plan_id, year=2027, vision="vaerdigt-liv", title="Færre fald")
    win = started(qtbot, db_path, (895, 472))
    guide = guide_at(win, plan_id, 2027, GOALS)
    guide.resize(871, 452)  # the guide at 150 % on a 1366 × 768 laptop
    qtbot.waitExposed(guide)
    settle(qtbot)
    label = guide.current_step().coverage
    whole = (
        "Årets fokus fra overblikket: V1 Et værdigt liv, V4 En sund og fagligt stærk "
        "organisation.\nVisioner uden udviklingsmål i planen endnu: V2 Et selvstændigt liv, "
        "V3 En helstøbt og langsigtet løsning, V4 En sund og fagligt stærk organisation."
    )
    # The label is as high as the text it shows needs: no line is cut through.
    assert label.height() >= label.heightForWidth(label.width())
    assert label.text().endswith("…") and whole.startswith(label.text()[:-1])
    assert label.toolTip() == whole  # the whole text on the mouse
    # With room (the leader moves the border), the whole text and no tooltip.
    guide.resize(1300, 800)
    guide.current_step().splitter.setSizes([700, 600])
    settle(qtbot)
    assert label.text() == whole and label.toolTip() == ""
    assert label.height() >= label.heightForWidth(label.width())
    guide.close()
