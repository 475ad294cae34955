"""The plan in Danish words for the cells: a goal's actions, signs, indicators, involvement,
a vision's or theme's title, and the manager's earlier comments."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ...domain import Goal, ManagerComment
from ...formatting import danish_date, danish_number, long_date
from ...framework import Framework


def bullets(lines: Iterable[str]) -> list[str]:
    return [f"• {line}" for line in lines]


def actions_text(goal: Goal) -> str:
    lines = []
    for action in goal.actions:
        details = [action.responsible] if action.responsible else []
        if action.deadline:
            details.append(f"frist {danish_date(action.deadline)}")
        if action.done:
            details.append("udført")
        lines.append(action.text + (f" ({', '.join(details)})" if details else ""))
    return "\n".join(bullets(lines))


def success_text(goal: Goal, framework: Framework) -> str:
    parts = []
    if goal.success_signs:
        signs = []
        for sign_id in goal.success_signs:
            sign = framework.sign(sign_id)
            signs.append(f"{sign.code} {sign.text}" if sign else sign_id)
        parts.append("\n".join([f"{framework.terms.signs}:", *bullets(signs)]))
    if goal.success_criteria:
        parts.append("\n".join(["Egne kriterier:", *bullets(goal.success_criteria)]))
    return "\n".join(parts)


def indicators_text(goal: Goal) -> str:
    lines = []
    for indicator in goal.indicators:
        name = f"{indicator.name} ({indicator.unit})" if indicator.unit else indicator.name
        text = f"{name}: udgangspunkt {danish_number(indicator.baseline, empty='–')}, mål {danish_number(indicator.target, empty='–')}"
        latest = indicator.latest
        if latest is not None:
            text += f", seneste {danish_number(latest.value)} ({danish_date(latest.date)})"
        lines.append(text)
    return "\n".join(bullets(lines))


def involvement_text(goal: Goal) -> str:
    lines = []
    for entry in goal.involvement:
        head = entry.party.label + (f", {danish_date(entry.date)}" if entry.date else "")
        body = " – ".join(part for part in (entry.form, entry.outcome) if part)
        lines.append(f"{head}: {body}" if body else head)
    return "\n".join(bullets(lines))


def vision_title(framework: Framework, vision_id: str) -> str:
    vision = framework.vision(vision_id)
    return f"{vision.code} {vision.title}" if vision else vision_id


def vision_code(framework: Framework, vision_id: str) -> str:
    vision = framework.vision(vision_id)
    return vision.code if vision else vision_id


def theme_title(framework: Framework, theme_id: str | None) -> str:
    if not theme_id:
        return ""
    found = framework.theme(theme_id)
    return f"{found[1].code} {found[1].title}" if found else theme_id


def earlier_comments(comments: Sequence[ManagerComment]) -> list[str]:
    """``2. marts 2027: tekst`` for each comment, the newest first."""
    ordered = sorted(enumerate(comments), key=lambda c: (c[1].received, c[0]), reverse=True)
    return [f"{long_date(c.received)}: {c.quoted}" for _, c in ordered]


def earlier_comments_text(comments: Sequence[ManagerComment]) -> str:
    """The comments for one cell, a blank line between them (``""`` for none)."""
    return "\n\n".join(earlier_comments(comments))
