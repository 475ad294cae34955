"""A goal's parts: actions, indicators with measurements, and who was involved.

(Placeholder with the final interface; the editors arrive in the next commit.)
"""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from udviklingsplan_app.domain import Goal

from .session import PlanSession


class GoalPartsEditor(QWidget):
    """Edits the parts of one goal; :meth:`set_goal` shows the goal (or nothing)."""

    def __init__(self, session: PlanSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.goal: Goal | None = None
        QVBoxLayout(self)

    def set_goal(self, goal: Goal | None) -> None:
        self.goal = goal
