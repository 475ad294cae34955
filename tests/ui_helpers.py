"""What many UI tests share: the main window shown on a database, its goals page, a small plan.

The ``window`` and ``parts`` fixtures in ``conftest.py`` are built from these; a test file that
wants another start (no plan, the start finished, a fixed "today") calls them itself.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QLineEdit

    from ui.editors.goal_parts import GoalPartsEditor
    from ui.guide import PlanGuide
    from ui.main_window import MainWindow
    from ui.pages.goals_page import GoalsPage


def shown_window(
    qtbot,
    db_path: Path,
    *,
    started: bool = False,
    size: tuple[int, int] | None = None,
    today: dt.date | None = None,
) -> MainWindow:
    """The main window on ``db_path``, shown; ``size`` before showing, ``today`` for the findings
    panel, and ``started`` when the start (a guide to resume, a new plan) must be over."""
    from ui.main_window import MainWindow

    win = MainWindow(db_path)
    qtbot.addWidget(win)
    if size is not None:
        win.resize(*size)
    if today is not None:
        win.findings_dock()._today = lambda: today
        win.session.changed.emit()
    win.show()
    qtbot.waitExposed(win)
    if started:
        assert win.finish_start()
    return win


def goals_page(win: MainWindow) -> GoalsPage:
    """The window's goals page, shown."""
    from ui.main_window import GOALS
    from ui.pages.goals_page import GoalsPage

    goals = win.show_page(GOALS)
    assert isinstance(goals, GoalsPage)
    return goals


def first_goal_parts(qtbot, window: MainWindow) -> GoalPartsEditor:
    """The parts of the plan's first goal, shown again after every change with the reloaded goal,
    as the goal editor does."""
    from ui.editors.goal_parts import GoalPartsEditor

    editor = GoalPartsEditor(window.session)
    qtbot.addWidget(editor)
    uid = window.session.plan.goals[0].uid
    window.session.changed.connect(lambda: editor.set_goal(window.session.goal(uid)))
    editor.set_goal(window.session.goal(uid))
    editor.resize(1000, 650)
    editor.show()
    qtbot.waitExposed(editor)
    return editor


def small_plan(first_year: int = 2026) -> int:
    """A new plan with no goals for "Værestedet Ørestad" under the 2018 social strategy."""
    from udviklingsplan_app import services
    from udviklingsplan_app.domain import Person

    return services.create_plan(
        workplace="Værestedet Ørestad",
        leader=Person("Anne Berg", "Leder"),
        level=3,
        manager=Person("Ole Dam", "Centerchef"),
        framework_id="socialstrategi-2018",
        first_year=first_year,
    )


def export_through_dialogs(qtbot, monkeypatch, action, folder: Path) -> tuple[list[str], list[str]]:
    """Trigger an export ``action``, answer its save dialog with ``folder / "plan"`` and its
    "open it?" with the first button; returns the suggested names and the files opened."""
    from PySide6.QtGui import QDesktopServices
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    suggested: list[str] = []

    def save_name(_parent, _caption, directory, _filter):
        suggested.append(directory)
        return str(folder / "plan"), ""

    opened: list[str] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_name)
    monkeypatch.setattr(QMessageBox, "exec", lambda box: box.buttons()[0].click())
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()))
    action.trigger()
    qtbot.waitUntil(lambda: bool(opened), timeout=20000)
    return suggested, opened


def export_to_locked_target(qtbot, monkeypatch, action, target: Path) -> list[str]:
    """Trigger an export ``action`` onto an existing ``target`` that cannot be replaced (open in
    another program); returns the warnings shown once the worker is done."""
    from PySide6.QtCore import QThreadPool
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    target.write_bytes(b"old")
    warnings: list[str] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(target), ""))
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))

    def refuse(_source: object, _target: object) -> None:
        raise PermissionError(13, "The process cannot access the file", str(target))

    monkeypatch.setattr("os.replace", refuse)
    action.trigger()
    qtbot.waitUntil(lambda: bool(warnings), timeout=20000)
    QThreadPool.globalInstance().waitForDone()
    return warnings


def guide_at(window: MainWindow, plan_id: int, year: int, step: int) -> PlanGuide:
    """The plan guide over ``window``, opened at ``step`` for ``year``, as the window keeps it."""
    from ui.guide import PlanGuide

    guide = PlanGuide(window, plan_id, year, step)
    window.guide = guide
    guide.open()
    return guide


def edit_cell(qtbot, view, index) -> QLineEdit:
    """F2 on the cell at ``index`` of ``view``, as a leader opens it; returns its line editor."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLineEdit

    view.setFocus()
    view.setCurrentIndex(index)
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = view.indexWidget(index)
    assert isinstance(editor, QLineEdit)
    return editor
