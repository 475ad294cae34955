"""The main window as a whole: navigation, undo and redo, new plan, exports and backups."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from tests.ui_helpers import export_through_dialogs, export_to_locked_target
from udviklingsplan_app import services
from udviklingsplan_app.domain import SituationSection
from udviklingsplan_app.guidance import Concern
from ui import main_window as mw
from ui.main_window import MainWindow
from ui.operations import finish_all, running


def _title(plan_id: int, index: int = 0) -> str:
    return services.load_plan(plan_id).goals[index].title


# --- the edit history -----------------------------------------------------------------------


def test_an_edit_is_stored_at_once_and_can_be_undone_and_redone(
    window: MainWindow, example_plan_id: int
) -> None:
    session = window.session
    goal = session.plan.goals[0]
    original = goal.title
    assert not window.undo_action.isEnabled()

    session.apply(
        "ændret titel", services.update_goal, goal.id, title="Flere hænder i hjemmeplejen"
    )

    assert _title(example_plan_id) == "Flere hænder i hjemmeplejen"
    assert window.undo_action.isEnabled()
    assert window.undo_action.text() == "&Fortryd ændret titel"
    window.undo_action.trigger()
    assert _title(example_plan_id) == original
    assert session.plan.goals[0].title == original
    assert session.plan.goals[0].uid == goal.uid
    assert window.redo_action.text() == "&Gentag ændret titel"
    window.redo_action.trigger()
    assert _title(example_plan_id) == "Flere hænder i hjemmeplejen"


def test_typing_in_one_field_is_one_step_to_undo(window: MainWindow, example_plan_id: int) -> None:
    session = window.session
    goal_id, uid = session.plan.goals[0].id, session.plan.goals[0].uid
    original = session.plan.goals[0].title
    for text in ("Ny", "Ny titel", "Ny titel på målet"):
        goal_id = session.goal(uid).id
        session.apply("ændret titel", services.update_goal, goal_id, title=text, merge=f"t:{uid}")
    assert session.undo_stack.count() == 1
    window.undo_action.trigger()
    assert _title(example_plan_id) == original


def test_a_refused_edit_is_explained_calmly_and_changes_nothing(
    window: MainWindow, example_plan_id: int
) -> None:
    goal = window.session.plan.goals[0]
    result = window.session.apply("ændret titel", services.update_goal, goal.id, title="   ")
    assert result is None
    assert window.notice.isVisible()
    assert "titel" in window.notice_text.text()
    assert _title(example_plan_id) == goal.title
    assert window.session.undo_stack.count() == 0
    window.notice_close.click()
    assert not window.notice.isVisible()


def test_undo_of_a_deleted_goal_brings_back_its_parts(
    window: MainWindow, example_plan_id: int
) -> None:
    from udviklingsplan_app.exchange.json_format import plan_to_data

    before = plan_to_data(services.load_plan(example_plan_id))
    goal = window.session.plan.goals[2]
    window.session.apply("slettet mål", services.delete_goal, goal.id)
    assert goal.uid not in [g.uid for g in services.load_plan(example_plan_id).goals]
    window.undo_action.trigger()
    assert plan_to_data(services.load_plan(example_plan_id)) == before


def test_switching_plan_starts_a_new_history(
    qtbot, window: MainWindow, example_plan_id: int
) -> None:
    goal = window.session.plan.goals[0]
    window.session.apply("ændret titel", services.update_goal, goal.id, title="Ændret")
    other = _create_plan_through_the_guide(window, qtbot, "Bostedet Lærkevej")
    assert window.session.plan_id == other
    assert not window.undo_action.isEnabled()
    assert window.plan_picker.count() == 2
    assert "Bostedet Lærkevej" in window.windowTitle()


# --- navigation -----------------------------------------------------------------------------


def test_pages_are_built_when_first_shown(window: MainWindow) -> None:
    assert set(window._pages) == {mw.OVERVIEW}
    window.page_actions[mw.STRATEGY].trigger()
    assert window.stack.currentIndex() == mw.STRATEGY
    assert window.nav.currentIndex().row() == mw.STRATEGY
    assert mw.STRATEGY in window._pages


def test_clicking_a_finding_goes_to_what_it_concerns(window: MainWindow, qtbot) -> None:
    from PySide6.QtCore import Qt

    overview = window.page(mw.OVERVIEW)
    model = overview.findings_model
    assert model.rowCount() > 0
    row = model.rowCount() - 1
    concern = model.finding(row).concerns
    overview.findings.scrollTo(model.index(row, 0))
    rect = overview.findings.visualRect(model.index(row, 0))
    qtbot.mouseClick(overview.findings.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    expected = {"situation": mw.SITUATION, "plan": mw.DETAILS, "dialogue": mw.DIALOGUES}
    assert window.stack.currentIndex() == expected.get(concern.kind, mw.GOALS)


def test_go_to_maps_each_kind_of_concern_to_its_page(window: MainWindow) -> None:
    expected = {
        "situation": mw.SITUATION,
        "plan": mw.DETAILS,
        "dialogue": mw.DIALOGUES,
        "goal": mw.GOALS,
        "year": mw.GOALS,
    }
    goal = window.session.plan.goals[0]
    for kind, page in expected.items():
        window.go_to(Concern(kind, year=goal.year, goal_uid=goal.uid))
        assert window.stack.currentIndex() == page, kind


# --- a new plan -----------------------------------------------------------------------------


def _create_plan_through_the_guide(window: MainWindow, qtbot, workplace: str) -> int:
    """Filer ▸ Ny plan opens the guide; its first step creates the plan (the guide stays open)."""
    from ui.guide import PlanGuide

    window.new_plan_action.trigger()
    guide = window.guide
    assert isinstance(guide, PlanGuide) and guide.isVisible()
    about = guide.steps[0]
    about.workplace.setText(workplace)
    about.leader_name.setText("Søren Ærø")
    about.manager_name.setText("Åse Øster")
    about.level.setValue(2)
    qtbot.mouseClick(guide.next_button, Qt.MouseButton.LeftButton)
    assert guide.current == 1
    return window.session.plan_id


def test_a_new_plan_is_created_and_opened(qtbot, db_path: Path) -> None:
    win = MainWindow(db_path)
    qtbot.addWidget(win)
    win.show()
    assert win.empty_box.isVisible()
    plan_id = _create_plan_through_the_guide(win, qtbot, "Bostedet Lærkevej")
    plan = services.load_plan(plan_id)
    assert (plan.workplace, plan.leader.name, plan.manager.name, plan.level) == (
        "Bostedet Lærkevej",
        "Søren Ærø",
        "Åse Øster",
        2,
    )
    assert plan.framework_id == "socialstrategi-2018" and plan.years == 4
    assert not win.empty_box.isVisible()
    assert "Udviklingsplan for arbejdspladsen – Bostedet Lærkevej" in win.heading.text()
    win.guide.close()
    assert win.guide is None


def test_the_welcome_box_begins_a_plan_with_the_guide(qtbot, db_path: Path) -> None:
    win = MainWindow(db_path)
    qtbot.addWidget(win)
    win.show()
    qtbot.mouseClick(win.empty_new, Qt.MouseButton.LeftButton)
    assert win.guide is not None and win.guide.isVisible()
    assert win.guide.title_label.text() == "Om dig og arbejdspladsen"


# --- exports and backups --------------------------------------------------------------------


def test_excel_export_runs_in_the_background_and_offers_to_open_the_file(
    window: MainWindow, qtbot, tmp_path: Path, monkeypatch
) -> None:
    from openpyxl import load_workbook

    suggested, opened = export_through_dialogs(qtbot, monkeypatch, window.excel_action, tmp_path)

    workplace = window.session.plan.workplace
    assert Path(suggested[0]).name == f"Udviklingsplan {workplace} 2026–2029.xlsx"
    target = tmp_path / "plan.xlsx"
    assert opened == [str(target)]
    titles = [g.title for g in window.session.plan.goals]
    sheet = load_workbook(target)["Udviklingsmål"]
    cells = {str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None}
    assert set(titles) <= cells
    assert window.excel_action.isEnabled()
    assert "plan.xlsx" in window.statusBar().currentMessage()


def test_excel_export_to_a_locked_target_says_so_and_keeps_the_old_file(
    window: MainWindow, qtbot, tmp_path: Path, monkeypatch
) -> None:
    target = tmp_path / "plan.xlsx"
    warnings = export_to_locked_target(qtbot, monkeypatch, window.excel_action, target)
    assert target.read_bytes() == b"old"
    assert "plan.xlsx" in warnings[0] or "adgang" in warnings[0].lower()
    assert window.excel_action.isEnabled()


def test_cancelled_file_dialogs_change_nothing(window: MainWindow, monkeypatch) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: ("", ""))
    window.excel_action.trigger()
    window.backup_action.trigger()
    window.export_action.trigger()
    assert running() == []
    assert window.excel_action.isEnabled()


def test_backup_on_demand_writes_a_sound_copy(
    window: MainWindow, tmp_path: Path, monkeypatch, example_plan_id: int
) -> None:
    target = tmp_path / "kopi.db"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(target), ""))
    window.backup_action.trigger()
    finish_all()
    with sqlite3.connect(target) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = copy.execute("SELECT workplace FROM plan").fetchall()
    assert stored == [(window.session.plan.workplace,)]
    assert "kopi.db" in window.statusBar().currentMessage()


# --- nothing typed is lost --------------------------------------------------------------------


def test_closing_the_window_stores_text_still_waiting_for_its_pause(
    window: MainWindow, qtbot, example_plan_id: int
) -> None:
    page = window.show_page(mw.SITUATION)
    field = next(
        w
        for w in page.findChildren(__import__("PySide6.QtWidgets").QtWidgets.QPlainTextEdit)
        if w.isVisible()
    )
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, "Vi er 40 medarbejdere.")
    window.close()
    situation = services.load_plan(example_plan_id).situation
    assert "Vi er 40 medarbejdere." in situation.values()
    assert set(situation) <= set(SituationSection)


def test_undo_first_stores_text_still_being_typed_then_undoes_it(
    window: MainWindow, qtbot, example_plan_id: int
) -> None:
    from PySide6.QtWidgets import QLineEdit

    page = window.show_page(mw.DETAILS)
    field = next(
        f for f in page.findChildren(QLineEdit) if f.text() == window.session.plan.workplace
    )
    original = field.text()
    field.setFocus()
    qtbot.keyClicks(field, " Nord")
    window.undo_action.trigger()  # before the pause: the typing is stored, then undone
    assert services.load_plan(example_plan_id).workplace == original
    assert field.text() == original
    assert window.redo_action.isEnabled()
    window.redo_action.trigger()
    assert services.load_plan(example_plan_id).workplace == original + " Nord"


# --- the first paint comes before the storage layer ----------------------------------------


def test_the_first_window_is_read_without_peewee_and_the_first_edit_opens_for_writing(
    qtbot, db_path: Path, example_plan_id: int
) -> None:
    from udviklingsplan_app.storage import close_db
    from udviklingsplan_app.storage.database import open_reader

    close_db()
    reader = open_reader(db_path)
    assert reader is not None
    win = MainWindow(db_path, reader)
    qtbot.addWidget(win)
    win.show()
    assert win.session.reader is reader
    assert "Den Sociale Hjemmepleje" in win.heading.text()
    assert win.plan_picker.count() == 1
    assert win.overview_model.rowCount() == 4
    goal = win.session.plan.goals[0]

    win.session.apply("ændret titel", services.update_goal, goal.id, title="Første ændring")

    assert win.session.reader is None
    assert services.load_plan(example_plan_id).goals[0].title == "Første ændring"
    win.undo_action.trigger()
    assert services.load_plan(example_plan_id).goals[0].title == goal.title


def test_finish_start_opens_the_database_for_writing(
    qtbot, db_path: Path, example_plan_id: int
) -> None:
    from udviklingsplan_app.storage import close_db
    from udviklingsplan_app.storage.database import open_reader

    close_db()
    win = MainWindow(db_path, open_reader(db_path))
    qtbot.addWidget(win)
    assert win.finish_start()
    assert win.session.reader is None
    assert services.list_plans()[0].id == example_plan_id


def test_a_new_or_older_database_is_not_read_before_it_is_opened(tmp_path: Path) -> None:
    from udviklingsplan_app.storage.database import open_reader

    assert open_reader(tmp_path / "ny.db") is None
    old = tmp_path / "gammel.db"
    with sqlite3.connect(old) as conn:
        conn.execute(f"PRAGMA application_id = {0x55504C4E}")
    assert open_reader(old) is None  # schema 0: init_db migrates it before the window


def test_the_smoke_test_paints_before_peewee_and_openpyxl_are_imported(
    db_path: Path, example_plan_id: int, framework_folders
) -> None:
    import os
    import subprocess
    import sys

    from tests.conftest import ROOT
    from tests.test_framework_sources import newer_2018, write
    from udviklingsplan_app.storage import close_db

    close_db()
    # A newer version of the plan's framework waits in the machine's folder: the window says
    # so only after the first paint (the folders are read then).
    write(framework_folders[0], newer_2018(), "socialstrategi-2018.2.json")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.run(
        [
            sys.executable,
            "-X",
            "importtime",
            str(ROOT / "main.py"),
            "--db",
            str(db_path),
            "--smoke-test",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    imported = {line.split("|")[-1].strip() for line in proc.stderr.splitlines() if "|" in line}
    assert "ui.main_window" in imported
    assert "udviklingsplan_app.storage.reading" in imported
    assert not {"peewee", "openpyxl", "jsonschema", "udviklingsplan_app.services"} & imported
    # The Vejledning panel and the calendar file wait for the first paint too.
    assert (
        not {"ui.widgets.findings_dock", "icalendar", "udviklingsplan_app.calendar_export"}
        & imported
    )
    # So do the framework folders and the update bar, the PDF writer, the manager's answer and
    # e-mail, the rollup, the workbook gate, the operations helper (and Qt's enums with it).
    after_the_paint = {
        "platformdirs",
        "ui.dialogs.frameworks_dialog",
        "udviklingsplan_app.framework_changes",
        "udviklingsplan_app.outside_files",
        "udviklingsplan_pdf",
        "udviklingsplan_app.manager_answers",
        "udviklingsplan_app.exchange.answer",
        "udviklingsplan_app.exchange.email_draft",
        "email",
        "udviklingsplan_app.rollup",
        "udviklingsplan_app.exchange.rollup_excel",
        "udviklingsplan_app.exchange.workbook_gate",
        "defusedxml",
        "ui.operations",
    }
    assert not after_the_paint & imported


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        ([], (None, False)),
        (["--smoke-test"], (None, True)),
        (["--db", "plan æøå.db"], (Path("plan æøå.db"), False)),
        (["--smoke-test", "--db", "x.db"], (Path("x.db"), True)),
        (["--db"], None),  # the parser explains what is missing
        (["--db", "--smoke-test"], None),
        (["list"], None),
        (["--help"], None),
        (["--smoke-test", "--smoke-test"], None),
    ],
)
def test_the_plain_start_skips_the_parser_only_for_the_programs_own_start(argv, expected) -> None:
    import main

    assert main._plain_start(argv) == expected


def test_paint_first_leaves_shortcuts_and_writing_to_finish_start(
    qtbot, db_path: Path, example_plan_id: int
) -> None:
    from udviklingsplan_app.storage import close_db
    from udviklingsplan_app.storage.database import open_reader

    close_db()
    win = MainWindow(db_path, open_reader(db_path), paint_first=True)
    qtbot.addWidget(win)
    win.show()
    assert win.excel_action.shortcut().isEmpty()
    assert win.session.reader is not None
    assert win.finish_start()
    assert win.excel_action.shortcut().toString() == "Ctrl+E"
    assert win.page_actions[mw.GOALS].shortcut().toString() == "Ctrl+3"
    assert not win.undo_action.shortcut().isEmpty()
    assert win.session.reader is None


def test_paint_first_leaves_the_newer_framework_check_to_finish_start(
    qtbot, db_path: Path, example_plan_id: int, framework_folders
) -> None:
    from tests.test_framework_sources import newer_2018, write
    from udviklingsplan_app.storage import close_db
    from udviklingsplan_app.storage.database import open_reader

    write(framework_folders[0], newer_2018(), "socialstrategi-2018.2.json")
    close_db()
    win = MainWindow(db_path, open_reader(db_path), paint_first=True)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    qtbot.wait(50)
    assert win.framework_bar is None
    assert win.finish_start()
    qtbot.waitUntil(lambda: win.framework_bar is not None and win.framework_bar.isVisible())
    assert "version 2018.2" in win.framework_bar.text.text()


def test_without_a_newer_framework_no_bar_is_built(
    qtbot, db_path: Path, example_plan_id: int
) -> None:
    win = MainWindow(db_path)
    qtbot.addWidget(win)
    win.show()
    win.check_framework_update()
    assert win.framework_bar is None


# --- typing that cannot be stored at once is not lost ----------------------------------------


def _type_facts(window: MainWindow, qtbot, text: str):
    page = window.show_page(mw.SITUATION)
    editor = page.editors[SituationSection.FACTS]
    editor.setFocus()
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    assert window.session.has_pending
    return editor


def _fail_once(monkeypatch) -> list[str]:
    from udviklingsplan_app.errors import DatabaseProblem

    calls: list[str] = []
    real = services.set_situation

    def busy_then_fine(*args, **kwargs):
        calls.append("called")
        if len(calls) == 1:
            raise DatabaseProblem("Databasen er optaget af et andet program. Prøv igen om lidt.")
        return real(*args, **kwargs)

    monkeypatch.setattr(services, "set_situation", busy_then_fine)
    return calls


def test_typing_whose_save_failed_stays_and_is_stored_on_close(
    window: MainWindow, qtbot, monkeypatch, example_plan_id: int
) -> None:
    calls = _fail_once(monkeypatch)
    editor = _type_facts(window, qtbot, "Vigtig tekst")
    assert not window.session.flush()
    assert "optaget" in window.notice_text.text()
    assert editor.toPlainText() == "Vigtig tekst"  # still on screen, still waiting
    window.session.reload()  # another refresh must not wipe it either
    assert editor.toPlainText() == "Vigtig tekst"
    window.close()
    assert len(calls) == 2
    assert services.load_plan(example_plan_id).situation[SituationSection.FACTS] == "Vigtig tekst"


def test_closing_with_typing_that_cannot_be_stored_asks_first(
    window: MainWindow, qtbot, monkeypatch, example_plan_id: int
) -> None:
    from udviklingsplan_app.errors import DatabaseProblem

    def always_busy(*args, **kwargs):
        raise DatabaseProblem("Databasen er optaget af et andet program.")

    monkeypatch.setattr(services, "set_situation", always_busy)
    asked: list[bool] = []
    monkeypatch.setattr(
        MainWindow, "close_without_saving", lambda self: asked.append(True) or False
    )
    editor = _type_facts(window, qtbot, "Vigtig tekst")
    assert not window.close()  # the leader said no: the window stays, with the text
    assert asked == [True]
    assert window.isVisible() and editor.toPlainText() == "Vigtig tekst"


def test_json_export_holds_what_was_typed_a_moment_ago(
    window: MainWindow, qtbot, tmp_path: Path, monkeypatch
) -> None:
    import json

    _type_facts(window, qtbot, "Netop skrevet")
    target = tmp_path / "plan.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.export_action.trigger()
    finish_all()
    assert json.loads(target.read_text("utf-8"))["plan"]["situation"]["facts"] == "Netop skrevet"


def test_undoing_refused_typing_leaves_earlier_edits_alone(
    window: MainWindow, qtbot, example_plan_id: int
) -> None:
    from PySide6.QtCore import Qt

    session = window.session
    goal, other = session.plan.goals[0], session.plan.goals[1]
    session.apply("ændret ansvarlig", services.update_goal, other.id, owner="Ny Ansvarlig")
    page = window.show_page(mw.GOALS)
    page.select_goal(goal.uid)
    title = page.editor.title_edit
    title.setFocus()
    title.selectAll()
    qtbot.keyClick(title, Qt.Key.Key_Delete)  # an empty title is refused
    window.undo_action.trigger()
    stored = services.load_plan(example_plan_id)
    assert next(g for g in stored.goals if g.uid == other.uid).owner == "Ny Ansvarlig"
    assert title.text() == goal.title  # the typing is undone: the stored title is back
    assert not session.has_pending


def test_redo_is_not_offered_while_typing_would_replace_it(
    window: MainWindow, qtbot, example_plan_id: int
) -> None:
    goal = window.session.plan.goals[0]
    window.session.apply("ændret ansvarlig", services.update_goal, goal.id, owner="Ny")
    window.undo_action.trigger()
    assert window.redo_action.isEnabled()
    _type_facts(window, qtbot, "Skriver")
    assert not window.redo_action.isEnabled()
