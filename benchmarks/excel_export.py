"""The Excel export against a plain openpyxl write of as many rows, whole processes.

Three child processes, run in turn (alternating, so drift in the machine hits all alike):

- ``export example``: ``udviklingsplan export --out plan.xlsx`` of the home-care example;
- ``export 2,000 goals``: the same command for a generated 2,000-goal plan (``big_plan.py``);
- ``plain openpyxl``: a script that imports openpyxl and writes 2,000 rows × 12 text columns.

Budget (issue 3): the 2,000-goal export within 3× the plain write (aim for 2×).
Usage: ``python benchmarks/excel_export.py [RUNS]``. Nothing here is asserted by the tests.
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


def measure(command: list[str]) -> float:
    """Wall seconds of one child process."""
    start = time.perf_counter()
    proc = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"{command} failed: {proc.stderr.decode(errors='replace')}")
    return elapsed


def _database(folder: Path, name: str, plan_file: Path) -> Path:
    return store_plan(folder / f"{name}.db", plan_file)


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 11
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        big_file = folder / "big.json"
        big_file.write_text(json.dumps(big_plan(GOALS), ensure_ascii=False), encoding="utf-8")
        example_db = _database(folder, "example", EXAMPLE)
        big_db = _database(folder, "big", big_file)
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
        results: dict[str, list[float]] = {name: [] for name in commands}
        for command in commands.values():  # warm the file cache once
            measure(command)
        for _ in range(runs):
            for name, command in commands.items():
                results[name].append(measure(command))
        sizes = {
            name: os.path.getsize(command[-1]) / 1024
            for name, command in commands.items()
            if command[-1].endswith(".xlsx")
        }
    base = statistics.median(results[f"plain openpyxl {GOALS:,}×{COLUMNS}"])
    print(f"{runs} alternating runs, whole processes, medians:")
    for name, samples in results.items():
        seconds = statistics.median(samples)
        print(
            f"  {name:28s} {seconds * 1000:7.0f} ms  ({seconds / base:.2f}× the plain write)"
            f"   file {sizes[name]:7.0f} KiB"
        )
    ratio = statistics.median(results[f"export {GOALS:,} goals"]) / base
    verdict = "within" if ratio <= 3 else "OVER"
    print(f"{GOALS:,}-goal export / plain write: {ratio:.2f}× ({verdict} the 3× budget; aim 2×)")


if __name__ == "__main__":
    main()
