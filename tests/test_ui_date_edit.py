"""Dates typed as Danes write them, in every date field, driven as a leader would."""

from __future__ import annotations

import datetime as dt

import pytest

pytest.importorskip("PySide6")

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCalendarWidget, QTableView

from udviklingsplan_app import services
from udviklingsplan_app.domain import DialogueKind, Goal
from ui.main_window import DIALOGUES, GOALS, MainWindow
from ui.models.goal_parts import ActionsModel
from ui.widgets.date_edit import DateEdit


def stored_goal(window: MainWindow) -> Goal:
    plan = services.load_plan(window.session.plan_id)
    return next(goal for goal in plan.goals if goal.uid == window.session.plan.goals[0].uid)


def open_deadline(view: QTableView, row: int = 0) -> DateEdit:
    index = view.model().index(row, ActionsModel.DEADLINE)
    view.setCurrentIndex(index)
    view.edit(index)
    editor = view.indexWidget(index)
    assert isinstance(editor, DateEdit)
    return editor


def closed(editor: DateEdit) -> bool:
    return not shiboken6.isValid(editor) or not editor.isVisible()


@pytest.mark.parametrize(
    ("typed", "date", "shown"),
    [
        ("01-03-2027", dt.date(2027, 3, 1), "1. marts 2027"),
        ("15.04.2027", dt.date(2027, 4, 15), "15. april 2027"),
        ("1/3 2027", dt.date(2027, 3, 1), "1. marts 2027"),
        ("2027-03-01", dt.date(2027, 3, 1), "1. marts 2027"),
        ("9.2.27", dt.date(2027, 2, 9), "9. februar 2027"),
    ],
)
def test_a_typed_deadline_is_stored_and_shown_in_danish(
    qtbot, window, parts, typed: str, date: dt.date, shown: str
) -> None:
    view = parts.actions_view
    editor = open_deadline(view)
    assert editor.text() == "30. april 2026" and editor.selectedText() == editor.text()
    qtbot.keyClicks(editor, typed)  # typing replaces the chosen date
    assert editor.text() == typed  # what was typed is what is seen, character for character
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: closed(editor))
    assert stored_goal(window).actions[0].deadline == date
    assert view.model().index(0, ActionsModel.DEADLINE).data() == shown
    assert window.undo_action.text() == "&Fortryd ændret handling"


def test_a_refused_deadline_keeps_the_text_and_stores_nothing(qtbot, window, parts) -> None:
    view = parts.actions_view
    steps = window.session.undo_stack.count()
    editor = open_deadline(view)
    qtbot.keyClicks(editor, "32.1.2027")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert not closed(editor)  # the field stays open with what was typed
    assert editor.text() == "32.1.2027"
    message = "»32.1.2027« er ikke en dato – januar 2027 har 31 dage."
    assert editor.refusal() == message and editor.toolTip() == message
    assert window.notice.isVisible() and message in window.notice_text.text()
    assert stored_goal(window).actions[0].deadline == dt.date(2026, 4, 30)
    assert window.session.undo_stack.count() == steps

    # Put right, it is stored.
    editor.selectAll()
    qtbot.keyClicks(editor, "31.1.2027")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: closed(editor))
    assert stored_goal(window).actions[0].deadline == dt.date(2027, 1, 31)
    assert window.session.undo_stack.count() == steps + 1


def test_a_deadline_picked_in_the_calendar_is_stored_at_once(qtbot, window, parts) -> None:
    editor = open_deadline(parts.actions_view)
    qtbot.keyClick(editor, Qt.Key.Key_F4)
    assert editor.calendar.isVisible()
    assert editor.calendar.selectedDate().toPython() == dt.date(2026, 4, 30)
    editor.calendar.clicked.emit(editor.calendar.selectedDate().addDays(2))
    qtbot.waitUntil(lambda: closed(editor))
    assert stored_goal(window).actions[0].deadline == dt.date(2026, 5, 2)
    assert parts.actions_model.index(0, ActionsModel.DEADLINE).data() == "2. maj 2026"


def test_the_calendar_shows_whole_danish_weekday_names(qtbot) -> None:
    edit = DateEdit()
    qtbot.addWidget(edit)
    edit.show()
    qtbot.waitExposed(edit)
    edit.set_value(dt.date(2027, 3, 1))
    qtbot.keyClick(edit, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    calendar = edit.calendar
    assert calendar.isVisible() and calendar.isWindow()
    assert calendar.horizontalHeaderFormat() == QCalendarWidget.HorizontalHeaderFormat.LongDayNames
    assert calendar.firstDayOfWeek() == Qt.DayOfWeek.Monday
    names = [calendar.locale().dayName(day) for day in range(1, 8)]
    assert names == ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"]
    assert (calendar.yearShown(), calendar.monthShown()) == (2027, 3)
    # Room for seven whole names side by side.
    widest = max(calendar.fontMetrics().horizontalAdvance(name) for name in names)
    assert calendar.width() >= 7 * widest
    calendar.hide()


def test_a_dialogue_date_is_typed_as_danes_write_it(qtbot, window) -> None:
    page = window.show_page(DIALOGUES)
    page.choose_year(2026)
    form = page.forms[DialogueKind.START]
    held = form.held
    assert held.text() == "10. februar 2026"
    steps = window.session.undo_stack.count()

    # Select all and type: the typed text replaces it; "9" in the day is 9, not 19.
    held.setFocus()
    held.selectAll()
    qtbot.keyClicks(held, "9")
    assert held.text() == "9"
    qtbot.keyClicks(held, ". feb. 2026")
    qtbot.keyClick(held, Qt.Key.Key_Return)
    assert held.text() == "9. februar 2026"
    stored = services.load_plan(window.session.plan_id).dialogue(2026, DialogueKind.START)
    assert stored is not None and stored.held == dt.date(2026, 2, 9)
    assert window.session.undo_stack.count() == steps + 1  # one step to undo

    planned = page.forms[DialogueKind.MIDT].planned
    planned.setFocus()
    planned.selectAll()
    qtbot.keyClicks(planned, "1. marts 2027")
    qtbot.keyClick(planned, Qt.Key.Key_Return)
    stored = services.load_plan(window.session.plan_id).dialogue(2026, DialogueKind.MIDT)
    assert stored is not None and stored.planned == dt.date(2027, 3, 1)
    assert planned.text() == "1. marts 2027"

    window.undo_action.trigger()
    stored = services.load_plan(window.session.plan_id).dialogue(2026, DialogueKind.MIDT)
    assert stored is None or stored.planned != dt.date(2027, 3, 1)


def test_a_refused_dialogue_date_stays_typed_and_waits(qtbot, window, monkeypatch) -> None:
    page = window.show_page(DIALOGUES)
    page.choose_year(2026)
    held = page.forms[DialogueKind.START].held
    held.setFocus()
    held.selectAll()
    qtbot.keyClicks(held, "13.13.2026")
    qtbot.keyClick(held, Qt.Key.Key_Return)
    assert held.text() == "13.13.2026"
    assert "kun 12 måneder" in window.notice_text.text() and window.notice.isVisible()
    stored = services.load_plan(window.session.plan_id).dialogue(2026, DialogueKind.START)
    assert stored is not None and stored.held == dt.date(2026, 2, 10)
    # It waits, like any typing not yet stored: closing the window would ask.
    assert window.session.has_pending
    assert not window.session.flush()
    window.session.reload()
    assert held.text() == "13.13.2026"  # a reload does not wipe the typing

    # Emptying the field means no date (a dialogue's dates may be empty).
    held.selectAll()
    qtbot.keyClick(held, Qt.Key.Key_Delete)
    qtbot.keyClick(held, Qt.Key.Key_Return)
    assert not window.session.has_pending
    stored = services.load_plan(window.session.plan_id).dialogue(2026, DialogueKind.START)
    assert stored is not None and stored.held is None


def test_a_typed_date_is_stored_when_the_leader_goes_to_another_page(qtbot, window) -> None:
    page = window.show_page(DIALOGUES)
    page.choose_year(2027)
    planned = page.forms[DialogueKind.SLUT].planned
    planned.setFocus()
    planned.selectAll()
    qtbot.keyClicks(planned, "24-11-27")  # no Return
    window.show_page(GOALS)
    stored = services.load_plan(window.session.plan_id).dialogue(2027, DialogueKind.SLUT)
    assert stored is not None and stored.planned == dt.date(2027, 11, 24)
    window.show_page(DIALOGUES)
    assert planned.text() == "24. november 2027"


def test_a_new_measurements_date_is_typed_and_a_wrong_one_refused(qtbot, window, parts) -> None:
    parts.indicators_view.selectRow(0)
    indicator = parts.current_indicator()
    assert indicator is not None
    count = len(indicator.measurements)
    assert parts.measurement_date.value() == dt.date.today()  # a required date: never empty

    parts.measurement_date.selectAll()
    qtbot.keyClicks(parts.measurement_date, "31.2.2026")
    qtbot.keyClicks(parts.measurement_value, "7,5")
    qtbot.mouseClick(parts.add_measurement_button, Qt.MouseButton.LeftButton)
    assert "februar 2026 har 28 dage" in window.notice_text.text()
    assert parts.measurement_date.text() == "31.2.2026" and parts.measurement_value.text() == "7,5"
    assert len(stored_goal(window).indicators[0].measurements) == count

    parts.measurement_date.selectAll()
    qtbot.keyClicks(parts.measurement_date, "28/2 2026")
    qtbot.mouseClick(parts.add_measurement_button, Qt.MouseButton.LeftButton)
    measured = stored_goal(window).indicators[0].measurements
    assert len(measured) == count + 1
    assert (dt.date(2026, 2, 28), 7.5) in [(m.date, m.value) for m in measured]
    # The next measurement suggests today, not a copy of this one's date.
    assert parts.measurement_date.value() == dt.date.today()
