"""The use cases the UI and the command line call. Each mutation is one transaction.

Services take and return plain values or :mod:`domain` objects, never peewee rows, and raise
:class:`~udviklingsplan_app.errors.InputError` subclasses with Danish messages.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import sqlite3
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import replace
from functools import wraps
from typing import Any, ParamSpec, TypeVar, cast

from . import framework_sources, validation
from .domain import (
    GUIDE_KINDS,
    Action,
    Dialogue,
    DialogueKind,
    Goal,
    GuideProgress,
    Indicator,
    Measurement,
    Party,
    Person,
    Plan,
    SituationSection,
    Status,
    StatusChange,
    new_uid,
)
from .errors import NotFoundError, ValidationError
from .framework import Framework, get_framework, unknown_framework, version_key
from .storage import database, reading
from .storage import models as m
from .storage.reading import PlanSummary

P = ParamSpec("P")
R = TypeVar("R")


def transaction(function: Callable[P, R]) -> Callable[P, R]:
    """Run the whole service in one transaction: all of it is stored, or none of it.

    The transaction takes the write lock at once (``BEGIN IMMEDIATE``): a deferred one that
    reads first would fail at its first write, without waiting, whenever another program
    (a second window, the command line) is writing; this one waits up to the busy timeout.
    """

    @wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            with database().atomic(lock_type="IMMEDIATE"):
                return function(*args, **kwargs)
        except Exception as error:
            # A full disk during a large write makes SQLite roll the whole transaction back
            # itself; the ROLLBACK that follows then fails and would hide the real reason.
            if "no transaction is active" not in str(error):
                raise
            cause = error.__context__
            while cause is not None and "no transaction is active" in str(cause):
                cause = cause.__context__
            if cause is None:
                raise
            raise cause from None

    return wrapper


def read_transaction(function: Callable[P, R]) -> Callable[P, R]:
    """Run a reading service in one transaction, so it sees one consistent state."""

    @wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with database().atomic():
            return function(*args, **kwargs)

    return wrapper


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


E = TypeVar("E", Status, Party, DialogueKind, SituationSection)

#: The Danish word and the field name a refused choice is reported with.
_CHOICE_WORDS: dict[type, tuple[str, str]] = {
    Status: ("status", "status"),
    Party: ("part", "party"),
    DialogueKind: ("dialog", "kind"),
    SituationSection: ("afsnit", "section"),
}


def _choice(kind: type[E], value: object) -> E:
    """An enum member from its value, or a Danish :class:`ValidationError` naming the choices."""
    try:
        return kind(str(value)) if not isinstance(value, kind) else value
    except ValueError:
        word, field = _CHOICE_WORDS[kind]
        allowed = ", ".join(member.value for member in kind)
        raise ValidationError(f"ukendt {word} »{value}« – tilladt er: {allowed}", field) from None


_TEXT = (
    "workplace",
    "leader_name",
    "leader_title",
    "manager_name",
    "manager_title",
    "title",
    "rationale",
    "owner",
    "vision",
    "text",
    "responsible",
    "name",
    "unit",
    "form",
    "outcome",
    "agenda",
    "notes",
    "agreements",
    "note",
)
_KINDS: dict[str, str] = {
    **dict.fromkeys(_TEXT, "text"),
    "theme": "text?",
    **dict.fromkeys(("level", "first_year", "years", "year", "position"), "int"),
    **dict.fromkeys(("deadline", "planned", "held", "date"), "date?"),
    "done": "bool",
    **dict.fromkeys(("baseline", "target"), "number?"),
    "value": "number",
}
_KIND_WORDS = {
    "text": "en tekst",
    "int": "et helt tal",
    "date": "en dato",
    "bool": "ja eller nej (True/False)",
    "number": "et endeligt tal",
}


def _storable(text: str) -> bool:
    # A lone UTF-16 surrogate (a broken paste) can be neither stored nor exported.
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _finite(value: int | float) -> bool:
    try:
        return math.isfinite(value)
    except OverflowError:  # an int beyond what a float holds
        return False


def _fits(kind: str, value: object) -> bool:
    if kind == "text":
        return isinstance(value, str) and _storable(value)
    if kind == "int":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "date":
        return isinstance(value, dt.date) and not isinstance(value, dt.datetime)
    if kind == "bool":
        return isinstance(value, bool)
    return (  # number
        isinstance(value, int | float) and not isinstance(value, bool) and _finite(value)
    )


def _check_values(values: dict[str, Any], date_fields: tuple[str, ...] = ()) -> None:
    """Refuse a value of the wrong kind (``None`` as a title, ``"2026-13-45"`` as a date, …).

    What a service stores must export and import again, so nothing slips past as a raw type
    error or an English database message.
    """
    for field, value in values.items():
        kind = "date" if field in date_fields else _KINDS.get(field)
        if kind is None:
            continue
        optional = kind.endswith("?")
        kind = kind.rstrip("?")
        if value is None and optional:
            continue
        if not _fits(kind, value):
            raise ValidationError(f"skal være {_KIND_WORDS[kind]}, men er {value!r}", field)


def _check_list(values: object, field: str) -> None:
    if not isinstance(values, list | tuple) or not all(_fits("text", v) for v in values):
        raise ValidationError("skal være en liste af tekster", field)


# --- reading -------------------------------------------------------------------------------


def _connection() -> sqlite3.Connection:
    """The open database's own ``sqlite3`` connection (inside the service's transaction)."""
    return cast("sqlite3.Connection", database().connection())  # type: ignore[no-untyped-call]


@read_transaction
def list_plans() -> list[PlanSummary]:
    """Every plan in the database, oldest first."""
    return reading.plan_summaries(_connection())


def _plan_row(plan_id: int) -> m.Plan:
    row = m.Plan.get_or_none(m.Plan.id == plan_id)
    if row is None:
        raise NotFoundError(f"Der er ingen plan med id {plan_id}.")
    return row


def _goal_row(goal_id: int) -> m.Goal:
    row = m.Goal.get_or_none(m.Goal.id == goal_id)
    if row is None:
        raise NotFoundError(f"Der er intet udviklingsmål med id {goal_id}.")
    return row


@read_transaction
def load_plan(plan_id: int) -> Plan:
    """The whole plan with every goal and dialogue, in display order.

    Read in one transaction, so a write from another window or command cannot mix old and
    new rows into the result.
    """
    return reading.read_plan(_connection(), plan_id)


def only_plan_id() -> int:
    """The id of the single plan in the database (for ``--plan`` left out)."""
    ids = [row.id for row in m.Plan.select(m.Plan.id).order_by(m.Plan.id)]
    if not ids:
        raise NotFoundError("Databasen indeholder ingen planer endnu.")
    if len(ids) > 1:
        raise ValidationError(
            f"Databasen indeholder {len(ids)} planer; vælg en med --plan ID "
            f"(se listen med kommandoen 'list')."
        )
    return ids[0]


def plan_framework(plan_id: int) -> Framework:
    """The framework the plan follows: its own stored copy (see :func:`_framework_of`)."""
    return _framework_of(_plan_row(plan_id))


def _framework_of(row: m.Plan) -> Framework:
    document = reading.framework_document(
        _connection(), row.id, row.framework_id, row.framework_version
    )
    return framework_sources.plan_framework(document, row.framework_id, row.framework_version)


def _keep_copy(plan_id: int, framework: Framework) -> None:
    """Store the plan's own copy of ``framework`` (once per id and version)."""
    m.PlanFramework.insert(
        plan=plan_id,
        framework_id=framework.id,
        version=framework.version,
        document=framework.document,
    ).on_conflict_ignore().execute()


def find_framework(framework_id: str, version: str | None = None) -> Framework:
    """An available framework, else a copy kept by a plan in this database.

    So a plan exported from this database imports again here even when its framework file
    has gone. Without a version: the newest of the id. :class:`FrameworkError` says how to
    add the framework.
    """
    available = framework_sources.available_frameworks()
    entry = available.find(framework_id, version)
    if entry is not None:
        return entry.framework
    copies = [
        framework_sources.framework_from_copy(text)
        for text in reading.stored_framework_documents(_connection(), framework_id)
    ]
    copies = [c for c in copies if version is None or c.version == version]
    if copies:
        return max(copies, key=lambda c: version_key(c.version))
    raise unknown_framework(framework_id, version, [f.id for f in available.frameworks()])


def newer_framework(plan_id: int) -> Framework | None:
    """The newest available version of the plan's framework if it is newer than the plan's."""
    current = plan_framework(plan_id)
    entry = framework_sources.available_frameworks().find(current.id)
    if entry is None or version_key(entry.framework.version) <= version_key(current.version):
        return None
    return entry.framework


@transaction
def move_plan_framework(plan_id: int, version: str) -> None:
    """Let the plan follow another version of its framework (the leader's choice).

    The plan keeps a copy of the new version too, so undo can go back. Goals whose vision,
    theme or sign the new version lacks are kept exactly as they are – Vejledning names them.
    A year's focus on a vision that no longer exists is dropped.
    """
    row = _plan_row(plan_id)
    framework = get_framework(row.framework_id, version)
    _keep_copy(plan_id, framework)
    m.Plan.update(framework_version=framework.version, updated_at=_now()).where(
        m.Plan.id == plan_id
    ).execute()
    known = [v.id for v in framework.visions]
    m.YearFocus.delete().where(
        (m.YearFocus.plan == plan_id) & m.YearFocus.vision.not_in(known)
    ).execute()


# --- plans ---------------------------------------------------------------------------------


@transaction
def import_plan(plan: Plan) -> int:
    """Store a whole plan (from the JSON import) as a new plan; returns its id.

    A plan id or goal id the database already holds is replaced by a new one (so every id
    stays unique); :mod:`.plan_import` decides first what an import of an existing plan does.
    """
    framework = find_framework(plan.framework_id, plan.framework_version or None)
    validation.normalize_visions(plan, framework)
    validation.check_plan(plan, framework)
    plan = with_unused_ids(plan)
    now = _now()
    row = m.Plan.create(
        uid=plan.uid,
        **_header_row(plan),
        framework_id=framework.id,
        framework_version=framework.version,
        created_at=now,
        updated_at=now,
    )
    _keep_copy(row.id, framework)
    _insert_contents(row.id, plan)
    return int(row.id)


def with_unused_ids(plan: Plan, keeping: int | None = None) -> Plan:
    """``plan`` with a plan id and goal ids that no plan in the database holds (but ``keeping``).

    An id in use gets a new one; a goal's carried-over link follows its source's new id.
    """
    uid = plan.uid
    if uid is None or (
        m.Plan.select().where((m.Plan.uid == uid) & (m.Plan.id != (keeping or 0))).exists()
    ):
        uid = new_uid()
    wanted = [goal.uid for goal in plan.goals]
    used: set[str] = set()
    for start in range(0, len(wanted), _PartRows.BATCH):
        chunk = wanted[start : start + _PartRows.BATCH]
        query = m.Goal.select(m.Goal.uid).where(
            m.Goal.uid.in_(chunk) & (m.Goal.plan != (keeping or 0))
        )
        used.update(taken for (taken,) in cast("Iterable[tuple[str]]", query.tuples()))
    renamed = {old: new_uid() for old in wanted if old in used}
    goals = [
        replace(
            goal,
            uid=renamed.get(goal.uid, goal.uid),
            carried_over_from=renamed.get(goal.carried_over_from, goal.carried_over_from)
            if goal.carried_over_from is not None
            else None,
        )
        for goal in plan.goals
    ]
    return replace(plan, uid=uid, goals=goals)


def _header_row(plan: Plan) -> dict[str, Any]:
    """The plan's own fields as the plan table stores them."""
    return {
        "leader_name": plan.leader.name,
        "leader_title": plan.leader.title,
        "level": plan.level,
        "workplace": plan.workplace,
        "manager_name": plan.manager.name,
        "manager_title": plan.manager.title,
        "first_year": plan.first_year,
        "years": plan.years,
    }


def _insert_contents(plan_id: int, plan: Plan) -> None:
    """Write a plan's situation, goals (with their parts and links) and dialogues."""
    for section, text in plan.situation.items():
        m.SituationSection.create(plan=plan_id, section=section.value, text=text)
    positions: dict[int, int] = defaultdict(int)
    goal_rows = []
    for goal in plan.goals:
        goal_rows.append(
            {
                "plan": plan_id,
                "uid": goal.uid,
                "year": goal.year,
                "position": positions[goal.year],
                "vision": goal.vision,
                "theme": goal.theme,
                "title": goal.title,
                "rationale": goal.rationale,
                "status": goal.status.value,
                "owner": goal.owner,
            }
        )
        positions[goal.year] += 1
    _insert_batches(m.Goal, goal_rows)
    id_of_uid = dict(
        cast(
            "Iterable[tuple[str, int]]",
            m.Goal.select(m.Goal.uid, m.Goal.id).where(m.Goal.plan == plan_id).tuples(),
        )
    )
    rows = _PartRows()
    for goal in plan.goals:
        rows.add_goal_parts(id_of_uid[goal.uid], goal)
    rows.flush()
    for goal in plan.goals:
        if goal.carried_over_from is not None:
            m.Goal.update(carried_over_from=id_of_uid[goal.carried_over_from]).where(
                m.Goal.id == id_of_uid[goal.uid]
            ).execute()
    for dialogue in plan.dialogues:
        _save_dialogue_row(plan_id, dialogue)
    _insert_batches(
        m.YearFocus,
        [
            {"plan": plan_id, "year": year, "vision": vision}
            for year, visions in sorted(plan.focus.items())
            for vision in visions
        ],
    )


@transaction
def restore_plan(plan_id: int, plan: Plan) -> None:
    """Put a plan back exactly as ``plan`` (a snapshot from :func:`load_plan`) describes it.

    Used by undo and redo: the plan keeps its id and every goal its uid, while the rows of
    its parts are written anew. The snapshot is checked like an import, so a damaged one
    changes nothing. The snapshot's framework version is the plan's again (undoing a move to
    another version); references the version lacks are kept, as the move kept them.
    """
    row = _plan_row(plan_id)
    if row.framework_id != plan.framework_id:
        raise ValidationError("Øjebliksbilledet hører til en plan med en anden strategiramme.")
    version = plan.framework_version or row.framework_version
    document = reading.framework_document(_connection(), plan_id, row.framework_id, version)
    framework = framework_sources.plan_framework(document, row.framework_id, version)
    validation.check_plan(plan, framework, references=False)
    m.Plan.update(
        **_header_row(plan), framework_version=framework.version, updated_at=_now()
    ).where(m.Plan.id == plan_id).execute()
    _replace_contents(plan_id, plan)


def _replace_contents(plan_id: int, plan: Plan) -> None:
    m.SituationSection.delete().where(m.SituationSection.plan == plan_id).execute()
    m.Goal.delete().where(m.Goal.plan == plan_id).execute()
    m.Dialogue.delete().where(m.Dialogue.plan == plan_id).execute()
    m.YearFocus.delete().where(m.YearFocus.plan == plan_id).execute()
    _insert_contents(plan_id, plan)


@transaction
def replace_plan(plan_id: int, plan: Plan) -> None:
    """Put a plan read from a file in place of the stored plan ``plan_id``, all or nothing.

    The stored plan keeps its number, its id (``plan.id``) and its guide progress.
    """
    framework = find_framework(plan.framework_id, plan.framework_version or None)
    validation.normalize_visions(plan, framework)
    validation.check_plan(plan, framework)
    row = _plan_row(plan_id)
    plan = with_unused_ids(replace(plan, uid=row.uid), keeping=plan_id)
    _keep_copy(plan_id, framework)
    m.Plan.update(
        **_header_row(plan),
        framework_id=framework.id,
        framework_version=framework.version,
        updated_at=_now(),
    ).where(m.Plan.id == plan_id).execute()
    _replace_contents(plan_id, plan)


class _PartRows:
    """A goal's parts, gathered and then written with one INSERT per table and batch.

    A plan of thousands of goals holds tens of thousands of rows; inserting them one model
    object at a time would take many seconds.
    """

    BATCH = 500  # ids in one IN list, well below SQLite's limit of bound variables

    def __init__(self) -> None:
        self._rows: dict[type[m.BaseModel], list[dict[str, Any]]] = defaultdict(list)
        self._measurements: dict[tuple[int, int], list[Measurement]] = {}

    def add_goal_parts(self, goal_id: int, goal: Goal) -> None:
        add = self._rows
        for position, action in enumerate(goal.actions):
            add[m.Action].append(
                {
                    "goal": goal_id,
                    "position": position,
                    "text": action.text,
                    "responsible": action.responsible,
                    "deadline": action.deadline,
                    "done": action.done,
                }
            )
        for position, sign_id in enumerate(goal.success_signs):
            add[m.SuccessLink].append({"goal": goal_id, "position": position, "sign_id": sign_id})
        for position, text in enumerate(goal.success_criteria):
            add[m.SuccessCriterion].append({"goal": goal_id, "position": position, "text": text})
        for position, indicator in enumerate(goal.indicators):
            add[m.Indicator].append(
                {
                    "goal": goal_id,
                    "position": position,
                    "name": indicator.name,
                    "unit": indicator.unit,
                    "baseline": indicator.baseline,
                    "target": indicator.target,
                }
            )
            # Measurements get their indicator's id once the indicators are written.
            if indicator.measurements:
                self._measurements[(goal_id, position)] = indicator.measurements
        for position, item in enumerate(goal.involvement):
            add[m.Involvement].append(
                {
                    "goal": goal_id,
                    "position": position,
                    "party": item.party.value,
                    "date": item.date,
                    "form": item.form,
                    "outcome": item.outcome,
                }
            )
        for change in goal.status_history:
            add[m.StatusChange].append(
                {
                    "goal": goal_id,
                    "status": change.status.value,
                    "at": change.at,
                    "note": change.note,
                }
            )

    def flush(self) -> None:
        for model, rows in self._rows.items():
            _insert_batches(model, rows)
        if self._measurements:
            goal_ids = sorted({goal_id for goal_id, _ in self._measurements})
            measurements = []
            for start in range(0, len(goal_ids), self.BATCH):
                query = m.Indicator.select(m.Indicator.id, m.Indicator.goal, m.Indicator.position)
                chunk = goal_ids[start : start + self.BATCH]
                found = query.where(m.Indicator.goal.in_(chunk)).tuples()
                for indicator_id, goal_id, position in cast(
                    "Iterable[tuple[int, int, int]]", found
                ):
                    for item in self._measurements.get((goal_id, position), []):
                        measurements.append(
                            {"indicator": indicator_id, "date": item.date, "value": item.value}
                        )
            _insert_batches(m.Measurement, measurements)
        self._rows.clear()
        self._measurements.clear()


def _insert_batches(model: type[m.BaseModel], rows: list[dict[str, Any]], batch: int = 500) -> None:
    for start in range(0, len(rows), batch):
        model.insert_many(rows[start : start + batch]).execute()


@transaction
def create_plan(
    *,
    workplace: str,
    leader: Person,
    level: int,
    manager: Person,
    framework_id: str,
    first_year: int,
    years: int | None = None,
    framework_version: str | None = None,
) -> int:
    """A new, empty plan; the cycle length defaults to the framework's.

    Without a version the newest available of the framework; the plan keeps its own copy.
    """
    framework = get_framework(framework_id, framework_version)
    years = framework.default_cycle_years if years is None else years
    _check_values(
        {
            "workplace": workplace,
            "leader_name": leader.name,
            "leader_title": leader.title,
            "manager_name": manager.name,
            "manager_title": manager.title,
            "level": level,
            "first_year": first_year,
            "years": years,
        }
    )
    validation.check_header(level, first_year, years, workplace)
    now = _now()
    row = m.Plan.create(
        uid=new_uid(),
        leader_name=leader.name,
        leader_title=leader.title,
        level=level,
        workplace=workplace,
        manager_name=manager.name,
        manager_title=manager.title,
        framework_id=framework.id,
        framework_version=framework.version,
        first_year=first_year,
        years=years,
        created_at=now,
        updated_at=now,
    )
    _keep_copy(row.id, framework)
    return int(row.id)


_PLAN_FIELDS = {
    "workplace",
    "leader_name",
    "leader_title",
    "level",
    "manager_name",
    "manager_title",
    "first_year",
    "years",
}


@transaction
def update_plan(plan_id: int, **changes: Any) -> None:
    """Change the plan's own details. A cycle that would leave goals outside it is refused."""
    unknown = set(changes) - _PLAN_FIELDS
    if unknown:
        raise ValidationError(f"ukendte felter: {', '.join(sorted(unknown))}")
    _check_values(changes)
    row = _plan_row(plan_id)
    for name, value in changes.items():
        setattr(row, name, value)
    validation.check_header(row.level, row.first_year, row.years, row.workplace)
    last = row.first_year + row.years - 1
    outside = m.Goal.select(m.Goal.year).where(
        (m.Goal.plan == plan_id) & ((m.Goal.year < row.first_year) | (m.Goal.year > last))
    ) | m.Dialogue.select(m.Dialogue.year).where(
        (m.Dialogue.plan == plan_id)
        & ((m.Dialogue.year < row.first_year) | (m.Dialogue.year > last))
    )
    years = sorted({r.year for r in outside})
    if years:
        listed = ", ".join(str(y) for y in years)
        raise ValidationError(
            f"Planen har mål eller dialoger i {listed}, som ville falde uden for "
            f"{row.first_year}–{last}. Flyt eller slet dem først."
        )
    # A year's focus is only a mark: one that falls outside the new cycle goes (undo brings
    # it back), so what is stored still exports and imports.
    m.YearFocus.delete().where(
        (m.YearFocus.plan == plan_id)
        & ((m.YearFocus.year < row.first_year) | (m.YearFocus.year > last))
    ).execute()
    row.updated_at = _now()
    row.save()


@transaction
def delete_plan(plan_id: int) -> None:
    _plan_row(plan_id).delete_instance()


@transaction
def set_situation(plan_id: int, section: SituationSection, text: str) -> None:
    """Store one section of the current situation."""
    _check_values({"text": text})
    plan = _plan_row(plan_id)
    (
        m.SituationSection.insert(
            plan=plan, section=_choice(SituationSection, section).value, text=text
        )
        .on_conflict(
            conflict_target=[m.SituationSection.plan, m.SituationSection.section],
            update={m.SituationSection.text: text},
        )
        .execute()
    )
    _touch(plan_id)


@transaction
def set_year_focus(plan_id: int, year: int, vision_ids: list[str]) -> None:
    """The visions ``year`` focuses on (replacing the year's earlier choice), in framework order.

    An empty list clears the year's focus.
    """
    _check_values({"year": year})
    _check_list(vision_ids, "focus")
    plan = _plan_row(plan_id)
    framework = _framework_of(plan)
    visions = validation.check_year_focus(
        framework, {year: list(vision_ids)}, plan.first_year, plan.years, "focus"
    )[year]
    m.YearFocus.delete().where((m.YearFocus.plan == plan_id) & (m.YearFocus.year == year)).execute()
    _insert_batches(
        m.YearFocus, [{"plan": plan_id, "year": year, "vision": vision} for vision in visions]
    )
    _touch(plan_id)


def _touch(plan_id: int) -> None:
    m.Plan.update(updated_at=_now()).where(m.Plan.id == plan_id).execute()


# --- goals ---------------------------------------------------------------------------------


def _check_goal_fields(
    plan: m.Plan,
    framework: Framework,
    year: int,
    vision: str,
    theme: str | None,
) -> str:
    validation.check_year(year, plan.first_year, plan.years, "year")
    vision_id = validation.resolve_vision(framework, vision, "vision")
    validation.check_theme(framework, vision_id, theme, "theme")
    return vision_id


def _next_position(model: type[m.BaseModel], *where: Any) -> int:
    """The position after the last one (positions stay unique after deletions)."""
    from peewee import fn

    last = model.select(fn.MAX(model.position)).where(*where).scalar()
    return 0 if last is None else int(last) + 1


@transaction
def add_goal(
    plan_id: int,
    *,
    year: int,
    vision: str,
    title: str,
    theme: str | None = None,
    rationale: str = "",
    owner: str = "",
    status: Status = Status.IKKE_PAABEGYNDT,
) -> int:
    """A new goal at the end of its year; returns its id."""
    _check_values(
        {
            "year": year,
            "vision": vision,
            "title": title,
            "theme": theme,
            "rationale": rationale,
            "owner": owner,
        }
    )
    plan = _plan_row(plan_id)
    framework = _framework_of(plan)
    vision_id = _check_goal_fields(plan, framework, year, vision, theme)
    if not title.strip():
        raise ValidationError("Et udviklingsmål skal have en titel.", "title")
    status = _choice(Status, status)
    row = m.Goal.create(
        plan=plan,
        uid=new_uid(),
        year=year,
        position=_next_position(m.Goal, (m.Goal.plan == plan_id) & (m.Goal.year == year)),
        vision=vision_id,
        theme=theme,
        title=title,
        rationale=rationale,
        status=status.value,
        owner=owner,
    )
    m.StatusChange.create(
        goal=row,
        status=status.value,
        at=_now(),
        note="Målet er oprettet.",
    )
    _touch(plan_id)
    return int(row.id)


_GOAL_FIELDS = {"title", "rationale", "owner", "vision", "theme"}


@transaction
def update_goal(goal_id: int, **changes: Any) -> None:
    """Change a goal's text fields, vision or theme (a theme of another vision is cleared)."""
    unknown = set(changes) - _GOAL_FIELDS
    if unknown:
        raise ValidationError(f"ukendte felter: {', '.join(sorted(unknown))}")
    _check_values(changes)
    row = _goal_row(goal_id)
    plan = row.plan
    framework = _framework_of(plan)
    if "vision" in changes and "theme" not in changes:
        vision = framework.vision(validation.resolve_vision(framework, changes["vision"], "vision"))
        if vision is not None and row.theme and vision.theme(row.theme) is None:
            changes["theme"] = None
    for name, value in changes.items():
        setattr(row, name, value)
    if not row.title.strip():
        raise ValidationError("Et udviklingsmål skal have en titel.", "title")
    if "vision" in changes or "theme" in changes:
        # A goal whose vision left the framework (a newer version) keeps it until it is chosen
        # anew: editing its title must not fail over it.
        row.vision = _check_goal_fields(plan, framework, row.year, row.vision, row.theme)
    row.save()
    _touch(plan.id)


@transaction
def move_goal(goal_id: int, *, year: int | None = None, position: int | None = None) -> None:
    """Move a goal to another year and/or place in the year's order (0 is first)."""
    _check_values({k: v for k, v in (("year", year), ("position", position)) if v is not None})
    row = _goal_row(goal_id)
    plan = row.plan
    target_year = row.year if year is None else year
    validation.check_year(target_year, plan.first_year, plan.years, "year")
    source = row.carried_over_from
    if source is not None and target_year <= source.year:
        raise ValidationError(
            f"Målet er videreført fra {source.year} og skal ligge i et senere år end {source.year}.",
            "year",
        )
    for later in m.Goal.select().where(m.Goal.carried_over_from == row):
        if target_year >= later.year:
            raise ValidationError(
                f"Målet er videreført til {later.year} og skal ligge i et tidligere år end {later.year}.",
                "year",
            )
    siblings = [
        g
        for g in m.Goal.select()
        .where((m.Goal.plan == plan.id) & (m.Goal.year == target_year) & (m.Goal.id != row.id))
        .order_by(m.Goal.position, m.Goal.id)
    ]
    index = len(siblings) if position is None else max(0, min(position, len(siblings)))
    siblings.insert(index, row)
    row.year = target_year
    for number, goal in enumerate(siblings):
        goal.position = number
        goal.save()
    _touch(plan.id)


@transaction
def delete_goal(goal_id: int) -> None:
    """Delete a goal with all its parts; a goal carried over from it loses only the link."""
    row = _goal_row(goal_id)
    plan_id = row.plan_id
    row.delete_instance()
    _touch(plan_id)


@transaction
def set_goal_status(
    goal_id: int, status: Status, note: str = "", at: dt.datetime | None = None
) -> None:
    """Set the status and add it, with the check-in note, to the goal's status history."""
    _check_values({"note": note})
    if at is not None and not isinstance(at, dt.datetime):
        raise ValidationError(f"skal være et tidspunkt, men er {at!r}", "at")
    if at is not None and at.tzinfo is not None:
        at = at.astimezone().replace(tzinfo=None)  # the plan keeps local times, as written
    if at is not None:
        at = at.replace(microsecond=0)
    row = _goal_row(goal_id)
    status = _choice(Status, status)
    row.status = status.value
    row.save()
    m.StatusChange.create(goal=row, status=status.value, at=at or _now(), note=note)
    _touch(row.plan_id)


@transaction
def set_success_signs(goal_id: int, sign_ids: list[str]) -> None:
    """The framework signs of success (or objectives) that the goal serves."""
    _check_list(sign_ids, "success_signs")
    row = _goal_row(goal_id)
    framework = _framework_of(row.plan)
    # A sign the goal already has stays allowed when a newer framework version lacks it.
    linked = m.SuccessLink.select(m.SuccessLink.sign_id).where(m.SuccessLink.goal == row)
    kept = {link.sign_id for link in linked if framework.sign(link.sign_id) is None}
    if len(set(sign_ids)) != len(sign_ids):
        validation.check_signs(framework, list(sign_ids), "success_signs")
    validation.check_signs(framework, [s for s in sign_ids if s not in kept], "success_signs")
    m.SuccessLink.delete().where(m.SuccessLink.goal == row).execute()
    for position, sign_id in enumerate(sign_ids):
        m.SuccessLink.create(goal=row, position=position, sign_id=sign_id)
    _touch(row.plan_id)


@transaction
def set_success_criteria(goal_id: int, criteria: list[str]) -> None:
    """The goal's own success criteria, in order."""
    _check_list(criteria, "success_criteria")
    row = _goal_row(goal_id)
    m.SuccessCriterion.delete().where(m.SuccessCriterion.goal == row).execute()
    for position, text in enumerate(criteria):
        m.SuccessCriterion.create(goal=row, position=position, text=text)
    _touch(row.plan_id)


@transaction
def carry_over_goal(goal_id: int, note: str = "") -> int:
    """Continue a goal in the next year, linked to the original; returns the new goal's id.

    The new goal keeps vision, theme, texts, signs, criteria, indicators (their latest value
    becomes the new baseline) and the actions not yet done. The original becomes "Videreført".
    """
    _check_values({"note": note})
    row = _goal_row(goal_id)
    plan = row.plan
    goal = next(g for g in load_plan(plan.id).goals if g.id == goal_id)
    year = row.year + 1
    already = m.Goal.get_or_none(m.Goal.carried_over_from == row)
    if already is not None:
        raise ValidationError(f"Målet er allerede videreført til {already.year}.")
    if year > plan.first_year + plan.years - 1:
        raise ValidationError(
            f"Målet står i planens sidste år ({row.year}) og kan ikke videreføres inden for planen."
        )
    new = m.Goal.create(
        plan=plan,
        uid=new_uid(),
        year=year,
        position=_next_position(m.Goal, (m.Goal.plan == plan.id) & (m.Goal.year == year)),
        vision=row.vision,
        theme=row.theme,
        title=row.title,
        rationale=row.rationale,
        status=Status.PLANLAGT.value,
        owner=row.owner,
        carried_over_from=row,
    )
    carried = Goal(
        year=year,
        vision=goal.vision,
        title=goal.title,
        actions=[Action(a.text, a.responsible, None, False) for a in goal.actions if not a.done],
        success_signs=goal.success_signs,
        success_criteria=goal.success_criteria,
        indicators=[
            Indicator(i.name, i.unit, i.latest.value if i.latest else i.baseline, i.target)
            for i in goal.indicators
        ],
        status_history=[StatusChange(Status.PLANLAGT, _now(), f"Videreført fra {row.year}.")],
    )
    rows = _PartRows()
    rows.add_goal_parts(new.id, carried)
    rows.flush()
    row.status = Status.VIDEREFOERT.value
    row.save()
    m.StatusChange.create(
        goal=row,
        status=Status.VIDEREFOERT.value,
        at=_now(),
        note=note or f"Videreført til {year}.",
    )
    _touch(plan.id)
    return int(new.id)


# --- a goal's parts ------------------------------------------------------------------------


def _update_row(
    model: type[m.BaseModel], row_id: int, allowed: set[str], changes: dict[str, Any]
) -> Any:
    unknown = set(changes) - allowed
    if unknown:
        raise ValidationError(f"ukendte felter: {', '.join(sorted(unknown))}")
    _check_values(changes)
    row = model.get_or_none(model.id == row_id)
    if row is None:
        raise NotFoundError(f"Elementet med id {row_id} findes ikke længere.")
    for name, value in changes.items():
        setattr(row, name, value)
    row.save()
    return row


def _add_part(model: type[m.BaseModel], goal_id: int, **values: Any) -> int:
    """A new action, indicator or involvement entry at the end of the goal's list."""
    _check_values(values)
    goal = _goal_row(goal_id)
    position = _next_position(model, model.goal == goal)  # type: ignore[attr-defined]
    row = model.create(goal=goal, position=position, **values)
    _touch(goal.plan_id)
    return int(row.id)


def _goal_plan_id(goal_id: int) -> int:
    return int(_goal_row(goal_id).plan_id)


@transaction
def add_action(
    goal_id: int,
    text: str,
    responsible: str = "",
    deadline: dt.date | None = None,
    done: bool = False,
) -> int:
    return _add_part(
        m.Action, goal_id, text=text, responsible=responsible, deadline=deadline, done=done
    )


@transaction
def update_action(action_id: int, **changes: Any) -> None:
    row = _update_row(m.Action, action_id, {"text", "responsible", "deadline", "done"}, changes)
    _touch(_goal_plan_id(row.goal_id))


@transaction
def delete_action(action_id: int) -> None:
    _delete_part(m.Action, action_id)


def _delete_part(model: type[m.BaseModel], row_id: int) -> None:
    row = model.get_or_none(model.id == row_id)
    if row is None:
        raise NotFoundError(f"Elementet med id {row_id} findes ikke længere.")
    plan_id = _goal_plan_id(row.goal_id)
    row.delete_instance()
    _touch(plan_id)


def _indicator_values(values: dict[str, Any]) -> dict[str, Any]:
    """Checked name, baseline and target (those present): a name, and finite numbers."""
    checked: dict[str, Any] = {k: values[k] for k in ("name", "baseline", "target") if k in values}
    _check_values(checked)
    if "name" in checked and not checked["name"].strip():
        raise ValidationError("En indikator skal have et navn.", "name")
    for key in ("baseline", "target"):
        if checked.get(key) is not None:
            checked[key] = float(checked[key])
    return checked


@transaction
def add_indicator(
    goal_id: int,
    name: str,
    unit: str = "",
    baseline: float | None = None,
    target: float | None = None,
) -> int:
    values = _indicator_values({"name": name, "baseline": baseline, "target": target})
    return _add_part(m.Indicator, goal_id, unit=unit, **values)


@transaction
def update_indicator(indicator_id: int, **changes: Any) -> None:
    changes.update(_indicator_values(changes))
    row = _update_row(m.Indicator, indicator_id, {"name", "unit", "baseline", "target"}, changes)
    _touch(_goal_plan_id(row.goal_id))


@transaction
def delete_indicator(indicator_id: int) -> None:
    _delete_part(m.Indicator, indicator_id)


@transaction
def add_measurement(indicator_id: int, date: dt.date, value: float) -> int:
    indicator = m.Indicator.get_or_none(m.Indicator.id == indicator_id)
    if indicator is None:
        raise NotFoundError(f"Der er ingen indikator med id {indicator_id}.")
    _check_values({"date": date, "value": value}, date_fields=("date",))
    row = m.Measurement.create(indicator=indicator, date=date, value=float(value))
    _touch(_goal_plan_id(indicator.goal_id))
    return int(row.id)


@transaction
def update_measurement(
    measurement_id: int, *, date: dt.date | None = None, value: float | None = None
) -> None:
    """Change a measurement's date and/or value (``None`` leaves that one as it is)."""
    changes: dict[str, Any] = {}
    if date is not None:
        changes["date"] = date
    if value is not None:
        changes["value"] = value
    _check_values(changes, date_fields=("date",))
    row = m.Measurement.get_or_none(m.Measurement.id == measurement_id)
    if row is None:
        raise NotFoundError(f"Målingen med id {measurement_id} findes ikke længere.")
    if "date" in changes:
        row.date = changes["date"]
    if "value" in changes:
        row.value = float(changes["value"])
    row.save()
    _touch(_goal_plan_id(row.indicator.goal_id))


@transaction
def delete_measurement(measurement_id: int) -> None:
    row = m.Measurement.get_or_none(m.Measurement.id == measurement_id)
    if row is None:
        raise NotFoundError(f"Målingen med id {measurement_id} findes ikke længere.")
    plan_id = _goal_plan_id(row.indicator.goal_id)
    row.delete_instance()
    _touch(plan_id)


@transaction
def add_involvement(
    goal_id: int, party: Party, date: dt.date | None = None, form: str = "", outcome: str = ""
) -> int:
    party_value = _choice(Party, party).value
    return _add_part(
        m.Involvement, goal_id, party=party_value, date=date, form=form, outcome=outcome
    )


@transaction
def update_involvement(involvement_id: int, **changes: Any) -> None:
    if "party" in changes:
        changes["party"] = _choice(Party, changes["party"]).value
    row = _update_row(m.Involvement, involvement_id, {"party", "date", "form", "outcome"}, changes)
    _touch(_goal_plan_id(row.goal_id))


@transaction
def delete_involvement(involvement_id: int) -> None:
    _delete_part(m.Involvement, involvement_id)


# --- dialogues -----------------------------------------------------------------------------


def _save_dialogue_row(plan_id: int, dialogue: Dialogue) -> int:
    values = {
        "planned": dialogue.planned,
        "held": dialogue.held,
        "participants": json.dumps(dialogue.participants, ensure_ascii=False),
        "agenda": dialogue.agenda,
        "notes": dialogue.notes,
        "agreements": dialogue.agreements,
    }
    row = m.Dialogue.get_or_none(
        (m.Dialogue.plan == plan_id)
        & (m.Dialogue.year == dialogue.year)
        & (m.Dialogue.kind == dialogue.kind.value)
    )
    if row is None:
        row = m.Dialogue.create(
            plan=plan_id, year=dialogue.year, kind=dialogue.kind.value, **values
        )
    else:
        for name, value in values.items():
            setattr(row, name, value)
        row.save()
    return int(row.id)


@transaction
def save_dialogue(plan_id: int, dialogue: Dialogue) -> int:
    """Record (or replace) the year's dialogue of this kind; returns its id."""
    _check_values(
        {
            "year": dialogue.year,
            "planned": dialogue.planned,
            "held": dialogue.held,
            "agenda": dialogue.agenda,
            "notes": dialogue.notes,
            "agreements": dialogue.agreements,
        }
    )
    _check_list(dialogue.participants, "participants")
    dialogue.kind = _choice(DialogueKind, dialogue.kind)
    plan = _plan_row(plan_id)
    validation.check_year(dialogue.year, plan.first_year, plan.years, "year")
    dialogue_id = _save_dialogue_row(plan_id, dialogue)
    _touch(plan_id)
    return dialogue_id


@transaction
def delete_dialogue(dialogue_id: int) -> None:
    row = m.Dialogue.get_or_none(m.Dialogue.id == dialogue_id)
    if row is None:
        raise NotFoundError(f"Dialogen med id {dialogue_id} findes ikke længere.")
    plan_id = row.plan_id
    row.delete_instance()
    _touch(plan_id)


# --- guide progress (not plan data: not exported, untouched by undo) -----------------------


def _check_guide_kind(kind: str) -> None:
    if kind not in GUIDE_KINDS:
        raise ValidationError(
            f"ukendt slags guide »{kind}« – tilladt er: {', '.join(GUIDE_KINDS)}", "kind"
        )


@transaction
def save_guide_progress(plan_id: int, kind: str, year: int, step: int) -> None:
    """Remember where the leader is in a guide, so it can continue there next time."""
    _check_values({"year": year, "position": step})
    _check_guide_kind(kind)
    if step < 0:
        raise ValidationError(f"trinnet skal være 0 eller mere, men er {step}", "step")
    _plan_row(plan_id)
    now = _now()
    (
        m.GuideProgress.insert(plan=plan_id, kind=kind, year=year, step=step, updated_at=now)
        .on_conflict(
            conflict_target=[m.GuideProgress.plan, m.GuideProgress.kind],
            update={
                m.GuideProgress.year: year,
                m.GuideProgress.step: step,
                m.GuideProgress.updated_at: now,
            },
        )
        .execute()
    )


@transaction
def finish_guide(plan_id: int, kind: str) -> None:
    """Forget a guide's progress (it was completed or closed for good); no-op if none."""
    _check_guide_kind(kind)
    m.GuideProgress.delete().where(
        (m.GuideProgress.plan == plan_id) & (m.GuideProgress.kind == kind)
    ).execute()


@read_transaction
def unfinished_guides() -> list[GuideProgress]:
    """The guides a leader left midway, the most recently used first."""
    return reading.unfinished_guides(_connection())
