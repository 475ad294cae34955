"""The Excel export against a plain openpyxl write of as many rows, whole processes.

Three child processes, run in turn (alternating, so drift in the machine hits all alike):

- ``export example``: ``udviklingsplan export --out plan.xlsx`` of the home-care example;
- ``export 2,000 goals``: the same command for a generated 2,000-goal plan (``big_plan.py``);
- ``plain openpyxl``: a script that imports openpyxl and writes 2,000 rows × 12 text columns.

Budget (issue 3): the 2,000-goal export within 3× the plain write (aim for 2×). Reported as
ratios of medians in the same run, as user + system CPU seconds of the child (what the export
costs, whatever else the machine is doing) and as wall seconds.
Usage: ``python benchmarks/excel_export.py [RUNS]``. Nothing here is asserted by the tests.
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
COLUMNS = 12

PLAIN_WRITE = f"""
import sys
import openpyxl

workbook = openpyxl.Workbook()
sheet = workbook.active
sheet.append([f"Kolonne {{c + 1}}" for c in range({COLUMNS})])
for r in range({GOALS}):
    sheet.append([f"Række {{r + 1}}, kolonne {{c + 1}}: " + "tekst " * 10 for c in range({COLUMNS})])
workbook.save(sys.argv[1])
"""


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 11
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        example_db, big_db = example_and_big(folder, GOALS)
        main_py = str(ROOT / "main.py")
        commands = {
            "export example": [
                *(sys.executable, main_py, "--db", str(example_db)),
                *("export", "--out", str(folder / "example.xlsx")),
            ],
            f"export {GOALS:,} goals": [
                *(sys.executable, main_py, "--db", str(big_db)),
                *("export", "--out", str(folder / "big.xlsx")),
            ],
            f"plain openpyxl {GOALS:,}×{COLUMNS}": [
                *(sys.executable, "-c", PLAIN_WRITE, str(folder / "plain.xlsx")),
            ],
        }
        results = alternate(commands, runs)
        sizes = {
            name: os.path.getsize(command[-1]) / 1024
            for name, command in commands.items()
            if command[-1].endswith(".xlsx")
        }
    plain = results[f"plain openpyxl {GOALS:,}×{COLUMNS}"]
    base_wall = statistics.median(s[0] for s in plain)
    base_cpu = statistics.median(s[1] for s in plain)
    print(f"{runs} alternating runs, whole processes, medians (wall; user + system CPU):")
    for name, samples in results.items():
        wall = statistics.median(s[0] for s in samples)
        cpu = statistics.median(s[1] for s in samples)
        print(
            f"  {name:28s} wall {wall * 1000:6.0f} ms ({wall / base_wall:.2f}×)"
            f"  cpu {cpu * 1000:6.0f} ms ({cpu / base_cpu:.2f}×)   file {sizes[name]:6.0f} KiB"
        )
    big = results[f"export {GOALS:,} goals"]
    wall_ratio = statistics.median(s[0] for s in big) / base_wall
    cpu_ratio = statistics.median(s[1] for s in big) / base_cpu
    verdict = "within" if cpu_ratio <= 3 else "OVER"
    print(
        f"{GOALS:,}-goal export / plain write: {wall_ratio:.2f}× wall, {cpu_ratio:.2f}× cpu "
        f"({verdict} the 3× budget; aim 2×)"
    )


if __name__ == "__main__":
    main()
