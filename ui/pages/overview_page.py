"""Overblik: the years × visions grid, the guidance findings and the goals per status."""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import QModelIndex, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QListView,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from udviklingsplan_app.domain import Status
from udviklingsplan_app.guidance import Concern, check_plan
from ui.models.overview import FindingsModel, OverviewModel
from ui.pages.base import Page
from ui.session import PlanSession


class OverviewPage(Page):
    def __init__(self, session: PlanSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        # No Qt.* enums here (nor in the models): this page is painted at start, and Qt's enum
        # namespace costs more to create than the rest of the page (see ui/models/overview.py).
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

        overview_box = QWidget(self)
        overview_layout = QVBoxLayout(overview_box)
        overview_layout.setContentsMargins(0, 0, 0, 0)
        self.overview_label = QLabel(overview_box)
        overview_layout.addWidget(self.overview_label)
        self.overview_model = OverviewModel(self)
        self.overview = QTableView(overview_box)
        self.overview.setModel(self.overview_model)
        self.overview.setTabKeyNavigation(False)  # Tab leaves the table; the arrows move in it
        self.overview.setAccessibleName(self.tr("Overblik over udviklingsmål"))
        self.overview.setWordWrap(True)
        self.overview.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.overview.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.overview.verticalHeader().setMinimumSectionSize(self.fontMetrics().height() * 3)
        self._row_fitter = QTimer(self)
        self._row_fitter.setSingleShot(True)
        self._row_fitter.setInterval(0)
        self._row_fitter.timeout.connect(self._fit_to_width)
        self.overview.horizontalHeader().sectionResized.connect(self._fit_rows)
        overview_layout.addWidget(self.overview)
        self.status_counts = QLabel(overview_box)  # status labels only: shown as plain text
        self.status_counts.setWordWrap(True)
        overview_layout.addWidget(self.status_counts)

        findings_box = QWidget(self)
        findings_layout = QVBoxLayout(findings_box)
        findings_layout.setContentsMargins(0, 0, 0, 0)
        self.findings_label = QLabel(findings_box)
        findings_layout.addWidget(self.findings_label)
        self.findings_model = FindingsModel(self)
        self.findings = QListView(findings_box)
        self.findings.setModel(self.findings_model)
        self.findings.setAccessibleName(self.tr("Vejledning"))
        self.findings.setToolTip(self.tr("Klik på en bemærkning for at gå til det, den handler om"))
        self.findings.setWordWrap(True)
        self.findings.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        findings_layout.addWidget(self.findings)
        layout.addWidget(overview_box, 3)
        layout.addWidget(findings_box, 1)

        self.overview.activated.connect(self._on_cell)  # double-click or Enter
        self.findings.clicked.connect(self._on_finding)
        self.findings.activated.connect(self._on_finding)

    def refresh(self) -> None:
        plan, framework = self.session.plan, self.session.framework
        self.overview_model.set_plan(plan, framework)
        if plan is None or framework is None:
            self.findings_model.set_findings([])
            return
        self.overview_label.setText(
            self.tr(
                "<b>Overblik</b> – udviklingsmål pr. år og %1 (dobbeltklik for at åbne målene)"
            ).replace("%1", framework.terms.vision.lower())
        )
        self._fit_rows()
        counts = Counter(goal.status for goal in plan.goals)
        parts = [f"{status.label}: {counts[status]}" for status in Status if counts[status]]
        self.status_counts.setText(
            self.tr("Mål pr. status – %1").replace("%1", " · ".join(parts))
            if parts
            else self.tr("Planen har endnu ingen udviklingsmål.")
        )
        findings = check_plan(plan, framework, being_written=self.session.being_written)
        self.findings_model.set_findings(findings)
        if not findings:
            summary = self.tr("<b>Vejledning</b> – ingen bemærkninger, planen følger strategien")
        elif len(findings) == 1:
            summary = self.tr("<b>Vejledning</b> – 1 bemærkning (klik for at gå til den)")
        else:
            summary = self.tr(
                "<b>Vejledning</b> – %1 bemærkninger (klik for at gå til dem)"
            ).replace("%1", str(len(findings)))
        self.findings_label.setText(summary)

    def _fit_rows(self) -> None:
        # Rows follow the wrapped titles at the columns' final width, once layout has settled.
        self._row_fitter.start()

    def _fit_to_width(self) -> None:
        # Column titles wrap at the columns' width (at 150 % on a 1366 × 768 screen a title
        # on one line was cut at both ends), then the rows follow their wrapped goal titles.
        header = self.overview.horizontalHeader()
        char = max(self.fontMetrics().averageCharWidth(), 1)
        self.overview_model.wrap_headers(
            [(header.sectionSize(n) - char) // char for n in range(header.count())]
        )
        self.overview.resizeRowsToContents()

    def _on_finding(self, index: QModelIndex) -> None:
        if index.isValid():
            self.navigate.emit(self.findings_model.finding(index.row()).concerns)

    def _on_cell(self, index: QModelIndex) -> None:
        plan, framework = self.session.plan, self.session.framework
        if not index.isValid() or plan is None or framework is None:
            return
        year = plan.first_year + index.row()
        vision = framework.visions[index.column()].id
        # The goals page shows the cell's goals, the first of them open in the editor (the
        # others beside it in the list); an empty cell shows the empty year and vision.
        self.navigate.emit(Concern("vision", year=year, vision=vision))
        goals = [g for g in plan.goals_in(year) if g.vision == vision]
        if goals:
            self.navigate.emit(Concern("goal", year=year, goal_uid=goals[0].uid, vision=vision))
