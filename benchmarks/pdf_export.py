"""The PDF export against the Excel export of the same plan, whole processes.

Child processes, run in turn (alternating, so drift in the machine hits all alike):

- ``udviklingsplan export --out plan.pdf`` and ``--out plan.xlsx`` of the home-care example;
- the same two commands for a generated plan of 2,000 goals (``big_plan.py``), far beyond a
  real plan (a cycle holds some 10–30 goals), to show how the cost grows.

Budget (issue 17): the PDF within 2× the Excel export of the same plan. Reported as ratios of
medians in the same run, as user + system CPU seconds of the child (what the export costs,
whatever else the machine is doing) and as wall seconds.
Usage: ``python benchmarks/pdf_export.py [RUNS]``. Nothing here is asserted by the tests.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.big_plan import EXAMPLE, big_plan, store_plan  # noqa: E402

GOALS = 2000


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


def _database(folder: Path, name: str, plan_file: Path) -> Path:
    return store_plan(folder / f"{name}.db", plan_file)


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        big_file = folder / "big.json"
        big_file.write_text(json.dumps(big_plan(GOALS), ensure_ascii=False), encoding="utf-8")
        databases = {"example": _database(folder, "example", EXAMPLE)}
        databases[f"{GOALS:,} goals"] = _database(folder, "big", big_file)
        main_py = str(ROOT / "main.py")
        commands = {
            (plan, kind): [
                *(sys.executable, main_py, "--db", str(db)),
                *("export", "--out", str(folder / f"{db.stem}.{kind}")),
            ]
            for plan, db in databases.items()
            for kind in ("xlsx", "pdf")
        }
        results: dict[tuple[str, str], list[tuple[float, float]]] = {k: [] for k in commands}
        for command in commands.values():  # warm the file cache once
            measure(command)
        for _ in range(runs):
            for key, command in commands.items():
                results[key].append(measure(command))
        sizes = {key: os.path.getsize(command[-1]) / 1024 for key, command in commands.items()}
    print(f"{runs} alternating runs, whole processes, medians:")
    for plan in databases:
        medians = {}
        for kind in ("xlsx", "pdf"):
            samples = results[plan, kind]
            wall = statistics.median(s[0] for s in samples)
            cpu = statistics.median(s[1] for s in samples)
            medians[kind] = (wall, cpu)
            print(
                f"  {plan:12s} {kind:4s}  wall {wall * 1000:7.0f} ms  cpu {cpu * 1000:7.0f} ms"
                f"   file {sizes[plan, kind]:7.0f} KiB"
            )
        wall_ratio = medians["pdf"][0] / medians["xlsx"][0]
        cpu_ratio = medians["pdf"][1] / medians["xlsx"][1]
        verdict = "within" if wall_ratio <= 2 else "OVER"
        print(
            f"  {plan}: PDF / Excel {wall_ratio:.2f}× wall, {cpu_ratio:.2f}× cpu "
            f"({verdict} the 2× budget)"
        )


if __name__ == "__main__":
    main()
