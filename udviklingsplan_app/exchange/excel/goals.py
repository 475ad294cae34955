"""*Udviklingsmål*: one row per goal, a status drop-down, the manager's comment column, a hidden id."""

from __future__ import annotations

from ...domain import Goal, Plan, Status
from ...framework import Framework
from .layout import fitting_width, width_for_lines
from .names import COMMENT_HEADER, EARLIER_HEADER, ID_HEADER, STATUS_HEADER, STATUS_NOTE_HEADER
from .texts import carry_over_links, current_status_note
from .wording import (
    actions_text,
    earlier_comments_text,
    indicators_text,
    involvement_text,
    success_text,
    theme_title,
    vision_title,
)
from .writer import Column, Sheet, letter

_GOAL_COLUMNS = 14  # the thirteen a reader sees, and the hidden id (one more with earlier comments)
#: How wide a column that holds names and short labels may grow so that no word in it is split
#: mid-word; the long texts grow a little (a responsible's name in an action), then wrap.
_NAME_CAP = 26.0


def _goal_values(goal: Goal, framework: Framework, links: dict[str, list[str]]) -> tuple[str, ...]:
    """The goal's texts in the columns after the year, up to the owner."""
    note = "\n".join(part for part in (current_status_note(goal), *links.get(goal.uid, ())) if part)
    return (
        vision_title(framework, goal.vision),
        theme_title(framework, goal.theme),
        goal.title,
        goal.rationale,
        actions_text(goal),
        success_text(goal, framework),
        indicators_text(goal),
        involvement_text(goal),
        goal.status.label,
        note,
        goal.owner,
    )


def write_goals(sheet: Sheet, plan: Plan, framework: Framework) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation  # type: ignore[import-untyped]

    ws, st = sheet.ws, sheet.styles
    terms = framework.terms
    # (header, width, widest it grows for a long word). Narrow enough that one page wide
    # prints at about four fifths of full size (see print_scale).
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
    # The manager's earlier comments, beside the column for new ones (the conversation travels
    # with the plan); a plan without any keeps the layout it always had.
    earlier = [earlier_comments_text(goal.manager_comments) for goal in plan.goals]
    if any(earlier):
        layout.insert(12, (EARLIER_HEADER, 20, 23))
    links = carry_over_links(plan)
    rows = [_goal_values(goal, framework, links) for goal in plan.goals]
    widths = [width for _, width, _ in layout]
    for index, (header, width, widest) in enumerate(layout[1:12], start=1):
        width = fitting_width([header], width, widest, bold=True)
        width = fitting_width((v[index - 1] for v in rows), width, widest)
        # A goal with much text widens its column rather than being cut at Excel's highest row.
        widths[index] = width_for_lines((v[index - 1] for v in rows), width, 40)
    columns = [Column(header, width) for (header, _, _), width in zip(layout, widths, strict=True)]
    sheet.header_row(1, columns)
    status_col, comment_col, id_col = 10, len(layout) - 1, len(layout)
    put = sheet.put
    text, center = st.text, st.center
    for row, (goal, values) in enumerate(zip(plan.goals, rows, strict=True), start=2):
        put(row, 1, goal.year, center)
        for column, value in enumerate(values, start=2):
            put(row, column, value, text)
        fitted = [(value, widths[i]) for i, value in enumerate(values, start=1)]
        if comment_col == 14:
            put(row, 13, earlier[row - 2], text)
            fitted.append((earlier[row - 2], widths[12]))
        put(row, comment_col, None, st.comment)
        put(row, id_col, goal.uid, text)
        sheet.fit_row(row, fitted)
    last_row = max(2, len(plan.goals) + 1)
    ws.column_dimensions[letter(id_col)].hidden = True
    ws.auto_filter.ref = f"A1:{letter(comment_col)}{last_row}"

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
    status_check.add(f"{letter(status_col)}2:{letter(status_col)}{last_row}")
    comment_prompt = DataValidation(
        allow_blank=True,
        showInputMessage=True,
        promptTitle=COMMENT_HEADER,
        prompt="Skriv din kommentar til udviklingsmålet her, og send filen retur til lederen.",
    )
    comment_prompt.add(f"{letter(comment_col)}2:{letter(comment_col)}{last_row}")
    ws.add_data_validation(status_check)
    ws.add_data_validation(comment_prompt)
