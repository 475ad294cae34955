"""The main window: the plan switcher, the pages of the plan, menus, exports and undo.

Pages are built the first time they are shown, so the program starts with only the overview.
Every edit goes through :class:`~ui.session.PlanSession`, which stores it at once.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QByteArray, QStringListModel, QTimer
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from udviklingsplan_app import APP_NAME
from udviklingsplan_app.formatting import years_label
from udviklingsplan_app.guidance import Concern
from ui.menus import MenuActions
from ui.pages.base import Page
from ui.session import PlanSession, explain
from ui.settings import settings
from ui.shell import DETAILS, DIALOGUES, GOALS, OVERVIEW, PAGES, SITUATION, STRATEGY
from ui.widgets.notice_bar import notice_bar, set_notice_kind

if TYPE_CHECKING:
    import sqlite3

    from PySide6.QtWidgets import QTableView

    from ui.dialogs.frameworks_dialog import FrameworkUpdateBar
    from ui.guide.base import GuideWindow
    from ui.models.overview import FindingsModel, OverviewModel
    from ui.pages.overview_page import OverviewPage
    from ui.widgets.findings_dock import FindingsDock


_ENTITIES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&quot;"), ("'", "&#x27;"))


def _rich(text: str, style: str = "") -> str:
    """Free text (a workplace, a message) as rich text that shows exactly those characters."""
    # html.escape's replacements, without loading the html package (and its table of 2,000
    # entities) before the first paint.
    for char, entity in _ENTITIES:
        text = text.replace(char, entity)
    body = text.replace("\n", "<br>")
    return f'<span style="{style}">{body}</span>' if style else f"<span>{body}</span>"


__all__ = [
    "DETAILS",
    "DIALOGUES",
    "GEOMETRY_KEY",
    "GOALS",
    "OVERVIEW",
    "PAGES",
    "SITUATION",
    "STATE_KEY",
    "STRATEGY",
    "MainWindow",
]

#: Where the window's size and place, and its panels' state, are kept (``ui.settings``).
GEOMETRY_KEY, STATE_KEY = "main_window/geometry", "main_window/state"


class MainWindow(MenuActions, QMainWindow):
    def __init__(
        self, db_path: Path, reader: sqlite3.Connection | None = None, *, paint_first: bool = False
    ) -> None:
        """``reader``: a read-only connection to paint the first window from (see ui.app).

        With ``paint_first`` what can wait (the storage layer, keyboard shortcuts) is left to
        :meth:`finish_start`, which the program calls right after the first paint.
        """
        super().__init__()
        self._shortcuts_installed = False
        self.empty_box: QWidget | None = None
        self._db_path = db_path
        self.session = PlanSession(db_path, self, reader)
        self._pages: dict[int, Page] = {}
        self._stale: set[int] = set()
        self._findings_dock: FindingsDock | None = None  # built after the first paint
        self.guide: GuideWindow | None = None  # the open guide (ui.guide), if any
        self.lasting_notice = ""  # the notice bar's message, if it outlives a change of plan
        self._notice_message = ""  # the message the bar shows (or showed last)
        self.framework_bar: FrameworkUpdateBar | None = (
            None  # "a newer framework version" (built on need)
        )
        self._framework_checked: tuple[object, ...] | None = None
        # With paint_first the check for a newer framework waits for finish_start.
        self._framework_check_waits = paint_first
        self.setWindowTitle(APP_NAME)
        # 1320 × 760, or less on a small screen: on a 1366 × 768 laptop the window with its
        # title bar stays above the task bar.
        available = self.screen().availableGeometry()
        self.resize(min(1320, available.width() - 16), min(760, available.height() - 40))
        # The size, place and maximised state the leader left the window in (per user).
        saved = settings().value(GEOMETRY_KEY)
        if isinstance(saved, QByteArray) and not saved.isEmpty():
            self.restoreGeometry(saved)
        self._build_view()
        self.setAcceptDrops(True)  # the manager's answer (.xlsx) or a plan file (.json)
        self._build_menus()
        self._connect_callbacks()
        self.reload_plans()
        if not paint_first:
            self._install_shortcuts()
            self.findings_dock()

    # --- layout ------------------------------------------------------------------------

    def _build_view(self) -> None:
        central = QWidget(self)
        layout = QVBoxLayout(central)
        top = QHBoxLayout()
        self.plan_label = QLabel(self.tr("&Plan:"), central)
        self.plan_picker = QComboBox(central)
        self.plan_picker.setAccessibleName(self.tr("Vælg plan"))
        self.plan_picker.setMinimumContentsLength(40)
        self.plan_label.setBuddy(self.plan_picker)
        top.addWidget(self.plan_label)
        top.addWidget(self.plan_picker, 1)
        layout.addLayout(top)

        # Texts with the leader's own words are escaped rich text (see _rich), not plain-text
        # labels: choosing the text format would create Qt's enums before the first paint.
        self.heading = QLabel(central)
        self.heading.setWordWrap(True)
        self.details = QLabel(central)
        self.details.setWordWrap(True)
        layout.addWidget(self.heading)
        layout.addWidget(self.details)

        # A refused edit is explained here, calmly, without a dialog in the way of typing.
        self.notice, self.notice_text, self.notice_close = notice_bar(central, "notice")
        layout.addWidget(self.notice)

        self.body = QWidget(central)
        body_layout = QHBoxLayout(self.body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        self.nav_model = QStringListModel([self.tr(label) for label, _, _ in PAGES], self)
        self.nav = QListView(self.body)
        self.nav.setModel(self.nav_model)
        self.nav.setAccessibleName(self.tr("Sider"))
        self.nav.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.nav.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.nav.setMaximumWidth(self.fontMetrics().horizontalAdvance("Planens oplysninger") + 40)
        self.nav.setSpacing(2)
        self.stack = QStackedWidget(self.body)
        for _ in PAGES:
            self.stack.addWidget(QWidget(self.stack))  # placeholders until first visit
        body_layout.addWidget(self.nav)
        body_layout.addWidget(self.stack, 1)
        layout.addWidget(self.body, 1)
        self._layout = layout
        self.setCentralWidget(central)

    def _build_empty_box(self) -> QWidget:
        """What a leader sees before there is any plan: where to begin (built when needed)."""
        from PySide6.QtCore import Qt

        central = self.centralWidget()
        layout = self._layout
        self.empty_box = QWidget(central)
        empty_layout = QVBoxLayout(self.empty_box)
        empty_layout.addStretch(1)
        welcome = QLabel(self.tr("Velkommen til Udviklingsplan"), self.empty_box)
        font = welcome.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        welcome.setFont(font)
        welcome.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_hint = QLabel(self.empty_box)
        self.empty_hint.setWordWrap(True)
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_hint.setText(
            self.tr(
                "Der er endnu ingen plan i databasen.\n\n"
                "Begynd en ny plan for din arbejdsplads, eller hent en plan, fx den, din "
                "forgænger eller din leder har sendt dig som overdragelsesfil."
            )
        )
        self.empty_new = QPushButton(self.tr("&Ny plan…"), self.empty_box)
        self.empty_import = QPushButton(
            self.tr("&Importér plan fra overdragelsesfil…"), self.empty_box
        )
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.empty_new)
        buttons.addWidget(self.empty_import)
        buttons.addStretch(1)
        empty_layout.addWidget(welcome)
        empty_layout.addSpacing(12)
        empty_layout.addWidget(self.empty_hint)
        empty_layout.addSpacing(12)
        empty_layout.addLayout(buttons)
        empty_layout.addStretch(2)
        layout.addWidget(self.empty_box, 1)

        self.empty_new.clicked.connect(self._on_new_plan)
        self.empty_import.clicked.connect(self._on_import)
        return self.empty_box

    def _connect_callbacks(self) -> None:
        self.plan_picker.currentIndexChanged.connect(self._on_plan_chosen)
        self.new_plan_action.triggered.connect(self._on_new_plan)
        self.new_year_action.triggered.connect(self._on_new_year)
        self.import_action.triggered.connect(self._on_import)
        self.export_action.triggered.connect(self._on_export)
        self.frameworks_action.triggered.connect(self._on_frameworks)
        self.excel_action.triggered.connect(self._on_excel)
        self.pdf_action.triggered.connect(self._on_pdf)
        self.print_action.triggered.connect(self._on_print)
        self.calendar_action.triggered.connect(self._on_calendar)
        self.send_action.triggered.connect(self._on_send)
        self.answer_action.triggered.connect(self._on_answer)
        self.backup_action.triggered.connect(self._on_backup)
        self.restore_action.triggered.connect(self._on_restore)
        self.quit_action.triggered.connect(self.close)
        self.about_action.triggered.connect(self._on_about)
        self.help_action.triggered.connect(self._on_help)
        self.guide_again_action.triggered.connect(self._on_guide_again)
        self.nav.selectionModel().currentChanged.connect(
            lambda current, _previous: self.show_page(current.row())
        )
        self.notice_close.clicked.connect(self._close_notice)
        self.session.changed.connect(self._on_plan_changed)
        self.session.writingChanged.connect(self._on_goal_left)
        self.session.failed.connect(self.show_notice)
        self.session.settled.connect(self.settle_notice)

    # --- pages -------------------------------------------------------------------------

    def page(self, number: int) -> Page:
        """The page, built on first use."""
        page = self._pages.get(number)
        if page is None:
            _, module_name, class_name = PAGES[number]
            page_class = getattr(importlib.import_module(module_name), class_name)
            page = page_class(self.session, self.stack)
            page.navigate.connect(self.go_to)
            placeholder = self.stack.widget(number)
            self.stack.insertWidget(number, page)
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()
            self._pages[number] = page
            self._sync_overview_findings()
            page.refresh()
            self._stale.discard(number)
        return page

    def current_page(self) -> Page:
        return self.page(self.stack.currentIndex())

    def show_page(self, number: int) -> Page:
        if not 0 <= number < len(PAGES):
            return self.current_page()
        self.session.flush()
        if number != GOALS:
            self.session.showing_goal(None)  # a goal being written is left with its page
        page = self.page(number)
        if number in self._stale:
            self._stale.discard(number)
            page.refresh()
        self.stack.setCurrentIndex(number)
        index = self.nav_model.index(number, 0)
        if self.nav.currentIndex() != index:
            self.nav.setCurrentIndex(index)
        return page

    def go_to(self, concern: Concern) -> None:
        """Show what a guidance finding (or a click in the overview) concerns."""
        target = {
            "situation": SITUATION,
            "plan": DETAILS,
            "dialogue": DIALOGUES,
            "goal": GOALS,
            "year": GOALS,
            "vision": GOALS,
        }.get(concern.kind, OVERVIEW)
        self.show_page(target).show_concern(concern)

    # --- state -------------------------------------------------------------------------

    def finish_start(self) -> bool:
        """What waits for the first paint: shortcuts, the database opened for writing.

        Returns False if the database is refused (the window then says why and closes).
        """
        self._install_shortcuts()
        self.findings_dock()
        try:
            self.session.open_for_writing()
        except Exception as error:
            QMessageBox.critical(self, self.tr("Databasen kan ikke åbnes"), self._explain(error))
            self.close()
            return False
        if self._framework_check_waits:
            self._framework_check_waits = False
            QTimer.singleShot(0, self.check_framework_update)
        return True

    def reload_plans(self, select_id: int | None = None) -> None:
        plans = self.session.plan_summaries()
        self.plan_picker.blockSignals(True)
        self.plan_picker.clear()
        for summary in plans:
            label = f"{summary.workplace} ({years_label(summary.first_year, summary.years)})"
            self.plan_picker.addItem(label, summary.id)
        self.plan_picker.blockSignals(False)
        if plans:
            index = self.plan_picker.findData(select_id) if select_id is not None else 0
            self.plan_picker.setCurrentIndex(max(index, 0))
        self._on_plan_chosen()

    def _on_plan_chosen(self) -> None:
        plan_id = self.plan_picker.currentData()
        if not self.lasting_notice:  # a refused edit of the plan before is no news now
            self.notice.hide()
        self.session.open(plan_id)
        if plan_id is not None and self.stack.currentIndex() not in self._pages:
            self.show_page(OVERVIEW)

    def _on_plan_changed(self) -> None:
        plan, framework = self.session.plan, self.session.framework
        has_plan = plan is not None
        for widget in (self.plan_label, self.plan_picker, self.heading, self.details, self.body):
            widget.setVisible(has_plan)
        if not has_plan:
            (self.empty_box or self._build_empty_box()).show()
        elif self.empty_box is not None:
            self.empty_box.hide()
        for action in (
            self.export_action,
            self.excel_action,
            self.pdf_action,
            self.print_action,
            self.calendar_action,
            self.send_action,
            self.answer_action,
            *self.page_actions,
        ):
            action.setEnabled(has_plan)
        if plan is None or framework is None:
            self.setWindowTitle(APP_NAME)
        else:
            self.setWindowTitle(f"{plan.workplace} – {APP_NAME}")
            self.heading.setText(
                _rich(
                    self.tr("Udviklingsplan for arbejdspladsen – %1").replace("%1", plan.workplace),
                    style="font-size: x-large; font-weight: 600",
                )
            )
            details = (
                self.tr("Leder: %1 (niveau %2) · Egen leder: %3 · %4 · %5")
                .replace("%1", ", ".join(p for p in (plan.leader.name, plan.leader.title) if p))
                .replace("%2", str(plan.level))
                .replace(
                    "%3", ", ".join(p for p in (plan.manager.name, plan.manager.title) if p) or "–"
                )
                .replace("%4", framework.label)
                .replace("%5", years_label(plan.first_year, plan.years))
            )
            self.details.setText(_rich(details))
            index = self.plan_picker.findData(plan.id)
            label = f"{plan.workplace} ({years_label(plan.first_year, plan.years)})"
            if index >= 0 and self.plan_picker.itemText(index) != label:
                self.plan_picker.setItemText(index, label)
        current = self.stack.currentIndex()
        for number, page in self._pages.items():
            if number == current:
                page.refresh()
            else:
                self._stale.add(number)
        if framework is not None:
            checked = (plan.id if plan else None, framework.key)
            if checked != self._framework_checked:
                self._framework_checked = checked
                # After the paint: the folders are read and their files checked.
                if not self._framework_check_waits:
                    QTimer.singleShot(0, self.check_framework_update)
        elif self.framework_bar is not None:
            self.framework_bar.hide()

    def check_framework_update(self) -> None:
        """Show the calm bar if a newer version of the plan's framework is available."""
        if self.framework_bar is None:
            from udviklingsplan_app.framework_sources import newer_version

            framework = self.session.framework
            if framework is None or newer_version(framework) is None:
                return  # the bar and its dialog module (Qt's enums) wait until there is news
            from ui.dialogs.frameworks_dialog import FrameworkUpdateBar

            bar = FrameworkUpdateBar(self.session, self.centralWidget())
            self._layout.insertWidget(self._layout.indexOf(self.notice) + 1, bar)
            self.framework_bar = bar
        self.framework_bar.update_for_plan()

    def _on_goal_left(self) -> None:
        # The overview's findings now include the goal just written (the panel refreshes
        # itself); the overview may be behind the guide, where the goal was written.
        page = self._pages.get(OVERVIEW)
        if page is not None and self.stack.currentIndex() == OVERVIEW:
            page.refresh()
        elif page is not None:
            self._stale.add(OVERVIEW)

    def notice_shown(self) -> bool:
        return not self.notice.isHidden()

    def page_name(self) -> str | None:
        """The shown page's class name (for the crash log)."""
        index = self.stack.currentIndex()
        return PAGES[index][2] if 0 <= index < len(PAGES) else None

    def settle_notice(self, message: str) -> None:
        """Hide the bar if it still shows ``message`` (a refused text the leader has fixed)."""
        if self._notice_message == message and not self.lasting_notice:
            self.notice.hide()

    def _close_notice(self) -> None:
        self.lasting_notice = ""
        self.notice.hide()

    def show_notice(self, message: str, *, lasting: bool = False, info: bool = False) -> None:
        """Show ``message`` in the bar over the page.

        A ``lasting`` message is about the database, not the plan (a cloud folder, a restore at
        start, a failed backup): it stays when another plan is opened, and an open guide shows
        it too, since the guide covers the bar. An ``info`` message is good news (an import
        done): the bar is then a calm blue instead of amber.
        """
        self.lasting_notice = message if lasting else ""
        self._notice_message = message
        set_notice_kind(self.notice, info=info)
        self.notice_text.setText(_rich(message))
        self.notice.show()
        if lasting and self.guide is not None:
            self.guide.show_notice(message)

    # Compatibility with the first window's tests and benchmarks: the overview's models.
    def overview_page(self) -> OverviewPage:
        return cast("OverviewPage", self.page(OVERVIEW))

    @property
    def overview_model(self) -> OverviewModel:
        return self.overview_page().overview_model

    @property
    def findings_model(self) -> FindingsModel:
        return self.overview_page().findings_model

    @property
    def overview(self) -> QTableView:
        return self.overview_page().overview

    # --- actions -----------------------------------------------------------------------

    def resume_guide(self) -> None:
        """At program start, after the first paint: a guide left midway opens at its step;
        an empty database opens the guide for the first plan."""
        from ui.guide import resume_at_start

        resume_at_start(self)

    def findings_dock(self) -> FindingsDock:
        """The "Vejledning" panel beside every page (built on first use, after the first paint)."""
        if self._findings_dock is None:
            from PySide6.QtCore import Qt

            from ui.widgets.findings_dock import FindingsDock

            dock = FindingsDock(self.session, self.go_to, self)
            self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
            dock.show()  # a dock added to a window already on screen starts hidden
            self.resizeDocks([dock], [dock.preferred_width()], Qt.Orientation.Horizontal)
            # The panel's width and whether it is open, as the leader left them.
            state = settings().value(STATE_KEY)
            if isinstance(state, QByteArray) and not state.isEmpty():
                self.restoreState(state)
            dock.fold_when_narrow()  # (150 % on a small laptop: the page needs the room)
            self.view_menu.addSeparator()
            self.view_menu.addAction(dock.toggleViewAction())
            self._findings_dock = dock
            dock.visibilityChanged.connect(self._sync_overview_findings)
            self._sync_overview_findings()
        return self._findings_dock

    def _sync_overview_findings(self, *_: object) -> None:
        # While the panel is open, the overview leaves the findings to it (no list twice).
        if OVERVIEW in self._pages and self._findings_dock is not None:
            findings = self.overview_page().findings
            findings.parentWidget().setVisible(self._findings_dock.isHidden())

    def _explain(self, error: Exception) -> str:
        return explain(error, self._db_path)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        from ui.operations.manager_answer import open_dropped

        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        event.acceptProposedAction()
        open_dropped(self, paths)

    def closeEvent(self, event: QCloseEvent) -> None:
        # Text typed a moment ago is stored before the window goes.
        if not self.session.flush() and not self.close_without_saving():
            event.ignore()
            return
        self.remember_layout()
        super().closeEvent(event)

    def remember_layout(self) -> None:
        """Store the window's size, place and maximised state, and the Vejledning panel's."""
        stored = settings()
        # Written only when changed: every write of the settings file waits for the disk.
        geometry = self.saveGeometry()
        if stored.value(GEOMETRY_KEY) != geometry:
            stored.setValue(GEOMETRY_KEY, geometry)
        if self._findings_dock is not None:  # not built yet: what was stored stays
            state = self.saveState()
            if stored.value(STATE_KEY) != state:
                stored.setValue(STATE_KEY, state)

    def close_without_saving(self) -> bool:
        """Ask whether to close although some typing could not be stored (default: no)."""
        from ui.dialogs.unsaved import close_anyway

        return close_anyway(self, self.session.last_failure)
