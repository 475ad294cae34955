"""Which year and vision *Nyt mål* gives a new goal (planning.suggest_new_goal), without Qt."""

from __future__ import annotations

import datetime as dt

from udviklingsplan_app.domain import Goal, Person, Plan
from udviklingsplan_app.planning import suggest_new_goal

V = ["V1", "V2", "V3", "V4"]
DECEMBER = dt.date(2026, 12, 4)


def plan_2027(*goals: Goal, focus: dict[int, list[str]] | None = None) -> Plan:
    return Plan(
        leader=Person("Søren", "Leder"),
        level=3,
        workplace="Værestedet",
        manager=Person("Åse", "Centerchef"),
        framework_id="socialstrategi-2018",
        first_year=2027,
        years=4,
        goals=list(goals),
        focus=focus or {},
    )


def test_all_years_chosen_the_goal_goes_to_the_year_the_leader_works_in() -> None:
    # The walk-through: one 2027 goal under V1; 2027 focuses on V1 and V3, 2028 on V2.
    plan = plan_2027(Goal(2027, "V1", "Første"), focus={2027: ["V1", "V3"], 2028: ["V2"]})
    assert suggest_new_goal(plan, V, DECEMBER) == (2027, "V3")
    # Later in 2028 the leader works in 2028: its focus vision.
    assert suggest_new_goal(plan, V, dt.date(2028, 3, 1)) == (2028, "V2")


def test_a_chosen_year_and_vision_are_kept() -> None:
    plan = plan_2027(Goal(2027, "V1", "Første"), focus={2028: ["V2"]})
    assert suggest_new_goal(plan, V, DECEMBER, year_filter=2028) == (2028, "V2")
    assert suggest_new_goal(plan, V, DECEMBER, vision_filter="V1") == (2027, "V1")
    assert suggest_new_goal(plan, V, DECEMBER, 2029, "V4") == (2029, "V4")


def test_without_a_free_focus_vision_the_first_vision_without_a_goal_that_year() -> None:
    plan = plan_2027(Goal(2027, "V1", "a"), Goal(2027, "V2", "b"), focus={2027: ["V2", "V1"]})
    assert suggest_new_goal(plan, V, DECEMBER) == (2027, "V3")
    # A goal in another year does not count for this one.
    assert suggest_new_goal(plan_2027(Goal(2028, "V1", "a")), V, DECEMBER) == (2027, "V1")


def test_focus_follows_the_frameworks_order_and_every_vision_taken_gives_the_first() -> None:
    plan = plan_2027(focus={2027: ["V4", "V2"]})
    assert suggest_new_goal(plan, V, DECEMBER) == (2027, "V2")
    full = plan_2027(*(Goal(2027, v, v) for v in V), focus={2027: ["V2"]})
    assert suggest_new_goal(full, V, DECEMBER) == (2027, "V1")


def test_the_year_is_held_inside_the_cycle() -> None:
    plan = plan_2027()
    assert suggest_new_goal(plan, V, dt.date(2035, 1, 1))[0] == 2030
    assert suggest_new_goal(plan, V, dt.date(2020, 1, 1))[0] == 2027
