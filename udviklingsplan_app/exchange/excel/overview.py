"""*Overblik*: the goals per year and vision, the year's focus, and a native bar chart."""

from __future__ import annotations

import math
from collections.abc import Sequence

from ...domain import Goal, Plan
from ...framework import Framework
from .names import SHEET_GOALS, cell_text
from .wording import bullets, vision_code, vision_title
from .writer import PAGE_HEIGHT, PAGE_WIDTH, UNIT_POINTS, Column, Sheet

_OVERVIEW_TITLES = 8  # titles listed in one overview cell; the rest are counted


#: Marks a vision the year focuses on (the guide's four-year overview).
FOCUS_MARK = "Fokus"


def _overview_text(goals: Sequence[Goal], focus: bool = False) -> str:
    count = f"{FOCUS_MARK} · {len(goals)} mål" if focus else f"{len(goals)} mål"
    lines = [count, *bullets(goal.title for goal in goals[:_OVERVIEW_TITLES])]
    if len(goals) > _OVERVIEW_TITLES:
        lines.append(f"… og {len(goals) - _OVERVIEW_TITLES} flere (se »{SHEET_GOALS}«)")
    return "\n".join(lines)


def write_overview(sheet: Sheet, plan: Plan, framework: Framework) -> None:
    from openpyxl.chart import BarChart, Reference  # type: ignore[import-untyped]
    from openpyxl.chart.series import SeriesLabel  # type: ignore[import-untyped]
    from openpyxl.worksheet.pagebreak import Break  # type: ignore[import-untyped]

    ws, st = sheet.ws, sheet.styles
    known = {vision.id for vision in framework.visions}
    others = sorted({g.vision for g in plan.goals if g.vision not in known})
    keys = [vision.id for vision in framework.visions] + others
    titles = [vision_title(framework, key) for key in keys]
    width = 34.0 if len(keys) <= 4 else 26.0
    columns = [Column("År", 14), *(Column(title, width) for title in titles), Column("I alt", 8)]
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
        sheet.put(row, 2 + offset, vision_code(framework, key), st.header)
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
    grid_width = sum(c.width for c in columns) * UNIT_POINTS
    chart.width = min(30.0, grid_width / 72 * 2.54)
    chart.height = chart_height
    ws.add_chart(chart, f"A{chart_row}")

    # Keep the chart whole on paper: when it does not fit below the grid, it starts a page.
    scale = min(1.0, PAGE_WIDTH / grid_width)
    grid = sum(ws.row_dimensions[r].height or 15.0 for r in range(1, chart_row))
    if (grid + chart_height / 2.54 * 72) * scale > PAGE_HEIGHT:
        ws.row_breaks.append(Break(id=chart_row - 1))
