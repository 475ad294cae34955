"""Property-based: random mutations of a valid plan file are refused cleanly or round-trip.

Each mutated file is either refused with the defined error (an ``InputError`` with a Danish
message, nothing stored; on the command line exit code 2 and the database unchanged) or
accepted, stored, and exported to the same JSON after a second import — never any other
exception. The harsher mutations add any code point (lone surrogates, control characters),
overlong texts, numbers out of range, values at the wrong depth, deep nesting and files that
are not UTF-8.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from tests.conftest import EXAMPLE, database_dump
from udviklingsplan_app import services
from udviklingsplan_app.cli import main as cli_main
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
    services.delete_plan(plan_id)
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


# --- harsher mutations, through the command line as IT would run it ------------------------

nasty_strings = st.one_of(
    # Any code point, also lone surrogates (written as \ud800 escapes) and control characters.
    st.text(st.characters(blacklist_categories=()), max_size=20),
    st.text(st.characters(max_codepoint=0x1F), min_size=1, max_size=5),
    st.integers(min_value=1_000, max_value=150_000).map(lambda n: "ø" * n),  # overlong
    st.sampled_from(["\ud800", "a\udfffb", "\x00", "\u202e", "\ufeff", '=HYPERLINK("x")', "\r\n"]),
)
nasty_numbers = st.sampled_from(
    [
        1e308,
        -1e308,
        5e-324,
        -0.0,
        2**53 + 1,
        10**15,
        10**16,
        -(10**16),
        10**400,
        2**31,
        -1,
        float("nan"),
        float("inf"),
        float("-inf"),
    ]
)
nasty_values = st.one_of(
    nasty_strings,
    nasty_numbers,
    json_values,
    st.just("__DEEP__"),  # replaced by deeply nested lists in the text
)


@st.composite
def nasty_files(draw: st.DrawFn) -> bytes:
    """A valid plan with 1–3 harsh mutations, as the bytes of a file."""
    doc = copy.deepcopy(VALID)
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        path = draw(st.sampled_from(PATHS))
        parent: Any = doc
        try:
            for key in path[:-1]:
                parent = parent[key]
            last = path[-1]
            parent[last]
        except (KeyError, IndexError, TypeError):
            continue
        action = draw(st.sampled_from(["replace", "delete", "wrap-list", "wrap-object"]))
        if action == "replace":
            parent[last] = draw(nasty_values)
        elif action == "delete":
            del parent[last]
        elif action == "wrap-list":  # the right value at the wrong depth
            parent[last] = [parent[last]]
        else:
            parent[last] = {"værdi": parent[last]}
    text = json.dumps(
        doc, ensure_ascii=draw(st.booleans()), indent=draw(st.sampled_from([None, 1]))
    )
    depth = draw(st.sampled_from([2, 50, 5_000, 200_000]))
    text = text.replace('"__DEEP__"', "[" * depth + "]" * depth)
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cesu"]))
    if encoding == "cesu":  # lone surrogates written as bytes: not UTF-8
        return text.encode("utf-8", "surrogatepass")
    return text.encode(encoding, "surrogatepass")


@pytest.fixture(scope="module")
def cli_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database holding the example plan, shared by the examples (refusals change nothing)."""
    folder = tmp_path_factory.mktemp("fuzz")
    db = folder / "plan.db"
    assert cli_main(["--db", str(db), "import", str(EXAMPLE)]) == 0
    return db


@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(raw=nasty_files())
def test_the_command_line_refuses_harsh_files_with_exit_2_or_round_trips(
    cli_db: Path, raw: bytes, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = cli_db.parent
    source = folder / "indlæst.json"
    source.write_bytes(raw)
    before = database_dump(cli_db)
    # --copy: a file that is the stored plan (or one accepted before) is stored beside it.
    code = cli_main(["--db", str(cli_db), "import", "--copy", str(source)])
    out, err = capsys.readouterr()
    assert code in (0, 2), err
    assert "Traceback" not in err
    event("refused" if code == 2 else "accepted")
    if code == 2:
        assert err.startswith("Udviklingsplan: ") and len(err.strip()) > 20
        assert database_dump(cli_db) == before  # nothing stored, nothing changed
        return
    plan_id = out.strip()
    first, second = folder / "første.json", folder / "anden.json"
    assert cli_main(["--db", str(cli_db), "export", "--plan", plan_id, "--out", str(first)]) == 0
    elsewhere = folder / "modtager.db"
    elsewhere.unlink(missing_ok=True)
    assert cli_main(["--db", str(elsewhere), "import", str(first)]) == 0
    again = capsys.readouterr().out.strip().splitlines()[-1]
    assert cli_main(["--db", str(elsewhere), "export", "--plan", again, "--out", str(second)]) == 0
    assert second.read_bytes() == first.read_bytes()
    capsys.readouterr()


@settings(max_examples=30, deadline=None)
@given(depth=st.integers(min_value=1, max_value=300_000))
def test_any_nesting_depth_is_refused_in_danish(depth: int) -> None:
    try:
        plan_from_data(parse_text("[" * depth + "]" * depth))
    except InputError as error:
        assert str(error).strip()
    else:
        raise AssertionError("a bare list was accepted as a plan")
