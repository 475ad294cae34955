"""What every use case stands on: the transaction decorators and the rows they look up.

A plan or goal that is not there is a Danish :class:`~udviklingsplan_app.errors.NotFoundError`.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable
from functools import wraps
from typing import Any, ParamSpec, TypeVar, cast

from ..errors import NotFoundError
from ..storage import database
from ..storage import models as m

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


def timestamp() -> dt.datetime:
    """Now, to the second: the time a change is stored with."""
    return dt.datetime.now().replace(microsecond=0)


def connection() -> sqlite3.Connection:
    """The open database's own ``sqlite3`` connection (inside the service's transaction)."""
    return cast("sqlite3.Connection", database().connection())  # type: ignore[no-untyped-call]


def plan_row(plan_id: int) -> m.Plan:
    row = m.Plan.get_or_none(m.Plan.id == plan_id)
    if row is None:
        raise NotFoundError(f"Der er ingen plan med id {plan_id}.")
    return row


def goal_row(goal_id: int) -> m.Goal:
    row = m.Goal.get_or_none(m.Goal.id == goal_id)
    if row is None:
        raise NotFoundError(f"Der er intet udviklingsmål med id {goal_id}.")
    return row


def touch(plan_id: int) -> None:
    m.Plan.update(updated_at=timestamp()).where(m.Plan.id == plan_id).execute()


def next_position(model: type[m.BaseModel], *where: Any) -> int:
    """The position after the last one (positions stay unique after deletions)."""
    from peewee import fn

    last = model.select(fn.MAX(model.position)).where(*where).scalar()
    return 0 if last is None else int(last) + 1
