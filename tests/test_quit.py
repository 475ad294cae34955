"""Filer ▸ Afslut right after the guide, under a real X display: the program ends cleanly.

A leader once saw ``Fatal Python error: none_dealloc`` at quit (PySide6 objects freed by the
garbage collector after Qt was gone). ``ui.app.shut_down`` now tears down in a fixed order; this
test runs the real program (``tests/quit_driver.py``: the guide from a blank database to its end,
then Filer ▸ Afslut) many times on an Xvfb display, and every run must end with exit code 0,
nothing fatal on stderr, and the plan stored.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DRIVER = ROOT / "tests" / "quit_driver.py"
RUNS = 20


@pytest.fixture(scope="module")
def display() -> Iterator[str]:
    """A fresh Xvfb server at 1366 × 768 (the municipal laptop); its display name."""
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        pytest.skip("Xvfb is not installed (Debian: apt-get install xvfb); the quit test needs it")
    read, write = os.pipe()
    server = subprocess.Popen(
        [xvfb, "-displayfd", str(write), "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as answer:
        number = answer.readline().strip()
    if not number:
        server.kill()
        server.wait()
        pytest.skip("Xvfb did not start")
    try:
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(10)


def quit_after_guide(display: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("QT_")}
    env.update(DISPLAY=display, HOME=str(home), QT_QPA_PLATFORM="xcb", PYTHONFAULTHANDLER="1")
    env.pop("WAYLAND_DISPLAY", None)
    return subprocess.run(
        [sys.executable, str(DRIVER), str(home / "plan.db")],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_quit_right_after_the_guide_never_crashes(display: str, tmp_path: Path) -> None:
    started = time.monotonic()
    for run in range(RUNS):
        home = tmp_path / f"run{run}"
        home.mkdir()
        result = quit_after_guide(display, home)
        report = f"run {run + 1}: exit {result.returncode}\n{result.stderr}"
        assert "Fatal Python error" not in result.stderr, report
        assert "Segmentation fault" not in result.stderr, report
        assert result.returncode == 0, report
        # The guide was done, Afslut was chosen, and nothing of Qt was left for the
        # interpreter's own clean-up (the objects that crashed PySide6 at quit).
        assert result.stdout.splitlines() == [
            "finished",
            "quit",
            "at exit: application gone, 0 widgets",
        ], report
        # What the guide stored is there, the guide is done, and the lock is let go.
        with sqlite3.connect(home / "plan.db") as db:
            assert db.execute("select workplace from plan").fetchall() == [("Bostedet Lærkevej",)]
            assert db.execute("select title from goal").fetchall() == [("Tryghed om natten",)]
        assert not (home / "plan.db.lock").exists()
    assert time.monotonic() - started < 120
