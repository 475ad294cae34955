"""Filer ▸ Strategirammer…: every framework with where it came from, and *Tilføj fil…*.

Also the calm bar that says a newer version of the plan's framework has arrived, and the
leader's choice to move the plan to it (one undoable step). The rules live in the core
(:mod:`udviklingsplan_app.framework_sources`, :mod:`udviklingsplan_app.framework_changes`).
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from udviklingsplan_app import framework_sources as sources
from udviklingsplan_app.framework import Framework
from udviklingsplan_app.framework_changes import framework_changes, goals_left_behind
from ui.session import PlanSession, explain
from ui.settings import IMPORTS, last_folder, remember_folder

COLUMNS = ("Id", "Version", "Titel", "Kilde")


class FrameworksDialog(QDialog):
    """The list of frameworks (id, version, title, source) with *Tilføj fil…*."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Strategirammer"))
        self.resize(820, 360)
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Strategirammerne, som planer kan følge. En ny ramme fra forvaltningen kan du "
                "tilføje her; den bliver tjekket først. En plan gemmer sin egen kopi af sin "
                "ramme, så den åbner ens, selv om filen senere fjernes."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in COLUMNS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setAccessibleName(self.tr("Strategirammer"))
        layout.addWidget(self.table, 1)
        self.problems = QLabel(self)
        self.problems.setWordWrap(True)
        self.problems.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.problems)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        buttons = QDialogButtonBox(self)
        self.add_button = QPushButton(self.tr("&Tilføj fil…"), self)
        self.close_button = QPushButton(self.tr("&Luk"), self)
        buttons.addButton(self.add_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        self.add_button.clicked.connect(self.add_file)
        layout.addWidget(buttons)
        self.refresh()

    def refresh(self) -> None:
        available = sources.available_frameworks()
        self.table.setRowCount(len(available.entries))
        for row, entry in enumerate(available.entries):
            framework = entry.framework
            cells = (framework.id, framework.version, framework.title, entry.source.label)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 2:
                    item.setToolTip(framework.description)
                if column == 3 and entry.path is not None:
                    item.setToolTip(str(entry.path))
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        if available.problems:
            self.problems.setText(
                self.tr("Disse filer blev sprunget over:\n%1").replace(
                    "%1", "\n".join(available.problems)
                )
            )
            self.problems.show()
        else:
            self.problems.hide()

    def rows(self) -> list[tuple[str, ...]]:
        """The table as text, row by row (what the leader sees)."""
        return [
            tuple(self.table.item(r, c).text() for c in range(self.table.columnCount()))
            for r in range(self.table.rowCount())
        ]

    def add_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Tilføj strategiramme"),
            str(last_folder(IMPORTS)),
            self.tr("Strategiramme (*.json)"),
        )
        if not name:
            return
        remember_folder(IMPORTS, name)
        try:
            entry = sources.add_framework_file(Path(name))
        except Exception as error:
            QMessageBox.warning(self, self.tr("Strategirammen kan ikke tilføjes"), explain(error))
            return
        self.status.setText(
            self.tr("»%1« version %2 er tilføjet og kan vælges, når du laver en ny plan.")
            .replace("%1", entry.framework.title)
            .replace("%2", entry.framework.version)
        )
        self.refresh()


class FrameworkUpdateBar(QFrame):
    """A calm bar: a newer version of the plan's framework is here; see what changed, move."""

    def __init__(self, session: PlanSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("frameworkUpdate")
        self.setStyleSheet(
            "#frameworkUpdate { background: #e8f1fb; border: 1px solid #9bbbe0; "
            "border-radius: 4px; }"
        )
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.show_button = QPushButton(self.tr("Se ændringerne…"), self)
        self.close_button = QToolButton(self)
        self.close_button.setText("✕")
        self.close_button.setAccessibleName(self.tr("Luk beskeden"))
        layout.addWidget(self.text, 1)
        layout.addWidget(self.show_button)
        layout.addWidget(self.close_button)
        self.newer: Framework | None = None
        self._dismissed: set[tuple[int | None, str, str]] = set()
        self.show_button.clicked.connect(self.show_changes)
        self.close_button.clicked.connect(self._dismiss)
        self.hide()

    def _key(self) -> tuple[int | None, str, str]:
        newer = self.newer
        return (self.session.plan_id, newer.id if newer else "", newer.version if newer else "")

    def update_for_plan(self) -> None:
        current = self.session.framework
        self.newer = sources.newer_version(current) if current is not None else None
        if self.newer is None or current is None or self._key() in self._dismissed:
            self.hide()
            return
        self.text.setText(
            self.tr(
                "Der er kommet en ny version af %1: version %2. Planen følger version %3 og "
                "forbliver sådan, indtil du vælger at flytte den."
            )
            .replace("%1", current.short_title)
            .replace("%2", self.newer.version)
            .replace("%3", current.version)
        )
        self.show()

    def _dismiss(self) -> None:
        self._dismissed.add(self._key())
        self.hide()

    def change_text(self) -> str:
        """What the leader reads before moving: the changes and the goals Vejledning will name."""
        current, newer, plan = self.session.framework, self.newer, self.session.plan
        if current is None or newer is None or plan is None:
            return ""
        lines = [str(change) for change in framework_changes(current, newer)]
        parts = [
            "<p>"
            + escape(
                self.tr("Ændringer fra version %1 til version %2:")
                .replace("%1", current.version)
                .replace("%2", newer.version)
            )
            + "</p>"
        ]
        if lines:
            parts.append("<ul>" + "".join(f"<li>{escape(line)}</li>" for line in lines) + "</ul>")
        else:
            parts.append("<p>" + escape(self.tr("Ingen ændringer i indholdet.")) + "</p>")
        left = goals_left_behind(plan, newer)
        if left:
            parts.append(
                "<p>"
                + escape(
                    self.tr(
                        "Disse mål henviser til noget, der ikke findes i den nye version. De "
                        "bevares, og Vejledning viser dem, så du kan vælge på ny:"
                    )
                )
                + "</p><ul>"
                + "".join(f"<li>{escape(title)}</li>" for title in left)
                + "</ul>"
            )
        parts.append(
            "<p>" + escape(self.tr("Flytningen kan fortrydes under Rediger ▸ Fortryd.")) + "</p>"
        )
        return "".join(parts)

    def show_changes(self) -> None:
        newer = self.newer
        if newer is None or self.session.plan_id is None:
            return
        box = QMessageBox(self)
        box.setWindowTitle(self.tr("Ny version af strategirammen"))
        box.setTextFormat(Qt.TextFormat.RichText)
        box.setText(self.change_text())
        move = box.addButton(
            self.tr("Flyt planen til version %1").replace("%1", newer.version),
            QMessageBox.ButtonRole.AcceptRole,
        )
        box.addButton(self.tr("Ikke nu"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        if box.clickedButton() is move:
            self.move_plan()

    def move_plan(self) -> None:
        newer = self.newer
        if newer is None or self.session.plan_id is None:
            return
        from udviklingsplan_app import services

        self.session.apply(
            self.tr("flyttet planen til strategirammens version %1").replace("%1", newer.version),
            services.move_plan_framework,
            self.session.plan_id,
            newer.version,
        )
        self.update_for_plan()
