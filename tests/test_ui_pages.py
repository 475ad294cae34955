"""The situation, dialogue, strategy and details pages, driven as a leader would."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QLineEdit, QMessageBox

from tests.ui_helpers import shown_window
from udviklingsplan_app import services
from udviklingsplan_app.domain import DialogueKind, Person, SituationSection
from udviklingsplan_app.formatting import long_date, short_date
from udviklingsplan_app.framework_sources import get_framework
from udviklingsplan_app.guidance import Concern
from ui.main_window import DETAILS, DIALOGUES, SITUATION, STRATEGY, MainWindow
from ui.pages.dialogues_page import DialoguesPage
from ui.pages.strategy_page import FrameworkTreeModel

CHALLENGES = SituationSection.CHALLENGES


@pytest.fixture
def win(qtbot, db_path: Path, example_plan_id: int) -> MainWindow:
    return shown_window(qtbot, db_path)


def _type_at_end(qtbot, field, text: str) -> None:
    field.setFocus()
    if isinstance(field, QLineEdit):
        field.end(False)
    else:
        field.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(field, text)


def _replace_text(qtbot, field, text: str) -> None:
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, text)


# --- Aktuel situation ---------------------------------------------------------------------------


def test_typed_situation_is_stored_and_survives_a_new_window(
    qtbot, win: MainWindow, db_path: Path, example_plan_id: int
) -> None:
    page = win.show_page(SITUATION)
    editor = page.editors[CHALLENGES]
    before = services.load_plan(example_plan_id).situation_text(CHALLENGES)
    assert editor.toPlainText() == before

    _type_at_end(qtbot, editor, "")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClicks(editor, "Flere borgere med demens.")
    win.session.flush()

    stored = services.load_plan(example_plan_id).situation_text(CHALLENGES)
    assert stored == before + "\nFlere borgere med demens."
    win.close()
    again = MainWindow(db_path)
    qtbot.addWidget(again)
    again.show()
    assert again.show_page(SITUATION).editors[CHALLENGES].toPlainText() == stored


def test_typing_stores_by_itself_after_a_pause(qtbot, win: MainWindow, example_plan_id) -> None:
    editor = win.show_page(SITUATION).editors[SituationSection.OPERATIONS]
    _type_at_end(qtbot, editor, " Vikarer i sommerferien.")
    qtbot.waitUntil(
        lambda: (
            services.load_plan(example_plan_id)
            .situation_text(SituationSection.OPERATIONS)
            .endswith("Vikarer i sommerferien.")
        ),
        timeout=3000,
    )


def test_each_section_shows_its_heading_and_hint(win: MainWindow) -> None:
    page = win.show_page(SITUATION)
    for section in SituationSection:
        assert page.headings[section].text().replace("&", "") == section.label
        assert page.headings[section].buddy() is page.editors[section]
        assert page.hints[section].text() == section.hint
        # The hint is said once, above the field, not again inside the empty field.
        assert page.editors[section].placeholderText() == ""
    page.scroll_area.ensureWidgetVisible(page.hints[SituationSection.FACTS])
    assert page.hints[SituationSection.FACTS].isVisible()


def test_a_situation_finding_focuses_the_first_empty_section(
    qtbot, db_path: Path, example_plan_id: int
) -> None:
    services.set_situation(example_plan_id, SituationSection.FOCUS_AREAS, "")
    services.set_situation(example_plan_id, SituationSection.OPERATIONS, "")
    window = MainWindow(db_path)
    qtbot.addWidget(window)
    window.show()
    window.go_to(Concern("situation"))
    page = window.current_page()
    assert window.stack.currentIndex() == SITUATION
    assert window.focusWidget() is page.editors[SituationSection.FOCUS_AREAS]


def test_undo_puts_the_situation_text_back(qtbot, win: MainWindow, example_plan_id) -> None:
    page = win.show_page(SITUATION)
    editor = page.editors[CHALLENGES]
    before = editor.toPlainText()
    _type_at_end(qtbot, editor, " Og mere.")
    win.session.flush()
    assert "ændret aktuel situation" in win.undo_action.text()

    win.undo_action.trigger()

    assert services.load_plan(example_plan_id).situation_text(CHALLENGES) == before
    assert editor.toPlainText() == before
    win.redo_action.trigger()
    assert editor.toPlainText() == before + " Og mere."


# --- Dialoger -----------------------------------------------------------------------------------


def test_a_dialogue_is_planned_held_and_noted(qtbot, win: MainWindow, example_plan_id) -> None:
    page = win.show_page(DIALOGUES)
    page.choose_year(2028)
    form = page.forms[DialogueKind.MIDT]
    tab = list(DialogueKind).index(DialogueKind.MIDT)
    page.tabs.setCurrentIndex(tab)
    assert form.planned.value() is None and form.notes.toPlainText() == ""
    assert page.tabs.tabText(tab) == "Midtvejs – ikke planlagt"
    assert form.suggestion.text() == "Foreslået: 1. juni 2028"

    assert form.participants.text() == ""
    qtbot.mouseClick(form.use_suggestion, Qt.MouseButton.LeftButton)
    # The dialogue is stored now, with the leader and the manager as its participants.
    assert form.participants.text() == "Mette Holm, Henrik Lund"
    form.held.open_calendar()
    form.held.calendar.activated.emit(QDate(2028, 6, 3))  # as when picked in the calendar
    assert not form.held.calendar.isVisible() and form.held.text() == "3. juni 2028"
    _type_at_end(qtbot, form.participants, ",  Lise Kvist")
    _type_at_end(qtbot, form.notes, "Sygefraværet er faldet.")
    win.session.flush()

    stored = services.load_plan(example_plan_id).dialogue(2028, DialogueKind.MIDT)
    assert stored is not None
    assert (stored.planned, stored.held) == (dt.date(2028, 6, 1), dt.date(2028, 6, 3))
    assert stored.participants == ["Mette Holm", "Henrik Lund", "Lise Kvist"]
    assert stored.notes == "Sygefraværet er faldet."
    assert page.tabs.tabText(tab) == "Midtvejs – afholdt 3. juni"
    assert page.tabs.tabToolTip(tab) == "Afholdt 3. juni 2028"
    assert not form.use_suggestion.isEnabled()  # the suggestion is already the date
    # The other dialogues of the year were not recorded along the way.
    assert services.load_plan(example_plan_id).dialogue(2028, DialogueKind.START) is None


def test_clearing_a_date_stores_no_date(qtbot, win: MainWindow, example_plan_id) -> None:
    page = win.show_page(DIALOGUES)
    page.choose_year(2026)
    form = page.forms[DialogueKind.START]
    assert form.held.value() == dt.date(2026, 2, 10)
    qtbot.mouseClick(form.clear_held, Qt.MouseButton.LeftButton)
    stored = services.load_plan(example_plan_id).dialogue(2026, DialogueKind.START)
    assert stored is not None and stored.held is None
    assert stored.notes.startswith("Vi gennemgik")  # the rest stays as it was
    assert form.held.value() is None
    assert page.tabs.tabText(0) == "Start – planlagt 10. feb."


def test_switching_year_shows_that_years_dialogues(qtbot, win: MainWindow, example_plan_id) -> None:
    page = win.show_page(DIALOGUES)
    assert [page.year_picker.itemText(i) for i in range(page.year_picker.count())] == [
        "2026",
        "2027",
        "2028",
        "2029",
    ]
    start = page.forms[DialogueKind.START]
    page.choose_year(2026)
    assert start.notes.toPlainText().startswith("Vi gennemgik")
    assert start.participants.text() == "Mette Holm, Henrik Lund"
    page.choose_year(2027)
    assert start.planned.value() == dt.date(2027, 2, 9)
    assert start.notes.toPlainText() == ""
    page.choose_year(2029)
    assert start.planned.value() is None and start.participants.text() == ""
    assert start.suggestion.text() == "Foreslået: 1. februar 2029"

    # Text typed just before switching year stays with the year it was typed in.
    _type_at_end(qtbot, start.agenda, "Status på målene")
    page.choose_year(2026)
    plan = services.load_plan(example_plan_id)
    stored = plan.dialogue(2029, DialogueKind.START)
    assert stored is not None and stored.agenda == "Status på målene"
    assert not plan.dialogue(2026, DialogueKind.START).agenda.endswith("Status på målene")


def test_a_dialogue_finding_selects_the_year_and_the_kind(win: MainWindow) -> None:
    win.go_to(Concern("dialogue", year=2027, dialogue=DialogueKind.SLUT))
    page = win.current_page()
    assert isinstance(page, DialoguesPage)
    assert page.year_picker.currentText() == "2027"
    assert page.tabs.currentIndex() == list(DialogueKind).index(DialogueKind.SLUT)
    assert page.forms[DialogueKind.SLUT].suggestion.text() == "Foreslået: 1. november 2027"


def test_dialogue_dates_read_as_danish() -> None:
    assert long_date(dt.date(2027, 1, 15)) == "15. januar 2027"
    assert short_date(dt.date(2026, 3, 3), 2026) == "3. mar."
    assert short_date(dt.date(2026, 5, 3), 2026) == "3. maj"
    assert short_date(dt.date(2027, 1, 19), 2026) == "19. jan. 2027"


# --- Strategi -----------------------------------------------------------------------------------


def _children(model: FrameworkTreeModel, parent) -> list[str]:
    return [model.index(r, 0, parent).data() for r in range(model.rowCount(parent))]


def test_the_strategy_tree_holds_the_visions_and_themes(
    qtbot, qtmodeltester, win: MainWindow, example_plan_id
) -> None:
    page = win.show_page(STRATEGY)
    model = page.model
    qtmodeltester.check(model)
    framework = get_framework("socialstrategi-2018")
    root = model.index(0, 0)
    assert root.data() == framework.label
    visions = _children(model, root)
    assert visions == [f"{v.code} {v.title}" for v in framework.visions]
    first = model.index(0, 0, root)
    vision = framework.visions[0]
    assert _children(model, first) == [t.title for t in vision.themes] + ["Tegn på succes"]
    signs = model.index(len(vision.themes), 0, first)
    assert _children(model, signs) == [s.text for s in vision.signs]

    plan = services.load_plan(example_plan_id)
    for row, v in enumerate(framework.visions):
        count = sum(1 for g in plan.goals if g.vision == v.id)
        text = model.index(row, FrameworkTreeModel.GOALS, root).data()
        assert text == (f"{count} mål i planen" if count else "ingen mål endnu")
    assert model.index(0, FrameworkTreeModel.GOALS).data() == f"{len(plan.goals)} mål i planen"


def test_choosing_a_theme_shows_its_bullets_and_the_plans_goals(
    qtbot, win: MainWindow, example_plan_id
) -> None:
    page = win.show_page(STRATEGY)
    theme_id = "vaerdigt-liv.tryghed-og-omsorg"
    index = page.model.index_of(f"theme:{theme_id}")
    page.tree.scrollTo(index)
    qtbot.mouseClick(
        page.tree.viewport(), Qt.MouseButton.LeftButton, pos=page.tree.visualRect(index).center()
    )
    assert page.tree.currentIndex() == index
    text = page.text.toPlainText()
    _, theme = get_framework("socialstrategi-2018").theme(theme_id)
    assert theme.title in text
    for bullet in theme.bullets:
        assert bullet in text
    goals = [g for g in services.load_plan(example_plan_id).goals if g.theme == theme_id]
    assert goals and all(g.title in text for g in goals)


def test_the_counts_follow_the_plan_and_the_selection_stays(
    qtbot, qtmodeltester, win: MainWindow, example_plan_id
) -> None:
    page = win.show_page(STRATEGY)
    assert page.select_key("theme:vaerdigt-liv.netvaerk-og-faellesskaber")
    key = page.model.index_of("theme:vaerdigt-liv.netvaerk-og-faellesskaber")
    count = key.siblingAtColumn(FrameworkTreeModel.GOALS)
    assert count.data() == "ingen mål endnu"
    assert "Planen har endnu ingen mål under temaet." in page.text.toPlainText()

    win.session.apply(
        "nyt mål",
        services.add_goal,
        example_plan_id,
        year=2027,
        vision="vaerdigt-liv",
        theme="vaerdigt-liv.netvaerk-og-faellesskaber",
        title="Frivillige besøgsvenner",
    )

    assert count.data() == "1 mål i planen"
    assert page.tree.currentIndex() == key
    assert "2027: Frivillige besøgsvenner" in page.text.toPlainText()
    qtmodeltester.check(page.model)


def test_the_framework_node_shows_its_title_rules_and_groups(win: MainWindow) -> None:
    page = win.show_page(STRATEGY)
    assert page.tree.currentIndex() == page.model.index(0, 0)
    text = page.text.toPlainText()
    framework = get_framework("socialstrategi-2018")
    assert framework.title in text and framework.owner in text
    assert all(rule in text for rule in framework.rule_texts)
    assert "Borgerne" in text and "Organisationen" in text


def test_a_focus_area_plan_uses_the_frameworks_own_words(
    qtbot, qtmodeltester, db_path: Path
) -> None:
    services.create_plan(
        workplace="Bostøtten",
        leader=Person("Anna", "Leder"),
        level=4,
        manager=Person(),
        framework_id="su-indsatsomraader-2023-2025",
        first_year=2024,
    )
    window = MainWindow(db_path)
    qtbot.addWidget(window)
    window.show()
    page = window.show_page(STRATEGY)
    qtmodeltester.check(page.model)
    first = page.model.index(0, 0, page.model.index(0, 0))
    assert _children(page.model, first) == ["Målsætninger", "Forudsætninger"]
    page.show_concern(Concern("vision", vision="io2-udsatte-unge"))
    assert "Planen har endnu ingen mål under indsatsområdet." in page.text.toPlainText()


def test_an_empty_model_passes_the_model_tester(qtmodeltester) -> None:
    model = FrameworkTreeModel()
    qtmodeltester.check(model)
    model.set_framework(get_framework("socialstrategi-2018"))
    qtmodeltester.check(model)


# --- Planens oplysninger ------------------------------------------------------------------------


def test_a_new_workplace_name_is_stored_and_titles_the_window(
    qtbot, win: MainWindow, example_plan_id
) -> None:
    page = win.show_page(DETAILS)
    assert page.workplace.text() == services.load_plan(example_plan_id).workplace
    _replace_text(qtbot, page.workplace, "Hjemmeplejen Nord")
    win.session.flush()
    assert services.load_plan(example_plan_id).workplace == "Hjemmeplejen Nord"
    assert win.windowTitle().startswith("Hjemmeplejen Nord")
    assert "ændret arbejdsplads" in win.undo_action.text()


def test_the_leader_and_manager_fields_are_stored(qtbot, win: MainWindow, example_plan_id) -> None:
    page = win.show_page(DETAILS)
    _replace_text(qtbot, page.manager_name, "Lise Berg")
    _replace_text(qtbot, page.leader_title, "Afdelingsleder")
    page.level.setFocus()
    qtbot.keyClick(page.level, Qt.Key.Key_Up)
    win.session.flush()
    plan = services.load_plan(example_plan_id)
    assert (plan.manager.name, plan.leader.title, plan.level) == ("Lise Berg", "Afdelingsleder", 4)
    assert "Lise Berg" in win.details.text()


def test_an_empty_workplace_is_explained_and_not_stored(
    qtbot, win: MainWindow, example_plan_id
) -> None:
    page = win.show_page(DETAILS)
    before = page.workplace.text()
    page.workplace.setFocus()
    page.workplace.selectAll()
    qtbot.keyClick(page.workplace, Qt.Key.Key_Delete)
    win.session.flush()
    assert win.notice.isVisible() and "arbejdspladsens navn" in win.notice_text.text()
    assert services.load_plan(example_plan_id).workplace == before
    page.workplace.editingFinished.emit()  # the leader leaves the empty field
    assert page.workplace.text() == before


def test_a_shorter_cycle_is_stored(qtbot, win: MainWindow, example_plan_id) -> None:
    page = win.show_page(DETAILS)
    page.years.setFocus()
    qtbot.keyClick(page.years, Qt.Key.Key_Down)
    assert services.load_plan(example_plan_id).years == 3
    assert page.cycle.text() == "Planen dækker 2026–2028."
    assert not win.notice.isVisible()


def test_a_cycle_that_leaves_goals_outside_is_refused(
    qtbot, win: MainWindow, example_plan_id
) -> None:
    page = win.show_page(DETAILS)
    page.first_year.setFocus()
    page.first_year.selectAll()
    qtbot.keyClicks(page.first_year, "2027")
    qtbot.keyClick(page.first_year, Qt.Key.Key_Return)

    assert win.notice.isVisible()
    assert "2026" in win.notice_text.text() and "2027–2030" in win.notice_text.text()
    assert services.load_plan(example_plan_id).first_year == 2026
    assert page.first_year.value() == 2026
    assert not win.undo_action.isEnabled()


def test_deleting_asks_first_and_no_keeps_the_plan(
    qtbot, win: MainWindow, example_plan_id, monkeypatch
) -> None:
    asked: list[str] = []

    def answer_no(parent, title, text, buttons, default):
        asked.append(text)
        assert default == QMessageBox.StandardButton.No
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", answer_no)
    page = win.show_page(DETAILS)
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert asked and "Den Sociale Hjemmepleje" in asked[0] and "kan ikke fortrydes" in asked[0]
    assert [p.id for p in services.list_plans()] == [example_plan_id]
    assert win.session.plan_id == example_plan_id


def test_deleting_with_yes_removes_the_plan_and_shows_another(
    qtbot, win: MainWindow, example_plan_id, monkeypatch
) -> None:
    other = services.create_plan(
        workplace="Bostøtten Syd",
        leader=Person("Anna Berg", "Leder"),
        level=4,
        manager=Person(),
        framework_id="socialstrategi-2018",
        first_year=2026,
    )
    win.reload_plans(select_id=example_plan_id)
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    page = win.show_page(DETAILS)
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)

    assert [p.id for p in services.list_plans()] == [other]
    assert win.session.plan_id == other
    assert win.windowTitle().startswith("Bostøtten Syd")
    assert page.workplace.text() == "Bostøtten Syd"
    assert win.plan_picker.count() == 1


def test_deleting_the_only_plan_shows_the_welcome(qtbot, win: MainWindow, monkeypatch) -> None:
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    page = win.show_page(DETAILS)
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert services.list_plans() == []
    assert win.session.plan is None
    assert win.empty_box.isVisible()


def test_the_managers_email_is_stored_and_a_bad_one_explained(
    qtbot, win: MainWindow, example_plan_id
) -> None:
    page = win.show_page(DETAILS)
    _replace_text(qtbot, page.manager_email, "lise.berg@sof.kk.dk")
    win.session.flush()
    assert services.load_plan(example_plan_id).manager.email == "lise.berg@sof.kk.dk"
    assert "e-mailadresse" in win.undo_action.text()
    _replace_text(qtbot, page.manager_email, "lise berg")
    win.session.flush()
    assert win.notice.isVisible() and "ikke en gyldig e-mailadresse" in win.notice_text.text()
    assert "<span>»lise berg« er ikke" in win.notice_text.text()  # no code name (manager_email)
    assert services.load_plan(example_plan_id).manager.email == "lise.berg@sof.kk.dk"
    assert page.manager_email.text() == "lise berg"  # the typing stays, to be mended
