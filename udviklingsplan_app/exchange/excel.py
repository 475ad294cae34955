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
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Iterable, Sequence
from copy import copy
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..atomic_files import write_atomically
from ..domain import DialogueKind, Goal, Plan, Severity, SituationSection, Status
from ..formatting import danish_date, danish_number, long_date, years_label
from ..framework import Framework
from ..guidance import Finding, check_plan
from . import excel_layout
from .excel_texts import carry_over_links, current_status_note, open_points
from .files import safe_file_name

#: What the workbook says about its format, so a returned workbook can be recognised and read.
FORMAT_NAME = "udviklingsplan-excel"
FORMAT_VERSION = 1
#: Custom document properties a later import reads (kept off the sheets the manager reads).
PROPERTY_FORMAT = "Udviklingsplan-format"
PROPERTY_VERSION = "Udviklingsplan-formatversion"
PROPERTY_FRAMEWORK = "Udviklingsplan-strategiramme"

SHEET_FRONT = "Forside"
SHEET_OVERVIEW = "Overblik"
SHEET_GOALS = "Udviklingsmål"
SHEET_HISTORY = "Statushistorik"
SHEET_DIALOGUES = "Dialoger"
SHEET_SITUATION = "Aktuel situation"
SHEET_GUIDANCE = "Vejledning"
SHEET_STRATEGY = "Strategi"

STATUS_HEADER = "Status"
STATUS_NOTE_HEADER = "Statusnote"
COMMENT_HEADER = "Kommentar fra leder"
ID_HEADER = "Id (må ikke ændres)"

#: Excel holds at most this many characters (UTF-16 code units) in a cell.
CELL_LIMIT = 32_767
CUT_MARKER = " … (forkortet – se hele teksten i programmet)"

# What XML 1.0 cannot hold (openpyxl's ILLEGAL_CHARACTERS_RE, plus U+FFFE/U+FFFF and lone
# surrogates), kept here so this module does not import openpyxl at start.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Excel reads "_x0041_" in a cell as an escaped character; "_x005F_" keeps the text literal.
_EXCEL_ESCAPE = re.compile(r"_(?=x[0-9A-Fa-f]{4}_)")
# A text starting like this would be taken for a formula when the cell is edited in Excel.
_FORMULA_START = ("=", "+", "-", "@")
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")

_HEADER_FILL = "D9E1F2"
_BORDER_COLOUR = "BFBFBF"
_COVERED_FILL = "E2EFDA"
_UNCOVERED_FILL = "FCE4D6"
_FOCUS_FILL = "DDEBF7"  # a year's chosen focus that has no goal yet
_EMPTY_FILL = "F2F2F2"
_COMMENT_FILL = "FFF9E5"
_SEVERITY_FILLS = {Severity.FEJL: "F8CBAD", Severity.ADVARSEL: "FFE699", Severity.TIP: "DDEBF7"}

_SIDE_MARGIN = 0.3  # inches; Excel's "narrow" is 0.25
# A4 landscape inside the margins below, in points, and a column-width unit in points.
_PAGE_WIDTH = (11.69 - 2 * _SIDE_MARGIN) * 72
_PAGE_HEIGHT = (8.27 - 2 * 0.75) * 72
_UNIT_POINTS = 5.25


def default_file_name(plan: Plan) -> str:
    """``Udviklingsplan <arbejdsplads> <år>.xlsx``, safe as a Windows file name."""
    years = years_label(plan.first_year, plan.years)
    return safe_file_name(f"Udviklingsplan {plan.workplace} {years}", ".xlsx")


def export_plan(plan_id: int, target: Path, *, today: dt.date | None = None) -> Path:
    """Load the stored plan and write it to ``target`` as a workbook; returns the path.

    The service the command line calls; the window, which already holds the plan, calls
    :func:`write_workbook` from a worker thread.
    """
    from .. import services

    plan = services.load_plan(plan_id)
    framework = services.plan_framework(plan_id)
    target = Path(target)
    write_workbook(plan, framework, target, today=today)
    return target


def write_workbook(
    plan: Plan, framework: Framework, target: Path, *, today: dt.date | None = None
) -> None:
    """Write the plan as an Excel workbook to ``target``, atomically.

    A target that is open in another program or cannot be written raises a Danish
    :class:`~udviklingsplan_app.errors.InputError`, and the old file stays as it was.
    """
    workbook = build_workbook(plan, framework, today=today or dt.date.today())

    def write(tmp: Path) -> None:
        workbook.save(tmp)

    write_atomically(Path(target), write)


# --- text made safe for a cell -------------------------------------------------------------


def cell_text(value: str) -> str:
    """The text as a cell may hold it: no XML-illegal characters, within Excel's limit."""
    text = _XML_ILLEGAL.sub("", value)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if len(text) > CELL_LIMIT // 2 and _utf16_length(text) > CELL_LIMIT:
        room = CELL_LIMIT - len(CUT_MARKER)
        text = text[:room]
        while _utf16_length(text) > room:  # characters beyond U+FFFF count twice in Excel
            text = text[: room - (_utf16_length(text) - len(text)) - 1]
        text = text.rstrip() + CUT_MARKER
    if "_x" in text:
        text = _EXCEL_ESCAPE.sub("_x005F_", text)
    return text


def _plain(text: str, limit: int = 250) -> str:
    """One line of text for a document property: XML-safe and short."""
    return " ".join(_XML_ILLEGAL.sub("", text).split())[:limit]


def _utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def sheet_name(text: str) -> str:
    """A sheet name Excel accepts: no ``[]:*?/\\``, not quoted, at most 31 characters."""
    name = _SHEET_FORBIDDEN.sub(" ", _XML_ILLEGAL.sub("", text)).strip().strip("'")
    return name[:31].strip() or "Ark"


def _header_footer_text(text: str, limit: int = 70) -> str:
    """Free text inside a page header: one line, ``&`` doubled (it starts a code there)."""
    one_line = " ".join(_XML_ILLEGAL.sub("", text).split())
    if len(one_line) > limit:
        one_line = one_line[: limit - 1].rstrip() + "…"
    return one_line.replace("&", "&&")


# --- Danish wording ------------------------------------------------------------------------


def _bullets(lines: Iterable[str]) -> list[str]:
    return [f"• {line}" for line in lines]


def _actions_text(goal: Goal) -> str:
    lines = []
    for action in goal.actions:
        details = [action.responsible] if action.responsible else []
        if action.deadline:
            details.append(f"frist {danish_date(action.deadline)}")
        if action.done:
            details.append("udført")
        lines.append(action.text + (f" ({', '.join(details)})" if details else ""))
    return "\n".join(_bullets(lines))


def _success_text(goal: Goal, framework: Framework) -> str:
    parts = []
    if goal.success_signs:
        signs = []
        for sign_id in goal.success_signs:
            sign = framework.sign(sign_id)
            signs.append(f"{sign.code} {sign.text}" if sign else sign_id)
        parts.append("\n".join([f"{framework.terms.signs}:", *_bullets(signs)]))
    if goal.success_criteria:
        parts.append("\n".join(["Egne kriterier:", *_bullets(goal.success_criteria)]))
    return "\n".join(parts)


def _indicators_text(goal: Goal) -> str:
    lines = []
    for indicator in goal.indicators:
        name = f"{indicator.name} ({indicator.unit})" if indicator.unit else indicator.name
        text = f"{name}: udgangspunkt {danish_number(indicator.baseline, empty='–')}, mål {danish_number(indicator.target, empty='–')}"
        latest = indicator.latest
        if latest is not None:
            text += f", seneste {danish_number(latest.value)} ({danish_date(latest.date)})"
        lines.append(text)
    return "\n".join(_bullets(lines))


def _involvement_text(goal: Goal) -> str:
    lines = []
    for entry in goal.involvement:
        head = entry.party.label + (f", {danish_date(entry.date)}" if entry.date else "")
        body = " – ".join(part for part in (entry.form, entry.outcome) if part)
        lines.append(f"{head}: {body}" if body else head)
    return "\n".join(_bullets(lines))


def _vision_title(framework: Framework, vision_id: str) -> str:
    vision = framework.vision(vision_id)
    return f"{vision.code} {vision.title}" if vision else vision_id


def _vision_code(framework: Framework, vision_id: str) -> str:
    vision = framework.vision(vision_id)
    return vision.code if vision else vision_id


def _theme_title(framework: Framework, theme_id: str | None) -> str:
    if not theme_id:
        return ""
    found = framework.theme(theme_id)
    return f"{found[1].code} {found[1].title}" if found else theme_id


# --- layout helpers ------------------------------------------------------------------------


def _lines(text: str, width: float, *, bold: bool = False) -> int:
    """How many lines the text takes when wrapped in a column this wide (an estimate)."""
    return excel_layout.wrapped_lines(text, width, bold=bold)


def _height(lines: int) -> float:
    return excel_layout.row_points(lines)


def _print_scale(widths: Iterable[float]) -> float:
    """The scale a one-page-wide print of columns this wide comes out at (1.0: full size)."""
    points = sum(width * 7 + 5 for width in widths) * 0.75  # Excel: 7 pixels a unit, 5 padding
    return min(1.0, _PAGE_WIDTH / points)


@dataclass(frozen=True)
class _Column:
    header: str
    width: float


class _Styles:
    """The workbook's few cell styles, made once and shared by every cell (fast to write)."""

    def __init__(self, workbook: Any) -> None:
        from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side  # type: ignore[import-untyped]

        def font(size: float = 11, **attributes: Any) -> Any:
            # Every style names its font: without one, LibreOffice falls back to a serif.
            return Font(name="Calibri", family=2, size=size, **attributes)

        side = Side(style="thin", color=_BORDER_COLOUR)
        border = Border(left=side, right=side, top=side, bottom=side)
        top = Alignment(horizontal="left", vertical="top", wrap_text=True)

        def named(name: str, **attributes: Any) -> str:
            style = NamedStyle(name=name, **attributes)
            workbook.add_named_style(style)
            return name

        self.header = named(
            "Udviklingsplan overskrift",
            font=font(bold=True),
            fill=PatternFill("solid", fgColor=_HEADER_FILL),
            border=border,
            alignment=Alignment(vertical="center", wrap_text=True),
        )
        self.text = named("Udviklingsplan tekst", font=font(), border=border, alignment=top)
        self.flow = named(
            "Udviklingsplan løbende tekst",
            font=font(),
            border=Border(left=side, right=side),
            alignment=top,
        )
        self.flow_end = Border(left=side, right=side, bottom=side)
        self.comment = named(
            "Udviklingsplan kommentar",
            font=font(),
            fill=PatternFill("solid", fgColor=_COMMENT_FILL),
            border=border,
            alignment=top,
        )
        self.vision = named(
            "Udviklingsplan vision",
            font=font(bold=True),
            fill=PatternFill("solid", fgColor=_EMPTY_FILL),
            border=border,
            alignment=top,
        )
        self.center = named(
            "Udviklingsplan midt",
            font=font(),
            border=border,
            alignment=Alignment(horizontal="center", vertical="top", wrap_text=True),
        )
        self.date = named(
            "Udviklingsplan dato",
            font=font(),
            border=border,
            alignment=Alignment(horizontal="left", vertical="top"),
            number_format="dd-mm-yyyy",
        )
        self.label = named(
            "Udviklingsplan etiket", font=font(bold=True), border=border, alignment=top
        )
        self.plain = named("Udviklingsplan enkel", font=font(), alignment=top)
        self.title = named("Udviklingsplan titel", font=font(18, bold=True))
        self.heading = named("Udviklingsplan afsnit", font=font(13, bold=True))
        self.note = named(
            "Udviklingsplan note", font=font(italic=True, color="595959"), alignment=top
        )
        fill = PatternFill
        self.covered_fill = fill("solid", fgColor=_COVERED_FILL)
        self.uncovered_fill = fill("solid", fgColor=_UNCOVERED_FILL)
        self.focus_fill = fill("solid", fgColor=_FOCUS_FILL)
        self.empty_fill = fill("solid", fgColor=_EMPTY_FILL)
        self.severity_fills = {s: fill("solid", fgColor=c) for s, c in _SEVERITY_FILLS.items()}
        self.arrays: dict[str, Any] = {}  # named style → openpyxl's per-cell style array
        self.bold = font(bold=True)
        self.grey = font(italic=True, color="595959")


class _Sheet:
    """One worksheet and the writing of its cells: every text through :func:`cell_text`."""

    def __init__(self, worksheet: Any, styles: _Styles) -> None:
        self.ws = worksheet
        self.styles = styles

    def put(self, row: int, column: int, value: object, style: str) -> Any:
        cell = self.ws.cell(row=row, column=column)
        # Looking a named style up by name costs more than the rest of the cell; a copy of
        # its index array (what openpyxl stores per cell) gives the same formatting.
        arrays = self.styles.arrays
        if style in arrays:
            cell._style = copy(arrays[style])
        else:
            cell.style = style
            arrays[style] = copy(cell._style)
        if isinstance(value, str):
            text = cell_text(value)
            if not text:
                return cell
            cell.value = text
            if text.startswith(_FORMULA_START):
                # Stored as text and shown literally, also after the cell is edited in Excel.
                cell.data_type = "s"
                cell.quotePrefix = True
        elif value is not None:
            cell.value = value
        return cell

    def header_row(self, row: int, columns: Sequence[_Column], first: int = 1) -> None:
        lines = 1
        for offset, column in enumerate(columns):
            self.put(row, first + offset, column.header, self.styles.header)
            self.ws.column_dimensions[_letter(first + offset)].width = column.width
            lines = max(lines, _lines(column.header, column.width, bold=True))
        self.ws.row_dimensions[row].height = _height(lines)

    def fit_row(
        self,
        row: int,
        texts: Sequence[tuple[str, float]],
        minimum: int = 1,
        *,
        label: tuple[str, float] | None = None,
        bold: bool = False,
    ) -> None:
        """Make the row tall enough for its wrapped texts (and a bold label's)."""
        lines = max([minimum, *(_lines(text, width, bold=bold) for text, width in texts if text)])
        if label and label[0]:
            lines = max(lines, _lines(label[0], label[1], bold=True))
        if lines > 1:
            self.ws.row_dimensions[row].height = _height(lines)

    def print_setup(
        self, plan: Plan, today: dt.date, *, title_rows: str | None = "1:1", freeze: str = "A2"
    ) -> None:
        ws = self.ws
        if freeze:
            ws.freeze_panes = freeze
        setup = ws.page_setup
        setup.orientation = "landscape"
        setup.paperSize = ws.PAPERSIZE_A4
        setup.fitToWidth = 1
        setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.print_options.horizontalCentered = True
        margins = ws.page_margins
        margins.left = margins.right = _SIDE_MARGIN
        margins.top = margins.bottom = 0.75
        margins.header = margins.footer = 0.3
        if title_rows:
            ws.print_title_rows = title_rows
        workplace = _header_footer_text(plan.workplace)
        ws.oddHeader.left.text = f"Udviklingsplan {years_label(plan.first_year, plan.years)}"
        ws.oddHeader.center.text = f"&B{workplace}&B"
        ws.oddHeader.right.text = "&A"
        ws.oddFooter.left.text = f"Eksporteret {long_date(today)}"
        ws.oddFooter.right.text = "Side &P af &N"
        for part in (ws.oddHeader.left, ws.oddHeader.right, ws.oddFooter.left, ws.oddFooter.right):
            part.size = 9


# --- the workbook --------------------------------------------------------------------------


def build_workbook(
    plan: Plan, framework: Framework, *, today: dt.date, export_id: str | None = None
) -> Any:
    """The plan as an openpyxl ``Workbook`` (not yet saved).

    ``export_id`` names this export in the workbook's hidden marks (a new one when not given),
    so that the manager's answer can be read back (:mod:`.answer`).
    """
    from openpyxl import Workbook  # type: ignore[import-untyped]

    from .. import app_version
    from .answer import add_answer_marks, new_export_id

    workbook = Workbook()
    styles = _Styles(workbook)
    findings = check_plan(plan, framework, today)
    front = _Sheet(workbook.active, styles)
    front.ws.title = sheet_name(SHEET_FRONT)
    _front(front, plan, framework, today, findings)
    front.print_setup(plan, today, title_rows=None, freeze="")
    front.ws.page_setup.fitToHeight = 1  # the manager's first page is one page
    # Each list sheet: its name, how it is built, and the cell its frozen panes start at.
    builders: list[tuple[str, Callable[[_Sheet], None], str]] = [
        (SHEET_OVERVIEW, lambda s: _overview(s, plan, framework), "B2"),
        (SHEET_GOALS, lambda s: _goals(s, plan, framework), "E2"),
        (SHEET_HISTORY, lambda s: _history(s, plan), "C2"),
        (SHEET_DIALOGUES, lambda s: _dialogues(s, plan), "C2"),
        (SHEET_SITUATION, lambda s: _situation(s, plan), "A2"),
        (SHEET_GUIDANCE, lambda s: _guidance(s, findings), "A2"),
        (SHEET_STRATEGY, lambda s: _strategy(s, framework), "A2"),
    ]
    for name, build, freeze in builders:
        sheet = _Sheet(workbook.create_sheet(sheet_name(name)), styles)
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


_FRONT_TITLES = 6  # goal titles listed in one front-sheet cell; the rest are counted


def _front_cell(goals: Sequence[Goal]) -> str:
    lines = [f"{goal.title} ({goal.status.label.lower()})" for goal in goals[:_FRONT_TITLES]]
    text = "\n".join(_bullets(lines))
    if len(goals) > _FRONT_TITLES:
        text += f"\n… og {len(goals) - _FRONT_TITLES} flere (se »{SHEET_GOALS}«)"
    return text


def _front(
    sheet: _Sheet, plan: Plan, framework: Framework, today: dt.date, findings: Sequence[Finding]
) -> None:
    """The manager's first page: who, what, the goals per year and vision, the open points."""
    ws, st = sheet.ws, sheet.styles
    known = {vision.id for vision in framework.visions}
    keys = [v.id for v in framework.visions] + sorted(
        {g.vision for g in plan.goals if g.vision not in known}
    )
    cells = {
        (year, key): _front_cell([g for g in plan.goals_in(year) if g.vision == key])
        for year in plan.cycle_years
        for key in keys
    }
    # One page wide at full size: the label column, a column per vision, and the count.
    label_width, total_width = 17.0, 7.0
    room = (_PAGE_WIDTH / 0.75 - 5 * (len(keys) + 2)) / 7 - label_width - total_width
    vision_width = max(18.0, room / max(1, len(keys)))
    widths = [label_width]
    for key in keys:
        texts = [_vision_title(framework, key), *(cells[y, key] for y in plan.cycle_years)]
        needed = max(excel_layout.word_width(text, bold=True) for text in texts)
        widths.append(max(vision_width, min(40.0, needed)))
    widths.append(total_width)
    last = len(widths)
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[_letter(index)].width = width
    value_width = sum(widths[1:])

    sheet.put(1, 1, "Udviklingsplan for arbejdspladsen", st.title)
    ws.row_dimensions[1].height = 28
    sheet.put(2, 1, plan.workplace, st.heading)
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=last)
    ws.row_dimensions[2].height = _height(_lines(plan.workplace, sum(widths) * 0.85)) + 4

    leader = ", ".join(part for part in (plan.leader.name, plan.leader.title) if part)
    manager = ", ".join(part for part in (plan.manager.name, plan.manager.title) if part)
    facts = [
        ("Leder", leader),
        ("Ledelsesniveau", str(plan.level)),
        ("Arbejdsplads", plan.workplace),
        ("Egen leder", manager),
        ("Strategiramme", f"{framework.title} – {framework.label}"),
        ("Cyklus", f"{years_label(plan.first_year, plan.years)} ({plan.years} år)"),
        ("Eksporteret", long_date(today)),
        ("Åbne punkter", open_points(findings, SHEET_GUIDANCE)),
    ]
    row = 4
    for label, value in facts:
        sheet.put(row, 1, label, st.label)
        sheet.put(row, 2, value, st.text)
        for column in range(3, last + 1):
            sheet.put(row, column, None, st.text)
        ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=last)
        sheet.fit_row(row, [(value, value_width)], label=(label, widths[0]))
        row += 1

    row += 1
    sheet.put(row, 1, f"Udviklingsmål pr. år og {framework.terms.vision.lower()}", st.heading)
    row += 1
    sheet.header_row(
        row,
        [
            _Column("År", widths[0]),
            *(
                _Column(_vision_title(framework, k), w)
                for k, w in zip(keys, widths[1:-1], strict=True)
            ),
            _Column("I alt", total_width),
        ],
    )
    for year in plan.cycle_years:
        row += 1
        sheet.put(row, 1, year, st.label)
        filled: list[tuple[str, float]] = []
        for offset, key in enumerate(keys):
            text = cells[year, key]
            if text:
                sheet.put(row, 2 + offset, text, st.text)
                filled.append((text, widths[1 + offset]))
            else:
                sheet.put(row, 2 + offset, "–", st.center).font = st.grey
        sheet.put(row, last, len(plan.goals_in(year)), st.center)
        sheet.fit_row(row, filled)
    row += 1
    sheet.put(row, 1, "I alt", st.label)
    in_cycle = [g for g in plan.goals if g.year in plan.cycle_years]
    for offset, key in enumerate(keys):
        count = sum(1 for g in in_cycle if g.vision == key)
        sheet.put(row, 2 + offset, f"{count} mål" if count else "Ikke dækket", st.label)
    sheet.put(row, last, len(in_cycle), st.center).font = st.bold

    notes = []
    if plan.goals:
        counts = [
            f"{n} {status.label.lower()}"
            for status in Status
            if (n := sum(1 for g in plan.goals if g.status is status))
        ]
        notes.append(f"Status for de {len(plan.goals)} udviklingsmål: {', '.join(counts)}.")
    outside = [g for g in plan.goals if g.year not in plan.cycle_years]
    if outside:
        notes.append(f"{len(outside)} udviklingsmål ligger uden for cyklussen.")
    for note in notes:
        row += 1
        sheet.put(row, 1, note, st.note)
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last)

    row += 2
    sheet.put(row, 1, "Sådan læses filen", st.heading)
    guide = [
        f"»{SHEET_GOALS}« har ét mål pr. række med status og statusnote; »{SHEET_HISTORY}« "
        f"viser, hvordan status har ændret sig; »{SHEET_GUIDANCE}« har programmets bemærkninger.",
        f"Skriv gerne dine kommentarer i kolonnen »{COMMENT_HEADER}« på arket »{SHEET_GOALS}«, "
        "og send filen retur.",
        f"»{SHEET_STRATEGY}« gengiver strategirammen til opslag og udskrives kun efter ønske "
        "(i Excel: Udskriv ▸ Ignorer udskriftsområde).",
    ]
    for line in guide:
        row += 1
        sheet.put(row, 1, line, st.plain)
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last)
        sheet.fit_row(row, [(line, sum(widths))])


def _guidance(sheet: _Sheet, findings: Sequence[Finding]) -> None:
    """Every finding of the guidance, the most serious first, for the leader and the manager."""
    st = sheet.styles
    columns = [_Column("Alvor", 12), _Column("Bemærkning", 120)]
    sheet.header_row(1, columns)
    if not findings:
        sheet.put(2, 1, "Ingen bemærkninger – planen følger strategiens anbefalinger.", st.note)
        sheet.ws.merge_cells("A2:B2")
    for row, finding in enumerate(findings, start=2):
        cell = sheet.put(row, 1, finding.severity.label, st.label)
        cell.fill = st.severity_fills[finding.severity]
        sheet.put(row, 2, finding.message, st.text)
        sheet.fit_row(row, [(finding.message, columns[1].width)])
    sheet.ws.auto_filter.ref = f"A1:B{max(2, len(findings) + 1)}"


def _history(sheet: _Sheet, plan: Plan) -> None:
    """Each goal's status changes, oldest first: when, which status, and the note given."""
    st = sheet.styles
    columns = [
        _Column("År", 6),
        _Column("Udviklingsmål", 40),
        _Column("Dato", 12),
        _Column("Status", 15),
        _Column("Note", 70),
    ]
    sheet.header_row(1, columns)
    row = 1
    for goal in plan.goals:
        for change in sorted(goal.status_history, key=lambda c: c.at):
            row += 1
            sheet.put(row, 1, goal.year, st.center)
            sheet.put(row, 2, goal.title, st.text)
            sheet.put(row, 3, change.at.date(), st.date)
            sheet.put(row, 4, change.status.label, st.text)
            sheet.put(row, 5, change.note, st.text)
            sheet.fit_row(row, [(goal.title, 40), (change.status.label, 15), (change.note, 70)])
    if row == 1:
        sheet.put(2, 1, "Ingen statusændringer registreret endnu.", st.note)
        sheet.ws.merge_cells("A2:E2")
    sheet.ws.auto_filter.ref = f"A1:E{max(2, row)}"


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

    return str(get_column_letter(index))


_OVERVIEW_TITLES = 8  # titles listed in one overview cell; the rest are counted


#: Marks a vision the year focuses on (the guide's four-year overview).
FOCUS_MARK = "Fokus"


def _overview_text(goals: Sequence[Goal], focus: bool = False) -> str:
    count = f"{FOCUS_MARK} · {len(goals)} mål" if focus else f"{len(goals)} mål"
    lines = [count, *_bullets(goal.title for goal in goals[:_OVERVIEW_TITLES])]
    if len(goals) > _OVERVIEW_TITLES:
        lines.append(f"… og {len(goals) - _OVERVIEW_TITLES} flere (se »{SHEET_GOALS}«)")
    return "\n".join(lines)


def _overview(sheet: _Sheet, plan: Plan, framework: Framework) -> None:
    from openpyxl.chart import BarChart, Reference  # type: ignore[import-untyped]
    from openpyxl.chart.series import SeriesLabel  # type: ignore[import-untyped]
    from openpyxl.worksheet.pagebreak import Break  # type: ignore[import-untyped]

    ws, st = sheet.ws, sheet.styles
    known = {vision.id for vision in framework.visions}
    others = sorted({g.vision for g in plan.goals if g.vision not in known})
    keys = [vision.id for vision in framework.visions] + others
    titles = [_vision_title(framework, key) for key in keys]
    width = 34.0 if len(keys) <= 4 else 26.0
    columns = [_Column("År", 14), *(_Column(title, width) for title in titles), _Column("I alt", 8)]
    sheet.header_row(1, columns)
    total_col = len(keys) + 2

    counts: dict[tuple[int, str], int] = {}
    row = 1
    for year in plan.cycle_years:
        row += 1
        sheet.put(row, 1, year, st.label)
        goals = plan.goals_in(year)
        focus = set(plan.focus.get(year, ()))
        texts = []
        for offset, key in enumerate(keys):
            chosen = [g for g in goals if g.vision == key]
            counts[year, key] = len(chosen)
            if chosen:
                text = _overview_text(chosen, key in focus)
                sheet.put(row, 2 + offset, text, st.text).fill = st.covered_fill
                texts.append((text, width))
            elif key in focus:
                sheet.put(
                    row, 2 + offset, f"{FOCUS_MARK} – intet mål endnu", st.text
                ).fill = st.focus_fill
            else:
                cell = sheet.put(row, 2 + offset, "Intet mål", st.text)
                cell.fill, cell.font = st.empty_fill, st.grey
        sheet.put(row, total_col, len(goals), st.center)
        sheet.fit_row(row, texts, minimum=2)

    row += 1
    sheet.put(row, 1, "Hele cyklussen", st.label)
    for offset, key in enumerate(keys):
        count = sum(counts.get((year, key), 0) for year in plan.cycle_years)
        text = f"{count} mål – dækket" if count else "Ikke dækket"
        cell = sheet.put(row, 2 + offset, text, st.label)
        cell.fill = st.covered_fill if count else st.uncovered_fill
    in_cycle = sum(counts.values())
    sheet.put(row, total_col, in_cycle, st.center).font = st.bold
    grid_bottom = row
    if plan.focus:  # the legend of the marks, in the empty row above the chart
        sheet.put(
            grid_bottom + 1,
            1,
            f"»{FOCUS_MARK}« markerer det, året fokuserer på (valgt i planens overblik over "
            "årene). Grøn: har udviklingsmål. Blå: fokus uden udviklingsmål endnu. "
            "Orange: ikke dækket i cyklussen.",
            st.note,
        )
        ws.merge_cells(
            start_row=grid_bottom + 1, start_column=1, end_row=grid_bottom + 1, end_column=total_col
        )

    # The chart right below the grid, and the numbers it shows below the chart.
    vision_word = framework.terms.vision.lower()
    chart_row = grid_bottom + 2
    chart_height = 7.5  # centimetres
    chart_rows = math.ceil(chart_height / 2.54 * 72 / 15.0) + 1
    row = chart_row + chart_rows
    sheet.put(row, 1, f"Antal udviklingsmål pr. år og {vision_word}", st.heading)
    row += 1
    table_top = row
    sheet.put(row, 1, "År", st.header)
    for offset, key in enumerate(keys):
        sheet.put(row, 2 + offset, _vision_code(framework, key), st.header)
    for year in plan.cycle_years:
        row += 1
        sheet.put(row, 1, str(year), st.label)
        for offset, key in enumerate(keys):
            sheet.put(row, 2 + offset, counts.get((year, key), 0), st.center)
    table_bottom = row

    chart = BarChart()
    chart.type, chart.grouping = "col", "clustered"
    chart.title = f"Udviklingsmål pr. {vision_word} og år"
    chart.y_axis.title, chart.x_axis.title = "Antal mål", "År"
    chart.y_axis.majorUnit = 1 if in_cycle <= 40 else None
    chart.y_axis.number_format = "0"
    chart.x_axis.delete = chart.y_axis.delete = False  # openpyxl 3.1 hides the axes otherwise
    chart.legend.position = "r"
    data = Reference(ws, min_col=2, max_col=1 + len(keys), min_row=table_top, max_row=table_bottom)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=table_top + 1, max_row=table_bottom))
    for series, title in zip(chart.series, titles, strict=True):
        series.tx = SeriesLabel(v=cell_text(title))  # the legend names the vision in full
    grid_width = sum(c.width for c in columns) * _UNIT_POINTS
    chart.width = min(30.0, grid_width / 72 * 2.54)
    chart.height = chart_height
    ws.add_chart(chart, f"A{chart_row}")

    # Keep the chart whole on paper: when it does not fit below the grid, it starts a page.
    scale = min(1.0, _PAGE_WIDTH / grid_width)
    grid = sum(ws.row_dimensions[r].height or 15.0 for r in range(1, chart_row))
    if (grid + chart_height / 2.54 * 72) * scale > _PAGE_HEIGHT:
        ws.row_breaks.append(Break(id=chart_row - 1))


_GOAL_COLUMNS = 14  # the thirteen a reader sees, and the hidden id
#: How wide a column that holds names and short labels may grow so that no word in it is split
#: mid-word; the long texts grow a little (a responsible's name in an action), then wrap.
_NAME_CAP = 26.0


def _goal_values(goal: Goal, framework: Framework, links: dict[str, list[str]]) -> tuple[str, ...]:
    """The goal's texts in the columns after the year, up to the owner."""
    note = "\n".join(part for part in (current_status_note(goal), *links.get(goal.uid, ())) if part)
    return (
        _vision_title(framework, goal.vision),
        _theme_title(framework, goal.theme),
        goal.title,
        goal.rationale,
        _actions_text(goal),
        _success_text(goal, framework),
        _indicators_text(goal),
        _involvement_text(goal),
        goal.status.label,
        note,
        goal.owner,
    )


def _goals(sheet: _Sheet, plan: Plan, framework: Framework) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation  # type: ignore[import-untyped]

    ws, st = sheet.ws, sheet.styles
    terms = framework.terms
    # (header, width, widest it grows for a long word). Narrow enough that one page wide
    # prints at about four fifths of full size (see _print_scale).
    layout = [
        ("År", 5.5, 5.5),
        (terms.vision, 12, _NAME_CAP),
        (terms.theme, 13, _NAME_CAP),
        ("Udviklingsmål", 16, _NAME_CAP),
        ("Begrundelse", 17, 20),
        ("Handlinger (ansvarlig, frist)", 20, 23),
        (f"{terms.signs} og egne kriterier", 16, 19),
        ("Indikatorer", 14, 17),
        ("Involvering", 16, 19),
        (STATUS_HEADER, 11.5, _NAME_CAP),
        (STATUS_NOTE_HEADER, 16, 19),
        ("Ansvarlig", 12, _NAME_CAP),
        (COMMENT_HEADER, 13, 13),
        (ID_HEADER, 34, 34),
    ]
    assert len(layout) == _GOAL_COLUMNS
    links = carry_over_links(plan)
    rows = [_goal_values(goal, framework, links) for goal in plan.goals]
    widths = [width for _, width, _ in layout]
    for index, (header, width, widest) in enumerate(layout[1:12], start=1):
        width = excel_layout.fitting_width([header], width, widest, bold=True)
        width = excel_layout.fitting_width((v[index - 1] for v in rows), width, widest)
        # A goal with much text widens its column rather than being cut at Excel's highest row.
        widths[index] = excel_layout.width_for_lines((v[index - 1] for v in rows), width, 40)
    columns = [_Column(header, width) for (header, _, _), width in zip(layout, widths, strict=True)]
    sheet.header_row(1, columns)
    status_col, comment_col, id_col = 10, 13, 14
    put = sheet.put
    text, center = st.text, st.center
    for row, (goal, values) in enumerate(zip(plan.goals, rows, strict=True), start=2):
        put(row, 1, goal.year, center)
        for column, value in enumerate(values, start=2):
            put(row, column, value, text)
        put(row, comment_col, None, st.comment)
        put(row, id_col, goal.uid, text)
        sheet.fit_row(row, [(value, widths[i]) for i, value in enumerate(values, start=1)])
    last_row = max(2, len(plan.goals) + 1)
    ws.column_dimensions[_letter(id_col)].hidden = True
    ws.auto_filter.ref = f"A1:{_letter(comment_col)}{last_row}"

    labels = ",".join(status.label for status in Status)
    status_check = DataValidation(
        type="list",
        formula1=f'"{labels}"',
        allow_blank=True,
        showErrorMessage=True,
        errorStyle="stop",
        errorTitle="Ukendt status",
        error="Vælg en status fra listen: " + ", ".join(s.label for s in Status) + ".",
        showInputMessage=True,
        promptTitle="Status",
        prompt="Vælg målets status fra listen.",
    )
    status_check.add(f"{_letter(status_col)}2:{_letter(status_col)}{last_row}")
    comment_prompt = DataValidation(
        allow_blank=True,
        showInputMessage=True,
        promptTitle=COMMENT_HEADER,
        prompt="Skriv din kommentar til udviklingsmålet her, og send filen retur til lederen.",
    )
    comment_prompt.add(f"{_letter(comment_col)}2:{_letter(comment_col)}{last_row}")
    ws.add_data_validation(status_check)
    ws.add_data_validation(comment_prompt)


def _dialogues(sheet: _Sheet, plan: Plan) -> None:
    st = sheet.styles
    columns = [
        _Column("År", 6),
        _Column("Dialog", 16),
        _Column("Planlagt", 12),
        _Column("Afholdt", 12),
        _Column("Deltagere", 20),
        _Column("Dagsorden", 34),
        _Column("Noter", 48),
        _Column("Aftaler", 40),
    ]
    sheet.header_row(1, columns)
    widths = [column.width for column in columns]
    order = {kind: index for index, kind in enumerate(DialogueKind)}
    dialogues = sorted(plan.dialogues, key=lambda d: (d.year, order[d.kind]))
    for row, dialogue in enumerate(dialogues, start=2):
        texts = [
            ", ".join(dialogue.participants),
            dialogue.agenda,
            dialogue.notes,
            dialogue.agreements,
        ]
        sheet.put(row, 1, dialogue.year, st.center)
        sheet.put(row, 2, dialogue.kind.label, st.text)
        sheet.put(row, 3, dialogue.planned, st.date)
        sheet.put(row, 4, dialogue.held, st.date)
        for column, value in enumerate(texts, start=5):
            sheet.put(row, column, value, st.text)
        sheet.fit_row(row, [(value, widths[i]) for i, value in enumerate(texts, start=4)])
    sheet.ws.auto_filter.ref = f"A1:{_letter(len(columns))}{max(2, len(dialogues) + 1)}"


_PARAGRAPH_LIMIT = 2_000  # a longer paragraph is split over rows so no row outgrows Excel's


def _paragraphs(text: str) -> list[str]:
    """The text's paragraphs, a long one split at spaces into pieces a row can show."""
    pieces: list[str] = []
    for paragraph in text.strip().split("\n"):
        paragraph = paragraph.rstrip()
        while len(paragraph) > _PARAGRAPH_LIMIT:
            cut = paragraph.rfind(" ", 0, _PARAGRAPH_LIMIT)
            cut = cut if cut > 0 else _PARAGRAPH_LIMIT
            pieces.append(paragraph[:cut])
            paragraph = paragraph[cut:].lstrip()
        pieces.append(paragraph)
    return pieces


def _situation(sheet: _Sheet, plan: Plan) -> None:
    ws, st = sheet.ws, sheet.styles
    columns = [_Column("Afsnit", 28), _Column("Tekst", 110)]
    sheet.header_row(1, columns)
    row = 1
    for section in SituationSection:
        text = plan.situation_text(section)
        pieces = _paragraphs(text) if text.strip() else []
        row += 1
        sheet.put(row, 1, section.label, st.label)
        label = (section.label, columns[0].width)
        if not pieces:
            cell = sheet.put(row, 2, "(ikke udfyldt)", st.text)
            cell.font = st.grey
            sheet.fit_row(row, [], label=label)
            continue
        # One paragraph a row (no row outgrows Excel's highest), read as one text: no lines
        # between the paragraphs of a section, and one label beside them all.
        first = row
        for index, piece in enumerate(pieces):
            if index:
                row += 1
                sheet.put(row, 1, None, st.text)
            sheet.put(row, 2, piece, st.flow if len(pieces) > 1 else st.text)
            sheet.fit_row(row, [(piece, columns[1].width)], label=label if row == first else None)
        if row > first:
            ws.cell(row=row, column=2).border = st.flow_end
            ws.merge_cells(start_row=first, start_column=1, end_row=row, end_column=1)
            # The label spans the rows: together they must be as tall as its wrapped lines.
            need = _height(_lines(section.label, columns[0].width, bold=True))
            heights = [ws.row_dimensions[r].height or 15.0 for r in range(first, row + 1)]
            if sum(heights) < need:
                ws.row_dimensions[row].height = heights[-1] + need - sum(heights)


def _strategy(sheet: _Sheet, framework: Framework) -> None:
    st = sheet.styles
    terms = framework.terms
    columns = [
        _Column("Kode", 9),
        _Column(terms.vision, 26),
        _Column("Type", 15),
        _Column("Titel", 40),
        _Column("Beskrivelse", 80),
    ]
    sheet.header_row(1, columns)
    rows: list[tuple[str, tuple[str, str, str, str, str]]] = []  # (style, cells)
    for vision in framework.visions:
        rows.append(
            (st.vision, (vision.code, vision.title, terms.vision, vision.title, vision.description))
        )
        for theme in vision.themes:
            about = "\n".join(_bullets(theme.bullets))
            if theme.text:
                about = f"{about}\n\n{theme.text}" if about else theme.text
            rows.append((st.text, (theme.code, vision.title, terms.theme, theme.title, about)))
        for sign in vision.signs:
            rows.append((st.text, (sign.code, vision.title, terms.sign, sign.text, "")))
        for condition in vision.preconditions:
            rows.append(
                (st.text, (condition.code, vision.title, "Forudsætning", condition.text, ""))
            )
    widths = [column.width for column in columns]
    for row, (style, values) in enumerate(rows, start=2):
        for column, value in enumerate(values, start=1):
            sheet.put(row, column, value, style)
        # A vision's row is bold throughout, its description too (the V2 row was cut).
        texts = [(value, widths[i]) for i, value in enumerate(values)]
        sheet.fit_row(row, texts, bold=style == st.vision)
    sheet.ws.auto_filter.ref = f"A1:{_letter(len(columns))}{max(2, len(rows) + 1)}"
    row = len(rows) + 3
    source = (
        f"Kilde: {framework.title} ({framework.owner}, {framework.period}), "
        f"version {framework.version}."
    )
    sheet.put(row, 1, source, st.note)
    sheet.ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(columns))
