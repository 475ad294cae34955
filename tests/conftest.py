"""Shared fixtures: every test gets its own temporary database through the real ``init_db``."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import settings

# CI explores the same examples on every run (a landing never depends on luck); a developer's
# run explores new ones each time and so keeps finding what CI would not.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "resources" / "examples" / "den-sociale-hjemmepleje.json"


@pytest.fixture(autouse=True)
def framework_folders(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Every test gets empty machine-wide and per-user framework folders of its own.

    The real folders of the machine running the tests are never read or written (the child
    processes of the ``cli`` fixture inherit the variables).
    """
    from udviklingsplan_app import framework_sources

    base = tmp_path_factory.mktemp("strategirammer")
    folders = (base / "faelles", base / "egne")
    monkeypatch.setenv(framework_sources.MACHINE_ENV, str(folders[0]))
    monkeypatch.setenv(framework_sources.USER_ENV, str(folders[1]))
    return folders


@pytest.fixture
def db_path(tmp_path: Path) -> Iterator[Path]:
    """An opened, migrated, empty database in a fresh temporary folder."""
    from udviklingsplan_app.storage import close_db, init_db

    path = tmp_path / "plan.db"
    init_db(path)
    yield path
    close_db()


@pytest.fixture
def example_plan_id(db_path: Path) -> int:
    """The home-care example plan imported into the test database."""
    from udviklingsplan_app import services
    from udviklingsplan_app.exchange.json_format import read_plan_file

    return services.import_plan(read_plan_file(EXAMPLE))


@dataclass
class CliResult:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(tmp_path: Path):
    """Run the real command line in a child process, as IT would: ``cli("list", db=...)``."""

    def run(*args: str, db: Path | None = None, cwd: Path | None = None) -> CliResult:
        command = [sys.executable, str(ROOT / "main.py")]
        if db is not None:
            command += ["--db", str(db)]
        env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
        proc = subprocess.run(
            command + list(args),
            capture_output=True,
            text=True,
            encoding="utf-8",
            cwd=cwd or tmp_path,
            env=env,
            timeout=120,
        )
        return CliResult(proc.returncode, proc.stdout, proc.stderr)

    return run


@pytest.fixture(autouse=True)
def _closing_windows_never_wait_for_an_answer(monkeypatch) -> None:
    """qtbot closes every window after a test; one left with refused typing would ask first.

    Tests of that question patch ``close_without_saving`` themselves.
    """
    try:
        from ui.main_window import MainWindow
    except ImportError:  # pragma: no cover - PySide6 missing
        return
    monkeypatch.setattr(MainWindow, "close_without_saving", lambda self: True)


@pytest.fixture(autouse=True)
def _user_settings_in_a_temporary_folder(tmp_path: Path) -> None:
    """What the program remembers per user (splitters, tabs) goes to this test's own folder."""
    try:
        from PySide6.QtCore import QSettings
    except ImportError:  # pragma: no cover - PySide6 missing
        return
    folder = tmp_path / "user-settings"
    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        QSettings.setPath(QSettings.Format.IniFormat, scope, str(folder))


@pytest.fixture(autouse=True)
def _settings_in_a_temporary_folder(tmp_path_factory, monkeypatch) -> Path:
    """The program's own settings (window sizes, the calendar time) go to a fresh folder per
    test, in this process and in the programs a test starts: never the real user's settings."""
    folder = tmp_path_factory.mktemp("settings")
    monkeypatch.setenv("UDVIKLINGSPLAN_SETTINGS_DIR", str(folder))
    return folder


@pytest.fixture
def window(qtbot, db_path: Path, example_plan_id: int):
    """The main window on the example plan, shown (a test file may define its own)."""
    from tests.ui_helpers import shown_window

    return shown_window(qtbot, db_path)


@pytest.fixture
def parts(qtbot, window):
    """The parts editor on the example's first goal (``tests.ui_helpers.first_goal_parts``)."""
    from tests.ui_helpers import first_goal_parts

    return first_goal_parts(qtbot, window)


def database_dump(db: Path) -> list[str]:
    """Everything stored in ``db`` as SQL, read without writing: equal dumps, nothing changed."""
    conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()
