"""Sending the plan to the manager: the workbook and an e-mail draft beside it.

The draft (``.eml``) carries the workbook as an attachment; the same workbook is also written
beside the draft, under the export's default file name, so the leader has the very file that
was sent (and can attach it by hand where no mail program opens ``.eml`` files). A file of that
name already there is replaced (it is an earlier export). The workbook is written first, then
the draft; each atomically.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .domain import Plan
from .errors import InputError
from .exchange.email_draft import write_draft
from .exchange.excel import default_file_name, write_workbook
from .framework import Framework


def draft_paths(plan: Plan, draft: Path) -> tuple[Path, Path]:
    """The workbook's path (beside the draft, the export's default name) and the draft's."""
    draft = Path(draft)
    if draft.suffix.lower() != ".eml":
        raise InputError(f"E-mailkladden skal have endelsen .eml, ikke »{draft.suffix}«.")
    return draft.with_name(default_file_name(plan)), draft


def write_plan_draft(
    plan: Plan, framework: Framework, draft: Path, *, today: dt.date | None = None
) -> tuple[Path, Path]:
    """Write the workbook and then the draft addressed to the manager; returns both paths.

    For the window, which holds the plan (run it in a worker).
    """
    today = today or dt.date.today()
    workbook, draft = draft_paths(plan, draft)
    write_workbook(plan, framework, workbook, today=today)
    write_draft(plan, workbook, draft, to=plan.manager.email or None, today=today)
    return workbook, draft


def write_draft_with_workbook(
    plan_id: int, draft: Path, *, today: dt.date | None = None
) -> tuple[Path, Path]:
    """:func:`write_plan_draft` for a stored plan (the command line's ``export --out FIL.eml``)."""
    from . import services

    plan = services.load_plan(plan_id)
    return write_plan_draft(plan, services.plan_framework(plan_id), draft, today=today)
