"""*Forside*: the manager's first page – who, what, the goals per year and vision, the open points."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from ...domain import Goal, Plan, Status
from ...formatting import long_date, years_label
from ...framework import Framework
from ...guidance import Finding
from .layout import word_width
from .names import (
    COMMENT_HEADER,
    EARLIER_HEADER,
    SHEET_GOALS,
    SHEET_GUIDANCE,
    SHEET_HISTORY,
    SHEET_STRATEGY,
)
from .texts import open_points
from .wording import bullets, earlier_comments, vision_title
from .writer import PAGE_WIDTH, Column, Sheet, letter, row_height, text_lines

_FRONT_TITLES = 6  # goal titles listed in one front-sheet cell; the rest are counted
#: A year to come without any goal yet, and a vision without goals while years remain: calm
#: words. "Ikke dækket" only when the cycle is over and the vision got no goal in it.
NOT_PLANNED, NO_GOAL_YET, UNCOVERED = "Ikke planlagt endnu", "Intet mål endnu", "Ikke dækket"


def empty_cell(year_has_goals: bool, year: int, today: dt.date) -> str:
    """A year's empty cell: ``–`` beside the year's other goals or in a past year; a year to
    come without any goal is not planned yet."""
    return NOT_PLANNED if not year_has_goals and year >= today.year else "–"


def cycle_total(count: int, last_year: int, today: dt.date) -> str:
    """The cycle's count for a vision: ``3 mål``; without goals, uncovered only once the
    cycle is over."""
    if count:
        return f"{count} mål"
    return UNCOVERED if today.year > last_year else NO_GOAL_YET


def _front_cell(goals: Sequence[Goal]) -> str:
    lines = [f"{goal.title} ({goal.status.label.lower()})" for goal in goals[:_FRONT_TITLES]]
    text = "\n".join(bullets(lines))
    if len(goals) > _FRONT_TITLES:
        text += f"\n… og {len(goals) - _FRONT_TITLES} flere (se »{SHEET_GOALS}«)"
    return text


def write_front(
    sheet: Sheet, plan: Plan, framework: Framework, today: dt.date, findings: Sequence[Finding]
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
    room = (PAGE_WIDTH / 0.75 - 5 * (len(keys) + 2)) / 7 - label_width - total_width
    vision_width = max(18.0, room / max(1, len(keys)))
    widths = [label_width]
    for key in keys:
        texts = [vision_title(framework, key), *(cells[y, key] for y in plan.cycle_years)]
        needed = max(word_width(text, bold=True) for text in texts)
        widths.append(max(vision_width, min(40.0, needed)))
    widths.append(total_width)
    last = len(widths)
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[letter(index)].width = width
    value_width = sum(widths[1:])

    sheet.put(1, 1, "Udviklingsplan for arbejdspladsen", st.title)
    ws.row_dimensions[1].height = 28
    sheet.put(2, 1, plan.workplace, st.heading)
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=last)
    ws.row_dimensions[2].height = row_height(text_lines(plan.workplace, sum(widths) * 0.85)) + 4

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
            Column("År", widths[0]),
            *(
                Column(vision_title(framework, k), w)
                for k, w in zip(keys, widths[1:-1], strict=True)
            ),
            Column("I alt", total_width),
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
                text = empty_cell(bool(plan.goals_in(year)), year, today)
                sheet.put(row, 2 + offset, text, st.center).font = st.grey
                filled.append((text, widths[1 + offset]))
        sheet.put(row, last, len(plan.goals_in(year)), st.center)
        sheet.fit_row(row, filled)
    row += 1
    sheet.put(row, 1, "I alt", st.label)
    in_cycle = [g for g in plan.goals if g.year in plan.cycle_years]
    for offset, key in enumerate(keys):
        count = sum(1 for g in in_cycle if g.vision == key)
        sheet.put(row, 2 + offset, cycle_total(count, plan.last_year, today), st.label)
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

    earlier = earlier_comments(plan.manager_comments)
    if earlier:  # the manager's earlier comments on the plan, above the cell for a new one
        row += 2
        sheet.put(row, 1, f"{EARLIER_HEADER} til planen", st.heading)
        for paragraph in earlier:
            row += 1
            sheet.put(row, 1, paragraph, st.plain)
            ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last)
            sheet.fit_row(row, [(paragraph, sum(widths))])
