"""Slow work off the GUI thread (ui.operations): the helper itself, and the JSON export, the
JSON import and the leader's own backup, each with a busy dialog while it runs."""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QWidget

from udviklingsplan_app import services
from ui.main_window import MainWindow
from ui.operations import BUSY_AFTER_MS, finish_all, run_in_background, running

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "resources" / "examples" / "den-sociale-hjemmepleje.json"


class Held:
    """Wraps a slow function: records the thread it ran in and holds it until released."""

    def __init__(self, function: Callable[..., object]) -> None:
        self.function = function
        self.threads: list[threading.Thread] = []
        self.release = threading.Event()
        self.started = threading.Event()

    def __call__(self, *args: object, **kwargs: object) -> object:
        self.threads.append(threading.current_thread())
        self.started.set()
        assert self.release.wait(20)
        return self.function(*args, **kwargs)

    def ran_off_the_gui_thread(self) -> bool:
        return bool(self.threads) and all(t is not threading.main_thread() for t in self.threads)


def _busy_while_held(qtbot, window: MainWindow, held: Held, name: str, text: str) -> None:
    """While ``held`` runs: the operation is listed, its busy dialog shows ``text``, and the
    window goes on handling events; then it is let go."""
    assert held.started.wait(20)
    (operation,) = running(name)
    assert isinstance(operation.busy, QProgressDialog)
    qtbot.waitUntil(operation.busy.isVisible, timeout=BUSY_AFTER_MS * 10)
    assert operation.busy.labelText() == text
    assert operation.busy.parent() is window
    held.release.set()
    finish_all()
    assert running() == []


def test_the_helper_runs_work_off_the_gui_thread_and_reports_in_it(qtbot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    results: list[tuple[object, threading.Thread]] = []
    errors: list[tuple[str, threading.Thread]] = []
    worker_threads: list[threading.Thread] = []

    def work() -> int:
        worker_threads.append(threading.current_thread())
        return 42

    def fail() -> int:
        raise ValueError("forkert")

    run_in_background(
        parent,
        work,
        on_success=lambda r: results.append((r, threading.current_thread())),
        on_failure=lambda e: errors.append((str(e), threading.current_thread())),
    )
    run_in_background(
        parent,
        fail,
        on_success=lambda r: results.append((r, threading.current_thread())),
        on_failure=lambda e: errors.append((str(e), threading.current_thread())),
    )
    finish_all()
    assert worker_threads and worker_threads[0] is not threading.main_thread()
    assert results == [(42, threading.main_thread())]
    assert errors == [("forkert", threading.main_thread())]
    assert running() == []


def test_quick_work_shows_no_busy_dialog(qtbot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    done: list[object] = []
    operation = run_in_background(
        parent, lambda: 1, on_success=done.append, on_failure=done.append, busy="Arbejder …"
    )
    finish_all()
    assert done == [1]
    assert operation.busy is None  # gone before it was due to show
    assert parent.findChildren(QProgressDialog) == [] or not any(
        d.isVisible() for d in parent.findChildren(QProgressDialog)
    )


def test_json_export_writes_off_the_gui_thread_with_a_busy_dialog(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch
) -> None:
    from udviklingsplan_app.exchange import json_format

    target = tmp_path / "plan.json"
    held = Held(json_format.write_plan_file)
    monkeypatch.setattr(json_format, "write_plan_file", held)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.export_action.trigger()
    _busy_while_held(qtbot, window, held, "plan_export", "Gemmer overdragelsesfilen …")
    assert held.ran_off_the_gui_thread()
    assert (
        json.loads(target.read_text("utf-8"))["plan"]["workplace"] == window.session.plan.workplace
    )
    assert "plan.json" in window.statusBar().currentMessage()


def test_json_import_reads_off_the_gui_thread_with_a_busy_dialog(
    qtbot, window: MainWindow, monkeypatch
) -> None:
    from udviklingsplan_app.exchange import json_format

    services.delete_plan(window.session.plan_id)
    window.reload_plans()
    held = Held(json_format.read_plan_file)
    monkeypatch.setattr(json_format, "read_plan_file", held)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(EXAMPLE), ""))
    window.import_action.trigger()
    _busy_while_held(qtbot, window, held, "plan_import", "Læser overdragelsesfilen …")
    assert held.ran_off_the_gui_thread()
    assert [p.workplace for p in services.list_plans()] == [
        json.loads(EXAMPLE.read_text("utf-8"))["plan"]["workplace"]
    ]
    assert window.plan_picker.count() == 1
    assert "importeret" in window.notice_text.text()


def test_a_broken_import_file_is_refused_after_the_busy_dialog(
    qtbot, window: MainWindow, monkeypatch, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    shown: list[str] = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(broken), ""))
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, title, text, *a: shown.append(title))
    window.import_action.trigger()
    finish_all()
    assert shown == ["Planen kan ikke importeres"]
    assert len(services.list_plans()) == 1


def test_the_leaders_backup_is_written_off_the_gui_thread_with_a_busy_dialog(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch
) -> None:
    from udviklingsplan_app.storage import backup

    target = tmp_path / "kopi.db"
    held = Held(backup.backup_to)
    monkeypatch.setattr(backup, "backup_to", held)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.backup_action.trigger()
    _busy_while_held(qtbot, window, held, "backup", "Gemmer sikkerhedskopien …")
    assert held.ran_off_the_gui_thread()
    with sqlite3.connect(target) as copy:
        assert copy.execute("SELECT workplace FROM plan").fetchall() == [
            (window.session.plan.workplace,)
        ]
    assert "kopi.db" in window.statusBar().currentMessage()


def test_a_failed_backup_says_why_and_leaves_the_window_working(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch
) -> None:
    shown: list[str] = []
    target = tmp_path / "mangler" / "kopi.db"  # a folder that is not there
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, title, text, *a: shown.append(title))
    window.backup_action.trigger()
    finish_all()
    assert shown == ["Sikkerhedskopien kunne ikke laves"]
    assert not target.exists()
    assert window.backup_action.isEnabled()


def test_a_restore_puts_the_backup_in_place_off_the_gui_thread_with_a_busy_dialog(
    qtbot, window: MainWindow, db_path: Path, example_plan_id: int, monkeypatch
) -> None:
    from udviklingsplan_app.storage import backup
    from ui.dialogs.restore_dialog import RestoreDialog

    made = backup.make_backup(db_path, backup.DAILY)
    services.update_plan(example_plan_id, workplace="Omdøbt ved en fejl")
    window.session.reload()
    held = Held(backup.restore_backup)
    monkeypatch.setattr(backup, "restore_backup", held)
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a: told.append(text))

    def choose(dialog: RestoreDialog) -> int:
        dialog.restore_button.click()
        return dialog.result()

    monkeypatch.setattr(RestoreDialog, "exec", choose)
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    window.restore_action.trigger()
    _busy_while_held(qtbot, window, held, "restore", "Gendanner fra sikkerhedskopien …")
    assert held.ran_off_the_gui_thread()
    assert held.threads and made.exists()
    assert window.session.plan.workplace.startswith("Den Sociale Hjemmepleje")
    assert told and told[0].startswith("Planerne er gendannet fra sikkerhedskopien")
