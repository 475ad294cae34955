"""Atomic file writing: a failed write never leaves a half file or loses the old one."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE
from udviklingsplan_app import services
from udviklingsplan_app.atomic_files import write_atomically
from udviklingsplan_app.errors import InputError
from udviklingsplan_app.exchange.json_format import write_plan_file


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_a_target_locked_by_another_program_keeps_the_old_file(
    tmp_path: Path, example_plan_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "plan.json"
    target.write_text("den gamle fil", encoding="utf-8")

    def locked(src: object, dst: object) -> None:  # what Windows does while Excel has it open
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(InputError) as caught:
        write_plan_file(services.load_plan(example_plan_id), target)
    assert "åben i et andet program" in str(caught.value)
    assert "gamle fil er uændret" in str(caught.value)
    assert target.read_text(encoding="utf-8") == "den gamle fil"
    assert _leftovers(tmp_path) == []


def test_a_write_that_fails_midway_leaves_no_half_file(tmp_path: Path) -> None:
    target = tmp_path / "plan.json"
    target.write_bytes(EXAMPLE.read_bytes())

    def half_then_crash(tmp: Path) -> None:
        tmp.write_text('{"format": "udviklingsplan", ', encoding="utf-8")
        raise OSError(28, "No space left on device")

    with pytest.raises(InputError) as caught:
        write_atomically(target, half_then_crash)
    assert "kan ikke skrives (disken er fuld)" in str(caught.value)
    assert "No space" not in str(caught.value)
    assert target.read_bytes() == EXAMPLE.read_bytes()
    assert _leftovers(tmp_path) == []


def test_a_missing_folder_is_named_in_danish(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"Mappen .* findes ikke"):
        write_atomically(tmp_path / "findes-ikke" / "plan.json", lambda tmp: None)


def test_a_successful_write_replaces_the_file_whole(tmp_path: Path, example_plan_id: int) -> None:
    target = tmp_path / "plan.json"
    target.write_text("gammel", encoding="utf-8")
    write_plan_file(services.load_plan(example_plan_id), target)
    assert target.read_bytes() == EXAMPLE.read_bytes()
    assert _leftovers(tmp_path) == []
