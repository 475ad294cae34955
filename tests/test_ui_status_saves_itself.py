"""A chosen status and its note are stored when the leader leaves them (issue 12, item 1)."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox

from tests.ui_helpers import goals_page, shown_window
from udviklingsplan_app import services
from udviklingsplan_app.domain import Goal, Status
from ui.main_window import OVERVIEW, MainWindow
from ui.models.goals import COL_TITLE
from ui.pages.goals_page import GoalsPage

SICK_LEAVE = "Lavere sygefravær gennem tidlig dialog og bedre trivsel"  # 2026, in progress
MEDICINE = "Tryg og sikker medicinhåndtering i hjemmesygeplejen"  # 2027
NOTE = "Fraværet er faldet til 7,9 %."


@pytest.fixture
def win(qtbot, db_path: Path, example_plan_id: int) -> MainWindow:
    return shown_window(qtbot, db_path)


@pytest.fixture
def page(win: MainWindow) -> GoalsPage:
    return goals_page(win)


def stored_goal(plan_id: int, title: str) -> Goal:
    return next(g for g in services.load_plan(plan_id).goals if g.title == title)


def click_row(qtbot, page: GoalsPage, title: str) -> None:
    proxy = page.proxy
    row = [proxy.index(r, COL_TITLE).data() for r in range(proxy.rowCount())].index(title)
    rect = page.table.visualRect(proxy.index(row, COL_TITLE))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert page.editor.title_edit.text() == title


def pick_with_keys(qtbot, combo: QComboBox, label: str) -> None:
    """Choose an item with the arrow keys, as a leader on the keyboard does."""
    combo.setFocus()
    target = combo.findText(label)
    assert target >= 0, label
    key = Qt.Key.Key_Down if target > combo.currentIndex() else Qt.Key.Key_Up
    while combo.currentIndex() != target:
        qtbot.keyClick(combo, key)
    assert combo.currentText() == label


def choose_status_and_type_note(qtbot, page: GoalsPage) -> None:
    click_row(qtbot, page, SICK_LEAVE)
    editor = page.editor
    pick_with_keys(qtbot, editor.status_combo, Status.DELVIST_NAAET.label)
    editor.note_edit.setFocus()
    qtbot.keyClicks(editor.note_edit, NOTE)


def test_status_and_note_are_stored_when_another_goal_is_clicked_and_undo_restores(
    qtbot, win: MainWindow, page: GoalsPage, example_plan_id: int
) -> None:
    before = stored_goal(example_plan_id, SICK_LEAVE)
    assert before.status is Status.I_GANG
    choose_status_and_type_note(qtbot, page)
    assert stored_goal(example_plan_id, SICK_LEAVE).status is Status.I_GANG  # not yet

    click_row(qtbot, page, MEDICINE)

    goal = stored_goal(example_plan_id, SICK_LEAVE)
    assert goal.status is Status.DELVIST_NAAET
    assert len(goal.status_history) == len(before.status_history) + 1
    assert goal.status_history[-1].note == NOTE
    assert page.editor.note_edit.text() == ""  # the other goal shows its own, empty note
    assert (
        page.editor.status_combo.currentData()
        == stored_goal(example_plan_id, MEDICINE).status.value
    )
    assert "registreret status" in win.undo_action.text()

    win.undo_action.trigger()  # one step: status and note go together
    goal = stored_goal(example_plan_id, SICK_LEAVE)
    assert goal.status is Status.I_GANG
    assert goal.status_history == before.status_history


def test_status_and_note_are_stored_when_the_window_closes(
    qtbot, win: MainWindow, page: GoalsPage, example_plan_id: int
) -> None:
    choose_status_and_type_note(qtbot, page)
    assert win.close()
    goal = stored_goal(example_plan_id, SICK_LEAVE)
    assert goal.status is Status.DELVIST_NAAET
    assert goal.status_history[-1].note == NOTE


def test_status_and_note_are_stored_when_another_page_is_shown(
    qtbot, win: MainWindow, page: GoalsPage, example_plan_id: int
) -> None:
    choose_status_and_type_note(qtbot, page)
    win.show_page(OVERVIEW)
    goal = stored_goal(example_plan_id, SICK_LEAVE)
    assert goal.status is Status.DELVIST_NAAET
    assert goal.status_history[-1].note == NOTE
    assert win.session.undo_stack.count() == 1


def test_status_and_note_are_stored_when_focus_leaves_the_status(
    qtbot, win: MainWindow, page: GoalsPage, example_plan_id: int
) -> None:
    choose_status_and_type_note(qtbot, page)
    page.editor.title_edit.setFocus()
    assert stored_goal(example_plan_id, SICK_LEAVE).status_history[-1].note == NOTE
    # Moving between the status and its note does not store half an entry.
    pick_with_keys(qtbot, page.editor.status_combo, Status.NAAET.label)
    page.editor.note_edit.setFocus()
    assert stored_goal(example_plan_id, SICK_LEAVE).status is Status.DELVIST_NAAET
    qtbot.keyClicks(page.editor.note_edit, "Nået.")
    qtbot.keyClick(page.editor.note_edit, Qt.Key.Key_Return)
    goal = stored_goal(example_plan_id, SICK_LEAVE)
    assert goal.status is Status.NAAET and goal.status_history[-1].note == "Nået."


def test_only_a_note_is_stored_with_the_same_status(
    qtbot, win: MainWindow, page: GoalsPage, example_plan_id: int
) -> None:
    click_row(qtbot, page, SICK_LEAVE)
    before = stored_goal(example_plan_id, SICK_LEAVE)
    page.editor.note_edit.setFocus()
    qtbot.keyClicks(page.editor.note_edit, "Midtvejs: godt i gang.")
    click_row(qtbot, page, MEDICINE)
    goal = stored_goal(example_plan_id, SICK_LEAVE)
    assert goal.status is Status.I_GANG
    assert len(goal.status_history) == len(before.status_history) + 1
    assert goal.status_history[-1].note == "Midtvejs: godt i gang."


def test_ctrl_z_while_choosing_forgets_the_choice(
    qtbot, win: MainWindow, page: GoalsPage, example_plan_id: int
) -> None:
    choose_status_and_type_note(qtbot, page)
    steps = win.session.undo_stack.count()
    win.undo_action.trigger()
    assert stored_goal(example_plan_id, SICK_LEAVE).status is Status.I_GANG
    assert page.editor.status_combo.currentData() == Status.I_GANG.value
    assert not win.session.has_pending
    assert win.session.undo_stack.index() == steps  # the choice was the newest thing undone


def test_looking_at_goals_stores_nothing(
    qtbot, win: MainWindow, page: GoalsPage, example_plan_id: int
) -> None:
    click_row(qtbot, page, SICK_LEAVE)
    click_row(qtbot, page, MEDICINE)
    win.show_page(OVERVIEW)
    assert win.session.undo_stack.count() == 0


def test_a_typed_measurement_is_stored_when_another_goal_is_clicked(
    qtbot, win: MainWindow, page: GoalsPage, example_plan_id: int
) -> None:
    click_row(qtbot, page, SICK_LEAVE)
    parts = page.editor.parts
    indicator = parts.current_indicator()
    assert indicator is not None
    before = len(indicator.measurements)
    parts.measurement_value.setFocus()
    qtbot.keyClicks(parts.measurement_value, "7,5")

    click_row(qtbot, page, MEDICINE)

    goal = stored_goal(example_plan_id, SICK_LEAVE)
    kept = next(i for i in goal.indicators if i.name == indicator.name)
    assert len(kept.measurements) == before + 1
    assert 7.5 in [m.value for m in kept.measurements]
    assert parts.measurement_value.text() == ""
    assert "ny måling" in win.undo_action.text()


def test_new_year_final_status_and_note_are_stored_when_another_goal_is_chosen(
    qtbot, db_path: Path, example_plan_id: int
) -> None:
    import datetime as dt

    from ui.guide import YearGuide, open_year_guide

    win = shown_window(qtbot, db_path, started=True)
    guide = open_year_guide(win, today=dt.date(2026, 11, 25))
    assert isinstance(guide, YearGuide)
    step = guide.current_step()
    titles = [step.model.index(r, 0).data() for r in range(step.model.rowCount())]
    step.table.setCurrentIndex(step.model.index(titles.index(SICK_LEAVE), 0))
    pick_with_keys(qtbot, step.status_combo, Status.DELVIST_NAAET.label)
    step.note.setFocus()
    qtbot.keyClicks(step.note, "Faldt til 7,2 %")
    other = next(r for r, t in enumerate(titles) if t != SICK_LEAVE)
    step.table.setFocus()
    step.table.setCurrentIndex(step.model.index(other, 0))

    goal = stored_goal(example_plan_id, SICK_LEAVE)
    assert goal.status is Status.DELVIST_NAAET
    assert goal.status_history[-1].note == "Faldt til 7,2 %"
    assert step.note.text() == ""
    assert step.model.index(titles.index(SICK_LEAVE), 2).data() == "Delvist nået"
    guide.close()
