"""A stored plan written to a file for the manager."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .frameworks import plan_framework
from .plans import load_plan


def export_plan(plan_id: int, target: Path, *, today: dt.date | None = None) -> Path:
    """Load the stored plan and write it to ``target`` as an Excel workbook; returns the path.

    The service the command line calls; the window, which already holds the plan, calls
    :func:`~udviklingsplan_app.exchange.excel.write_workbook` from a worker thread.
    """
    from ..exchange.excel import write_workbook

    plan = load_plan(plan_id)
    target = Path(target)
    write_workbook(plan, plan_framework(plan_id), target, today=today)
    return target
