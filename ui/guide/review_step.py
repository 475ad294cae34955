"""Step 6 of the guide: the plan at a glance, every guidance finding, and the exports.

A click on a finding closes the guide (it is done) and shows what the finding concerns in the
main window; "Eksportér til Excel…" and "Eksportér til PDF…" run the main window's own exports.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QVBoxLayout,
)

from udviklingsplan_app.domain import DialogueKind, Plan
from udviklingsplan_app.formatting import long_date
from udviklingsplan_app.framework import Framework
from udviklingsplan_app.guidance import check_plan
from ui.guide.base import GuideWindow, Step
from ui.models.overview import FindingsModel
from ui.widgets.delegates import space_rows
from ui.widgets.labels import muted_label, rich, vision_label


class ReviewStep(Step):
    title = "Gennemse og eksportér"

    def __init__(self, guide: GuideWindow) -> None:
        super().__init__(guide)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.summary = QLabel(self)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        findings_label = QLabel(self.tr("&Vejledning til planen:"), self)
        self.findings_model = FindingsModel(self)
        self.findings = QListView(self)
        self.findings.setModel(self.findings_model)
        self.findings.setAccessibleName(self.tr("Vejledning til planen"))
        self.findings.setWordWrap(True)
        space_rows(self.findings, 4)
        self.findings.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.findings.setToolTip(
            self.tr("Klik på en bemærkning for at lukke guiden og gå til det, den handler om")
        )
        findings_label.setBuddy(self.findings)
        layout.addWidget(findings_label)
        layout.addWidget(self.findings, 1)
        self.none_label = muted_label(
            self.tr("Vejledningen har ingen bemærkninger til planen. Godt gået."), self
        )
        self.none_label.hide()
        layout.addWidget(self.none_label)
        row = QHBoxLayout()
        self.go_button = QPushButton(self.tr("&Gå til det valgte"), self)
        self.excel_button = QPushButton(self.tr("&Eksportér til Excel…"), self)
        row.addWidget(self.go_button)
        row.addStretch(1)
        row.addWidget(self.excel_button)
        self.pdf_button = QPushButton(self.tr("Eksportér til &PDF…"), self)
        row.addWidget(self.pdf_button)
        self.send_button = QPushButton(self.tr("Send til &din leder…"), self)
        self.send_button.setToolTip(
            self.tr("Gem planen som Excel-fil og åbn en e-mail til din leder med filen vedhæftet")
        )
        row.addWidget(self.send_button)
        layout.addLayout(row)
        self.findings.clicked.connect(self._on_finding)
        self.findings.activated.connect(self._on_finding)
        self.go_button.clicked.connect(lambda: self._on_finding(self.findings.currentIndex()))
        self.excel_button.clicked.connect(self.export_excel)
        self.pdf_button.clicked.connect(self.export_pdf)
        self.send_button.clicked.connect(self.send_to_manager)

    def why(self) -> str:
        return self.tr(
            "Her er planen, som den står nu, og det, vejledningen peger på. Intet af det "
            "forhindrer dig i at gå videre – brug det som en tjekliste før startdialogen. Klik "
            "på en bemærkning for at gå til det i planen, og eksportér planen til Excel eller PDF, "
            "så du kan sende den til din leder."
        )

    def refresh(self) -> None:
        plan, framework = self.plan, self.framework
        if plan is None or framework is None:
            return
        self.summary.setText(self.summary_html(plan, framework))
        findings = check_plan(plan, framework)
        self.findings_model.set_findings(findings)
        self.findings.setVisible(bool(findings))
        self.none_label.setVisible(not findings)
        self.go_button.setEnabled(bool(findings))

    def summary_html(self, plan: Plan, framework: Framework) -> str:
        year = self.guide.work_year()
        goals = plan.goals_in(year)
        lines = [
            f"<b>{rich(plan.workplace)}</b> · "
            + rich(
                self.tr("%1 · Leder: %2 · Egen leder: %3")
                .replace("%1", framework.label)
                .replace("%2", plan.leader.name or "–")
                .replace("%3", plan.manager.name or "–")
            )
        ]
        titles = "".join(
            f"<li>{rich(vision_label(v) if (v := framework.vision(g.vision)) else g.vision)}: "
            f"{rich(g.title)}</li>"
            for g in goals
        )
        lines.append(
            rich(
                self.tr("Udviklingsmål for %1: %2")
                .replace("%1", str(year))
                .replace("%2", str(len(goals)))
            )
            + (f"<ul style='margin-top:2px; margin-bottom:4px'>{titles}</ul>" if titles else "")
        )
        dates = []
        for kind in DialogueKind:
            dialogue = plan.dialogue(year, kind)
            when = dialogue.planned if dialogue else None
            dates.append(
                f"{kind.label.lower()} {long_date(when)}" if when else f"{kind.label.lower()} –"
            )
        lines.append(rich(self.tr("Dialoger: %1.").replace("%1", ", ".join(dates))))
        return "<br>".join(lines)

    def _on_finding(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        concern = self.findings_model.finding(index.row()).concerns
        self.guide.finish_and_go(concern)

    def export_excel(self) -> None:
        from ui.operations.excel_export import start_excel_export

        self.session.flush()
        start_excel_export(self.guide.main)

    def send_to_manager(self) -> None:
        from ui.operations.send_to_manager import send_to_manager

        send_to_manager(self.guide, self.session, self.guide.show_notice)

    def export_pdf(self) -> None:
        from ui.operations.pdf_export import start_pdf_export

        self.session.flush()
        start_pdf_export(self.guide.main)
