"""The first main window, driven as a user would with pytest-qt."""

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
from ui.main_window import MainWindow
from ui.operations import finish_all


@pytest.fixture
def window(qtbot, db_path: Path) -> MainWindow:
    return shown_window(qtbot, db_path)


def _cell(win: MainWindow, row: int, column: int) -> str:
    model = win.overview_model
    return str(model.data(model.index(row, column), Qt.ItemDataRole.DisplayRole))


def test_empty_database_explains_how_to_get_a_plan(window: MainWindow) -> None:
    assert window.empty_hint.isVisible()
    assert "ingen plan" in window.empty_hint.text()
    assert not window.overview.isVisible()
    assert not window.export_action.isEnabled()


def test_example_plan_fills_the_overview_and_findings(
    qtbot, db_path: Path, example_plan_id: int
) -> None:
    win = MainWindow(db_path)
    qtbot.addWidget(win)
    win.show()
    model = win.overview_model
    assert model.rowCount() == 4 and model.columnCount() == 4
    assert model.headerData(0, Qt.Orientation.Vertical) == "2026"
    assert "Et værdigt liv" in model.headerData(0, Qt.Orientation.Horizontal)
    # 2026 × "En sund og fagligt stærk organisation" holds two goals, listed by title.
    cell = _cell(win, 0, 3)
    assert cell.startswith("2 mål")
    assert "Lavere sygefravær" in cell
    assert _cell(win, 3, 0) == "–"
    assert "Den Sociale Hjemmepleje" in win.windowTitle()
    assert "Mette Holm" in win.details.text()
    texts = [
        win.findings_model.data(win.findings_model.index(r, 0))
        for r in range(win.findings_model.rowCount())
    ]
    assert any("2028" in t for t in texts)
    assert all(t.split(":")[0] in {"Fejl", "Advarsel", "Tip"} for t in texts)
    assert win.page(0).findings_label.text() == (
        f"<b>Vejledning</b> – {len(texts)} bemærkninger (klik for at gå til dem)"
    )


def test_a_single_finding_is_counted_in_the_singular(
    qtbot, db_path: Path, example_plan_id: int, monkeypatch
) -> None:
    import ui.pages.overview_page as main_window_module
    from udviklingsplan_app.domain import Severity
    from udviklingsplan_app.guidance import Concern, Finding

    one = [
        Finding(
            Severity.TIP,
            "too-few-goals",
            "Der er endnu ingen udviklingsmål for 2028.",
            Concern("year", year=2028),
        )
    ]
    monkeypatch.setattr(main_window_module, "check_plan", lambda plan, framework, **_: one)
    win = MainWindow(db_path)
    qtbot.addWidget(win)
    assert win.page(0).findings_label.text() == (
        "<b>Vejledning</b> – 1 bemærkning (klik for at gå til den)"
    )
    monkeypatch.setattr(main_window_module, "check_plan", lambda plan, framework, **_: [])
    win.reload_plans()
    assert "ingen bemærkninger" in win.page(0).findings_label.text()


def test_models_pass_qt_model_tester(qtmodeltester, db_path: Path, example_plan_id: int) -> None:
    from udviklingsplan_app.guidance import check_plan
    from ui.models.overview import FindingsModel, OverviewModel

    plan = services.load_plan(example_plan_id)
    framework = services.plan_framework(example_plan_id)
    overview = OverviewModel()
    overview.set_plan(plan, framework)
    qtmodeltester.check(overview)
    findings = FindingsModel()
    findings.set_findings(check_plan(plan, framework))
    qtmodeltester.check(findings)


def test_import_through_the_file_menu_shows_the_new_plan(window: MainWindow, monkeypatch) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(EXAMPLE), ""))
    window.import_action.trigger()
    finish_all()
    assert [p.workplace for p in services.list_plans()] == [
        json.loads(EXAMPLE.read_text("utf-8"))["plan"]["workplace"]
    ]
    assert window.plan_picker.count() == 1
    assert window.overview.isVisible()
    assert _cell(window, 1, 0).startswith("1 mål")


def test_a_broken_file_gives_a_danish_message_and_changes_nothing(
    window: MainWindow, monkeypatch, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "udviklingsplan", "version": 1, "plan": {', encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(broken), ""))
    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", lambda parent, title, text, *a: shown.append(title + "|" + text)
    )
    window.import_action.trigger()
    finish_all()
    assert len(shown) == 1 and "kan ikke importeres" in shown[0] and "slutter midt i" in shown[0]
    assert services.list_plans() == []


def test_export_through_the_file_menu_writes_the_plan(
    qtbot, db_path: Path, example_plan_id: int, monkeypatch, tmp_path: Path
) -> None:
    win = MainWindow(db_path)
    qtbot.addWidget(win)
    target = tmp_path / "ud.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    win.export_action.trigger()
    finish_all()
    assert target.read_bytes() == EXAMPLE.read_bytes()


def test_smoke_test_opens_the_window_and_exits_zero(cli, tmp_path: Path) -> None:
    db = tmp_path / "smoke.db"
    assert cli("import", str(EXAMPLE), db=db).code == 0
    result = cli("--smoke-test", db=db)
    assert result.code == 0, result.err
    assert "Traceback" not in result.err


def test_smoke_test_needs_no_screen_setting(cli, tmp_path: Path, monkeypatch) -> None:
    # CI machines have no display: --smoke-test must choose the offscreen platform itself.
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    result = cli("--smoke-test", db=tmp_path / "ny.db")
    assert result.code == 0, result.err
    assert "Traceback" not in result.err


def test_smoke_test_on_a_damaged_database_exits_3_without_touching_it(cli, tmp_path: Path) -> None:
    db = tmp_path / "not-a-db.db"
    db.write_bytes(b"this is not a database" * 100)
    before = db.read_bytes()
    result = cli("--smoke-test", db=db)
    assert result.code == 3
    assert "ikke en Udviklingsplan-database" in result.err
    assert db.read_bytes() == before


def test_the_welcome_button_imports_a_plan(window: MainWindow, qtbot, monkeypatch) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(EXAMPLE), ""))
    assert window.empty_import.isVisible()
    qtbot.mouseClick(window.empty_import, Qt.MouseButton.LeftButton)
    finish_all()
    assert len(services.list_plans()) == 1
    assert not window.empty_box.isVisible()
    assert window.overview.isVisible()
