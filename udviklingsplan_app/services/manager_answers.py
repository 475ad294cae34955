"""The manager's answer: what a returned workbook holds, previewed, and the chosen parts stored.

Nothing in a workbook changes the plan without the preview: :func:`preview_answer` reads the
file (through :func:`~udviklingsplan_app.exchange.answer.read_answer`, which has the gate
refuse a bad file) and compares it with the stored plan, writing nothing; :func:`apply_answer`
stores the items the leader ticked, in one transaction (the window wraps it as one undoable
``PlanSession.apply``).

Items are the manager's comments (on a goal; on the plan; on a row the manager added; on a goal
the leader has deleted since the export) and status suggestions (a status chosen in the row).
A comment already stored from the same export, on the same goal, with the same text is *read
before* – a copy of the answer re-saved by Excel or LibreOffice is the same answer, so a
formula-like comment (which LibreOffice may write back in its own letter case) is compared
without regard to case.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from ..domain import CommentAbout, Goal, ManagerComment, Plan, Status
from ..errors import InputError, NotFoundError, ValidationError
from ..exchange.answer import ManagerAnswer, goal_fingerprint, read_answer
from ..storage import models as m
from .base import read_transaction, touch, transaction
from .goals import set_goal_status
from .plans import load_plan

#: Characters XML (and so a workbook or the JSON file's later export) cannot hold.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

NOTHING_NEW = "Intet nyt i filen – den er læst ind før."
NOTHING_WRITTEN = "Din leder har ikke skrevet noget i filen."


class ItemKind(StrEnum):
    """What one item of the preview is."""

    COMMENT = "comment"  # a comment on a goal of the plan
    PLAN_COMMENT = "plan-comment"  # the front sheet's comment on the plan
    ADDED_ROW = "added-row"  # a row the manager added (stored on the plan, quoted)
    DELETED_GOAL = "deleted-goal"  # a comment on a goal the plan no longer has (on the plan)
    STATUS = "status"  # a status the manager chose: a suggestion

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]


_KIND_LABELS = {
    ItemKind.COMMENT: "Kommentar",
    ItemKind.PLAN_COMMENT: "Kommentar til planen",
    ItemKind.ADDED_ROW: "Ny række fra din leder",
    ItemKind.DELETED_GOAL: "Kommentar til et mål, der er slettet",
    ItemKind.STATUS: "Statusforslag",
}


@dataclass(frozen=True)
class PreviewItem:
    """One thing the manager wrote or chose, beside what the plan holds now."""

    key: str  # stable for the same file (and for a re-saved copy of it)
    kind: ItemKind
    text: str  # the comment as written (XML-illegal characters removed); "" for a status
    goal_uid: str | None  # the plan's goal it concerns (None: the plan, or a deleted goal)
    title: str  # the goal's title now, or the quoted title (added row, deleted goal)
    exported_title: str = ""  # the goal's title in the workbook (when known)
    changed_since: bool = False  # the leader changed the goal after the export
    suggested: Status | None = None  # a status suggestion: the status the manager chose
    current: Status | None = None  # … and the goal's status now
    read_before: bool = False  # already stored from this export (nothing to add)
    ticked: bool = True  # ticked by default: comments yes, status suggestions no
    row_id: str | None = None  # the hidden goal id of the workbook's row (None: added row)

    @property
    def suggestion_text(self) -> str:
        """``Din leder foreslår »Nået« – nu »I gang«`` for a status suggestion, else ``""``."""
        if self.suggested is None:
            return ""
        now = f" – nu »{self.current.label}«" if self.current is not None else ""
        return f"Din leder foreslår »{self.suggested.label}«{now}"

    @property
    def changed_text(self) -> str:
        """The warning that the manager commented on an older wording of the goal."""
        if not self.changed_since:
            return ""
        if self.exported_title and self.exported_title != self.title:
            return (
                "Målet er ændret efter eksporten – din leder kommenterede det, da det hed "
                f"»{self.exported_title}«."
            )
        return "Målet er ændret efter eksporten – din leder kommenterede en ældre udgave."

    def line(self) -> str:
        """The item on one line, naming the goal by its title (the command line's preview)."""
        if self.kind is ItemKind.STATUS:
            text = f"{self.kind.label} til »{self.title}«: {self.suggestion_text}"
        elif self.kind is ItemKind.PLAN_COMMENT:
            text = f"{self.kind.label}: {self.text}"
        elif self.kind is ItemKind.COMMENT:
            text = f"{self.kind.label} til »{self.title}«: {self.text}"
        else:
            text = f"{self.kind.label} »{self.title}«" + (f": {self.text}" if self.text else "")
        if self.changed_since:
            text += f" ({self.changed_text})"
        return " ".join(text.split())


@dataclass
class AnswerPreview:
    """A returned workbook compared with the plan: the new items, and what was read before."""

    plan_id: int
    workplace: str
    file_name: str
    export_id: str
    exported: dt.date | None
    received: dt.date
    items: list[PreviewItem] = field(default_factory=list)
    #: Items already stored from this answer (shown, never stored again).
    read_before: list[PreviewItem] = field(default_factory=list)
    #: Goal ids in the workbook that neither the plan nor the export knows (reported).
    unknown_ids: list[str] = field(default_factory=list)

    @property
    def nothing_new(self) -> bool:
        return not self.items

    @property
    def message(self) -> str:
        """A Danish headline: how much is new, or that the file holds nothing new."""
        if not self.items:
            return NOTHING_NEW if self.read_before else NOTHING_WRITTEN
        comments = sum(item.kind is not ItemKind.STATUS for item in self.items)
        statuses = len(self.items) - comments
        told = _comments_and(comments, f"{statuses} statusforslag" if statuses else "")
        return f"Din leder har skrevet {told} i {self.file_name}."

    def item(self, key: str) -> PreviewItem | None:
        return next((item for item in self.items if item.key == key), None)

    @property
    def ticked_keys(self) -> list[str]:
        """The keys ticked by default (the comments)."""
        return [item.key for item in self.items if item.ticked]


@dataclass(frozen=True)
class ApplySummary:
    """What :func:`apply_answer` stored."""

    comments: int
    statuses: int
    message: str


# --- comparing ------------------------------------------------------------------------------


def clean_text(text: str) -> str:
    """A comment as written, without the characters XML cannot hold."""
    return _XML_ILLEGAL.sub("", text)


def _same_text(text: str) -> str:
    """The text as compared with a stored one: a formula-like text without regard to case."""
    return text.casefold() if text.lstrip().startswith("=") else text


def _comment_key(export_id: str, target: str, text: str) -> tuple[str, str, str]:
    return (export_id, target, _same_text(text))


def _stored_keys(plan: Plan) -> set[tuple[str, str, str]]:
    """Every stored comment's (export, what it is on, text) – what makes an item read before."""
    keys = {_comment_key(c.export_id, _plan_target(c), c.text) for c in plan.manager_comments}
    for goal in plan.goals:
        keys |= {
            _comment_key(c.export_id, f"goal:{goal.uid}", c.text) for c in goal.manager_comments
        }
    return keys


def _plan_target(comment: ManagerComment) -> str:
    if comment.about is CommentAbout.DELETED_GOAL:
        return f"goal:{comment.goal_uid}"
    if comment.about is CommentAbout.ADDED_ROW:
        return f"row:{comment.title.strip()}"
    return "plan"


def _target(kind: ItemKind, goal_uid: str | None, title: str) -> str:
    if kind in (ItemKind.COMMENT, ItemKind.DELETED_GOAL, ItemKind.STATUS):
        return f"goal:{goal_uid}"
    if kind is ItemKind.ADDED_ROW:
        return f"row:{title.strip()}"
    return "plan"


def _key(kind: ItemKind, target: str, text: str) -> str:
    digest = hashlib.sha256(f"{target}\n{_same_text(text)}".encode()).hexdigest()[:16]
    return f"{kind.value}:{digest}"


def _find_plan(plan_id: int | None, answer: ManagerAnswer) -> int:
    """The stored plan the answer belongs to (by the plan id the workbook carries)."""
    where = f"planen for {answer.workplace}" if answer.workplace else "en plan"
    if not answer.plan_uid or not answer.export_id:
        raise InputError(
            f"Filen {answer.file_name} mangler planens id, så den kan ikke knyttes til en plan. "
            "Bed om den fil, programmet lavede."
        )
    row = m.Plan.get_or_none(m.Plan.uid == answer.plan_uid)
    if row is None:
        raise InputError(
            f"Filen {answer.file_name} er en eksport af {where}, som ikke findes i denne "
            "database. Læs svaret ind på den computer, hvor planen ligger."
        )
    if plan_id is not None and row.id != plan_id:
        raise InputError(
            f"Filen {answer.file_name} er en eksport af {where}, ikke af den plan, du har "
            f"åben ({_plan_row_workplace(plan_id)}). Åbn den rigtige plan, og læs svaret ind dér."
        )
    return int(row.id)


def _plan_row_workplace(plan_id: int) -> str:
    row = m.Plan.get_or_none(m.Plan.id == plan_id)
    return str(row.workplace) if row is not None else f"plan {plan_id}"


def preview_answer(
    plan_id: int | None, path: Path, *, today: dt.date | None = None
) -> AnswerPreview:
    """Read the returned workbook at ``path`` and compare it with its plan; writes nothing.

    ``plan_id`` is the open plan (``None``: the plan the workbook names). A workbook the gate
    refuses, another program's workbook, or an export of another plan (or of a plan not in
    this database) is refused with a Danish :class:`InputError` naming its workplace.
    """
    answer = read_answer(Path(path))  # before the database is read: a bad file stops here
    return preview_from_answer(plan_id, answer, today=today)


def preview_from_answer(
    plan_id: int | None, answer: ManagerAnswer, *, today: dt.date | None = None
) -> AnswerPreview:
    """:func:`preview_answer` for a workbook already read (the reading can run in a worker)."""
    return _preview(plan_id, answer, today or dt.date.today())


@read_transaction
def _preview(plan_id: int | None, answer: ManagerAnswer, today: dt.date) -> AnswerPreview:
    found = _find_plan(plan_id, answer)
    plan = load_plan(found)
    export_id = answer.export_id or ""
    preview = AnswerPreview(
        plan_id=found,
        workplace=plan.workplace,
        file_name=answer.file_name,
        export_id=export_id,
        exported=answer.exported,
        received=today,
    )
    stored = _stored_keys(plan)
    answered = any(key[0] == export_id for key in stored)
    goals = {goal.uid: goal for goal in plan.goals}
    seen: set[str] = set()

    def add(item: PreviewItem, target: str) -> None:
        if item.key in seen:  # the same comment twice (a copied row): one item
            return
        seen.add(item.key)
        if item.kind is ItemKind.STATUS:
            before = answered
        else:
            before = _comment_key(export_id, target, item.text) in stored
        if before:
            preview.read_before.append(_with(item, read_before=True, ticked=False))
        else:
            preview.items.append(item)

    comment = clean_text(answer.plan_comment)
    if comment.strip():
        add(
            PreviewItem(
                _key(ItemKind.PLAN_COMMENT, "plan", comment),
                ItemKind.PLAN_COMMENT,
                comment,
                None,
                "",
            ),
            "plan",
        )
    for row in answer.rows:
        text = clean_text(row.comment)
        if row.goal_uid is None:
            title = clean_text(row.title).strip()
            if not (text.strip() or title):
                continue
            target = _target(ItemKind.ADDED_ROW, None, title)
            add(
                PreviewItem(
                    _key(ItemKind.ADDED_ROW, target, text), ItemKind.ADDED_ROW, text, None, title
                ),
                target,
            )
            continue
        baseline = answer.baseline.get(row.goal_uid)
        exported_title = baseline.title if baseline is not None else clean_text(row.title)
        goal = goals.get(row.goal_uid)
        target = f"goal:{row.goal_uid}"
        if goal is None:
            if baseline is None and row.goal_uid not in preview.unknown_ids:
                preview.unknown_ids.append(row.goal_uid)
            if text.strip():
                add(
                    PreviewItem(
                        _key(ItemKind.DELETED_GOAL, target, text),
                        ItemKind.DELETED_GOAL,
                        text,
                        None,
                        exported_title or row.goal_uid,
                        exported_title=exported_title,
                        row_id=row.goal_uid,
                    ),
                    target,
                )
            continue
        changed = baseline is not None and baseline.fingerprint != goal_fingerprint(goal)
        if text.strip():
            add(
                PreviewItem(
                    _key(ItemKind.COMMENT, target, text),
                    ItemKind.COMMENT,
                    text,
                    goal.uid,
                    goal.title,
                    exported_title,
                    changed,
                    row_id=row.goal_uid,
                ),
                target,
            )
        suggested = row.status
        exported_status = baseline.status if baseline is not None else None
        if (
            suggested is not None
            and suggested is not exported_status
            and suggested is not goal.status
        ):
            add(
                PreviewItem(
                    _key(ItemKind.STATUS, target, suggested.value),
                    ItemKind.STATUS,
                    "",
                    goal.uid,
                    goal.title,
                    exported_title,
                    changed,
                    suggested,
                    goal.status,
                    ticked=False,
                    row_id=row.goal_uid,
                ),
                target,
            )
    # Goal by goal, in the plan's order: the plan first, then each goal's comment and status,
    # then comments on goals the plan no longer has, and last the manager's new rows.
    order = {uid: index for index, uid in enumerate(goals)}
    rank = {ItemKind.PLAN_COMMENT: 0, ItemKind.COMMENT: 1, ItemKind.STATUS: 1}

    def place(item: PreviewItem) -> tuple[int, int, int]:
        group = rank.get(item.kind, 2 if item.kind is ItemKind.DELETED_GOAL else 3)
        goal = order.get(item.goal_uid or "", 0)
        return (group, goal, item.kind is ItemKind.STATUS)

    preview.items.sort(key=place)
    preview.read_before.sort(key=place)
    return preview


def _with(item: PreviewItem, **changes: object) -> PreviewItem:
    from dataclasses import replace

    return replace(item, **changes)  # type: ignore[arg-type]


# --- storing --------------------------------------------------------------------------------


@transaction
def apply_answer(plan_id: int, preview: AnswerPreview, keys: Iterable[str]) -> ApplySummary:
    """Store the ticked items of ``preview`` in one transaction; returns what was stored.

    Comments go on their goal (or, for the front sheet, added rows and goals deleted since, on
    the plan, quoted); a ticked status suggestion sets the goal's status with a note in its
    history. An item already stored (the same answer read again) adds nothing.
    """
    if preview.plan_id != plan_id:
        raise ValidationError("Forhåndsvisningen hører til en anden plan.")
    wanted = set(keys)
    unknown = wanted - {item.key for item in preview.items} - {i.key for i in preview.read_before}
    if unknown:
        raise ValidationError(f"ukendte punkter: {', '.join(sorted(unknown))}", "keys")
    plan = load_plan(plan_id)
    stored = _stored_keys(plan)
    goals = {goal.uid: goal for goal in plan.goals}
    on_goal: dict[int, list[ManagerComment]] = {}
    on_plan: list[ManagerComment] = []
    statuses = 0
    for item in preview.items:
        if item.key not in wanted:
            continue
        goal = goals.get(item.goal_uid) if item.goal_uid is not None else None
        if item.kind is ItemKind.STATUS:
            if (
                goal is not None
                and goal.id is not None
                and item.suggested is not None
                and goal.status is not item.suggested
            ):
                set_goal_status(
                    goal.id, item.suggested, f"Foreslået af din leder i {preview.file_name}."
                )
                statuses += 1
            continue
        comment = _comment(preview, item, goal)
        target = (
            f"goal:{goal.uid}"
            if goal is not None and comment.about is CommentAbout.GOAL
            else _plan_target(comment)
        )
        key = _comment_key(comment.export_id, target, comment.text)
        if key in stored:
            continue
        stored.add(key)
        if goal is not None and goal.id is not None and comment.about is CommentAbout.GOAL:
            on_goal.setdefault(goal.id, []).append(comment)
        else:
            on_plan.append(comment)
    rows = _append(plan_id, None, on_plan)
    for goal_id, comments in on_goal.items():
        rows += _append(plan_id, goal_id, comments)
    if rows:
        m.ManagerComment.insert_many(rows).execute()
    count = len(rows)
    if count or statuses:
        touch(plan_id)
    return ApplySummary(count, statuses, _summary(count, statuses))


def _append(
    plan_id: int, goal_id: int | None, comments: list[ManagerComment]
) -> list[dict[str, object]]:
    from ..storage.rows import comment_row_values

    if not comments:
        return []
    last = (
        m.ManagerComment.select(m.ManagerComment.position)
        .where(
            (m.ManagerComment.plan == plan_id)
            & (
                m.ManagerComment.goal.is_null()
                if goal_id is None
                else (m.ManagerComment.goal == goal_id)
            )
        )
        .order_by(m.ManagerComment.position.desc())
        .first()
    )
    start = 0 if last is None else int(last.position) + 1
    return comment_row_values(plan_id, goal_id, comments, start)


def _comment(preview: AnswerPreview, item: PreviewItem, goal: Goal | None) -> ManagerComment:
    """The stored form of a comment item; a goal deleted since the preview: on the plan."""
    about = {
        ItemKind.COMMENT: CommentAbout.GOAL,
        ItemKind.PLAN_COMMENT: CommentAbout.PLAN,
        ItemKind.ADDED_ROW: CommentAbout.ADDED_ROW,
        ItemKind.DELETED_GOAL: CommentAbout.DELETED_GOAL,
    }[item.kind]
    title = item.title if about is CommentAbout.ADDED_ROW else ""
    goal_uid = ""
    if about is CommentAbout.GOAL and goal is None:  # deleted between preview and apply
        about, title, goal_uid = CommentAbout.DELETED_GOAL, item.title, item.goal_uid or ""
    elif about is CommentAbout.DELETED_GOAL:
        title, goal_uid = item.title, item.row_id or ""
    return ManagerComment(
        text=item.text,
        received=preview.received,
        file_name=preview.file_name,
        export_id=preview.export_id,
        about=about,
        title=title,
        goal_uid=goal_uid,
    )


def _summary(comments: int, statuses: int) -> str:
    if not (comments or statuses):
        return NOTHING_NEW
    new = f"{statuses} {'ny status' if statuses == 1 else 'nye statusser'}" if statuses else ""
    return f"Gemt i planen: {_comments_and(comments, new)} fra din leder."


def _comments_and(comments: int, statuses: str) -> str:
    """``2 kommentarer og 1 statusforslag``: the counted comments (if any) and ``statuses``."""
    parts = [f"{comments} {'kommentar' if comments == 1 else 'kommentarer'}"] if comments else []
    return " og ".join([*parts, statuses] if statuses else parts)


# --- seen -----------------------------------------------------------------------------------


@transaction
def mark_comments_seen(goal_id: int) -> int:
    """The leader has seen the manager's comments on this goal; returns how many were new."""
    if m.Goal.get_or_none(m.Goal.id == goal_id) is None:
        raise NotFoundError(f"Der er intet udviklingsmål med id {goal_id}.")
    return _mark_seen(m.ManagerComment.goal == goal_id)


@transaction
def mark_plan_comments_seen(plan_id: int) -> int:
    """The leader has seen the manager's comments on the plan; returns how many were new."""
    if m.Plan.get_or_none(m.Plan.id == plan_id) is None:
        raise NotFoundError(f"Der er ingen plan med id {plan_id}.")
    return _mark_seen((m.ManagerComment.plan == plan_id) & m.ManagerComment.goal.is_null())


def _mark_seen(which: Any) -> int:
    """Mark the unseen manager comments ``which`` selects as seen; returns how many."""
    return int(
        m.ManagerComment.update(seen=True)
        .where(which & (m.ManagerComment.seen == False))  # noqa: E712
        .execute()
    )
