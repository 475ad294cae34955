"""A goal's parts (actions, indicators with measurements and a trend chart, involvement),
driven as a leader would, with what was stored checked in the database."""

from __future__ import annotations

import datetime as dt

import pytest

pytest.importorskip("PySide6")

import itertools

import shiboken6
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QLineEdit

from tests.ui_helpers import edit_cell
from udviklingsplan_app import services
from udviklingsplan_app.domain import Goal, Indicator, Measurement, Party
from udviklingsplan_app.formatting import danish_number, parse_number
from ui.editors.goal_parts import GoalPartsEditor
from ui.main_window import MainWindow
from ui.models.goal_parts import (
    ActionsModel,
    IndicatorsModel,
    InvolvementModel,
    MeasurementsModel,
)
from ui.widgets.date_edit import DateEdit
from ui.widgets.trend_chart import TrendChart

CHECK = Qt.ItemDataRole.CheckStateRole


def stored(window: MainWindow, uid: str) -> Goal:
    plan = services.load_plan(window.session.plan_id)
    return next(goal for goal in plan.goals if goal.uid == uid)


def press_enter(qtbot, editor) -> None:
    """Enter in a cell editor: the delegate stores the value and closes the editor (queued)."""
    assert editor.isVisible()
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not shiboken6.isValid(editor) or not editor.isVisible())


def texts(model, column: int) -> list[str]:
    return [model.index(row, column).data() for row in range(model.rowCount())]


# --- actions -------------------------------------------------------------------------------


def test_add_edit_tick_delete_and_undo_an_action(qtbot, window, parts) -> None:
    uid = parts.goal.uid
    model, view = parts.actions_model, parts.actions_view
    count = model.rowCount()
    assert count == 4 and parts.tabs.tabText(0) == "Handlinger (4)"

    qtbot.mouseClick(parts.add_action_button, Qt.MouseButton.LeftButton)
    assert model.rowCount() == count + 1
    assert parts.tabs.tabText(0) == "Handlinger (5)"
    assert stored(window, uid).actions[-1].text == "Ny handling"
    assert window.undo_action.text() == "&Fortryd ny handling"
    # The new action's text is being edited, all selected, so typing replaces it.
    text_index = model.index(count, ActionsModel.TEXT)
    editor = view.indexWidget(text_index)
    assert view.state() == QAbstractItemView.State.EditingState
    assert isinstance(editor, QLineEdit) and editor.selectedText() == "Ny handling"
    qtbot.keyClicks(editor, "Aftale om trivselsmåling med MED-udvalget")
    press_enter(qtbot, editor)
    assert text_index.data() == "Aftale om trivselsmåling med MED-udvalget"
    assert stored(window, uid).actions[-1].text == "Aftale om trivselsmåling med MED-udvalget"
    assert window.undo_action.text() == "&Fortryd ændret handling"

    # The other cells, as their delegates would set them.
    assert model.setData(model.index(count, ActionsModel.RESPONSIBLE), "Søren Æbelø ")
    assert model.setData(model.index(count, ActionsModel.DEADLINE), dt.date(2026, 5, 1))
    assert model.setData(model.index(count, ActionsModel.DONE), Qt.CheckState.Checked.value, CHECK)
    action = stored(window, uid).actions[-1]
    assert (action.responsible, action.deadline, action.done) == (
        "Søren Æbelø",
        dt.date(2026, 5, 1),
        True,
    )
    assert model.index(count, ActionsModel.RESPONSIBLE).data() == "Søren Æbelø"
    assert model.index(count, ActionsModel.DEADLINE).data() == "1. maj 2026"
    assert model.index(count, ActionsModel.DONE).data(CHECK) == Qt.CheckState.Checked
    assert window.undo_action.text() == "&Fortryd handling markeret som udført"

    # An empty text is refused with a Danish notice; nothing changes.
    assert not model.setData(text_index, "   ")
    assert window.notice.isVisible() and "skal have en tekst" in window.notice_text.text()
    assert stored(window, uid).actions[-1].text == "Aftale om trivselsmåling med MED-udvalget"

    # Delete the selected action (no question: it can be undone, as the tooltip says).
    assert not parts.delete_action_button.isEnabled() or view.selectionModel().hasSelection()
    view.selectRow(count)
    assert parts.delete_action_button.isEnabled()
    assert "Fortryd" in parts.delete_action_button.toolTip()
    qtbot.mouseClick(parts.delete_action_button, Qt.MouseButton.LeftButton)
    assert model.rowCount() == count
    assert len(stored(window, uid).actions) == count
    assert window.undo_action.text() == "&Fortryd slettet handling"
    assert [i.row() for i in view.selectionModel().selectedRows()] == [count - 1]

    window.undo_action.trigger()
    assert model.rowCount() == count + 1
    assert text_index.data() == "Aftale om trivselsmåling med MED-udvalget"
    assert model.index(count, ActionsModel.DONE).data(CHECK) == Qt.CheckState.Checked
    # Undo gave every row a new id; the next edit uses the new one.
    restored = stored(window, uid).actions[-1]
    assert model.row(count).id == restored.id
    assert model.setData(model.index(count, ActionsModel.DONE), Qt.CheckState.Unchecked, CHECK)
    assert stored(window, uid).actions[-1].done is False
    assert window.undo_action.text() == "&Fortryd handling markeret som ikke udført"


def test_deadline_through_the_date_delegate(qtbot, window, parts) -> None:
    uid = parts.goal.uid
    model, view = parts.actions_model, parts.actions_view
    index = model.index(0, ActionsModel.DEADLINE)
    assert index.data() == "30. april 2026"
    view.setCurrentIndex(index)
    view.edit(index)
    editor = view.indexWidget(index)
    assert isinstance(editor, DateEdit) and editor.value() == dt.date(2026, 4, 30)
    assert editor.text() == "30. april 2026" and editor.selectedText() == editor.text()
    qtbot.keyClicks(editor, "15.8.26")  # typing replaces the chosen text
    press_enter(qtbot, editor)
    assert index.data() == "15. august 2026"
    assert stored(window, uid).actions[0].deadline == dt.date(2026, 8, 15)

    # Delete (the whole text is chosen) empties an optional date.
    view.edit(index)
    editor = view.indexWidget(index)
    qtbot.keyClick(editor, Qt.Key.Key_Delete)
    press_enter(qtbot, editor)
    assert index.data() == ""
    assert stored(window, uid).actions[0].deadline is None


def test_refresh_keeps_the_selection_and_a_cell_being_edited(qtbot, window, parts) -> None:
    session = window.session
    model, view = parts.actions_model, parts.actions_view
    view.selectRow(1)
    steps = session.undo_stack.count()
    # Closing an editor without a change stores nothing.
    assert model.setData(model.index(1, ActionsModel.TEXT), model.row(1).text)
    assert session.undo_stack.count() == steps

    # Someone else's edit (the goal's title) reloads the goal: the selection stays.
    session.apply("ændret titel", services.update_goal, parts.goal.id, title="Mindre sygefravær")
    assert parts.goal.title == "Mindre sygefravær"
    assert [i.row() for i in view.selectionModel().selectedRows()] == [1]

    # A cell half typed survives another cell of its row changing (undo of an earlier edit,
    # say) and the first row disappearing.
    index = model.index(2, ActionsModel.TEXT)
    view.edit(index)
    editor = view.indexWidget(index)
    assert isinstance(editor, QLineEdit)
    editor.setText("Halvt skrevet")
    session.apply(
        "ændret handling", services.update_action, parts.goal.actions[2].id, responsible="HR"
    )
    session.apply("slettet handling", services.delete_action, parts.goal.actions[0].id)
    assert model.index(1, ActionsModel.RESPONSIBLE).data() == "HR"
    moved = model.index(1, ActionsModel.TEXT)
    assert view.indexWidget(moved) is editor and editor.text() == "Halvt skrevet"
    press_enter(qtbot, editor)
    assert stored(window, parts.goal.uid).actions[1].text == "Halvt skrevet"


# --- indicators, measurements and the chart ------------------------------------------------


def test_indicator_with_danish_numbers_and_measurements(qtbot, window, parts) -> None:
    uid = parts.goal.uid
    parts.tabs.setCurrentIndex(1)
    model, view = parts.indicators_model, parts.indicators_view
    assert texts(model, IndicatorsModel.LATEST) == ["7,2 (30. september 2026)"]
    assert parts.chart.summary() == "3 målinger fra 8,4 til 7,2; mål 6,5"

    qtbot.mouseClick(parts.add_indicator_button, Qt.MouseButton.LeftButton)
    row = model.rowCount() - 1
    assert row == 1 and parts.tabs.tabText(1) == "Indikatorer (2)"
    editor = view.indexWidget(model.index(row, IndicatorsModel.NAME))
    assert isinstance(editor, QLineEdit)
    qtbot.keyClicks(editor, "Trivselsscore")
    press_enter(qtbot, editor)
    assert stored(window, uid).indicators[row].name == "Trivselsscore"

    assert model.setData(model.index(row, IndicatorsModel.UNIT), "point")
    assert model.setData(model.index(row, IndicatorsModel.BASELINE), "12,5")
    assert model.setData(model.index(row, IndicatorsModel.TARGET), "20")
    indicator = stored(window, uid).indicators[row]
    assert (indicator.unit, indicator.baseline, indicator.target) == ("point", 12.5, 20.0)
    assert model.index(row, IndicatorsModel.BASELINE).data() == "12,5"
    assert model.index(row, IndicatorsModel.BASELINE).data(Qt.ItemDataRole.EditRole) == "12,5"
    assert window.undo_action.text() == "&Fortryd ændret indikator"

    # A word is not a number: a Danish notice, nothing stored.
    assert not model.setData(model.index(row, IndicatorsModel.BASELINE), "tolv")
    assert window.notice.isVisible()
    assert "»tolv« er ikke et tal" in window.notice_text.text()
    assert stored(window, uid).indicators[row].baseline == 12.5
    assert not model.setData(model.index(row, IndicatorsModel.NAME), " ")
    assert stored(window, uid).indicators[row].name == "Trivselsscore"

    # The new indicator is chosen: its (no) measurements and a calm chart.
    assert parts.current_indicator().name == "Trivselsscore"
    assert parts.measurements_box.title() == "Målinger for »Trivselsscore«"
    assert parts.measurements_model.rowCount() == 0
    assert parts.chart.message() == "Tilføj mindst to målinger for at se udviklingen"

    for date, value in (("3.3.2026", "12"), ("1. juni 2026", "18,5")):
        parts.measurement_date.selectAll()
        qtbot.keyClicks(parts.measurement_date, date)
        qtbot.keyClicks(parts.measurement_value, value)
        qtbot.mouseClick(parts.add_measurement_button, Qt.MouseButton.LeftButton)
        assert parts.measurement_value.text() == ""
    # Enter in the value field adds too.
    parts.measurement_date.set_value(dt.date(2026, 9, 1))
    qtbot.keyClicks(parts.measurement_value, "15")
    qtbot.keyClick(parts.measurement_value, Qt.Key.Key_Return)
    assert window.undo_action.text() == "&Fortryd ny måling"

    measurements = parts.measurements_model
    assert texts(measurements, MeasurementsModel.DATE) == [
        "3. marts 2026",
        "1. juni 2026",
        "1. september 2026",
    ]
    assert texts(measurements, MeasurementsModel.VALUE) == ["12", "18,5", "15"]
    assert [m.value for m in stored(window, uid).indicators[row].measurements] == [12, 18.5, 15]
    assert model.index(row, IndicatorsModel.LATEST).data() == "15 (1. september 2026)"

    chart = parts.chart
    assert chart.message() == ""
    assert chart.summary() == "3 målinger fra 12 til 15; mål 20"
    assert chart.accessibleDescription() == chart.summary()
    assert chart.accessibleName() == "Udvikling for Trivselsscore (point)"
    points = chart.points()
    assert len(points) == 3
    assert points[0].x() < points[1].x() < points[2].x()
    assert points[1].y() < points[0].y()  # 12 → 18,5 rises (screen y grows downwards)
    assert points[2].y() > points[1].y()  # 18,5 → 15 falls
    assert all(QRectF(chart.rect()).contains(p) for p in points)

    # A bad value: a notice, no measurement.
    qtbot.keyClicks(parts.measurement_value, "abc")
    qtbot.mouseClick(parts.add_measurement_button, Qt.MouseButton.LeftButton)
    assert "»abc« er ikke et tal" in window.notice_text.text()
    assert len(stored(window, uid).indicators[row].measurements) == 3

    # Delete the middle one; undo brings it back.
    parts.measurements_view.selectRow(1)
    qtbot.mouseClick(parts.delete_measurement_button, Qt.MouseButton.LeftButton)
    assert texts(measurements, MeasurementsModel.VALUE) == ["12", "15"]
    assert chart.summary() == "2 målinger fra 12 til 15; mål 20"
    assert window.undo_action.text() == "&Fortryd slettet måling"
    window.undo_action.trigger()
    assert texts(measurements, MeasurementsModel.VALUE) == ["12", "18,5", "15"]
    assert parts.current_indicator().name == "Trivselsscore"  # still chosen after undo

    # Choosing the first indicator shows its measurements.
    view.setCurrentIndex(model.index(0, 0))
    assert texts(measurements, MeasurementsModel.VALUE) == ["8,4", "7,6", "7,2"]
    assert chart.indicator().name == "Sygefravær"

    # Deleting an indicator takes its measurements along; undo restores both.
    view.selectRow(1)
    qtbot.mouseClick(parts.delete_indicator_button, Qt.MouseButton.LeftButton)
    assert [i.name for i in stored(window, uid).indicators] == ["Sygefravær"]
    assert window.undo_action.text() == "&Fortryd slettet indikator"
    window.undo_action.trigger()
    assert [m.value for m in stored(window, uid).indicators[1].measurements] == [12, 18.5, 15]


def test_edit_a_measurement_in_place_and_undo(qtbot, window, parts) -> None:
    uid = parts.goal.uid
    parts.tabs.setCurrentIndex(1)
    model, view, chart = parts.measurements_model, parts.measurements_view, parts.chart
    assert parts.current_indicator().name == "Sygefravær"
    assert texts(model, MeasurementsModel.DATE) == [
        "31. marts 2026",
        "30. juni 2026",
        "30. september 2026",
    ]
    assert texts(model, MeasurementsModel.VALUE) == ["8,4", "7,6", "7,2"]
    first_y = chart.points()[0].y()
    middle_y = chart.points()[1].y()

    # F2 on the middle value: its Danish text, all selected, so typing replaces it.
    value_index = model.index(1, MeasurementsModel.VALUE)
    editor = edit_cell(qtbot, view, value_index)
    assert editor.selectedText() == "7,6"
    # The narrow column's field still has room for a long number.
    assert editor.width() > editor.fontMetrics().horizontalAdvance("1.234.567,89")
    qtbot.keyClicks(editor, "8,9")
    press_enter(qtbot, editor)
    assert texts(model, MeasurementsModel.VALUE) == ["8,4", "8,9", "7,2"]
    assert [x.value for x in stored(window, uid).indicators[0].measurements] == [8.4, 8.9, 7.2]
    assert window.undo_action.text() == "&Fortryd ændret måling"
    assert chart.summary() == "3 målinger fra 8,4 til 7,2; mål 6,5"
    assert chart.points()[1].y() < first_y < middle_y  # 8,9 now above 8,4 (y grows down)

    # Double-click the last date and move it to January: it becomes the first measurement.
    date_index = model.index(2, MeasurementsModel.DATE)
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(date_index).center()
    )
    qtbot.mouseDClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(date_index).center()
    )
    editor = view.indexWidget(date_index)
    assert isinstance(editor, DateEdit) and editor.value() == dt.date(2026, 9, 30)
    assert editor.text() == "30. september 2026"
    qtbot.keyClicks(editor, "15-01-2026")
    press_enter(qtbot, editor)
    assert texts(model, MeasurementsModel.DATE) == [
        "15. januar 2026",
        "31. marts 2026",
        "30. juni 2026",
    ]
    assert texts(model, MeasurementsModel.VALUE) == ["7,2", "8,4", "8,9"]
    assert view.currentIndex().row() == 0  # the moved measurement stays chosen
    measured = stored(window, uid).indicators[0].measurements
    assert [(x.date, x.value) for x in measured] == [
        (dt.date(2026, 1, 15), 7.2),
        (dt.date(2026, 3, 31), 8.4),
        (dt.date(2026, 6, 30), 8.9),
    ]
    assert parts.indicators_model.index(0, IndicatorsModel.LATEST).data() == ("8,9 (30. juni 2026)")
    assert chart.summary() == "3 målinger fra 7,2 til 8,9; mål 6,5"
    points = chart.points()
    assert points[0].x() < points[1].x() < points[2].x()
    assert points[0].y() > points[1].y() > points[2].y()  # 7,2 → 8,4 → 8,9 rises

    # Each edit was one step: undo puts the old date, then the old value back.
    window.undo_action.trigger()
    assert texts(model, MeasurementsModel.DATE)[2] == "30. september 2026"
    assert texts(model, MeasurementsModel.VALUE) == ["8,4", "8,9", "7,2"]
    window.undo_action.trigger()
    assert texts(model, MeasurementsModel.VALUE) == ["8,4", "7,6", "7,2"]
    measured = stored(window, uid).indicators[0].measurements
    assert [(x.date, x.value) for x in measured] == [
        (dt.date(2026, 3, 31), 8.4),
        (dt.date(2026, 6, 30), 7.6),
        (dt.date(2026, 9, 30), 7.2),
    ]
    assert chart.summary() == "3 målinger fra 8,4 til 7,2; mål 6,5"
    assert chart.points()[1].y() == pytest.approx(middle_y)


def test_a_refused_measurement_value_changes_nothing(qtbot, window, parts) -> None:
    uid = parts.goal.uid
    session = window.session
    parts.tabs.setCurrentIndex(1)
    model, view = parts.measurements_model, parts.measurements_view
    steps = session.undo_stack.count()
    before = stored(window, uid).indicators[0].measurements
    summary = parts.chart.summary()

    # Typed into the cell as a leader would: a Danish notice, and the cell shows the old value.
    index = model.index(0, MeasurementsModel.VALUE)
    editor = edit_cell(qtbot, view, index)
    qtbot.keyClicks(editor, "tolv")
    press_enter(qtbot, editor)
    assert window.notice.isVisible()
    assert "»tolv« er ikke et tal" in window.notice_text.text()
    assert texts(model, MeasurementsModel.VALUE) == ["8,4", "7,6", "7,2"]

    # An empty value is refused too (deleting is what »Slet måling« is for).
    assert not model.setData(index, "  ")
    assert "skal have en værdi" in window.notice_text.text()
    # Unchanged text stores nothing and adds no step.
    assert model.setData(index, "8,4")
    assert model.setData(model.index(0, MeasurementsModel.DATE), dt.date(2026, 3, 31))

    assert stored(window, uid).indicators[0].measurements == before
    assert session.undo_stack.count() == steps
    assert parts.chart.summary() == summary


# --- involvement ---------------------------------------------------------------------------


def test_involvement_with_a_party_chosen(qtbot, window, parts) -> None:
    uid = parts.goal.uid
    parts.tabs.setCurrentIndex(2)
    model, view = parts.involvement_model, parts.involvement_view
    assert texts(model, InvolvementModel.PARTY) == ["MED-udvalg", "Egen leder", "Medarbejdere"]

    qtbot.mouseClick(parts.add_involvement_button, Qt.MouseButton.LeftButton)
    row = model.rowCount() - 1
    assert row == 3 and parts.tabs.tabText(2) == "Inddragelse (4)"
    # The strategy's party not yet involved in this goal is suggested.
    assert model.index(row, InvolvementModel.PARTY).data() == "Ledelsesteam"
    assert window.undo_action.text() == "&Fortryd ny inddragelse"
    form = view.indexWidget(model.index(row, InvolvementModel.FORM))
    assert isinstance(form, QLineEdit)
    qtbot.keyClicks(form, "Drøftelse på ledelsesmøde")
    press_enter(qtbot, form)

    party_index = model.index(row, InvolvementModel.PARTY)
    view.setCurrentIndex(party_index)
    view.edit(party_index)
    combo = view.indexWidget(party_index)
    assert isinstance(combo, QComboBox)
    assert [combo.itemText(i) for i in range(combo.count())] == [p.label for p in Party]
    assert combo.currentText() == "Ledelsesteam"
    choice = combo.findText("Borgere og pårørende")
    combo.setCurrentIndex(choice)
    combo.activated.emit(choice)  # a choice is stored at once
    assert party_index.data() == "Borgere og pårørende"
    assert model.setData(model.index(row, InvolvementModel.DATE), dt.date(2026, 4, 2))
    assert model.setData(
        model.index(row, InvolvementModel.OUTCOME), "Borgerrådet vil gerne være med."
    )
    entry = stored(window, uid).involvement[row]
    assert (entry.party, entry.date, entry.form, entry.outcome) == (
        Party.BORGERE_PAAROERENDE,
        dt.date(2026, 4, 2),
        "Drøftelse på ledelsesmøde",
        "Borgerrådet vil gerne være med.",
    )
    assert model.index(row, InvolvementModel.DATE).data() == "2. april 2026"
    assert window.undo_action.text() == "&Fortryd ændret inddragelse"

    view.selectRow(row)
    qtbot.mouseClick(parts.delete_involvement_button, Qt.MouseButton.LeftButton)
    assert len(stored(window, uid).involvement) == 3
    window.undo_action.trigger()
    assert model.index(row, InvolvementModel.PARTY).data() == "Borgere og pårørende"


def test_on_the_goals_page_undo_reaches_the_parts(qtbot, window) -> None:
    """The goal editor embeds the parts and shows them again after undo (no test hook)."""
    from ui.main_window import GOALS

    page = window.show_page(GOALS)
    goal = window.session.plan.goals[3]  # "Bedre rekruttering …"
    assert page.select_goal(goal.uid)
    parts = page.findChild(GoalPartsEditor)
    assert parts is not None and parts.goal.uid == goal.uid
    page.editor.sections.setCurrentWidget(parts.parentWidget())  # the page's "Handlinger" tab
    parts.tabs.setCurrentIndex(1)
    assert texts(parts.indicators_model, IndicatorsModel.NAME) == [i.name for i in goal.indicators]
    count = parts.actions_model.rowCount()
    parts.tabs.setCurrentIndex(0)
    qtbot.mouseClick(parts.add_action_button, Qt.MouseButton.LeftButton)
    assert parts.actions_model.rowCount() == count + 1
    window.session.flush()
    window.undo_action.trigger()
    assert parts.actions_model.rowCount() == count
    assert len(stored(window, goal.uid).actions) == count
    window.redo_action.trigger()
    assert texts(parts.actions_model, ActionsModel.TEXT)[-1] == "Ny handling"


# --- models, goals and numbers -------------------------------------------------------------


def test_models_pass_the_model_tester(qtmodeltester, window, parts) -> None:
    assert parts.measurements_model.rowCount() == 3
    for model in (
        parts.actions_model,
        parts.indicators_model,
        parts.measurements_model,
        parts.involvement_model,
    ):
        assert model.rowCount() > 0
        qtmodeltester.check(model, force_py=True)


def test_another_goal_or_none(window, parts) -> None:
    goals = window.session.plan.goals
    parts.set_goal(goals[4])  # one indicator without measurements, one involvement entry
    assert texts(parts.indicators_model, IndicatorsModel.NAME) == [goals[4].indicators[0].name]
    assert parts.actions_model.rowCount() == len(goals[4].actions)
    assert parts.chart.summary() == "Ingen målinger endnu; mål 75"
    parts.set_goal(goals[6])  # no indicators
    assert parts.current_indicator() is None
    assert not parts.add_measurement_button.isEnabled()
    assert parts.chart.message() == "Vælg en indikator for at se udviklingen"
    parts.set_goal(None)
    assert not parts.tabs.isEnabled()
    assert parts.actions_model.rowCount() == parts.involvement_model.rowCount() == 0


def test_danish_numbers() -> None:
    assert parse_number("12,5") == 12.5
    assert parse_number(" 12.5 ") == 12.5
    assert parse_number("1.250") == 1250
    assert parse_number("1.250,75") == 1250.75
    assert parse_number("-3") == -3
    assert parse_number("8,1 %") == 8.1
    assert parse_number("") is None
    for bad in ("tolv", "1,2.3", "nan", "inf", "1e400", "9" * 400, "12,5,1"):
        with pytest.raises(ValueError):
            parse_number(bad)
    assert [danish_number(v) for v in (12.5, 8.0, -0.0, 0.1 + 0.2, 1250.0)] == [
        "12,5",
        "8",
        "0",
        "0,3",
        "1250",
    ]
    assert danish_number(None) == ""


# --- the chart on its own ------------------------------------------------------------------


def test_chart_with_none_one_and_several_measurements(qtbot) -> None:
    chart = TrendChart()
    qtbot.addWidget(chart)
    chart.resize(420, 260)
    chart.show()
    assert not chart.grab().isNull()
    assert chart.summary() == "Ingen indikator valgt"

    indicator = Indicator("Sygefravær", "%", baseline=8.1, target=6.5)
    chart.set_indicator(indicator)
    assert not chart.grab().isNull()
    assert chart.summary() == "Ingen målinger endnu; mål 6,5"
    assert chart.points() == []

    indicator.measurements = [Measurement(dt.date(2026, 3, 31), 8.4)]
    chart.set_indicator(indicator)
    assert not chart.grab().isNull()
    assert chart.summary() == "1 måling: 8,4 (31. marts 2026); mål 6,5"
    assert chart.message() == "Tilføj mindst to målinger for at se udviklingen"
    assert chart.points() == []

    # Given out of order, drawn over time.
    indicator.measurements = [
        Measurement(dt.date(2026, 9, 30), 7.2),
        Measurement(dt.date(2026, 3, 31), 8.4),
        Measurement(dt.date(2026, 6, 30), 7.6),
    ]
    chart.set_indicator(indicator)
    assert not chart.grab().isNull()
    assert chart.summary() == "3 målinger fra 8,4 til 7,2; mål 6,5"
    assert chart.accessibleDescription() == chart.summary()
    small = chart.points(QRectF(0, 0, 420, 260))
    assert [p.y() for p in small] == sorted(p.y() for p in small)  # falling values
    # Twice the room: the line spreads out more than twice as far (the margins stay).
    big = chart.points(QRectF(0, 0, 840, 520))
    assert big[-1].x() - big[0].x() > 2 * (small[-1].x() - small[0].x())
    assert big[-1].y() - big[0].y() > 2 * (small[-1].y() - small[0].y())
    # The days between measurements set the spacing (91 and 92 days).
    gaps = [b.x() - a.x() for a, b in itertools.pairwise(small)]
    assert gaps[0] == pytest.approx(gaps[1] * 91 / 92, rel=1e-6)

    # Larger text (150 % scaling) makes room for the axis labels instead of overlapping.
    font = chart.font()
    font.setPointSizeF(font.pointSizeF() * 1.5)
    chart.setFont(font)
    assert chart.points(QRectF(0, 0, 420, 260))[0].x() > small[0].x()
    assert not chart.grab().isNull()

    # A dark palette is used as it is.
    palette = chart.palette()
    palette.setColor(QPalette.ColorRole.Base, QColor("#202020"))
    palette.setColor(QPalette.ColorRole.Text, QColor("#f0f0f0"))
    chart.setPalette(palette)
    image = chart.grab().toImage()
    assert image.pixelColor(image.width() // 2, 3).lightness() < 60


def test_chart_of_equal_values_on_one_day(qtbot) -> None:
    chart = TrendChart()
    qtbot.addWidget(chart)
    chart.resize(300, 200)
    same = dt.date(2026, 5, 1)
    chart.set_indicator(
        Indicator("Antal", measurements=[Measurement(same, 4), Measurement(same, 4)])
    )
    points = chart.points()
    assert len(points) == 2 and points[0] == points[1]
    assert QRectF(chart.rect()).contains(points[0])
    assert chart.summary() == "2 målinger fra 4 til 4"
    assert not chart.grab().isNull()
