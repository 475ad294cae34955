"""Importing a plan that is already there: refused, replaced (after a backup) or kept as a copy.

The core without Qt, then the real command line in a child process.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import EXAMPLE, CliResult
from tests.test_json_exchange import EXAMPLE_BYTES, EXAMPLE_DATA, example_data, write_json
from udviklingsplan_app import services
from udviklingsplan_app.exchange.json_format import plan_to_data, plan_to_json, read_plan_file
from udviklingsplan_app.services import plans
from udviklingsplan_app.services.plan_import import (
    ImportKind,
    ImportMode,
    PlanAlreadyThere,
    existing_plan,
    import_plan,
)
from udviklingsplan_app.storage.backup import list_backups, read_backup

WORKPLACE = "Den Sociale Hjemmepleje, Borgercenter Hjemmepleje"
PLAN_UID = EXAMPLE_DATA["plan"]["id"]
GOAL_UIDS = [g["id"] for g in EXAMPLE_DATA["plan"]["goals"]]


def _stored(db_path: Path) -> list[tuple[Any, ...]]:
    with sqlite3.connect(db_path) as conn:
        rows = conn.execute("SELECT * FROM plan ORDER BY id").fetchall()
        rows += conn.execute("SELECT * FROM goal ORDER BY id").fetchall()
    conn.close()
    return rows


def _goal_uids(db_path: Path) -> list[str]:
    with sqlite3.connect(db_path) as conn:
        uids = [row[0] for row in conn.execute("SELECT uid FROM goal")]
    conn.close()
    return uids


def _changed_example(tmp_path: Path) -> Path:
    """The example file as the leader changed it elsewhere: the same plan, other contents."""
    data = example_data()
    data["plan"]["goals"][0]["title"] = "Sygefraværet skal ned på 6 %"
    del data["plan"]["goals"][3]
    data["plan"]["situation"]["facts"] = "Nye fakta."
    return write_json(tmp_path / "ændret.json", data)


# --- the core ------------------------------------------------------------------------------


def test_a_new_plan_is_imported_with_its_own_ids(db_path: Path) -> None:
    outcome = import_plan(read_plan_file(EXAMPLE))
    assert outcome.kind is ImportKind.NEW
    assert outcome.message == f"Planen »{WORKPLACE}«, 2026–2029, 7 mål er importeret."
    plan = services.load_plan(outcome.plan_id)
    assert plan.uid == PLAN_UID and [g.uid for g in plan.goals] == GOAL_UIDS


def test_the_same_file_again_is_refused_naming_the_plan_and_changes_nothing(
    db_path: Path,
) -> None:
    first = import_plan(read_plan_file(EXAMPLE)).plan_id
    before = _stored(db_path)
    with pytest.raises(PlanAlreadyThere) as refused:
        import_plan(read_plan_file(EXAMPLE))
    assert refused.value.existing.id == first
    message = str(refused.value)
    assert f"»{WORKPLACE}«, 2026–2029, 7 mål" in message
    assert "--replace" in message and "--copy" in message and "Intet er ændret" in message
    assert _stored(db_path) == before
    assert not list_backups(db_path)


def test_replace_puts_the_file_in_place_of_the_plan_after_a_backup(
    db_path: Path, tmp_path: Path
) -> None:
    plan_id = import_plan(read_plan_file(EXAMPLE)).plan_id
    services.save_guide_progress(plan_id, "nyt_aar", 2027, 2)
    changed = read_plan_file(_changed_example(tmp_path))

    outcome = import_plan(changed, ImportMode.REPLACE)

    assert (outcome.kind, outcome.plan_id) == (ImportKind.REPLACED, plan_id)
    assert [s.id for s in services.list_plans()] == [plan_id]
    stored = services.load_plan(plan_id)
    assert stored.uid == PLAN_UID and len(stored.goals) == 6
    assert stored.goals[0].title == "Sygefraværet skal ned på 6 %"
    assert plan_to_data(stored) == plan_to_data(read_plan_file(tmp_path / "ændret.json"))
    # The plan as it was is in the backup the message names.
    assert outcome.backup is not None and outcome.backup.name in outcome.message
    assert "er erstattet med filens indhold" in outcome.message and "6 mål" in outcome.message
    (kept,) = read_backup(outcome.backup)
    assert plan_to_json(kept).encode() == EXAMPLE_BYTES
    (info,) = list_backups(db_path)
    assert info.label.startswith("Før import")
    assert [g.plan_id for g in services.unfinished_guides()] == [plan_id]


def test_a_replacement_that_fails_midway_changes_nothing(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import_plan(read_plan_file(EXAMPLE))
    before = _stored(db_path)

    def broken(*args: object) -> None:
        raise RuntimeError("disken forsvandt")

    monkeypatch.setattr(plans, "insert_contents", broken)
    with pytest.raises(RuntimeError):
        import_plan(read_plan_file(EXAMPLE), ImportMode.REPLACE)
    assert _stored(db_path) == before  # one transaction: the old goals are all still there


def test_copy_keeps_both_with_new_ids_and_a_copy_name(db_path: Path) -> None:
    first = import_plan(read_plan_file(EXAMPLE)).plan_id

    copy = import_plan(read_plan_file(EXAMPLE), ImportMode.COPY)
    again = import_plan(read_plan_file(EXAMPLE), ImportMode.COPY)

    assert copy.kind is ImportKind.COPY and "kopi" in copy.message
    names = [s.workplace for s in services.list_plans()]
    assert names == [WORKPLACE, f"{WORKPLACE} (kopi)", f"{WORKPLACE} (kopi 2)"]
    plans = [services.load_plan(i) for i in (first, copy.plan_id, again.plan_id)]
    assert len({p.uid for p in plans}) == 3
    uids = _goal_uids(db_path)
    assert len(uids) == len(set(uids)) == 21
    # The copy's carried-over goal points to the copy's own goal, not the original's.
    for plan in plans:
        own = {g.uid for g in plan.goals}
        links = [g.carried_over_from for g in plan.goals if g.carried_over_from]
        assert len(links) == 1 and set(links) <= own
    # Otherwise the copy holds what the file holds.
    assert [g.title for g in plans[1].goals] == [g["title"] for g in EXAMPLE_DATA["plan"]["goals"]]


def test_a_file_without_a_plan_id_is_recognised_by_its_goals(db_path: Path, tmp_path: Path) -> None:
    import_plan(read_plan_file(EXAMPLE))
    data = example_data()
    del data["plan"]["id"]  # exported before plans had ids
    old_export = read_plan_file(write_json(tmp_path / "gammel.json", data))
    assert existing_plan(old_export) is not None
    with pytest.raises(PlanAlreadyThere):
        import_plan(old_export)
    replaced = import_plan(old_export, ImportMode.REPLACE)
    assert services.load_plan(replaced.plan_id).uid == PLAN_UID  # the stored plan keeps its id


def test_a_hand_made_file_without_ids_is_a_new_plan_with_new_ids(
    db_path: Path, tmp_path: Path
) -> None:
    import_plan(read_plan_file(EXAMPLE))
    data = example_data()
    del data["plan"]["id"]
    for goal in data["plan"]["goals"]:
        del goal["id"]
        goal.pop("carried_over_from")
    outcome = import_plan(read_plan_file(write_json(tmp_path / "håndlavet.json", data)))
    assert outcome.kind is ImportKind.NEW
    plan = services.load_plan(outcome.plan_id)
    assert plan.uid and plan.uid != PLAN_UID
    uids = _goal_uids(db_path)
    assert len(uids) == len(set(uids)) == 14


def test_replacing_with_goal_ids_another_plan_holds_keeps_ids_unique(db_path: Path) -> None:
    first = import_plan(read_plan_file(EXAMPLE)).plan_id
    copy = import_plan(read_plan_file(EXAMPLE), ImportMode.COPY).plan_id
    # A file of the copy that (wrongly) holds the original's goal ids.
    plan = read_plan_file(EXAMPLE)
    plan.uid = services.load_plan(copy).uid
    import_plan(plan, ImportMode.REPLACE)
    uids = _goal_uids(db_path)
    assert len(uids) == len(set(uids)) == 14
    assert [g.uid for g in services.load_plan(first).goals] == GOAL_UIDS


# --- the command line ----------------------------------------------------------------------


def _listed(cli: Any, db: Path) -> list[str]:
    result: CliResult = cli("list", db=db)
    assert result.code == 0, result.err
    return result.out.splitlines()


def test_cli_refuses_an_existing_plan_with_exit_2_naming_it_and_the_options(
    cli: Any, tmp_path: Path
) -> None:
    db = tmp_path / "plan.db"
    assert cli("import", str(EXAMPLE), db=db).code == 0
    listed = _listed(cli, db)

    result = cli("import", str(EXAMPLE), db=db)

    assert result.code == 2 and result.out == ""
    assert result.err.startswith("Udviklingsplan: Planen findes allerede")
    assert f"»{WORKPLACE}«, 2026–2029, 7 mål (plan 1)" in result.err
    assert "import --replace" in result.err and "import --copy" in result.err
    assert "Traceback" not in result.err
    assert _listed(cli, db) == listed
    assert not (tmp_path / "backups").exists()


def test_cli_every_import_says_what_happened(cli: Any, tmp_path: Path) -> None:
    db = tmp_path / "plan.db"
    result = cli("import", "--replace", str(EXAMPLE), db=db)  # nothing to replace: a new plan
    assert (result.code, result.out) == (0, "1\n")
    assert result.err == f"Udviklingsplan: Planen »{WORKPLACE}«, 2026–2029, 7 mål er importeret.\n"


def test_cli_replace_stores_the_files_content_after_a_backup(cli: Any, tmp_path: Path) -> None:
    db = tmp_path / "plan.db"
    assert cli("import", str(EXAMPLE), db=db).code == 0
    changed = _changed_example(tmp_path)
    assert cli("import", str(changed), db=db).code == 2

    result = cli("import", "--replace", str(changed), db=db)

    assert (result.code, result.out) == (0, "1\n"), result.err
    assert "er erstattet med filens indhold" in result.err and "6 mål" in result.err
    (backup,) = (tmp_path / "backups").glob("plan-*-før-import.db")
    assert backup.name in result.err
    assert len(_listed(cli, db)) == 1
    out = tmp_path / "ud.json"
    assert cli("export", "--out", str(out), db=db).code == 0
    assert json.loads(out.read_text(encoding="utf-8")) == json.loads(
        changed.read_text(encoding="utf-8")
    )


def test_cli_copy_keeps_both_with_unique_ids(cli: Any, tmp_path: Path) -> None:
    db = tmp_path / "plan.db"
    assert cli("import", str(EXAMPLE), db=db).code == 0

    result = cli("import", "--copy", str(EXAMPLE), db=db)

    assert (result.code, result.out) == (0, "2\n"), result.err
    assert "som en kopi" in result.err and f"»{WORKPLACE} (kopi)«" in result.err
    assert [line.split("\t")[1] for line in _listed(cli, db)] == [WORKPLACE, f"{WORKPLACE} (kopi)"]
    uids = _goal_uids(db)
    assert len(uids) == len(set(uids)) == 14
    with sqlite3.connect(db) as conn:
        assert len({row[0] for row in conn.execute("SELECT uid FROM plan")}) == 2
    conn.close()
    out = tmp_path / "kopi.json"
    assert cli("export", "--plan", "1", "--out", str(out), db=db).code == 0
    assert out.read_bytes() == EXAMPLE_BYTES  # the original is untouched


def test_cli_replace_and_copy_together_are_refused(cli: Any, tmp_path: Path) -> None:
    result = cli("import", "--replace", "--copy", str(EXAMPLE), db=tmp_path / "plan.db")
    assert result.code == 2 and "kan ikke bruges sammen med" in result.err
    assert not (tmp_path / "plan.db").exists()
