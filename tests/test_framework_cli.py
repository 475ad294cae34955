"""``udviklingsplan framework check|add|list``, and a plan whose framework file is gone."""

from __future__ import annotations

import json
from pathlib import Path

from tests.test_framework_sources import new_framework, write


def test_check_prints_a_summary(cli, tmp_path: Path) -> None:
    path = write(tmp_path, new_framework(), "ny.json")
    result = cli("framework", "check", str(path))
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0] == "Socialstrategien 2027"
    assert lines[1] == "Id: socialstrategi-2027   Version: 2027.1"
    assert lines[2] == "Indsatsområder (4):"
    assert lines[3].startswith(
        "  IO1 Afskaffelse af hjemløshed i København – 0 temaer, 1 målsætning"
    )


def test_check_of_a_broken_file_names_the_field_and_exits_2(cli, tmp_path: Path) -> None:
    data = new_framework()
    data["visions"][2]["signs_of_success"][0]["text"] = 7
    path = write(tmp_path, data, "ny.json")
    result = cli("framework", "check", str(path))
    assert result.code == 2
    assert result.out == ""
    assert "ny.json" in result.err
    assert "visions[2].signs_of_success[0].text" in result.err
    assert "Traceback" not in result.err


def test_add_then_list_shows_id_version_title_and_source(
    cli, tmp_path: Path, framework_folders
) -> None:
    machine, user = framework_folders
    write(machine, new_framework(id="it-ramme", title="Rammen fra it"), "it.json")
    path = write(tmp_path, new_framework(), "ny.json")
    added = cli("framework", "add", str(path))
    assert added.code == 0, added.err
    assert "Strategirammen kan nu vælges" in added.out
    assert (
        json.loads((user / "socialstrategi-2027-2027.1.json").read_text(encoding="utf-8"))["title"]
        == "Socialstrategien 2027"
    )
    listed = cli("framework", "list")
    assert listed.code == 0, listed.err
    rows = [line.split("\t") for line in listed.out.splitlines()]
    assert rows == [
        ["socialstrategi-2018", "2018.1", "En by med plads til alle", "Leveret med programmet"],
        [
            "su-indsatsomraader-2023-2025",
            "2023.1",
            "Socialudvalgets strategiske indsatsområder 2023–2025",
            "Leveret med programmet",
        ],
        ["it-ramme", "2027.1", "Rammen fra it", "Lagt ind af it (fælles for computeren)"],
        ["socialstrategi-2027", "2027.1", "Socialstrategien 2027", "Tilføjet af dig"],
    ]
    other = write(tmp_path, new_framework(title="Anden tekst"), "anden.json")
    refused = cli("framework", "add", str(other))
    assert refused.code == 2
    assert "allerede en anden strategiramme" in refused.err


def test_a_plan_under_a_removed_framework_checks_and_exports(
    cli, tmp_path: Path, framework_folders
) -> None:
    path = write(tmp_path, new_framework(), "ny.json")
    assert cli("framework", "add", str(path)).code == 0
    plan = json.loads(
        (
            Path(__file__).parent.parent / "resources/examples/den-sociale-hjemmepleje.json"
        ).read_text(encoding="utf-8")
    )
    plan["plan"]["framework"] = "socialstrategi-2027"
    plan["plan"]["focus"] = {}
    for goal in plan["plan"]["goals"]:
        goal["vision"], goal["theme"], goal["success_signs"] = "io2-udsatte-unge", None, []
    plan_file = write(tmp_path, plan, "plan.json")
    db = tmp_path / "plan.db"
    imported = cli("import", str(plan_file), db=db)
    assert imported.code == 0, imported.err
    for added in framework_folders[1].glob("*.json"):
        added.unlink()
    assert "socialstrategi-2027" not in cli("framework", "list").out
    checked = cli("check", db=db)
    assert checked.code in (0, 1), checked.err
    exported = cli("export", "--out", str(tmp_path / "ud.json"), db=db)
    assert exported.code == 0, exported.err
    assert json.loads((tmp_path / "ud.json").read_text(encoding="utf-8"))["plan"]["framework"] == (
        "socialstrategi-2027"
    )
    assert cli("export", "--out", str(tmp_path / "ud.xlsx"), db=db).code == 0
    # Imported again into the same database: the plan's copy counts.
    for choice in ("--replace", "--copy"):
        again = cli("import", choice, str(tmp_path / "ud.json"), db=db)
        assert again.code == 0, again.err
    # Into a new database there is no copy: refused, naming the framework and the way to add it.
    elsewhere = cli("import", str(tmp_path / "ud.json"), db=tmp_path / "andet.db")
    assert elsewhere.code == 2
    assert "»socialstrategi-2027«" in elsewhere.err
    assert "framework add" in elsewhere.err
