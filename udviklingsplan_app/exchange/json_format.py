"""The JSON interchange format, version 1: one plan per UTF-8 file.

``read_plan_file`` refuses a bad file whole with a Danish message naming the field;
``plan_to_json`` writes a canonical text, so export → import → export gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .. import schema, validation
from ..atomic_files import write_atomically
from ..domain import (
    Action,
    CommentAbout,
    Dialogue,
    DialogueKind,
    Goal,
    Indicator,
    Involvement,
    ManagerComment,
    Measurement,
    Party,
    Person,
    Plan,
    SituationSection,
    Status,
    StatusChange,
    new_uid,
)
from ..errors import FrameworkError, InputError, ValidationError, os_reason
from ..framework import Framework
from ..framework_sources import get_framework
from ..jsontext import check_bounds, decode_bytes, parse_text
from ..outside_files import read_limited, regular_file_problem

FORMAT, VERSION = "udviklingsplan", 1
SCHEMA = "udviklingsplan-v1.schema.json"
#: A plan is a few hundred kB at most; a larger file is surely not one.
MAX_FILE_BYTES = 10 * 1024 * 1024
#: Values in the file (the example plan, 7 goals, has about 530): bounds the schema check.
MAX_VALUES = 50_000
#: Characters in one text (some 400 pages); the tests keep 200,000 whole.
MAX_TEXT = 1_000_000


# --- reading -------------------------------------------------------------------------------


#: How the framework a file names is found: by id (the interchange format holds no version).
FindFramework = Callable[[str], Framework]


def read_plan_file(path: Path, find: FindFramework = get_framework) -> Plan:
    """Read, check and build a plan from an interchange file; raises :class:`InputError`.

    ``find`` looks the plan's framework up: the available ones by default; with a database
    open, ``services.find_framework`` also finds the copies its plans keep.
    """
    path = Path(path)
    too_large = (
        f"Filen {path.name} fylder over {MAX_FILE_BYTES // (1024 * 1024)} MB; en plan fylder "
        "under 1 MB. Er det den rigtige fil?"
    )
    try:
        raw = read_limited(path, MAX_FILE_BYTES, too_large)
    except FileNotFoundError as error:
        raise InputError(regular_file_problem(path) or f"Filen {path} findes ikke.") from error
    except IsADirectoryError as error:
        raise InputError(f"{path} er en mappe, ikke en fil.") from error
    except OSError as error:
        raise InputError(f"Filen {path} kan ikke læses ({os_reason(error)}).") from error
    data = parse_text(decode_bytes(raw, path.name))
    check_bounds(data, max_values=MAX_VALUES, max_text=MAX_TEXT)
    return plan_from_data(data, find)


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value is not None else None


def plan_from_data(data: Any, find: FindFramework = get_framework) -> Plan:
    """Build a plan from parsed JSON; refuses the whole file at the first bad field."""
    if not isinstance(data, dict):
        raise ValidationError("Filen skal indeholde ét JSON-objekt ({…}) med en plan.")
    if "format" not in data:
        raise ValidationError(
            'feltet mangler – filen er ikke i Udviklingsplans format ("format": "udviklingsplan")',
            "format",
        )
    if data["format"] != FORMAT:
        raise ValidationError(
            f"filen er ikke en udviklingsplan (formatet er {json.dumps(data['format'], ensure_ascii=False)[:60]})",
            "format",
        )
    if isinstance(data.get("version"), int) and data["version"] != VERSION:
        raise ValidationError(
            f"version {data['version']} kendes ikke; denne version af programmet læser version {VERSION}",
            "version",
        )
    schema.check(data, SCHEMA)
    p = data["plan"]
    try:
        framework = find(p["framework"])
    except FrameworkError as error:
        raise ValidationError(str(error), "plan.framework") from error
    plan = Plan(
        leader=Person(p["leader"]["name"], p["leader"].get("title", "")),
        level=int(p["leader"]["level"]),
        workplace=p["workplace"],
        manager=Person(
            p["manager"]["name"], p["manager"].get("title", ""), p["manager"].get("email", "")
        ),
        framework_id=framework.id,
        framework_version=framework.version,
        first_year=int(p["first_year"]),
        years=int(p["years"]),
        situation={SituationSection(k): v for k, v in p.get("situation", {}).items()},
        goals=[_goal(g) for g in p.get("goals", [])],
        dialogues=[_dialogue(d) for d in p.get("dialogues", [])],
        focus={int(year): list(visions) for year, visions in p.get("focus", {}).items()},
        manager_comments=_comments(p.get("manager_comments", []), CommentAbout.PLAN),
        uid=p.get("id"),
    )
    validation.normalize_visions(plan, framework)
    validation.check_plan(plan, framework)
    return plan


def _goal(g: dict[str, Any]) -> Goal:
    return Goal(
        uid=g.get("id") or new_uid(),
        year=int(g["year"]),
        vision=g["vision"],
        theme=g.get("theme"),
        title=g["title"],
        rationale=g.get("rationale", ""),
        status=Status(g.get("status", Status.IKKE_PAABEGYNDT.value)),
        owner=g.get("owner", ""),
        carried_over_from=g.get("carried_over_from"),
        actions=[
            Action(
                a["text"], a.get("responsible", ""), _date(a.get("deadline")), a.get("done", False)
            )
            for a in g.get("actions", [])
        ],
        success_signs=list(g.get("success_signs", [])),
        success_criteria=list(g.get("success_criteria", [])),
        indicators=[
            Indicator(
                i["name"],
                i.get("unit", ""),
                _float_or_none(i.get("baseline")),
                _float_or_none(i.get("target")),
                [
                    Measurement(dt.date.fromisoformat(x["date"]), float(x["value"]))
                    for x in i.get("measurements", [])
                ],
            )
            for i in g.get("indicators", [])
        ],
        involvement=[
            Involvement(
                Party(v["party"]), _date(v.get("date")), v.get("form", ""), v.get("outcome", "")
            )
            for v in g.get("involvement", [])
        ],
        status_history=[
            StatusChange(Status(h["status"]), dt.datetime.fromisoformat(h["at"]), h.get("note", ""))
            for h in g.get("status_history", [])
        ],
        manager_comments=_comments(g.get("manager_comments", []), CommentAbout.GOAL),
    )


def _comments(items: list[dict[str, Any]], about: CommentAbout) -> list[ManagerComment]:
    return [
        ManagerComment(
            text=c["text"],
            received=dt.date.fromisoformat(c["received"]),
            file_name=c.get("file", ""),
            export_id=c.get("export", ""),
            about=CommentAbout(c.get("about", about.value)),
            title=c.get("title", ""),
            goal_uid=c.get("goal", ""),
            seen=c.get("seen", False),
        )
        for c in items
    ]


def _comment_data(comments: list[ManagerComment]) -> list[dict[str, Any]]:
    return [
        {
            "text": c.text,
            "received": c.received.isoformat(),
            "file": c.file_name,
            "export": c.export_id,
            "about": c.about.value,
            "title": c.title,
            "goal": c.goal_uid,
            "seen": c.seen,
        }
        for c in comments
    ]


def _float_or_none(value: float | int | None) -> float | None:
    return None if value is None else float(value)


def _dialogue(d: dict[str, Any]) -> Dialogue:
    return Dialogue(
        year=int(d["year"]),
        kind=DialogueKind(d["kind"]),
        planned=_date(d.get("planned")),
        held=_date(d.get("held")),
        participants=list(d.get("participants", [])),
        agenda=d.get("agenda", ""),
        notes=d.get("notes", ""),
        agreements=d.get("agreements", ""),
    )


# --- writing -------------------------------------------------------------------------------


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _num(value: float | None) -> float | int | None:
    """Whole numbers are written without ``.0`` (``58``, not ``58.0``), as people write them."""
    if value is not None and value.is_integer() and abs(value) < 1e15:
        return int(value)
    return value


def plan_to_data(plan: Plan) -> dict[str, Any]:
    """The plan as interchange data, every field present, in a fixed order.

    The optional ``focus`` is left out when no year has one (files from before it stay the same);
    the plan's ``id`` comes first, left out only for a plan that has none (not from a database).
    """
    data: dict[str, Any] = {} if plan.uid is None else {"id": plan.uid}
    data |= {
        "leader": {"name": plan.leader.name, "title": plan.leader.title, "level": plan.level},
        "workplace": plan.workplace,
        "manager": {"name": plan.manager.name, "title": plan.manager.title}
        | ({"email": plan.manager.email} if plan.manager.email else {}),
        "framework": plan.framework_id,
        "first_year": plan.first_year,
        "years": plan.years,
        "situation": {s.value: plan.situation_text(s) for s in SituationSection},
    }
    focus = {str(year): list(visions) for year, visions in sorted(plan.focus.items()) if visions}
    if focus:  # after the situation, as in the guide (step 2, then step 3)
        data["focus"] = focus
    data["goals"] = [_goal_data(g) for g in plan.goals]
    data["dialogues"] = [
        {
            "year": d.year,
            "kind": d.kind.value,
            "planned": _iso(d.planned),
            "held": _iso(d.held),
            "participants": list(d.participants),
            "agenda": d.agenda,
            "notes": d.notes,
            "agreements": d.agreements,
        }
        for d in plan.dialogues
    ]
    if plan.manager_comments:  # left out when there are none (files from before stay the same)
        data["manager_comments"] = _comment_data(plan.manager_comments)
    return {"format": FORMAT, "version": VERSION, "plan": data}


def _goal_data(g: Goal) -> dict[str, Any]:
    data = _goal_fields(g)
    if g.manager_comments:
        data["manager_comments"] = _comment_data(g.manager_comments)
    return data


def _goal_fields(g: Goal) -> dict[str, Any]:
    return {
        "id": g.uid,
        "year": g.year,
        "vision": g.vision,
        "theme": g.theme,
        "title": g.title,
        "rationale": g.rationale,
        "status": g.status.value,
        "owner": g.owner,
        "carried_over_from": g.carried_over_from,
        "actions": [
            {
                "text": a.text,
                "responsible": a.responsible,
                "deadline": _iso(a.deadline),
                "done": a.done,
            }
            for a in g.actions
        ],
        "success_signs": list(g.success_signs),
        "success_criteria": list(g.success_criteria),
        "indicators": [
            {
                "name": i.name,
                "unit": i.unit,
                "baseline": _num(i.baseline),
                "target": _num(i.target),
                "measurements": [
                    {"date": x.date.isoformat(), "value": _num(x.value)} for x in i.measurements
                ],
            }
            for i in g.indicators
        ],
        "involvement": [
            {"party": v.party.value, "date": _iso(v.date), "form": v.form, "outcome": v.outcome}
            for v in g.involvement
        ],
        "status_history": [
            {"status": h.status.value, "at": h.at.isoformat(timespec="seconds"), "note": h.note}
            for h in g.status_history
        ],
    }


def plan_to_json(plan: Plan) -> str:
    """Canonical JSON text: UTF-8 characters as they are, two-space indent, final newline."""
    return json.dumps(plan_to_data(plan), ensure_ascii=False, indent=2) + "\n"


def write_plan_file(plan: Plan, target: Path) -> None:
    """Write the plan as JSON to ``target``, atomically."""
    text = plan_to_json(plan)

    def write(tmp: Path) -> None:
        tmp.write_text(text, encoding="utf-8", newline="\n")

    write_atomically(Path(target), write)
