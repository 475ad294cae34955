"""Udviklingsplan: start the program, or run a command (``udviklingsplan --help``)."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def _start_gui(db_path: Path | None, smoke_test: bool) -> int:
    if smoke_test:  # no screen needed: CI machines and start-up benchmarks have none
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from ui.app import run

    return run(db_path, smoke_test=smoke_test)


def main() -> int:
    from udviklingsplan_app.cli import main as cli_main

    return cli_main(sys.argv[1:], start_gui=_start_gui)


if __name__ == "__main__":
    sys.exit(main())
