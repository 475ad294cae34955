"""Udviklingsplan: start the program, or run a command (``udviklingsplan --help``)."""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path


def _start_gui(db_path: Path | None, smoke_test: bool) -> int:
    if smoke_test:  # no screen needed: CI machines and start-up benchmarks have none
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    # The core's modules (and the standard library modules they use) load before PySide6:
    # once PySide6 is in, the first import of each module reads that module's source to see
    # whether it uses PySide's __feature__ switches, a few ms over the whole start.
    import udviklingsplan_app.guidance
    import udviklingsplan_app.storage.location
    import udviklingsplan_app.storage.reading  # noqa: F401
    from ui.app import run

    # What the imports made (modules, classes, functions: about 20,000 objects) lives as long
    # as the program; the garbage collector need not walk it again in every full collection
    # (about 10 ms each, and the program makes two as it closes).
    gc.freeze()
    return run(db_path, smoke_test=smoke_test)


def _plain_start(argv: list[str]) -> tuple[Path | None, bool] | None:
    """``[--db PATH] [--smoke-test]``: the program's own start, without building the parser.

    Anything else (a command, ``--help``, a typo) goes to the command line's parser.
    """
    db_path: Path | None = None
    smoke_test = False
    rest = list(argv)
    while rest:
        arg = rest.pop(0)
        if arg == "--smoke-test" and not smoke_test:
            smoke_test = True
        elif arg == "--db" and db_path is None and rest and not rest[0].startswith("-"):
            db_path = Path(rest.pop(0))
        else:
            return None
    return db_path, smoke_test


def _export_pdf(plan_id: int, target: Path) -> object:
    """``export --out FIL.pdf``: the PDF writer lives beside the core (it needs Qt's QtGui), so
    the command line gets it from here and the core never imports it."""
    from udviklingsplan_pdf import export_plan

    return export_plan(plan_id, target)


def main() -> int:
    plain = _plain_start(sys.argv[1:])
    if plain is not None:
        return _start_gui(*plain)
    from udviklingsplan_app.cli import main as cli_main

    return cli_main(sys.argv[1:], start_gui=_start_gui, exporters={".pdf": _export_pdf})


if __name__ == "__main__":
    sys.exit(main())
