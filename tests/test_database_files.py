"""The database-file use cases without Qt: the restore sequence, the start problem's kind, and
one Danish message for any failure (window and command line)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import peewee
import pytest

from udviklingsplan_app import database_files, services
from udviklingsplan_app.errors import InputError
from udviklingsplan_app.messages import explain, is_database_error


def test_a_restore_puts_the_backup_back_keeps_the_old_and_reopens(
    db_path: Path, example_plan_id: int, tmp_path: Path
) -> None:
    copy = tmp_path / "kopi.db"
    database_files.backup_database_to(db_path, copy)
    services.update_plan(example_plan_id, workplace="Efter kopien")

    outcome = database_files.restore_database(copy, db_path)

    assert outcome.restored and outcome.problem is None
    assert outcome.kept is not None and outcome.kept.name.endswith("-før-gendannelse.db")
    # The database is open again, and holds the backup's plan.
    (summary,) = services.list_plans()
    assert summary.workplace.startswith("Den Sociale Hjemmepleje")
    with sqlite3.connect(outcome.kept) as kept:
        assert kept.execute("SELECT workplace FROM plan").fetchall() == [("Efter kopien",)]


def test_a_refused_restore_changes_nothing_and_says_why(
    db_path: Path, example_plan_id: int, tmp_path: Path
) -> None:
    not_a_backup = tmp_path / "noget.db"
    not_a_backup.write_bytes(b"ikke en database" * 100)

    outcome = database_files.restore_database(not_a_backup, db_path)

    assert not outcome.restored and outcome.kept is None
    assert outcome.problem is not None and explain(outcome.problem, db_path)
    assert [s.id for s in services.list_plans()] == [example_plan_id]  # still open, unchanged


def test_the_kind_of_a_start_problem(tmp_path: Path) -> None:
    damaged = tmp_path / "beskadiget.db"
    damaged.write_bytes(b"\x00garbage" * 200)
    foreign = tmp_path / "fremmed.db"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE noget (x)")
    conn.close()
    assert database_files.problem_kind(damaged, Exception()) == database_files.DAMAGED
    assert database_files.problem_kind(foreign, Exception()) == database_files.FOREIGN
    assert database_files.problem_kind(tmp_path / "mangler.db", Exception()) == "other"


def test_one_message_for_any_failure(tmp_path: Path) -> None:
    path = tmp_path / "plan.db"
    assert explain(InputError("Titlen er for lang.")) == "Titlen er for lang."
    locked = peewee.OperationalError("database is locked")
    assert is_database_error(locked)
    assert "optaget af et andet program" in explain(locked, path)
    assert str(path) in explain(locked, path)
    general = explain(ValueError("x"))
    assert general.startswith("Der opstod en uventet fejl.") and "ValueError" in general
    detailed = explain(ValueError("hvad skete"), detail=True)
    assert "hvad skete" in detailed and "it-supporten" in detailed


@pytest.mark.parametrize("error", [ValueError("x"), OSError("y")])
def test_an_error_that_is_not_sqlites_is_not_called_a_database_error(error: Exception) -> None:
    assert not is_database_error(error)
