"""What the manager's paper says beyond the stored fields: status notes, carry-over links and
the one-line count of open points on the front sheet. Pure wording, no openpyxl."""

from __future__ import annotations

from collections.abc import Sequence

from ...domain import Goal, Plan, Severity
from ...guidance import Finding


def current_status_note(goal: Goal) -> str:
    """The note given with the goal's current status (the newest change to that status)."""
    # On the same moment the change entered last counts (as for a measurement).
    latest = max(reversed(goal.status_history), key=lambda c: c.at, default=None)
    return latest.note.strip() if latest and latest.status is goal.status else ""


def carry_over_links(plan: Plan) -> dict[str, list[str]]:
    """For each goal's uid: ``Videreført fra 2026: <titel>`` and ``Videreført til 2027: …``.

    Worked out once for the whole plan (an export of thousands of goals stays linear).
    """
    by_uid = {goal.uid: goal for goal in plan.goals}
    links: dict[str, list[str]] = {}
    for goal in plan.goals:
        if not goal.carried_over_from:
            continue
        source = by_uid.get(goal.carried_over_from)
        links.setdefault(goal.uid, []).insert(
            0,
            f"Videreført fra {source.year}: {source.title}"
            if source
            else "Videreført fra et udviklingsmål, der ikke længere er i planen",
        )
        if source is not None and source is not goal:
            links.setdefault(source.uid, []).append(f"Videreført til {goal.year}: {goal.title}")
    return links


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


def open_points(findings: Sequence[Finding], sheet: str) -> str:
    """One line for the front sheet: ``2 fejl og 3 advarsler – se arket »Vejledning«.``"""
    errors = sum(1 for f in findings if f.severity is Severity.FEJL)
    warnings = sum(1 for f in findings if f.severity is Severity.ADVARSEL)
    tips = sum(1 for f in findings if f.severity is Severity.TIP)
    if not findings:
        return "Ingen – planen følger strategiens anbefalinger."
    counted = [
        _count(errors, "fejl", "fejl") if errors else "",
        _count(warnings, "advarsel", "advarsler") if warnings else "",
    ]
    serious = " og ".join(part for part in counted if part) or "Ingen fejl eller advarsler"
    extra = f" ({_count(tips, 'tip', 'tip')} til lederen)" if tips else ""
    return f"{serious}{extra} – se arket »{sheet}«."
