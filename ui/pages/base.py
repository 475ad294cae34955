"""The pages of the main window share this small interface."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from udviklingsplan_app.guidance import Concern
from ui.session import PlanSession


class Page(QWidget):
    """One page of the main window, showing (part of) the open plan.

    The main window calls :meth:`refresh` when the page is shown after the plan changed, and
    :meth:`show_concern` when the leader clicks a guidance finding that the page can show.
    """

    #: Ask the main window to show what a finding (or a link on this page) concerns.
    navigate = Signal(object)

    def __init__(self, session: PlanSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session

    def refresh(self) -> None:
        """Show the session's current plan (``session.plan``, possibly ``None``)."""

    def show_concern(self, concern: Concern) -> None:
        """Bring forward what ``concern`` is about (a goal, a year, a dialogue …)."""
