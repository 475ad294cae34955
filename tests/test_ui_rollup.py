"""The manager's overview window: a folder of plans made with the program's own export, read in
the window with progress and Stop, units × visions in its model, a unit read-only, the export."""

from __future__ import annotations

import re
import threading
from collections import Counter
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

import udviklingsplan_app.rollup as rollup_core
from tests.test_rollup import (
    TODAY,
    V1,
    V2,
    V3,
    V4,
    _plan,
    plans,  # noqa: F401 (the fixture, used by folder below)
)
from udviklingsplan_app.domain import Plan, Status
from ui.models.rollup import COUNT_ROLE, UNIT_ROLE
from ui.operations import finish_all
from ui.rollup.window import FOLDER_KEY, RollupWindow
from ui.settings import settings


@pytest.fixture
def folder(plans: dict[str, object]) -> dict[str, object]:  # noqa: F811
    """The manager's folder of tests/test_rollup.py: four units, a replaced copy, bad files."""
    return plans


@pytest.fixture
def window(qtbot) -> RollupWindow:
    win = RollupWindow(today=lambda: TODAY)
    qtbot.addWidget(win)
    win.show()
    return win


def _read(window: RollupWindow, source: Path) -> None:
    window.read([source])
    finish_all()
    assert window.reading is None and window.rollup is not None


def _counts(window: RollupWindow) -> dict[str, dict[str, int]]:
    """What the table shows: workplace → vision → number of goals."""
    model = window.model
    shown: dict[str, dict[str, int]] = {}
    for row in range(model.rowCount()):
        unit = model.data(model.index(row, 0), UNIT_ROLE)
        if unit is None:
            continue
        shown[unit.workplace] = {
            model.vision_at(c): model.data(model.index(row, c), COUNT_ROLE)
            for c in range(model.columnCount())
            if model.vision_at(c) is not None
        }
    return shown


def test_the_folder_is_read_and_each_unit_counts_its_goals_per_vision(window, folder) -> None:
    _read(window, folder["folder"])
    assert _counts(window) == {
        plan.workplace: {
            v: Counter(g.vision for g in plan.goals).get(v, 0) for v in (V1, V2, V3, V4)
        }
        for plan in (folder["alfa"], folder["beta"], folder["gamma"], folder["delta"])
    }
    model = window.model
    beta = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == "Beta Bosted")
    v2 = next(c for c in range(model.columnCount()) if model.vision_at(c) == V2)
    assert model.index(beta, v2).data() == "Intet mål"
    assert model.index(beta, v2).data(Qt.ItemDataRole.BackgroundRole) is not None
    missing = model.index(beta, model.column_of("Mangler vision")).data()
    assert "V2" in missing and "V3" in missing and "V4" in missing
    status = model.index(beta, model.column_of("Status")).data()
    beta_plan = folder["beta"]
    assert isinstance(beta_plan, Plan)
    for s in Status:
        count = sum(g.status is s for g in beta_plan.goals)
        assert (f"{s.label}: {count}" in status) == bool(count)
    dialogues = model.index(beta, model.column_of("Dialoger")).data()
    assert f"Afholdt: {sum(d.held is not None for d in beta_plan.dialogues)}" in dialogues
    gamma = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == "Gamma Center")
    marks = model.index(gamma, model.column_of("Bemærkninger")).data()
    assert "Gammel eksport" in marks and "Anden cyklus" in marks
    assert "4 planer læst, 1 erstattet af en nyere, 4 afvist." in window.summary_label.text()


def test_the_files_list_names_the_replaced_and_the_refused_with_reasons(window, folder) -> None:
    _read(window, folder["folder"])
    lines = {name: (outcome, why) for name, outcome, why in window.files_model.lines}
    assert (
        lines["alfa gammel.xlsx"][0] == "Erstattet" and "alfa.xlsx" in lines["alfa gammel.xlsx"][1]
    )
    for name in ("beskadiget.xlsx", "budget.xlsx", "bombe.xlsx", "ødelagt.json"):
        assert lines[name][0] == "Afvist" and lines[name][1]
    assert "ikke en udviklingsplan" in lines["budget.xlsx"][1]
    assert window.tabs.tabText(1) == "Filer (9)"


def test_filters_by_year_vision_and_status(window, folder) -> None:
    _read(window, folder["folder"])
    alfa = folder["alfa"]
    assert isinstance(alfa, Plan)
    window.year_combo.setCurrentIndex(window.year_combo.findData(2027))
    window.vision_combo.setCurrentIndex(window.vision_combo.findData(V1))
    visions = [window.model.vision_at(c) for c in range(window.model.columnCount())]
    assert [v for v in visions if v] == [V1]
    expected = sum(g.year == 2027 and g.vision == V1 for g in alfa.goals)
    assert _counts(window)["Alfa Hjemmepleje"] == {V1: expected}
    status = next(g.status for g in alfa.goals if g.year == 2027 and g.vision == V1)
    assert status is not None
    window.status_combo.setCurrentIndex(window.status_combo.findData(status.value))
    kept = sum(g.year == 2027 and g.vision == V1 and g.status is status for g in alfa.goals)
    assert _counts(window)["Alfa Hjemmepleje"] == {V1: kept}


def test_the_manager_s_own_plan_stands_first_beside_the_units(qtbot, folder) -> None:
    mine = _plan("plan-chef", "Centerledelsen", "Chef")
    win = RollupWindow(manager_plan=lambda: mine, today=lambda: TODAY)
    qtbot.addWidget(win)
    _read(win, folder["folder"])
    model = win.model
    assert model.index(0, 0).data() == "Centerledelsen"
    assert model.index(0, 1).data() == "Din egen plan"
    assert model.data(model.index(0, 0), UNIT_ROLE) is None
    mine_v1 = sum(g.vision == V1 for g in mine.goals)
    v1 = next(c for c in range(model.columnCount()) if model.vision_at(c) == V1)
    assert model.data(model.index(0, v1), COUNT_ROLE) == mine_v1
    assert model.rowCount() == 5


def test_progress_moves_and_stop_shows_what_was_read_as_partial(
    qtbot, window, folder, monkeypatch
) -> None:
    gate = threading.Semaphore(0)
    real = rollup_core.read_unit

    started: list[Path] = []

    def slow_reader(path: Path):
        started.append(path)
        gate.acquire(timeout=10)
        return real(path)

    monkeypatch.setattr(rollup_core, "read_unit", slow_reader)
    window.read([folder["folder"]])
    assert window.reading_box.isVisible() and not window.folder_button.isEnabled()
    gate.release()
    gate.release()
    qtbot.waitUntil(lambda: window.progress_bar.value() == 2, timeout=5000)
    qtbot.waitUntil(lambda: len(started) == 3, timeout=5000)  # the third file is being read
    assert window.progress_bar.maximum() == 9
    window.stop_button.click()
    assert not window.stop_button.isEnabled()
    for _ in range(9):
        gate.release()
    finish_all()
    rollup = window.rollup
    assert rollup is not None and rollup.stopped
    assert len(rollup.unread) == 6  # the file being read when Stop came was finished
    assert not window.reading_box.isVisible() and window.folder_button.isEnabled()
    assert "Stoppet – 6 filer er ikke læst" in window.summary_label.text()
    assert [line[1] for line in window.files_model.lines].count("Ikke læst") == 6


def test_a_unit_opens_read_only_with_its_goals_situation_and_dialogues(window, folder) -> None:
    _read(window, folder["folder"])
    model = window.model
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == "Alfa Hjemmepleje")
    window.table.selectRow(row)
    dialog = window.open_selected_unit()
    assert dialog is not None
    alfa = folder["alfa"]
    assert isinstance(alfa, Plan)
    text = dialog.browser.toPlainText()
    assert dialog.browser.isReadOnly()
    assert "Alfa Hjemmepleje" in text and "Anne Alfa" in text
    for goal in alfa.goals:
        assert goal.title in text
    assert next(t for t in alfa.situation.values() if t).splitlines()[0] in text
    assert re.search(r"afholdt \d{1,2}\. [a-zæøå]+ \d{4}", text)  # "afholdt 3. juni 2026"
    assert not re.search(r"\b\d\d-\d\d-\d{4}\b", text)  # dates as prose, not 03-06-2026
    dialog.close()


def test_the_export_writes_the_combined_workbook(window, folder, tmp_path, monkeypatch) -> None:
    _read(window, folder["folder"])
    target = tmp_path / "ud" / "Samlet.xlsx"
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    offered: list[Path] = []
    monkeypatch.setattr(
        "ui.rollup.window.offer_to_open", lambda parent, path, message="": offered.append(path)
    )
    assert window.export() is not None
    finish_all()
    assert offered == [target]
    workbook = openpyxl.load_workbook(target)
    assert workbook.sheetnames[:4] == ["Overblik", "Mål", "Dialoger", "Filer"]
    files = [row[0] for row in workbook["Filer"].iter_rows(min_row=2, values_only=True)]
    assert "alfa gammel.xlsx" in files and "budget.xlsx" in files


def test_the_menu_opens_the_window_with_the_open_plan_as_the_manager_s_own(
    qtbot, db_path, example_plan_id, folder
) -> None:
    from udviklingsplan_app import services
    from ui.main_window import MainWindow

    settings().setValue(FOLDER_KEY, str(folder["folder"]))  # read before: read again at once
    main = MainWindow(db_path)
    qtbot.addWidget(main)
    main.show()
    assert main.finish_start()
    assert main.rollup_action in main.file_menu.actions()
    main.rollup_action.trigger()
    rollup_window = main.findChild(RollupWindow, "rollupWindow")
    assert rollup_window is not None and rollup_window.isVisible()
    finish_all()
    assert rollup_window.rollup is not None and len(rollup_window.rollup.units) == 4
    model = rollup_window.model
    plan = main.session.plan
    assert plan is not None
    assert model.index(0, 1).data() == "Din egen plan"
    assert model.index(0, 0).data() == plan.workplace
    rollup_window.titles_check.setChecked(True)
    goal = plan.goals[0]
    column = next(c for c in range(model.columnCount()) if model.vision_at(c) == goal.vision)
    main.session.apply("titel", services.update_goal, goal.id, title="Nyt mål fra chefen")
    assert "Nyt mål fra chefen" in model.index(0, column).data()  # follows the open plan
    main.rollup_action.trigger()  # the same window again
    assert main.findChildren(RollupWindow) == [rollup_window]
    rollup_window.close()


def test_visions_no_unit_covers_are_named_in_the_header_and_under_the_table(window, folder) -> None:
    _read(window, folder["folder"] / "beta.json")  # beta has goals in vision 1 only
    model = window.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert [h for h in headers if "(ikke dækket)" in h] == [
        h for h in headers if h.startswith(("V2", "V3", "V4"))
    ]
    assert len([h for h in headers if "(ikke dækket)" in h]) == 3
    assert "Visioner uden mål hos nogen enhed:" in window.gaps_label.text()
    assert "V1" not in window.gaps_label.text().split(":", 1)[1]


def test_an_empty_folder_says_so(window, tmp_path) -> None:
    empty = tmp_path / "tom"
    empty.mkdir()
    (empty / "noter.txt").write_text("ikke en plan", encoding="utf-8")
    _read(window, empty)
    assert window.model.rowCount() == 0
    assert "ingen Excel-projektmapper" in window.summary_label.text()
    assert not window.open_button.isEnabled()


def test_enter_on_a_unit_s_row_opens_it(qtbot, window, folder) -> None:
    from ui.rollup.unit_dialog import UnitDialog

    _read(window, folder["folder"])
    window.table.setFocus()
    window.table.setCurrentIndex(window.model.index(1, 0))
    qtbot.keyClick(window.table, Qt.Key.Key_Return)
    opened = window.findChildren(UnitDialog)
    assert [d.unit.workplace for d in opened] == ["Beta Bosted"]


def test_while_another_folder_is_read_the_label_names_the_folder_shown(
    window, folder, monkeypatch, tmp_path: Path
) -> None:
    first = folder["folder"]
    assert isinstance(first, Path)
    _read(window, first)
    assert window.source_label.text() == f"Planer fra: {first}"
    other = tmp_path / "andre planer"
    other.mkdir()
    (other / "alfa.xlsx").write_bytes((first / "alfa.xlsx").read_bytes())
    gate = threading.Semaphore(0)
    real = rollup_core.read_unit

    def slow_reader(path: Path):
        gate.acquire(timeout=10)
        return real(path)

    monkeypatch.setattr(rollup_core, "read_unit", slow_reader)
    window.read([other])
    # The old picture stays while the new folder is read, and the label says which it is.
    assert window.model.rowCount() == 4
    assert window.source_label.text() == f"Viser planer fra: {first} – læser nu: {other}"
    gate.release()
    finish_all()
    assert window.source_label.text() == f"Planer fra: {other}"
    assert window.model.rowCount() == 1
