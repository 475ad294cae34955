"""The goals page opens at a goal: the one the leader chose last (remembered per user across
restarts), else the list's first; a plan without goals shows how to begin."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from tests.ui_helpers import shown_window, small_plan
from udviklingsplan_app import services
from ui.models.goals import COL_TITLE
from ui.shell import GOALS

MEDICINE = "Tryg og sikker medicinhåndtering i hjemmesygeplejen"


def goals_page(qtbot, db_path: Path):
    win = shown_window(qtbot, db_path)
    return win, win.show_page(GOALS)


def selected_titles(page) -> list[str]:
    return [
        page.proxy.index(i.row(), COL_TITLE).data()
        for i in page.table.selectionModel().selectedRows()
    ]


def test_the_page_opens_at_the_first_goal_then_at_the_last_chosen(
    qtbot, db_path: Path, example_plan_id: int
) -> None:
    win, page = goals_page(qtbot, db_path)
    first = page.proxy.index(0, COL_TITLE).data()
    assert page.right.currentWidget() is page.editor
    assert page.editor.title_edit.text() == first and selected_titles(page) == [first]

    uid = next(g.uid for g in win.session.plan.goals if g.title == MEDICINE)
    assert page.select_goal(uid)
    win.close()

    win, page = goals_page(qtbot, db_path)  # the program starts again
    assert page.editor.title_edit.text() == MEDICINE
    assert selected_titles(page) == [MEDICINE]
    win.close()

    # The remembered goal is gone (deleted elsewhere): the first goal again.
    services.delete_goal(
        next(g.id for g in services.load_plan(example_plan_id).goals if g.uid == uid)
    )
    win, page = goals_page(qtbot, db_path)
    assert page.editor.title_edit.text() == first


def test_a_plan_without_goals_shows_how_to_begin(qtbot, db_path: Path) -> None:
    small_plan(2027)
    _win, page = goals_page(qtbot, db_path)
    assert page.right.currentWidget() is page.hint
    assert "ingen udviklingsmål" in page.hint.text()
