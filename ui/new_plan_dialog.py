"""Ny plan: the plan's own details in one short form (the guided start comes later)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from udviklingsplan_app import services
from udviklingsplan_app.domain import MAX_CYCLE_YEARS, MAX_LEVEL, MIN_CYCLE_YEARS, MIN_LEVEL, Person
from udviklingsplan_app.framework import builtin_frameworks

from .session import explain


class NewPlanDialog(QDialog):
    """Creates the plan when accepted; :attr:`plan_id` is then the new plan's id."""

    def __init__(self, parent: QWidget | None = None, today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Ny plan"))
        self.plan_id: int | None = None
        today = today or dt.date.today()
        self.frameworks = builtin_frameworks()

        intro = QLabel(
            self.tr(
                "Skriv, hvem planen er for. Du kan ændre det hele senere under "
                "»Planens oplysninger«."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.workplace = QLineEdit(self)
        self.workplace.setPlaceholderText(self.tr("fx Den Sociale Hjemmepleje, Område Nord"))
        self.leader_name = QLineEdit(self)
        self.leader_title = QLineEdit(self)
        self.leader_title.setPlaceholderText(self.tr("fx Afdelingsleder"))
        self.level = QSpinBox(self)
        self.level.setRange(MIN_LEVEL, MAX_LEVEL)
        self.level.setValue(3)
        self.level.setToolTip(self.tr("Ledelsesniveau 1–4 i Socialforvaltningen"))
        self.manager_name = QLineEdit(self)
        self.manager_title = QLineEdit(self)
        self.framework = QComboBox(self)
        for framework in self.frameworks:
            self.framework.addItem(framework.label, framework.id)
        self.framework_description = QLabel(self)
        self.framework_description.setWordWrap(True)
        self.framework_description.setTextFormat(Qt.TextFormat.PlainText)
        self.first_year = QSpinBox(self)
        self.first_year.setRange(2000, 2100)
        self.first_year.setValue(today.year)
        self.years = QSpinBox(self)
        self.years.setRange(MIN_CYCLE_YEARS, MAX_CYCLE_YEARS)
        self.years.setSuffix(self.tr(" år"))

        form = QFormLayout()
        form.addRow(self.tr("&Arbejdsplads:"), self.workplace)
        form.addRow(self.tr("Dit &navn:"), self.leader_name)
        form.addRow(self.tr("Din &titel:"), self.leader_title)
        form.addRow(self.tr("Ledelses&niveau:"), self.level)
        form.addRow(self.tr("Din &leders navn:"), self.manager_name)
        form.addRow(self.tr("Din leders t&itel:"), self.manager_title)
        form.addRow(self.tr("&Strategiramme:"), self.framework)
        form.addRow("", self.framework_description)
        form.addRow(self.tr("&Første år:"), self.first_year)
        form.addRow(self.tr("&Planen løber over:"), self.years)

        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b3261e")
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Opret plan"))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

        self.framework.currentIndexChanged.connect(self._on_framework)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._on_framework()
        self.resize(560, self.sizeHint().height())

    def _on_framework(self) -> None:
        framework = self.frameworks[max(self.framework.currentIndex(), 0)]
        self.framework_description.setText(framework.description)
        self.years.setValue(framework.default_cycle_years)

    def accept(self) -> None:
        try:
            self.plan_id = services.create_plan(
                workplace=self.workplace.text().strip(),
                leader=Person(self.leader_name.text().strip(), self.leader_title.text().strip()),
                level=self.level.value(),
                manager=Person(self.manager_name.text().strip(), self.manager_title.text().strip()),
                framework_id=self.framework.currentData(),
                first_year=self.first_year.value(),
                years=self.years.value(),
            )
        except Exception as error:
            message = explain(error)
            if "arbejdspladsens navn" in message:
                message = self.tr("Skriv arbejdspladsens navn – det står øverst i planen.")
                self.workplace.setFocus()
            self.error.setText(message)
            self.error.show()
            return
        super().accept()
