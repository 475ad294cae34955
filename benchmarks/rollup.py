"""The manager's overview: reading 200 exported workbooks against a plain openpyxl load of them.

200 workbooks are made first with the program's own export (``write_workbook``) from varied
plans: the example's goals, 4 to 60 per plan, other workplaces and leaders, cycles 2025 or 2026.
Then three child processes, run in turn (alternating, so drift in the machine hits all alike):

- ``read_plans``: a script that imports the program and calls ``rollup.read_plans`` on the folder
  (each file through the gate, only the hidden data sheet read);
- ``rollup command``: ``udviklingsplan rollup FOLDER --out samlet.xlsx`` (reading and writing);
- ``plain openpyxl``: a script that imports openpyxl and calls ``load_workbook`` on every file.

Each child reports its own peak memory (``ru_maxrss``). Budget (issue 15): ``read_plans`` within
2× the plain load, whole processes (aim 1.2×); memory bounded (not every file held at once).
Usage: ``python benchmarks/rollup.py [RUNS] [FILES]``. Nothing here is asserted by the tests.
"""

from __future__ import annotations

import copy
import datetime as dt
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.big_plan import EXAMPLE  # noqa: E402

PEAK = """
import resource, sys
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)
"""

READ_PLANS = (
    """
import datetime, sys
from pathlib import Path
from udviklingsplan_app.rollup import read_plans

rollup = read_plans([Path(sys.argv[1])], today=datetime.date(2027, 3, 10))
assert rollup.units and not rollup.refused, rollup.refused
"""
    + PEAK
)

PLAIN_LOAD = (
    """
import sys
from pathlib import Path
import openpyxl

for path in sorted(Path(sys.argv[1]).glob("*.xlsx")):
    openpyxl.load_workbook(path)
"""
    + PEAK
)


def make_workbooks(folder: Path, count: int) -> None:
    """``count`` varied plans, each exported with the program's own Excel export."""
    from udviklingsplan_app.exchange.excel import write_workbook
    from udviklingsplan_app.exchange.json_format import read_plan_file
    from udviklingsplan_app.framework import get_framework

    example = read_plan_file(EXAMPLE)
    framework = get_framework(example.framework_id)
    templates = example.goals
    for number in range(count):
        plan = copy.deepcopy(example)
        plan.uid = f"plan-{number:04d}"
        plan.workplace = f"Enhed {number + 1} – {example.workplace}"
        plan.leader.name = f"Leder nr. {number + 1}"
        plan.level = 2 + number % 3
        plan.first_year = 2025 + number % 2
        goals = []
        for index in range(4 + (number * 7) % 57):
            goal = copy.deepcopy(templates[index % len(templates)])
            goal.uid = f"{number:04d}{index:04d}"
            goal.year = plan.first_year + index % plan.years
            goal.title = f"{goal.title} ({index + 1})"
            goals.append(goal)
        plan.goals = goals
        exported = dt.date(2027, 3, 1) - dt.timedelta(days=number % 200)
        write_workbook(plan, framework, folder / f"plan {number:03d}.xlsx", today=exported)


def measure(command: list[str]) -> tuple[float, int]:
    """Wall seconds and peak memory (KiB) of one child process."""
    start = time.perf_counter()
    proc = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0,):
        raise SystemExit(f"{command} failed: {proc.stderr.decode(errors='replace')}")
    lines = proc.stderr.decode(errors="replace").split()
    peak = int(lines[-1]) if lines and lines[-1].isdigit() else 0
    return elapsed, peak


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    files = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name) / "planer"
        folder.mkdir()
        start = time.perf_counter()
        make_workbooks(folder, files)
        made = time.perf_counter() - start
        size = sum(p.stat().st_size for p in folder.iterdir()) / 1024 / 1024
        print(f"{files} workbooks made in {made:.1f} s ({size:.1f} MiB)")
        cli = [sys.executable, "-c", "import sys; from udviklingsplan_app.cli import main; "]
        commands = {
            "read_plans": [sys.executable, "-c", READ_PLANS, str(folder)],
            "rollup command": [
                *cli[:2],
                cli[2]
                + "code = main(sys.argv[1:]); import resource; "
                + "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr); "
                + "sys.exit(code)",
                *("rollup", str(folder), "--out", str(Path(name) / "samlet.xlsx")),
            ],
            "plain openpyxl load": [sys.executable, "-c", PLAIN_LOAD, str(folder)],
        }
        results: dict[str, list[float]] = {key: [] for key in commands}
        peaks: dict[str, int] = dict.fromkeys(commands, 0)
        for command in commands.values():  # warm the file cache once
            measure(command)
        for _ in range(runs):
            for key, command in commands.items():
                seconds, peak = measure(command)
                results[key].append(seconds)
                peaks[key] = max(peaks[key], peak)
    base = statistics.median(results["plain openpyxl load"])
    print(f"{runs} alternating runs, whole processes, medians:")
    for key, samples in results.items():
        seconds = statistics.median(samples)
        print(
            f"  {key:22s} {seconds * 1000:7.0f} ms  ({seconds / base:.2f}× the plain load)"
            f"   peak memory {peaks[key] / 1024:6.1f} MiB"
        )
    ratio = statistics.median(results["read_plans"]) / base
    verdict = "within" if ratio <= 2 else "OVER"
    print(f"read_plans / plain load: {ratio:.2f}× ({verdict} the 2× budget; aim 1.2×)")


if __name__ == "__main__":
    main()
