"""The four-year overview: a suggested spread of visions over the cycle's years."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from udviklingsplan_app.domain import DialogueKind, Person, Plan
from udviklingsplan_app.framework_sources import get_framework
from udviklingsplan_app.planning import (
    GOALS_PER_YEAR,
    new_dialogue,
    suggest_distribution,
    uncovered,
)

VISIONS_2018 = [v.id for v in get_framework("socialstrategi-2018").visions]
AREAS_2023 = [v.id for v in get_framework("su-indsatsomraader-2023-2025").visions]


def _years(count: int, first: int = 2026) -> list[int]:
    return list(range(first, first + count))


def test_four_visions_over_four_years_give_one_each() -> None:
    spread = suggest_distribution(VISIONS_2018, _years(4))
    assert spread == {2026 + i: [vision] for i, vision in enumerate(VISIONS_2018)}


def test_four_areas_over_three_years_give_two_one_one() -> None:
    spread = suggest_distribution(AREAS_2023, _years(3, 2023))
    assert [len(spread[y]) for y in _years(3, 2023)] == [2, 1, 1]
    assert uncovered(AREAS_2023, spread) == []


def test_five_years_repeat_one_vision_so_no_year_is_empty() -> None:
    spread = suggest_distribution(VISIONS_2018, _years(5))
    assert all(len(spread[y]) == 1 for y in _years(5))
    assert sorted(v for visions in spread.values() for v in visions) == sorted(
        [*VISIONS_2018, VISIONS_2018[0]]
    )


@pytest.mark.parametrize("count", [3, 4, 5])
def test_every_vision_is_covered_for_three_four_and_five_years(count: int) -> None:
    for visions in (VISIONS_2018, AREAS_2023):
        spread = suggest_distribution(visions, _years(count))
        assert uncovered(visions, spread) == []
        assert all(spread[y] for y in _years(count))


def test_the_leaders_marks_are_kept_and_only_what_is_missing_is_added() -> None:
    existing = {2027: [VISIONS_2018[2]], 2029: [VISIONS_2018[0], VISIONS_2018[3]]}
    spread = suggest_distribution(VISIONS_2018, _years(4), existing)
    assert spread[2027][:1] == [VISIONS_2018[2]]
    assert set(existing[2029]) <= set(spread[2029])
    assert spread == {
        2026: [VISIONS_2018[1]],
        2027: [VISIONS_2018[2]],
        2028: [VISIONS_2018[0]],  # the least used of those already chosen, the first on a tie
        2029: [VISIONS_2018[0], VISIONS_2018[3]],
    }


def test_a_complete_choice_is_left_as_it_is() -> None:
    existing = {2026: list(VISIONS_2018), 2027: [VISIONS_2018[1]], 2028: [VISIONS_2018[0]]}
    assert suggest_distribution(VISIONS_2018, _years(3), existing) == existing


def test_unknown_visions_and_years_outside_the_cycle_are_dropped() -> None:
    spread = suggest_distribution(VISIONS_2018, _years(4), {2026: ["findes-ikke"], 2040: ["x"]})
    assert set(spread) == set(_years(4))
    assert "findes-ikke" not in spread[2026]


def test_lists_follow_the_framework_order() -> None:
    existing = {2026: [VISIONS_2018[3], VISIONS_2018[0]]}
    assert suggest_distribution(VISIONS_2018, _years(1), existing)[2026] == VISIONS_2018


def test_uncovered_names_the_visions_no_year_focuses_on_in_order() -> None:
    focus = {2026: [VISIONS_2018[1]], 2027: [], 2028: [VISIONS_2018[1]]}
    assert uncovered(VISIONS_2018, focus) == [VISIONS_2018[0], *VISIONS_2018[2:]]
    assert uncovered(VISIONS_2018, {}) == VISIONS_2018


def test_no_visions_give_empty_years() -> None:
    assert suggest_distribution([], _years(3)) == {2026: [], 2027: [], 2028: []}


def test_goals_per_year_match_the_frameworks() -> None:
    for framework_id in ("socialstrategi-2018", "su-indsatsomraader-2023-2025"):
        framework = get_framework(framework_id)
        assert (framework.goals_min, framework.goals_max) == GOALS_PER_YEAR


@given(
    visions=st.lists(st.text(min_size=1, max_size=4), min_size=1, max_size=12, unique=True),
    count=st.integers(min_value=1, max_value=10),
    data=st.data(),
)
def test_any_cycle_is_covered_evenly_and_keeps_marks(
    visions: list[str], count: int, data: st.DataObject
) -> None:
    years = _years(count)
    existing = data.draw(
        st.dictionaries(st.sampled_from(years), st.lists(st.sampled_from(visions), unique=True))
    )
    spread = suggest_distribution(visions, years, existing)
    assert spread == suggest_distribution(visions, years, existing)  # deterministic
    assert list(spread) == years
    assert uncovered(visions, spread) == []
    assert all(spread[y] for y in years)
    for year, marks in existing.items():
        assert set(marks) <= set(spread[year])
    for year in years:
        assert spread[year] == sorted(spread[year], key=visions.index)
    if not existing:  # from scratch: the years differ by at most one vision
        sizes = [len(spread[y]) for y in years]
        assert max(sizes) - min(sizes) <= 1


# --- a new dialogue's participants -----------------------------------------------------------


def _plan(leader: str, manager: str) -> Plan:
    return Plan(
        leader=Person(leader, "Leder"),
        level=3,
        workplace="Værestedet",
        manager=Person(manager, "Centerchef"),
        framework_id="socialstrategi-2018",
        first_year=2026,
        years=4,
    )


def test_a_new_dialogue_has_the_leader_and_the_manager_as_participants() -> None:
    plan = _plan("Anne Berg", " Ole Dam ")
    dialogue = new_dialogue(plan, 2027, DialogueKind.START, planned=dt.date(2027, 2, 1))
    assert (dialogue.year, dialogue.kind, dialogue.planned) == (
        2027,
        DialogueKind.START,
        dt.date(2027, 2, 1),
    )
    assert dialogue.participants == ["Anne Berg", "Ole Dam"]


def test_a_new_dialogue_keeps_typed_participants_and_skips_unknown_names() -> None:
    plan = _plan("Anne Berg", "")
    assert new_dialogue(plan, 2027, DialogueKind.MIDT).participants == ["Anne Berg"]
    typed = new_dialogue(plan, 2027, DialogueKind.MIDT, participants=["Lise Kvist"])
    assert typed.participants == ["Lise Kvist"]
    assert new_dialogue(_plan("", " "), 2027, DialogueKind.SLUT).participants == []
