"""The year's dialogues with the own manager as a calendar file (``.ics``) for Outlook.

One meeting per dialogue that has a date, at the time the leader chose for the file (by default
10:00–11:30), shown as busy, with the manager as attendee when an e-mail address is known. The
times are local ("floating") times: Outlook puts them in the leader's own time zone. Each
event's UID is stable for the plan, the year and the kind of dialogue, so importing a newer
file updates the events instead of adding them twice. ``icalendar`` is imported on first use:
the program's start does not need it.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from pathlib import Path

from .atomic_files import write_atomically
from .domain import Dialogue, Plan
from .errors import InputError
from .formatting import long_date

PRODID = "-//Københavns Kommune//Udviklingsplan//DA"
_EPOCH = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)

#: A dialogue's default time in the calendar: 10:00, one and a half hours.
DEFAULT_START = dt.time(10, 0)
DEFAULT_MINUTES = 90
#: The shortest and the longest meeting the calendar file accepts, in minutes.
MINUTES_RANGE = (15, 8 * 60)
_EMAIL = re.compile(r"[^@\s<>\"]+@[^@\s<>\"]+\.[^@\s<>\".]+")


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _text(text: str) -> str:
    """Free text as a calendar holds it: line breaks as ``\n``, no control characters."""
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def _line(text: str) -> str:
    """Free text on one line (a title): every run of white space becomes one space."""
    return " ".join(_text(text).split())


def _when(dialogue: Dialogue) -> dt.date | None:
    """The day the dialogue was held, or else the day it is planned for."""
    return dialogue.held or dialogue.planned


def event_uid(plan: Plan, dialogue: Dialogue) -> str:
    """The same for the same plan, year and kind of dialogue, in every file made from it.

    The workplace is part of it, so two leaders' plans (both with id 1 in their own database)
    never share an event in their manager's calendar.
    """
    key = f"udviklingsplan:{plan.workplace}:{plan.first_year}:{plan.id or 0}"
    plan_key = uuid.uuid5(uuid.NAMESPACE_URL, key).hex[:16]
    return f"dialog-{dialogue.year}-{dialogue.kind.value}-{plan_key}@udviklingsplan"


def _summary(plan: Plan, dialogue: Dialogue) -> str:
    manager = _line(plan.manager.name)
    who = f" med {manager}" if manager else ""
    return f"{dialogue.kind.label}{who} – udviklingsplan {_line(plan.workplace)}"


def _description(plan: Plan, dialogue: Dialogue) -> str:
    workplace = _line(plan.workplace)
    parts = [f"{dialogue.kind.label} for {dialogue.year} om udviklingsplanen for {workplace}."]
    agenda = _text(dialogue.agenda).strip()
    if agenda:
        parts.append("Dagsorden:\n" + agenda)
    goals = plan.goals_in(dialogue.year)
    if goals:
        parts.append(
            f"Udviklingsmål for {dialogue.year}:\n"
            + "\n".join(f"• {_line(g.title)}" for g in goals)
        )
    if dialogue.held:
        parts.append(f"Holdt {long_date(dialogue.held)}.")
    return "\n\n".join(parts)


def check_meeting(start: dt.time, minutes: int, manager_email: str | None) -> str | None:
    """The meeting's time and the manager's address as the file takes them (the address
    stripped, ``None`` if empty); a Danish :class:`InputError` for what it cannot take."""
    low, high = MINUTES_RANGE
    if not low <= minutes <= high:
        raise InputError(
            f"En dialog i kalenderen skal vare mellem {low} minutter og {high // 60} timer."
        )
    end = dt.datetime.combine(dt.date(2000, 1, 1), start) + dt.timedelta(minutes=minutes)
    if end.date() != dt.date(2000, 1, 1) and end.time() != dt.time(0):
        raise InputError("En dialog i kalenderen skal slutte samme dag, som den begynder.")
    email = (manager_email or "").strip()
    if not email:
        return None
    if not _EMAIL.fullmatch(email):
        raise InputError(f"»{email}« er ikke en e-mailadresse (fx navn@kk.dk).")
    return email


def dialogues_calendar(
    plan: Plan,
    year: int | None = None,
    now: dt.datetime | None = None,
    *,
    start: dt.time = DEFAULT_START,
    minutes: int = DEFAULT_MINUTES,
    manager_email: str | None = None,
) -> bytes:
    """The dialogues of ``year`` (a year of the plan; every year for ``None``) as iCalendar.

    A dialogue belongs to the plan year it is about, so the follow-up of 2026, held in
    January 2027, is among 2026's. Dialogues without a date are left out. Each is a busy
    meeting from ``start`` for ``minutes``; with ``manager_email`` the manager is its attendee.
    """
    from icalendar import Calendar, Event, vCalAddress

    email = check_meeting(start, minutes, manager_email)

    stamp = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", f"Dialoger – udviklingsplan {_line(plan.workplace)}")
    for dialogue in plan.dialogues:
        day = _when(dialogue)
        if day is None or (year is not None and dialogue.year != year):
            continue
        event = Event()
        event.add("uid", event_uid(plan, dialogue))
        event.add("dtstamp", stamp)
        event.add("last-modified", stamp)
        # Outlook updates an event it already has only when the sequence has grown; minutes
        # since 2020 grow with every new file.
        event.add("sequence", int((stamp - _EPOCH).total_seconds() // 60))
        begins = dt.datetime.combine(day, start)  # floating: the leader's local time
        event.add("dtstart", begins)
        event.add("dtend", begins + dt.timedelta(minutes=minutes))
        event.add("summary", _summary(plan, dialogue))
        event.add("description", _description(plan, dialogue))
        # A meeting: the time is taken (busy), as for any meeting with the own manager.
        event.add("transp", "OPAQUE")
        event.add("x-microsoft-cdo-busystatus", "BUSY")
        if email is not None:
            attendee = vCalAddress(f"mailto:{email}")
            name = _line(plan.manager.name)
            if name:
                attendee.params["cn"] = name
            attendee.params["role"] = "REQ-PARTICIPANT"
            event.add("attendee", attendee, encode=False)
        calendar.add_component(event)
    return bytes(calendar.to_ical())


def write_calendar(
    plan: Plan,
    target: Path,
    year: int | None = None,
    now: dt.datetime | None = None,
    *,
    start: dt.time = DEFAULT_START,
    minutes: int = DEFAULT_MINUTES,
    manager_email: str | None = None,
) -> None:
    """Write :func:`dialogues_calendar` to ``target``, atomically (a locked target: a Danish
    :class:`~udviklingsplan_app.errors.InputError`, the old file unchanged)."""
    data = dialogues_calendar(
        plan, year, now, start=start, minutes=minutes, manager_email=manager_email
    )

    def write(tmp: Path) -> None:
        tmp.write_bytes(data)

    write_atomically(Path(target), write)


def has_dated_dialogues(plan: Plan, year: int | None = None) -> bool:
    """Whether :func:`dialogues_calendar` would hold any event."""
    return any(_when(d) is not None and (year is None or d.year == year) for d in plan.dialogues)
