"""Killing the program at any moment, and several programs writing at once, lose nothing.

A child process (``tests/crash_worker.py``) imports plans and edits them, printing one line
after each committed change. The parent kills it with SIGKILL at random moments, many times,
and after each kill opens the database as the next start would: it passes ``integrity_check``,
holds only whole plans, and everything the child reported as saved is there.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import EXAMPLE, ROOT
from udviklingsplan_app.exchange.json_format import plan_to_data, read_plan_file
from udviklingsplan_app.storage import reading
from udviklingsplan_app.storage.database import check_database

WORKER = ROOT / "tests" / "crash_worker.py"
ROUNDS = int(os.environ.get("CRASH_ROUNDS", "40"))


def _by_content(goals: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The goals without their ids: a plan imported again beside the first gets new ones."""
    ids = {g["id"]: index for index, g in enumerate(goals)}
    return [{**g, "id": None, "carried_over_from": ids.get(g["carried_over_from"])} for g in goals]


EXPECTED_GOALS = _by_content(plan_to_data(read_plan_file(EXAMPLE))["plan"]["goals"])

posix_only = pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")


@dataclass
class Reported:
    """What the children said they saved."""

    plans: set[int] = field(default_factory=set)
    goals: dict[int, tuple[int, str]] = field(default_factory=dict)
    situation: dict[tuple[int, str], list[int]] = field(default_factory=lambda: defaultdict(list))
    statuses: set[tuple[int, str, str]] = field(default_factory=set)
    count: int = 0

    def read(self, output: str) -> None:
        lines = output.split("\n")[:-1]  # a last line without its newline was cut by the kill
        for line in lines:
            kind, *rest = line.split()
            self.count += kind != "ready"
            if kind == "import":
                self.plans.add(int(rest[0]))
            elif kind == "goal":
                self.goals[int(rest[1])] = (int(rest[0]), f"Tilføjet mål {rest[2]}")
            elif kind == "situation":
                self.situation[(int(rest[0]), rest[1])].append(int(rest[2]))
            elif kind == "status":
                self.statuses.add((int(rest[0]), rest[1], f"Statusnote {rest[2]}"))


def _worker(db: Path, seed: int, first: int, count: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(WORKER), str(db), str(seed), str(first), str(count)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )


def _check(db: Path, reported: Reported, *, latest_wins: bool) -> None:
    """The database as the next start finds it: sound, whole plans, nothing reported lost."""
    if check_database(db) == 0:  # the program's own start check (quick_check, version, …)
        # Killed while the very first start created the file: an empty file, opened as new.
        assert reported.count == 0
        return
    conn = sqlite3.connect(db)  # read-write, as the next start: recovers the -wal
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        plan_ids = [row[0] for row in conn.execute("SELECT id FROM plan")]
        assert reported.plans <= set(plan_ids), "a plan reported as imported is missing"
        goal_rows: dict[int, tuple[int, str]] = {
            goal_id: (plan_id, title)
            for goal_id, plan_id, title in conn.execute("SELECT id, plan_id, title FROM goal")
        }
        for plan_id in plan_ids:
            exported = plan_to_data(reading.read_plan(conn, plan_id))["plan"]
            added = [g for g in exported["goals"] if g["title"].startswith("Tilføjet mål ")]
            from_example = [g for g in exported["goals"] if g not in added]
            # Whole: every goal of the imported example, with all its parts, as in the file.
            assert _by_content(from_example) == EXPECTED_GOALS, f"plan {plan_id} is not whole"
        for goal_id, (plan_id, title) in reported.goals.items():
            assert goal_rows.get(goal_id) == (plan_id, title), f"goal {goal_id} is lost"
        for (plan_id, section), numbers in reported.situation.items():
            (text,) = conn.execute(
                "SELECT text FROM situation_section WHERE plan_id = ? AND section = ?",
                (plan_id, section),
            ).fetchone()
            stored = int(text.removeprefix("Tekst nr. "))
            if latest_wins:  # one writer: what it stored last, or a later unreported commit
                assert stored >= max(numbers), f"situation {plan_id}/{section} went back"
            else:
                assert stored in numbers
        changes = set(
            conn.execute(
                "SELECT goal_id, status, note FROM status_change WHERE note LIKE 'Statusnote %'"
            )
        )
        missing = {(g, s, n) for g, s, n in reported.statuses} - changes
        assert not missing, f"status changes lost: {sorted(missing)[:5]}"
    finally:
        conn.close()


@posix_only
def test_killing_the_program_at_random_moments_loses_nothing_reported(tmp_path: Path) -> None:
    db = tmp_path / "udviklingsplan.db"
    rng = random.Random(6)
    reported = Reported()
    early_kills = 0
    for round_number in range(ROUNDS):
        proc = _worker(db, seed=round_number, first=round_number * 100_000, count=0)
        assert proc.stdout is not None and proc.stderr is not None
        if round_number % 5 == 0:
            # Now and then while it starts: opening, creating or migrating the database.
            time.sleep(rng.uniform(0.0, 0.3))
            early_kills += 1
        else:
            ready = proc.stdout.readline()
            assert ready == "ready\n", proc.stderr.read()
            time.sleep(rng.uniform(0.0, 0.12))
        proc.send_signal(signal.SIGKILL)
        output, errors = proc.communicate()
        assert proc.returncode == -signal.SIGKILL, errors  # it did not fail by itself
        reported.read(output)
        if db.exists():
            _check(db, reported, latest_wins=True)
    # The kills met a working program: it had imported and edited.
    assert reported.plans and reported.goals and reported.statuses
    assert reported.count > ROUNDS


@posix_only
def test_several_programs_writing_at_once_lose_nothing(tmp_path: Path) -> None:
    db = tmp_path / "udviklingsplan.db"
    workers = [_worker(db, seed=w, first=w * 100_000, count=60) for w in range(4)]
    reported = Reported()
    results: list[tuple[int, Any, Any]] = []
    for proc in workers:
        output, errors = proc.communicate(timeout=120)
        results.append((proc.returncode, output, errors))
        reported.read(output)
    for code, _, errors in results:
        # No "database is locked" (or anything else) reaches the user: every write waited.
        assert code == 0, errors
    assert reported.count == 4 * 60 - sum(  # a status step with no added goal yet is skipped
        60 - len([line for line in out.splitlines() if line != "ready"]) for _, out, _ in results
    )
    _check(db, reported, latest_wins=False)
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("SELECT count(*) FROM plan").fetchone()[0] == len(reported.plans)
        added = conn.execute("SELECT count(*) FROM goal WHERE title LIKE 'Tilføjet mål %'")
        assert added.fetchone()[0] == len(reported.goals)
        changes = conn.execute("SELECT count(*) FROM status_change WHERE note LIKE 'Statusnote %'")
        assert changes.fetchone()[0] == len(reported.statuses)
    finally:
        conn.close()


def _workplace(db: Path) -> str:
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        (workplace,) = conn.execute("SELECT workplace FROM plan").fetchone()
        return str(workplace)
    finally:
        conn.close()


@posix_only
def test_killing_a_restore_at_random_moments_leaves_one_whole_database(tmp_path: Path) -> None:
    from udviklingsplan_app import services
    from udviklingsplan_app.storage import close_db, init_db
    from udviklingsplan_app.storage.backup import backup_to, list_backups

    db = tmp_path / "udviklingsplan.db"
    sources = {}
    for name in ("A", "B"):
        init_db(db)
        if not services.list_plans():
            services.import_plan(read_plan_file(EXAMPLE))
        (summary,) = services.list_plans()
        services.update_plan(summary.id, workplace=f"Plan {name}")
        close_db()
        sources[name] = tmp_path / f"kopi {name}.db"
        backup_to(db, sources[name])
    # How long one restore takes on this machine now (a loaded machine is many times slower):
    # the kills fall within a few restores' time, so that they meet restores under way.
    from udviklingsplan_app.storage.backup import restore_backup

    started = time.perf_counter()
    restore_backup(sources["A"], db)
    window = max(0.1, 3 * (time.perf_counter() - started))
    rng = random.Random(7)
    restores = rounds = 0
    # At least the usual rounds, and on until the kills have met a restore that finished: a
    # round without one widens the window (the machine is slower than the one restore showed).
    while rounds < max(ROUNDS // 3, 5) or (restores == 0 and rounds < 40):
        rounds += 1
        proc = subprocess.Popen(
            [sys.executable, str(WORKER), "restore", str(db), *map(str, sources.values())],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert proc.stdout is not None and proc.stderr is not None
        assert proc.stdout.readline() == "ready\n", proc.stderr.read()
        time.sleep(rng.uniform(0.0, window))
        proc.send_signal(signal.SIGKILL)
        output, errors = proc.communicate()
        assert proc.returncode == -signal.SIGKILL, errors
        restores += output.count("restored")
        if "restored" not in output:
            window *= 1.5
        # The database is one of the two, whole; every copy kept before a restore is sound.
        check_database(db)
        assert _workplace(db) in ("Plan A", "Plan B")
        kept = list_backups(db)
        # Until a restore has begun (a slow machine may kill the first rounds before one
        # starts) there is no copy yet; every copy there is must be sound.
        assert kept or "restored" not in output
        assert all(info.sound and info.plans == 1 for info in kept)
        assert {_workplace(info.path) for info in kept} <= {"Plan A", "Plan B"}
    assert restores > 0  # the kills met restores under way
    assert list_backups(db)  # and a copy was kept before them


def test_a_full_disk_during_an_import_stores_nothing_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import importlib

    from udviklingsplan_app.cli import main as cli_main

    database_module = importlib.import_module("udviklingsplan_app.storage.database")
    db = tmp_path / "udviklingsplan.db"
    assert cli_main(["--db", str(db), "import", str(EXAMPLE)]) == 0
    with sqlite3.connect(db) as conn:
        before = list(conn.iterdump())
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.close()
    capsys.readouterr()
    # The disk fills up after a few more pages (SQLite's own limit plays the full disk).
    full = (*database_module._PRAGMAS, ("max_page_count", pages + 3))
    monkeypatch.setattr(database_module, "_PRAGMAS", full)

    assert cli_main(["--db", str(db), "import", "--copy", str(EXAMPLE)]) == 3
    assert "Der er ikke plads på disken" in capsys.readouterr().err
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert list(conn.iterdump()) == before
    conn.close()
    monkeypatch.undo()  # room again: the next import is stored whole
    assert cli_main(["--db", str(db), "import", "--copy", str(EXAMPLE)]) == 0
    assert capsys.readouterr().out.strip() == "2"
