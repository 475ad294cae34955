"""The manager's combined workbook: *Samlet overblik <dato>.xlsx*.

Sheets: *Overblik* (units × visions, with the manager's own plan beside them when given),
*Mål* (one row per goal), *Dialoger* (one row per dialogue) and *Filer* (every file: read,
replaced or refused, with the reason). Built with the plan export's own cell writer
(:class:`.excel.Sheet`: every text through :func:`.excel.cell_text`, formula-like text kept as
text), styles, column widths, wrapped rows, and the same A4-landscape print setup.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from ..atomic_files import write_atomically
from ..domain import Plan
from ..formatting import danish_date, long_date
from ..rollup import (
    ROLLUP_SUBJECT,
    Filter,
    Overview,
    Rollup,
    Unit,
    UnitGoal,
    goal_rows,
    latest_dialogue_text,
    overview,
    theme_title,
)
from .excel.fast_save import fast_cells
from .excel.names import sheet_name
from .excel.wording import bullets
from .excel.writer import Column, Sheet, Styles, letter
from .files import safe_file_name

SHEET_OVERVIEW = "Overblik"
SHEET_GOALS = "Mål"
SHEET_DIALOGUES = "Dialoger"
SHEET_FILES = "Filer"
GOAL_HEADERS = (
    "Arbejdsplads",
    "Leder",
    "Niveau",
    "År",
    "Vision",
    "Tema",
    "Udviklingsmål",
    "Status",
    "Seneste dialog",
    "Kilde",
    "Eksporteret",
)
EMPTY_CELL = "Intet mål"
UNCOVERED = "Ikke dækket"
_TITLES_IN_CELL = 8


def default_file_name(today: dt.date) -> str:
    """``Samlet overblik 04-12-2026.xlsx``."""
    return safe_file_name(f"Samlet overblik {danish_date(today)}", ".xlsx")


def filter_text(flt: Filter, view: Overview) -> str:
    """``Hele cyklussen`` or ``2027``, and the vision and status chosen."""
    parts = ["Hele cyklussen" if flt.year is None else f"År {flt.year}"]
    if flt.vision is not None:
        parts.append(view.column(flt.vision).label)
    if flt.status is not None:
        parts.append(f"status {flt.status.label}")
    return " · ".join(parts)


def write_rollup_workbook(
    rollup: Rollup,
    target: Path,
    *,
    today: dt.date,
    flt: Filter | None = None,
    manager_plan: Plan | None = None,
) -> Path:
    """Write the combined workbook to ``target`` atomically; returns the path.

    A target open in another program raises a Danish :class:`InputError`; the old file stays.
    """
    workbook = build_rollup_workbook(rollup, today=today, flt=flt, manager_plan=manager_plan)

    def write(tmp: Path) -> None:
        with fast_cells():
            workbook.save(tmp)

    write_atomically(Path(target), write)
    return Path(target)


def build_rollup_workbook(
    rollup: Rollup, *, today: dt.date, flt: Filter | None = None, manager_plan: Plan | None = None
) -> Any:
    """The combined workbook as an openpyxl ``Workbook`` (not saved)."""
    from openpyxl import Workbook  # type: ignore[import-untyped]

    flt = flt or Filter()
    view = overview(rollup, flt, manager_plan=manager_plan)
    workbook = Workbook()
    styles = Styles(workbook)
    scope = filter_text(flt, view)
    first = Sheet(workbook.active, styles)
    first.ws.title = sheet_name(SHEET_OVERVIEW)
    _overview(first, view)
    _print_setup(first, scope, today, freeze="D2")
    builders: list[tuple[str, Callable[[Sheet], None], str]] = [
        (SHEET_GOALS, lambda s: _goals(s, rollup, flt), "E2"),
        (SHEET_DIALOGUES, lambda s: _dialogues(s, rollup, flt), "C2"),
        (SHEET_FILES, lambda s: _files(s, rollup), "A2"),
    ]
    for name, build, freeze in builders:
        sheet = Sheet(workbook.create_sheet(sheet_name(name)), styles)
        build(sheet)
        _print_setup(sheet, scope, today, freeze=freeze)
    workbook.active = 0
    props = workbook.properties
    props.title = f"Samlet overblik {danish_date(today)}"
    props.subject = ROLLUP_SUBJECT
    props.creator = "Udviklingsplan"
    return workbook


def _print_setup(sheet: Sheet, scope: str, today: dt.date, *, freeze: str) -> None:
    """A4 landscape, one page wide, header row repeated – as the plan's own export."""
    sheet.page_setup(
        header="Samlet overblik",
        title=scope,
        footer=f"Lavet {long_date(today)}",
        freeze=freeze,
        side_margin=0.4,
    )


def cell_summary(goals: Sequence[UnitGoal]) -> str:
    """``2 mål`` and the titles (at most eight, the rest counted); ``Intet mål`` when empty."""
    if not goals:
        return EMPTY_CELL
    lines = [f"{len(goals)} mål", *bullets(g.title for g in goals[:_TITLES_IN_CELL])]
    if len(goals) > _TITLES_IN_CELL:
        lines.append(f"… og {len(goals) - _TITLES_IN_CELL} flere (se »{SHEET_GOALS}«)")
    return "\n".join(lines)


def status_text(statuses: dict[Any, int]) -> str:
    """``I gang: 2\\nNået: 1`` – the statuses the leader wrote, with counts (none: ``–``)."""
    lines = [f"{status.label}: {count}" for status, count in statuses.items() if count]
    return "\n".join(lines) or "–"


def _overview(sheet: Sheet, view: Overview) -> None:
    st = sheet.styles
    width = 30.0 if len(view.columns) <= 4 else 24.0
    columns = [
        Column("Arbejdsplads", 22),
        Column("Leder", 16),
        Column("Niveau", 8),
        *(Column(c.label, width) for c in view.columns),
        Column("I alt", 7),
        Column("Status", 16),
        Column("Dialoger", 14),
        Column("Eksporteret", 12),
        Column("Bemærkninger", 28),
    ]
    sheet.header_row(1, columns)
    first_vision = 4
    after = first_vision + len(view.columns)
    row = 1
    if view.manager is not None:
        row += 1
        sheet.put(row, 1, f"Din egen plan: {view.manager_workplace}", st.label)
        texts = []
        for offset, column in enumerate(view.columns):
            goals = view.manager.get(column.id, ())
            text = cell_summary(goals)
            cell = sheet.put(row, first_vision + offset, text, st.text)
            if goals:
                cell.fill = st.focus_fill
                texts.append((text, width))
            else:
                cell.fill, cell.font = st.empty_fill, st.grey
        sheet.put(row, after, sum(len(g) for g in view.manager.values()), st.center)
        sheet.fit_row(row, texts)
    for unit_row in view.rows:
        row += 1
        unit = unit_row.unit
        sheet.put(row, 1, unit.name, st.label)
        sheet.put(row, 2, unit.leader, st.text)
        sheet.put(row, 3, unit.level, st.center)
        texts = [(unit.name, 22.0)]
        for offset, column in enumerate(view.columns):
            goals = unit_row.cells[column.id]
            text = cell_summary(goals)
            cell = sheet.put(row, first_vision + offset, text, st.text)
            if goals:
                cell.fill = st.covered_fill
                texts.append((text, width))
            else:
                cell.fill, cell.font = st.empty_fill, st.grey
        statuses = status_text(unit_row.statuses)
        marks = "\n".join(unit_row.marks)
        sheet.put(row, after, unit_row.goal_count, st.center)
        sheet.put(row, after + 1, statuses, st.text)
        sheet.put(
            row,
            after + 2,
            f"{unit_row.dialogues_held} afholdt\n{unit_row.dialogues_planned} planlagt",
            st.text,
        )
        sheet.put(row, after + 3, unit.exported, st.date)
        cell = sheet.put(row, after + 4, marks, st.text)
        if marks:
            cell.fill = st.severity_fills[_warning()]
        sheet.fit_row(row, [*texts, (statuses, 16.0), (marks, 28.0)], minimum=2)
    row += 1
    sheet.put(row, 1, "I alt", st.label)
    sheet.put(row, 2, f"{len(view.rows)} {'plan' if len(view.rows) == 1 else 'planer'}", st.label)
    for offset, column in enumerate(view.columns):
        count = view.count(column.id)
        if column.id in view.uncovered:
            cell = sheet.put(row, first_vision + offset, f"{count} mål – {UNCOVERED}", st.label)
            cell.fill = st.uncovered_fill
        else:
            cell = sheet.put(row, first_vision + offset, f"{count} mål", st.label)
            cell.fill = st.covered_fill
    sheet.put(row, after, sum(r.goal_count for r in view.rows), st.center).font = st.bold
    row += 1
    sheet.put(
        row,
        1,
        "Grøn: enheden har udviklingsmål i visionen. Grå: intet mål. Orange: ingen enhed har "
        "et mål i visionen. Status og antal er, som lederne har skrevet dem.",
        st.note,
    )
    sheet.ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=after + 4)
    sheet.ws.row_dimensions[row].height = 30


def _warning() -> Any:
    from ..domain import Severity

    return Severity.ADVARSEL


def _goals(sheet: Sheet, rollup: Rollup, flt: Filter) -> None:
    from ..framework_sources import get_framework

    st = sheet.styles
    widths = (20, 14, 7, 6, 22, 22, 30, 12, 23, 18, 11)
    columns = [Column(h, w) for h, w in zip(GOAL_HEADERS, widths, strict=True)]
    sheet.header_row(1, columns)
    vision_titles: dict[tuple[str, str], str] = {}

    def vision_title(unit: Unit, vision_id: str) -> str:
        key = (unit.framework_id, vision_id)
        if key not in vision_titles:
            try:
                found = get_framework(unit.framework_id).vision(vision_id)
            except Exception:
                found = None
            vision_titles[key] = f"{found.code} {found.title}" if found else vision_id
        return vision_titles[key]

    rows = goal_rows(rollup, flt)
    for row, (unit, goal) in enumerate(rows, start=2):
        texts = (
            unit.name,
            unit.leader,
            vision_title(unit, goal.vision),
            theme_title(unit.framework_id, goal.theme),
            goal.title,
            goal.status.label if goal.status else "",
            latest_dialogue_text(unit, goal.year),
            unit.file_name,
        )
        sheet.put(row, 1, texts[0], st.text)
        sheet.put(row, 2, texts[1], st.text)
        sheet.put(row, 3, unit.level, st.center)
        sheet.put(row, 4, goal.year, st.center)
        for column, value in enumerate(texts[2:], start=5):
            sheet.put(row, column, value, st.text)
        sheet.put(row, 11, unit.exported, st.date)
        sheet.fit_row(
            row,
            [
                (texts[0], widths[0]),
                (texts[1], widths[1]),
                *((text, widths[i]) for i, text in zip(range(4, 10), texts[2:], strict=True)),
            ],
        )
    sheet.ws.auto_filter.ref = f"A1:{letter(len(columns))}{max(2, len(rows) + 1)}"


def _dialogues(sheet: Sheet, rollup: Rollup, flt: Filter) -> None:
    st = sheet.styles
    columns = [
        Column("Arbejdsplads", 24),
        Column("Leder", 18),
        Column("År", 6),
        Column("Dialog", 16),
        Column("Planlagt", 12),
        Column("Afholdt", 12),
    ]
    sheet.header_row(1, columns)
    row = 1
    for unit in rollup.units:
        chosen = [d for d in unit.dialogues if flt.year is None or d.year == flt.year]
        for dialogue in chosen:
            row += 1
            sheet.put(row, 1, unit.name, st.text)
            sheet.put(row, 2, unit.leader, st.text)
            sheet.put(row, 3, dialogue.year, st.center)
            sheet.put(row, 4, dialogue.label, st.text)
            sheet.put(row, 5, dialogue.planned, st.date)
            sheet.put(row, 6, dialogue.held, st.date)
            sheet.fit_row(row, [(unit.name, 24.0), (unit.leader, 18.0)])
    sheet.ws.auto_filter.ref = f"A1:{letter(len(columns))}{max(2, row)}"


FILE_READ, FILE_REPLACED, FILE_REFUSED, FILE_UNREAD = "Læst", "Erstattet", "Afvist", "Ikke læst"


def file_lines(rollup: Rollup) -> list[tuple[str, str, str]]:
    """Every file: ``(file name, outcome, Danish details)``, read first, then replaced, refused."""
    lines = []
    for unit in rollup.units:
        when = danish_date(unit.exported) if unit.exported else "ukendt dato"
        how = "filen gemt" if unit.exported_from_file_time else "eksporteret"
        lines.append((unit.file_name, FILE_READ, f"{unit.name} ({unit.leader}), {how} {when}"))
    lines += [(r.path.name, FILE_REPLACED, r.reason) for r in rollup.replaced]
    lines += [(r.path.name, FILE_REFUSED, r.reason) for r in rollup.refused]
    lines += [(p.name, FILE_UNREAD, "Læsningen blev stoppet før denne fil.") for p in rollup.unread]
    return lines


def _files(sheet: Sheet, rollup: Rollup) -> None:
    st = sheet.styles
    columns = [Column("Fil", 34), Column("Resultat", 12), Column("Begrundelse", 80)]
    sheet.header_row(1, columns)
    lines = file_lines(rollup)
    for row, (name, outcome, reason) in enumerate(lines, start=2):
        sheet.put(row, 1, name, st.text)
        cell = sheet.put(row, 2, outcome, st.text)
        if outcome == FILE_REFUSED:
            cell.fill = st.uncovered_fill
        sheet.put(row, 3, reason, st.text)
        sheet.fit_row(row, [(name, 34.0), (reason, 80.0)])
    sheet.ws.auto_filter.ref = f"A1:C{max(2, len(lines) + 1)}"
