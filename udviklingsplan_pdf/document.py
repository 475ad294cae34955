"""The plan as a ``QTextDocument``, built with ``QTextCursor`` inserts.

Every text the leader typed goes in through ``insertText``, so it is text and never markup: a
title such as ``<b>Mål</b>`` or ``=HYPERLINK(…)`` prints exactly as typed. Long texts are
ordinary paragraphs, which the paginated layout breaks across pages line by line.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence

from PySide6.QtGui import (
    QColor,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextFrameFormat,
    QTextLength,
    QTextOption,
    QTextTableFormat,
)

from udviklingsplan_app.domain import (
    Action,
    DialogueKind,
    Goal,
    Indicator,
    Involvement,
    Plan,
    SituationSection,
)
from udviklingsplan_app.formatting import long_date, years_label
from udviklingsplan_app.framework import Framework

from . import fonts

# C0 controls other than tab and line feed (and DEL) cannot be shown; a carriage return ends a
# line like a line feed does.
_UNSHOWABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_OVERVIEW_TITLES = 8  # goal titles listed in one overview cell; the rest are counted

ACCENT = QColor("#1F4E79")
MUTED = QColor("#595959")
RULE = QColor("#A6A6A6")
HEADER_FILL = QColor("#DDEBF7")
COVERED_FILL = QColor("#E2EFDA")
UNCOVERED_FILL = QColor("#FCE4D6")


def clean(text: str) -> str:
    """The text as it can be printed: Windows line ends made plain, unshowable controls gone."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _UNSHOWABLE.sub("", text)


def number_text(value: float | None) -> str:
    """``8,1`` (Danish decimal comma); ``–`` for no value."""
    if value is None:
        return "–"
    if float(value).is_integer() and abs(value) < 1e15:
        return str(int(value))
    return format(value, ".10g").replace(".", ",")


def _char(
    points: float, *, bold: bool = False, italic: bool = False, color: QColor | None = None
) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setFont(
        fonts.font(points, bold=bold, italic=italic),
        QTextCharFormat.FontPropertiesInheritanceBehavior.FontPropertiesAll,
    )
    if color is not None:
        fmt.setForeground(color)
    return fmt


#: A table cell: its text, its character format and its fill (None: none).
_Cell = tuple[str, QTextCharFormat, QColor | None]


class _Styles:
    def __init__(self) -> None:
        self.body = _char(10)
        self.bold = _char(10, bold=True)
        self.muted = _char(9.5, italic=True, color=MUTED)
        self.title = _char(24, bold=True, color=ACCENT)
        self.subtitle = _char(16, bold=True)
        self.h1 = _char(17, bold=True, color=ACCENT)
        self.h2 = _char(13, bold=True)
        self.h3 = _char(10.5, bold=True, color=ACCENT)
        self.small_bold = _char(9, bold=True)
        self.small = _char(9)


class _Writer:
    """Appends paragraphs and tables to the document, the leader's texts always as plain text."""

    def __init__(self, doc: QTextDocument) -> None:
        self.doc = doc
        # A document's lengths (margins, padding, borders) are pixels of 1/96 inch, which the
        # layout scales to the paint device; the code gives them in points, and this converts.
        self.scale = 96 / 72
        self.cursor = QTextCursor(doc)
        self.st = _Styles()
        self._empty = True
        self._blocks: dict[tuple[float, float, float, bool], QTextBlockFormat] = {}

    def block(
        self, *, top: float = 0, bottom: float = 3, indent: float = 0, page_break: bool = False
    ) -> QTextBlockFormat:
        """A paragraph's format; lengths in points (made once, shared: the cursor copies it)."""
        key = (top, bottom, indent, page_break)
        fmt = self._blocks.get(key)
        if fmt is not None:
            return fmt
        fmt = self._blocks[key] = QTextBlockFormat()
        fmt.setTopMargin(top * self.scale)
        fmt.setBottomMargin(bottom * self.scale)
        if indent:
            fmt.setLeftMargin(indent * self.scale)
            fmt.setTextIndent(-8 * self.scale)  # the bullet hangs; wrapped lines align
        if page_break:
            fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
        return fmt

    def paragraph(
        self,
        parts: Sequence[tuple[str, QTextCharFormat]] | str,
        block: QTextBlockFormat | None = None,
    ) -> None:
        block = block or self.block()
        if isinstance(parts, str):
            parts = [(parts, self.st.body)]
        first_format = parts[0][1] if parts else self.st.body
        if self._empty:
            self.cursor.setBlockFormat(block)
            self.cursor.setBlockCharFormat(first_format)
            self._empty = False
        else:
            self.cursor.insertBlock(block, first_format)
        for text, fmt in parts:
            self.cursor.insertText(clean(text), fmt)

    def heading(
        self, text: str, fmt: QTextCharFormat, *, top: float, page_break: bool = False
    ) -> None:
        self.paragraph([(text, fmt)], self.block(top=top, bottom=4, page_break=page_break))

    def text(self, text: str) -> None:
        """A text the leader wrote; each of its lines a paragraph."""
        self.paragraph([(text.strip("\n"), self.st.body)], self.block(bottom=4))

    def bullets(self, lines: Iterable[str]) -> None:
        for line in lines:
            self.paragraph([("•\u2002" + line, self.st.body)], self.block(bottom=2, indent=12))

    def field(self, label: str, value: str) -> None:
        self.paragraph([(f"{label}: ", self.st.bold), (value, self.st.body)], self.block(bottom=1))

    def section(self, label: str, lines: Sequence[str]) -> None:
        if lines:
            self.heading(label, self.st.h3, top=6)
            self.bullets(lines)

    def table(
        self,
        rows: Sequence[Sequence[_Cell]],
        widths: Sequence[float],
        *,
        header_rows: int = 1,
    ) -> None:
        """A table of texts; each cell (text, format, fill); widths in percent."""
        self.paragraph("", self.block(bottom=0))
        fmt = QTextTableFormat()
        fmt.setHeaderRowCount(header_rows)  # repeated at the top of each page it runs onto
        fmt.setBorder(1)  # the thinnest border Qt draws: 1/96 inch
        fmt.setBorderBrush(RULE)
        fmt.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
        fmt.setBorderCollapse(True)
        fmt.setCellPadding(3 * self.scale)
        fmt.setCellSpacing(0)
        fmt.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
        fmt.setColumnWidthConstraints(
            [QTextLength(QTextLength.Type.PercentageLength, width) for width in widths]
        )
        table = self.cursor.insertTable(len(rows), len(widths), fmt)
        for r, row in enumerate(rows):
            for c, (text, char_format, fill) in enumerate(row):
                cell = table.cellAt(r, c)
                cursor = cell.firstCursorPosition()
                cursor.setBlockCharFormat(char_format)
                cursor.insertText(clean(text), char_format)
                if fill is not None:  # after the text: a cell's format lives at its start
                    cell_format = cell.format()
                    cell_format.setBackground(fill)
                    cell.setFormat(cell_format)
        self.cursor.movePosition(QTextCursor.MoveOperation.End)


def build_document(plan: Plan, framework: Framework, *, today: dt.date) -> QTextDocument:
    """The whole plan as one document (not yet laid out on pages)."""
    doc = QTextDocument()
    doc.setUndoRedoEnabled(False)
    doc.setDocumentMargin(0)  # the page margins are the writer's
    doc.setDefaultFont(fonts.font(10))
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)  # a long URL wraps too
    doc.setDefaultTextOption(option)
    years = years_label(plan.first_year, plan.years)
    doc.setMetaInformation(
        QTextDocument.MetaInformation.DocumentTitle, f"Udviklingsplan – {plan.workplace} {years}"
    )
    w = _Writer(doc)
    _front(w, plan, framework, today)
    _overview(w, plan, framework)
    _goals(w, plan, framework)
    _dialogues(w, plan)
    _situation(w, plan)
    return doc


def _person(name: str, title: str) -> str:
    return ", ".join(part for part in (name, title) if part) or "–"


def _front(w: _Writer, plan: Plan, framework: Framework, today: dt.date) -> None:
    st = w.st
    w.paragraph([("Udviklingsplan for arbejdspladsen", st.title)], w.block(top=60, bottom=10))
    w.paragraph(
        [(plan.workplace or "(arbejdsplads ikke udfyldt)", st.subtitle)], w.block(bottom=24)
    )
    facts = [
        ("Leder", _person(plan.leader.name, plan.leader.title)),
        ("Ledelsesniveau", str(plan.level)),
        ("Arbejdsplads", plan.workplace or "–"),
        ("Egen leder", _person(plan.manager.name, plan.manager.title)),
        ("Strategiramme", f"{framework.title} – {framework.label}"),
        ("Cyklus", f"{years_label(plan.first_year, plan.years)} ({plan.years} år)"),
        ("Udviklingsmål", f"{len(plan.goals)}"),
        ("Eksporteret", long_date(today)),
    ]
    w.table(
        [[(label, st.bold, None), (value, st.body, None)] for label, value in facts],
        [28, 72],
        header_rows=0,
    )
    _plan_comments(w, plan)
    w.paragraph(
        [
            (
                "Planen indeholder et overblik over årene, udviklingsmålene år for år, "
                "dialogerne med egen leder og arbejdspladsens aktuelle situation.",
                st.muted,
            )
        ],
        w.block(top=18),
    )


def _vision_title(framework: Framework, vision_id: str) -> str:
    vision = framework.vision(vision_id)
    return f"{vision.code} {vision.title}" if vision else vision_id


def _theme_title(framework: Framework, theme_id: str | None) -> str:
    if not theme_id:
        return ""
    found = framework.theme(theme_id)
    return f"{found[1].code} {found[1].title}" if found else theme_id


def _overview(w: _Writer, plan: Plan, framework: Framework) -> None:
    st = w.st
    vision_word = framework.terms.visions.lower()
    w.heading(f"Overblik: år og {vision_word}", st.h1, top=0, page_break=True)
    known = {vision.id for vision in framework.visions}
    keys = [vision.id for vision in framework.visions]
    keys += sorted({g.vision for g in plan.goals if g.vision not in known})
    header: list[_Cell] = [("År", st.small_bold, HEADER_FILL)]
    header += [(_vision_title(framework, key), st.small_bold, HEADER_FILL) for key in keys]
    rows = [header]
    for year in plan.cycle_years:
        goals = plan.goals_in(year)
        focus = set(plan.focus.get(year, ()))
        row: list[_Cell] = [(str(year), st.small_bold, None)]
        for key in keys:
            chosen = [g for g in goals if g.vision == key]
            lines = [f"Fokus · {len(chosen)} mål" if key in focus else f"{len(chosen)} mål"]
            lines += [f"• {g.title}" for g in chosen[:_OVERVIEW_TITLES]]
            if len(chosen) > _OVERVIEW_TITLES:
                lines.append(f"… og {len(chosen) - _OVERVIEW_TITLES} flere")
            if not chosen:
                lines = ["Fokus – intet mål endnu" if key in focus else "Intet mål"]
            row.append(("\n".join(lines), st.small, COVERED_FILL if chosen else None))
        rows.append(row)
    cycle = [g for g in plan.goals if g.year in plan.cycle_years]
    total: list[_Cell] = [("I alt", st.small_bold, None)]
    for key in keys:
        count = sum(1 for g in cycle if g.vision == key)
        if count:
            total.append((f"{count} mål – dækket", st.small_bold, COVERED_FILL))
        else:
            total.append(("Ikke dækket", st.small_bold, UNCOVERED_FILL))
    rows.append(total)
    year_width = 10.0
    w.table(rows, [year_width, *[(100 - year_width) / max(1, len(keys))] * len(keys)])
    outside = [g for g in plan.goals if g.year not in plan.cycle_years]
    if outside:
        w.paragraph(
            [(f"{len(outside)} udviklingsmål ligger uden for cyklussen.", st.muted)],
            w.block(top=6),
        )


def _goals(w: _Writer, plan: Plan, framework: Framework) -> None:
    st = w.st
    years = sorted({goal.year for goal in plan.goals} | set(plan.cycle_years))
    first = True
    for year in years:
        goals = plan.goals_in(year)
        # A year with goals starts a page; a year without shares the page before it.
        w.heading(
            f"Udviklingsmål {year}", st.h1, top=0 if goals else 18, page_break=first or bool(goals)
        )
        first = False
        if not goals:
            w.paragraph([("Ingen udviklingsmål for året endnu.", st.muted)])
        for goal in goals:
            _goal(w, goal, framework)


def _goal(w: _Writer, goal: Goal, framework: Framework) -> None:
    st, terms = w.st, framework.terms
    w.heading(goal.title or "(uden titel)", st.h2, top=14)
    w.field(terms.vision, _vision_title(framework, goal.vision))
    theme = _theme_title(framework, goal.theme)
    if theme:
        w.field(terms.theme, theme)
    w.field("Status", goal.status.label)
    if goal.owner:
        w.field("Ansvarlig", goal.owner)
    if goal.rationale.strip():
        w.heading("Begrundelse", st.h3, top=6)
        w.text(goal.rationale)
    w.section("Handlinger", [_action(a) for a in goal.actions])
    signs = []
    for sign_id in goal.success_signs:
        sign = framework.sign(sign_id)
        signs.append(f"{sign.code} {sign.text}" if sign else sign_id)
    w.section(terms.signs, signs)
    w.section("Egne kriterier for succes", list(goal.success_criteria))
    w.section("Indikatorer", [_indicator(i) for i in goal.indicators])
    w.section("Involvering", [_involvement(e) for e in goal.involvement])
    history = sorted(goal.status_history, key=lambda change: change.at)
    w.section(
        "Status og noter",
        [
            f"{long_date(change.at.date())}: {change.status.label}"
            + (f" – {change.note}" if change.note else "")
            for change in history
        ],
    )
    _goal_comments(w, goal)


def _action(action: Action) -> str:
    details = [action.responsible] if action.responsible else []
    if action.deadline:
        details.append(f"frist {long_date(action.deadline)}")
    if action.done:
        details.append("udført")
    return action.text + (f" ({', '.join(details)})" if details else "")


def _indicator(indicator: Indicator) -> str:
    name = f"{indicator.name} ({indicator.unit})" if indicator.unit else indicator.name
    text = (
        f"{name}: udgangspunkt {number_text(indicator.baseline)}, "
        f"mål {number_text(indicator.target)}"
    )
    latest = indicator.latest
    if latest is not None:
        text += f", seneste måling {number_text(latest.value)} ({long_date(latest.date)})"
    else:
        text += ", ingen målinger endnu"
    return text


def _involvement(entry: Involvement) -> str:
    head = entry.party.label + (f", {long_date(entry.date)}" if entry.date else "")
    body = " – ".join(part for part in (entry.form, entry.outcome) if part)
    return f"{head}: {body}" if body else head


# --- the manager's comments (issue 14) ---------------------------------------------------------
# Forward compatibility only: until issue 14 gives Goal and Plan a ``manager_comments`` list,
# these attributes do not exist and nothing is printed. ``getattr`` with a default is used for
# that reason alone; once the attribute exists, replace it with plain attribute access.


def _comment_lines(owner: object) -> list[str]:
    comments = getattr(owner, "manager_comments", None) or []
    lines = []
    for comment in comments:
        if isinstance(comment, str):
            lines.append(comment)
            continue
        text = str(getattr(comment, "text", comment))
        when = getattr(comment, "date", None) or getattr(comment, "at", None)
        if isinstance(when, dt.datetime):
            when = when.date()
        lines.append(f"{long_date(when)}: {text}" if isinstance(when, dt.date) else text)
    return lines


def _goal_comments(w: _Writer, goal: Goal) -> None:
    w.section("Kommentarer fra egen leder", _comment_lines(goal))


def _plan_comments(w: _Writer, plan: Plan) -> None:
    w.section("Kommentarer fra egen leder til planen", _comment_lines(plan))


# --- dialogues and the situation ---------------------------------------------------------------


def _dialogues(w: _Writer, plan: Plan) -> None:
    st = w.st
    w.heading("Dialoger med egen leder", st.h1, top=0, page_break=True)
    order = {kind: index for index, kind in enumerate(DialogueKind)}
    dialogues = sorted(plan.dialogues, key=lambda d: (d.year, order[d.kind]))
    if not dialogues:
        w.paragraph([("Ingen dialoger er registreret endnu.", st.muted)])
    for dialogue in dialogues:
        w.heading(f"{dialogue.kind.label} {dialogue.year}", st.h2, top=12)
        w.field("Planlagt", long_date(dialogue.planned) or "–")
        w.field("Afholdt", long_date(dialogue.held) or "ikke endnu")
        if dialogue.participants:
            w.field("Deltagere", ", ".join(dialogue.participants))
        for label, text in (
            ("Dagsorden", dialogue.agenda),
            ("Noter", dialogue.notes),
            ("Aftaler", dialogue.agreements),
        ):
            if text.strip():
                w.heading(label, st.h3, top=6)
                w.text(text)


def _situation(w: _Writer, plan: Plan) -> None:
    st = w.st
    w.heading("Arbejdspladsens aktuelle situation", st.h1, top=0, page_break=True)
    for section in SituationSection:
        w.heading(section.label, st.h2, top=10)
        text = plan.situation_text(section)
        if text.strip():
            w.text(text)
        else:
            w.paragraph([("Ikke udfyldt.", st.muted)])
