"""The Excel export: the plan as a meeting paper the leader's own manager can read, print and answer.

One workbook with Danish sheets: *Forside* (for the manager: who, what, the goals per year and
vision, and a one-line count of the open points), *Overblik* (with a native chart),
*Udviklingsmål* (one row per goal, a status drop-down, the status note and carry-over links, an
empty "Kommentar fra leder" column and a hidden stable goal id for a later round trip),
*Statushistorik*, *Dialoger*, *Aktuel situation*, *Vejledning* (the guidance findings) and
*Strategi*. Every sheet prints A4 landscape, one page wide, with its header row repeated.

*Strategi* (the framework, several pages) is printed only on request: its print area is one
empty cell, so printing the whole workbook skips it in Excel (a page without content is not
printed) and in LibreOffice (empty pages are suppressed). A sheet's state "hidden" would hide it
on screen too, and OOXML has no "do not print this sheet" flag. To print it: Excel's
*Ignorer udskriftsområde*, or LibreOffice's *Formatér ▸ Udskriftsområder ▸ Ryd*.

The file format is recognised by custom document properties (:data:`PROPERTY_FORMAT`,
:data:`PROPERTY_VERSION`), not by anything shown on a sheet.

Every user text is written as text, never as a formula; characters XML cannot hold are removed
and a text beyond Excel's cell limit is cut with a visible marker. openpyxl is imported only
when an export runs, so program start-up does not pay for it.

The package: :mod:`.names` (the format's names and what a cell may hold, shared with the
answer's reader), :mod:`.writer` (the cell writer, styles and print setup, shared with the
manager's combined workbook), :mod:`.layout` (column widths and row heights), :mod:`.texts`
and :mod:`.wording` (the plan in words), one module per sheet, and here the workbook.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ...atomic_files import write_atomically
from ...domain import Plan
from ...formatting import long_date, years_label
from ...framework import Framework
from ...guidance import check_plan
from ..files import safe_file_name
from .dialogues import write_dialogues
from .fast_save import fast_cells
from .front import write_front
from .goals import write_goals
from .guidance import write_guidance
from .history import write_history
from .names import (
    CELL_LIMIT,
    COMMENT_HEADER,
    CUT_MARKER,
    EARLIER_HEADER,
    FORMAT_NAME,
    FORMAT_VERSION,
    ID_HEADER,
    PROPERTY_FORMAT,
    PROPERTY_FRAMEWORK,
    PROPERTY_VERSION,
    SHEET_DIALOGUES,
    SHEET_FRONT,
    SHEET_GOALS,
    SHEET_GUIDANCE,
    SHEET_HISTORY,
    SHEET_OVERVIEW,
    SHEET_SITUATION,
    SHEET_STRATEGY,
    STATUS_HEADER,
    STATUS_NOTE_HEADER,
    XML_ILLEGAL,
    cell_text,
    sheet_name,
)
from .overview import FOCUS_MARK, write_overview
from .situation import write_situation
from .strategy import write_strategy
from .wording import earlier_comments, earlier_comments_text
from .writer import Sheet, Styles

__all__ = [
    "CELL_LIMIT",
    "COMMENT_HEADER",
    "CUT_MARKER",
    "EARLIER_HEADER",
    "FOCUS_MARK",
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "ID_HEADER",
    "PROPERTY_FORMAT",
    "PROPERTY_FRAMEWORK",
    "PROPERTY_VERSION",
    "SHEET_DIALOGUES",
    "SHEET_FRONT",
    "SHEET_GOALS",
    "SHEET_GUIDANCE",
    "SHEET_HISTORY",
    "SHEET_OVERVIEW",
    "SHEET_SITUATION",
    "SHEET_STRATEGY",
    "STATUS_HEADER",
    "STATUS_NOTE_HEADER",
    "build_workbook",
    "cell_text",
    "default_file_name",
    "earlier_comments",
    "earlier_comments_text",
    "sheet_name",
    "write_workbook",
]


def default_file_name(plan: Plan) -> str:
    """``Udviklingsplan <arbejdsplads> <år>.xlsx``, safe as a Windows file name."""
    years = years_label(plan.first_year, plan.years)
    return safe_file_name(f"Udviklingsplan {plan.workplace} {years}", ".xlsx")


def write_workbook(
    plan: Plan, framework: Framework, target: Path, *, today: dt.date | None = None
) -> None:
    """Write the plan as an Excel workbook to ``target``, atomically.

    A target that is open in another program or cannot be written raises a Danish
    :class:`~udviklingsplan_app.errors.InputError`, and the old file stays as it was.
    """
    workbook = build_workbook(plan, framework, today=today or dt.date.today())

    def write(tmp: Path) -> None:
        with fast_cells():
            workbook.save(tmp)

    write_atomically(Path(target), write)


def _plain(text: str, limit: int = 250) -> str:
    """One line of text for a document property: XML-safe and short."""
    return " ".join(XML_ILLEGAL.sub("", text).split())[:limit]


def build_workbook(
    plan: Plan, framework: Framework, *, today: dt.date, export_id: str | None = None
) -> Any:
    """The plan as an openpyxl ``Workbook`` (not yet saved).

    ``export_id`` names this export in the workbook's hidden marks (a new one when not given),
    so that the manager's answer can be read back (:mod:`.answer`).
    """
    from openpyxl import Workbook  # type: ignore[import-untyped]

    from ... import app_version
    from ..answer import add_answer_marks, new_export_id

    workbook = Workbook()
    styles = Styles(workbook)
    findings = check_plan(plan, framework, today)
    front = Sheet(workbook.active, styles)
    front.ws.title = sheet_name(SHEET_FRONT)
    write_front(front, plan, framework, today, findings)
    front.print_setup(plan, today, title_rows=None, freeze="")
    front.ws.page_setup.fitToHeight = 1  # the manager's first page is one page
    # Each list sheet: its name, how it is built, and the cell its frozen panes start at.
    builders: list[tuple[str, Callable[[Sheet], None], str]] = [
        (SHEET_OVERVIEW, lambda s: write_overview(s, plan, framework), "B2"),
        (SHEET_GOALS, lambda s: write_goals(s, plan, framework), "E2"),
        (SHEET_HISTORY, lambda s: write_history(s, plan), "C2"),
        (SHEET_DIALOGUES, lambda s: write_dialogues(s, plan), "C2"),
        (SHEET_SITUATION, lambda s: write_situation(s, plan), "A2"),
        (SHEET_GUIDANCE, lambda s: write_guidance(s, findings), "A2"),
        (SHEET_STRATEGY, lambda s: write_strategy(s, framework), "A2"),
    ]
    for name, build, freeze in builders:
        sheet = Sheet(workbook.create_sheet(sheet_name(name)), styles)
        build(sheet)
        on_request = name == SHEET_STRATEGY
        sheet.print_setup(plan, today, freeze=freeze, title_rows=None if on_request else "1:1")
        if on_request:
            _print_only_on_request(sheet.ws)
    workbook.active = 0
    _properties(workbook, plan, framework, today)
    add_answer_marks(
        workbook,
        plan,
        export_id=export_id or new_export_id(),
        today=today,
        front_sheet=front.ws.title,
        program_version=app_version(),
    )
    return workbook


def _print_only_on_request(ws: Any) -> None:
    """Leave the sheet out of the workbook's print: its print area is one empty cell below it.

    Excel and LibreOffice print no page without content, so "print the whole workbook" skips
    the sheet; it has no title rows either, which could make a page of their own. The sheet
    stays visible, and prints whole with Excel's *Ignorer udskriftsområde*.
    """
    ws.print_area = f"A{ws.max_row + 2}"


def _properties(workbook: Any, plan: Plan, framework: Framework, today: dt.date) -> None:
    from openpyxl.packaging.custom import IntProperty, StringProperty  # type: ignore[import-untyped]

    props = workbook.properties
    years = years_label(plan.first_year, plan.years)
    props.title = _plain(f"Udviklingsplan – {plan.workplace} {years}")
    props.subject = "Udviklingsplan for arbejdspladsen"
    props.creator = _plain(plan.leader.name) or "Udviklingsplan"
    props.lastModifiedBy = props.creator
    props.description = _plain(
        f"Udviklingsplan efter {framework.label}, eksporteret {long_date(today)}."
    )
    props.keywords = "Udviklingsplan; Socialforvaltningen; Københavns Kommune"
    props.category = "Udviklingsplan"
    props.language = "da-DK"
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
    props.created = props.modified = now
    custom = workbook.custom_doc_props
    custom.append(StringProperty(name=PROPERTY_FORMAT, value=FORMAT_NAME))
    custom.append(IntProperty(name=PROPERTY_VERSION, value=FORMAT_VERSION))
    framework_ref = f"{plan.framework_id} {plan.framework_version}".strip()
    custom.append(StringProperty(name=PROPERTY_FRAMEWORK, value=_plain(framework_ref)))
