"""The open plan, its edits and their undo history.

Every edit goes through :meth:`PlanSession.apply`: it calls a service (one transaction, stored
at once), reloads the plan and pushes an undo command holding the plan before and after. Undo
and redo put such a snapshot back with :func:`services.restore_plan`, so they restore exactly
what was stored, whatever the edit was. Goals keep their uid across undo and redo; widgets
therefore remember goals by uid, never by database id.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from udviklingsplan_app.domain import Goal, Plan
from udviklingsplan_app.framework import Framework
from udviklingsplan_app.messages import explain, explain_edit
from udviklingsplan_app.storage.reading import PlanSummary, plan_summaries, read_plan

if TYPE_CHECKING:
    import sqlite3

T = TypeVar("T")

UNDO_LIMIT = 200


class _SnapshotCommand(QUndoCommand):
    """One stored edit: the plan before and after it."""

    _merge_ids: ClassVar[dict[str, int]] = {}

    def __init__(self, session: PlanSession, text: str, before: Plan, after: Plan, merge: str):
        super().__init__(text)
        self.session = session
        self.before = before
        self.after = after
        self.merge_key = merge
        self._done = True  # the edit itself has already been stored; the first redo is a no-op

    def id(self) -> int:
        if not self.merge_key:
            return -1
        return self._merge_ids.setdefault(self.merge_key, len(self._merge_ids) + 1)

    def mergeWith(self, other: QUndoCommand) -> bool:
        # Typing into one field is one step to undo, however many pauses it had.
        if not isinstance(other, _SnapshotCommand) or other.merge_key != self.merge_key:
            return False
        self.after = other.after
        return True

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        self.session._restore(self.after)

    def undo(self) -> None:
        self.session._restore(self.before)


class PlanSession(QObject):
    """The plan on screen: loaded from the database, edited through services, undoable."""

    changed = Signal()  # the plan was reloaded: after an edit, an undo or a redo
    planSwitched = Signal()  # another plan (or none) is now open
    failed = Signal(str)  # an edit or a restore was refused; the Danish reason
    settled = Signal(str)  # a refused text was fixed: that earlier reason is no news now
    pendingChanged = Signal()  # a text field started or stopped waiting for its pause
    writingChanged = Signal()  # the leader left the goal being written (see showing_goal)

    def __init__(
        self,
        db_path: Path,
        parent: QObject | None = None,
        reader: sqlite3.Connection | None = None,
    ) -> None:
        super().__init__(parent)
        self.db_path = db_path
        # Until the database is opened for writing (just after the first paint), the plan is
        # read through this read-only connection, so peewee need not load before the window.
        self.reader = reader
        self.plan: Plan | None = None
        self.framework: Framework | None = None
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setUndoLimit(UNDO_LIMIT)
        self._pending: list[Callable[[], None]] = []
        self.last_failure = ""  # the newest refusal's Danish reason
        #: The goal the leader has just created and not yet left: guidance leaves it alone.
        self.being_written: str | None = None
        self._written_shown = False
        self.failed.connect(self._remember_failure)
        self.settled.connect(self._forget_failure)

    def _remember_failure(self, message: str) -> None:
        self.last_failure = message

    def _forget_failure(self, message: str) -> None:
        if self.last_failure == message:
            self.last_failure = ""

    # --- opening ---------------------------------------------------------------------------

    def open_for_writing(self) -> None:
        """Open the database with the storage layer (peewee, pragmas, migrations) if not yet.

        Raises :class:`~udviklingsplan_app.errors.DatabaseProblem` if that fails.
        """
        if self.reader is None:
            return
        from udviklingsplan_app.database_files import open_for_writing

        open_for_writing(self.db_path)
        self.close_reader()

    def close_reader(self) -> None:
        """Let go of the first paint's read-only connection (the storage layer reads now)."""
        if self.reader is not None:
            self.reader.close()
            self.reader = None

    def plan_summaries(self) -> list[PlanSummary]:
        if self.reader is not None:
            return plan_summaries(self.reader)
        from udviklingsplan_app import services

        return services.list_plans()

    def _load(self, plan_id: int) -> Plan:
        if self.reader is not None:
            return read_plan(self.reader, plan_id)
        from udviklingsplan_app import services

        return services.load_plan(plan_id)

    @property
    def plan_id(self) -> int | None:
        return self.plan.id if self.plan is not None else None

    def open(self, plan_id: int | None) -> None:
        """Show another plan; the undo history belongs to one plan and starts afresh."""
        if not self.flush():
            # Typing that could not be stored must never land in the next plan.
            self._pending.clear()
            self.pendingChanged.emit()
        self.undo_stack.clear()
        self.being_written = None
        if plan_id is None:
            self.plan, self.framework = None, None
        else:
            self.plan = self._load(plan_id)
            self.framework = self._framework(self.plan)
        self.planSwitched.emit()
        self.changed.emit()

    def _framework(self, plan: Plan) -> Framework:
        """The plan's own copy of its framework (the file it came from may be gone)."""
        if self.reader is not None:
            from udviklingsplan_app import framework_sources
            from udviklingsplan_app.storage.reading import framework_document

            assert plan.id is not None
            document = framework_document(
                self.reader, plan.id, plan.framework_id, plan.framework_version
            )
            return framework_sources.plan_framework(
                document, plan.framework_id, plan.framework_version
            )
        from udviklingsplan_app import services

        assert plan.id is not None
        return services.plan_framework(plan.id)

    def _follow_framework(self) -> None:
        """After an edit, undo or redo: the framework again if the plan moved to another version."""
        plan, framework = self.plan, self.framework
        if plan is not None and (
            framework is None or framework.key != (plan.framework_id, plan.framework_version)
        ):
            self.framework = self._framework(plan)

    def reload(self) -> None:
        if self.plan is not None and self.plan.id is not None:
            self.plan = self._load(self.plan.id)
            self._follow_framework()
            self.changed.emit()

    def goal(self, uid: str | None) -> Goal | None:
        if self.plan is None or uid is None:
            return None
        return next((g for g in self.plan.goals if g.uid == uid), None)

    def goal_by_id(self, goal_id: int | None) -> Goal | None:
        if self.plan is None or goal_id is None:
            return None
        return next((g for g in self.plan.goals if g.id == goal_id), None)

    # --- editing ---------------------------------------------------------------------------

    def apply(
        self, text: str, change: Callable[..., T], /, *args: Any, merge: str = "", **kwargs: Any
    ) -> T | None:
        """Run one service call as an undoable edit; returns its result, or None if refused.

        ``text`` names the edit in the Rediger menu ("Fortryd: ændret titel"). Edits with the
        same non-empty ``merge`` key in a row become one step to undo.
        """
        if self.plan is None or self.plan.id is None:
            return None
        from udviklingsplan_app import services

        before = self.plan
        try:
            self.open_for_writing()
            result = change(*args, **kwargs)
        except Exception as error:
            self.failed.emit(explain_edit(error, self.db_path))
            return None
        self.plan = services.load_plan(self.plan.id)
        self._follow_framework()
        added = {g.uid for g in self.plan.goals} - {g.uid for g in before.goals}
        if len(added) == 1:  # a new goal (or a goal carried over): being written from now
            self.being_written, self._written_shown = added.pop(), False
        self.undo_stack.push(_SnapshotCommand(self, text, before, self.plan, merge))
        self.changed.emit()
        return result

    def showing_goal(self, uid: str | None) -> None:
        """An editor now shows the goal ``uid`` (``None``: no goal, or another page).

        The goal being written is left once it has been shown and something else is shown.
        """
        if self.being_written is None:
            return
        if uid == self.being_written:
            self._written_shown = True
        elif self._written_shown:
            self.being_written = None
            self.writingChanged.emit()

    def mark_comments_seen(self, goal_id: int | None = None) -> bool:
        """The leader has seen the manager's comments on a goal (``None``: on the plan).

        Not an edit to undo: stored at once, then the plan is read again (the Vejledning tip
        goes). Returns whether anything was new.
        """
        plan_id = self.plan_id
        if plan_id is None:
            return False
        from udviklingsplan_app.services import manager_answers

        try:
            self.open_for_writing()
            if goal_id is None:
                count = manager_answers.mark_plan_comments_seen(plan_id)
            else:
                count = manager_answers.mark_comments_seen(goal_id)
        except Exception as error:
            self.failed.emit(explain(error, self.db_path))
            return False
        if count:
            self.reload()
        return bool(count)

    def _restore(self, snapshot: Plan) -> None:
        if self.plan is None or self.plan.id is None:
            return
        from udviklingsplan_app import services

        try:
            self.open_for_writing()
            services.restore_plan(self.plan.id, snapshot)
        except Exception as error:
            self.failed.emit(explain(error, self.db_path))
        self.plan = services.load_plan(self.plan.id)
        self._follow_framework()
        self.changed.emit()

    # --- text fields that save after a pause -------------------------------------------------

    def add_pending(self, save: Callable[[], None]) -> None:
        """Remember a field's save that waits for a pause in typing (see :meth:`flush`)."""
        if save not in self._pending:
            self._pending.append(save)
            self.pendingChanged.emit()

    def drop_pending(self, save: Callable[[], None]) -> None:
        if save in self._pending:
            self._pending.remove(save)
            self.pendingChanged.emit()

    @property
    def has_pending(self) -> bool:
        return bool(self._pending)

    def is_pending(self, save: Callable[[], None]) -> bool:
        return save in self._pending

    def discard_pending(self) -> None:
        """Forget typing that could not be stored; fields show the stored values again."""
        if self._pending:
            self._pending.clear()
            self.pendingChanged.emit()
        self.reload()

    def flush(self) -> bool:
        """Store every field still waiting for its pause, e.g. before closing or switching.

        Returns False if something could not be stored (it then stays pending).
        """
        waiting, self._pending = self._pending, []
        for save in waiting:
            save()
        if waiting:
            self.pendingChanged.emit()
        return not self._pending
