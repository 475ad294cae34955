"""Property-based: random mutations of a valid plan file are refused cleanly or round-trip.

Each mutated file is either refused with the defined error (an ``InputError`` with a Danish
message, nothing stored) or accepted, stored, and exported to the same JSON after a second
import — never any other exception.
"""

from __future__ import annotations

import copy
import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import EXAMPLE
from udviklingsplan_app import services
from udviklingsplan_app.errors import InputError
from udviklingsplan_app.exchange.json_format import parse_text, plan_from_data, plan_to_json
from udviklingsplan_app.storage import models as m

VALID: dict[str, Any] = json.loads(EXAMPLE.read_text(encoding="utf-8"))

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**20), max_value=10**20)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=40)
    | st.sampled_from(
        ["2026-02-30", "2027", "vaerdigt-liv", "Et værdigt liv", "i-gang", "", "=SUM(A1)"]
    ),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=6,
)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*prefix, index))
    return found


PATHS = _paths(VALID)[1:]


@st.composite
def mutated_plans(draw: st.DrawFn) -> dict[str, Any]:
    doc = copy.deepcopy(VALID)
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        path = draw(st.sampled_from(PATHS))
        parent: Any = doc
        try:
            for key in path[:-1]:
                parent = parent[key]
            last = path[-1]
            parent[last]  # the path may be gone after an earlier mutation
        except (KeyError, IndexError, TypeError):
            continue
        action = draw(st.sampled_from(["replace", "delete", "add-key", "duplicate"]))
        if action == "replace":
            parent[last] = draw(json_values)
        elif action == "delete":
            del parent[last]
        elif action == "add-key" and isinstance(parent, dict):
            parent[draw(st.text(min_size=1, max_size=8))] = draw(json_values)
        elif action == "duplicate" and isinstance(parent, list):
            parent.append(copy.deepcopy(parent[last]))
    return doc


def _stored_plans() -> int:
    return m.Plan.select().count()


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(doc=mutated_plans())
def test_mutated_files_are_refused_cleanly_or_round_trip(db_path, doc: dict[str, Any]) -> None:
    before = _stored_plans()
    text = json.dumps(doc, ensure_ascii=False)
    try:
        plan = plan_from_data(parse_text(text))
        plan_id = services.import_plan(plan)
    except InputError as error:
        assert str(error).strip(), "a refusal must say why"
        assert _stored_plans() == before
        return
    first = plan_to_json(services.load_plan(plan_id))
    again = services.import_plan(plan_from_data(parse_text(first)))
    assert plan_to_json(services.load_plan(again)) == first


@settings(max_examples=200, deadline=None)
@given(cut=st.integers(min_value=0, max_value=len(EXAMPLE.read_text(encoding="utf-8")) - 2))
def test_every_truncation_of_the_file_is_refused(cut: int) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")[:cut]
    try:
        plan_from_data(parse_text(text))
    except InputError as error:
        assert str(error).strip()
    else:
        raise AssertionError(f"a file cut at {cut} characters was accepted")
