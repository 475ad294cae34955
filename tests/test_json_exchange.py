"""The JSON interchange format, in-process: import, export, exact texts, and every bad file.

``BAD_INPUTS`` (the table of refused files) is shared with ``test_cli.py``.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import EXAMPLE, ROOT
from udviklingsplan_app import services
from udviklingsplan_app.domain import DialogueKind, Party, SituationSection, Status
from udviklingsplan_app.errors import InputError, ValidationError
from udviklingsplan_app.exchange.json_format import plan_to_json, read_plan_file
from udviklingsplan_app.storage import init_db

EXAMPLE_BYTES = EXAMPLE.read_bytes()
EXAMPLE_TEXT = EXAMPLE_BYTES.decode("utf-8")
EXAMPLE_DATA: dict[str, Any] = json.loads(EXAMPLE_TEXT)
STRATEGY_2018 = json.loads(
    (ROOT / "resources" / "strategies" / "socialstrategi-2018.json").read_text(encoding="utf-8")
)
#: The real title of the vision "sund-organisation" ("En sund og fagligt stærk organisation").
SUND_TITLE = next(v["title"] for v in STRATEGY_2018["visions"] if v["id"] == "sund-organisation")

# Goal ids in the example (index: meaning).
CARRIED_SOURCE_UID = EXAMPLE_DATA["plan"]["goals"][1]["id"]  # 2026 "Fast medarbejder …", videreført
CARRIED_TARGET_UID = EXAMPLE_DATA["plan"]["goals"][4]["id"]  # 2027, carried over from goals[1]
#: Where a truncated copy of the example stops: after a comma between fields / inside a text.
TRUNCATE_BETWEEN = EXAMPLE_BYTES.index(b'"rationale"', len(EXAMPLE_BYTES) // 2)
TRUNCATE_INSIDE = EXAMPLE_BYTES.index(b'"rationale": "', len(EXAMPLE_BYTES) // 2) + 40


def example_data() -> dict[str, Any]:
    """A fresh deep copy of the example file's data, safe to mutate."""
    return copy.deepcopy(EXAMPLE_DATA)


def write_json(path: Path, data: Any) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path


def minimal_data() -> dict[str, Any]:
    """A plan with only the fields the format requires."""
    return {
        "format": "udviklingsplan",
        "version": 1,
        "plan": {
            "leader": {"name": "Sara Ali", "level": 2},
            "workplace": "Bostedet Ørsted",
            "manager": {"name": "Jens Krogh"},
            "framework": "socialstrategi-2018",
            "first_year": 2026,
            "years": 4,
        },
    }


# --- the table of bad files ----------------------------------------------------------------

Builder = Callable[[Path], Path]


@dataclass(frozen=True)
class Bad:
    """A bad input: how to build it, the field path it must name (if any), Danish words."""

    build: Builder
    field: str | None
    words: tuple[str, ...]


def _mutated(mutate: Callable[[dict[str, Any]], Any]) -> Builder:
    """A file holding the example data after ``mutate`` (which may return a replacement)."""

    def build(folder: Path) -> Path:
        data = example_data()
        replaced = mutate(data)
        return write_json(folder / "plan.json", data if replaced is None else replaced)

    return build


def _raw(make: Callable[[], bytes]) -> Builder:
    def build(folder: Path) -> Path:
        path = folder / "plan.json"
        path.write_bytes(make())
        return path

    return build


def _replaced(old: str, new: str) -> Builder:
    """The example file's text with the first ``old`` replaced by ``new``."""
    assert old in EXAMPLE_TEXT, old
    return _raw(lambda: EXAMPLE_TEXT.replace(old, new, 1).encode("utf-8"))


def _goal(index: int, **changes: Any) -> Builder:
    """The example with ``plan.goals[index]`` changed."""

    def mutate(data: dict[str, Any]) -> None:
        data["plan"]["goals"][index].update(changes)

    return _mutated(mutate)


def _set(path: tuple[str | int, ...], value: Any) -> Builder:
    """The example with the value at ``path`` set (or added)."""

    def mutate(data: dict[str, Any]) -> None:
        target: Any = data
        for part in path[:-1]:
            target = target[part]
        target[path[-1]] = value

    return _mutated(mutate)


def _delete(path: tuple[str | int, ...]) -> Builder:
    """The example without the field at ``path``."""

    def mutate(data: dict[str, Any]) -> None:
        target: Any = data
        for part in path[:-1]:
            target = target[part]
        del target[path[-1]]

    return _mutated(mutate)


@_mutated
def _duplicate_goal_id(data: dict[str, Any]) -> None:
    data["plan"]["goals"][2]["id"] = data["plan"]["goals"][0]["id"]


@_mutated
def _duplicate_dialogue(data: dict[str, Any]) -> None:
    data["plan"]["dialogues"].append(copy.deepcopy(data["plan"]["dialogues"][0]))


@_mutated
def _goals_as_object(data: dict[str, Any]) -> None:
    data["plan"]["goals"] = {"mål1": data["plan"]["goals"][0]}


def _latin1() -> bytes:
    data = minimal_data()
    data["plan"]["workplace"] = "Bostedet Søndervang"
    return json.dumps(data, ensure_ascii=False).encode("latin-1")


def _folder(folder: Path) -> Path:
    path = folder / "mappe.json"
    path.mkdir()
    return path


def _missing(folder: Path) -> Path:
    return folder / "findes-ikke.json"


BAD_INPUTS: dict[str, Bad] = {
    # The file itself
    "not-json": Bad(
        _raw(lambda: b"Udviklingsplan for 2026\nMaal: bedre trivsel\n"),
        None,
        ("ikke gyldig JSON", "linje 1"),
    ),
    "empty-file": Bad(_raw(lambda: b""), None, ("tom",)),
    "whitespace-only": Bad(_raw(lambda: b"  \n\t\r\n  "), None, ("tom",)),
    # Cut between two fields, and (as a copy that stopped half-way usually is) inside a text.
    "truncated-between-fields": Bad(
        _raw(lambda: EXAMPLE_BYTES[:TRUNCATE_BETWEEN]), None, ("slutter midt",)
    ),
    "truncated-inside-text": Bad(
        _raw(lambda: EXAMPLE_BYTES[:TRUNCATE_INSIDE]), None, ("slutter midt",)
    ),
    "json-array": Bad(
        _raw(lambda: b"[" + EXAMPLE_BYTES + b"]"), None, ("Filen skal indeholde ét JSON-objekt",)
    ),
    "not-utf8-latin1": Bad(_raw(_latin1), None, ("ikke UTF-8",)),
    "lone-surrogate": Bad(
        _replaced('"Lavere sygefravær', '"\\ud800 Lavere sygefravær'), None, ("ugyldigt tegn",)
    ),
    "duplicate-key": Bad(
        _replaced('"workplace": ', '"workplace": "Et andet sted",\n    "workplace": '),
        None,
        ("»workplace«", "to gange"),
    ),
    "nan": Bad(
        _replaced('"baseline": 8.1', '"baseline": NaN'), None, ("»NaN«", "ikke er et gyldigt tal")
    ),
    "number-1e400": Bad(_replaced('"target": 6.5', '"target": 1e400'), None, ("for stort",)),
    "deeply-nested": Bad(_raw(lambda: b"[" * 100_000 + b"]" * 100_000), None, ("for dybt",)),
    "folder-not-file": Bad(_folder, None, ("er en mappe",)),
    "missing-file": Bad(_missing, None, ("findes ikke",)),
    # The envelope
    "wrong-format": Bad(
        _set(("format",), "udviklingsplan-strategiramme"), "format", ("ikke en udviklingsplan",)
    ),
    "missing-format": Bad(_delete(("format",)), "format", ("mangler",)),
    "version-2": Bad(_set(("version",), 2), "version", ("version 2 kendes ikke",)),
    "unknown-framework": Bad(
        _set(("plan", "framework"), "socialstrategi-2030"), "plan.framework", ("kendes ikke",)
    ),
    # The plan's own fields
    "level-0": Bad(_set(("plan", "leader", "level"), 0), "plan.leader.level", ("mellem 1 og 4",)),
    "level-5": Bad(_set(("plan", "leader", "level"), 5), "plan.leader.level", ("mellem 1 og 4",)),
    "years-7": Bad(_set(("plan", "years"), 7), "plan.years", ("mellem 3 og 5",)),
    "workplace-blank": Bad(
        _set(("plan", "workplace"), "   "), "plan.workplace", ("arbejdspladsens navn mangler",)
    ),
    "goals-as-object": Bad(_goals_as_object, "plan.goals", ("skal være en liste",)),
    "unknown-situation-section": Bad(
        _set(("plan", "situation", "økonomi"), "tekst"), "plan.situation.økonomi", ("ukendt felt",)
    ),
    # A goal
    "unknown-vision": Bad(
        _goal(0, vision="et-rigt-liv"),
        "plan.goals[0].vision",
        ("»et-rigt-liv« findes ikke", "Brug en af"),
    ),
    "theme-of-other-vision": Bad(
        _goal(0, theme="vaerdigt-liv.tryghed-og-omsorg"),
        "plan.goals[0].theme",
        ("hører til", "Et værdigt liv"),
    ),
    "unknown-theme": Bad(
        _goal(0, theme="sund-organisation.kantine"), "plan.goals[0].theme", ("findes ikke",)
    ),
    "unknown-sign": Bad(
        _goal(0, success_signs=["sund-organisation.s1", "sund-organisation.s9"]),
        "plan.goals[0].success_signs[1]",
        ("findes ikke blandt tegn på succes",),
    ),
    "year-outside-cycle": Bad(
        _goal(3, year=2030), "plan.goals[3].year", ("uden for planens år 2026–2029",)
    ),
    "year-as-string": Bad(_goal(0, year="2026"), "plan.goals[0].year", ("et helt tal",)),
    "duplicate-sign": Bad(
        _goal(0, success_signs=["sund-organisation.s1", "sund-organisation.s1"]),
        "plan.goals[0].success_signs[1]",
        ("står to gange",),
    ),
    "missing-title": Bad(
        _delete(("plan", "goals", 0, "title")), "plan.goals[0].title", ("feltet mangler",)
    ),
    "empty-title": Bad(_goal(0, title=""), "plan.goals[0].title", ("må ikke være tom",)),
    "blank-title": Bad(_goal(0, title="  \t "), "plan.goals[0].title", ("titel",)),
    "unknown-status": Bad(
        _goal(0, status="faerdig"), "plan.goals[0].status", ("ukendt værdi", "faerdig")
    ),
    "unknown-extra-field": Bad(
        _goal(0, titel="Stavefejl"), "plan.goals[0].titel", ("ukendt felt",)
    ),
    "duplicate-goal-id": Bad(_duplicate_goal_id, "plan.goals[2].id", ("bruges også",)),
    "bad-goal-id": Bad(_goal(0, id="mål 1"), "plan.goals[0].id", ("rigtige form",)),
    "carried-over-missing": Bad(
        _goal(4, carried_over_from="findesikke"),
        "plan.goals[4].carried_over_from",
        ("intet mål", "findesikke"),
    ),
    "carried-over-from-later-year": Bad(
        _goal(0, carried_over_from=CARRIED_TARGET_UID),
        "plan.goals[0].carried_over_from",
        ("tidligere år",),
    ),
    "carried-over-twice": Bad(
        _goal(5, carried_over_from=CARRIED_SOURCE_UID),
        "plan.goals[5].carried_over_from",
        ("allerede videreført", "plan.goals[4]"),
    ),
    # A goal's parts
    "impossible-date": Bad(
        _set(("plan", "goals", 0, "actions", 0, "deadline"), "2026-02-30"),
        "plan.goals[0].actions[0].deadline",
        ("ikke en gyldig dato",),
    ),
    "date-danish-form": Bad(
        _set(("plan", "goals", 0, "actions", 0, "deadline"), "30-01-2026"),
        "plan.goals[0].actions[0].deadline",
        ("ikke en gyldig dato",),
    ),
    "measurement-date-bad": Bad(
        _set(("plan", "goals", 0, "indicators", 0, "measurements", 0, "date"), "2026-13-01"),
        "plan.goals[0].indicators[0].measurements[0].date",
        ("ikke en gyldig dato",),
    ),
    "done-as-ja": Bad(
        _set(("plan", "goals", 0, "actions", 0, "done"), "ja"),
        "plan.goals[0].actions[0].done",
        ("true eller false",),
    ),
    "value-as-string": Bad(
        _set(("plan", "goals", 0, "indicators", 0, "measurements", 0, "value"), "8,4"),
        "plan.goals[0].indicators[0].measurements[0].value",
        ("skal være et tal",),
    ),
    "unknown-party": Bad(
        _set(("plan", "goals", 0, "involvement", 0, "party"), "tillidsmand"),
        "plan.goals[0].involvement[0].party",
        ("ukendt værdi", "tillidsmand"),
    ),
    "history-time-bad": Bad(
        _set(("plan", "goals", 0, "status_history", 0, "at"), "2026-01-15 09:00"),
        "plan.goals[0].status_history[0].at",
        ("ikke et gyldigt tidspunkt",),
    ),
    # Dialogues
    "duplicate-dialogue": Bad(
        _duplicate_dialogue, "plan.dialogues[5].kind", ("allerede en startdialog for 2026",)
    ),
    "dialogue-year-outside": Bad(
        _set(("plan", "dialogues", 4, "year"), 2031), "plan.dialogues[4].year", ("uden for",)
    ),
    "unknown-dialogue-kind": Bad(
        _set(("plan", "dialogues", 0, "kind"), "midtvejs"),
        "plan.dialogues[0].kind",
        ("ukendt værdi",),
    ),
}


def _bad_params() -> list[Any]:
    return [pytest.param(case, id=name) for name, case in BAD_INPUTS.items()]


# --- helpers -------------------------------------------------------------------------------


def _import(path: Path) -> int:
    return services.import_plan(read_plan_file(path))


def _plan_count() -> int:
    return len(services.list_plans())


def _rows(db_path: Path, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    """Rows read with a separate connection: what is really stored in the file."""
    conn = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


# --- the example ---------------------------------------------------------------------------


def test_the_example_imports_with_every_part(example_plan_id: int) -> None:
    plan = services.load_plan(example_plan_id)

    assert plan.workplace == "Den Sociale Hjemmepleje, Borgercenter Hjemmepleje"
    assert (plan.leader.name, plan.leader.title) == (
        "Mette Holm",
        "Leder af Den Sociale Hjemmepleje",
    )
    assert plan.level == 3
    assert (plan.manager.name, plan.manager.title) == (
        "Henrik Lund",
        "Centerchef, Borgercenter Hjemmepleje",
    )
    assert (plan.framework_id, plan.framework_version) == ("socialstrategi-2018", "2018.1")
    assert (plan.first_year, plan.years) == (2026, 4)
    assert plan.situation_text(SituationSection.FACTS).startswith(
        "Borgercenter Hjemmepleje\n• Yder"
    )
    assert "8,1 % i 2025" in plan.situation_text(SituationSection.CHALLENGES)

    assert [(g.year, g.vision, g.status) for g in plan.goals] == [
        (2026, "sund-organisation", Status.I_GANG),
        (2026, "helstoebt-loesning", Status.VIDEREFOERT),
        (2026, "selvstaendigt-liv", Status.I_GANG),
        (2026, "sund-organisation", Status.NAAET),
        (2027, "helstoebt-loesning", Status.PLANLAGT),
        (2027, "vaerdigt-liv", Status.PLANLAGT),
        (2027, "sund-organisation", Status.IKKE_PAABEGYNDT),
    ]
    assert [g.uid for g in plan.goals] == [g["id"] for g in EXAMPLE_DATA["plan"]["goals"]]

    first, carried = plan.goals[0], plan.goals[4]
    assert first.title == "Lavere sygefravær gennem tidlig dialog og bedre trivsel"
    assert first.theme == "sund-organisation.arbejdsmiljoe-og-drift"
    assert carried.carried_over_from == CARRIED_SOURCE_UID
    assert carried.title == "Fast medarbejder og fast tid i alle teams"
    assert all(g.carried_over_from is None for i, g in enumerate(plan.goals) if i != 4)

    action = first.actions[0]
    assert (action.responsible, action.deadline, action.done) == (
        "Teamlederne",
        dt.date(2026, 4, 30),
        True,
    )
    assert carried.actions[1].deadline is None
    assert first.success_signs == ["sund-organisation.s1"]
    assert first.success_criteria[0] == "Sygefraværet er højst 6,5 % i fjerde kvartal 2026."

    indicator = first.indicators[0]
    assert (indicator.name, indicator.unit, indicator.baseline, indicator.target) == (
        "Sygefravær",
        "%",
        8.1,
        6.5,
    )
    assert [(m.date, m.value) for m in indicator.measurements] == [
        (dt.date(2026, 3, 31), 8.4),
        (dt.date(2026, 6, 30), 7.6),
        (dt.date(2026, 9, 30), 7.2),
    ]
    assert carried.indicators[0].baseline is None
    assert [v.party for v in first.involvement] == [
        Party.MED_UDVALG,
        Party.EGEN_LEDER,
        Party.MEDARBEJDERE,
    ]
    history = plan.goals[1].status_history
    assert [h.status for h in history] == [Status.I_GANG, Status.DELVIST_NAAET, Status.VIDEREFOERT]
    assert history[-1].at == dt.datetime(2026, 11, 24, 10, 0, 0)

    assert [(d.year, d.kind) for d in plan.dialogues] == [
        (2026, DialogueKind.START),
        (2026, DialogueKind.MIDT),
        (2026, DialogueKind.SLUT),
        (2026, DialogueKind.OPFOELGNING),
        (2027, DialogueKind.START),
    ]
    start = plan.dialogues[0]
    assert (start.planned, start.held) == (dt.date(2026, 2, 10), dt.date(2026, 2, 10))
    assert start.participants == ["Mette Holm", "Henrik Lund"]
    assert start.agreements.startswith("• De fire mål for 2026 er drøftet")
    slut = plan.dialogues[2]
    assert (slut.planned, slut.held, slut.notes) == (dt.date(2026, 11, 30), None, "")

    [summary] = services.list_plans()
    assert (summary.id, summary.goal_count) == (example_plan_id, 7)


def test_the_carried_over_link_is_stored_as_a_row_reference(
    db_path: Path, example_plan_id: int
) -> None:
    rows = _rows(
        db_path,
        "SELECT g.uid, s.uid FROM goal g JOIN goal s ON g.carried_over_from_id = s.id",
    )
    assert rows == [(CARRIED_TARGET_UID, CARRIED_SOURCE_UID)]


def test_exporting_the_example_gives_the_files_exact_bytes(example_plan_id: int) -> None:
    assert plan_to_json(services.load_plan(example_plan_id)).encode("utf-8") == EXAMPLE_BYTES


def test_export_import_export_is_byte_identical(example_plan_id: int, tmp_path: Path) -> None:
    """Handed over to another leader's database, the plan keeps its id and every goal's."""
    first = plan_to_json(services.load_plan(example_plan_id))
    exported = tmp_path / "eksport.json"
    exported.write_text(first, encoding="utf-8", newline="\n")

    init_db(tmp_path / "modtager.db")
    second_id = _import(exported)
    second = plan_to_json(services.load_plan(second_id))

    assert second == first
    assert [p.id for p in services.list_plans()] == [second_id]


def test_a_file_with_a_byte_order_mark_imports(db_path: Path, tmp_path: Path) -> None:
    path = tmp_path / "notepad.json"
    path.write_bytes(b"\xef\xbb\xbf" + EXAMPLE_BYTES)

    plan_id = _import(path)

    assert plan_to_json(services.load_plan(plan_id)).encode("utf-8") == EXAMPLE_BYTES


def test_a_vision_given_by_its_danish_title_is_stored_as_its_id(
    db_path: Path, tmp_path: Path
) -> None:
    assert SUND_TITLE == "En sund og fagligt stærk organisation"
    data = example_data()
    data["plan"]["goals"][0]["vision"] = SUND_TITLE

    plan_id = _import(write_json(tmp_path / "titel.json", data))

    assert services.load_plan(plan_id).goals[0].vision == "sund-organisation"
    assert _rows(db_path, "SELECT vision FROM goal ORDER BY year, position LIMIT 1") == [
        ("sund-organisation",)
    ]
    assert json.loads(plan_to_json(services.load_plan(plan_id))) == EXAMPLE_DATA


def test_a_vision_title_must_match_exactly(db_path: Path, tmp_path: Path) -> None:
    data = example_data()
    data["plan"]["goals"][0]["vision"] = SUND_TITLE.lower()

    with pytest.raises(ValidationError) as caught:
        _import(write_json(tmp_path / "titel.json", data))

    assert caught.value.field == "plan.goals[0].vision"
    assert _plan_count() == 0


def test_theme_null_is_accepted(db_path: Path, tmp_path: Path) -> None:
    data = example_data()
    data["plan"]["goals"][0]["theme"] = None

    plan_id = _import(write_json(tmp_path / "uden-tema.json", data))

    plan = services.load_plan(plan_id)
    assert plan.goals[0].theme is None
    assert json.loads(plan_to_json(plan)) == data


def test_a_minimal_file_imports_and_gets_defaults(db_path: Path, tmp_path: Path) -> None:
    data = minimal_data()
    data["plan"]["goals"] = [{"year": 2027, "vision": "vaerdigt-liv", "title": "Mindre ensomhed"}]
    data["plan"]["dialogues"] = [{"year": 2026, "kind": "start"}]

    plan_id = _import(write_json(tmp_path / "minimal.json", data))

    plan = services.load_plan(plan_id)
    assert (plan.leader.name, plan.leader.title, plan.level) == ("Sara Ali", "", 2)
    assert (plan.manager.name, plan.manager.title) == ("Jens Krogh", "")
    assert plan.framework_version == "2018.1"
    assert all(plan.situation_text(s) == "" for s in SituationSection)
    [goal] = plan.goals
    assert goal.status is Status.IKKE_PAABEGYNDT
    assert goal.theme is None and goal.carried_over_from is None
    assert (goal.rationale, goal.owner) == ("", "")
    assert len(goal.uid) == 32 and all(c in "0123456789abcdef" for c in goal.uid)
    assert goal.actions == goal.indicators == goal.involvement == goal.status_history == []
    assert goal.success_signs == goal.success_criteria == []
    [dialogue] = plan.dialogues
    assert (dialogue.planned, dialogue.held, dialogue.participants, dialogue.notes) == (
        None,
        None,
        [],
        "",
    )

    exported = json.loads(plan_to_json(plan))
    assert exported["plan"]["situation"] == {s.value: "" for s in SituationSection}
    assert exported["plan"]["goals"][0]["id"] == goal.uid
    assert exported["plan"]["goals"][0]["status"] == "ikke-paabegyndt"


def test_a_minimal_file_without_goals_imports(db_path: Path, tmp_path: Path) -> None:
    plan_id = _import(write_json(tmp_path / "minimal.json", minimal_data()))

    plan = services.load_plan(plan_id)
    assert (plan.workplace, plan.goals, plan.dialogues) == ("Bostedet Ørsted", [], [])


# --- texts are kept exactly ----------------------------------------------------------------

LONG_RATIONALE = ("Sygefravær og trivsel – æøå ÆØÅ. " * 7000)[:200_000]
ODD_TEXTS = {
    "title": "Trivsel på Østerbro – æøå ÆØÅ 🙂👩‍⚕️",
    "owner": "Mette\tHolm",
    "facts": "Linje 1\nLinje 2\r\nLinje 3\rLinje 4\n\n  indrykket  \n",
    "action": "Før\u0000efter (NUL i midten)",
    "criterion": '=HYPERLINK("http://example.invalid/x","Klik her")',
    "formula": "+SUM(A1:A9)",
    "decomposed": "Sko\u0308n",  # ö as o + combining diaeresis: no Unicode normalisation
    "notes": "Aftale:\t• punkt ét\n\t• punkt to 🎯",
}


def _odd_data() -> dict[str, Any]:
    data = example_data()
    plan = data["plan"]
    goal = plan["goals"][0]
    goal["rationale"] = LONG_RATIONALE
    goal["title"] = ODD_TEXTS["title"]
    goal["owner"] = ODD_TEXTS["owner"]
    goal["actions"][0]["text"] = ODD_TEXTS["action"]
    goal["success_criteria"] = [ODD_TEXTS["criterion"], ODD_TEXTS["formula"], ""]
    goal["indicators"][0]["unit"] = ODD_TEXTS["decomposed"]
    plan["situation"]["facts"] = ODD_TEXTS["facts"]
    plan["dialogues"][0]["notes"] = ODD_TEXTS["notes"]
    plan["workplace"] = 'Hjemmeplejen \u0000 =HYPERLINK("x")'
    return data


def test_texts_survive_import_load_export_unchanged(db_path: Path, tmp_path: Path) -> None:
    data = _odd_data()
    path = write_json(tmp_path / "tekster.json", data)

    plan = services.load_plan(_import(path))

    goal = plan.goals[0]
    assert len(goal.rationale) == 200_000 and goal.rationale == LONG_RATIONALE
    assert goal.title == ODD_TEXTS["title"]
    assert goal.owner == ODD_TEXTS["owner"]
    assert goal.actions[0].text == ODD_TEXTS["action"]
    assert goal.success_criteria == [ODD_TEXTS["criterion"], ODD_TEXTS["formula"], ""]
    assert goal.indicators[0].unit == ODD_TEXTS["decomposed"]
    assert plan.situation_text(SituationSection.FACTS) == ODD_TEXTS["facts"]
    assert plan.dialogues[0].notes == ODD_TEXTS["notes"]
    assert plan.workplace == 'Hjemmeplejen \u0000 =HYPERLINK("x")'

    text = plan_to_json(plan)
    assert json.loads(text) == data
    assert text == json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    assert "\\u0000" in text and "🙂" in text and "æøå" in text


def test_texts_are_stored_exactly_in_the_database(db_path: Path, tmp_path: Path) -> None:
    _import(write_json(tmp_path / "tekster.json", _odd_data()))

    assert _rows(db_path, "SELECT text FROM action WHERE text LIKE 'Før%'") == [
        (ODD_TEXTS["action"],)
    ]
    assert _rows(
        db_path,
        "SELECT length(CAST(rationale AS BLOB)) FROM goal WHERE title = ?",
        ODD_TEXTS["title"],
    ) == [(len(LONG_RATIONALE.encode("utf-8")),)]


# --- bad files are refused whole -----------------------------------------------------------


@pytest.mark.parametrize("case", _bad_params())
def test_a_bad_file_is_refused_with_a_danish_message_and_nothing_is_stored(
    case: Bad, example_plan_id: int, db_path: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "input"
    folder.mkdir()
    path = case.build(folder)
    goals_before = _rows(db_path, "SELECT count(*) FROM goal")

    with pytest.raises(InputError) as caught:
        _import(path)

    message = str(caught.value)
    if case.field is not None:
        assert isinstance(caught.value, ValidationError)
        assert caught.value.field == case.field
        assert message.startswith(f"{case.field}: ")
    for word in case.words:
        assert word in message, message
    assert "Traceback" not in message and "Error" not in message
    assert [p.id for p in services.list_plans()] == [example_plan_id]
    assert _rows(db_path, "SELECT count(*) FROM goal") == goals_before


def test_a_bad_file_leaves_an_empty_database_empty(db_path: Path, tmp_path: Path) -> None:
    path = BAD_INPUTS["year-outside-cycle"].build(tmp_path)

    with pytest.raises(ValidationError):
        _import(path)

    assert _plan_count() == 0
    assert _rows(db_path, "SELECT count(*) FROM goal") == [(0,)]


def test_the_first_bad_field_in_file_order_is_named(db_path: Path, tmp_path: Path) -> None:
    data = example_data()
    data["plan"]["goals"][5]["year"] = "2027"
    data["plan"]["goals"][2]["status"] = "ukendt"

    with pytest.raises(ValidationError) as caught:
        _import(write_json(tmp_path / "to-fejl.json", data))

    assert caught.value.field == "plan.goals[2].status"


# --- the years' focus (optional) -----------------------------------------------------------


def test_the_focus_is_exported_after_the_situation_and_imported_again(
    example_plan_id: int, tmp_path: Path
) -> None:
    services.set_year_focus(example_plan_id, 2027, ["sund-organisation", "vaerdigt-liv"])
    services.set_year_focus(example_plan_id, 2026, ["helstoebt-loesning"])
    text = plan_to_json(services.load_plan(example_plan_id))
    data = json.loads(text)["plan"]
    assert data["focus"] == {
        "2026": ["helstoebt-loesning"],
        "2027": ["vaerdigt-liv", "sund-organisation"],
    }
    assert list(data).index("focus") == list(data).index("situation") + 1
    exported = tmp_path / "med fokus.json"
    exported.write_text(text, encoding="utf-8", newline="\n")
    focus = services.load_plan(example_plan_id).focus
    init_db(tmp_path / "modtager.db")
    second = _import(exported)
    assert services.load_plan(second).focus == focus
    assert plan_to_json(services.load_plan(second)) == text


def test_a_plan_without_focus_has_no_focus_field(example_plan_id: int) -> None:
    assert "focus" not in json.loads(plan_to_json(services.load_plan(example_plan_id)))["plan"]


@pytest.mark.parametrize(
    ("focus", "field", "words"),
    [
        ({"2031": ["vaerdigt-liv"]}, "plan.focus.2031", "uden for planens år"),
        ({"2026": ["findes-ikke"]}, "plan.focus.2026[0]", "findes ikke"),
        ({"2026": ["vaerdigt-liv", "vaerdigt-liv"]}, "plan.focus.2026[1]", "står to gange"),
        ({"i år": ["vaerdigt-liv"]}, "plan.focus", "rigtige form"),
        ({"2026": "vaerdigt-liv"}, "plan.focus.2026", "liste"),
    ],
)
def test_a_bad_focus_is_refused_naming_the_field(
    db_path: Path, tmp_path: Path, focus: Any, field: str, words: str
) -> None:
    data = copy.deepcopy(EXAMPLE_DATA)
    data["plan"]["focus"] = focus
    path = tmp_path / "fokus.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ValidationError) as info:
        read_plan_file(path)
    assert field in str(info.value) and words in str(info.value)
    assert _plan_count() == 0


def test_a_focus_given_out_of_order_is_stored_in_framework_order(
    db_path: Path, tmp_path: Path
) -> None:
    data = copy.deepcopy(EXAMPLE_DATA)
    data["plan"]["focus"] = {"2027": ["sund-organisation", "vaerdigt-liv"], "2028": []}
    path = tmp_path / "fokus.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    plan_id = _import(path)
    assert services.load_plan(plan_id).focus == {2027: ["vaerdigt-liv", "sund-organisation"]}
