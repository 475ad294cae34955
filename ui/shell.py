"""What the parts around the main window may ask of it: the :class:`Shell` protocol.

The guide, the operations (exports, backups, imports) and the dialogs take a ``Shell``, never
the main window itself, so nothing but :mod:`ui.app` imports :mod:`ui.main_window`. The
shell is always a ``QMainWindow``: it parents their dialogs and gives their texts ``tr``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QStatusBar, QWidget

    from udviklingsplan_app.guidance import Concern
    from ui.session import PlanSession

# (navigation label, module, class): built on first visit.
PAGES: tuple[tuple[str, str, str], ...] = (
    ("Overblik", "ui.pages.overview_page", "OverviewPage"),
    ("Aktuel situation", "ui.pages.situation_page", "SituationPage"),
    ("Udviklingsmål", "ui.pages.goals_page", "GoalsPage"),
    ("Dialoger", "ui.pages.dialogues_page", "DialoguesPage"),
    ("Strategi", "ui.pages.strategy_page", "StrategyPage"),
    ("Planens oplysninger", "ui.pages.details_page", "DetailsPage"),
)
OVERVIEW, SITUATION, GOALS, DIALOGUES, STRATEGY, DETAILS = range(len(PAGES))


class Shell(Protocol):
    """The main window as its children see it."""

    session: PlanSession
    #: The open guide (``ui.guide``), if any; it covers the window's notice bar.
    guide: QWidget | None
    #: The notice bar's message, if it is about the database and outlives a change of plan.
    lasting_notice: str
    undo_action: QAction
    redo_action: QAction
    excel_action: QAction
    pdf_action: QAction

    def reload_plans(self, select_id: int | None = None) -> None:
        """Read the plan switcher again and open ``select_id`` (or the first plan)."""

    def show_page(self, number: int) -> Any:
        """Show page ``number`` (``OVERVIEW`` … ``DETAILS``), built on first use."""

    def go_to(self, concern: Concern) -> None:
        """Show what a guidance finding concerns."""

    def show_notice(self, message: str, *, lasting: bool = False, info: bool = False) -> None:
        """Say ``message`` calmly in the bar over the page (``info``: good news, in blue)."""

    def notice_shown(self) -> bool:
        """Whether the notice bar is showing a message now."""

    def page_name(self) -> str | None:
        """The shown page's name in code (for the crash log), or None."""

    # The QMainWindow parts its children use.
    def tr(self, text: str, disambiguation: str | None = ..., n: int = ...) -> str: ...

    def statusBar(self) -> QStatusBar: ...

    def close(self) -> bool: ...
