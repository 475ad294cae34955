"""Issue 12's small gaps, as a leader meets them: no nagging about a goal being written,
the overview opens a goal, a new measurement suggests today, no empty chart, remembered window
sizes, the calendar file's meeting time, and the guide's two ways out explained."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt

from tests.ui_helpers import shown_window, small_plan
from udviklingsplan_app import services
from udviklingsplan_app.domain import DialogueKind
from ui import main_window as mw
from ui.main_window import MainWindow

SPRING = dt.date(2026, 3, 1)


@pytest.fixture
def plan_id(db_path: Path) -> int:
    return small_plan()


@pytest.fixture
def window(qtbot, db_path: Path, plan_id: int) -> MainWindow:
    return shown_window(qtbot, db_path, today=SPRING)


def _goal_findings(window: MainWindow, uid: str) -> list[str]:
    model = window.findings_dock().model
    return [
        model.finding(row).code
        for row in range(model.rowCount())
        if model.finding(row).concerns.goal_uid == uid
    ]


# --- a: a goal being written -------------------------------------------------------------------


def test_a_new_goal_is_not_nagged_about_until_the_leader_leaves_it(window, qtbot) -> None:
    page = window.show_page(mw.GOALS)
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    first = window.session.plan.goals[-1]
    assert _goal_findings(window, first.uid) == []
    qtbot.keyClicks(page.editor.title_edit, "Flere borgere i aktiviteter")
    assert _goal_findings(window, first.uid) == []

    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)  # the leader goes on
    second = window.session.plan.goals[-1]
    assert second.uid != first.uid
    assert _goal_findings(window, first.uid) == ["goal-without-success", "goal-without-actions"]
    assert _goal_findings(window, second.uid) == []

    overview = window.show_page(mw.OVERVIEW)  # leaving the page leaves the goal too
    assert _goal_findings(window, second.uid) == [
        "goal-without-success",
        "goal-default-title",  # left untitled: now the tip asks for a title
        "goal-without-actions",
    ]
    model = overview.findings_model  # the overview's own list (when the panel is closed)
    assert second.uid in {model.finding(r).concerns.goal_uid for r in range(model.rowCount())}


# --- c: the overview opens a goal ----------------------------------------------------------------


def _double_click_cell(window: MainWindow, qtbot, row: int, column: int) -> None:
    overview = window.show_page(mw.OVERVIEW)
    overview.refresh()
    index = overview.overview_model.index(row, column)
    rect = overview.overview.visualRect(index)
    # A double-click is a press and a double-click event on the same cell.
    qtbot.mouseClick(overview.overview.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(overview.overview.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_double_clicking_an_overview_cell_opens_its_goal(window, qtbot, plan_id) -> None:
    framework = window.session.framework
    vision = framework.visions[1].id
    services.add_goal(plan_id, year=2027, vision=framework.visions[0].id, title="Andet mål")
    services.add_goal(plan_id, year=2027, vision=vision, title="Flere i aktiviteter")
    services.add_goal(plan_id, year=2027, vision=vision, title="Bedre overgange")
    window.session.reload()

    _double_click_cell(window, qtbot, 1, 1)  # 2027 × the second vision

    page = window.current_page()
    assert page is window.page(mw.GOALS)
    assert page.editor.title_edit.text() == "Flere i aktiviteter"
    shown = [page.proxy.index(r, 0).data() for r in range(page.proxy.rowCount())]
    assert len(shown) == 2  # the cell's two goals in the list, the first open


def test_double_clicking_an_empty_cell_shows_the_empty_year_and_vision(window, qtbot) -> None:
    _double_click_cell(window, qtbot, 2, 0)
    page = window.current_page()
    assert page is window.page(mw.GOALS)
    assert page.proxy.rowCount() == 0


# --- d, e: measurements and the chart --------------------------------------------------------------


@pytest.fixture
def example_window(qtbot, db_path: Path, example_plan_id: int) -> MainWindow:
    win = shown_window(qtbot, db_path)
    return win


@pytest.fixture
def parts(qtbot, example_window: MainWindow):
    from ui.editors.goal_parts import GoalPartsEditor

    editor = GoalPartsEditor(example_window.session)
    qtbot.addWidget(editor)
    uid = example_window.session.plan.goals[1].uid  # two indicators
    example_window.session.changed.connect(
        lambda: editor.set_goal(example_window.session.goal(uid))
    )
    editor.set_goal(example_window.session.goal(uid))
    editor.resize(1000, 650)
    editor.show()
    qtbot.waitExposed(editor)
    return editor


def test_the_next_measurement_suggests_today_not_the_last_date(qtbot, parts) -> None:
    today = dt.date.today()
    assert parts.measurement_date.value() == today
    parts.measurement_date.set_value(dt.date(2026, 3, 3))  # a measurement from last spring
    qtbot.keyClicks(parts.measurement_value, "7,9")
    qtbot.mouseClick(parts.add_measurement_button, Qt.MouseButton.LeftButton)
    stored = parts.current_indicator().measurements
    assert (dt.date(2026, 3, 3), 7.9) in [(m.date, m.value) for m in stored]
    assert parts.measurement_date.value() == today

    parts.measurement_date.set_value(dt.date(2026, 3, 3))
    parts.indicators_view.setCurrentIndex(parts.indicators_model.index(1, 0))
    assert parts.current_indicator().name == parts.goal.indicators[1].name
    assert parts.measurement_date.value() == today  # another indicator: today again


def test_the_chart_is_hidden_on_a_goal_without_indicators(parts, example_window) -> None:
    goals = example_window.session.plan.goals
    assert not parts.chart.isHidden()
    no_indicators = next(g for g in goals if not g.indicators)
    parts.set_goal(no_indicators)
    assert parts.chart.isHidden()
    assert parts.measurements_model.rowCount() == 0
    parts.set_goal(goals[0])
    assert not parts.chart.isHidden()


# --- h: the calendar file's meeting time -------------------------------------------------------


def test_the_meeting_time_is_chosen_and_remembered(qtbot, monkeypatch) -> None:
    from PySide6.QtCore import QTime
    from PySide6.QtWidgets import QDialog

    from ui.operations import calendar_file
    from ui.operations.calendar_file import MeetingTimeDialog, ask_meeting_time, remembered_time

    assert remembered_time() == (dt.time(10, 0), 90)  # the first time: 10:00–11:30
    seen: list[tuple[str, str]] = []

    def leader_chooses(dialog: MeetingTimeDialog) -> int:
        seen.append((dialog.start_edit.text(), dialog.end_edit.text()))
        dialog.start_edit.setTime(QTime(9, 0))
        dialog.end_edit.setTime(QTime(8, 0))  # before the start: refused, the dialog stays
        dialog.accept()
        assert dialog.message.text() == "Mødet skal slutte, efter det begynder."
        assert dialog.result() != QDialog.DialogCode.Accepted
        assert remembered_time() == (dt.time(10, 0), 90)  # nothing stored
        dialog.end_edit.setTime(QTime(10, 15))
        dialog.accept()
        return int(dialog.result())

    monkeypatch.setattr(calendar_file.MeetingTimeDialog, "exec", leader_chooses)
    assert ask_meeting_time(None) == (dt.time(9, 0), 75)
    assert seen == [("10:00", "11:30")]
    assert remembered_time() == (dt.time(9, 0), 75)

    seen.clear()
    monkeypatch.setattr(
        calendar_file.MeetingTimeDialog,
        "exec",
        lambda d: seen.append((d.start_edit.text(), d.end_edit.text())) or 0,
    )
    assert ask_meeting_time(None) is None  # cancelled: no file
    assert seen == [("09:00", "10:15")]  # the next file starts from the last choice


# --- f: window sizes remembered per user -------------------------------------------------------


def test_the_settings_never_go_to_the_real_users_folder(_settings_in_a_temporary_folder) -> None:
    from ui.settings import settings

    assert Path(settings().fileName()).is_relative_to(_settings_in_a_temporary_folder)


def test_the_window_size_the_panel_and_maximised_are_remembered(qtbot, db_path, plan_id) -> None:
    from ui.settings import settings

    first = shown_window(qtbot, db_path)
    first.resize(720, 520)  # the offscreen screen is 800 × 600
    dock = first.findings_dock()
    first.resizeDocks([dock], [dock.minimumWidth()], Qt.Orientation.Horizontal)
    qtbot.waitUntil(lambda: dock.width() < dock.preferred_width())
    width = dock.width()
    assert first.close()
    assert settings().contains(mw.GEOMETRY_KEY) and settings().contains(mw.STATE_KEY)

    second = shown_window(qtbot, db_path)
    assert (second.width(), second.height()) == (720, 520)
    assert second.findings_dock().width() == width  # not the preferred width
    second.findings_dock().close()  # the leader closes the Vejledning panel
    second.showMaximized()
    qtbot.waitUntil(second.isMaximized)
    assert second.close()

    third = shown_window(qtbot, db_path)
    assert third.isMaximized()
    assert third.findings_dock().isHidden()


def test_an_unchanged_layout_leaves_the_settings_file_alone(qtbot, db_path, plan_id) -> None:
    from ui.settings import settings

    window = shown_window(qtbot, db_path)
    window.remember_layout()
    file = Path(settings().fileName())
    written = (file.read_bytes(), file.stat().st_mtime_ns)

    window.remember_layout()  # nothing changed: the file is not written again
    assert (file.read_bytes(), file.stat().st_mtime_ns) == written

    window.resize(700, 500)
    window.remember_layout()
    assert file.read_bytes() != written[0]
    assert settings().value(mw.GEOMETRY_KEY) == window.saveGeometry()


def test_the_guide_remembers_its_size_and_its_goal_splitter(qtbot, db_path, plan_id) -> None:
    from ui.guide import open_new_plan_guide
    from ui.guide.goals_step import GoalsStep
    from ui.guide.guide import GOALS
    from ui.guide.year_guide import YearGuide  # noqa: F401  (the guides are importable)

    window = shown_window(qtbot, db_path)
    guide = open_new_plan_guide(window)
    guide.resize(760, 540)
    guide.use_plan(plan_id)
    guide.plan_id = plan_id
    guide.go(GOALS)
    step: GoalsStep = guide.current_step()
    step.splitter.setSizes([250, 650])
    step.splitter.splitterMoved.emit(250, 1)  # as when the leader drags the handle
    guide.close()

    again = open_new_plan_guide(window)
    assert (again.width(), again.height()) == (760, 540)
    again.plan_id = plan_id
    again.go(GOALS)
    again.show()
    assert again.current_step().splitter.sizes()[0] == 250
    again.close()


# --- i: Luk guiden and Færdig explained ---------------------------------------------------------


def test_the_guide_says_what_luk_guiden_and_faerdig_do(qtbot, db_path, plan_id) -> None:
    from ui.guide import open_new_plan_guide

    window = shown_window(qtbot, db_path)
    guide = open_new_plan_guide(window)
    assert guide.exit_hint.text() == ""  # step 1 before the plan exists: its own tooltip
    assert guide.close_button.toolTip().startswith("Planen bliver først oprettet")

    guide.plan_id = plan_id
    guide.go(1)
    assert "fortsætter på dette trin" in guide.close_button.toolTip()
    assert guide.next_button.toolTip() == "Gemmer dette trin og går videre til det næste."
    assert guide.exit_hint.text().startswith("»Luk guiden« gemmer alt")
    assert guide.exit_hint.isVisible()

    guide.go(len(guide.steps) - 1)
    assert guide.next_button.text() == "&Færdig"
    assert "kommer ikke igen, når du åbner programmet" in guide.next_button.toolTip()
    assert "det samme som »Færdig«" in guide.close_button.toolTip()
    assert guide.exit_hint.text() == "»Færdig« afslutter guiden – den kommer ikke igen ved start."
    guide.close()


# --- g: the dialogues' participants -------------------------------------------------------------


def test_the_guides_dialogues_have_the_leader_and_the_manager_as_participants(
    qtbot, db_path, plan_id
) -> None:
    from ui.guide import open_new_plan_guide
    from ui.guide.guide import DIALOGUES

    window = shown_window(qtbot, db_path)
    guide = open_new_plan_guide(window)
    guide.plan_id = plan_id
    guide.go(DIALOGUES)
    dialogues = services.load_plan(plan_id).dialogues
    assert len(dialogues) == 4
    assert all(d.participants == ["Anne Berg", "Ole Dam"] for d in dialogues)

    page = window.show_page(mw.DIALOGUES)
    page.choose_year(2026)
    assert page.forms[DialogueKind.START].participants.text() == "Anne Berg, Ole Dam"
    guide.close()


def test_a_goal_written_in_the_guide_is_told_on_the_overview_behind_it_once_left(
    qtbot, db_path, plan_id
) -> None:
    from ui.guide import open_new_plan_guide
    from ui.guide.guide import GOALS

    window = shown_window(qtbot, db_path)
    overview = window.show_page(mw.OVERVIEW)
    guide = open_new_plan_guide(window)
    guide.plan_id = plan_id
    guide.go(GOALS)
    step = guide.current_step()
    first = step.add_goal()
    second = step.add_goal()

    def told(uid: str) -> bool:
        model = overview.findings_model
        return uid in {model.finding(r).concerns.goal_uid for r in range(model.rowCount())}

    assert told(first.uid) and not told(second.uid)
    step.select_goal(first.uid)  # the leader leaves the second goal: nothing is stored
    assert told(second.uid)

    third = step.add_goal()
    assert not told(third.uid)
    guide.go(GOALS + 1)  # the next step leaves the goal too
    assert told(third.uid)
    guide.close()
