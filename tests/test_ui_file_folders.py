"""The file dialogs open in the folder the leader used last (per user, across restarts)."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QFileDialog, QMessageBox

from ui.main_window import MainWindow
from ui.operations import plan_import, running


def opened(qtbot, db_path: Path) -> MainWindow:
    win = MainWindow(db_path)
    qtbot.addWidget(win)
    win.show()
    assert win.finish_start()
    return win


def test_exports_open_where_the_last_export_was_saved(
    qtbot, db_path: Path, example_plan_id: int, tmp_path: Path, monkeypatch
) -> None:
    asked: list[Path] = []
    folder = tmp_path / "Dokumenter" / "Planer"
    folder.mkdir(parents=True)

    def save_as(_parent, _title, suggestion, _filter):
        asked.append(Path(suggestion).parent)
        return str(folder / Path(suggestion).name), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    monkeypatch.setattr(QMessageBox, "exec", lambda self: 0)
    window = opened(qtbot, db_path)
    window.excel_action.trigger()  # the first time: the home folder
    QThreadPool.globalInstance().waitForDone()
    qtbot.waitUntil(lambda: running() == [], timeout=20000)
    assert asked == [Path.home()]
    window.export_action.trigger()  # the handover file: where the workbook went
    QThreadPool.globalInstance().waitForDone()
    qtbot.waitUntil(lambda: running() == [], timeout=20000)
    assert asked[-1] == folder
    window.close()

    again = opened(qtbot, db_path)  # after a restart too
    again.pdf_action.trigger()
    QThreadPool.globalInstance().waitForDone()
    qtbot.waitUntil(lambda: running() == [], timeout=20000)
    assert asked[-1] == folder
    assert (folder / next(folder.glob("*.pdf")).name).exists()


def test_imports_open_where_the_last_import_came_from(
    qtbot, db_path: Path, example_plan_id: int, tmp_path: Path, monkeypatch
) -> None:
    asked: list[str] = []
    handed = tmp_path / "Overførsler" / "plan.json"
    handed.parent.mkdir()

    def open_file(_parent, _title, folder, _filter):
        asked.append(folder)
        return str(handed), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", open_file)
    monkeypatch.setattr(plan_import, "import_plan_file", lambda _window, _path: None)
    window = opened(qtbot, db_path)
    window.import_action.trigger()
    window.import_action.trigger()
    assert asked == [str(Path.home()), str(handed.parent)]
    # A folder that is gone: the home folder again.
    handed.parent.rename(tmp_path / "væk")
    window.import_action.trigger()
    assert asked[-1] == str(Path.home())
