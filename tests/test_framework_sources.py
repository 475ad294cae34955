"""Frameworks as files: three sources, check/add/list, a plan's own copy, a newer version."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from udviklingsplan_app import framework_sources as sources
from udviklingsplan_app import services
from udviklingsplan_app.domain import Person
from udviklingsplan_app.errors import FrameworkError, ValidationError
from udviklingsplan_app.exchange.json_format import plan_to_data, read_plan_file, write_plan_file
from udviklingsplan_app.framework import parse_document
from udviklingsplan_app.framework_changes import framework_changes, goals_left_behind
from udviklingsplan_app.guidance import check_plan

ROOT = Path(__file__).resolve().parent.parent
STRATEGIES = ROOT / "resources" / "strategies"


def raw(name: str) -> dict[str, Any]:
    return json.loads((STRATEGIES / f"{name}.json").read_text(encoding="utf-8"))


def new_framework(**changes: Any) -> dict[str, Any]:
    """A framework the administration might write next: a copy of the 2023–25 one, renamed."""
    data = raw("su-indsatsomraader-2023-2025")
    data.update(
        id="socialstrategi-2027",
        version="2027.1",
        title="Socialstrategien 2027",
        short_title="Socialstrategien 2027",
        period="2027–2030",
    )
    data.update(changes)
    return data


def write(folder: Path, data: Any, name: str = "ramme.json") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    text = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False)
    path.write_text(text, encoding="utf-8")
    return path


def make_plan(framework_id: str, version: str | None = None) -> int:
    return services.create_plan(
        workplace="Botilbuddet Lærkehøj",
        leader=Person("Åse Ørum", "Leder"),
        level=3,
        manager=Person("", ""),
        framework_id=framework_id,
        framework_version=version,
        first_year=2027,
    )


# --- the three sources ---------------------------------------------------------------------


def test_frameworks_come_from_three_sources_each_named(framework_folders, tmp_path) -> None:
    machine, user = framework_folders
    write(machine, new_framework(), "it.json")
    write(user, new_framework(id="egen-ramme", title="Min egen ramme"), "egen.json")
    listed = {
        (e.framework.id, e.framework.version): e.source
        for e in sources.available_frameworks().entries
    }
    assert listed == {
        ("socialstrategi-2018", "2018.1"): sources.Source.SHIPPED,
        ("su-indsatsomraader-2023-2025", "2023.1"): sources.Source.SHIPPED,
        ("socialstrategi-2027", "2027.1"): sources.Source.MACHINE,
        ("egen-ramme", "2027.1"): sources.Source.USER,
    }
    assert sources.Source.MACHINE.label == "Lagt ind af it (fælles for computeren)"


def test_the_same_id_and_version_counts_once_the_first_source_winning(framework_folders) -> None:
    machine, user = framework_folders
    write(machine, new_framework(), "it.json")
    write(user, new_framework(title="En anden tekst"), "egen.json")
    entries = [
        e for e in sources.available_frameworks().entries if e.framework.id == "socialstrategi-2027"
    ]
    assert [(e.source, e.framework.title) for e in entries] == [
        (sources.Source.MACHINE, "Socialstrategien 2027")
    ]


def test_a_broken_file_in_a_folder_is_left_out_and_named(framework_folders) -> None:
    machine, _ = framework_folders
    write(machine, "{ ikke json", "itstykke.json")
    found = sources.available_frameworks()
    assert [e.framework.id for e in found.entries] == [
        "socialstrategi-2018",
        "su-indsatsomraader-2023-2025",
    ]
    assert len(found.problems) == 1 and "itstykke.json" in found.problems[0]


def test_without_a_version_the_newest_is_found(framework_folders) -> None:
    _, user = framework_folders
    write(user, new_framework(version="2027.9"), "a.json")
    write(user, new_framework(version="2027.10"), "b.json")
    assert sources.available_frameworks().find("socialstrategi-2027").key == (
        "socialstrategi-2027",
        "2027.10",
    )
    assert [f.version for f in sources.framework_choices() if f.id == "socialstrategi-2027"] == [
        "2027.10"
    ]


# --- check and add -------------------------------------------------------------------------


BROKEN: dict[str, tuple[Any, tuple[str, ...]]] = {
    "not-json": ("{ dette er ikke json", ("ikke gyldig JSON",)),
    "not-an-object": ("[1, 2]", ("ét JSON-objekt",)),
    "missing-visions": (
        {k: v for k, v in new_framework().items() if k != "visions"},
        ("visions: feltet mangler",),
    ),
    "wrong-type": (new_framework(default_cycle_years="tre"), ("default_cycle_years",)),
    "wrong-type-deep": (
        new_framework(visions=[{**new_framework()["visions"][0], "themes": "ingen"}]),
        ("visions[0].themes",),
    ),
    "duplicate-ids": (
        new_framework(
            visions=[
                new_framework()["visions"][0],
                {**new_framework()["visions"][1], "id": "io1-hjemloeshed"},
            ]
        ),
        ("visions[1].id", "»io1-hjemloeshed« står mere end én gang"),
    ),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_a_broken_file_is_refused_naming_the_field(
    case: str, tmp_path: Path, framework_folders
) -> None:
    data, words = BROKEN[case]
    path = write(tmp_path, data, "ny-ramme.json")
    with pytest.raises(FrameworkError) as info:
        sources.check_framework_file(path)
    message = str(info.value)
    assert "ny-ramme.json" in message
    for word in words:
        assert word in message
    with pytest.raises(FrameworkError):
        sources.add_framework_file(path)
    assert not framework_folders[1].exists() or list(framework_folders[1].iterdir()) == []


def test_a_too_large_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "stor.json"
    path.write_bytes(b" " * (3 * 1024 * 1024))
    with pytest.raises(FrameworkError) as info:
        sources.check_framework_file(path)
    assert "Er det den rigtige fil?" in str(info.value)


def test_add_installs_for_this_user_and_refuses_another_file_with_the_same_version(
    tmp_path: Path, framework_folders
) -> None:
    path = write(tmp_path, new_framework(), "ny.json")
    entry = sources.add_framework_file(path)
    assert entry.source is sources.Source.USER
    assert entry.path is not None and entry.path.parent == framework_folders[1]
    assert sources.available_frameworks().find("socialstrategi-2027", "2027.1") is not None
    assert sources.add_framework_file(path).key == entry.key  # the same file again: fine
    other = write(tmp_path, new_framework(title="Rettet titel"), "rettet.json")
    with pytest.raises(FrameworkError) as info:
        sources.add_framework_file(other)
    assert "»socialstrategi-2027« og version »2027.1«" in str(info.value)
    assert "nyt versionsnummer" in str(info.value)
    assert sources.available_frameworks().find("socialstrategi-2027").framework.title == (
        "Socialstrategien 2027"
    )


def test_summary_names_title_version_and_counts() -> None:
    framework = sources.available_frameworks().find("socialstrategi-2018").framework
    lines = sources.summary_lines(framework)
    assert lines[1] == "Id: socialstrategi-2018   Version: 2018.1"
    assert "  V1 Et værdigt liv – 2 temaer, 3 tegn på succes" in lines


# --- a plan keeps its own copy -------------------------------------------------------------


def test_a_plan_under_an_added_framework_outlives_the_file(
    db_path: Path, tmp_path: Path, framework_folders
) -> None:
    entry = sources.add_framework_file(write(tmp_path, new_framework(), "ny.json"))
    plan_id = make_plan("socialstrategi-2027")
    services.add_goal(plan_id, year=2027, vision="io1-hjemloeshed", title="Færre hjemløse")
    assert entry.path is not None
    entry.path.unlink()
    assert sources.available_frameworks().find("socialstrategi-2027") is None

    framework = services.plan_framework(plan_id)
    assert framework.key == ("socialstrategi-2027", "2027.1")
    plan = services.load_plan(plan_id)
    assert [g.title for g in plan.goals] == ["Færre hjemløse"]
    assert check_plan(plan, framework)  # Vejledning still works
    out = tmp_path / "plan.json"
    write_plan_file(plan, out)
    from udviklingsplan_app.exchange.excel import export_plan

    export_plan(plan_id, tmp_path / "plan.xlsx")
    assert (tmp_path / "plan.xlsx").stat().st_size > 0

    # Elsewhere (no database with the copy) the import is refused, naming the framework.
    with pytest.raises(ValidationError) as info:
        read_plan_file(out)
    assert "»socialstrategi-2027«" in str(info.value)
    assert "Tilføj fil" in str(info.value)
    # Here the plans' copies count: the same file imports again.
    again = services.import_plan(read_plan_file(out, services.find_framework))
    copied = services.load_plan(again)  # a twin: new plan and goal ids, the same content
    assert (copied.framework_id, copied.framework_version) == ("socialstrategi-2027", "2027.1")
    assert [(g.title, g.vision) for g in copied.goals] == [("Færre hjemløse", "io1-hjemloeshed")]


def test_a_corrected_shipped_file_does_not_change_an_old_plan(
    db_path: Path, framework_folders
) -> None:
    plan_id = make_plan("socialstrategi-2018")
    from udviklingsplan_app.storage import models as m

    row = m.PlanFramework.get(m.PlanFramework.plan == plan_id)
    data = json.loads(row.document)
    data["visions"][0]["title"] = "Et værdigt liv (gemt i planen)"
    row.document = json.dumps(data, ensure_ascii=False)
    row.save()
    assert services.plan_framework(plan_id).visions[0].title == "Et værdigt liv (gemt i planen)"


# --- a newer version -----------------------------------------------------------------------


def newer_2018(**changes: Any) -> dict[str, Any]:
    data = raw("socialstrategi-2018")
    data["version"] = "2018.2"
    vision = data["visions"][0]
    vision["themes"] = [t for t in vision["themes"] if t["id"] != "vaerdigt-liv.tryghed-og-omsorg"]
    vision["title"] = "Et værdigt og trygt liv"
    data["visions"][1]["signs_of_success"].append(
        {"id": "selvstaendigt-liv.s6", "code": "V2.S6", "text": "Et nyt tegn"}
    )
    data.update(changes)
    return data


def test_the_changes_between_versions_are_named() -> None:
    old = sources.available_frameworks().find("socialstrategi-2018").framework
    new = parse_document(newer_2018(), "ny.json")
    lines = [str(c) for c in framework_changes(old, new)]
    assert "Vision omformuleret: »Et værdigt liv« → »Et værdigt og trygt liv«" in lines
    assert "Nyt tegn på succes: »Et nyt tegn«" in lines or any("Et nyt tegn" in x for x in lines)
    assert any(line.startswith("Tema udgår: »Tryghed") for line in lines)
    assert framework_changes(old, old) == []


def test_moving_to_a_newer_version_keeps_the_goal_flags_it_and_undoes(
    db_path: Path, framework_folders
) -> None:
    plan_id = make_plan("socialstrategi-2018")
    goal_id = services.add_goal(
        plan_id,
        year=2027,
        vision="vaerdigt-liv",
        theme="vaerdigt-liv.tryghed-og-omsorg",
        title="Tryg aften",
    )
    services.set_year_focus(plan_id, 2027, ["vaerdigt-liv"])
    before = services.load_plan(plan_id)
    assert services.newer_framework(plan_id) is None
    write(framework_folders[0], newer_2018(), "socialstrategi-2018.2.json")
    newer = services.newer_framework(plan_id)
    assert newer is not None and newer.version == "2018.2"
    assert goals_left_behind(before, newer) == ["Tryg aften (2027)"]

    services.move_plan_framework(plan_id, "2018.2")
    moved = services.load_plan(plan_id)
    assert moved.framework_version == "2018.2"
    assert services.plan_framework(plan_id).visions[0].title == "Et værdigt og trygt liv"
    goal = moved.goals[0]
    assert (goal.title, goal.theme) == ("Tryg aften", "vaerdigt-liv.tryghed-og-omsorg")
    findings = [
        f
        for f in check_plan(moved, services.plan_framework(plan_id))
        if f.code == "goal-outside-framework"
    ]
    assert len(findings) == 1
    assert "»Tryg aften« (2027)" in findings[0].message
    assert "tema »vaerdigt-liv.tryghed-og-omsorg«" in findings[0].message
    assert findings[0].concerns.goal_uid == goal.uid
    # The goal can still be edited; a new theme must exist in the new version.
    services.update_goal(goal_id, title="Tryg aften og nat")
    with pytest.raises(ValidationError):
        services.update_goal(goal_id, theme="vaerdigt-liv.tryghed-og-omsorg")

    # Undo: the snapshot from before brings the old version (and its copy) back.
    services.restore_plan(plan_id, before)
    restored = services.load_plan(plan_id)
    assert restored.framework_version == "2018.1"
    assert services.plan_framework(plan_id).visions[0].title == "Et værdigt liv"
    assert plan_to_data(restored) == plan_to_data(before)
    # Redo
    services.restore_plan(plan_id, moved)
    assert services.load_plan(plan_id).framework_version == "2018.2"


def test_the_example_in_the_documentation_passes_the_check(tmp_path: Path) -> None:
    text = (ROOT / "docs" / "strategiramme.md").read_text(encoding="utf-8")
    example = text.split("```json\n", 1)[1].split("```", 1)[0]
    framework = sources.check_framework_file(write(tmp_path, example, "eksempel.json"))
    assert framework.key == ("eksempel-strategi", "2027.1")
    assert sources.summary_lines(framework)[3:] == [
        "  V1 Et trygt liv – 1 tema, 1 tegn på succes",
        "  V2 En stærk organisation – 0 temaer, 1 tegn på succes",
    ]
