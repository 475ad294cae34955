"""Start-up time and peak memory of the program against a bare PySide6 window.

Whole processes, alternating runs, offscreen: the example plan, and the example plan with a
situation and a goal rationale of 40,000 characters each. Wall time, CPU time (user + system of
the child: the steadier figure on a shared machine) and peak memory, each as a median and as a
ratio to the bare window's median in the same run. Usage:
``python benchmarks/startup.py [RUNS] [--before DIR]``, where ``DIR`` is another checkout of the
program (``git worktree add DIR main``) measured in the same runs. Nothing here is asserted by
the test suite.
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


def compile_sources(root: Path = ROOT) -> None:
    """Write the project's bytecode first, as every installation has it (pip, PyInstaller).

    Without it, a machine with PYTHONDONTWRITEBYTECODE set would compile the program's own
    modules on every start, while PySide6 and the standard library come precompiled: an
    unfair comparison with the bare window.
    """
    import compileall

    for folder in ("udviklingsplan_app", "ui"):
        compileall.compile_dir(root / folder, quiet=1)
    compileall.compile_file(root / "main.py", quiet=1)


LONG_TEXT = 40_000


def long_text(seed: str, length: int = LONG_TEXT) -> str:
    """``seed``'s paragraphs repeated to ``length`` characters: a leader who wrote at length."""
    paragraphs = [line for line in seed.splitlines() if line.strip()] or ["Tekst."]
    out: list[str] = []
    size = 0
    while size < length:
        paragraph = paragraphs[len(out) % len(paragraphs)]
        out.append(paragraph)
        size += len(paragraph) + 1
    return "\n".join(out)[:length]


def plan_with_long_texts() -> dict[str, object]:
    """The example plan whose situation (facts) and first goal's rationale hold 40,000 characters
    each (within what a plan file from outside may hold: ``json_format.MAX_TEXT``)."""
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    plan = data["plan"]
    plan["situation"]["facts"] = long_text(plan["situation"]["facts"])
    goal = plan["goals"][0]
    goal["rationale"] = long_text(goal["rationale"] + "\n" + plan["situation"]["challenges"])
    return data


def import_plan(db: Path, plan_file: Path) -> None:
    subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--db", str(db), "import", str(plan_file)],
        check=True,
        capture_output=True,
    )


BARE = "bare PySide6 window"


def main() -> None:
    args = sys.argv[1:]
    before: Path | None = None
    if "--before" in args:  # another checkout of the program, measured in the same runs
        at = args.index("--before")
        before = Path(args[at + 1]).resolve()
        del args[at : at + 2]
    runs = int(args[0]) if args else 15
    programs = {"": ROOT, **({"before: ": before} if before else {})}
    for root in programs.values():
        compile_sources(root)
    with tempfile.TemporaryDirectory() as folder:
        example_db = Path(folder) / "example.db"
        import_plan(example_db, EXAMPLE)
        long_file = Path(folder) / "long-texts.json"
        long_file.write_text(json.dumps(plan_with_long_texts(), ensure_ascii=False), "utf-8")
        long_db = Path(folder) / "long-texts.db"
        import_plan(long_db, long_file)

        commands = {BARE: [sys.executable, str(ROOT / "benchmarks" / "bare_window.py")]}
        for prefix, root in programs.items():
            for label, db in (("example plan", example_db), ("40,000-char texts", long_db)):
                commands[f"{prefix}--smoke-test, {label}"] = [
                    sys.executable,
                    str(root / "main.py"),
                    "--db",
                    str(db),
                    "--smoke-test",
                ]
        results: dict[str, list[tuple[float, float, float]]] = {name: [] for name in commands}
        for command in commands.values():  # warm the file cache once
            measure_process(command)
        for _ in range(runs):
            for name, command in commands.items():
                results[name].append(measure_process(command))
    print(report(results, runs))


def report(results: dict[str, list[tuple[float, float, float]]], runs: int) -> str:
    """Medians of wall time, CPU time and peak memory, each ÷ the bare window's median."""

    def median(name: str, column: int) -> float:
        return statistics.median(sample[column] for sample in results[name])

    base = [median(BARE, column) for column in range(3)]
    lines = [f"{runs} alternating runs, medians (÷ the bare window in the same run):"]
    for name in results:
        wall, cpu, memory = (median(name, column) for column in range(3))
        lines.append(
            f"  {name:40s} wall {wall * 1000:5.0f} ms ({wall / base[0]:.2f}×)"
            f"   CPU {cpu * 1000:5.0f} ms ({cpu / base[1]:.2f}×)"
            f"   peak {memory:5.1f} MiB ({memory / base[2]:.2f}×)"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    main()
