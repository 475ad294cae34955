"""The plan's own details (who it is for, its years) as fields stored as they are changed.

Shared by the page *Planens oplysninger* and the guide's step 1, which lay the fields out each
in their own way: a view makes the fields and hands them to :class:`PlanDetailsFields`, which
stores each change as one undoable edit and shows the stored values again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLineEdit, QSpinBox

from udviklingsplan_app import services
from udviklingsplan_app.domain import Plan
from ui.session import PlanSession
from ui.widgets.autosave import AutoSave

TEXT_FIELDS = (
    "workplace",
    "leader_name",
    "leader_title",
    "manager_name",
    "manager_title",
    "manager_email",
)
SPIN_FIELDS = ("level", "first_year", "years")


def stored_value(plan: Plan, name: str) -> Any:
    """The plan's value for one of :func:`services.update_plan`'s field names."""
    return {
        "workplace": plan.workplace,
        "leader_name": plan.leader.name,
        "leader_title": plan.leader.title,
        "manager_name": plan.manager.name,
        "manager_title": plan.manager.title,
        "manager_email": plan.manager.email,
        "level": plan.level,
        "first_year": plan.first_year,
        "years": plan.years,
    }[name]


def _update(plan_id: int, name: str, value: Any) -> bool:
    services.update_plan(plan_id, **{name: value})
    return True  # session.apply gives None only when the change was refused


class PlanDetailsFields(QObject):
    """Stores the plan's details from the view's fields (named as in :data:`TEXT_FIELDS` and
    :data:`SPIN_FIELDS`): text after a short pause (:class:`AutoSave`), numbers at once."""

    def __init__(
        self,
        session: PlanSession,
        texts: dict[str, QLineEdit],
        spins: dict[str, QSpinBox],
        plan_id: Callable[[], int | None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.spins = spins
        #: The plan the details are stored in (``None``: none is stored yet).
        self.plan_id = plan_id
        self.undo_texts = {
            "workplace": self.tr("ændret arbejdsplads"),
            "leader_name": self.tr("ændret lederens navn"),
            "leader_title": self.tr("ændret lederens titel"),
            "manager_name": self.tr("ændret egen leders navn"),
            "manager_title": self.tr("ændret egen leders titel"),
            "manager_email": self.tr("ændret egen leders e-mailadresse"),
            "level": self.tr("ændret ledelsesniveau"),
            "first_year": self.tr("ændret første år"),
            "years": self.tr("ændret antal år"),
        }
        self.autosaves = {
            name: AutoSave(session, texts[name], lambda text, n=name: self.store(n, text))
            for name in TEXT_FIELDS
        }

    def workplace_needed(self) -> str:
        return self.tr("Skriv arbejdspladsens navn – det står øverst i planen.")

    def show(self, plan: Plan) -> None:
        """Show the plan's stored details (a text being typed is kept; see AutoSave)."""
        for name, autosave in self.autosaves.items():
            autosave.show_text(stored_value(plan, name))
        for name in SPIN_FIELDS:
            self.show_spin(plan, name)

    def show_spin(self, plan: Plan, name: str) -> None:
        spin = self.spins[name]
        value = stored_value(plan, name)
        if spin.value() != value:
            spin.blockSignals(True)
            spin.setValue(value)
            spin.blockSignals(False)

    def store(self, name: str, value: Any) -> bool:
        """Store one detail as an undoable edit; False if there is no plan or it was refused
        (the reason is shown in the notice bar)."""
        plan_id = self.plan_id()
        if plan_id is None:
            return False
        if name == "workplace" and not str(value).strip():
            # Explained now; the stored name comes back when the field is left empty.
            self.session.failed.emit(self.workplace_needed())
            return False
        result = self.session.apply(
            self.undo_texts[name], _update, plan_id, name, value, merge=f"plan:{name}"
        )
        return result is not None
