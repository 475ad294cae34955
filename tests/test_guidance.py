"""Guidance (vejledning): ``check_plan`` is a pure function of a plan, its framework and a date.

Plans are built in memory from the domain dataclasses; no database is needed. ``clean_plan``
makes a plan with no findings at all, and each test breaks exactly one rule.
"""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path

import pytest

from udviklingsplan_app.domain import (
    REQUIRED_PARTIES,
    Action,
    Dialogue,
    DialogueKind,
    Goal,
    Involvement,
    Party,
    Person,
    Plan,
    Severity,
    SituationSection,
    Status,
)
from udviklingsplan_app.exchange.json_format import read_plan_file
from udviklingsplan_app.framework import Framework
from udviklingsplan_app.framework_sources import get_framework
from udviklingsplan_app.guidance import Concern, Finding, check_plan, year_findings

EXAMPLE = (
    Path(__file__).resolve().parent.parent
    / "resources"
    / "examples"
    / "den-sociale-hjemmepleje.json"
)
F2018 = get_framework("socialstrategi-2018")
F2023 = get_framework("su-indsatsomraader-2023-2025")
EARLY = dt.date(2026, 3, 1)  # the first year of a 2026–2029 plan


def _goal(
    framework: Framework,
    year: int,
    vision_id: str,
    title: str,
    today: dt.date,
    parties: tuple[Party, ...] = (),
) -> Goal:
    vision = framework.vision(vision_id)
    assert vision is not None
    return Goal(
        year=year,
        vision=vision_id,
        title=title,
        status=Status.NAAET if year < today.year else Status.I_GANG,
        success_signs=[vision.signs[0].id],
        actions=[Action("Første skridt", "Lederen")],
        involvement=[Involvement(p, dt.date(year, 2, 15)) for p in parties],
    )


def clean_plan(
    framework: Framework = F2018,
    today: dt.date = EARLY,
    first_year: int = 2026,
    years: int | None = None,
    per_year: int = 3,
) -> Plan:
    """A plan that follows every rule: ``check_plan(plan, framework, today) == []``."""
    years = framework.default_cycle_years if years is None else years
    visions = [v.id for v in framework.visions]
    goals = []
    for index, year in enumerate(range(first_year, first_year + years)):
        for number in range(per_year):
            vision = visions[(index * per_year + number) % len(visions)]
            parties = REQUIRED_PARTIES if number == 0 else ()
            goals.append(
                _goal(framework, year, vision, f"Mål {number + 1} i {year}", today, parties)
            )
    return Plan(
        leader=Person("Anne Berg", "Forstander"),
        level=3,
        workplace="Botilbuddet Lindely",
        manager=Person("Ole Dam", "Centerchef"),
        framework_id=framework.id,
        first_year=first_year,
        years=years,
        situation={s: f"Tekst om {s.label.lower()}." for s in SituationSection},
        goals=goals,
        dialogues=[
            Dialogue(year, DialogueKind.START, dt.date(year, 2, 1), dt.date(year, 2, 1))
            for year in range(first_year, first_year + years)
        ],
    )


def _only(findings: list[Finding], code: str) -> list[Finding]:
    return [f for f in findings if f.code == code]


def _drop_vision(plan: Plan, vision_id: str, replacement: str) -> None:
    for goal in plan.goals:
        if goal.vision == vision_id:
            goal.vision = replacement
            goal.success_signs = []
            goal.success_criteria = ["Eget kriterie"]


# --- the whole function --------------------------------------------------------------------


@pytest.mark.parametrize("today", [EARLY, dt.date(2027, 6, 1), dt.date(2029, 12, 31)])
def test_the_clean_plan_has_no_findings(today: dt.date) -> None:
    assert check_plan(clean_plan(today=today), F2018, today=today) == []


def test_the_clean_plan_of_the_2023_framework_has_no_findings() -> None:
    today = dt.date(2023, 4, 1)
    plan = clean_plan(F2023, today, first_year=2023)
    assert plan.years == 3
    assert check_plan(plan, F2023, today=today) == []


def test_check_plan_is_pure_and_deterministic() -> None:
    plan = read_plan_file(EXAMPLE)
    plan.situation = {}
    before = copy.deepcopy(plan)
    first = check_plan(plan, F2018, today=dt.date(2027, 8, 1))
    second = check_plan(plan, F2018, today=dt.date(2027, 8, 1))
    assert first == second
    assert len(first) > 3
    assert plan == before
    # Another day gives other findings: the date is an input, not read from the clock.
    assert check_plan(plan, F2018, today=dt.date(2026, 3, 1)) != first


def test_the_example_plan_at_25_november_2026() -> None:
    plan = read_plan_file(EXAMPLE)
    findings = check_plan(plan, F2018, today=dt.date(2026, 11, 25))
    assert [f.severity for f in findings if f.severity is Severity.FEJL] == []
    assert [(f.severity, f.code, f.concerns) for f in findings] == [
        (Severity.TIP, "too-few-goals", Concern("year", year=2028)),
        (Severity.TIP, "too-few-goals", Concern("year", year=2029)),
    ]
    assert findings[0].message.startswith("Der er endnu ingen udviklingsmål for 2028")
    assert findings[1].message.startswith("Der er endnu ingen udviklingsmål for 2029")
    assert "3–5" in findings[0].message
    assert str(findings[0]).startswith("tip: Der er endnu ingen udviklingsmål for 2028")


# --- goals per year ------------------------------------------------------------------------


def test_two_goals_in_the_current_year_is_a_warning_naming_the_year() -> None:
    plan = clean_plan()
    plan.goals.remove(plan.goals_in(2026)[-1])
    findings = check_plan(plan, F2018, today=EARLY)
    assert [(f.severity, f.code, f.concerns) for f in findings] == [
        (Severity.ADVARSEL, "too-few-goals", Concern("year", year=2026))
    ]
    assert "2026 har kun 2 udviklingsmål" in findings[0].message
    assert "3–5 udviklingsmål om året" in findings[0].message


def test_two_goals_in_a_later_year_is_only_a_tip() -> None:
    plan = clean_plan()
    plan.goals.remove(plan.goals_in(2028)[-1])
    findings = check_plan(plan, F2018, today=EARLY)
    assert [(f.severity, f.code, f.concerns) for f in findings] == [
        (Severity.TIP, "too-few-goals", Concern("year", year=2028))
    ]
    assert "2028 har endnu kun 2 udviklingsmål" in findings[0].message


@pytest.mark.parametrize("year", [2026, 2028])
def test_six_goals_in_a_year_is_a_warning_naming_the_year(year: int) -> None:
    plan = clean_plan()
    for number in range(3):
        plan.goals.append(_goal(F2018, year, "vaerdigt-liv", f"Ekstra {number}", EARLY))
    findings = check_plan(plan, F2018, today=EARLY)
    assert [(f.severity, f.code, f.concerns) for f in findings] == [
        (Severity.ADVARSEL, "too-many-goals", Concern("year", year=year))
    ]
    assert f"{year} har 6 udviklingsmål" in findings[0].message
    assert "senere år" in findings[0].message


def test_five_goals_is_fine() -> None:
    plan = clean_plan(per_year=5)
    assert check_plan(plan, F2018, today=EARLY) == []


# --- every vision in the cycle -------------------------------------------------------------


def test_an_uncovered_vision_in_an_early_year_is_a_tip() -> None:
    plan = clean_plan()
    _drop_vision(plan, "helstoebt-loesning", "vaerdigt-liv")
    findings = check_plan(plan, F2018, today=EARLY)
    assert [(f.severity, f.code, f.concerns) for f in findings] == [
        (Severity.TIP, "vision-uncovered", Concern("vision", vision="helstoebt-loesning"))
    ]
    message = findings[0].message
    assert "Visionen »En helstøbt og langsigtet løsning« har intet udviklingsmål endnu" in message
    assert "kan stadig komme med i 2026–2029" in message
    assert "en god plan kommer omkring alle visioner" in message


def test_an_uncovered_vision_later_names_the_remaining_years() -> None:
    today = dt.date(2028, 5, 1)
    plan = clean_plan(today=today)
    _drop_vision(plan, "sund-organisation", "selvstaendigt-liv")
    findings = _only(check_plan(plan, F2018, today=today), "vision-uncovered")
    assert [f.severity for f in findings] == [Severity.TIP]
    assert "kan stadig komme med i 2028–2029" in findings[0].message


def test_an_uncovered_vision_when_only_the_last_year_remains_is_a_warning() -> None:
    today = dt.date(2029, 3, 1)
    plan = clean_plan(today=today)
    _drop_vision(plan, "vaerdigt-liv", "sund-organisation")
    findings = check_plan(plan, F2018, today=today)
    assert [(f.severity, f.code, f.concerns) for f in findings] == [
        (Severity.ADVARSEL, "vision-uncovered", Concern("vision", vision="vaerdigt-liv"))
    ]
    assert "»Et værdigt liv«" in findings[0].message
    assert "kan stadig komme med i 2029, planens sidste år" in findings[0].message


def test_an_uncovered_vision_after_the_cycle_is_an_error() -> None:
    today = dt.date(2030, 2, 1)
    plan = clean_plan(today=today)
    _drop_vision(plan, "selvstaendigt-liv", "vaerdigt-liv")
    findings = check_plan(plan, F2018, today=today)
    assert [(f.severity, f.code, f.concerns) for f in findings] == [
        (Severity.FEJL, "vision-uncovered", Concern("vision", vision="selvstaendigt-liv"))
    ]
    assert "»Et selvstændigt liv« fik intet udviklingsmål i planens år 2026–2029" in (
        findings[0].message
    )


def test_uncovered_visions_without_room_in_the_remaining_years_are_errors() -> None:
    today = dt.date(2029, 3, 1)
    plan = clean_plan(today=today, per_year=5)
    assert len(plan.goals_in(2029)) == 5
    _drop_vision(plan, "vaerdigt-liv", "sund-organisation")
    _drop_vision(plan, "helstoebt-loesning", "selvstaendigt-liv")
    findings = check_plan(plan, F2018, today=today)
    assert [(f.severity, f.code, f.concerns) for f in findings] == [
        (Severity.FEJL, "vision-uncovered", Concern("vision", vision="vaerdigt-liv")),
        (Severity.FEJL, "vision-uncovered", Concern("vision", vision="helstoebt-loesning")),
    ]
    assert "»Et værdigt liv«" in findings[0].message
    assert "»En helstøbt og langsigtet løsning«" in findings[1].message
    assert "2029 er allerede fyldt op (højst 5 mål om året)" in findings[0].message


def test_uncovered_visions_with_just_enough_room_are_not_errors() -> None:
    today = dt.date(2029, 3, 1)
    plan = clean_plan(today=today)  # 3 goals in 2029: room for 2 more
    _drop_vision(plan, "vaerdigt-liv", "sund-organisation")
    _drop_vision(plan, "helstoebt-loesning", "selvstaendigt-liv")
    findings = check_plan(plan, F2018, today=today)
    assert [f.severity for f in findings] == [Severity.ADVARSEL, Severity.ADVARSEL]


def test_the_2023_framework_speaks_of_indsatsomraadet() -> None:
    today = dt.date(2023, 4, 1)
    plan = clean_plan(F2023, today, first_year=2023)
    _drop_vision(plan, "io1-hjemloeshed", "io4-fastholdelse-og-rekruttering")
    findings = check_plan(plan, F2023, today=today)
    assert [(f.severity, f.code, f.concerns) for f in findings] == [
        (Severity.TIP, "vision-uncovered", Concern("vision", vision="io1-hjemloeshed"))
    ]
    message = findings[0].message
    assert message.startswith(
        "Indsatsområdet »Afskaffelse af hjemløshed i København« har intet udviklingsmål endnu"
    )
    assert "en god plan kommer omkring alle indsatsområder" in message


def test_the_2023_framework_names_objectives_for_a_goal_without_success() -> None:
    today = dt.date(2023, 4, 1)
    plan = clean_plan(F2023, today, first_year=2023)
    plan.goals[0].success_signs = []
    findings = check_plan(plan, F2023, today=today)
    assert [f.code for f in findings] == ["goal-without-success"]
    assert "har hverken målsætninger eller egne succeskriterier" in findings[0].message


# --- goals ---------------------------------------------------------------------------------


def test_a_goal_without_signs_or_criteria_is_a_warning_naming_the_goal() -> None:
    plan = clean_plan()
    goal = plan.goals_in(2027)[1]
    goal.title = "Bedre overlevering mellem vagter"
    goal.success_signs = []
    goal.success_criteria = ["  "]  # blank criteria do not count
    findings = check_plan(plan, F2018, today=EARLY)
    assert [(f.severity, f.code, f.concerns) for f in findings] == [
        (
            Severity.ADVARSEL,
            "goal-without-success",
            Concern("goal", year=2027, goal_uid=goal.uid, vision=goal.vision),
        )
    ]
    assert findings[0].message.startswith(
        "Udviklingsmålet »Bedre overlevering mellem vagter« (2027) har hverken tegn på succes "
        "eller egne succeskriterier"
    )


def test_a_goal_with_only_its_own_criteria_is_fine() -> None:
    plan = clean_plan()
    plan.goals[0].success_signs = []
    plan.goals[0].success_criteria = ["Færre klager"]
    assert check_plan(plan, F2018, today=EARLY) == []


def test_a_goal_without_actions_is_a_tip() -> None:
    plan = clean_plan()
    goal = plan.goals[4]
    goal.actions = []
    findings = check_plan(plan, F2018, today=EARLY)
    assert [(f.severity, f.code, f.concerns.goal_uid) for f in findings] == [
        (Severity.TIP, "goal-without-actions", goal.uid)
    ]
    assert f"»{goal.title}«" in findings[0].message


@pytest.mark.parametrize(
    "status", [Status.IKKE_PAABEGYNDT, Status.PLANLAGT, Status.I_GANG, Status.DELVIST_NAAET]
)
def test_an_open_goal_in_a_past_year_is_a_warning(status: Status) -> None:
    today = dt.date(2027, 3, 1)
    plan = clean_plan(today=today)
    goal = plan.goals_in(2026)[2]
    goal.status = status
    findings = check_plan(plan, F2018, today=today)
    assert [(f.severity, f.code, f.concerns) for f in findings] == [
        (
            Severity.ADVARSEL,
            "goal-open-after-year",
            Concern("goal", year=2026, goal_uid=goal.uid, vision=goal.vision),
        )
    ]
    message = findings[0].message
    assert f"»{goal.title}« (2026) står stadig som »{status.label}«" in message
    assert "året er gået" in message


def test_the_open_goal_message_is_spelt_in_danish() -> None:
    today = dt.date(2027, 3, 1)
    plan = clean_plan(today=today)
    plan.goals_in(2026)[0].status = Status.I_GANG
    [finding] = check_plan(plan, F2018, today=today)
    assert "eller viderefør målet til næste år" in finding.message


@pytest.mark.parametrize("status", [Status.NAAET, Status.VIDEREFOERT, Status.OPGIVET])
def test_a_closed_goal_in_a_past_year_is_fine(status: Status) -> None:
    today = dt.date(2027, 3, 1)
    plan = clean_plan(today=today)
    plan.goals_in(2026)[0].status = status
    assert check_plan(plan, F2018, today=today) == []


# --- dialogues -----------------------------------------------------------------------------


def test_a_year_without_a_start_dialogue_is_a_warning_naming_the_year() -> None:
    plan = clean_plan()
    plan.dialogues = [d for d in plan.dialogues if d.year != 2026]
    findings = check_plan(plan, F2018, today=EARLY)
    assert [(f.severity, f.code, f.concerns) for f in findings] == [
        (
            Severity.ADVARSEL,
            "no-start-dialogue",
            Concern("dialogue", year=2026, dialogue=DialogueKind.START),
        )
    ]
    assert "ingen startdialog for 2026 endnu" in findings[0].message


def test_a_start_dialogue_without_dates_is_a_warning_when_it_comes_near() -> None:
    near = dt.date(2027, 1, 5)  # 27 days before the suggested 1 February 2027
    plan = clean_plan(today=near)
    start = plan.dialogue(2027, DialogueKind.START)
    assert start is not None
    start.planned = start.held = None
    start.notes = "Vi skal finde en dato."
    findings = check_plan(plan, F2018, today=near)
    assert [(f.severity, f.code, f.concerns.year) for f in findings] == [
        (Severity.ADVARSEL, "no-start-dialogue", 2027)
    ]


@pytest.mark.parametrize("today", [EARLY, dt.date(2026, 12, 15), dt.date(2027, 1, 1)])
def test_a_start_dialogue_months_away_is_not_mentioned_yet(today: dt.date) -> None:
    # Carrying a goal over in December gives next year goals: its start dialogue (suggested
    # for February) is no task yet.
    plan = clean_plan(today=today)
    plan.dialogues = [d for d in plan.dialogues if d.year != 2027]
    assert _only(check_plan(plan, F2018, today=today), "no-start-dialogue") == []


def test_a_start_dialogue_past_its_suggested_date_is_a_warning() -> None:
    today = dt.date(2027, 3, 1)
    plan = clean_plan(today=today)
    plan.dialogues = [d for d in plan.dialogues if d.year != 2027]
    findings = _only(check_plan(plan, F2018, today=today), "no-start-dialogue")
    assert [(f.severity, f.concerns.year) for f in findings] == [(Severity.ADVARSEL, 2027)]


def test_dialogue_is_near_within_30_days_and_after() -> None:
    from udviklingsplan_app.guidance import dialogue_is_near

    day = dt.date(2027, 2, 1)
    assert not dialogue_is_near(day, dt.date(2027, 1, 1))  # 31 days ahead
    assert dialogue_is_near(day, dt.date(2027, 1, 2))  # 30 days ahead
    assert dialogue_is_near(day, day)
    assert dialogue_is_near(day, dt.date(2027, 6, 1))  # past due


# --- a goal being written --------------------------------------------------------------------


def test_a_new_goal_being_written_gets_no_findings_until_it_is_left() -> None:
    plan = clean_plan()
    new = Goal(year=2026, vision=plan.goals[0].vision, title="Nyt udviklingsmål")
    plan.goals.append(new)
    assert (
        _only(check_plan(plan, F2018, today=EARLY, being_written=new.uid), "goal-without-success")
        == []
    )
    assert (
        _only(check_plan(plan, F2018, today=EARLY, being_written=new.uid), "goal-without-actions")
        == []
    )
    left = check_plan(plan, F2018, today=EARLY)  # the leader went on to another goal
    assert [(f.code, f.concerns.goal_uid) for f in left if f.concerns.kind == "goal"] == [
        ("goal-without-success", new.uid),
        ("goal-default-title", new.uid),
        ("goal-without-actions", new.uid),
    ]


def test_only_the_goal_being_written_is_exempt() -> None:
    plan = clean_plan()
    other = plan.goals[0]
    other.success_signs, other.success_criteria = [], []
    new = Goal(year=2026, vision=other.vision, title="Nyt udviklingsmål", actions=other.actions)
    new.success_criteria = ["Eget kriterie"]
    plan.goals.append(new)
    findings = check_plan(plan, F2018, today=EARLY, being_written=new.uid)
    assert [(f.code, f.concerns.goal_uid) for f in findings if f.concerns.kind == "goal"] == [
        ("goal-without-success", other.uid)
    ]


def test_a_later_year_without_goals_needs_no_start_dialogue_yet() -> None:
    plan = clean_plan()
    plan.goals = [g for g in plan.goals if g.year < 2029]
    plan.dialogues = [d for d in plan.dialogues if d.year < 2029]
    findings = check_plan(plan, F2018, today=EARLY)
    assert [(f.code, f.concerns.year) for f in findings] == [("too-few-goals", 2029)]


def test_a_planned_dialogue_not_held_is_a_tip() -> None:
    today = dt.date(2026, 7, 1)
    plan = clean_plan(today=today)
    plan.dialogues.append(Dialogue(2026, DialogueKind.MIDT, planned=dt.date(2026, 6, 16)))
    findings = check_plan(plan, F2018, today=today)
    assert [(f.severity, f.code, f.concerns) for f in findings] == [
        (
            Severity.TIP,
            "dialogue-not-held",
            Concern("dialogue", year=2026, dialogue=DialogueKind.MIDT),
        )
    ]
    assert "Midtvejsdialogen for 2026 var planlagt til 16. juni 2026" in findings[0].message


# --- current situation ---------------------------------------------------------------------


def test_an_empty_situation_is_a_warning() -> None:
    plan = clean_plan()
    plan.situation = {SituationSection.FACTS: "   "}
    findings = check_plan(plan, F2018, today=EARLY)
    assert [(f.severity, f.code, f.concerns) for f in findings] == [
        (Severity.ADVARSEL, "situation-empty", Concern("situation"))
    ]
    assert "aktuelle situation er ikke beskrevet" in findings[0].message


def test_a_partly_filled_situation_is_a_tip_naming_the_missing_sections() -> None:
    plan = clean_plan()
    del plan.situation[SituationSection.CHALLENGES]
    plan.situation[SituationSection.OPERATIONS] = ""
    findings = check_plan(plan, F2018, today=EARLY)
    assert [(f.severity, f.code, f.concerns) for f in findings] == [
        (Severity.TIP, "situation-incomplete", Concern("situation"))
    ]
    assert "mangler »Aktuelle udfordringer« og »Hensyn til drift«" in findings[0].message


def test_one_missing_section_is_named_alone() -> None:
    plan = clean_plan()
    del plan.situation[SituationSection.FACTS]
    findings = check_plan(plan, F2018, today=EARLY)
    assert "mangler »Fakta«." in findings[0].message


# --- involvement ---------------------------------------------------------------------------


def test_required_parties_not_involved_is_a_tip_naming_them_in_danish() -> None:
    plan = clean_plan()
    first = plan.goals_in(2026)[0]
    first.involvement = [
        i for i in first.involvement if i.party in (Party.EGEN_LEDER, Party.LEDELSESTEAM)
    ]
    first.involvement.append(Involvement(Party.BORGERE_PAAROERENDE))
    findings = check_plan(plan, F2018, today=EARLY)
    assert [(f.severity, f.code, f.concerns) for f in findings] == [
        (Severity.TIP, "involvement-missing", Concern("year", year=2026))
    ]
    assert "I 2026 er MED-udvalget og medarbejderne endnu ikke registreret som inddraget" in (
        findings[0].message
    )


def test_involvement_spread_over_several_goals_counts() -> None:
    plan = clean_plan()
    goals = plan.goals_in(2026)
    goals[0].involvement = [Involvement(Party.EGEN_LEDER), Involvement(Party.LEDELSESTEAM)]
    goals[1].involvement = [Involvement(Party.MED_UDVALG)]
    goals[2].involvement = [Involvement(Party.MEDARBEJDERE)]
    assert check_plan(plan, F2018, today=EARLY) == []


def test_involvement_of_later_years_is_not_asked_for_yet() -> None:
    plan = clean_plan()
    for goal in plan.goals:
        if goal.year > 2026:
            goal.involvement = []
    assert check_plan(plan, F2018, today=EARLY) == []


# --- order and concerns --------------------------------------------------------------------


def test_findings_are_sorted_fejl_advarsel_tip() -> None:
    today = dt.date(2030, 1, 10)
    plan = clean_plan(today=today)
    plan.situation.pop(SituationSection.OPERATIONS)  # tip
    plan.goals_in(2029)[0].actions = []  # tip
    plan.goals.remove(plan.goals_in(2027)[0])  # advarsel
    plan.goals_in(2028)[1].status = Status.I_GANG  # advarsel
    _drop_vision(plan, "sund-organisation", "vaerdigt-liv")  # fejl
    findings = check_plan(plan, F2018, today=today)
    severities = [f.severity for f in findings]
    assert severities == sorted(severities, key=lambda s: s.rank)
    assert {Severity.FEJL, Severity.ADVARSEL, Severity.TIP} <= set(severities)
    assert severities[0] is Severity.FEJL
    assert severities[-1] is Severity.TIP
    assert findings[0].concerns == Concern("vision", vision="sund-organisation")


# --- a finished year is spoken of in the past tense, as a note rather than a task ----------

LATE = dt.date(2030, 3, 1)  # after the 2026–2029 cycle


def test_a_past_year_with_too_few_goals_is_a_past_tense_tip() -> None:
    plan = clean_plan(today=LATE)
    plan.goals = [g for g in plan.goals if not (g.year == 2027 and g.title != "Mål 1 i 2027")]
    # Keep every vision covered so only the goal count is at stake.
    findings = _only(check_plan(plan, F2018, today=LATE), "too-few-goals")
    assert [(f.severity, f.concerns) for f in findings] == [
        (Severity.TIP, Concern("year", year=2027))
    ]
    assert findings[0].message == "2027 fik kun 1 udviklingsmål. En god plan har 3–5 om året."


def test_a_past_year_without_a_start_dialogue_is_a_tip_for_the_record() -> None:
    plan = clean_plan(today=LATE)
    plan.dialogues = [d for d in plan.dialogues if d.year != 2026]
    findings = _only(check_plan(plan, F2018, today=LATE), "no-start-dialogue")
    assert [(f.severity, f.message) for f in findings] == [
        (Severity.TIP, "Der er ikke registreret nogen startdialog for 2026.")
    ]


def test_an_open_goal_in_the_last_year_is_not_told_to_be_carried_over() -> None:
    plan = clean_plan(today=LATE)
    last, earlier = plan.goals[-1], plan.goals[0]
    last.status = earlier.status = Status.I_GANG
    messages = {
        f.concerns.goal_uid: f.message
        for f in check_plan(plan, F2018, today=LATE)
        if f.code == "goal-open-after-year"
    }
    assert "viderefør" not in messages[last.uid]
    assert messages[last.uid].endswith("Sæt en slutstatus med en note.")
    assert "eller viderefør målet til næste år" in messages[earlier.uid]


def test_a_framework_label_names_its_period_once() -> None:
    assert F2018.label == "Socialstrategien 2018 (2018–2022)"
    assert F2023.label == "Indsatsområder 2023–2025"


# --- the years' focus ----------------------------------------------------------------------


def test_a_focus_without_a_goal_in_the_current_year_is_a_tip() -> None:
    plan = clean_plan()
    in_2026 = {g.vision for g in plan.goals_in(2026)}
    missing = next(v.id for v in F2018.visions if v.id not in in_2026)
    plan.focus = {2026: [next(iter(sorted(in_2026))), missing]}
    findings = check_plan(plan, F2018, today=EARLY)
    assert [(f.severity, f.code, f.concerns) for f in findings] == [
        (Severity.TIP, "focus-without-goal", Concern("vision", year=2026, vision=missing))
    ]
    title = F2018.vision(missing).title  # type: ignore[union-attr]
    assert findings[0].message.startswith(
        f"2026 fokuserer på visionen »{title}«, men der er endnu intet udviklingsmål under den"
    )


def test_the_focus_tip_uses_the_frameworks_own_words() -> None:
    today = dt.date(2023, 4, 1)
    plan = clean_plan(F2023, today, first_year=2023)
    in_2023 = {g.vision for g in plan.goals_in(2023)}
    missing = next(v.id for v in F2023.visions if v.id not in in_2023)
    plan.focus = {2023: [missing]}
    (finding,) = check_plan(plan, F2023, today=today)
    assert "fokuserer på indsatsområdet »" in finding.message
    assert "under det i 2023" in finding.message


def test_the_focus_of_later_and_finished_years_gives_no_tip() -> None:
    plan = clean_plan()
    plan.focus = {year: [v.id for v in F2018.visions] for year in plan.cycle_years}
    # Early in 2026 only 2026 is looked at; when the cycle is over, none.
    assert len(_only(check_plan(plan, F2018, today=EARLY), "focus-without-goal")) == 1
    in_2027 = dt.date(2027, 5, 1)
    assert [
        f.concerns.year for f in _only(check_plan(plan, F2018, in_2027), "focus-without-goal")
    ] == [2027]
    after = dt.date(2030, 3, 1)
    finished = clean_plan(today=after)
    finished.focus = plan.focus
    assert _only(check_plan(finished, F2018, today=after), "focus-without-goal") == []


# --- the findings the guide shows beside a year's goals ------------------------------------------


def test_year_findings_are_the_years_own_and_the_cycles_coverage() -> None:
    plan = clean_plan()
    in_2027 = next(g for g in plan.goals if g.year == 2027)
    in_2028 = next(g for g in plan.goals if g.year == 2028)
    for goal in (in_2027, in_2028):
        goal.success_signs, goal.success_criteria = [], []
    plan.dialogues = []  # dialogue findings belong to the dialogue step, not here
    found = year_findings(plan, F2018, 2027, today=EARLY)
    assert {f.concerns.goal_uid for f in found if f.code == "goal-without-success"} == {in_2027.uid}
    assert all(f.concerns.kind != "dialogue" for f in found)
    assert all(f.concerns.year in (None, 2027) for f in found)
    assert any(f.concerns.kind == "dialogue" for f in check_plan(plan, F2018, today=EARLY))

    _drop_vision(plan, "sund-organisation", "selvstaendigt-liv")  # no goal covers it now
    coverage = [
        f for f in year_findings(plan, F2018, 2027, today=EARLY) if f.concerns.kind == "vision"
    ]
    assert coverage and all(f.concerns.year in (None, 2027) for f in coverage)


def test_year_findings_leave_the_goal_being_written_alone() -> None:
    plan = clean_plan()
    goal = next(g for g in plan.goals if g.year == 2027)
    goal.success_signs, goal.success_criteria = [], []
    assert [
        f.code
        for f in year_findings(plan, F2018, 2027, today=EARLY)
        if f.concerns.goal_uid == goal.uid
    ]
    assert not [
        f.code
        for f in year_findings(plan, F2018, 2027, being_written=goal.uid, today=EARLY)
        if f.concerns.goal_uid == goal.uid
    ]
