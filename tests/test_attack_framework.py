"""Attack: framework files from outside (``framework check``/``add`` and the two folders).

A pipe or device in IT's folder never stops the program; a framework file that is too large,
too deep, has duplicate keys or overlong texts is refused with a Danish message naming the file.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from udviklingsplan_app import framework_sources
from udviklingsplan_app.errors import FrameworkError
from udviklingsplan_app.framework import MAX_FILE_BYTES
from udviklingsplan_app.framework_sources import add_framework_file, check_framework_file
from udviklingsplan_app.resources import resource_path

SHIPPED = sorted(resource_path("strategies").glob("*.json"))[0]


def _refused(path: Path) -> str:
    with pytest.raises(FrameworkError) as caught:
        check_framework_file(path)
    message = str(caught.value)
    assert "Traceback" not in message and "Errno" not in message
    return message


@pytest.mark.skipif(os.name != "posix", reason="pipes and /dev/zero are POSIX")
def test_a_pipe_or_device_in_the_machine_folder_is_passed_over(
    framework_folders: tuple[Path, Path],
) -> None:
    machine = framework_folders[0]
    machine.mkdir(parents=True)
    os.mkfifo(machine / "rør.json")
    (machine / "nul.json").symlink_to("/dev/zero")
    (machine / "ring.json").symlink_to("ring.json")
    started = time.perf_counter()
    available = framework_sources.available_frameworks()
    assert time.perf_counter() - started < 5  # before the fix a pipe here would hang the start
    assert {e.source for e in available.entries} == {framework_sources.Source.SHIPPED}


def test_a_file_over_the_limit_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "stor.json"
    with open(path, "wb") as handle:
        handle.write(b"{")
        handle.truncate(MAX_FILE_BYTES + 1)
    message = _refused(path)
    assert "stor.json" in message and "højst" in message and "rigtige fil" in message


def test_duplicate_keys_are_refused(tmp_path: Path) -> None:
    text = SHIPPED.read_text(encoding="utf-8").replace('"id":', '"id": "x", "id":', 1)
    path = tmp_path / "dobbelt.json"
    path.write_text(text, encoding="utf-8")
    message = _refused(path)
    assert "dobbelt.json" in message and "»id« to gange" in message


def test_deep_nesting_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "dyb.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    assert "indlejret for dybt" in _refused(path)


@pytest.mark.parametrize(
    "raw", [b"\x00" * 100, b"\xef\xbb\xbf\xef\xbb\xbf{}", b'{"id": "\\ud800"}', b"\xff\xfe\x00"]
)
def test_strange_bytes_are_refused_naming_the_file(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "mærkelig.json"
    path.write_bytes(raw)
    assert "mærkelig.json" in _refused(path)


def test_a_refused_file_is_not_added(framework_folders: tuple[Path, Path], tmp_path: Path) -> None:
    data = json.loads(SHIPPED.read_text(encoding="utf-8"))
    data["version"] = 5  # a number where the format wants a text
    path = tmp_path / "forkert.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(FrameworkError):
        add_framework_file(path)
    assert not framework_folders[1].exists() or not any(framework_folders[1].iterdir())
