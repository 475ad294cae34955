"""The Udviklingsmål page, driven as a leader would: type, click, choose; then read the database."""

from __future__ import annotations

import dataclasses
import datetime as dt
import time
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtWidgets import QComboBox, QInputDialog, QMessageBox

from tests.ui_helpers import goals_page, shown_window
from udviklingsplan_app import services
from udviklingsplan_app.domain import Action, Goal, Person, Plan, Status
from udviklingsplan_app.framework_sources import get_framework
from udviklingsplan_app.guidance import Concern
from ui.main_window import GOALS, OVERVIEW, MainWindow
from ui.models.goals import (
    COL_ACTIONS,
    COL_STATUS,
    COL_TITLE,
    COL_VISION,
    COL_YEAR,
    GoalFilterProxy,
    GoalsTableModel,
    StatusHistoryModel,
    SuccessSignsModel,
    sort_text,
)
from ui.pages.goals_page import GoalsPage

MEDICINE = "Tryg og sikker medicinhåndtering i hjemmesygeplejen"  # 2027, Et værdigt liv
SICK_LEAVE = "Lavere sygefravær gennem tidlig dialog og bedre trivsel"  # 2026, in progress
FIXED_STAFF = "Fast medarbejder og fast tid hos borgeren"  # 2026, carried over to 2027
FIXED_STAFF_ON = "Fast medarbejder og fast tid i alle teams"  # 2027, carried over from 2026


@pytest.fixture
def win(qtbot, db_path: Path, example_plan_id: int) -> MainWindow:
    return shown_window(qtbot, db_path)


@pytest.fixture
def page(win: MainWindow) -> GoalsPage:
    return goals_page(win)


def stored(plan_id: int) -> Plan:
    return services.load_plan(plan_id)


def stored_goal(plan_id: int, title: str) -> Goal:
    return next(g for g in stored(plan_id).goals if g.title == title)


def shown(page: GoalsPage, column: int = COL_TITLE) -> list[str]:
    """The cells of one column as the table shows them, top to bottom."""
    proxy = page.proxy
    return [proxy.index(row, column).data() for row in range(proxy.rowCount())]


def click_row(qtbot, page: GoalsPage, title: str) -> None:
    row = shown(page).index(title)
    rect = page.table.visualRect(page.proxy.index(row, COL_TITLE))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert page.editor.title_edit.text() == title


def choose(combo: QComboBox, data: object) -> None:
    """Pick the item holding ``data``, as a leader picking from the list does."""
    index = combo.findData(data)
    assert index >= 0, data
    combo.setCurrentIndex(index)


def type_into(qtbot, page: GoalsPage, widget, text: str) -> None:
    widget.setFocus()
    qtbot.keyClicks(widget, text)
    page.session.flush()  # as leaving the field or the pause after typing does


def test_new_goal_is_created_selected_and_its_title_typed(
    qtbot, win: MainWindow, page: GoalsPage, example_plan_id: int
) -> None:
    assert page.right.currentWidget() is page.editor  # the page opens at the first goal
    page.today = dt.date(2027, 3, 1)
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)

    editor = page.editor
    assert page.right.currentWidget() is editor
    assert editor.title_edit.selectedText() == "Nyt udviklingsmål"
    new = next(g for g in stored(example_plan_id).goals if g.title == "Nyt udviklingsmål")
    # The year the leader works in, under its first vision without a goal (the plan has no
    # focus marks; planning.suggest_new_goal has the whole rule).
    assert (new.year, new.vision) == (2027, "selvstaendigt-liv")
    assert "nyt mål" in win.undo_action.text()

    qtbot.keyClicks(editor.title_edit, "Færre fald i eget hjem")
    win.session.flush()
    goal = stored_goal(example_plan_id, "Færre fald i eget hjem")
    assert goal.uid == new.uid
    assert "Færre fald i eget hjem" in shown(page)
    selected = page.table.selectionModel().selectedRows()
    assert [index.data() for index in selected] == ["2027"]
    assert page.count_label.text() == "8 mål"
    assert "ændret titel" in win.undo_action.text()


def test_new_goal_follows_the_year_and_vision_filters(
    qtbot, page: GoalsPage, example_plan_id: int
) -> None:
    choose(page.year_filter, 2027)
    choose(page.vision_filter, "selvstaendigt-liv")
    choose(page.status_filter, Status.NAAET.value)  # would hide a new goal: cleared
    assert shown(page) == []
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    new = next(g for g in stored(example_plan_id).goals if g.title == "Nyt udviklingsmål")
    assert (new.year, new.vision) == (2027, "selvstaendigt-liv")
    assert shown(page) == ["Nyt udviklingsmål"]
    assert page.status_filter.currentData() is None
    assert page.year_filter.currentData() == 2027


def test_changing_the_vision_moves_the_goal_in_the_overview(
    qtbot, win: MainWindow, page: GoalsPage, example_plan_id: int
) -> None:
    click_row(qtbot, page, MEDICINE)
    editor = page.editor
    assert editor.vision_combo.currentData() == "vaerdigt-liv"
    assert editor.theme_combo.currentData() == "vaerdigt-liv.tryghed-og-omsorg"

    choose(editor.vision_combo, "selvstaendigt-liv")

    goal = stored_goal(example_plan_id, MEDICINE)
    assert goal.vision == "selvstaendigt-liv"
    assert goal.theme is None  # the old vision's theme does not belong to the new one
    assert "ændret vision" in win.undo_action.text()
    row = shown(page).index(MEDICINE)
    assert page.proxy.index(row, COL_VISION).data() == "V2 Et selvstændigt liv"
    # The theme list follows the vision.
    themes = [editor.theme_combo.itemData(i) for i in range(editor.theme_combo.count())]
    assert themes[0] is None and editor.theme_combo.itemText(0) == "(intet tema)"
    assert themes[1:] and all(t.startswith("selvstaendigt-liv.") for t in themes[1:])
    assert editor.theme_combo.currentIndex() == 0

    win.show_page(OVERVIEW)
    model = win.overview_model
    assert MEDICINE in model.data(model.index(1, 1))  # 2027 × Et selvstændigt liv
    assert model.data(model.index(1, 0)) == "–"  # 2027 × Et værdigt liv: now empty


def test_choosing_a_theme_stores_it_and_shows_its_bullets(
    qtbot, page: GoalsPage, example_plan_id: int
) -> None:
    click_row(qtbot, page, MEDICINE)
    editor = page.editor
    framework = get_framework("socialstrategi-2018")
    theme = framework.vision("vaerdigt-liv").themes[1]
    choose(editor.theme_combo, theme.id)

    assert stored_goal(example_plan_id, MEDICINE).theme == theme.id
    inspiration = editor.inspiration.toPlainText()
    assert theme.title in inspiration
    assert all(bullet in inspiration for bullet in theme.bullets)
    # The vision's signs of success, in the framework's own words.
    assert "kigger vi efter følgende tegn på succes" in inspiration
    assert "Færre borgere med særlige behov er ensomme" in inspiration

    choose(editor.theme_combo, None)
    assert stored_goal(example_plan_id, MEDICINE).theme is None
    assert "Et værdigt liv" in editor.inspiration.toPlainText()


def test_ticking_a_sign_of_success(qtbot, page: GoalsPage, example_plan_id: int) -> None:
    click_row(qtbot, page, MEDICINE)
    view, model = page.editor.signs_view, page.editor.signs_model
    own = [
        model.sign(r) for r in range(model.rowCount()) if model.sign(r).vision_id == "vaerdigt-liv"
    ]
    # The goal's own vision's signs come first, and stand out.
    assert [model.sign(r).id for r in range(len(own))] == [s.id for s in own]
    assert model.index(0, 0).data(Qt.ItemDataRole.FontRole).bold()
    assert model.index(len(own), 0).data(Qt.ItemDataRole.FontRole) is None
    assert stored_goal(example_plan_id, MEDICINE).success_signs == [
        "vaerdigt-liv.s2",
        "vaerdigt-liv.s3",
    ]
    first = model.index(0, 0)
    assert model.sign(0).id == "vaerdigt-liv.s1"
    assert first.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked

    view.setFocus()
    view.setCurrentIndex(first)
    qtbot.keyClick(view, Qt.Key.Key_Space)

    assert stored_goal(example_plan_id, MEDICINE).success_signs == [
        "vaerdigt-liv.s2",
        "vaerdigt-liv.s3",
        "vaerdigt-liv.s1",
    ]
    assert model.index(0, 0).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked

    second = model.index(1, 0)  # vaerdigt-liv.s2, ticked: untick it
    view.setCurrentIndex(second)
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert stored_goal(example_plan_id, MEDICINE).success_signs == [
        "vaerdigt-liv.s3",
        "vaerdigt-liv.s1",
    ]
    assert model.index(1, 0).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked


def test_own_success_criteria_one_per_line(qtbot, page: GoalsPage, example_plan_id: int) -> None:
    click_row(qtbot, page, MEDICINE)
    edit = page.editor.criteria_edit
    edit.selectAll()
    type_into(qtbot, page, edit, "Ingen fejl i dosering")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    qtbot.keyClicks(edit, "  Alle borgere har et opdateret medicinkort  ")
    page.session.flush()
    assert stored_goal(example_plan_id, MEDICINE).success_criteria == [
        "Ingen fejl i dosering",
        "Alle borgere har et opdateret medicinkort",
    ]


def test_recording_a_status_with_a_note(
    qtbot, win: MainWindow, page: GoalsPage, example_plan_id: int
) -> None:
    click_row(qtbot, page, SICK_LEAVE)
    editor = page.editor
    before = len(stored_goal(example_plan_id, SICK_LEAVE).status_history)
    choose(editor.status_combo, Status.DELVIST_NAAET.value)
    qtbot.keyClicks(editor.note_edit, "Fraværet er faldet til 7,9 %.")
    qtbot.mouseClick(editor.register_button, Qt.MouseButton.LeftButton)

    goal = stored_goal(example_plan_id, SICK_LEAVE)
    assert goal.status is Status.DELVIST_NAAET
    assert len(goal.status_history) == before + 1
    assert goal.status_history[-1].status is Status.DELVIST_NAAET
    assert goal.status_history[-1].note == "Fraværet er faldet til 7,9 %."
    assert editor.note_edit.text() == ""
    newest = editor.history_model.index(0, 0).data()
    assert "Delvist nået" in newest and "Fraværet er faldet til 7,9 %." in newest
    assert " kl. " in newest.splitlines()[0]
    assert editor.history_model.rowCount() == before + 1
    row = shown(page).index(SICK_LEAVE)
    assert page.proxy.index(row, COL_STATUS).data() == "Delvist nået"
    assert "registreret status" in win.undo_action.text()


def test_undo_and_redo_of_a_title_edit(
    qtbot, win: MainWindow, page: GoalsPage, example_plan_id: int
) -> None:
    click_row(qtbot, page, MEDICINE)
    uid = stored_goal(example_plan_id, MEDICINE).uid
    title = page.editor.title_edit
    title.selectAll()
    type_into(qtbot, page, title, "Sikker medicin")
    qtbot.keyClicks(title, " hos alle")  # a second pause in the same field: one undo step
    page.session.flush()
    assert stored_goal(example_plan_id, "Sikker medicin hos alle").uid == uid

    win.undo_action.trigger()
    assert stored_goal(example_plan_id, MEDICINE).uid == uid
    assert title.text() == MEDICINE
    assert MEDICINE in shown(page)
    assert page.editor.uid == uid  # still the goal being edited

    win.redo_action.trigger()
    assert stored_goal(example_plan_id, "Sikker medicin hos alle").uid == uid
    assert title.text() == "Sikker medicin hos alle"
    assert "Sikker medicin hos alle" in shown(page)


def test_delete_asks_first_and_can_be_undone(
    qtbot, win: MainWindow, page: GoalsPage, example_plan_id: int, monkeypatch
) -> None:
    click_row(qtbot, page, SICK_LEAVE)
    original = stored_goal(example_plan_id, SICK_LEAVE)
    asked: list[str] = []

    def answer(button):
        def question(parent, title, text, *args):
            asked.append(text)
            return button

        return question

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.No))
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert SICK_LEAVE in asked[-1]
    assert stored_goal(example_plan_id, SICK_LEAVE).uid == original.uid
    assert SICK_LEAVE in shown(page)

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Yes))
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert all(g.uid != original.uid for g in stored(example_plan_id).goals)
    assert SICK_LEAVE not in shown(page)
    assert len(shown(page)) == 6
    # The next goal in the list is chosen, so the leader can go on.
    assert page.editor.uid is not None and page.editor.uid != original.uid

    win.undo_action.trigger()
    back = stored_goal(example_plan_id, SICK_LEAVE)
    assert back.uid == original.uid
    assert [a.text for a in back.actions] == [a.text for a in original.actions]
    assert len(back.indicators) == len(original.indicators)
    assert back.status_history == original.status_history
    assert SICK_LEAVE in shown(page)

    win.redo_action.trigger()
    assert all(g.uid != original.uid for g in stored(example_plan_id).goals)
    assert SICK_LEAVE not in shown(page)


def test_carry_a_goal_over_to_next_year(
    qtbot, win: MainWindow, page: GoalsPage, example_plan_id: int, monkeypatch
) -> None:
    click_row(qtbot, page, SICK_LEAVE)
    original = stored_goal(example_plan_id, SICK_LEAVE)
    assert page.carry_button.isEnabled()
    prompts: list[str] = []

    def get_text(parent, title, label, *args, **kwargs):
        prompts.append(label)
        return "Vi fortsætter med de sidste teams.", True

    monkeypatch.setattr(QInputDialog, "getText", get_text)
    qtbot.mouseClick(page.carry_button, Qt.MouseButton.LeftButton)
    assert "2027" in prompts[-1]

    plan = stored(example_plan_id)
    new = next(g for g in plan.goals if g.carried_over_from == original.uid)
    old = next(g for g in plan.goals if g.uid == original.uid)
    assert new.year == 2027 and new.title == SICK_LEAVE
    assert old.status is Status.VIDEREFOERT
    assert old.status_history[-1].note == "Vi fortsætter med de sidste teams."
    assert "videreført mål" in win.undo_action.text()
    # The new goal is chosen, with a link back to where it came from.
    editor = page.editor
    assert editor.uid == new.uid
    assert editor.link_label.isVisible()
    assert "Videreført fra 2026" in editor.link_label.text()
    assert original.uid in editor.link_label.text()
    assert page.carry_button.isEnabled()  # 2027 is not the plan's last year

    editor.link_label.linkActivated.emit(original.uid)  # the leader clicks the link
    assert editor.uid == original.uid
    assert "Videreført til 2027" in editor.link_label.text()
    assert not page.carry_button.isEnabled()  # already carried over
    assert "allerede videreført til 2027" in page.carry_button.toolTip()


def test_a_goal_in_the_last_year_cannot_be_carried_over(
    qtbot, page: GoalsPage, example_plan_id: int
) -> None:
    plan = stored(example_plan_id)
    services.add_goal(plan.id, year=plan.last_year, vision="vaerdigt-liv", title="Sidste år")
    page.session.reload()
    click_row(qtbot, page, "Sidste år")
    assert not page.carry_button.isEnabled()
    assert "sidste år" in page.carry_button.toolTip()


def test_filters_reduce_the_rows(qtbot, page: GoalsPage) -> None:
    assert len(shown(page)) == 7
    choose(page.year_filter, 2027)
    assert shown(page, COL_YEAR) == ["2027"] * 3
    assert page.count_label.text() == "Viser 3 af 7 mål"
    choose(page.vision_filter, "sund-organisation")
    assert shown(page) == ["Fagligt stærke i mødet med borgere med psykiske lidelser"]
    choose(page.year_filter, None)
    assert len(shown(page)) == 3
    choose(page.status_filter, Status.NAAET.value)
    assert shown(page) == [
        "Bedre rekruttering og onboarding af social- og sundhedsassistenter og sygeplejersker"
    ]
    choose(page.status_filter, None)
    choose(page.vision_filter, None)
    qtbot.keyClicks(page.search, "TRYG OG SIKKER")  # title, case-insensitive
    assert shown(page) == [MEDICINE]
    page.search.clear()
    qtbot.keyClicks(page.search, "brugertilfredshed")  # found in a rationale only
    assert FIXED_STAFF in shown(page)
    assert all("brugertilfredshed" not in title.lower() for title in shown(page))


def test_a_filter_that_hides_the_chosen_goal_clears_the_editor(qtbot, page: GoalsPage) -> None:
    click_row(qtbot, page, MEDICINE)
    choose(page.year_filter, 2027)
    assert page.editor.uid is not None  # still in the list
    choose(page.year_filter, 2026)
    assert page.editor.uid is None
    assert page.right.currentWidget() is page.hint


def test_typing_is_stored_on_its_own_goal_when_another_is_chosen(
    qtbot, page: GoalsPage, example_plan_id: int
) -> None:
    click_row(qtbot, page, MEDICINE)
    title = page.editor.title_edit
    title.setFocus()
    title.selectAll()
    qtbot.keyClicks(title, "Medicin uden fejl")  # no pause yet: not stored
    assert stored_goal(example_plan_id, MEDICINE)
    page.select_goal(stored_goal(example_plan_id, SICK_LEAVE).uid)
    assert stored_goal(example_plan_id, "Medicin uden fejl")
    assert stored_goal(example_plan_id, SICK_LEAVE)
    assert title.text() == SICK_LEAVE


def test_sorting_by_clicking_a_header(qtbot, page: GoalsPage) -> None:
    header = page.table.horizontalHeader()
    x = header.sectionViewportPosition(COL_TITLE) + header.sectionSize(COL_TITLE) // 2
    qtbot.mouseClick(
        header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2)
    )
    titles = shown(page)
    assert titles == sorted(titles, key=sort_text)
    assert titles != [g.title for g in page.session.plan.goals]
    # Danish order: å after ø after æ after z.
    assert sorted(["Åben", "Ære", "Zone", "Øl"], key=sort_text) == ["Zone", "Ære", "Øl", "Åben"]


def test_guidance_brings_a_goal_a_year_or_a_vision_forward(
    qtbot, win: MainWindow, page: GoalsPage, example_plan_id: int
) -> None:
    uid = stored_goal(example_plan_id, MEDICINE).uid
    choose(page.year_filter, 2026)  # hides the goal
    win.show_page(OVERVIEW)
    win.go_to(Concern("goal", year=2027, goal_uid=uid))
    assert win.stack.currentWidget() is page
    assert page.editor.uid == uid
    assert page.year_filter.currentData() is None
    selected = page.table.selectionModel().selectedRows()
    assert [page.proxy.index(i.row(), COL_TITLE).data() for i in selected] == [MEDICINE]

    page.show_concern(Concern("year", year=2027))
    assert set(shown(page, COL_YEAR)) == {"2027"}
    page.show_concern(Concern("vision", year=2026, vision="sund-organisation"))
    assert len(shown(page)) == 2 and set(shown(page, COL_YEAR)) == {"2026"}
    page.show_concern(Concern("vision", vision="helstoebt-loesning"))
    assert shown(page, COL_YEAR) == ["2026", "2027"]


def test_models_pass_the_model_tester(qtbot, qtmodeltester, page: GoalsPage) -> None:
    click_row(qtbot, page, SICK_LEAVE)
    qtmodeltester.check(page.model)
    qtmodeltester.check(page.proxy)
    qtmodeltester.check(page.editor.signs_model)
    qtmodeltester.check(page.editor.history_model)
    assert page.editor.history_model.rowCount() > 0
    assert page.proxy.index(0, COL_ACTIONS).data().endswith("udført")
    empty = StatusHistoryModel()
    qtmodeltester.check(empty)
    signs = SuccessSignsModel()
    signs.set_goal(None, None)
    qtmodeltester.check(signs)


def test_thousands_of_goals_stay_quick(qtbot, qtmodeltester) -> None:
    framework = get_framework("socialstrategi-2018")
    visions = [v.id for v in framework.visions]
    goals = [
        Goal(
            year=2026 + n % 4,
            vision=visions[n % 4],
            title=f"Mål nummer {n}",
            rationale="medicin" if n % 10 == 0 else "",
            status=list(Status)[n % 7],
            actions=[Action("a", done=n % 2 == 0), Action("b")],
        )
        for n in range(5000)
    ]
    plan = Plan(Person(), 1, "Stor", Person(), framework.id, 2026, 4, goals=goals)
    model = GoalsTableModel()
    proxy = GoalFilterProxy()
    proxy.setSourceModel(model)
    started = time.perf_counter()
    model.set_plan(plan, framework)
    proxy.sort(COL_TITLE, Qt.SortOrder.DescendingOrder)
    proxy.set_filters(year=2026, vision=None, status=None, search="medicin")
    elapsed = time.perf_counter() - started
    assert proxy.rowCount() == 250
    assert model.index(0, COL_ACTIONS).data() in {"1 af 2 udført", "0 af 2 udført"}
    assert elapsed < 1.0, elapsed
    assert proxy.index(0, COL_TITLE, QModelIndex()).data() > proxy.index(1, COL_TITLE).data()


def test_the_goal_being_edited_stays_in_the_list_when_its_status_leaves_the_filter(
    qtbot, page: GoalsPage, example_plan_id: int
) -> None:
    choose(page.status_filter, Status.I_GANG.value)
    assert SICK_LEAVE in shown(page) and len(shown(page)) == 2
    click_row(qtbot, page, SICK_LEAVE)
    choose(page.editor.status_combo, Status.NAAET.value)
    qtbot.mouseClick(page.editor.register_button, Qt.MouseButton.LeftButton)
    assert stored_goal(example_plan_id, SICK_LEAVE).status is Status.NAAET
    assert SICK_LEAVE in shown(page)  # not pulled away while the leader works on it
    assert page.editor.uid == stored_goal(example_plan_id, SICK_LEAVE).uid
    choose(page.year_filter, 2026)  # a new choice of filter applies to every goal again
    assert SICK_LEAVE not in shown(page) and len(shown(page)) == 1


# --- moving a goal to another year ----------------------------------------------------------


def move_to_year(qtbot, page: GoalsPage, year: int) -> None:
    """Click "Flyt til år" and pick the year in its menu with the arrow keys, as a leader does."""
    button = page.editor.move_button
    menu = button.menu()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    try:
        assert menu.isVisible()
        for _ in menu.actions():
            qtbot.keyClick(menu, Qt.Key.Key_Down)
            if menu.activeAction().data() == year:
                break
        assert menu.activeAction().data() == year
        qtbot.keyClick(menu, Qt.Key.Key_Return)
        assert not menu.isVisible()
    finally:
        menu.close()


def menu_years(page: GoalsPage) -> list[tuple[str, bool]]:
    return [(a.text(), a.isChecked()) for a in page.editor.move_button.menu().actions()]


def tips(win: MainWindow) -> list[str]:
    model = win.findings_dock().model
    return [str(model.data(model.index(row, 0))) for row in range(model.rowCount())]


def test_a_goal_moves_to_another_year_and_back_with_undo(
    qtbot, win: MainWindow, page: GoalsPage, example_plan_id: int
) -> None:
    win.findings_dock()._today = lambda: dt.date(2026, 11, 25)
    win.session.changed.emit()
    assert any("ingen udviklingsmål for 2028" in tip for tip in tips(win))
    choose(page.year_filter, 2026)
    click_row(qtbot, page, SICK_LEAVE)
    editor = page.editor
    uid = editor.uid
    assert editor.heading.text() == "Udviklingsmål for 2026 · I gang"
    assert editor.move_button.text() == "Flyt &til år" and editor.move_button.isEnabled()
    assert menu_years(page) == [("2026", True), ("2027", False), ("2028", False), ("2029", False)]
    before = stored_goal(example_plan_id, SICK_LEAVE)

    move_to_year(qtbot, page, 2028)

    moved = stored_goal(example_plan_id, SICK_LEAVE)
    assert moved.year == 2028 and moved.uid == uid
    assert moved == dataclasses.replace(before, year=2028)  # with all it holds
    assert "flyttet mål til 2028" in win.undo_action.text()
    # The goal stays chosen, in the list filtered to 2026, showing its new year.
    assert editor.uid == uid
    assert editor.heading.text() == "Udviklingsmål for 2028 · I gang"
    assert menu_years(page)[2] == ("2028", True)
    selected = page.table.selectionModel().selectedRows()
    assert [page.proxy.index(i.row(), COL_TITLE).data() for i in selected] == [SICK_LEAVE]
    assert page.proxy.index(selected[0].row(), COL_YEAR).data() == "2028"
    assert not any("ingen udviklingsmål for 2028" in tip for tip in tips(win))
    win.show_page(OVERVIEW)
    overview = win.overview_model
    assert SICK_LEAVE in overview.data(overview.index(2, 3))  # 2028 × En sund organisation
    assert SICK_LEAVE not in overview.data(overview.index(0, 3))

    win.undo_action.trigger()

    assert stored_goal(example_plan_id, SICK_LEAVE).year == 2026
    assert SICK_LEAVE in overview.data(overview.index(0, 3))
    assert overview.data(overview.index(2, 3)) == "–"
    assert any("ingen udviklingsmål for 2028" in tip for tip in tips(win))
    win.show_page(GOALS)
    assert editor.uid == uid
    assert editor.heading.text() == "Udviklingsmål for 2026 · I gang"
    assert menu_years(page)[0] == ("2026", True)
    row = shown(page).index(SICK_LEAVE)
    assert page.proxy.index(row, COL_YEAR).data() == "2026"


@pytest.mark.parametrize(
    ("title", "year", "reason"),
    [
        (FIXED_STAFF_ON, 2026, "videreført fra 2026 og skal ligge i et senere år end 2026"),
        (FIXED_STAFF, 2028, "videreført til 2027 og skal ligge i et tidligere år end 2027"),
    ],
)
def test_a_refused_move_changes_nothing_and_says_why(
    qtbot,
    win: MainWindow,
    page: GoalsPage,
    example_plan_id: int,
    title: str,
    year: int,
    reason: str,
) -> None:
    click_row(qtbot, page, title)
    before = stored(example_plan_id)
    heading = page.editor.heading.text()
    ticked = menu_years(page)
    undo_text = win.undo_action.text()

    move_to_year(qtbot, page, year)

    assert win.notice.isVisible() and reason in win.notice_text.text()
    assert stored(example_plan_id) == before
    assert win.undo_action.text() == undo_text
    assert page.editor.heading.text() == heading
    assert menu_years(page) == ticked  # still the goal's own year
    row = shown(page).index(title)
    assert page.proxy.index(row, COL_YEAR).data() == heading.split()[2]


def test_the_guide_works_on_one_year_and_has_no_move_button(
    qtbot, win: MainWindow, example_plan_id: int
) -> None:
    from ui.guide import YearGuide
    from ui.guide.goals_step import GoalsStep

    guide = YearGuide(win, example_plan_id, 2027)
    guide.open()
    qtbot.waitExposed(guide)
    number = next(n for n, s in enumerate(guide.steps) if isinstance(s, GoalsStep))
    assert guide.go(number)
    step = guide.steps[number]
    step.select_goal(stored_goal(example_plan_id, MEDICINE).uid)
    assert step.editor.uid == stored_goal(example_plan_id, MEDICINE).uid
    assert step.editor.isVisible() and step.editor.title_edit.isVisible()
    assert not step.editor.move_button.isVisible()
    guide.close()
