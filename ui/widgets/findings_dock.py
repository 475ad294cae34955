"""Vejledning: the guidance findings beside every page, updated as the plan changes.

A dock on the right of the main window. It lists what :func:`check_plan` finds, the most
serious first, under a one-line summary; a click on a finding shows what it concerns. Built
after the first paint (see ``MainWindow.findings_dock``), so the start stays as fast.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QLabel,
    QListView,
    QVBoxLayout,
    QWidget,
)

from udviklingsplan_app.domain import Severity
from udviklingsplan_app.guidance import Concern, Finding, check_plan
from ui.models.overview import FindingsModel
from ui.session import PlanSession
from ui.settings import settings
from ui.widgets.delegates import space_rows

#: Below this window width (logical pixels; 150 % on a 1366 × 768 laptop gives about 911) the
#: panel starts folded so the page has the room, unless the leader opened it there before.
NARROW_WINDOW = 1000
NARROW_OPEN_KEY = "main_window/vejledning_when_narrow"


class FindingsDock(QDockWidget):
    """The "Vejledning" panel: a summary line and the findings, each a link to its concern."""

    def __init__(
        self,
        session: PlanSession,
        go_to: Callable[[Concern], None],
        parent: QWidget | None = None,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        super().__init__(self.tr("Vejledning"), parent)
        self.setObjectName("findings_dock")
        self.session = session
        self._go_to = go_to
        self._today = today
        self.setAllowedAreas(
            Qt.DockWidgetArea.RightDockWidgetArea | Qt.DockWidgetArea.LeftDockWidgetArea
        )
        self.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetMovable
        )
        self.toggleViewAction().setText(self.tr("&Vejledning"))

        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(6, 4, 6, 6)
        self.summary = QLabel(body)
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        font = self.summary.font()
        font.setBold(True)
        self.summary.setFont(font)
        self.hint = QLabel(
            self.tr("Klik på en bemærkning for at gå til det, den handler om."), body
        )
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: palette(placeholder-text);")
        self.model = FindingsModel(self)
        self.list = QListView(body)
        self.list.setModel(self.model)
        self.list.setAccessibleName(self.tr("Vejledningens bemærkninger"))
        self.list.setWordWrap(True)
        space_rows(self.list, 6)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        layout.addWidget(self.summary)
        layout.addWidget(self.hint)
        layout.addWidget(self.list, 1)
        self.setWidget(body)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 24)

        self.list.clicked.connect(self._on_finding)
        self.list.activated.connect(self._on_finding)
        session.changed.connect(self.refresh)
        session.writingChanged.connect(self.refresh)
        self.refresh()

    def fold_when_narrow(self) -> None:
        """Fold the panel in a narrow window, unless the leader opened it in one before (the
        choice, made with *Vis ▸ Vejledning* in a narrow window, is remembered)."""
        if self._narrow() and not settings().value(NARROW_OPEN_KEY, False, type=bool):
            self.hide()
        self.toggleViewAction().triggered.connect(self._remember_choice)

    def _narrow(self) -> bool:
        window = self.parentWidget()
        return window is not None and window.width() < NARROW_WINDOW

    def _remember_choice(self, opened: bool) -> None:
        if self._narrow():
            settings().setValue(NARROW_OPEN_KEY, opened)

    def preferred_width(self) -> int:
        """Wide enough for short findings on three or four lines, narrow enough for the page."""
        return self.fontMetrics().averageCharWidth() * 36

    def refresh(self) -> None:
        plan, framework = self.session.plan, self.session.framework
        if plan is None or framework is None:
            self.model.set_findings([])
            self.summary.setText(self.tr("Der er ingen plan åben."))
            self.hint.hide()
            return
        findings = check_plan(plan, framework, self._today(), self.session.being_written)
        self.model.set_findings(findings)
        self.summary.setText(self.summary_text(findings))
        self.hint.setVisible(bool(findings))

    def summary_text(self, findings: list[Finding]) -> str:
        """``2 fejl · 3 advarsler · 1 tip``, or that the plan looks good."""
        if not findings:
            return self.tr("Planen ser god ud – der er ingen bemærkninger.")
        counts = Counter(f.severity for f in findings)
        words = {
            Severity.FEJL: (self.tr("1 fejl"), self.tr("%1 fejl")),
            Severity.ADVARSEL: (self.tr("1 advarsel"), self.tr("%1 advarsler")),
            Severity.TIP: (self.tr("1 tip"), self.tr("%1 tips")),
        }
        return " · ".join(
            words[severity][0 if counts[severity] == 1 else 1].replace("%1", str(counts[severity]))
            for severity in Severity
            if counts[severity]
        )

    def _on_finding(self, index: QModelIndex) -> None:
        if index.isValid():
            self._go_to(self.model.finding(index.row()).concerns)
