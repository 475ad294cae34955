"""Hjælp, the guide again for the year, and the wording a leader meets (issue 12, items 9–11),
driven through the window as a leader would."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QPushButton

from tests.ui_helpers import shown_window
from udviklingsplan_app import services
from udviklingsplan_app.storage.backup import backups_folder
from udviklingsplan_app.support import DEFAULT_SUPPORT, ENV_VAR
from ui.app import install_danish
from ui.dialogs.help_dialog import HelpDialog
from ui.guide import PlanGuide, YearGuide, open_guide_for_year, open_new_plan_guide
from ui.guide.about_step import AboutStep
from ui.guide.guide import ABOUT, FOCUS
from ui.main_window import GOALS, MainWindow


@pytest.fixture
def window(qtbot, db_path: Path) -> MainWindow:
    return shown_window(qtbot, db_path, started=True)


def _menu_texts(window: MainWindow) -> list[str]:
    texts = []
    for menu_action in window.menuBar().actions():
        menu = menu_action.menu()
        texts += [a.text().replace("&", "") for a in menu.actions() if a.text()]
    return texts


# --- Hjælp ------------------------------------------------------------------------------------


def test_the_help_says_what_the_program_is_for_the_year_where_the_data_is_and_whom_to_call(
    qtbot, window: MainWindow, db_path: Path, monkeypatch
) -> None:
    monkeypatch.setenv(ENV_VAR, "Ring til Servicedesk på 3366 1234 <hverdage>.")
    assert "Sådan bruger du Udviklingsplan" in _menu_texts(window)
    window.help_action.trigger()
    dialog = window.help_dialog
    assert isinstance(dialog, HelpDialog) and dialog.isVisible()
    text = dialog.text.toPlainText()
    assert "udviklingsmål om året" in text
    for line in (
        "Startdialog i februar",
        "Midtvejsdialog i juni",
        "Slutdialog i november",
        "Opfølgning i januar året efter",
    ):
        assert line in text
    assert str(db_path) in text
    assert str(backups_folder(db_path)) in text
    assert "overdragelsesfil" in text and "JSON" in text  # JSON is explained here, only here
    assert "Ring til Servicedesk på 3366 1234 <hverdage>." in text  # shown as IT wrote it
    dialog.close()
    # IT changes the text: the help shows the new one the next time it opens.
    monkeypatch.setenv(ENV_VAR, "Servicedesk: 3366 9999")
    window.help_action.trigger()
    assert window.help_dialog is dialog
    assert "Servicedesk: 3366 9999" in dialog.text.toPlainText()
    dialog.close()


def test_without_a_support_setting_the_help_has_the_default_text(
    qtbot, window: MainWindow, monkeypatch, tmp_path: Path
) -> None:
    monkeypatch.delenv(ENV_VAR, raising=False)
    monkeypatch.setattr("udviklingsplan_app.support.support_files", lambda: [tmp_path / "x.txt"])
    window.help_action.trigger()
    assert DEFAULT_SUPPORT in window.help_dialog.text.toPlainText()  # type: ignore[union-attr]
    window.help_dialog.close()  # type: ignore[union-attr]


def test_the_guide_opens_again_for_the_year_the_leader_works_in(
    qtbot, window: MainWindow, example_plan_id: int
) -> None:
    window.reload_plans(select_id=example_plan_id)
    plan = services.load_plan(example_plan_id)
    # In the plan's first year: the plan's own guide, showing the plan as it is.
    first = dt.date(plan.first_year, 4, 1)
    guide = open_guide_for_year(window, first)
    assert isinstance(guide, PlanGuide) and guide.isVisible()
    assert guide.plan_id == example_plan_id
    about: AboutStep = guide.steps[ABOUT]
    assert about.workplace.text() == plan.workplace
    guide.close()
    assert window.guide is None
    # In a later year: the guide that closes the year before and plans this one.
    later = dt.date(plan.first_year + 1, 3, 1)
    guide = open_guide_for_year(window, later)
    assert isinstance(guide, YearGuide) and guide.year == plan.first_year + 1
    guide.close()
    assert [p.id for p in services.list_plans()] == [example_plan_id]  # nothing new was made


def test_the_menu_names_the_year_of_the_guide(qtbot, window: MainWindow, example_plan_id) -> None:
    window.reload_plans(select_id=example_plan_id)
    window.update_guide_again_action()
    year = min(
        max(dt.date.today().year, window.session.plan.first_year), window.session.plan.last_year
    )  # type: ignore[union-attr]
    assert window.guide_again_action.text() == f"Åbn &guiden for {year}…"
    window.guide_again_action.trigger()
    assert window.guide is not None and window.guide.isVisible()
    window.guide.close()


# --- wording ----------------------------------------------------------------------------------


def test_menus_speak_of_a_file_for_handover_not_of_json(qtbot, window: MainWindow) -> None:
    texts = _menu_texts(window)
    assert not [t for t in texts if "JSON" in t]
    assert "Importér plan fra overdragelsesfil…" in texts
    assert "Gem plan som overdragelsesfil…" in texts
    assert "JSON" not in window.empty_hint.text()


def test_qts_own_file_dialog_speaks_danish(qtbot) -> None:
    app = QApplication.instance()
    locale = QLocale()
    installed = install_danish(app)  # type: ignore[arg-type]
    try:
        dialog = QFileDialog(None, "Importér plan")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        qtbot.addWidget(dialog)
        labels = {label.objectName(): label.text() for label in dialog.findChildren(QLabel)}
        assert labels["lookInLabel"] == "&Kig i:"
        assert labels["fileNameLabel"] == "&Filnavn:"
        assert labels["fileTypeLabel"] == "Filer af &typen:"
        buttons = {b.text() for b in dialog.findChildren(QPushButton)}
        assert "Annuller" in buttons
    finally:
        for translator in installed:
            QCoreApplication.removeTranslator(translator)
        QLocale.setDefault(locale)


def test_the_carry_over_button_says_what_it_does(
    qtbot, window: MainWindow, example_plan_id: int
) -> None:
    window.reload_plans(select_id=example_plan_id)
    page = window.show_page(GOALS)
    assert page.carry_button.text() == "Vi&derefør til næste år…"  # type: ignore[attr-defined]


def test_step_3_has_one_name_before_and_after_the_plan_exists(qtbot, window: MainWindow) -> None:
    guide = open_new_plan_guide(window)
    assert isinstance(guide, PlanGuide)
    names = guide.steps_model.stringList
    assert names()[FOCUS] == "3. Fireårsoverblik"
    about: AboutStep = guide.steps[ABOUT]
    about.years.setValue(3)
    assert names()[FOCUS] == "3. Treårsoverblik"
    about.workplace.setText("Hjemløseenheden")
    guide.next_button.click()
    assert guide.plan_id is not None
    assert names()[FOCUS] == "3. Treårsoverblik"
    guide.go(FOCUS)
    assert guide.title_label.text() == "Treårsoverblik"
    guide.close()


def test_step_1_says_which_framework_is_which_and_why_2018_is_chosen(
    qtbot, window: MainWindow
) -> None:
    guide = open_new_plan_guide(window, today=dt.date(2026, 12, 4))
    assert isinstance(guide, PlanGuide)
    about: AboutStep = guide.steps[ABOUT]
    text = about.framework_why.text()
    assert about.framework_why.isVisible()
    assert "Socialstrategien 2018" in text and "16. november 2022" in text
    assert "indsatsområder 2023–2025, som nu er udløbet" in text
    assert "valgt på forhånd" in text
    checked = about.frameworks[about.framework_group.checkedId()]
    assert checked.id == "socialstrategi-2018"
    guide.close()


def test_the_help_names_the_menus_as_they_are_and_the_pdf_for_the_manager(
    qtbot, window: MainWindow
) -> None:
    import re

    window.help_action.trigger()
    text = window.help_dialog.text.toPlainText()  # type: ignore[union-attr]
    window.help_dialog.close()  # type: ignore[union-attr]
    # The manager gets the plan as a PDF too, or on paper: the help says where.
    assert "Filer ▸ Eksportér til PDF…" in text
    assert "Filer ▸ Udskriv…" in text
    # Every menu entry the help points to is in the menu, spelled the same way.
    named = re.findall(r"(Filer|Hjælp) ▸ ([^.,()]+?…|Nyt år|Åbn guiden for året)", text)
    assert len(named) >= 6
    entries = _menu_texts(window)
    for _menu, entry in named:
        assert any(e.startswith(entry.rstrip("…")) for e in entries), entry
