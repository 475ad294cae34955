"""What a leader meets on a first look: every window fits a small laptop screen, each
mnemonic (Alt+letter) in a dialog or guide step goes to one place only."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QGroupBox,
    QLabel,
    QWidget,
)

from tests.ui_helpers import guide_at, shown_window
from udviklingsplan_app.domain import GUIDE_NEW_PLAN
from ui.dialogs.damaged_dialog import DAMAGED, StartProblemDialog
from ui.dialogs.restore_dialog import RestoreDialog
from ui.guide import PlanGuide, YearGuide
from ui.main_window import PAGES, MainWindow


def mnemonics(root: QWidget) -> dict[str, list[str]]:
    """Alt+letter → the texts on screen in ``root`` that answer to it."""
    found: dict[str, list[str]] = {}
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root):
            continue
        if isinstance(widget, QAbstractButton) or (
            isinstance(widget, QLabel) and widget.buddy() is not None
        ):
            text = widget.text()
        elif isinstance(widget, QGroupBox):
            text = widget.title()
        else:
            continue
        match = re.search(r"&([^&\s])", text.replace("&&", ""))
        if match:
            found.setdefault(match.group(1).lower(), []).append(text)
    return found


def clashes(root: QWidget) -> dict[str, list[str]]:
    return {letter: texts for letter, texts in mnemonics(root).items() if len(texts) > 1}


@pytest.fixture
def window(qtbot, db_path: Path, example_plan_id: int) -> MainWindow:
    return shown_window(qtbot, db_path, started=True)


def test_no_mnemonic_twice_in_a_guide_step(qtbot, window: MainWindow) -> None:
    plan = window.session.plan
    for guide in (
        PlanGuide(window, plan.id, plan.first_year),
        YearGuide(window, plan.id, plan.first_year + 1),
    ):
        guide.open()
        qtbot.waitExposed(guide)
        for number in range(len(guide.steps)):
            assert guide.go(number)
            step = f"{type(guide).__name__} trin {number + 1}"
            assert clashes(guide) == {}, step
            # Back and next answer to Alt+T and Alt+N on every step.
            assert {"t", "n"} <= set(mnemonics(guide)) or number == len(guide.steps) - 1, step
        guide.close()


def test_a_new_plans_first_step_has_a_mnemonic_for_every_field(qtbot, db_path: Path) -> None:
    win = MainWindow(db_path)
    qtbot.addWidget(win)
    win.show()
    assert win.finish_start()
    guide = PlanGuide(win)
    guide.open()
    qtbot.waitExposed(guide)
    assert guide.kind == GUIDE_NEW_PLAN
    assert clashes(guide) == {}
    about = guide.steps[0]
    labelled = {label.buddy() for label in about.findChildren(QLabel) if label.buddy() is not None}
    for field in (
        about.workplace,
        about.leader_name,
        about.leader_title,
        about.level,
        about.manager_name,
        about.manager_title,
        about.manager_email,
        about.first_year,
        about.years,
    ):
        assert field in labelled
    guide.close()


def test_no_mnemonic_twice_on_a_page_of_the_main_window(window: MainWindow) -> None:
    for number, (label, _, _) in enumerate(PAGES):
        window.show_page(number)
        assert clashes(window.centralWidget()) == {}, label
    # The goals page with a goal open in its editor.
    page = window.show_page(2)
    page.table.selectRow(0)
    assert page.right.currentWidget() is page.editor
    assert clashes(window.centralWidget()) == {}


def test_no_mnemonic_twice_in_the_data_safety_dialogs(qtbot, db_path: Path) -> None:
    restore = RestoreDialog(db_path)
    qtbot.addWidget(restore)
    restore.show()
    assert clashes(restore) == {}
    damaged = StartProblemDialog(db_path, "SQLites kontrol fandt fejl i filen.", DAMAGED)
    qtbot.addWidget(damaged)
    damaged.show()
    assert clashes(damaged) == {}


def test_the_windows_fit_the_screen(qtbot, window: MainWindow) -> None:
    available = window.screen().availableGeometry()
    assert window.width() <= available.width()
    assert window.height() + 30 <= available.height()  # with a title bar above
    plan = window.session.plan
    guide = PlanGuide(window, plan.id, plan.first_year)
    guide.open()
    qtbot.waitExposed(guide)
    assert guide.width() <= available.width() and guide.height() <= available.height()
    # What each step needs fits a 1366 × 768 laptop's screen beside its task bar.
    for number in range(len(guide.steps)):
        guide.go(number)
        needed = guide.minimumSizeHint()
        assert needed.width() <= 1366 and needed.height() <= 768 - 40 - 30, number
    guide.close()


def test_the_goal_list_keeps_room_for_the_titles(qtbot, window: MainWindow) -> None:
    from ui.models.goals import COL_ACTIONS, COL_OWNER, COL_TITLE, COL_VISION

    window.resize(1320, 720)  # a 1366 × 768 laptop
    page = window.show_page(2)
    table = page.table
    title_room = page.fontMetrics().averageCharWidth() * 24
    # A narrow list (a small laptop with the Vejledning panel open): the responsible person
    # and the actions give way to the titles; the goal's editor beside shows them.
    page.splitter.setSizes([500, 400])
    qtbot.waitUntil(lambda: table.columnWidth(COL_TITLE) >= title_room)
    assert table.isColumnHidden(COL_ACTIONS)
    assert not table.isColumnHidden(COL_VISION)
    # Room enough: every column is there again.
    page.splitter.setSizes([10_000, 1])
    qtbot.waitUntil(lambda: not table.isColumnHidden(COL_ACTIONS))
    assert not table.isColumnHidden(COL_OWNER)
    assert table.columnWidth(COL_TITLE) >= title_room


def test_a_long_goal_title_shows_its_beginning(qtbot, window: MainWindow) -> None:
    page = window.show_page(2)
    page.table.selectRow(0)
    title = page.editor.title_edit
    assert title.text() and title.cursorPosition() == 0


def test_a_year_without_findings_says_so_in_the_guide(
    qtbot, window: MainWindow, monkeypatch
) -> None:
    import ui.guide.goals_step as goals_step

    plan = window.session.plan
    guide = YearGuide(window, plan.id, plan.first_year + 1)
    guide.open()
    qtbot.waitExposed(guide)
    guide.go(1)
    step = guide.current_step()
    # A sound year: a calm line instead of an empty box.
    real_findings = goals_step.year_findings
    monkeypatch.setattr(goals_step, "year_findings", lambda *args: [])
    step.refresh()
    assert step.findings_model.rowCount() == 0
    assert not step.findings.isVisible()
    assert step.no_findings.isVisible()
    assert step.no_findings.text() == "Vejledningen har ingen bemærkninger til årets mål."
    # A new goal without signs of success brings a finding, and the list back, once the
    # leader has left it (here for another new goal; the one being written is not nagged).
    monkeypatch.setattr(goals_step, "year_findings", real_findings)
    first = step.add_goal()
    assert first is not None
    assert step.findings_model.rowCount() == 0
    assert step.add_goal() is not None
    assert step.findings_model.rowCount() > 0
    assert {
        step.findings_model.finding(row).concerns.goal_uid
        for row in range(step.findings_model.rowCount())
    } == {first.uid}
    assert step.findings.isVisible() and not step.no_findings.isVisible()
    guide.close()


def test_escape_closes_the_guide_and_keeps_what_was_just_typed(
    qtbot, window: MainWindow, example_plan_id: int
) -> None:
    from udviklingsplan_app import services
    from udviklingsplan_app.domain import SituationSection
    from ui.guide.guide import SITUATION

    plan = window.session.plan
    guide = guide_at(window, plan.id, plan.first_year, SITUATION)
    qtbot.waitExposed(guide)
    field = guide.current_step().editors[SituationSection.CHALLENGES]
    field.setFocus()
    field.moveCursor(field.textCursor().MoveOperation.End)
    qtbot.keyClicks(field, " Nattevagter.")
    # Esc at once, before the pause that stores typing.
    qtbot.keyClick(guide, Qt.Key.Key_Escape)
    assert not guide.isVisible()
    stored = services.load_plan(example_plan_id).situation_text(SituationSection.CHALLENGES)
    assert stored.endswith(" Nattevagter.")


def test_escape_in_the_restore_dialog_restores_nothing(
    qtbot, window: MainWindow, monkeypatch
) -> None:
    from udviklingsplan_app.storage.backup import make_backup
    from ui.dialogs import restore_dialog

    make_backup(window.session.db_path, "daglig")
    restored: list[object] = []
    monkeypatch.setattr(restore_dialog, "restore_into", lambda *args: restored.append(args))

    def press_escape(dialog: RestoreDialog) -> int:
        dialog.show()
        assert dialog.model.rowCount() == 1 and dialog.restore_button.isEnabled()
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        return dialog.result()

    monkeypatch.setattr(RestoreDialog, "exec", press_escape)
    assert restore_dialog.restore_from_backup(window) is False
    assert restored == []
