"""Start-up time and peak memory of the program against a bare PySide6 window.

Whole processes, alternating runs, offscreen. Usage: ``python benchmarks/startup.py [RUNS]``.
Prints the medians and the ratios; nothing here is asserted by the test suite.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "resources" / "examples" / "den-sociale-hjemmepleje.json"


def measure_process(command: list[str]) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (user + system) and peak resident memory (MiB) of one process.

    The CPU time barely moves when other work shares the machine; the wall time does.
    """
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    start = time.perf_counter()
    proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{command} failed")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def measure(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak resident memory (MiB) of one child process."""
    elapsed, _, peak = measure_process(command)
    return elapsed, peak


def compile_sources() -> None:
    """Write the project's bytecode first, as every installation has it (pip, PyInstaller).

    Without it, a machine with PYTHONDONTWRITEBYTECODE set would compile the program's own
    modules on every start, while PySide6 and the standard library come precompiled: an
    unfair comparison with the bare window.
    """
    import compileall

    for folder in ("udviklingsplan_app", "ui"):
        compileall.compile_dir(ROOT / folder, quiet=1)
    compileall.compile_file(ROOT / "main.py", quiet=1)


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    compile_sources()
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "bench.db"
        subprocess.run(
            [sys.executable, str(ROOT / "main.py"), "--db", str(db), "import", str(EXAMPLE)],
            check=True,
            capture_output=True,
        )
        commands = {
            "bare PySide6 window": [sys.executable, str(ROOT / "benchmarks" / "bare_window.py")],
            "Udviklingsplan --smoke-test": [
                sys.executable,
                str(ROOT / "main.py"),
                "--db",
                str(db),
                "--smoke-test",
            ],
        }
        results: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
        for command in commands.values():  # warm the file cache once
            measure(command)
        for _ in range(runs):
            for name, command in commands.items():
                results[name].append(measure(command))
    base_time = statistics.median(t for t, _ in results["bare PySide6 window"])
    base_mem = statistics.median(m for _, m in results["bare PySide6 window"])
    print(f"{runs} alternating runs, medians:")
    for name, samples in results.items():
        seconds = statistics.median(t for t, _ in samples)
        memory = statistics.median(m for _, m in samples)
        print(
            f"  {name:30s} {seconds * 1000:7.0f} ms ({seconds / base_time:.2f}×)"
            f"   peak {memory:6.1f} MiB ({memory / base_mem:.2f}×)"
        )


if __name__ == "__main__":
    main()
