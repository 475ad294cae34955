"""Every tab in sight on a 1366 × 768 laptop with the Vejledning open (about 1366 × 705 for the
window) and at 150 % (about 911 × 512 logical pixels): the goal editor's six tabs, when the goal
has comments from the leader's manager, and the four dialogues beside the comments on Dialoger.
Before, the tab bars scrolled and "Målet" or "Opfølgning" slid out of sight."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtWidgets import QTabBar

from tests.test_ui_goals_small_screen import settle, started
from udviklingsplan_app.domain import ManagerComment
from ui.main_window import DIALOGUES, GOALS, MainWindow

LAPTOP, AT_150 = (1366, 705), (911, 512)


def _with_panel(qtbot, db_path: Path, size: tuple[int, int]) -> MainWindow:
    win = started(qtbot, db_path, size)
    dock = win.findings_dock()
    if dock.isHidden():
        dock.toggleViewAction().trigger()  # Vis ▸ Vejledning
    settle(qtbot)
    assert dock.isVisible()
    return win


def _outside(bar: QTabBar) -> list[str]:
    """The visible tabs not wholly inside the tab bar."""
    inside = bar.rect()
    return [
        bar.tabText(i)
        for i in range(bar.count())
        if bar.isTabVisible(i) and not inside.contains(bar.tabRect(i))
    ]


def _squeezed(bar: QTabBar) -> list[str]:
    """The tabs narrower than their names need (drawn shortened with "…")."""
    return [
        bar.tabText(i)
        for i in range(bar.count())
        if bar.isTabVisible(i) and bar.tabRect(i).width() < bar.tabSizeHint(i).width()
    ]


@pytest.mark.parametrize("size", [LAPTOP, AT_150])
def test_the_goal_editors_six_tabs_are_all_in_sight(
    qtbot, db_path: Path, example_plan_id: int, size: tuple[int, int]
) -> None:
    win = _with_panel(qtbot, db_path, size)
    page = win.show_page(GOALS)
    page.table.selectRow(0)
    settle(qtbot)
    editor = page.editor
    plan = win.session.plan
    assert plan is not None
    seen = ManagerComment("Godt mål.", dt.date(2026, 3, 1), seen=True)
    editor._show_comments(dataclasses.replace(plan.goals[0], manager_comments=[seen]))
    editor.sections.setCurrentIndex(editor.sections.count() - 1)  # the last tab chosen
    settle(qtbot)
    bar = editor.sections.tabBar()
    shown = [bar.tabText(i) for i in range(bar.count()) if bar.isTabVisible(i)]
    assert shown[0] == "Målet" and shown[-1] == "Kommentarer (1)" and len(shown) == 6
    assert _outside(bar) == []
    assert bar.tabRect(0).left() == 0  # "Målet" has not slid off to the left
    if size == LAPTOP:  # there the names are whole, not shortened with "…"
        assert _squeezed(bar) == []
    assert all(bar.tabToolTip(i) for i in range(bar.count()))  # the whole name, if shortened


@pytest.mark.parametrize("size", [LAPTOP, AT_150])
def test_the_four_dialogues_are_all_in_sight_beside_the_comments(
    qtbot, db_path: Path, example_plan_id: int, size: tuple[int, int]
) -> None:
    win = _with_panel(qtbot, db_path, size)
    page = win.show_page(DIALOGUES)
    page.tabs.setCurrentIndex(3)
    settle(qtbot)
    assert page.comments_box.isVisible()
    bar = page.tabs.tabBar()
    assert bar.tabText(3) == "Opfølgning – planlagt 19. jan. 2027"
    assert _outside(bar) == []
    if size == LAPTOP:  # there the names are whole, not shortened with "…"
        assert _squeezed(bar) == []
    assert page.tabs.tabToolTip(3) == "Planlagt 19. januar 2027"


def test_the_comments_width_on_dialoger_is_remembered(
    qtbot, db_path: Path, example_plan_id: int
) -> None:
    win = started(qtbot, db_path, LAPTOP)
    page = win.show_page(DIALOGUES)
    settle(qtbot)
    total = sum(page.splitter.sizes())
    page.splitter.setSizes([total - 300, 300])
    page.splitter.splitterMoved.emit(total - 300, 1)  # as when the leader drags the handle
    win.close()
    again = started(qtbot, db_path, LAPTOP).show_page(DIALOGUES)
    settle(qtbot)
    assert abs(again.splitter.sizes()[1] - 300) <= 2
