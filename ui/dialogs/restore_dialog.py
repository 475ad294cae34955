"""Filer → Gendan fra sikkerhedskopi…: the backups, a preview of one, and the restore.

The current database is copied to a "før gendannelse" backup before the chosen backup takes
its place (see :func:`udviklingsplan_app.database_files.restore_database`), so a restore can
itself be undone by restoring that copy.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from udviklingsplan_app.database_files import Restored
from udviklingsplan_app.domain import Plan
from udviklingsplan_app.formatting import years_label
from ui.dialogs.damaged_dialog import made_label

if TYPE_CHECKING:
    from udviklingsplan_app.database_files import BackupInfo
    from ui.operations import Operation
    from ui.shell import Shell

_Index = QModelIndex | QPersistentModelIndex

#: The name of a restore in :func:`ui.operations.running`.
RESTORE = "restore"


class _RowsModel(QAbstractTableModel):
    """A read-only table of rows with fixed Danish column headers."""

    HEADERS: tuple[str, ...] = ()

    def _rows(self) -> list[Any]:
        raise NotImplementedError

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows())

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.HEADERS)
        ):
            return self.tr(self.HEADERS[section])
        return None


class BackupTableModel(_RowsModel):
    """One row per backup, newest first: when, why, how many plans and goals, sound or not."""

    COL_MADE, COL_KIND, COL_PLANS, COL_GOALS, COL_STATE = range(5)
    HEADERS = ("Lavet", "Slags", "Planer", "Mål", "Tilstand")

    def __init__(self, backups: list[BackupInfo] | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self.backups: list[BackupInfo] = list(backups or [])

    def _rows(self) -> list[Any]:
        return self.backups

    def set_backups(self, backups: list[BackupInfo]) -> None:
        self.beginResetModel()
        self.backups = list(backups)
        self.endResetModel()

    def add_first(self, info: BackupInfo) -> None:
        self.beginInsertRows(QModelIndex(), 0, 0)
        self.backups.insert(0, info)
        self.endInsertRows()

    def data(self, index: _Index, role: int = 0) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.backups):
            return None
        info = self.backups[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.COL_MADE:
                return made_label(info.made)
            if column == self.COL_KIND:
                return info.label
            if column == self.COL_PLANS:
                return str(info.plans) if info.sound else "–"
            if column == self.COL_GOALS:
                return str(info.goals) if info.sound else "–"
            if column == self.COL_STATE:
                return self.tr("i orden") if info.sound else self.tr("beskadiget")
        if role == Qt.ItemDataRole.ToolTipRole:
            if not info.sound and info.problem:
                return info.problem
            return str(info.path)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (
            self.COL_PLANS,
            self.COL_GOALS,
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return str(info.path)
        return None


class PreviewModel(_RowsModel):
    """The plans in one backup: workplace, leader, years and the goals of each year."""

    HEADERS = ("Arbejdsplads", "Leder", "Periode", "Mål pr. år")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.plans: list[Plan] = []

    def _rows(self) -> list[Any]:
        return self.plans

    def set_plans(self, plans: list[Plan]) -> None:
        self.beginResetModel()
        self.plans = list(plans)
        self.endResetModel()

    @staticmethod
    def goals_per_year(plan: Plan) -> str:
        counts = {plan.first_year + n: 0 for n in range(plan.years)}
        for goal in plan.goals:
            counts[goal.year] = counts.get(goal.year, 0) + 1
        return " · ".join(f"{year}: {count}" for year, count in sorted(counts.items()))

    def data(self, index: _Index, role: int = 0) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.plans):
            return None
        plan = self.plans[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return (
                plan.workplace,
                plan.leader.name,
                years_label(plan.first_year, plan.years),
                self.goals_per_year(plan),
            )[index.column()]
        return None


class RestoreDialog(QDialog):
    """Lists the backups beside the database; accepted when the leader has confirmed one.

    :attr:`chosen` is then the backup to restore.
    """

    def __init__(self, db_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from udviklingsplan_app.database_files import backups_folder

        self.db_path = db_path
        self.chosen: BackupInfo | None = None
        self.setWindowTitle(self.tr("Gendan fra sikkerhedskopi"))

        intro = QLabel(
            self.tr(
                "Vælg den sikkerhedskopi, du vil vende tilbage til. Programmet laver en "
                "sikkerhedskopi hver dag, du bruger det, og før hver opdatering. De ligger i "
                "%1.\n\nDen database, du har nu, bliver gemt som en sikkerhedskopi, før den "
                "valgte tager dens plads – så intet går tabt."
            ).replace("%1", str(backups_folder(db_path))),
            self,
        )
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.PlainText)

        self.backups_label = QLabel(self.tr("&Sikkerhedskopier:"), self)
        self.model = BackupTableModel(parent=self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; the arrows move in it
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(BackupTableModel.COL_KIND, QHeaderView.ResizeMode.Stretch)
        self.backups_label.setBuddy(self.table)
        self.empty_label = QLabel(
            self.tr(
                "Der er endnu ingen sikkerhedskopier ved siden af databasen. Har du en kopi et "
                "andet sted, fx på et USB-stik, så vælg den med »Vælg en anden fil…«."
            ),
            self,
        )
        self.empty_label.setWordWrap(True)

        self.preview_label = QLabel(self.tr("&Indhold i den valgte sikkerhedskopi:"), self)
        self.preview_model = PreviewModel(self)
        self.preview = QTableView(self)
        self.preview.setModel(self.preview_model)
        self.preview.setTabKeyNavigation(False)  # Tab leaves the table; the arrows move in it
        self.preview.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.preview.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.preview.verticalHeader().hide()
        self.preview.setWordWrap(False)
        preview_header = self.preview.horizontalHeader()
        preview_header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        preview_header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.preview_label.setBuddy(self.preview)
        self.preview_problem = QLabel(self)
        self.preview_problem.setWordWrap(True)
        self.preview_problem.setTextFormat(Qt.TextFormat.PlainText)
        self.preview_problem.hide()

        self.other_button = QPushButton(self.tr("&Vælg en anden fil…"), self)
        self.restore_button = QPushButton(self.tr("&Gendan"), self)
        self.close_button = QPushButton(self.tr("&Luk"), self)
        self.restore_button.setEnabled(False)
        self.restore_button.setDefault(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.other_button)
        buttons.addStretch(1)
        buttons.addWidget(self.restore_button)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addSpacing(6)
        layout.addWidget(self.backups_label)
        layout.addWidget(self.table, 3)
        layout.addWidget(self.empty_label)
        layout.addSpacing(6)
        layout.addWidget(self.preview_label)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.preview_problem)
        layout.addLayout(buttons)
        em = self.fontMetrics().averageCharWidth()
        self.resize(em * 120, self.fontMetrics().height() * 40)

        self.table.selectionModel().currentRowChanged.connect(self._on_backup_chosen)
        self.other_button.clicked.connect(self._on_other_file)
        self.restore_button.clicked.connect(self._on_restore)
        self.close_button.clicked.connect(self.reject)
        self.load()

    def load(self) -> None:
        from udviklingsplan_app.database_files import list_backups

        self.model.set_backups(list_backups(self.db_path))
        self.empty_label.setVisible(not self.model.backups)
        if self.model.backups:
            self.table.setCurrentIndex(self.model.index(0, 0))
        else:
            self._on_backup_chosen(QModelIndex())

    def selected(self) -> BackupInfo | None:
        row = self.table.currentIndex().row()
        return self.model.backups[row] if 0 <= row < len(self.model.backups) else None

    def select_path(self, path: Path) -> None:
        for row, info in enumerate(self.model.backups):
            if info.path == path:
                self.table.setCurrentIndex(self.model.index(row, 0))
                return

    def _on_backup_chosen(self, current: QModelIndex, _previous: object = None) -> None:
        from udviklingsplan_app.database_files import read_backup
        from udviklingsplan_app.errors import UdviklingsplanError

        info = self.selected() if current.isValid() else None
        plans: list[Plan] = []
        problem = ""
        if info is not None:
            if not info.sound:
                problem = info.problem or self.tr("Sikkerhedskopien er beskadiget.")
            else:
                try:
                    plans = read_backup(info.path)
                except (UdviklingsplanError, OSError) as error:
                    problem = str(error)
        self.preview_model.set_plans(plans)
        self.preview_problem.setText(
            self.tr("Denne sikkerhedskopi kan ikke gendannes: %1").replace("%1", problem)
            if problem
            else ""
        )
        self.preview_problem.setVisible(bool(problem))
        self.restore_button.setEnabled(info is not None and not problem)

    def _on_other_file(self) -> None:
        from udviklingsplan_app.database_files import backup_info

        name, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Vælg en sikkerhedskopi"),
            str(Path.home()),
            self.tr("Sikkerhedskopi af databasen (*.db);;Alle filer (*)"),
        )
        if not name:
            return
        path = Path(name)
        if path.resolve() == self.db_path.resolve():
            QMessageBox.information(
                self,
                self.tr("Det er den database, du bruger"),
                self.tr("Den fil er den database, programmet bruger nu. Vælg en sikkerhedskopi."),
            )
            return
        if not any(info.path == path for info in self.model.backups):
            self.model.add_first(backup_info(path))
            self.empty_label.hide()
        self.select_path(path)

    def _on_restore(self) -> None:
        info = self.selected()
        if info is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Gendan fra sikkerhedskopi"),
            self.tr(
                "Vil du gendanne planerne fra sikkerhedskopien fra %1?\n\n"
                "Alle planer i programmet bliver som i sikkerhedskopien. Det, du har nu, "
                "bliver først gemt som en sikkerhedskopi, så du kan vende tilbage til det."
            ).replace("%1", made_label(info.made)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.chosen = info
        self.accept()


def restore_from_backup(window: Shell) -> bool:
    """Filer → Gendan fra sikkerhedskopi…: choose, confirm, then restore (see
    :func:`restore_into`). True if a restore was started."""
    from ui.dialogs.unsaved import stored_first

    session = window.session
    if not stored_first(window, session, window.tr("gendanne")):
        return False
    dialog = RestoreDialog(session.db_path, window)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.chosen is None:
        return False
    restore_into(window, dialog.chosen)
    return True


def restore_into(window: Shell, backup: BackupInfo) -> Operation[Restored]:
    """Close the database, put the backup in its place (off the GUI thread, with a busy
    dialog), open it again and show it. The restore sequence is the core's
    (:func:`udviklingsplan_app.database_files.restore_database`)."""
    from udviklingsplan_app.database_files import close_database, put_backup_in_place
    from ui.operations import run_in_background
    from ui.operations.backup_job import wait_for_backups

    session = window.session
    db_path = session.db_path
    wait_for_backups()
    session.close_reader()
    close_database()
    return run_in_background(
        window,
        lambda: put_backup_in_place(backup.path, db_path),
        on_success=lambda outcome: _reopen(window, backup, outcome),
        on_failure=lambda error: _reopen(window, backup, Restored(False, problem=error)),
        busy=window.tr("Gendanner fra sikkerhedskopien …"),
        title=window.tr("Gendan fra sikkerhedskopi"),
        name=RESTORE,
    )


def _reopen(window: Shell, backup: BackupInfo, outcome: Restored) -> bool:
    """After the file work: the database opens again, and the leader is told what happened."""
    from udviklingsplan_app.database_files import open_for_writing
    from ui.session import explain

    db_path = window.session.db_path
    try:
        open_for_writing(db_path)
    except Exception as error:
        QMessageBox.critical(window, window.tr("Databasen kan ikke åbnes"), explain(error, db_path))
        window.close()
        return False
    if outcome.problem is not None:
        QMessageBox.warning(
            window,
            window.tr("Sikkerhedskopien kan ikke gendannes"),
            explain(outcome.problem, db_path),
        )
    window.reload_plans(select_id=window.session.plan_id)
    if not outcome.restored:
        return False
    message = window.tr("Planerne er gendannet fra sikkerhedskopien fra %1.").replace(
        "%1", made_label(backup.made)
    )
    if outcome.kept is not None:
        message += "\n\n" + window.tr(
            "Den database, du havde før, er gemt som sikkerhedskopi her:\n%1"
        ).replace("%1", str(outcome.kept))
    QMessageBox.information(window, window.tr("Gendannet"), message)
    return True
