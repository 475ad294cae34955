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

import os
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.export_runs import alternate, example_and_big  # noqa: E402

GOALS = 2000


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        example_db, big_db = example_and_big(folder, GOALS)
        databases = {"example": example_db, f"{GOALS:,} goals": big_db}
        main_py = str(ROOT / "main.py")
        commands = {
            (plan, kind): [
                *(sys.executable, main_py, "--db", str(db)),
                *("export", "--out", str(folder / f"{db.stem}.{kind}")),
            ]
            for plan, db in databases.items()
            for kind in ("xlsx", "pdf")
        }
        results = alternate(commands, runs)
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
