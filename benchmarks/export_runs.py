"""What the export benchmarks share: the two databases, timing a child, alternating runs."""

from __future__ import annotations

import json
import os
import subprocess
import time
from collections.abc import Hashable, Mapping
from pathlib import Path
from typing import TypeVar

from benchmarks.big_plan import EXAMPLE, big_plan, store_plan

K = TypeVar("K", bound=Hashable)


def example_and_big(folder: Path, goals: int) -> tuple[Path, Path]:
    """Databases in ``folder`` with the example plan and a generated plan of ``goals`` goals."""
    big_file = folder / "big.json"
    big_file.write_text(json.dumps(big_plan(goals), ensure_ascii=False), encoding="utf-8")
    return store_plan(folder / "example.db", EXAMPLE), store_plan(folder / "big.db", big_file)


def measure(command: list[str]) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system) of one child process."""
    before = os.times()
    start = time.perf_counter()
    proc = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    wall = time.perf_counter() - start
    after = os.times()
    if proc.returncode != 0:
        raise SystemExit(f"{command} failed: {proc.stderr.decode(errors='replace')}")
    cpu = (after.children_user - before.children_user) + (
        after.children_system - before.children_system
    )
    return wall, cpu


def alternate(commands: Mapping[K, list[str]], runs: int) -> dict[K, list[tuple[float, float]]]:
    """Each command ``runs`` times in turn (after one warm-up round): wall and CPU seconds."""
    results: dict[K, list[tuple[float, float]]] = {key: [] for key in commands}
    for command in commands.values():  # warm the file cache once
        measure(command)
    for _ in range(runs):
        for key, command in commands.items():
            results[key].append(measure(command))
    return results
