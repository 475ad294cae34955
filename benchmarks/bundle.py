"""The bundle's budgets: its size, its start-up against the same program from source, its memory.

Build it first (``make bundle``), then ``python benchmarks/bundle.py [RUNS]``. Whole processes,
alternating runs, offscreen, the project's bytecode compiled first (as ``startup.py`` does).
Budgets (issue 7): size < 150 MB; start-up ≤ 1.1× the program from source; peak memory
≤ 1.5× a bare PySide6 window. Prints the medians and the ratios; nothing here is asserted by
the test suite.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.startup import EXAMPLE, compile_sources  # noqa: E402
from benchmarks.startup import measure_process as measure  # noqa: E402

BUNDLE = ROOT / "dist" / "Udviklingsplan"
PROGRAM = BUNDLE / ("Udviklingsplan.exe" if sys.platform == "win32" else "Udviklingsplan")
SIZE_BUDGET = 150_000_000


def bundle_bytes(folder: Path) -> int:
    """Bytes of every file and link in the folder, as ``du -sb`` counts them (links not followed)."""
    return sum(path.lstat().st_size for path in folder.rglob("*") if not path.is_dir())


def main() -> None:
    if not PROGRAM.exists():
        raise SystemExit(f"{PROGRAM} is missing: run `make bundle` first")
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    size = bundle_bytes(BUNDLE)
    print(f"bundle size: {size / 1e6:.1f} MB ({size} bytes; budget {SIZE_BUDGET / 1e6:.0f} MB)")
    compile_sources()
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "bench.db"
        subprocess.run(
            [sys.executable, str(ROOT / "main.py"), "--db", str(db), "import", str(EXAMPLE)],
            check=True,
            capture_output=True,
        )
        smoke = ["--db", str(db), "--smoke-test"]
        commands = {
            "bare PySide6 window": [sys.executable, str(ROOT / "benchmarks" / "bare_window.py")],
            "from source --smoke-test": [sys.executable, str(ROOT / "main.py"), *smoke],
            "bundle --smoke-test": [str(PROGRAM), *smoke],
        }
        results: dict[str, list[tuple[float, float, float]]] = {name: [] for name in commands}
        for command in commands.values():  # warm the file cache once
            measure(command)
        for _ in range(runs):
            for name, command in commands.items():
                results[name].append(measure(command))

    def median(name: str, index: int) -> float:
        return statistics.median(sample[index] for sample in results[name])

    bare, source, bundle = "bare PySide6 window", "from source --smoke-test", "bundle --smoke-test"
    print(f"{runs} alternating runs, medians (wall time, CPU time, peak memory):")
    for name in commands:
        wall, cpu, memory = median(name, 0), median(name, 1), median(name, 2)
        print(
            f"  {name:26s} {wall * 1000:5.0f} ms ({wall / median(bare, 0):.2f}× bare)"
            f"  CPU {cpu * 1000:5.0f} ms ({cpu / median(bare, 1):.2f}×)"
            f"  peak {memory:5.1f} MiB ({memory / median(bare, 2):.2f}×)"
        )
    print(
        f"bundle start-up / from source: {median(bundle, 0) / median(source, 0):.2f}× wall,"
        f" {median(bundle, 1) / median(source, 1):.2f}× CPU (budget 1.10×)\n"
        f"bundle peak memory / bare window: {median(bundle, 2) / median(bare, 2):.2f}× (budget 1.50×)"
    )


if __name__ == "__main__":
    main()
