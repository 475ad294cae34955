"""Attack: plan files (JSON) a careless or hostile sender could make.

What the fuzz tests (``test_json_fuzz``) and the hand-made files do not reach: duplicate keys,
a file with thousands of goals, a 100 MB file, overlong texts, byte order marks, NUL bytes and
surrogates, and a wrong type in every optional field (also ``plan.id`` and ``focus``). Each is
refused with a Danish message naming the field, changes nothing, and is cheap: the size and the
number of values are checked before the schema, whose cost grows with every value.
"""

from __future__ import annotations

import copy
import json
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import EXAMPLE, database_dump
from udviklingsplan_app import schema
from udviklingsplan_app.cli import main as cli_main
from udviklingsplan_app.errors import InputError
from udviklingsplan_app.exchange import json_format
from udviklingsplan_app.exchange.json_format import read_plan_file

VALID: dict[str, Any] = json.loads(EXAMPLE.read_text(encoding="utf-8"))
MB = 1024 * 1024


def _doc(change: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    doc = copy.deepcopy(VALID)
    change(doc)
    return doc


def _write(tmp_path: Path, content: bytes | str | dict[str, Any], name: str = "plan.json") -> Path:
    path = tmp_path / name
    if isinstance(content, dict):
        content = json.dumps(content, ensure_ascii=False)
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def _refused(path: Path) -> tuple[str, float, int]:
    """The Danish message, the seconds and the peak bytes the refusal took."""
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with pytest.raises(InputError) as caught:
            read_plan_file(path)
        elapsed = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    message = str(caught.value)
    assert message.strip() and "Traceback" not in message
    return message, elapsed, peak


@pytest.fixture
def no_schema(monkeypatch: pytest.MonkeyPatch) -> None:
    """The refusal must come before the schema check (the costly part of reading)."""

    def fail(*args: object) -> None:
        raise AssertionError("the schema check ran")

    monkeypatch.setattr(schema, "check", fail)


# --- size and count ------------------------------------------------------------------------


def test_a_100_mb_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "kæmpe.json"
    with open(path, "wb") as handle:
        handle.write(b"{")
        handle.truncate(100 * MB)  # sparse: costs no disk
    message, _, peak = _refused(path)
    assert "kæmpe.json" in message and "10 MB" in message and "rigtige fil" in message
    assert peak < 1 * MB


def test_a_file_just_over_the_limit_is_refused_and_one_under_it_is_read(tmp_path: Path) -> None:
    text = json.dumps(VALID, ensure_ascii=False)
    over = _write(tmp_path, text + " " * (json_format.MAX_FILE_BYTES - len(text.encode()) + 1))
    assert "fylder over 10 MB" in _refused(over)[0]
    under = _write(tmp_path, text + " " * 1000, "lille.json")
    assert read_plan_file(under).workplace == VALID["plan"]["workplace"]


def test_thousands_of_goals_are_refused_before_the_schema_in_bounded_memory(
    tmp_path: Path, no_schema: None
) -> None:
    # 3,000 copies of a real goal: 8.6 MB, under the size limit. Before, the schema check
    # took 13 s and 80 MB (15,000 goals: 104 s and 400 MB) and then the plan was accepted.
    goal = VALID["plan"]["goals"][0]
    doc = _doc(lambda d: d["plan"].update(goals=[dict(goal, id=f"g{i}") for i in range(3000)]))
    path = _write(tmp_path, doc)
    assert path.stat().st_size < json_format.MAX_FILE_BYTES
    message, _, peak = _refused(path)
    assert "over 50.000 værdier" in message and "rigtige fil" in message
    assert peak < 150 * MB  # the parsed file itself, nothing on top


def test_a_large_real_plan_within_the_bounds_is_read(tmp_path: Path) -> None:
    goal = VALID["plan"]["goals"][0]
    doc = _doc(lambda d: d["plan"].update(goals=[dict(goal, id=f"g{i}") for i in range(200)]))
    assert len(read_plan_file(_write(tmp_path, doc)).goals) == 200


def test_a_million_small_values_are_refused_before_the_schema(
    tmp_path: Path, no_schema: None
) -> None:
    doc = _doc(lambda d: d["plan"]["goals"][0].update(success_signs=["x"] * 1_000_000))
    assert "over 50.000 værdier" in _refused(_write(tmp_path, doc))[0]


@pytest.mark.parametrize(
    ("where", "change"),
    [
        ("plan.goals[0].title", lambda d: d["plan"]["goals"][0].update(title="x" * 2_000_000)),
        ("plan.workplace", lambda d: d["plan"].update(workplace="ø" * 1_500_000)),
        (
            "plan.situation.udfordringer",
            lambda d: d["plan"]["situation"].update(udfordringer="y" * 1_000_001),
        ),
    ],
)
def test_an_overlong_text_is_refused_naming_the_field(
    tmp_path: Path, no_schema: None, where: str, change: Callable[[dict[str, Any]], None]
) -> None:
    # Before, a 10 MB goal title was accepted (and then stored and shown).
    message, _, _ = _refused(_write(tmp_path, _doc(change)))
    assert message.startswith(where) and "teksten er for lang" in message
    assert "højst 1.000.000" in message and "Forkort den" in message


def test_a_long_but_human_text_is_kept(tmp_path: Path) -> None:
    doc = _doc(lambda d: d["plan"]["goals"][0].update(rationale="æ" * 200_000))
    assert read_plan_file(_write(tmp_path, doc)).goals[0].rationale == "æ" * 200_000


def test_deeply_nested_arrays_are_refused_in_danish(tmp_path: Path) -> None:
    message, _, peak = _refused(_write(tmp_path, "[" * 200_000 + "]" * 200_000))
    assert "indlejret for dybt" in message
    assert peak < 32 * MB


def test_nesting_just_below_the_recursion_limit_is_refused_as_a_wrong_type(tmp_path: Path) -> None:
    text = json.dumps(VALID).replace('"goals": [', '"goals": [' + "[" * 500 + "]" * 500 + ", ", 1)
    message, _, _ = _refused(_write(tmp_path, text))
    assert message.startswith("plan.goals[0]")


# --- the text itself -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "where"),
    [('"format"', "format"), ('"title"', "title"), ('"id"', "id")],
)
def test_a_duplicate_key_is_refused_naming_it(tmp_path: Path, key: str, where: str) -> None:
    text = EXAMPLE.read_text(encoding="utf-8").replace(key + ":", f"{key}: null, {key}:", 1)
    message, _, _ = _refused(_write(tmp_path, text))
    assert f"»{where}« to gange" in message


def test_byte_order_marks(tmp_path: Path) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    assert read_plan_file(_write(tmp_path, b"\xef\xbb\xbf" + text.encode())).goals
    assert read_plan_file(_write(tmp_path, text.encode("utf-16"), "u16.json")).goals
    assert "ikke gyldig JSON" in _refused(_write(tmp_path, b"\xef\xbb\xbf" * 2 + text.encode()))[0]
    assert "ikke gyldig JSON" in _refused(_write(tmp_path, text.encode("utf-32"), "u32.json"))[0]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b'{"format": "udviklingsplan"\x00}', "ikke gyldig JSON"),
        (b'{"format": "udviklings\x00plan"}', "kontroltegn"),
        (b'{"format": "\\ud800"}', "halv UTF-16-tegnkode"),
        (b'{"format": "\xed\xa0\x80"}', "ikke UTF-8-tekst"),
        (b"\x00" * 64, "ikke gyldig JSON"),
        (b"", "tom"),
        (b"\xff" * 64, "ikke UTF-8-tekst"),
    ],
    ids=["nul-byte", "nul-in-text", "surrogate-escape", "surrogate-bytes", "nuls", "empty", "ff"],
)
def test_strange_bytes_are_refused_in_danish(tmp_path: Path, raw: bytes, expected: str) -> None:
    assert expected in _refused(_write(tmp_path, raw))[0]


# --- a wrong type in every optional field ---------------------------------------------------


def _set(path: tuple[Any, ...], value: Any) -> Callable[[dict[str, Any]], None]:
    def change(doc: dict[str, Any]) -> None:
        node: Any = doc
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value

    return change


G = ("plan", "goals", 0)
WRONG: list[tuple[tuple[Any, ...], Any, str]] = [
    (("plan", "id"), 5, "plan.id: skal være en tekst"),
    (("plan", "id"), None, "plan.id: skal være en tekst"),
    (("plan", "id"), [], "plan.id: skal være en tekst"),
    (("plan", "id"), "", "plan.id: har ikke den rigtige form"),
    (("plan", "id"), "x" * 65, "plan.id: har ikke den rigtige form"),
    (("plan", "id"), "a b", "plan.id: har ikke den rigtige form"),
    (("plan", "focus"), [], "plan.focus: skal være et objekt"),
    (("plan", "focus"), "2027", "plan.focus: skal være et objekt"),
    (("plan", "focus"), {"år": ["vaerdigt-liv"]}, "plan.focus: har ikke den rigtige form"),
    (("plan", "focus"), {"9" * 400: []}, "plan.focus: har ikke den rigtige form"),
    (("plan", "focus"), {"２０２７": []}, "plan.focus: har ikke den rigtige form"),
    (("plan", "focus"), {"2027": 5}, "plan.focus.2027: skal være en liste"),
    (("plan", "focus"), {"2027": [1]}, "plan.focus.2027[0]: skal være en tekst"),
    (("plan", "focus"), {"2027": ["ukendt"]}, "plan.focus.2027[0]"),
    (("plan", "leader", "title"), 3, "plan.leader.title: skal være en tekst"),
    (("plan", "manager", "title"), None, "plan.manager.title: skal være en tekst"),
    (("plan", "situation"), [], "plan.situation: skal være et objekt"),
    (("plan", "goals"), {}, "plan.goals: skal være en liste"),
    (("plan", "dialogues"), "x", "plan.dialogues: skal være en liste"),
    ((*G, "id"), 7, "plan.goals[0].id: skal være en tekst"),
    ((*G, "id"), "g" * 100_000, "plan.goals[0].id: har ikke den rigtige form"),
    ((*G, "theme"), 3, "plan.goals[0].theme: skal være en tekst eller null"),
    ((*G, "rationale"), None, "plan.goals[0].rationale: skal være en tekst"),
    ((*G, "status"), True, "plan.goals[0].status: ukendt værdi"),
    ((*G, "owner"), ["a"], "plan.goals[0].owner: skal være en tekst"),
    ((*G, "carried_over_from"), 3, "plan.goals[0].carried_over_from: skal være en tekst"),
    ((*G, "actions"), {}, "plan.goals[0].actions: skal være en liste"),
    ((*G, "actions"), [{"text": "a", "done": "ja"}], "plan.goals[0].actions[0].done"),
    ((*G, "actions"), [{"text": "a", "deadline": 20260101}], "plan.goals[0].actions[0].deadline"),
    ((*G, "actions"), [{"text": "a", "deadline": "2026-02-30"}], "gyldig dato"),
    ((*G, "success_signs"), [["a"]], "plan.goals[0].success_signs[0]: skal være en tekst"),
    ((*G, "success_criteria"), "x", "plan.goals[0].success_criteria: skal være en liste"),
    ((*G, "indicators"), [{"name": "a", "baseline": "1"}], "baseline: skal være et tal"),
    ((*G, "indicators"), [{"name": "a", "target": True}], "target: skal være et tal"),
    (
        (*G, "indicators"),
        [{"name": "a", "measurements": [{"date": "2026-01-01", "value": None}]}],
        "value: skal være et tal",
    ),
    ((*G, "involvement"), [{"party": "chefen"}], "plan.goals[0].involvement[0].party"),
    ((*G, "involvement"), [{"party": "ledelsesteam", "date": 1}], "involvement[0].date"),
    ((*G, "status_history"), [{"status": "i-gang", "at": "i går"}], "gyldigt tidspunkt"),
    (
        ("plan", "dialogues"),
        [{"year": 2026, "kind": "start", "participants": [1]}],
        "participants[0]",
    ),
    (
        ("plan", "dialogues"),
        [{"year": 2026, "kind": "start", "planned": 5}],
        "dialogues[0].planned",
    ),
    (("version",), "1", "version: skal være 1"),
    (("version",), True, "version: skal være 1"),
]


@pytest.mark.parametrize(("path", "value", "expected"), WRONG, ids=[w[2][:40] for w in WRONG])
def test_a_wrong_type_in_an_optional_field_is_refused_naming_it(
    tmp_path: Path, path: tuple[Any, ...], value: Any, expected: str
) -> None:
    message, _, _ = _refused(_write(tmp_path, _doc(_set(path, value))))
    assert expected in message


# --- through the command line: exit code 2, the database unchanged -------------------------


@pytest.mark.parametrize(
    "content",
    [
        "duplicate",
        "overlong",
        "many-goals",
        "bad-focus",
        "bad-id",
    ],
)
def test_the_command_line_refuses_with_exit_2_and_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str
) -> None:
    db = tmp_path / "plan.db"
    assert cli_main(["--db", str(db), "import", str(EXAMPLE)]) == 0
    before = database_dump(db)
    goal = VALID["plan"]["goals"][0]
    files: dict[str, bytes | str | dict[str, Any]] = {
        "duplicate": EXAMPLE.read_text(encoding="utf-8").replace(
            '"title":', '"title": "", "title":', 1
        ),
        "overlong": _doc(_set((*G, "title"), "x" * 1_200_000)),
        "many-goals": _doc(
            lambda d: d["plan"].update(goals=[dict(goal, id=f"g{i}") for i in range(800)])
        ),
        "bad-focus": _doc(_set(("plan", "focus"), {"2027": "vaerdigt-liv"})),
        "bad-id": _doc(_set(("plan", "id"), 42)),
    }
    path = _write(tmp_path, files[content], "angreb.json")
    capsys.readouterr()
    assert cli_main(["--db", str(db), "import", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Udviklingsplan: ") and "Traceback" not in err
    assert database_dump(db) == before
