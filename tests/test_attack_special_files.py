"""Attack: a path that is no ordinary file – a pipe (FIFO), a device, a shortcut in a loop.

Every reader of outside files (plan import, framework check, returned workbook, database
start) refuses it at once with a Danish message that says what to do – before, the plan import
and the workbook gate waited forever on a pipe, and the import read ``/dev/zero`` until memory
ran out.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from udviklingsplan_app.errors import DatabaseProblem, FrameworkError, InputError
from udviklingsplan_app.exchange.answer import read_answer
from udviklingsplan_app.exchange.json_format import read_plan_file
from udviklingsplan_app.framework_sources import check_framework_file
from udviklingsplan_app.storage import init_db
from udviklingsplan_app.storage.migrations import SCHEMA_VERSION
from udviklingsplan_app.storage.sqlite_file import checked_version

posix_only = pytest.mark.skipif(os.name != "posix", reason="pipes and /dev/zero are POSIX")

READERS: dict[str, Callable[[Path], object]] = {
    "plan": read_plan_file,
    "framework": check_framework_file,
    "workbook": read_answer,
    "database": lambda path: checked_version(path, SCHEMA_VERSION),
}
REFUSALS = (InputError, FrameworkError, DatabaseProblem)


def _refusal_within_seconds(read: Callable[[Path], object], path: Path) -> str:
    """The reader's message; fails (and frees the reader) if it waits on the pipe."""
    outcome: list[BaseException | None] = []

    def run() -> None:
        try:
            read(path)
            outcome.append(None)
        except BaseException as error:
            outcome.append(error)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(10)
    if thread.is_alive():  # a reader waiting for a writer: give it one, so the thread ends
        fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK)
        os.close(fd)
        thread.join(10)
        pytest.fail(f"{path.name}: the reader waited on the pipe")
    assert outcome, "the reader ended without a result"
    error = outcome[0]
    assert isinstance(error, REFUSALS), error
    message = str(error)
    assert "Traceback" not in message and "Errno" not in message
    return message


@posix_only
@pytest.mark.parametrize("reader", list(READERS))
def test_a_pipe_is_refused_at_once(reader: str, tmp_path: Path) -> None:
    path = tmp_path / {"workbook": "svar.xlsx", "database": "plan.db"}.get(reader, "plan.json")
    os.mkfifo(path)
    message = _refusal_within_seconds(READERS[reader], path)
    assert "ikke en almindelig fil" in message and "Vælg selve" in message


@posix_only
@pytest.mark.parametrize("reader", list(READERS))
def test_a_shortcut_to_dev_zero_is_refused_without_reading(reader: str, tmp_path: Path) -> None:
    path = tmp_path / "nul.data"
    path.symlink_to("/dev/zero")
    message = _refusal_within_seconds(READERS[reader], path)
    assert "ikke en almindelig fil" in message and "/dev/zero" in message


@posix_only
@pytest.mark.parametrize("reader", ["plan", "framework", "workbook"])
def test_a_shortcut_in_a_loop_is_named_for_what_it_is(reader: str, tmp_path: Path) -> None:
    path = tmp_path / "ring.json"
    path.symlink_to(path.name)  # points at itself
    message = _refusal_within_seconds(READERS[reader], path)
    assert "genvej" in message
    assert "systemfejl" not in message


@posix_only
@pytest.mark.parametrize("target", ["ring.db", "flyttet.db"])
def test_a_database_shortcut_to_nothing_is_refused_and_nothing_is_made(
    target: str, tmp_path: Path
) -> None:
    path = tmp_path / "ring.db"
    path.symlink_to(target)  # itself (a loop) or a file that was moved away
    before = sorted(p.name for p in tmp_path.iterdir())
    with pytest.raises(DatabaseProblem) as caught:
        init_db(path)
    assert "genvej, som ikke fører til nogen fil" in str(caught.value)
    assert "Intet er ændret" in str(caught.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == before


@posix_only
def test_a_dangling_plan_shortcut_says_so(tmp_path: Path) -> None:
    path = tmp_path / "plan.json"
    path.symlink_to(tmp_path / "flyttet.json")
    with pytest.raises(InputError, match="genvej, som ikke fører til nogen fil"):
        read_plan_file(path)
