"""The crash log: where an error happened and which plan, never what the leader wrote."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from udviklingsplan_app import app_version, crashlog
from udviklingsplan_app.crashlog import log_exception, log_folder

SECRET = "Fortroligt: medarbejderen Jens har været syg i 40 dage"
posix_only = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX only")


def _raise_with_the_leaders_text(title: str) -> None:
    try:
        int(title)  # the message quotes the text: "invalid literal for int() …"
    except ValueError as error:
        raise RuntimeError(f"Målet »{title}« kunne ikke gemmes") from error


def _log(db: Path, **context: int | str | None) -> Path:
    try:
        _raise_with_the_leaders_text(SECRET)
    except RuntimeError:
        return log_exception(db, *sys.exc_info(), context)
    raise AssertionError("no error")


def test_the_log_names_type_frames_version_and_ids_but_no_text(tmp_path: Path) -> None:
    db = tmp_path / "udviklingsplan.db"
    path = _log(db, plan=3, mål="a1b2c3", side="Mål")
    assert path.parent == log_folder(db) == tmp_path / "logs"
    text = path.read_text(encoding="utf-8")
    assert app_version() in text
    assert "builtins.RuntimeError" in text and "forårsaget af: builtins.ValueError" in text
    assert "tests/test_crashlog.py" in text and "_raise_with_the_leaders_text" in text
    assert "plan=3" in text and "mål=a1b2c3" in text and "side=Mål" in text
    for word in ("Fortroligt", "Jens", "40 dage", "invalid literal", "kunne ikke gemmes"):
        assert word not in text
    # Paths relative to the program's folder: no C:\Users\<name>\… in the log.
    assert str(Path(__file__).resolve().parent.parent) not in text


def test_an_id_that_is_really_a_text_is_cut_short_on_one_line(tmp_path: Path) -> None:
    path = _log(tmp_path / "plan.db", plan=None, side="x" * 500 + "\nanden linje")
    text = path.read_text(encoding="utf-8")
    assert "plan=None" in text
    assert "x" * 80 + "…" in text and "x" * 81 not in text and "anden linje" not in text


def test_entries_follow_each_other_and_the_log_rotates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(crashlog, "MAX_BYTES", 1500)
    db = tmp_path / "plan.db"
    for n in range(60):
        _log(db, plan=n)
    files = sorted(log_folder(db).iterdir())
    assert [p.name for p in files] == ["fejl.log", *(f"fejl.log.{i}" for i in range(1, 6))]
    assert all(p.stat().st_size <= 1500 for p in files)
    assert "plan=59" in (log_folder(db) / "fejl.log").read_text(encoding="utf-8")


@posix_only
def test_the_log_is_readable_by_its_user_only_also_after_rotation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(crashlog, "MAX_BYTES", 600)
    old = os.umask(0o022)
    try:
        for n in range(12):
            _log(tmp_path / "plan.db", plan=n)
    finally:
        os.umask(old)
    folder = log_folder(tmp_path / "plan.db")
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert len(list(folder.iterdir())) > 2
    for path in folder.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name


def test_an_error_without_traceback_is_logged_too(tmp_path: Path) -> None:
    path = log_exception(tmp_path / "plan.db", KeyError, KeyError(SECRET), None)
    text = path.read_text(encoding="utf-8")
    assert "builtins.KeyError" in text and SECRET not in text
