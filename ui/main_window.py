"""The main window: the plan's overview (years × visions) and the guidance findings.

This is the first, read-only view of a plan; editing arrives with the full main window.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from udviklingsplan_app import APP_NAME, app_version, services
from udviklingsplan_app.domain import Plan, years_label
from udviklingsplan_app.errors import UdviklingsplanError
from udviklingsplan_app.guidance import check_plan

from .models import FindingsModel, OverviewModel


class MainWindow(QMainWindow):
    def __init__(self, db_path: Path) -> None:
        super().__init__()
        self._db_path = db_path
        self._plan: Plan | None = None
        self.setWindowTitle(APP_NAME)
        self.resize(1200, 760)
        self._build_view()
        self._build_menus()
        self._connect_callbacks()
        self.reload_plans()

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

        self.heading = QLabel(central)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setWordWrap(True)
        self.details = QLabel(central)
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.details.setWordWrap(True)
        layout.addWidget(self.heading)
        layout.addWidget(self.details)

        # What a leader sees before there is any plan: where to begin.
        self.empty_box = QWidget(central)
        empty_layout = QVBoxLayout(self.empty_box)
        empty_layout.addStretch(1)
        welcome = QLabel(self.tr("Velkommen til Udviklingsplan"), self.empty_box)
        welcome.setFont(self.heading.font())
        welcome.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_hint = QLabel(self.empty_box)
        self.empty_hint.setWordWrap(True)
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_hint.setText(
            self.tr(
                "Der er endnu ingen plan i databasen.\n\n"
                "Hent en plan, fx den, din forgænger eller din leder har sendt dig som JSON-fil."
            )
        )
        self.empty_import = QPushButton(self.tr("&Importér plan fra JSON…"), self.empty_box)
        empty_layout.addWidget(welcome)
        empty_layout.addSpacing(12)
        empty_layout.addWidget(self.empty_hint)
        empty_layout.addSpacing(12)
        empty_layout.addWidget(self.empty_import, 0, Qt.AlignmentFlag.AlignHCenter)
        empty_layout.addStretch(2)
        layout.addWidget(self.empty_box, 1)

        splitter = QSplitter(Qt.Orientation.Vertical, central)
        overview_box = QWidget(splitter)
        overview_layout = QVBoxLayout(overview_box)
        overview_layout.setContentsMargins(0, 0, 0, 0)
        self.overview_label = QLabel(overview_box)
        overview_layout.addWidget(self.overview_label)
        self.overview_model = OverviewModel(self)
        self.overview = QTableView(overview_box)
        self.overview.setModel(self.overview_model)
        self.overview.setAccessibleName(self.tr("Overblik over udviklingsmål"))
        self.overview.setWordWrap(True)
        self.overview.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.overview.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self._row_fitter = QTimer(self)
        self._row_fitter.setSingleShot(True)
        self._row_fitter.setInterval(0)
        self._row_fitter.timeout.connect(self.overview.resizeRowsToContents)
        self.overview.horizontalHeader().sectionResized.connect(self._fit_rows)
        self.overview.verticalHeader().setMinimumSectionSize(self.fontMetrics().height() * 3)
        overview_layout.addWidget(self.overview)

        findings_box = QWidget(splitter)
        findings_layout = QVBoxLayout(findings_box)
        findings_layout.setContentsMargins(0, 0, 0, 0)
        self.findings_label = QLabel(findings_box)
        findings_layout.addWidget(self.findings_label)
        self.findings_model = FindingsModel(self)
        self.findings = QListView(findings_box)
        self.findings.setModel(self.findings_model)
        self.findings.setAccessibleName(self.tr("Vejledning"))
        self.findings.setWordWrap(True)
        self.findings.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        findings_layout.addWidget(self.findings)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([520, 160])
        self.splitter = splitter
        layout.addWidget(splitter, 1)
        self.setCentralWidget(central)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&Filer"))
        self.import_action = QAction(self.tr("&Importér plan fra JSON…"), self)
        self.import_action.setShortcut(QKeySequence.StandardKey.Open)
        self.export_action = QAction(self.tr("&Eksportér plan til JSON…"), self)
        self.export_action.setShortcut(QKeySequence.StandardKey.SaveAs)
        self.quit_action = QAction(self.tr("&Afslut"), self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        file_menu.addAction(self.import_action)
        file_menu.addAction(self.export_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        help_menu = self.menuBar().addMenu(self.tr("&Hjælp"))
        self.about_action = QAction(self.tr("&Om Udviklingsplan"), self)
        help_menu.addAction(self.about_action)

    def _connect_callbacks(self) -> None:
        self.plan_picker.currentIndexChanged.connect(self._on_plan_chosen)
        self.import_action.triggered.connect(self._on_import)
        self.empty_import.clicked.connect(self._on_import)
        self.export_action.triggered.connect(self._on_export)
        self.quit_action.triggered.connect(self.close)
        self.about_action.triggered.connect(self._on_about)

    # --- state -------------------------------------------------------------------------

    def reload_plans(self, select_id: int | None = None) -> None:
        plans = services.list_plans()
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
        self.show_plan(services.load_plan(plan_id) if plan_id is not None else None)

    def show_plan(self, plan: Plan | None) -> None:
        self._plan = plan
        has_plan = plan is not None
        for widget in (
            self.plan_label,
            self.plan_picker,
            self.heading,
            self.details,
            self.splitter,
        ):
            widget.setVisible(has_plan)
        self.empty_box.setVisible(not has_plan)
        self.export_action.setEnabled(has_plan)
        if plan is None:
            self.setWindowTitle(APP_NAME)
            self.overview_model.set_plan(None, None)
            self.findings_model.set_findings([])
            return
        framework = services.plan_framework(plan.id) if plan.id is not None else None
        assert framework is not None
        self.setWindowTitle(f"{plan.workplace} – {APP_NAME}")
        self.heading.setText(
            self.tr("Udviklingsplan for arbejdspladsen – %1").replace("%1", plan.workplace)
        )
        self.details.setText(
            self.tr("Leder: %1 (niveau %2) · Egen leder: %3 · %4 · %5")
            .replace("%1", ", ".join(p for p in (plan.leader.name, plan.leader.title) if p))
            .replace("%2", str(plan.level))
            .replace(
                "%3", ", ".join(p for p in (plan.manager.name, plan.manager.title) if p) or "–"
            )
            .replace("%4", framework.label)
            .replace("%5", years_label(plan.first_year, plan.years))
        )
        self.overview_label.setText(
            self.tr("<b>Overblik</b> – udviklingsmål pr. år og %1").replace(
                "%1", framework.terms.vision.lower()
            )
        )
        self.overview_model.set_plan(plan, framework)
        self._fit_rows()
        findings = check_plan(plan, framework)
        self.findings_model.set_findings(findings)
        if not findings:
            summary = self.tr("<b>Vejledning</b> – ingen bemærkninger, planen følger strategien")
        elif len(findings) == 1:
            summary = self.tr("<b>Vejledning</b> – 1 bemærkning")
        else:
            summary = self.tr("<b>Vejledning</b> – %1 bemærkninger").replace(
                "%1", str(len(findings))
            )
        self.findings_label.setText(summary)

    def _fit_rows(self) -> None:
        # Rows follow the wrapped titles at the columns' final width, once layout has settled.
        self._row_fitter.start()

    # --- actions -----------------------------------------------------------------------

    def _on_import(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Importér plan"), str(Path.home()), self.tr("Udviklingsplan (*.json)")
        )
        if not name:
            return
        from udviklingsplan_app.exchange.json_format import read_plan_file

        try:
            plan_id = services.import_plan(read_plan_file(Path(name)))
        except Exception as error:
            QMessageBox.warning(self, self.tr("Planen kan ikke importeres"), self._explain(error))
            return
        self.reload_plans(select_id=plan_id)

    def _on_export(self) -> None:
        if self._plan is None or self._plan.id is None:
            return
        from udviklingsplan_app.exchange.files import safe_file_name
        from udviklingsplan_app.exchange.json_format import write_plan_file

        suggestion = Path.home() / safe_file_name(f"Udviklingsplan {self._plan.workplace}", ".json")
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Eksportér plan"), str(suggestion), self.tr("Udviklingsplan (*.json)")
        )
        if not name:
            return
        try:
            write_plan_file(services.load_plan(self._plan.id), Path(name))
        except Exception as error:
            QMessageBox.warning(self, self.tr("Planen kan ikke eksporteres"), self._explain(error))
            return
        self.statusBar().showMessage(
            self.tr("Planen er eksporteret til %1").replace("%1", name), 8000
        )

    def _explain(self, error: Exception) -> str:
        """A Danish message for any failure: the core's own, or a calm general one."""
        if isinstance(error, UdviklingsplanError):
            return str(error)
        import peewee

        if isinstance(error, peewee.DatabaseError):
            from udviklingsplan_app.storage.database import database_error_message

            return database_error_message(self._db_path, error)
        return self.tr("Der opstod en uventet fejl. Intet er ændret. (%1)").replace(
            "%1", type(error).__name__
        )

    def _on_about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("Om Udviklingsplan"),
            self.tr(
                "<b>Udviklingsplan %1</b><br>Udviklingsplan for arbejdspladsen – til ledere i "
                "Socialforvaltningen, Københavns Kommune.<br><br>Planen gemmes kun på denne "
                "computer:<br>%2"
            )
            .replace("%1", app_version())
            .replace("%2", str(self._db_path)),
        )
