"""The migration that gives every existing plan its own copy of its shipped framework."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

from udviklingsplan_app import services
from udviklingsplan_app.framework import document_text, get_framework
from udviklingsplan_app.storage import close_db, init_db

FIXTURES = Path(__file__).resolve().parent / "fixtures"
STRATEGIES = Path(__file__).resolve().parent.parent / "resources" / "strategies"


def _copy_of_v2(tmp_path: Path) -> Path:
    work = tmp_path / "udviklingsplan.db"
    shutil.copyfile(FIXTURES / "schema-v2.db", work)
    return work


def test_existing_plans_get_their_copy_of_the_shipped_framework(tmp_path: Path) -> None:
    work = _copy_of_v2(tmp_path)
    with sqlite3.connect(work) as conn:
        plans = conn.execute("SELECT id, framework_id FROM plan ORDER BY id").fetchall()
        # A plan from before versions were recorded, and one of a framework never shipped.
        conn.execute("UPDATE plan SET framework_version = '' WHERE id = ?", (plans[0][0],))
    conn.close()
    init_db(work)
    try:
        with sqlite3.connect(work) as check:
            copies = check.execute(
                "SELECT plan_id, framework_id, version, document FROM plan_framework ORDER BY plan_id"
            ).fetchall()
            versions = dict(check.execute("SELECT id, framework_version FROM plan").fetchall())
        check.close()
        shipped = json.loads((STRATEGIES / "socialstrategi-2018.json").read_text(encoding="utf-8"))
        assert [(c[0], c[1], c[2]) for c in copies] == [
            (plan_id, framework_id, "2018.1") for plan_id, framework_id in plans
        ]
        assert all(c[3] == document_text(shipped) for c in copies)
        assert set(versions.values()) == {"2018.1"}  # the missing version is filled in
        for plan_id, _ in plans:
            assert services.plan_framework(plan_id) == get_framework("socialstrategi-2018")
    finally:
        close_db()


def test_a_plan_of_an_unknown_framework_gets_no_copy_and_still_migrates(tmp_path: Path) -> None:
    work = _copy_of_v2(tmp_path)
    with sqlite3.connect(work) as conn:
        conn.execute("UPDATE plan SET framework_id = 'ukendt-ramme' WHERE id = 1")
    conn.close()
    init_db(work)
    try:
        with sqlite3.connect(work) as check:
            ids = [r[0] for r in check.execute("SELECT plan_id FROM plan_framework")]
        check.close()
        assert 1 not in ids and ids
    finally:
        close_db()


def test_a_plan_moved_to_a_version_found_nowhere_else_opens_with_its_copy(tmp_path: Path) -> None:
    """The v4 fixture's second plan follows 2018.2, a version whose file no longer exists."""
    work = tmp_path / "udviklingsplan.db"
    shutil.copyfile(FIXTURES / "schema-v4.db", work)
    init_db(work)
    try:
        second = services.list_plans()[1].id
        framework = services.plan_framework(second)
        assert framework.key == ("socialstrategi-2018", "2018.2")
        assert framework.visions[0].title == "Et værdigt og trygt liv"
        assert services.load_plan(second).framework_version == "2018.2"
    finally:
        close_db()
