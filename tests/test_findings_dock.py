"""The "Vejledning" panel beside every page, and the dialogues saved as a calendar file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from icalendar import Calendar
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from tests.ui_helpers import shown_window, small_plan
from udviklingsplan_app import services
from udviklingsplan_app.domain import Severity, SituationSection
from udviklingsplan_app.guidance import Concern, Finding
from ui import main_window as mw
from ui.main_window import MainWindow
from ui.operations import calendar_file

SPRING = dt.date(2026, 3, 1)


@pytest.fixture(autouse=True)
def _panel_opened_before() -> None:
    # The offscreen screen is 800 pixels wide: a narrow window, where the panel starts folded
    # unless the leader has opened it there (test_ui_goals_small_screen.py tests that).
    from ui.settings import settings
    from ui.widgets.findings_dock import NARROW_OPEN_KEY

    settings().setValue(NARROW_OPEN_KEY, True)


@pytest.fixture
def new_plan_id(db_path: Path) -> int:
    return small_plan()


@pytest.fixture
def window(qtbot, db_path: Path, new_plan_id: int) -> MainWindow:
    return shown_window(qtbot, db_path, today=SPRING)


def _texts(window: MainWindow) -> list[str]:
    model = window.findings_dock().model
    return [str(model.data(model.index(row, 0))) for row in range(model.rowCount())]


def _click(window: MainWindow, qtbot, starting: str) -> None:
    dock = window.findings_dock()
    row = next(i for i, text in enumerate(_texts(window)) if text.startswith(starting))
    index = dock.model.index(row, 0)
    dock.list.scrollTo(index)
    rect = dock.list.visualRect(index)
    qtbot.mouseClick(dock.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_the_panel_is_beside_every_page(window: MainWindow, qtmodeltester) -> None:
    dock = window.findings_dock()
    assert dock.isVisible() and dock.windowTitle() == "Vejledning"
    for number in range(len(mw.PAGES)):
        window.show_page(number)
        assert dock.isVisible()
    qtmodeltester.check(dock.model)


def test_the_findings_follow_every_edit_undo_and_redo(window: MainWindow, qtbot) -> None:
    dock = window.findings_dock()
    assert any(t.startswith("Advarsel: Arbejdspladsens aktuelle situation") for t in _texts(window))
    assert dock.summary.text() == "3 advarsler · 7 tips"

    # Typed into the situation page, as a leader does.
    page = window.show_page(mw.SITUATION)
    editor = page.editors[SituationSection.FACTS]
    editor.setFocus()
    qtbot.keyClicks(editor, "Bostøtte til 40 borgere")
    assert window.session.flush()
    texts = _texts(window)
    assert not any("ikke beskrevet endnu" in t for t in texts)
    assert any(t.startswith("Tip: Den aktuelle situation mangler") for t in texts)

    session = window.session
    plan_id = session.plan.id
    for title in ("Faste kontaktpersoner", "Mere selvbestemmelse", "Færre skift i vagtplanen"):
        session.apply(
            "nyt mål", services.add_goal, plan_id, year=2026, vision="vaerdigt-liv", title=title
        )
    texts = _texts(window)
    assert not any("ingen udviklingsmål for 2026" in t for t in texts)
    assert any("»Faste kontaktpersoner« (2026)" in t for t in texts)

    window.undo_action.trigger()
    assert len(session.plan.goals) == 2
    assert any("2026 har kun 2 udviklingsmål" in t for t in _texts(window))
    window.redo_action.trigger()
    assert not any("2026 har kun" in t for t in _texts(window))


def test_a_click_on_a_finding_shows_what_it_concerns(window: MainWindow, qtbot) -> None:
    window.show_page(mw.OVERVIEW)
    _click(window, qtbot, "Advarsel: Arbejdspladsens aktuelle situation")
    assert window.stack.currentIndex() == mw.SITUATION

    _click(window, qtbot, "Tip: Der er endnu ingen udviklingsmål for 2027")
    assert window.stack.currentIndex() == mw.GOALS
    goals = window.page(mw.GOALS)
    assert goals.year_filter.currentData() == 2027


def test_the_panel_can_be_hidden_and_shown_from_the_view_menu(window: MainWindow) -> None:
    dock = window.findings_dock()
    toggle = dock.toggleViewAction()
    assert toggle in window.view_menu.actions() and toggle.text() == "&Vejledning"
    overview = window.show_page(mw.OVERVIEW)
    # With the panel open, the overview does not list the findings a second time.
    assert not overview.findings.isVisible()
    toggle.trigger()
    assert not dock.isVisible()
    assert overview.findings.isVisible()
    toggle.trigger()
    assert dock.isVisible() and not overview.findings.isVisible()


def test_the_summary_counts_each_kind_in_danish(window: MainWindow) -> None:
    dock = window.findings_dock()

    def findings(*severities: Severity) -> list[Finding]:
        return [Finding(s, "x", "tekst", Concern("plan")) for s in severities]

    assert dock.summary_text([]) == "Planen ser god ud – der er ingen bemærkninger."
    assert (
        dock.summary_text(findings(Severity.TIP, *[Severity.FEJL] * 2, *[Severity.ADVARSEL] * 3))
        == "2 fejl · 3 advarsler · 1 tip"
    )
    assert dock.summary_text(
        findings(Severity.FEJL, Severity.ADVARSEL, Severity.TIP, Severity.TIP)
    ) == ("1 fejl · 1 advarsel · 2 tips")


def test_without_a_plan_the_panel_says_so(qtbot, db_path: Path) -> None:
    win = MainWindow(db_path)
    qtbot.addWidget(win)
    dock = win.findings_dock()
    assert dock.summary.text() == "Der er ingen plan åben."
    assert dock.model.rowCount() == 0


def test_the_panel_waits_for_the_first_paint(qtbot, db_path: Path, new_plan_id: int) -> None:
    from udviklingsplan_app.storage import close_db
    from udviklingsplan_app.storage.database import open_reader

    close_db()
    win = MainWindow(db_path, open_reader(db_path), paint_first=True)
    qtbot.addWidget(win)
    win.show()
    assert win._findings_dock is None
    assert win.finish_start()
    assert win.findings_dock().isVisible()
    assert win.findings_dock().model.rowCount() > 0


# --- the calendar file from the Filer menu -------------------------------------------------


def test_the_dialogues_are_saved_as_a_calendar_file(
    qtbot, db_path: Path, example_plan_id: int, tmp_path: Path, monkeypatch
) -> None:
    win = MainWindow(db_path)
    qtbot.addWidget(win)
    target = tmp_path / "dialoger"  # without the extension: .ics is added
    asked: list[str] = []

    def save_as(_parent, _title, suggestion, _filter):
        asked.append(suggestion)
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    monkeypatch.setattr(calendar_file, "ask_meeting_time", lambda _p: (dt.time(10), 90))
    assert win.calendar_action.isEnabled()
    win.calendar_action.trigger()

    assert Path(asked[0]).name == "Dialoger Den Sociale Hjemmepleje, Borgercenter Hjemmepleje.ics"
    calendar = Calendar.from_ical(target.with_suffix(".ics").read_bytes())
    events = list(calendar.walk("VEVENT"))
    assert [e.decoded("dtstart") for e in events] == [
        dt.datetime(2026, 2, 10, 10, 0),
        dt.datetime(2026, 6, 16, 10, 0),
        dt.datetime(2026, 11, 30, 10, 0),
        dt.datetime(2027, 1, 19, 10, 0),
        dt.datetime(2027, 2, 9, 10, 0),
    ]
    assert str(events[0]["summary"]).startswith("Startdialog med Henrik Lund")
    assert "Outlook" in win.statusBar().currentMessage()


def test_without_dated_dialogues_the_leader_is_told_what_to_do(
    window: MainWindow, monkeypatch
) -> None:
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: told.append(text))
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a: pytest.fail("no file to ask for")
    )
    monkeypatch.setattr(
        calendar_file, "ask_meeting_time", lambda _p: pytest.fail("no time to ask for")
    )
    window.calendar_action.trigger()
    assert told and "Sæt en dato på dialogerne" in told[0]


def test_a_calendar_file_that_cannot_be_written_is_explained(
    qtbot, db_path: Path, example_plan_id: int, tmp_path: Path, monkeypatch
) -> None:
    win = MainWindow(db_path)
    qtbot.addWidget(win)
    folder = tmp_path / "findes-ikke"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a: (str(folder / "dialoger.ics"), "")
    )
    monkeypatch.setattr(calendar_file, "ask_meeting_time", lambda _p: (dt.time(10), 90))
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warned.append(text))
    win.calendar_action.trigger()
    assert warned == [f"Mappen {folder} findes ikke."]
    assert not folder.exists()


# --- the years' focus on the overview ------------------------------------------------------


def test_the_overview_shows_the_years_focus_and_the_panel_the_tip(
    window: MainWindow, qtmodeltester
) -> None:
    session = window.session
    plan_id = session.plan.id
    session.apply(
        "nyt mål",
        services.add_goal,
        plan_id,
        year=2026,
        vision="sund-organisation",
        title="Færre skift",
    )
    session.apply(
        "fokus for 2026",
        services.set_year_focus,
        plan_id,
        2026,
        ["vaerdigt-liv", "sund-organisation"],
    )
    overview = window.show_page(mw.OVERVIEW)
    model = overview.overview_model
    qtmodeltester.check(model)

    def cell(row: int, column: int) -> str:
        return str(model.data(model.index(row, column)))

    assert cell(0, 0) == "Fokus – intet mål endnu"
    assert model.data(model.index(0, 0), Qt.ItemDataRole.BackgroundRole).name() == "#ddebf7"
    assert cell(0, 3).split("\n") == ["Fokus · 1 mål", "• Færre skift"]
    assert cell(0, 1) == "–" and cell(1, 0) == "–"
    assert any(
        t.startswith("Tip: 2026 fokuserer på visionen »Et værdigt liv«") for t in _texts(window)
    )

    window.undo_action.trigger()
    assert cell(0, 0) == "–"
    assert cell(0, 3).split("\n")[0] == "1 mål"
    assert not any("fokuserer på" in t for t in _texts(window))


def test_the_years_dialogues_are_saved_from_the_dialogues_page(
    qtbot, db_path: Path, example_plan_id: int, tmp_path: Path, monkeypatch
) -> None:
    win = MainWindow(db_path)
    qtbot.addWidget(win)
    page = win.show_page(mw.DIALOGUES)
    page.choose_year(2026)
    asked: list[str] = []

    def save_as(_parent, _title, suggestion, _filter):
        asked.append(suggestion)
        return str(tmp_path / "dialoger 2026.ics"), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    monkeypatch.setattr(calendar_file, "ask_meeting_time", lambda _p: (dt.time(8, 30), 60))
    qtbot.mouseClick(page.calendar_button, Qt.MouseButton.LeftButton)

    assert Path(asked[0]).name.startswith("Dialoger 2026 Den Sociale Hjemmepleje")
    events = list(Calendar.from_ical((tmp_path / "dialoger 2026.ics").read_bytes()).walk("VEVENT"))
    assert [str(e["summary"]).split(" med ")[0] for e in events] == [
        "Startdialog",
        "Midtvejsdialog",
        "Slutdialog",
        "Opfølgning",
    ]
    assert events[3].decoded("dtstart") == dt.datetime(2027, 1, 19, 8, 30)
    assert events[3].decoded("dtend") == dt.datetime(2027, 1, 19, 9, 30)
