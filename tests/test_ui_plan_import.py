"""Importing a plan that is already there, and deleting a plan, in the window (pytest-qt).

The leader imports the same file twice: the window asks Erstat planen / Behold begge (som kopi)
/ Annullér, and every import ends with a notice that says what happened.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from tests.ui_helpers import shown_window
from udviklingsplan_app import services
from udviklingsplan_app.storage.backup import list_backups
from ui.main_window import DETAILS, MainWindow
from ui.operations import finish_all

WORKPLACE = "Den Sociale Hjemmepleje, Borgercenter Hjemmepleje"
EXAMPLE_DATA = json.loads(EXAMPLE.read_text(encoding="utf-8"))


@pytest.fixture
def window(qtbot, db_path: Path, monkeypatch) -> MainWindow:
    return shown_window(qtbot, db_path)


class Asked:
    """QMessageBox.exec patched: records each question and clicks the chosen button."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.texts: list[str] = []
        self.buttons: list[list[str]] = []
        self.defaults: list[str] = []
        self.choice = "Annullér"
        monkeypatch.setattr(QMessageBox, "exec", lambda box: self._exec(box))

    def _exec(self, box: QMessageBox) -> int:
        self.texts.append(box.text())
        names = [b.text().replace("&", "") for b in box.buttons()]
        self.buttons.append(names)
        self.defaults.append(box.defaultButton().text().replace("&", ""))
        box.buttons()[names.index(self.choice)].click()
        return 0


def _import(window: MainWindow, monkeypatch, path: Path = EXAMPLE) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    window.import_action.trigger()
    finish_all()


def _switcher(window: MainWindow) -> list[str]:
    return [window.plan_picker.itemText(i) for i in range(window.plan_picker.count())]


def _all_goal_uids() -> list[str]:
    return [g.uid for s in services.list_plans() for g in services.load_plan(s.id).goals]


def test_a_new_plan_is_imported_and_the_notice_says_so(window: MainWindow, monkeypatch) -> None:
    asked = Asked(monkeypatch)
    _import(window, monkeypatch)
    assert asked.texts == []  # nothing to ask about a new plan
    assert window.notice.isVisible()
    assert f"Planen »{WORKPLACE}«, 2026–2029, 7 mål er importeret." in window.notice_text.text()
    assert _switcher(window) == [f"{WORKPLACE} (2026–2029)"]


def test_importing_the_same_file_asks_and_cancel_changes_nothing(
    window: MainWindow, monkeypatch, db_path: Path
) -> None:
    _import(window, monkeypatch)
    asked = Asked(monkeypatch)
    asked.choice = "Annullér"

    _import(window, monkeypatch)

    assert [sorted(names) for names in asked.buttons] == [
        sorted(["Erstat planen", "Behold begge (som kopi)", "Annullér"])
    ]
    assert asked.defaults == ["Annullér"]  # Return does not replace a plan by mistake
    assert f"»{WORKPLACE}«, 2026–2029, 7 mål" in asked.texts[0]
    assert len(services.list_plans()) == 1 and _switcher(window) == [f"{WORKPLACE} (2026–2029)"]
    assert "annulleret" in window.notice_text.text() and window.notice.isVisible()
    assert not list_backups(db_path)


def test_keep_both_stores_a_copy_with_new_ids_and_shows_it(window: MainWindow, monkeypatch) -> None:
    _import(window, monkeypatch)
    asked = Asked(monkeypatch)
    asked.choice = "Behold begge (som kopi)"

    _import(window, monkeypatch)

    assert _switcher(window) == [
        f"{WORKPLACE} (2026–2029)",
        f"{WORKPLACE} (kopi) (2026–2029)",
    ]
    assert window.plan_picker.currentIndex() == 1  # the copy is open
    assert window.session.plan.workplace == f"{WORKPLACE} (kopi)"
    assert "som en kopi" in window.notice_text.text()
    uids = _all_goal_uids()
    assert len(uids) == len(set(uids)) == 14
    plan_uids = {services.load_plan(s.id).uid for s in services.list_plans()}
    assert len(plan_uids) == 2


def test_replace_puts_the_file_in_place_and_starts_a_fresh_undo_history(
    window: MainWindow, monkeypatch, tmp_path: Path, db_path: Path
) -> None:
    _import(window, monkeypatch)
    plan_id = window.session.plan_id
    # The leader edits the plan (one undoable step) …
    first_goal = window.session.plan.goals[0]
    window.session.apply("ændret titel", services.update_goal, first_goal.id, title="Ny titel")
    assert window.undo_action.isEnabled()
    # … then imports the file of the plan as it was, and replaces.
    changed = dict(EXAMPLE_DATA)
    changed["plan"] = {**EXAMPLE_DATA["plan"], "workplace": "Hjemmeplejen, ny udgave"}
    path = tmp_path / "ny udgave.json"
    path.write_text(json.dumps(changed, ensure_ascii=False), encoding="utf-8")
    asked = Asked(monkeypatch)
    asked.choice = "Erstat planen"

    _import(window, monkeypatch, path)

    assert asked.texts and f"»{WORKPLACE}«" in asked.texts[0]
    assert [s.id for s in services.list_plans()] == [plan_id]
    assert _switcher(window) == ["Hjemmeplejen, ny udgave (2026–2029)"]
    stored = services.load_plan(plan_id)
    assert stored.goals[0].title == EXAMPLE_DATA["plan"]["goals"][0]["title"]
    assert window.session.plan.goals[0].title == stored.goals[0].title
    notice = window.notice_text.text()
    assert "er erstattet med filens indhold" in notice and "sikkerhedskopien" in notice
    (backup,) = list_backups(db_path)
    assert backup.path.name in notice
    # An import is not undone with Fortryd (the backup holds the old plan).
    assert not window.undo_action.isEnabled()
    uids = _all_goal_uids()
    assert len(uids) == len(set(uids)) == 7


def test_deleting_names_the_plan_and_confirms_afterwards(
    qtbot, window: MainWindow, monkeypatch
) -> None:
    _import(window, monkeypatch)
    asked: list[str] = []

    def yes(parent, title, text, *args):
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", yes)
    page = window.show_page(DETAILS)
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)

    assert f"»{WORKPLACE}«, 2026–2029, 7 mål" in asked[0]
    assert services.list_plans() == []
    assert window.notice.isVisible()
    assert f"Planen »{WORKPLACE}«, 2026–2029, 7 mål er slettet." in window.notice_text.text()
