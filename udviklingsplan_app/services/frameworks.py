"""The framework a plan follows: its stored copy, the available ones, moving to a newer version."""

from __future__ import annotations

from .. import framework_sources
from ..framework import Framework, unknown_framework, version_key
from ..framework_sources import get_framework
from ..storage import models as m
from ..storage import reading
from .base import connection, plan_row, timestamp, transaction


def plan_framework(plan_id: int) -> Framework:
    """The framework the plan follows: its own stored copy (see :func:`framework_of`)."""
    return framework_of(plan_row(plan_id))


def framework_of(row: m.Plan) -> Framework:
    document = reading.framework_document(
        connection(), row.id, row.framework_id, row.framework_version
    )
    return framework_sources.plan_framework(document, row.framework_id, row.framework_version)


def keep_copy(plan_id: int, framework: Framework) -> None:
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
        for text in reading.stored_framework_documents(connection(), framework_id)
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
    row = plan_row(plan_id)
    framework = get_framework(row.framework_id, version)
    keep_copy(plan_id, framework)
    m.Plan.update(framework_version=framework.version, updated_at=timestamp()).where(
        m.Plan.id == plan_id
    ).execute()
    known = [v.id for v in framework.visions]
    m.YearFocus.delete().where(
        (m.YearFocus.plan == plan_id) & m.YearFocus.vision.not_in(known)
    ).execute()
