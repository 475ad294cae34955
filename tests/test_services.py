"""Every service as the UI and the command line use it, checked through ``load_plan``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from udviklingsplan_app import services
from udviklingsplan_app.domain import (
    Dialogue,
    DialogueKind,
    Party,
    Person,
    SituationSection,
    Status,
)
from udviklingsplan_app.errors import InputError, NotFoundError, ValidationError
from udviklingsplan_app.exchange.json_format import (
    parse_text,
    plan_from_data,
    plan_to_json,
    read_plan_file,
)
from udviklingsplan_app.framework import get_framework
from udviklingsplan_app.storage import models

FRAMEWORK_2018 = "socialstrategi-2018"
FRAMEWORK_2023 = "su-indsatsomraader-2023-2025"
EXAMPLE = (
    Path(__file__).resolve().parent.parent
    / "resources"
    / "examples"
    / "den-sociale-hjemmepleje.json"
)


def _plan(db_path: Path, **overrides: Any) -> int:
    values: dict[str, Any] = {
        "workplace": "Botilbuddet Lindely",
        "leader": Person("Anne Berg", "Forstander"),
        "level": 3,
        "manager": Person("Ole Dam", "Centerchef"),
        "framework_id": FRAMEWORK_2018,
        "first_year": 2026,
    }
    values.update(overrides)
    return services.create_plan(**values)


def _goal(
    plan_id: int, title: str, year: int = 2026, vision: str = "vaerdigt-liv", **extra: Any
) -> int:
    return services.add_goal(plan_id, year=year, vision=vision, title=title, **extra)


def _snapshot(plan_id: int) -> str:
    return plan_to_json(services.load_plan(plan_id))


@contextmanager
def unchanged(plan_id: int) -> Iterator[None]:
    """The block must leave the stored plan exactly as it was."""
    before = _snapshot(plan_id)
    counts = {m.__name__: m.select().count() for m in models.ALL_MODELS}
    yield
    assert _snapshot(plan_id) == before
    assert {m.__name__: m.select().count() for m in models.ALL_MODELS} == counts


def _titles(plan_id: int, year: int) -> list[str]:
    return [g.title for g in services.load_plan(plan_id).goals_in(year)]


def _goal_of(plan_id: int, goal_id: int) -> Any:
    return next(g for g in services.load_plan(plan_id).goals if g.id == goal_id)


def _positions(plan_id: int, year: int) -> list[int]:
    rows = models.Goal.select().where((models.Goal.plan == plan_id) & (models.Goal.year == year))
    return sorted(r.position for r in rows)


# --- plans ---------------------------------------------------------------------------------


def test_create_plan_stores_every_field_and_the_frameworks_cycle(db_path: Path) -> None:
    plan_id = _plan(db_path)
    plan = services.load_plan(plan_id)
    assert plan.workplace == "Botilbuddet Lindely"
    assert plan.leader == Person("Anne Berg", "Forstander")
    assert plan.manager == Person("Ole Dam", "Centerchef")
    assert plan.level == 3
    assert plan.framework_id == FRAMEWORK_2018
    assert plan.framework_version == get_framework(FRAMEWORK_2018).version
    assert (plan.first_year, plan.years, plan.last_year) == (2026, 4, 2029)
    assert plan.goals == [] and plan.dialogues == [] and plan.situation == {}


def test_create_plan_default_cycle_of_the_2023_framework(db_path: Path) -> None:
    plan = services.load_plan(_plan(db_path, framework_id=FRAMEWORK_2023, first_year=2023))
    assert (plan.years, plan.last_year) == (3, 2025)


def test_create_plan_with_its_own_cycle(db_path: Path) -> None:
    assert services.load_plan(_plan(db_path, years=5)).years == 5


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"level": 0}, "leader.level"),
        ({"level": 5}, "leader.level"),
        ({"years": 2}, "years"),
        ({"years": 6}, "years"),
        ({"workplace": ""}, "workplace"),
        ({"workplace": "   "}, "workplace"),
        ({"first_year": 1999}, "first_year"),
    ],
)
def test_create_plan_refuses_bad_header_and_stores_nothing(
    db_path: Path, overrides: dict[str, Any], field: str
) -> None:
    with pytest.raises(ValidationError) as info:
        _plan(db_path, **overrides)
    assert info.value.field == field
    assert services.list_plans() == []
    assert models.Plan.select().count() == 0


def test_create_plan_with_unknown_framework_stores_nothing(db_path: Path) -> None:
    from udviklingsplan_app.errors import FrameworkError

    with pytest.raises(FrameworkError):
        _plan(db_path, framework_id="ukendt")
    assert services.list_plans() == []


def test_update_plan_changes_the_header(db_path: Path) -> None:
    plan_id = _plan(db_path)
    services.update_plan(
        plan_id,
        workplace="Lindely og Kastanjehuset",
        level=2,
        years=5,
        leader_title="Områdeleder",
        manager_name="Eva Krog",
    )
    plan = services.load_plan(plan_id)
    assert plan.workplace == "Lindely og Kastanjehuset"
    assert plan.level == 2
    assert plan.years == 5
    assert plan.leader == Person("Anne Berg", "Områdeleder")
    assert plan.manager == Person("Eva Krog", "Centerchef")


def test_update_plan_refuses_a_cycle_that_leaves_goals_outside(db_path: Path) -> None:
    plan_id = _plan(db_path)
    _goal(plan_id, "Et mål i det sidste år", year=2029)
    _goal(plan_id, "Et mål i det første år", year=2026)
    with unchanged(plan_id):
        with pytest.raises(ValidationError) as info:
            services.update_plan(plan_id, years=3)
        assert "2029" in str(info.value)
        assert "2026–2028" in str(info.value)
    with unchanged(plan_id):
        with pytest.raises(ValidationError) as info:
            services.update_plan(plan_id, first_year=2027)
        assert "2026" in str(info.value)


def test_update_plan_refuses_a_cycle_that_leaves_dialogues_outside(db_path: Path) -> None:
    plan_id = _plan(db_path)
    services.save_dialogue(plan_id, Dialogue(2029, DialogueKind.START, dt.date(2029, 2, 1)))
    with unchanged(plan_id), pytest.raises(ValidationError) as info:
        services.update_plan(plan_id, years=3)
    assert "2029" in str(info.value)


@pytest.mark.parametrize(
    "changes", [{"level": 7}, {"workplace": ""}, {"years": 9}, {"farve": "blå"}]
)
def test_update_plan_refuses_bad_values(db_path: Path, changes: dict[str, Any]) -> None:
    plan_id = _plan(db_path)
    with unchanged(plan_id), pytest.raises(ValidationError):
        services.update_plan(plan_id, **changes)


def test_update_unknown_plan_is_not_found(db_path: Path) -> None:
    with pytest.raises(NotFoundError) as info:
        services.update_plan(999, level=2)
    assert "999" in str(info.value)
    with pytest.raises(NotFoundError):
        services.load_plan(999)


def test_set_situation_inserts_and_replaces(db_path: Path) -> None:
    plan_id = _plan(db_path)
    services.set_situation(plan_id, SituationSection.FACTS, "Botilbud med 24 beboere.")
    services.set_situation(plan_id, SituationSection.CHALLENGES, "Rekruttering af pædagoger.")
    services.set_situation(plan_id, SituationSection.FACTS, "Botilbud med 26 beboere.")
    plan = services.load_plan(plan_id)
    assert plan.situation == {
        SituationSection.FACTS: "Botilbud med 26 beboere.",
        SituationSection.CHALLENGES: "Rekruttering af pædagoger.",
    }
    assert models.SituationSection.select().count() == 2


def test_set_situation_accepts_the_section_value(db_path: Path) -> None:
    plan_id = _plan(db_path)
    services.set_situation(plan_id, "operations", "Døgndrift hele året.")  # type: ignore[arg-type]
    assert services.load_plan(plan_id).situation_text(SituationSection.OPERATIONS) == (
        "Døgndrift hele året."
    )


# --- goals ---------------------------------------------------------------------------------


def test_add_goal_goes_to_the_end_of_its_year_with_a_history_entry(db_path: Path) -> None:
    plan_id = _plan(db_path)
    first = _goal(
        plan_id,
        "Første",
        theme="vaerdigt-liv.tryghed-og-omsorg",
        rationale="Fordi",
        owner="Anne Berg",
    )
    _goal(plan_id, "Andet")
    _goal(plan_id, "I 2027", year=2027)
    _goal(plan_id, "Tredje")
    assert _titles(plan_id, 2026) == ["Første", "Andet", "Tredje"]
    assert _titles(plan_id, 2027) == ["I 2027"]
    assert _positions(plan_id, 2026) == [0, 1, 2]
    goal = _goal_of(plan_id, first)
    assert goal.vision == "vaerdigt-liv"
    assert goal.theme == "vaerdigt-liv.tryghed-og-omsorg"
    assert (goal.rationale, goal.owner) == ("Fordi", "Anne Berg")
    assert goal.status is Status.IKKE_PAABEGYNDT
    assert goal.carried_over_from is None
    assert len(goal.uid) == 32
    assert [(h.status, h.note) for h in goal.status_history] == [
        (Status.IKKE_PAABEGYNDT, "Målet er oprettet.")
    ]


def test_add_goal_with_a_status_and_a_vision_by_danish_title(db_path: Path) -> None:
    plan_id = _plan(db_path)
    goal_id = _goal(plan_id, "Tryg hverdag", vision="Et værdigt liv", status=Status.PLANLAGT)
    goal = _goal_of(plan_id, goal_id)
    assert goal.vision == "vaerdigt-liv"
    assert goal.status is Status.PLANLAGT
    assert [h.status for h in goal.status_history] == [Status.PLANLAGT]


@pytest.mark.parametrize(
    ("kwargs", "field", "words"),
    [
        ({"vision": "ukendt-vision"}, "vision", ["»ukendt-vision« findes ikke", "vaerdigt-liv"]),
        (
            {"theme": "sund-organisation.videndeling"},
            "theme",
            ["hører til »En sund og fagligt stærk organisation«"],
        ),
        ({"theme": "findes.ikke"}, "theme", ["»findes.ikke« findes ikke"]),
        ({"year": 2025}, "year", ["2025", "2026–2029"]),
        ({"year": 2030}, "year", ["2030", "2026–2029"]),
        ({"title": "   "}, "title", ["titel"]),
    ],
)
def test_add_goal_refusals_change_nothing(
    db_path: Path, kwargs: dict[str, Any], field: str, words: list[str]
) -> None:
    plan_id = _plan(db_path)
    _goal(plan_id, "Et mål, der allerede er der")
    values: dict[str, Any] = {"year": 2026, "vision": "vaerdigt-liv", "title": "Nyt mål"}
    values.update(kwargs)
    with unchanged(plan_id), pytest.raises(ValidationError) as info:
        services.add_goal(plan_id, **values)
    assert info.value.field == field
    for word in words:
        assert word in str(info.value)


def test_update_goal_changes_texts(db_path: Path) -> None:
    plan_id = _plan(db_path)
    goal_id = _goal(plan_id, "Gammel titel")
    services.update_goal(goal_id, title="Ny titel", rationale="Ny begrundelse", owner="Ole")
    goal = _goal_of(plan_id, goal_id)
    assert (goal.title, goal.rationale, goal.owner) == ("Ny titel", "Ny begrundelse", "Ole")


def test_update_goal_new_vision_clears_a_theme_of_the_old_vision(db_path: Path) -> None:
    plan_id = _plan(db_path)
    goal_id = _goal(plan_id, "Tryghed", theme="vaerdigt-liv.tryghed-og-omsorg")
    services.update_goal(goal_id, vision="Et selvstændigt liv")
    goal = _goal_of(plan_id, goal_id)
    assert goal.vision == "selvstaendigt-liv"
    assert goal.theme is None


def test_update_goal_new_vision_with_its_own_theme(db_path: Path) -> None:
    plan_id = _plan(db_path)
    goal_id = _goal(plan_id, "Tryghed", theme="vaerdigt-liv.tryghed-og-omsorg")
    services.update_goal(goal_id, vision="selvstaendigt-liv", theme="selvstaendigt-liv.bolig")
    goal = _goal_of(plan_id, goal_id)
    assert (goal.vision, goal.theme) == ("selvstaendigt-liv", "selvstaendigt-liv.bolig")


def test_update_goal_same_vision_keeps_the_theme(db_path: Path) -> None:
    plan_id = _plan(db_path)
    goal_id = _goal(plan_id, "Tryghed", theme="vaerdigt-liv.tryghed-og-omsorg")
    services.update_goal(goal_id, vision="Et værdigt liv")
    goal = _goal_of(plan_id, goal_id)
    assert (goal.vision, goal.theme) == ("vaerdigt-liv", "vaerdigt-liv.tryghed-og-omsorg")


@pytest.mark.parametrize(
    "changes",
    [
        {"title": ""},
        {"vision": "findes-ikke"},
        {"theme": "sund-organisation.videndeling"},
        {"year": 2027},
        {"status": "naaet"},
    ],
)
def test_update_goal_refusals_change_nothing(db_path: Path, changes: dict[str, Any]) -> None:
    plan_id = _plan(db_path)
    goal_id = _goal(plan_id, "Tryghed", theme="vaerdigt-liv.tryghed-og-omsorg")
    with unchanged(plan_id), pytest.raises(ValidationError):
        services.update_goal(goal_id, **changes)


def test_move_goal_to_another_year_and_position(db_path: Path) -> None:
    plan_id = _plan(db_path)
    a, _b, c = (_goal(plan_id, t) for t in ("A", "B", "C"))
    _goal(plan_id, "D", year=2027)
    _goal(plan_id, "E", year=2027)
    services.move_goal(a, year=2027)
    assert _titles(plan_id, 2026) == ["B", "C"]
    assert _titles(plan_id, 2027) == ["D", "E", "A"]
    assert _goal_of(plan_id, a).year == 2027
    services.move_goal(c, year=2027, position=1)
    assert _titles(plan_id, 2026) == ["B"]
    assert _titles(plan_id, 2027) == ["D", "C", "E", "A"]
    assert _positions(plan_id, 2027) == [0, 1, 2, 3]


def test_move_goal_within_its_year(db_path: Path) -> None:
    plan_id = _plan(db_path)
    a, _b, c = (_goal(plan_id, t) for t in ("A", "B", "C"))
    services.move_goal(c, position=0)
    assert _titles(plan_id, 2026) == ["C", "A", "B"]
    services.move_goal(c, position=99)  # past the end: last
    assert _titles(plan_id, 2026) == ["A", "B", "C"]
    services.move_goal(a, position=1)
    assert _titles(plan_id, 2026) == ["B", "A", "C"]
    assert _positions(plan_id, 2026) == [0, 1, 2]
    # A goal added afterwards still comes last.
    _goal(plan_id, "D")
    assert _titles(plan_id, 2026) == ["B", "A", "C", "D"]


def test_move_goal_outside_the_cycle_is_refused(db_path: Path) -> None:
    plan_id = _plan(db_path)
    goal_id = _goal(plan_id, "A")
    with unchanged(plan_id), pytest.raises(ValidationError) as info:
        services.move_goal(goal_id, year=2031)
    assert "2031" in str(info.value)


def test_delete_goal_keeps_the_goal_carried_over_from_it(db_path: Path) -> None:
    plan_id = _plan(db_path)
    original = _goal(plan_id, "Fast kontaktperson")
    services.add_action(original, "Kortlægge vagtplanen")
    carried = services.carry_over_goal(original)
    assert _goal_of(plan_id, carried).carried_over_from == _goal_of(plan_id, original).uid
    services.delete_goal(original)
    plan = services.load_plan(plan_id)
    assert [g.id for g in plan.goals] == [carried]
    assert plan.goals[0].carried_over_from is None
    assert plan.goals[0].title == "Fast kontaktperson"
    assert [a.text for a in plan.goals[0].actions] == ["Kortlægge vagtplanen"]
    assert models.Action.select().count() == 1


def test_delete_goal_removes_its_parts(db_path: Path) -> None:
    plan_id = _plan(db_path)
    goal_id = _goal(plan_id, "Mål")
    services.add_action(goal_id, "Handling")
    indicator = services.add_indicator(goal_id, "Sygefravær", "%")
    services.add_measurement(indicator, dt.date(2026, 3, 1), 8.1)
    services.add_involvement(goal_id, Party.MED_UDVALG)
    services.set_success_signs(goal_id, ["vaerdigt-liv.s1"])
    services.set_success_criteria(goal_id, ["Kriterie"])
    services.delete_goal(goal_id)
    assert services.load_plan(plan_id).goals == []
    for model in models.ALL_MODELS:
        if model not in (models.Plan, models.PlanFramework):
            assert model.select().count() == 0, model.__name__
    with pytest.raises(NotFoundError):
        services.delete_goal(goal_id)


def test_set_goal_status_adds_to_the_history(db_path: Path) -> None:
    plan_id = _plan(db_path)
    goal_id = _goal(plan_id, "Mål")
    services.set_goal_status(goal_id, Status.I_GANG, "Startet på teammødet.")
    later = dt.datetime(2099, 6, 1, 10, 30)
    services.set_goal_status(goal_id, Status.NAAET, "Målet er nået.", at=later)
    goal = _goal_of(plan_id, goal_id)
    assert goal.status is Status.NAAET
    assert [(h.status, h.note) for h in goal.status_history] == [
        (Status.IKKE_PAABEGYNDT, "Målet er oprettet."),
        (Status.I_GANG, "Startet på teammødet."),
        (Status.NAAET, "Målet er nået."),
    ]
    assert goal.status_history[-1].at == later


def test_set_success_signs_keeps_order_and_replaces(db_path: Path) -> None:
    plan_id = _plan(db_path)
    goal_id = _goal(plan_id, "Mål")
    services.set_success_signs(
        goal_id, ["vaerdigt-liv.s3", "vaerdigt-liv.s1", "sund-organisation.s2"]
    )
    assert _goal_of(plan_id, goal_id).success_signs == [
        "vaerdigt-liv.s3",
        "vaerdigt-liv.s1",
        "sund-organisation.s2",
    ]
    services.set_success_signs(goal_id, ["vaerdigt-liv.s2"])
    assert _goal_of(plan_id, goal_id).success_signs == ["vaerdigt-liv.s2"]
    services.set_success_signs(goal_id, [])
    assert _goal_of(plan_id, goal_id).success_signs == []


@pytest.mark.parametrize(
    ("signs", "words"),
    [
        (
            ["vaerdigt-liv.s1", "vaerdigt-liv.s99"],
            ["success_signs[1]", "»vaerdigt-liv.s99« findes ikke blandt tegn på succes"],
        ),
        (["io1.m1"], ["»io1.m1«"]),  # an objective of the other framework
        (["vaerdigt-liv.s1", "vaerdigt-liv.s1"], ["to gange"]),
    ],
)
def test_set_success_signs_refusals_change_nothing(
    db_path: Path, signs: list[str], words: list[str]
) -> None:
    plan_id = _plan(db_path)
    goal_id = _goal(plan_id, "Mål")
    services.set_success_signs(goal_id, ["vaerdigt-liv.s2"])
    with unchanged(plan_id), pytest.raises(ValidationError) as info:
        services.set_success_signs(goal_id, signs)
    for word in words:
        assert word in str(info.value)


def test_set_success_criteria(db_path: Path) -> None:
    plan_id = _plan(db_path)
    goal_id = _goal(plan_id, "Mål")
    services.set_success_criteria(goal_id, ["Færre magtanvendelser", "Flere i beskæftigelse"])
    assert _goal_of(plan_id, goal_id).success_criteria == [
        "Færre magtanvendelser",
        "Flere i beskæftigelse",
    ]
    services.set_success_criteria(goal_id, ["Kun én"])
    assert _goal_of(plan_id, goal_id).success_criteria == ["Kun én"]


# --- a goal's parts ------------------------------------------------------------------------


def test_actions_add_update_delete(db_path: Path) -> None:
    plan_id = _plan(db_path)
    goal_id = _goal(plan_id, "Mål")
    first = services.add_action(goal_id, "Holde workshop", "Anne", dt.date(2026, 3, 1))
    second = services.add_action(goal_id, "Evaluere", done=True)
    actions = _goal_of(plan_id, goal_id).actions
    assert [(a.text, a.responsible, a.deadline, a.done) for a in actions] == [
        ("Holde workshop", "Anne", dt.date(2026, 3, 1), False),
        ("Evaluere", "", None, True),
    ]
    services.update_action(first, done=True, deadline=dt.date(2026, 4, 15), responsible="Ole")
    action = _goal_of(plan_id, goal_id).actions[0]
    assert (action.done, action.deadline, action.responsible) == (True, dt.date(2026, 4, 15), "Ole")
    services.delete_action(second)
    assert [a.id for a in _goal_of(plan_id, goal_id).actions] == [first]
    with unchanged(plan_id):
        with pytest.raises(ValidationError):
            services.update_action(first, prioritet=1)
        with pytest.raises(NotFoundError):
            services.update_action(second, done=False)
        with pytest.raises(NotFoundError):
            services.delete_action(second)


def test_indicators_and_measurements(db_path: Path) -> None:
    plan_id = _plan(db_path)
    goal_id = _goal(plan_id, "Mål")
    indicator_id = services.add_indicator(goal_id, "Sygefravær", "%", 8.1, 6.0)
    services.add_indicator(goal_id, "Trivsel", "point")
    services.add_measurement(indicator_id, dt.date(2026, 9, 30), 7.2)
    early = services.add_measurement(indicator_id, dt.date(2026, 3, 31), 7.9)
    indicators = _goal_of(plan_id, goal_id).indicators
    assert [(i.name, i.unit, i.baseline, i.target) for i in indicators] == [
        ("Sygefravær", "%", 8.1, 6.0),
        ("Trivsel", "point", None, None),
    ]
    # Measurements come in date order, whatever order they were entered in.
    assert [(x.date, x.value) for x in indicators[0].measurements] == [
        (dt.date(2026, 3, 31), 7.9),
        (dt.date(2026, 9, 30), 7.2),
    ]
    assert indicators[0].latest is not None and indicators[0].latest.value == 7.2
    services.update_indicator(indicator_id, target=5.5, unit="procent")
    updated = _goal_of(plan_id, goal_id).indicators[0]
    assert (updated.target, updated.unit) == (5.5, "procent")
    services.delete_measurement(early)
    assert [x.value for x in _goal_of(plan_id, goal_id).indicators[0].measurements] == [7.2]
    services.delete_indicator(indicator_id)
    assert [i.name for i in _goal_of(plan_id, goal_id).indicators] == ["Trivsel"]
    assert models.Measurement.select().count() == 0


def test_indicator_refusals_change_nothing(db_path: Path) -> None:
    plan_id = _plan(db_path)
    goal_id = _goal(plan_id, "Mål")
    indicator_id = services.add_indicator(goal_id, "Sygefravær")
    with unchanged(plan_id):
        with pytest.raises(ValidationError):
            services.add_indicator(goal_id, "  ")
        with pytest.raises(ValidationError):
            services.update_indicator(indicator_id, farve="rød")
        with pytest.raises(NotFoundError):
            services.add_measurement(indicator_id + 100, dt.date(2026, 1, 1), 1.0)
        with pytest.raises(NotFoundError):
            services.delete_measurement(12345)


def test_update_indicator_refuses_an_empty_name(db_path: Path) -> None:
    """add_indicator refuses an empty name; renaming to nothing must be refused the same way,
    or the plan can be exported but not imported again."""
    plan_id = _plan(db_path)
    goal_id = _goal(plan_id, "Mål")
    indicator_id = services.add_indicator(goal_id, "Sygefravær")
    with unchanged(plan_id), pytest.raises(ValidationError):
        services.update_indicator(indicator_id, name="")


@pytest.mark.parametrize("value", [float("inf"), float("-inf"), float("nan")])
def test_a_measurement_that_is_not_a_finite_number_is_refused(db_path: Path, value: float) -> None:
    """The export writes JSON the program's own import accepts: no Infinity or NaN."""
    plan_id = _plan(db_path)
    goal_id = _goal(plan_id, "Mål")
    indicator_id = services.add_indicator(goal_id, "Sygefravær")
    with unchanged(plan_id), pytest.raises(ValidationError):
        services.add_measurement(indicator_id, dt.date(2026, 1, 1), value)


def test_a_measurement_is_edited_in_place(db_path: Path) -> None:
    plan_id = _plan(db_path)
    goal_id = _goal(plan_id, "Mål")
    indicator_id = services.add_indicator(goal_id, "Sygefravær", "%", 8.1, 6.0)
    first = services.add_measurement(indicator_id, dt.date(2026, 3, 31), 7.9)
    second = services.add_measurement(indicator_id, dt.date(2026, 9, 30), 7.2)
    long_ago = dt.datetime(2026, 1, 1)
    models.Plan.update(updated_at=long_ago).where(models.Plan.id == plan_id).execute()

    services.update_measurement(second, value=6.8)
    measured = _goal_of(plan_id, goal_id).indicators[0].measurements
    assert [(x.id, x.date, x.value) for x in measured] == [
        (first, dt.date(2026, 3, 31), 7.9),
        (second, dt.date(2026, 9, 30), 6.8),
    ]
    # A new date moves the measurement into date order; its value stays.
    services.update_measurement(second, date=dt.date(2026, 1, 15))
    measured = _goal_of(plan_id, goal_id).indicators[0].measurements
    assert [(x.id, x.date, x.value) for x in measured] == [
        (second, dt.date(2026, 1, 15), 6.8),
        (first, dt.date(2026, 3, 31), 7.9),
    ]
    services.update_measurement(first, date=dt.date(2026, 12, 1), value=5)
    latest = _goal_of(plan_id, goal_id).indicators[0].latest
    assert latest is not None and (latest.date, latest.value) == (dt.date(2026, 12, 1), 5.0)
    # The plan counts as changed (the list of plans shows when it was last edited).
    assert models.Plan.get_by_id(plan_id).updated_at > long_ago


@pytest.mark.parametrize(
    "changes",
    [
        {"value": "tolv"},
        {"value": float("nan")},
        {"value": float("inf")},
        {"value": True},
        {"date": "2026-13-45"},
        {"date": dt.datetime(2026, 5, 1, 12, 0)},
        {"date": dt.date(2026, 5, 1), "value": "7,5"},
    ],
    ids=["text", "nan", "inf", "bool", "text-date", "datetime", "good-date-bad-value"],
)
def test_a_refused_measurement_edit_changes_nothing(db_path: Path, changes: dict[str, Any]) -> None:
    plan_id = _plan(db_path)
    goal_id = _goal(plan_id, "Mål")
    indicator_id = services.add_indicator(goal_id, "Sygefravær")
    measurement_id = services.add_measurement(indicator_id, dt.date(2026, 3, 31), 7.9)
    with unchanged(plan_id), pytest.raises(ValidationError):
        services.update_measurement(measurement_id, **changes)


def test_editing_a_missing_measurement_says_so_in_danish(db_path: Path) -> None:
    plan_id = _plan(db_path)
    goal_id = _goal(plan_id, "Mål")
    indicator_id = services.add_indicator(goal_id, "Sygefravær")
    measurement_id = services.add_measurement(indicator_id, dt.date(2026, 3, 31), 7.9)
    services.delete_measurement(measurement_id)
    with (
        unchanged(plan_id),
        pytest.raises(NotFoundError, match=r"Målingen med id \d+ findes ikke længere"),
    ):
        services.update_measurement(measurement_id, value=1.0)


def test_involvement_add_update_delete(db_path: Path) -> None:
    plan_id = _plan(db_path)
    goal_id = _goal(plan_id, "Mål")
    med = services.add_involvement(
        goal_id, Party.MED_UDVALG, dt.date(2026, 2, 20), "Møde", "Bakker op"
    )
    team = services.add_involvement(goal_id, Party.LEDELSESTEAM)
    items = _goal_of(plan_id, goal_id).involvement
    assert [(i.party, i.date, i.form, i.outcome) for i in items] == [
        (Party.MED_UDVALG, dt.date(2026, 2, 20), "Møde", "Bakker op"),
        (Party.LEDELSESTEAM, None, "", ""),
    ]
    services.update_involvement(team, party="medarbejdere", outcome="Idéer til ruter")
    item = _goal_of(plan_id, goal_id).involvement[1]
    assert (item.party, item.outcome) == (Party.MEDARBEJDERE, "Idéer til ruter")
    services.delete_involvement(med)
    assert [i.party for i in _goal_of(plan_id, goal_id).involvement] == [Party.MEDARBEJDERE]


@pytest.mark.parametrize(
    "call",
    [
        lambda goal, item: services.add_involvement(goal, "ukendt-part"),
        lambda goal, item: services.update_involvement(item, party="ukendt-part"),
        lambda goal, item: services.set_goal_status(goal, "faerdig"),
    ],
    ids=["add_involvement", "update_involvement", "set_goal_status"],
)
def test_unknown_choice_values_get_a_danish_input_error(
    db_path: Path, call: Callable[[int, int], Any]
) -> None:
    """Services promise InputError subclasses with Danish messages, never a bare ValueError."""
    plan_id = _plan(db_path)
    goal_id = _goal(plan_id, "Mål")
    item = services.add_involvement(goal_id, Party.ANDRE)
    with unchanged(plan_id), pytest.raises(InputError):
        call(goal_id, item)


# --- dialogues -----------------------------------------------------------------------------


def test_save_dialogue_inserts_and_replaces_by_year_and_kind(db_path: Path) -> None:
    plan_id = _plan(db_path)
    first = services.save_dialogue(
        plan_id,
        Dialogue(
            2026,
            DialogueKind.START,
            planned=dt.date(2026, 2, 3),
            participants=["Anne Berg", "Ole Dam"],
            agenda="Mål for 2026",
        ),
    )
    services.save_dialogue(plan_id, Dialogue(2026, DialogueKind.MIDT, planned=dt.date(2026, 6, 2)))
    again = services.save_dialogue(
        plan_id,
        Dialogue(
            2026,
            DialogueKind.START,
            planned=dt.date(2026, 2, 3),
            held=dt.date(2026, 2, 4),
            participants=["Anne Berg"],
            notes="Godt møde",
            agreements="Tre mål",
        ),
    )
    assert again == first
    plan = services.load_plan(plan_id)
    assert [(d.year, d.kind) for d in plan.dialogues] == [
        (2026, DialogueKind.START),
        (2026, DialogueKind.MIDT),
    ]
    start = plan.dialogue(2026, DialogueKind.START)
    assert start is not None
    assert (start.planned, start.held) == (dt.date(2026, 2, 3), dt.date(2026, 2, 4))
    assert start.participants == ["Anne Berg"]
    assert (start.agenda, start.notes, start.agreements) == ("", "Godt møde", "Tre mål")
    services.delete_dialogue(first)
    assert [d.kind for d in services.load_plan(plan_id).dialogues] == [DialogueKind.MIDT]


def test_dialogues_are_listed_by_year_and_kind_order(db_path: Path) -> None:
    plan_id = _plan(db_path)
    for year, kind in [
        (2027, DialogueKind.START),
        (2026, DialogueKind.OPFOELGNING),
        (2026, DialogueKind.START),
        (2026, DialogueKind.SLUT),
    ]:
        services.save_dialogue(plan_id, Dialogue(year, kind))
    assert [(d.year, d.kind) for d in services.load_plan(plan_id).dialogues] == [
        (2026, DialogueKind.START),
        (2026, DialogueKind.SLUT),
        (2026, DialogueKind.OPFOELGNING),
        (2027, DialogueKind.START),
    ]


def test_save_dialogue_outside_the_cycle_is_refused(db_path: Path) -> None:
    plan_id = _plan(db_path)
    with unchanged(plan_id), pytest.raises(ValidationError) as info:
        services.save_dialogue(plan_id, Dialogue(2030, DialogueKind.START))
    assert "2030" in str(info.value)


# --- carrying a goal over ------------------------------------------------------------------


def test_carry_over_goal(db_path: Path) -> None:
    plan_id = _plan(db_path)
    original_id = _goal(
        plan_id,
        "Fast kontaktperson",
        theme="vaerdigt-liv.tryghed-og-omsorg",
        rationale="Borgerne ønsker faste ansigter",
        owner="Anne Berg",
    )
    _goal(plan_id, "Allerede i 2027", year=2027)
    services.add_action(original_id, "Kortlægge", "Planlægningen", dt.date(2026, 3, 1), done=True)
    services.add_action(original_id, "Udbrede", "Teamlederne", dt.date(2026, 12, 1))
    services.add_action(original_id, "Evaluere", "Anne", dt.date(2026, 11, 1))
    measured = services.add_indicator(original_id, "Faste besøg", "%", 58, 75)
    services.add_measurement(measured, dt.date(2026, 9, 30), 69)
    services.add_measurement(measured, dt.date(2026, 3, 31), 80)  # entered later, but older
    services.add_indicator(original_id, "Klager", "antal", 12, 4)
    services.set_success_signs(original_id, ["vaerdigt-liv.s2", "vaerdigt-liv.s1"])
    services.set_success_criteria(original_id, ["75 % faste besøg"])
    services.add_involvement(original_id, Party.MEDARBEJDERE)

    new_id = services.carry_over_goal(original_id)

    plan = services.load_plan(plan_id)
    original = _goal_of(plan_id, original_id)
    new = _goal_of(plan_id, new_id)
    assert [g.title for g in plan.goals_in(2027)] == ["Allerede i 2027", "Fast kontaktperson"]
    assert new.year == 2027
    assert new.carried_over_from == original.uid
    assert new.uid != original.uid
    assert (new.vision, new.theme) == ("vaerdigt-liv", "vaerdigt-liv.tryghed-og-omsorg")
    assert (new.rationale, new.owner) == ("Borgerne ønsker faste ansigter", "Anne Berg")
    assert new.status is Status.PLANLAGT
    assert [(h.status, h.note) for h in new.status_history] == [
        (Status.PLANLAGT, "Videreført fra 2026.")
    ]
    # Only the actions not yet done, undone and without the old deadline.
    assert [(a.text, a.responsible, a.deadline, a.done) for a in new.actions] == [
        ("Udbrede", "Teamlederne", None, False),
        ("Evaluere", "Anne", None, False),
    ]
    assert new.success_signs == ["vaerdigt-liv.s2", "vaerdigt-liv.s1"]
    assert new.success_criteria == ["75 % faste besøg"]
    # The latest measurement (by date) becomes the new baseline; no measurements copied.
    assert [(i.name, i.baseline, i.target, i.measurements) for i in new.indicators] == [
        ("Faste besøg", 69, 75, []),
        ("Klager", 12, 4, []),
    ]
    assert new.involvement == []
    # The original is marked as carried over, with a note, and keeps its own parts.
    assert original.status is Status.VIDEREFOERT
    assert (original.status_history[-1].status, original.status_history[-1].note) == (
        Status.VIDEREFOERT,
        "Videreført til 2027.",
    )
    assert len(original.actions) == 3
    assert len(original.indicators[0].measurements) == 2


def test_carry_over_goal_with_a_note(db_path: Path) -> None:
    plan_id = _plan(db_path)
    goal_id = _goal(plan_id, "Mål", year=2028)
    new_id = services.carry_over_goal(goal_id, "Aftalt på slutdialogen.")
    assert _goal_of(plan_id, new_id).year == 2029
    assert _goal_of(plan_id, goal_id).status_history[-1].note == "Aftalt på slutdialogen."


def test_carry_over_goal_in_the_last_year_is_refused(db_path: Path) -> None:
    plan_id = _plan(db_path)
    goal_id = _goal(plan_id, "Mål", year=2029)
    with unchanged(plan_id), pytest.raises(ValidationError) as info:
        services.carry_over_goal(goal_id)
    assert "sidste år (2029)" in str(info.value)


# --- whole plans ---------------------------------------------------------------------------


def test_a_failing_import_leaves_no_plan(
    example_plan_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = {m.__name__: m.select().count() for m in models.ALL_MODELS}

    def broken_create(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("disken er fuld")

    monkeypatch.setattr(models.Dialogue, "create", broken_create)
    with pytest.raises(RuntimeError):
        services.import_plan(read_plan_file(EXAMPLE))
    monkeypatch.undo()
    assert [p.id for p in services.list_plans()] == [example_plan_id]
    assert {m.__name__: m.select().count() for m in models.ALL_MODELS} == before


def test_a_service_failing_midway_rolls_back(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan_id = _plan(db_path)
    goal_id = _goal(plan_id, "Mål")
    services.add_action(goal_id, "Handling")

    def broken_create(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("disken er fuld")

    monkeypatch.setattr(models.StatusChange, "create", broken_create)
    with unchanged(plan_id), pytest.raises(RuntimeError):
        services.carry_over_goal(goal_id)  # the new goal is created before the status change


def test_import_round_trip_of_the_example(example_plan_id: int) -> None:
    text = _snapshot(example_plan_id)
    assert text == EXAMPLE.read_text(encoding="utf-8")
    services.delete_plan(example_plan_id)
    again = services.import_plan(plan_from_data(parse_text(text)))
    assert _snapshot(again) == text


def test_a_plan_built_with_the_services_can_be_exported_and_imported(db_path: Path) -> None:
    plan_id = _plan(db_path)
    services.set_situation(plan_id, SituationSection.FACTS, "Fakta")
    goal_id = _goal(plan_id, "Mål", theme="vaerdigt-liv.tryghed-og-omsorg")
    services.add_action(goal_id, "Handling", "Anne", dt.date(2026, 5, 1))
    indicator_id = services.add_indicator(goal_id, "Andel", "%", 40.5, 60)
    services.add_measurement(indicator_id, dt.date(2026, 6, 1), 45.25)
    services.add_involvement(goal_id, Party.EGEN_LEDER, dt.date(2026, 2, 1))
    services.set_success_signs(goal_id, ["vaerdigt-liv.s1"])
    services.set_success_criteria(goal_id, ["Kriterie"])
    services.set_goal_status(goal_id, Status.I_GANG, "Note")
    services.carry_over_goal(goal_id)
    services.save_dialogue(plan_id, Dialogue(2026, DialogueKind.START, dt.date(2026, 2, 1)))
    text = _snapshot(plan_id)
    services.delete_plan(plan_id)
    copy_id = services.import_plan(plan_from_data(parse_text(text)))
    assert _snapshot(copy_id) == text


def test_list_plans_summarises_with_goal_counts(example_plan_id: int) -> None:
    other = services.create_plan(
        workplace="Værestedet",
        leader=Person("Bo Ravn"),
        level=4,
        manager=Person(),
        framework_id=FRAMEWORK_2023,
        first_year=2023,
    )
    summaries = services.list_plans()
    assert [
        (s.id, s.workplace, s.leader_name, s.framework_id, s.first_year, s.years, s.goal_count)
        for s in summaries
    ] == [
        (
            example_plan_id,
            "Den Sociale Hjemmepleje, Borgercenter Hjemmepleje",
            "Mette Holm",
            FRAMEWORK_2018,
            2026,
            4,
            7,
        ),
        (other, "Værestedet", "Bo Ravn", FRAMEWORK_2023, 2023, 3, 0),
    ]
    _goal(other, "Nyt mål", year=2024, vision="io1-hjemloeshed")
    assert [s.goal_count for s in services.list_plans()] == [7, 1]


def test_only_plan_id_with_zero_one_and_two_plans(db_path: Path) -> None:
    with pytest.raises(NotFoundError) as info:
        services.only_plan_id()
    assert "ingen planer" in str(info.value)
    first = _plan(db_path)
    assert services.only_plan_id() == first
    _plan(db_path, workplace="Anden arbejdsplads")
    with pytest.raises(ValidationError) as info2:
        services.only_plan_id()
    assert "2 planer" in str(info2.value)
    assert "--plan" in str(info2.value)


# --- carried-over goals stay in time order -------------------------------------------------


def test_a_continued_goal_cannot_be_moved_before_its_origin(db_path: Path) -> None:
    plan_id = _plan(db_path)
    original = _goal(plan_id, "Fast tid hos borgeren", year=2026)
    continued = services.carry_over_goal(original)
    with unchanged(plan_id), pytest.raises(ValidationError, match="videreført fra 2026"):
        services.move_goal(continued, year=2026)
    with unchanged(plan_id), pytest.raises(ValidationError, match="videreført til 2027"):
        services.move_goal(original, year=2027)
    services.move_goal(continued, year=2028)  # later is fine
    # What the program writes after moving, it can read again.
    text = _snapshot(plan_id)
    services.delete_plan(plan_id)
    again = services.import_plan(plan_from_data(parse_text(text)))
    assert _snapshot(again) == text


def test_a_goal_can_be_carried_over_only_once(db_path: Path) -> None:
    plan_id = _plan(db_path)
    original = _goal(plan_id, "Rekruttering", year=2026)
    services.carry_over_goal(original)
    with unchanged(plan_id), pytest.raises(ValidationError, match="allerede videreført til 2027"):
        services.carry_over_goal(original)


# --- values of the wrong kind are refused in Danish, so every stored plan exports -----------


def _example_ids(plan_id: int) -> dict[str, int]:
    plan = services.load_plan(plan_id)
    goal = next(g for g in plan.goals if g.actions and g.indicators and g.involvement)
    return {
        "goal": goal.id or 0,
        "action": goal.actions[0].id or 0,
        "indicator": goal.indicators[0].id or 0,
        "involvement": goal.involvement[0].id or 0,
    }


BAD_VALUES: list[tuple[str, Callable[[int, dict[str, int]], object], str]] = [
    (
        "deadline-not-a-date",
        lambda p, ids: services.update_action(ids["action"], deadline="2026-13-45"),
        "deadline",
    ),
    ("done-as-text", lambda p, ids: services.update_action(ids["action"], done="ja"), "done"),
    (
        "measurement-date-text",
        lambda p, ids: services.add_measurement(ids["indicator"], "2026-99-01", 3),
        "date",
    ),
    (
        "involvement-date-text",
        lambda p, ids: services.update_involvement(ids["involvement"], date="1/2/2026"),
        "date",
    ),
    ("title-none", lambda p, ids: services.update_goal(ids["goal"], title=None), "title"),
    (
        "criterion-none",
        lambda p, ids: services.set_success_criteria(ids["goal"], ["Godt", None]),
        "success_criteria",
    ),
    ("unit-none", lambda p, ids: services.update_indicator(ids["indicator"], unit=None), "unit"),
    ("leader-none", lambda p, ids: services.update_plan(p, leader_name=None), "leader_name"),
    ("level-text", lambda p, ids: services.update_plan(p, level="3"), "level"),
    (
        "dialogue-date-text",
        lambda p, ids: services.save_dialogue(p, Dialogue(2026, DialogueKind.MIDT, "1/6/2026")),  # type: ignore[arg-type]
        "planned",
    ),
    (
        "status-time-text",
        lambda p, ids: services.set_goal_status(ids["goal"], Status.NAAET, "ok", at="i går"),
        "at",
    ),  # type: ignore[arg-type]
]


@pytest.mark.parametrize(("case", "call", "field"), BAD_VALUES, ids=[c[0] for c in BAD_VALUES])
def test_values_of_the_wrong_kind_are_refused_and_the_plan_still_exports(
    example_plan_id: int, case: str, call: Callable[[int, dict[str, int]], object], field: str
) -> None:
    ids = _example_ids(example_plan_id)
    with unchanged(example_plan_id), pytest.raises(ValidationError) as caught:
        call(example_plan_id, ids)
    assert caught.value.field == field
    assert "skal være" in caught.value.detail
    text = _snapshot(example_plan_id)
    assert plan_to_json(plan_from_data(parse_text(text))) == text


# --- restore (undo and redo) ---------------------------------------------------------------


def test_restore_plan_puts_every_part_back_and_keeps_goal_uids(example_plan_id: int) -> None:
    from udviklingsplan_app.exchange.json_format import plan_to_data

    before = services.load_plan(example_plan_id)
    goal = before.goals[0]
    services.update_goal(goal.id, title="Et helt andet mål")
    services.delete_goal(before.goals[1].id)
    services.set_situation(example_plan_id, SituationSection.CHALLENGES, "Ny tekst")
    services.update_plan(example_plan_id, workplace="Et andet sted")
    services.delete_dialogue(before.dialogues[0].id)
    assert plan_to_data(services.load_plan(example_plan_id)) != plan_to_data(before)

    services.restore_plan(example_plan_id, before)

    after = services.load_plan(example_plan_id)
    assert plan_to_data(after) == plan_to_data(before)
    assert [g.uid for g in after.goals] == [g.uid for g in before.goals]
    assert after.id == example_plan_id
    assert [p.id for p in services.list_plans()] == [example_plan_id]


def test_restore_plan_refuses_a_broken_snapshot_and_changes_nothing(example_plan_id: int) -> None:
    from udviklingsplan_app.exchange.json_format import plan_to_data

    before = services.load_plan(example_plan_id)
    broken = services.load_plan(example_plan_id)
    broken.goals[0].year = 1999
    with pytest.raises(ValidationError):
        services.restore_plan(example_plan_id, broken)
    assert plan_to_data(services.load_plan(example_plan_id)) == plan_to_data(before)


def test_a_write_waits_for_another_program_that_is_writing(
    db_path: Path, example_plan_id: int
) -> None:
    """A second window or the command line holding the write lock briefly is waited for."""
    import sqlite3
    import threading

    other = sqlite3.connect(db_path, check_same_thread=False, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    release = threading.Timer(0.3, lambda: other.execute("ROLLBACK"))
    release.start()
    try:
        services.set_situation(example_plan_id, SituationSection.CHALLENGES, "Skrevet under lås")
    finally:
        release.join()
        other.close()
    assert services.load_plan(example_plan_id).situation[SituationSection.CHALLENGES] == (
        "Skrevet under lås"
    )


# --- the years' focus (the guide's four-year overview) -------------------------------------

VISIONS = ["vaerdigt-liv", "selvstaendigt-liv", "helstoebt-loesning", "sund-organisation"]


def test_set_year_focus_stores_the_years_visions_in_framework_order(db_path: Path) -> None:
    plan_id = _plan(db_path)
    assert services.load_plan(plan_id).focus == {}
    services.set_year_focus(plan_id, 2027, [VISIONS[3], VISIONS[0]])
    services.set_year_focus(plan_id, 2026, [VISIONS[1]])
    assert services.load_plan(plan_id).focus == {2026: [VISIONS[1]], 2027: [VISIONS[0], VISIONS[3]]}


def test_set_year_focus_replaces_the_year_and_an_empty_list_clears_it(db_path: Path) -> None:
    plan_id = _plan(db_path)
    services.set_year_focus(plan_id, 2026, VISIONS[:2])
    services.set_year_focus(plan_id, 2027, VISIONS[2:])
    services.set_year_focus(plan_id, 2026, [VISIONS[2]])
    assert services.load_plan(plan_id).focus == {2026: [VISIONS[2]], 2027: VISIONS[2:]}
    services.set_year_focus(plan_id, 2026, [])
    assert services.load_plan(plan_id).focus == {2027: VISIONS[2:]}


@pytest.mark.parametrize(
    ("year", "visions", "message"),
    [
        (2030, [VISIONS[0]], "året 2030 ligger uden for planens år 2026–2029"),
        (2025, [VISIONS[0]], "året 2025 ligger uden for planens år 2026–2029"),
        (2026, ["io1-hjemloeshed"], "findes ikke i"),
        (2026, [VISIONS[0], VISIONS[0]], "står to gange"),
        (2026, [None], "skal være en liste af tekster"),
        ("2026", [VISIONS[0]], "skal være et helt tal"),
    ],
)
def test_set_year_focus_refuses_what_is_not_in_the_plan(
    db_path: Path, year: Any, visions: list[Any], message: str
) -> None:
    plan_id = _plan(db_path)
    services.set_year_focus(plan_id, 2026, [VISIONS[1]])
    with unchanged(plan_id), pytest.raises(ValidationError, match=message):
        services.set_year_focus(plan_id, year, visions)


def test_the_focus_follows_undo_and_redo(db_path: Path) -> None:
    plan_id = _plan(db_path)
    services.set_year_focus(plan_id, 2026, VISIONS[:2])
    before = services.load_plan(plan_id)
    services.set_year_focus(plan_id, 2026, [VISIONS[3]])
    services.set_year_focus(plan_id, 2028, [VISIONS[0]])
    after = services.load_plan(plan_id)
    services.restore_plan(plan_id, before)
    assert services.load_plan(plan_id).focus == {2026: VISIONS[:2]}
    services.restore_plan(plan_id, after)
    assert services.load_plan(plan_id).focus == {2026: [VISIONS[3]], 2028: [VISIONS[0]]}


def test_a_shorter_cycle_drops_the_focus_of_the_years_it_leaves(db_path: Path) -> None:
    plan_id = _plan(db_path)
    services.set_year_focus(plan_id, 2026, [VISIONS[0]])
    services.set_year_focus(plan_id, 2029, [VISIONS[3]])
    services.update_plan(plan_id, years=3)
    plan = services.load_plan(plan_id)
    assert plan.focus == {2026: [VISIONS[0]]}
    # What is stored still exports and imports.
    assert services.load_plan(services.import_plan(plan)).focus == {2026: [VISIONS[0]]}


def test_the_focus_goes_with_the_plan_when_it_is_deleted(db_path: Path) -> None:
    plan_id = _plan(db_path)
    services.set_year_focus(plan_id, 2026, VISIONS)
    services.save_guide_progress(plan_id, "ny_plan", 2026, 3)
    services.delete_plan(plan_id)
    assert models.YearFocus.select().count() == 0
    assert models.GuideProgress.select().count() == 0


# --- guide progress ------------------------------------------------------------------------


def test_guide_progress_is_saved_updated_and_finished(db_path: Path) -> None:
    from udviklingsplan_app.domain import GUIDE_NEW_PLAN, GUIDE_NEW_YEAR, GuideProgress

    first, second = _plan(db_path), _plan(db_path, workplace="Værestedet Ørestad")
    assert services.unfinished_guides() == []
    services.save_guide_progress(first, GUIDE_NEW_PLAN, 2026, 2)
    services.save_guide_progress(second, GUIDE_NEW_YEAR, 2027, 1)
    services.save_guide_progress(first, GUIDE_NEW_PLAN, 2026, 4)  # the same guide, one row
    assert models.GuideProgress.select().count() == 2
    models.GuideProgress.update(updated_at=dt.datetime(2026, 1, 1)).where(
        models.GuideProgress.plan == second
    ).execute()
    assert services.unfinished_guides() == [
        GuideProgress(first, GUIDE_NEW_PLAN, 2026, 4),
        GuideProgress(second, GUIDE_NEW_YEAR, 2027, 1),
    ]
    services.finish_guide(first, GUIDE_NEW_PLAN)
    services.finish_guide(first, GUIDE_NEW_PLAN)  # twice is harmless
    assert services.unfinished_guides() == [GuideProgress(second, GUIDE_NEW_YEAR, 2027, 1)]


def test_guide_progress_is_not_plan_data(db_path: Path) -> None:
    """Undo does not move the guide back, and an export does not carry it."""
    plan_id = _plan(db_path)
    snapshot = services.load_plan(plan_id)
    services.save_guide_progress(plan_id, "ny_plan", 2026, 3)
    services.restore_plan(plan_id, snapshot)
    assert [g.step for g in services.unfinished_guides()] == [3]
    assert "ny_plan" not in _snapshot(plan_id)


def test_guide_progress_can_be_read_on_the_start_connection(db_path: Path) -> None:
    import sqlite3

    from udviklingsplan_app.storage import reading

    plan_id = _plan(db_path)
    services.save_guide_progress(plan_id, "nyt_aar", 2027, 1)
    conn = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        assert [(g.plan_id, g.kind, g.year, g.step) for g in reading.unfinished_guides(conn)] == [
            (plan_id, "nyt_aar", 2027, 1)
        ]
    finally:
        conn.close()


@pytest.mark.parametrize(
    ("kind", "step", "message"),
    [("en-anden", 1, "ukendt slags guide"), ("ny_plan", -1, "0 eller mere")],
)
def test_guide_progress_refuses_an_unknown_guide_or_step(
    db_path: Path, kind: str, step: int, message: str
) -> None:
    plan_id = _plan(db_path)
    with pytest.raises(ValidationError, match=message):
        services.save_guide_progress(plan_id, kind, 2026, step)
    assert services.unfinished_guides() == []
    with pytest.raises(NotFoundError):
        services.save_guide_progress(plan_id + 1, "ny_plan", 2026, 1)
