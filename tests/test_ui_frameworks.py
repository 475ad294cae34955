"""Frameworks in the window: Filer ▸ Strategirammer…, the guide's choice, a newer version."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox

from tests.test_framework_sources import make_plan, new_framework, newer_2018, write
from tests.ui_helpers import shown_window
from udviklingsplan_app import services
from ui.dialogs.frameworks_dialog import FrameworksDialog
from ui.guide import open_new_plan_guide
from ui.guide.about_step import AboutStep
from ui.guide.guide import ABOUT
from ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, db_path: Path) -> MainWindow:
    return shown_window(qtbot, db_path, started=True)


def test_the_dialog_lists_every_framework_and_adds_a_checked_file(
    qtbot, tmp_path: Path, framework_folders, monkeypatch
) -> None:
    write(framework_folders[0], new_framework(id="it-ramme", title="Rammen fra it"), "it.json")
    dialog = FrameworksDialog()
    qtbot.addWidget(dialog)
    assert [row[0] for row in dialog.rows()] == [
        "socialstrategi-2018",
        "su-indsatsomraader-2023-2025",
        "it-ramme",
    ]
    assert dialog.rows()[2][3] == "Lagt ind af it (fælles for computeren)"

    broken = write(tmp_path, {**new_framework(), "visions": []}, "tom.json")
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: warnings.append(text))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(broken), ""))
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert len(warnings) == 1 and "visions" in warnings[0] and "tom.json" in warnings[0]
    assert len(dialog.rows()) == 3

    good = write(tmp_path, new_framework(), "ny.json")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(good), ""))
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert dialog.rows()[3] == (
        "socialstrategi-2027",
        "2027.1",
        "Socialstrategien 2027",
        "Tilføjet af dig",
    )
    assert "er tilføjet" in dialog.status.text()
    assert (framework_folders[1] / "socialstrategi-2027-2027.1.json").is_file()


def test_the_menu_opens_the_dialog(qtbot, window: MainWindow, monkeypatch) -> None:
    shown: list[list[tuple[str, ...]]] = []
    monkeypatch.setattr(FrameworksDialog, "exec", lambda self: shown.append(self.rows()) or 0)
    assert window.frameworks_action.text() == "S&trategirammer…"
    assert window.frameworks_action in window.file_menu.actions()
    window.frameworks_action.trigger()
    assert len(shown) == 1 and len(shown[0]) == 2


def test_the_guide_offers_an_added_framework_with_its_description(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    from udviklingsplan_app import framework_sources

    framework_sources.add_framework_file(write(tmp_path, new_framework(), "ny.json"))
    guide = open_new_plan_guide(window)
    about: AboutStep = guide.steps[ABOUT]
    labels = [button.text() for button in about.framework_buttons]
    assert "Socialstrategien 2027 (2027–2030)" in labels
    number = labels.index("Socialstrategien 2027 (2027–2030)")
    shown = [label.text() for label in about.framework_box.findChildren(QLabel)]
    assert about.frameworks[number].description in shown
    button = about.framework_buttons[number]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(6, button.height() // 2))
    about.workplace.setFocus()
    qtbot.keyClicks(about.workplace, "Hjemløseenheden")
    qtbot.mouseClick(guide.next_button, Qt.MouseButton.LeftButton)
    plan = window.session.plan
    assert plan is not None
    assert (plan.framework_id, plan.framework_version) == ("socialstrategi-2027", "2027.1")
    assert window.session.framework is not None
    assert window.session.framework.title == "Socialstrategien 2027"


def test_a_newer_version_is_shown_calmly_and_the_move_is_one_undoable_step(
    qtbot, db_path: Path, framework_folders, monkeypatch
) -> None:
    plan_id = make_plan("socialstrategi-2018")
    services.add_goal(
        plan_id,
        year=2027,
        vision="vaerdigt-liv",
        theme="vaerdigt-liv.tryghed-og-omsorg",
        title="Tryg aften",
    )
    write(framework_folders[0], newer_2018(), "socialstrategi-2018.2.json")
    window = shown_window(qtbot, db_path, started=True)
    qtbot.waitUntil(lambda: window.framework_bar is not None and window.framework_bar.isVisible())
    bar = window.framework_bar
    assert "version 2018.2" in bar.text.text()
    assert "Planen følger version 2018.1" in bar.text.text()
    text = bar.change_text()
    assert "Et værdigt og trygt liv" in text
    assert "Tryg aften (2027)" in text

    # "Ikke nu" changes nothing.
    monkeypatch.setattr(QMessageBox, "exec", lambda self: 0)
    bar.show_changes()
    assert services.load_plan(plan_id).framework_version == "2018.1"

    bar.move_plan()
    assert window.session.plan.framework_version == "2018.2"
    assert window.session.framework.visions[0].title == "Et værdigt og trygt liv"
    assert not bar.isVisible()
    assert [g.title for g in window.session.plan.goals] == ["Tryg aften"]
    assert window.undo_action.text() == "&Fortryd flyttet planen til strategirammens version 2018.2"

    window.undo_action.trigger()
    assert services.load_plan(plan_id).framework_version == "2018.1"
    assert window.session.framework.visions[0].title == "Et værdigt liv"
    qtbot.waitUntil(bar.isVisible)
