"""The guide, driven through its widgets as a leader would: a new plan from a blank page, a guide
closed midway and picked up again at the next start, the cycle's overview, "Nyt år", and the
calendar file of the dialogues."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QRadioButton,
)

from tests.ui_helpers import shown_window
from udviklingsplan_app import services
from udviklingsplan_app.domain import (
    GUIDE_NEW_PLAN,
    GUIDE_NEW_YEAR,
    DialogueKind,
    Party,
    SituationSection,
    Status,
)
from udviklingsplan_app.framework_sources import get_framework
from udviklingsplan_app.planning import new_year_for
from ui.guide import PlanGuide, YearGuide, open_new_plan_guide, open_year_guide, resume_at_start
from ui.guide.about_step import AboutStep
from ui.guide.dialogues_step import DialoguesStep
from ui.guide.focus_step import FocusStep
from ui.guide.goals_step import GoalsStep
from ui.guide.guide import ABOUT, DIALOGUES, FOCUS, GOALS, REVIEW, SITUATION
from ui.guide.review_step import ReviewStep
from ui.guide.year_guide import LastYearStep
from ui.main_window import MainWindow
from ui.operations import running

CHECKED = Qt.CheckState.Checked
CHECK_ROLE = Qt.ItemDataRole.CheckStateRole


@pytest.fixture
def window(qtbot, db_path: Path) -> MainWindow:
    return shown_window(qtbot, db_path, started=True)


def click(qtbot, button) -> None:
    """A click on a button; on a check box or radio button, on its box (not beside its text)."""
    assert button.isEnabled(), button.text()
    if isinstance(button, QCheckBox | QRadioButton):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(6, button.height() // 2))
    else:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def type_into(qtbot, widget, text: str) -> None:
    widget.setFocus()
    qtbot.keyClicks(widget, text)


def choose(combo, data: object) -> None:
    index = combo.findData(data)
    assert index >= 0, data
    combo.setCurrentIndex(index)


def start_guide(qtbot, window: MainWindow, **fields: object) -> PlanGuide:
    """Open the guide and fill in step 1 (not yet going on)."""
    guide = open_new_plan_guide(window)
    assert isinstance(guide, PlanGuide) and guide.isVisible()
    about: AboutStep = guide.steps[ABOUT]
    type_into(qtbot, about.workplace, str(fields.get("workplace", "Bostedet Lærkevej")))
    type_into(qtbot, about.leader_name, "Søren Ærø")
    type_into(qtbot, about.leader_title, "Forstander")
    about.level.setValue(int(fields.get("level", 2)))
    type_into(qtbot, about.manager_name, "Åse Øster")
    type_into(qtbot, about.manager_title, "Centerchef")
    type_into(qtbot, about.manager_email, str(fields.get("manager_email", "ase.oster@kk.dk")))
    about.first_year.setValue(int(fields.get("first_year", 2027)))
    if "years" in fields:
        about.years.setValue(int(fields["years"]))
    return guide


def goals_step(guide) -> GoalsStep:
    step = guide.current_step()
    assert isinstance(step, GoalsStep)
    return step


def add_goal(qtbot, step: GoalsStep, vision: str, theme: str | None, title: str, **parts) -> None:
    """One goal through the step's widgets: "Tilføj mål", then every field of the editor."""
    click(qtbot, step.new_button)
    editor = step.editor
    assert step.right.currentWidget() is editor
    assert editor.title_edit.selectedText() == "Nyt udviklingsmål"
    qtbot.keyClicks(editor.title_edit, title)  # replaces the selected text
    choose(editor.vision_combo, vision)
    if theme is not None:
        choose(editor.theme_combo, theme)
    type_into(qtbot, editor.rationale_edit, parts["rationale"])
    model = editor.signs_model
    for sign in parts.get("signs", []):
        row = next(r for r in range(model.rowCount()) if model.sign(r).id == sign)
        assert model.setData(model.index(row, 0), CHECKED, CHECK_ROLE)
    if parts.get("criteria"):
        type_into(qtbot, editor.criteria_edit, parts["criteria"])
    actions = editor.parts.actions_model
    for text in parts.get("actions", []):
        click(qtbot, editor.parts.add_action_button)
        step.session.flush()
        assert actions.setData(actions.index(actions.rowCount() - 1, 0), text)
    for party in parts.get("involve", []):
        click(qtbot, step.involvement.boxes[party])
    step.session.flush()


# --- a new plan, all the way through -------------------------------------------------------------


def test_the_guide_takes_a_leader_from_a_blank_page_to_a_plan_for_the_year(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch
) -> None:
    assert window.empty_box.isVisible()
    guide = start_guide(qtbot, window)
    assert guide.title_label.text() == "Om dig og arbejdspladsen"
    assert "Socialstrategien 2018" in guide.why_label.text()
    about: AboutStep = guide.steps[ABOUT]
    # The 2018 strategy is chosen beforehand, with its four years.
    assert about.frameworks[about.framework_group.checkedId()].id == "socialstrategi-2018"
    assert about.years.value() == 4
    assert not guide.back_button.isEnabled()
    assert services.list_plans() == []  # nothing is stored before the leader goes on

    click(qtbot, guide.next_button)
    # Step 1 created the plan, and the main window shows it.
    [summary] = services.list_plans()
    assert window.session.plan_id == summary.id == guide.plan_id
    assert not window.empty_box.isVisible()
    assert "Bostedet Lærkevej" in window.heading.text()
    assert guide.current == SITUATION
    assert guide.title_label.text() == "Arbejdspladsens aktuelle situation"
    situation = guide.current_step().editors
    type_into(qtbot, situation[SituationSection.FACTS], "Botilbud for 24 voksne med sindslidelse.")
    type_into(qtbot, situation[SituationSection.CHALLENGES], "Svært at rekruttere nattevagter.")

    click(qtbot, guide.next_button)
    assert guide.current == FOCUS
    assert guide.title_label.text() == "Fireårsoverblik"
    focus: FocusStep = guide.current_step()
    assert "Endnu ikke med i 2027–2030" in focus.coverage.text()
    click(qtbot, focus.suggest_button)
    assert focus.coverage.text() == "✓ Alle fire visioner er med i løbet af 2027–2030."
    # A click in a cell marks the vision for the year too.
    grid = focus.grid
    cell = focus.model.index(0, 3)  # 2027 × V4
    assert cell.data(CHECK_ROLE) != CHECKED
    qtbot.mouseClick(grid.viewport(), Qt.MouseButton.LeftButton, pos=grid.visualRect(cell).center())
    assert cell.data(CHECK_ROLE) == CHECKED

    click(qtbot, guide.next_button)
    assert guide.title_label.text() == "Udviklingsmål for 2027"
    step = goals_step(guide)
    assert step.counter.text() == "0 af 3–5 mål"
    add_goal(
        qtbot,
        step,
        "vaerdigt-liv",
        "vaerdigt-liv.tryghed-og-omsorg",
        "Tryghed om natten",
        rationale="Beboerne fortæller, at nætterne er utrygge.",
        signs=["vaerdigt-liv.s1"],
        actions=["Kortlæg nattevagternes opgaver"],
        involve=[Party.EGEN_LEDER, Party.MED_UDVALG],
    )
    assert step.counter.text() == "1 af 3–5 mål"
    add_goal(
        qtbot,
        step,
        "sund-organisation",
        None,
        "Flere faste nattevagter",
        rationale="Vikarer om natten giver utryghed og høje udgifter.",
        criteria="Højst to vikarvagter om måneden",
        actions=["Opslag på faste nattevagter", "Aftal vagtplan med TR"],
        involve=[Party.LEDELSESTEAM, Party.MEDARBEJDERE],
    )
    add_goal(
        qtbot,
        step,
        "selvstaendigt-liv",
        None,
        "Beboerne laver selv mad",
        rationale="Flere beboere vil gerne mestre mere selv.",
        criteria="Hver beboer laver mad en gang om ugen",
        actions=["Køkkenet indrettes til beboerne"],
        involve=[Party.MEDARBEJDERE],
    )
    assert step.counter.text() == "3 af 3–5 mål"
    assert [step.model.index(r, 0).data() for r in range(step.model.rowCount())] == [
        "V1 · Tryghed om natten",
        "V4 · Flere faste nattevagter",
        "V2 · Beboerne laver selv mad",
    ]

    click(qtbot, guide.next_button)
    assert guide.title_label.text() == "Dialoger med din leder i 2027"
    dialogues: DialoguesStep = guide.current_step()
    # The suggested dates are there at once; the leader moves the start dialogue.
    assert dialogues.dates[DialogueKind.MIDT].value() == dt.date(2027, 6, 1)
    # Typed, not yet read (no Return): going on to the next step stores it.
    dialogues.dates[DialogueKind.START].selectAll()
    qtbot.keyClicks(dialogues.dates[DialogueKind.START], "9/2 2027")

    click(qtbot, guide.next_button)
    assert guide.current == REVIEW
    review: ReviewStep = guide.current_step()
    assert "Tryghed om natten" in review.summary.text()
    assert guide.next_button.text() == "&Færdig"
    click(qtbot, guide.next_button)
    assert not guide.isVisible()
    assert services.unfinished_guides() == []

    plan = services.load_plan(summary.id)
    assert (plan.workplace, plan.leader.name, plan.leader.title, plan.level) == (
        "Bostedet Lærkevej",
        "Søren Ærø",
        "Forstander",
        2,
    )
    assert (plan.manager.name, plan.manager.title, plan.manager.email) == (
        "Åse Øster",
        "Centerchef",
        "ase.oster@kk.dk",
    )
    assert (plan.framework_id, plan.first_year, plan.years) == ("socialstrategi-2018", 2027, 4)
    assert plan.situation_text(SituationSection.FACTS) == "Botilbud for 24 voksne med sindslidelse."
    assert plan.situation_text(SituationSection.CHALLENGES) == "Svært at rekruttere nattevagter."
    assert plan.focus[2027] == ["vaerdigt-liv", "sund-organisation"]
    assert {v for visions in plan.focus.values() for v in visions} == {
        v.id for v in get_framework("socialstrategi-2018").visions
    }
    night, staff, cooking = plan.goals_in(2027)
    assert (night.title, night.vision, night.theme) == (
        "Tryghed om natten",
        "vaerdigt-liv",
        "vaerdigt-liv.tryghed-og-omsorg",
    )
    assert night.rationale == "Beboerne fortæller, at nætterne er utrygge."
    assert night.success_signs == ["vaerdigt-liv.s1"]
    assert [a.text for a in night.actions] == ["Kortlæg nattevagternes opgaver"]
    assert [i.party for i in night.involvement] == [Party.EGEN_LEDER, Party.MED_UDVALG]
    assert (staff.vision, staff.theme) == ("sund-organisation", None)
    assert staff.success_criteria == ["Højst to vikarvagter om måneden"]
    assert [a.text for a in staff.actions] == [
        "Opslag på faste nattevagter",
        "Aftal vagtplan med TR",
    ]
    assert [i.party for i in staff.involvement] == [Party.LEDELSESTEAM, Party.MEDARBEJDERE]
    assert cooking.vision == "selvstaendigt-liv"
    planned = {d.kind: d.planned for d in plan.dialogues if d.year == 2027}
    assert planned == {
        DialogueKind.START: dt.date(2027, 2, 9),
        DialogueKind.MIDT: dt.date(2027, 6, 1),
        DialogueKind.SLUT: dt.date(2027, 11, 1),
        DialogueKind.OPFOELGNING: dt.date(2028, 1, 15),
    }


def test_a_guide_edit_is_one_step_to_undo_in_the_main_window(qtbot, window: MainWindow) -> None:
    guide = start_guide(qtbot, window)
    click(qtbot, guide.next_button)
    guide.go(GOALS)
    step = goals_step(guide)
    click(qtbot, step.new_button)
    assert step.counter.text() == "1 af 3–5 mål"
    assert window.undo_action.text() == "&Fortryd nyt mål"
    # Ctrl+Z in the guide undoes it (the main window's menu is behind the guide).
    step.goal_list.setFocus()
    guide.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is guide)
    qtbot.keyClick(step.goal_list, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert step.counter.text() == "0 af 3–5 mål"
    assert services.load_plan(guide.plan_id).goals == []
    window.redo_action.trigger()
    assert step.counter.text() == "1 af 3–5 mål"


def test_undo_in_a_new_plans_first_step_leaves_the_plan_behind_the_guide_alone(
    qtbot, window: MainWindow, example_plan_id: int
) -> None:
    # The leader renamed the open plan, then began a new plan: until the new plan exists,
    # Ctrl+Z in the guide must not undo that rename out of sight.
    window.reload_plans(select_id=example_plan_id)
    window.session.apply(
        "ændret arbejdsplads", services.update_plan, example_plan_id, workplace="Nyt navn"
    )
    guide = open_new_plan_guide(window)
    about: AboutStep = guide.steps[ABOUT]
    button = about.framework_buttons[0]
    button.setFocus()
    guide.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is guide)
    qtbot.keyClick(button, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert services.load_plan(example_plan_id).workplace == "Nyt navn"
    # Once the guide's own plan is open, Ctrl+Z undoes the guide's edits again.
    type_into(qtbot, about.workplace, "Bostedet Lærkevej")
    click(qtbot, guide.next_button)
    plan_id = guide.plan_id
    guide.back()
    about.level.setValue(4)
    assert services.load_plan(plan_id).level == 4
    button.setFocus()
    qtbot.keyClick(button, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert services.load_plan(plan_id).level == 3  # as the plan was created
    assert services.load_plan(example_plan_id).workplace == "Nyt navn"


def click_finding(qtbot, view, model, code: str, **concern: object) -> None:
    row = next(
        r
        for r in range(model.rowCount())
        if model.finding(r).code == code
        and all(getattr(model.finding(r).concerns, k) == v for k, v in concern.items())
    )
    rect = view.visualRect(model.index(row, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_the_years_guidance_leads_to_its_goals(qtbot, window: MainWindow) -> None:
    guide = start_guide(qtbot, window)
    click(qtbot, guide.next_button)
    guide.go(GOALS)
    step = goals_step(guide)
    # A vision that no goal covers yet: a click adds a goal under it.
    click_finding(
        qtbot, step.findings, step.findings_model, "vision-uncovered", vision="sund-organisation"
    )
    assert step.counter.text() == "1 af 3–5 mål"
    assert step.editor.vision_combo.currentData() == "sund-organisation"
    first = step.editor.uid
    click(qtbot, step.new_button)
    assert step.editor.uid != first
    # A goal without signs of success: a click shows that goal.
    click_finding(qtbot, step.findings, step.findings_model, "goal-without-success", goal_uid=first)
    assert step.editor.uid == first
    assert step.goal_list.currentIndex().row() == 0


def test_without_a_workplace_the_guide_says_what_is_missing_and_stores_nothing(
    qtbot, window: MainWindow
) -> None:
    guide = open_new_plan_guide(window)
    click(qtbot, guide.next_button)
    about: AboutStep = guide.steps[ABOUT]
    assert guide.current == ABOUT
    assert about.error.isVisible()
    assert about.error.text() == "Skriv arbejdspladsens navn – det står øverst i planen."
    assert services.list_plans() == []
    # Closing now keeps nothing, and the button says so rather than "Alt er gemt".
    assert guide.close_button.toolTip().startswith("Planen bliver først oprettet, når du trykker")
    # Later steps wait for the plan.
    guide.step_list.setCurrentIndex(guide.steps_model.index(GOALS, 0))
    assert guide.current == ABOUT


def test_the_second_framework_brings_its_own_cycle_and_words(qtbot, window: MainWindow) -> None:
    guide = open_new_plan_guide(window)
    about: AboutStep = guide.steps[ABOUT]
    number = next(n for n, f in enumerate(about.frameworks) if f.default_cycle_years == 3)
    # Each framework is shown with a short description.
    shown = [label.text() for label in about.framework_box.findChildren(QLabel)]
    assert all(framework.description in shown for framework in about.frameworks)
    click(qtbot, about.framework_buttons[number])
    assert about.years.value() == 3
    type_into(qtbot, about.workplace, "Hjemløseenheden")
    click(qtbot, guide.next_button)
    click(qtbot, guide.next_button)
    assert guide.title_label.text() == "Treårsoverblik"
    assert "indsatsområder" in guide.why_label.text()
    # The framework is fixed once the plan exists.
    guide.go(ABOUT)
    assert not any(button.isEnabled() for button in about.framework_buttons)
    assert about.framework_fixed.isVisible()


@pytest.mark.parametrize("years", [3, 4, 5])
def test_suggested_spread_covers_every_vision(qtbot, window: MainWindow, years: int) -> None:
    guide = start_guide(qtbot, window, years=years)
    click(qtbot, guide.next_button)
    click(qtbot, guide.next_button)
    focus: FocusStep = guide.current_step()
    model = focus.model
    assert (model.rowCount(), model.columnCount()) == (years, 4)
    click(qtbot, focus.suggest_button)
    for column in range(model.columnCount()):
        marked = [r for r in range(years) if model.index(r, column).data(CHECK_ROLE) == CHECKED]
        assert marked, model.headerData(column, Qt.Orientation.Horizontal)
    for row in range(years):  # and every year has a focus
        assert any(
            model.index(row, c).data(CHECK_ROLE) == CHECKED for c in range(model.columnCount())
        )
    assert focus.coverage.text().startswith("✓ Alle fire visioner er med")
    stored = services.load_plan(guide.plan_id).focus
    assert sorted(stored) == list(range(2027, 2027 + years))


def test_focus_model_is_a_proper_model(qtbot, window: MainWindow, qtmodeltester) -> None:
    guide = start_guide(qtbot, window)
    click(qtbot, guide.next_button)
    guide.go(FOCUS)
    focus: FocusStep = guide.current_step()
    click(qtbot, focus.suggest_button)
    qtmodeltester.check(focus.model)
    guide.go(GOALS)
    step = goals_step(guide)
    click(qtbot, step.new_button)
    qtmodeltester.check(step.model)


# --- closed midway, continued at the next start ----------------------------------------------


def test_a_guide_closed_midway_continues_there_at_the_next_start(
    qtbot, db_path: Path, window: MainWindow
) -> None:
    guide = start_guide(qtbot, window)
    click(qtbot, guide.next_button)
    plan_id = guide.plan_id
    facts = guide.current_step().editors[SituationSection.FACTS]
    type_into(qtbot, facts, "24 beboere, 30 medarbejdere")
    click(qtbot, guide.next_button)
    assert guide.current == FOCUS
    click(qtbot, guide.close_button)  # typed text and the step are stored
    assert not guide.isVisible()
    window.close()

    # The program starts again: after the first paint the guide opens at the same step.
    again = MainWindow(db_path)
    qtbot.addWidget(again)
    again.show()
    assert again.guide is None  # building the window alone opens nothing
    assert again.finish_start()
    resumed = resume_at_start(again)
    assert isinstance(resumed, PlanGuide) and resumed.isVisible()
    assert (resumed.plan_id, resumed.current) == (plan_id, FOCUS)
    assert resumed.title_label.text() == "Fireårsoverblik"
    assert again.session.plan_id == plan_id
    click(qtbot, resumed.back_button)
    assert (
        resumed.current_step().editors[SituationSection.FACTS].toPlainText()
        == "24 beboere, 30 medarbejdere"
    )
    click(qtbot, resumed.back_button)
    assert resumed.steps[ABOUT].workplace.text() == "Bostedet Lærkevej"
    assert [(p.plan_id, p.kind, p.year, p.step) for p in services.unfinished_guides()] == [
        (plan_id, GUIDE_NEW_PLAN, 2027, ABOUT)
    ]


def test_a_guide_on_its_last_step_closes_even_when_it_cannot_be_marked_done(
    qtbot, window: MainWindow, monkeypatch
) -> None:
    # The database is busy (another program writes) just as the leader closes the guide on
    # its last step: the guide, which holds the window behind it, must close all the same.
    from udviklingsplan_app.errors import DatabaseProblem

    guide = start_guide(qtbot, window)
    click(qtbot, guide.next_button)
    plan_id = guide.plan_id
    guide.go(REVIEW)
    busy = "Databasen er optaget af et andet program. Prøv igen om lidt. Intet er ændret."

    def refuse(plan_id: int, kind: str) -> None:
        raise DatabaseProblem(busy)

    monkeypatch.setattr(services, "finish_guide", refuse)
    click(qtbot, guide.close_button)
    assert not guide.isVisible()
    assert window.guide is None
    assert window.notice_text.text() == f"<span>{busy}</span>"
    # Not done: it opens at the last step at the next start.
    assert [(p.plan_id, p.step) for p in services.unfinished_guides()] == [(plan_id, REVIEW)]


def test_an_unexpected_error_while_closing_the_guide_still_closes_it(
    qtbot, window: MainWindow, monkeypatch
) -> None:
    guide = start_guide(qtbot, window)
    click(qtbot, guide.next_button)

    flush, failures = window.session.flush, []

    def broken_once() -> bool:
        if not failures:
            failures.append("a bug")
            raise RuntimeError("a bug")
        return flush()

    monkeypatch.setattr(window.session, "flush", broken_once)
    # The error goes on to the crash handler in the program; here to the test.
    with pytest.raises(RuntimeError, match="a bug"):
        click(qtbot, guide.close_button)
    assert not guide.isVisible()
    assert window.guide is None


def test_a_guide_continues_at_the_next_start_after_its_first_year_was_moved(
    qtbot, db_path: Path, window: MainWindow
) -> None:
    guide = start_guide(qtbot, window, first_year=2027)
    click(qtbot, guide.next_button)
    plan_id = guide.plan_id
    click(qtbot, guide.back_button)
    guide.steps[ABOUT].first_year.setValue(2028)  # the plan begins a year later after all
    click(qtbot, guide.close_button)
    assert services.load_plan(plan_id).first_year == 2028
    window.close()

    again = MainWindow(db_path)
    qtbot.addWidget(again)
    again.show()
    assert again.finish_start()
    resumed = resume_at_start(again)
    assert isinstance(resumed, PlanGuide) and resumed.isVisible()
    assert (resumed.plan_id, resumed.current) == (plan_id, ABOUT)
    assert resumed.steps[ABOUT].first_year.value() == 2028
    assert resumed.steps[GOALS].heading() == "Udviklingsmål for 2028"


def test_the_steps_names_follow_the_years_set_in_step_one_and_their_undo(
    qtbot, window: MainWindow
) -> None:
    guide = start_guide(qtbot, window, first_year=2027)
    click(qtbot, guide.next_button)
    click(qtbot, guide.back_button)
    about: AboutStep = guide.steps[ABOUT]
    about.first_year.setValue(2028)
    about.years.setValue(3)
    names = guide.steps_model.stringList()
    assert names[FOCUS] == "3. Treårsoverblik"
    assert names[GOALS] == "4. Udviklingsmål for 2028"
    assert names[DIALOGUES] == "5. Dialoger med din leder i 2028"
    assert guide.step_list.currentIndex().row() == ABOUT
    window.undo_action.trigger()  # the number of years
    window.undo_action.trigger()  # the first year
    names = guide.steps_model.stringList()
    assert (names[FOCUS], names[GOALS]) == ("3. Fireårsoverblik", "4. Udviklingsmål for 2027")
    about.workplace.setText("Bostedet Lærkevej, afd. B")
    guide.session.flush()
    assert guide.windowTitle() == "Guide – udviklingsplan for Bostedet Lærkevej, afd. B"


def test_first_start_with_an_empty_database_opens_the_guide(qtbot, window: MainWindow) -> None:
    assert window.guide is None
    window.resume_guide()  # what the program start calls right after the first paint
    guide = window.guide
    assert isinstance(guide, PlanGuide) and guide.isVisible()
    assert guide.current == ABOUT and guide.plan_id is None
    assert guide.focusWidget() is guide.steps[ABOUT].workplace


def test_a_start_with_plans_and_no_guide_left_opens_nothing(
    qtbot, db_path: Path, example_plan_id: int
) -> None:
    win = shown_window(qtbot, db_path, started=True)
    assert resume_at_start(win) is None
    assert win.guide is None


# --- step 5: the calendar file --------------------------------------------------------------


def test_the_calendar_file_holds_the_years_dialogues_on_their_dates(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch
) -> None:
    from icalendar import Calendar

    guide = start_guide(qtbot, window)
    click(qtbot, guide.next_button)
    guide.go(DIALOGUES)
    step: DialoguesStep = guide.current_step()
    edit = step.dates[DialogueKind.SLUT]
    edit.selectAll()
    qtbot.keyClicks(edit, "23. nov. 2027")  # the calendar file reads what was just typed
    target = tmp_path / "dialoger"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(target), "Kalenderfil (*.ics)")
    )
    from ui.operations import calendar_file

    monkeypatch.setattr(calendar_file, "ask_meeting_time", lambda _p: (dt.time(10), 90))
    click(qtbot, step.calendar_button)
    written = target.with_suffix(".ics")
    assert written.exists()
    assert str(written) in step.calendar_hint.text()
    calendar = Calendar.from_ical(written.read_bytes())
    events = {
        str(e.get("summary")).split(" ", 1)[0]: e.decoded("dtstart")
        for e in calendar.walk("VEVENT")
    }
    assert events == {
        "Startdialog": dt.datetime(2027, 2, 1, 10, 0),
        "Midtvejsdialog": dt.datetime(2027, 6, 1, 10, 0),
        "Slutdialog": dt.datetime(2027, 11, 23, 10, 0),
        "Opfølgning": dt.datetime(2028, 1, 15, 10, 0),
    }
    assert all("Åse Øster" in str(e.get("summary")) for e in calendar.walk("VEVENT"))


# --- step 6: the findings and the export ------------------------------------------------------


def test_a_finding_closes_the_guide_and_shows_what_it_concerns(qtbot, window: MainWindow) -> None:
    from ui import main_window as mw

    guide = start_guide(qtbot, window)
    click(qtbot, guide.next_button)
    guide.go(REVIEW)
    review: ReviewStep = guide.current_step()
    model = review.findings_model
    row = next(r for r in range(model.rowCount()) if model.finding(r).concerns.kind == "situation")
    qtbot.mouseClick(
        review.findings.viewport(),
        Qt.MouseButton.LeftButton,
        pos=review.findings.visualRect(model.index(row, 0)).center(),
    )
    assert not guide.isVisible()
    assert window.stack.currentIndex() == mw.SITUATION
    assert services.unfinished_guides() == []


def test_excel_export_from_the_last_step(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch
) -> None:
    from PySide6.QtCore import QThreadPool

    guide = start_guide(qtbot, window)
    click(qtbot, guide.next_button)
    guide.go(REVIEW)
    target = tmp_path / "plan.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    monkeypatch.setattr(QMessageBox, "exec", lambda self: 0)
    click(qtbot, guide.current_step().excel_button)
    QThreadPool.globalInstance().waitForDone()
    qtbot.waitUntil(lambda: running() == [])
    assert target.exists() and target.stat().st_size > 0


# --- Nyt år ---------------------------------------------------------------------------------


def test_new_year_is_the_coming_year_from_september(db_path: Path, example_plan_id: int) -> None:
    plan = services.load_plan(example_plan_id)  # 2026–2029
    assert new_year_for(plan, dt.date(2026, 11, 25)) == 2027
    assert new_year_for(plan, dt.date(2027, 2, 1)) == 2027
    assert new_year_for(plan, dt.date(2026, 3, 1)) is None  # the first year: nothing behind it
    assert new_year_for(plan, dt.date(2029, 10, 1)) is None  # the cycle ends
    assert new_year_for(plan, dt.date(2025, 12, 1)) is None


def test_new_year_sets_final_statuses_and_carries_a_goal_over(
    qtbot, db_path: Path, example_plan_id: int, qtmodeltester
) -> None:
    win = shown_window(qtbot, db_path, started=True)
    guide = open_year_guide(win, today=dt.date(2026, 11, 25))
    assert isinstance(guide, YearGuide) and guide.year == 2027
    assert guide.title_label.text() == "Året der gik – 2026"
    step: LastYearStep = guide.current_step()
    qtmodeltester.check(step.model)
    assert step.model.headerData(1, Qt.Orientation.Horizontal) == "Vision"
    titles = [step.model.index(r, 0).data() for r in range(step.model.rowCount())]
    assert len(titles) == 4
    # The goal already carried over says so, and cannot be carried twice.
    carried = titles.index("Fast medarbejder og fast tid hos borgeren")
    assert step.model.index(carried, 2).data() == "Videreført til 2027"

    sick = titles.index("Lavere sygefravær gennem tidlig dialog og bedre trivsel")
    step.table.setCurrentIndex(step.model.index(sick, 0))
    choose(step.status_combo, Status.DELVIST_NAAET.value)
    type_into(qtbot, step.note, "Sygefraværet faldt fra 8,1 til 7,2 %")
    click(qtbot, step.status_button)
    assert step.model.index(sick, 2).data() == "Delvist nået"

    rehab = titles.index("Rehabilitering og recovery for borgere med psykosociale problemer")
    step.table.setCurrentIndex(step.model.index(rehab, 0))
    assert step.carry_button.text() == "&Viderefør til 2027"
    type_into(qtbot, step.note, "Fortsætter med nye borgere")
    click(qtbot, step.carry_button)
    assert step.model.index(rehab, 2).data() == "Videreført til 2027"
    assert not step.carry_button.isEnabled()

    plan = services.load_plan(example_plan_id)
    by_title = {(g.year, g.title): g for g in plan.goals}
    sick_goal = by_title[2026, titles[sick]]
    assert sick_goal.status == Status.DELVIST_NAAET
    assert sick_goal.status_history[-1].note == "Sygefraværet faldt fra 8,1 til 7,2 %"
    original = by_title[2026, titles[rehab]]
    continued = by_title[2027, titles[rehab]]
    assert original.status == Status.VIDEREFOERT
    assert original.status_history[-1].note == "Fortsætter med nye borgere"
    assert continued.carried_over_from == original.uid

    # Then the new year's goals, with the cycle's coverage in view, and its dialogues.
    click(qtbot, guide.next_button)
    goals = goals_step(guide)
    assert guide.title_label.text() == "Udviklingsmål for 2027"
    assert goals.counter.text() == "4 af 3–5 mål"
    assert "Alle visioner har udviklingsmål i planen." in goals.coverage.text()
    click(qtbot, guide.next_button)
    assert guide.title_label.text() == "Dialoger med din leder i 2027"
    assert [(p.kind, p.year, p.step) for p in services.unfinished_guides()] == [
        (GUIDE_NEW_YEAR, 2027, 2)
    ]
    click(qtbot, guide.next_button)  # Færdig
    assert not guide.isVisible()
    assert services.unfinished_guides() == []


@pytest.mark.parametrize("guide_kind", ["nyt år", "ny plan"])
def test_a_guide_waits_for_typing_in_the_window_that_could_not_be_stored(
    qtbot, db_path: Path, example_plan_id: int, monkeypatch, guide_kind: str
) -> None:
    # The workplace was emptied on "Planens oplysninger" (refused, still in the field). A
    # guide over the window would be held back at every step by that field, out of reach.
    from PySide6.QtWidgets import QLineEdit

    from ui import main_window as mw

    win = shown_window(qtbot, db_path, started=True)
    page = win.show_page(mw.DETAILS)
    field = next(f for f in page.findChildren(QLineEdit) if f.text() == win.session.plan.workplace)
    field.setText("")
    assert not win.session.flush()
    warnings: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", lambda parent, title, text, *a: warnings.append(text)
    )
    if guide_kind == "nyt år":
        guide = open_year_guide(win, today=dt.date(2026, 11, 25))
    else:
        guide = open_new_plan_guide(win)
    assert guide is None and win.guide is None
    (text,) = warnings
    assert "Skriv arbejdspladsens navn" in text and "Ret eller fortryd det først" in text
    assert field.text() == ""  # nothing the leader typed was thrown away
    # Put right, the guide opens and goes on.
    field.setText("Den Sociale Hjemmepleje, Nord")
    if guide_kind == "nyt år":
        guide = open_year_guide(win, today=dt.date(2026, 11, 25))
        assert isinstance(guide, YearGuide)
        click(qtbot, guide.next_button)
        assert guide.current == 1
    else:
        assert isinstance(open_new_plan_guide(win), PlanGuide)
    assert services.load_plan(example_plan_id).workplace == "Den Sociale Hjemmepleje, Nord"


def test_new_year_guide_resumes_too(qtbot, db_path: Path, example_plan_id: int) -> None:
    services.save_guide_progress(example_plan_id, GUIDE_NEW_YEAR, 2027, 1)
    win = shown_window(qtbot, db_path, started=True)
    guide = resume_at_start(win)
    assert isinstance(guide, YearGuide)
    assert (guide.year, guide.current) == (2027, 1)
    assert guide.title_label.text() == "Udviklingsmål for 2027"


def test_the_file_menu_offers_new_year_when_the_plan_has_one(
    qtbot, db_path: Path, example_plan_id: int, monkeypatch
) -> None:
    win = shown_window(qtbot, db_path, started=True)
    win.file_menu.aboutToShow.emit()
    year = new_year_for(win.session.plan)
    assert win.new_year_action.isEnabled() == (year is not None)
    if year is None:  # outside September–the cycle's end: the guide explains, opens nothing
        monkeypatch.setattr(QMessageBox, "information", lambda *args: None)
        win.new_year_action.trigger()
        assert win.guide is None
        return
    assert win.new_year_action.text() == f"Nyt &år {year}…"
    win.new_year_action.trigger()
    assert isinstance(win.guide, YearGuide) and win.guide.year == year


def test_a_greyed_out_new_year_says_why(qtbot, db_path: Path) -> None:
    import datetime as dt

    from udviklingsplan_app import services
    from udviklingsplan_app.domain import Person

    this_year = dt.date.today().year
    ended = services.create_plan(
        workplace="Afsluttet plan",
        leader=Person("Åse", ""),
        level=3,
        manager=Person("Bo", ""),
        framework_id="socialstrategi-2018",
        first_year=this_year - 4,
        years=3,
    )
    coming = services.create_plan(
        workplace="Kommende plan",
        leader=Person("Åse", ""),
        level=3,
        manager=Person("Bo", ""),
        framework_id="socialstrategi-2018",
        first_year=this_year + 1,
        years=4,
    )
    win = shown_window(qtbot, db_path, started=True)

    win.reload_plans(select_id=ended)
    win.file_menu.aboutToShow.emit()
    assert not win.new_year_action.isEnabled()
    assert win.new_year_action.statusTip() == (
        f"Planens sidste år, {this_year - 2}, er nået. Den næste periode begynder med en ny "
        "plan (Filer ▸ Ny plan)."
    )
    assert win.new_year_action.toolTip() == win.new_year_action.statusTip()

    win.reload_plans(select_id=coming)
    win.file_menu.aboutToShow.emit()
    assert not win.new_year_action.isEnabled()
    assert f"planens første år, {this_year + 1}," in win.new_year_action.statusTip()
