"""The manager's overview window: many leaders' plans, read from a folder, in one picture.

The files are read off the GUI thread (:func:`ui.operations.run_in_background` running
:func:`udviklingsplan_app.rollup.read_plans`); its progress reaches the progress bar through a
queued Qt signal, and *Stop* sets the event the reader asks before each file. A stopped reading
is shown as partial: the plans read so far, with the files not read listed in *Filer* and the
summary saying so (nothing is made up for them). The filters, the table and the export only
show what :func:`udviklingsplan_app.rollup.overview` answers.
"""

from __future__ import annotations

import copy
import datetime as dt
import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from udviklingsplan_app.domain import Plan, Status
from udviklingsplan_app.rollup import Filter, Overview, Rollup, overview, read_plans, summary_text
from ui.models.rollup import RollupFilesModel, RollupModel
from ui.operations import Operation, run_in_background
from ui.operations.file_export import offer_to_open
from ui.rollup.unit_dialog import UnitDialog
from ui.session import explain
from ui.settings import settings

#: The names of the window's operations in :func:`ui.operations.running`.
READING, EXPORTING = "rollup-read", "rollup-export"
#: Remembered per user: the folder last read, the folder the overview was last saved in.
FOLDER_KEY, EXPORT_FOLDER_KEY = "rollup/folder", "rollup/export_folder"
GEOMETRY_KEY, TITLES_KEY = "rollup/geometry", "rollup/titles"


class _Progress(QObject):
    """Carries the reader's progress from the pool thread to the GUI thread (queued)."""

    moved = Signal(int, int, str)


class RollupWindow(QMainWindow):
    """*Samlet overblik over flere planer*: choose a folder or files, read, filter, export."""

    def __init__(
        self,
        parent: QWidget | None = None,
        manager_plan: Callable[[], Plan | None] = lambda: None,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("rollupWindow")
        self.setWindowTitle(self.tr("Samlet overblik over flere planer"))
        self._manager_plan = manager_plan
        self._today = today
        self.rollup: Rollup | None = None
        self.view: Overview | None = None
        self.sources: list[Path] = []
        #: The sources of the picture shown (while a new folder is read, the old one stays).
        self.shown_sources: list[Path] = []
        self.reading: Operation[Rollup] | None = None
        self.exporting: Operation[Path] | None = None
        self._stop = threading.Event()
        self._progress = _Progress(self)
        self._progress.moved.connect(self._on_progress, Qt.ConnectionType.QueuedConnection)
        self._build()
        saved = settings().value(GEOMETRY_KEY)
        if saved is None or not self.restoreGeometry(saved):
            self.resize(1280, 720)
        self._show_state()
        app = QCoreApplication.instance()
        if app is not None:  # the program ending stops a reading after its file
            app.aboutToQuit.connect(self.stop)

    # --- building ------------------------------------------------------------------------

    def _build(self) -> None:
        central = QWidget(self)
        layout = QVBoxLayout(central)

        source_row = QHBoxLayout()
        self.source_label = QLabel(central)
        self.source_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.source_label.setWordWrap(True)
        self.source_label.setMinimumWidth(120)
        self.folder_button = QPushButton(self.tr("Vælg &mappe…"), central)
        self.files_button = QPushButton(self.tr("Vælg &filer…"), central)
        self.again_button = QPushButton(self.tr("Læs &igen"), central)
        source_row.addWidget(self.source_label, 1)
        source_row.addWidget(self.folder_button)
        source_row.addWidget(self.files_button)
        source_row.addWidget(self.again_button)
        layout.addLayout(source_row)

        self.reading_box = QWidget(central)
        reading_row = QHBoxLayout(self.reading_box)
        reading_row.setContentsMargins(0, 0, 0, 0)
        self.progress_bar = QProgressBar(self.reading_box)
        self.progress_bar.setFormat(self.tr("%v af %m filer"))
        self.progress_label = QLabel(self.reading_box)
        self.stop_button = QPushButton(self.tr("&Stop"), self.reading_box)
        reading_row.addWidget(self.progress_bar, 1)
        reading_row.addWidget(self.progress_label, 1)
        reading_row.addWidget(self.stop_button)
        layout.addWidget(self.reading_box)

        self.summary_label = QLabel(central)
        self.summary_label.setWordWrap(True)
        layout.addWidget(self.summary_label)

        self.model = RollupModel(self)
        filter_row = QHBoxLayout()
        self.year_combo = QComboBox(central)
        self.vision_combo = QComboBox(central)
        self.status_combo = QComboBox(central)
        for label, combo in (
            (self.tr("&År:"), self.year_combo),
            (self.tr("V&ision:"), self.vision_combo),
            (self.tr("S&tatus:"), self.status_combo),
        ):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(14)
            caption = QLabel(label, central)
            caption.setBuddy(combo)
            filter_row.addWidget(caption)
            filter_row.addWidget(combo)
        self.titles_check = QCheckBox(self.tr("Vis måltit&ler"), central)
        # Counts only, by default: 12 or 40 units fit on the screen; the titles in tooltips.
        self.titles_check.setChecked(settings().value(TITLES_KEY, "false") == "true")
        self.model.titles = self.titles_check.isChecked()
        filter_row.addWidget(self.titles_check)
        filter_row.addStretch(1)
        layout.addLayout(filter_row)

        self.tabs = QTabWidget(central)
        matrix_page = QWidget(self.tabs)
        matrix_layout = QVBoxLayout(matrix_page)
        self.table = QTableView(matrix_page)
        self.table.setAccessibleName(self.tr("Enheder og visioner"))
        self.table.setModel(self.model)
        self.table.setWordWrap(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft)
        self.table.setAlternatingRowColors(False)
        matrix_layout.addWidget(self.table, 1)
        self.gaps_label = QLabel(matrix_page)
        self.gaps_label.setWordWrap(True)
        matrix_layout.addWidget(self.gaps_label)
        self.tabs.addTab(matrix_page, self.tr("Enheder og visioner"))

        self.files_model = RollupFilesModel(self)
        self.files_table = QTableView(self.tabs)
        self.files_table.setModel(self.files_model)
        self.files_table.setWordWrap(True)
        self.files_table.verticalHeader().setVisible(False)
        self.files_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.files_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.tabs.addTab(self.files_table, self.tr("Filer"))
        self.tabs.currentChanged.connect(self._size_files)
        layout.addWidget(self.tabs, 1)

        action_row = QHBoxLayout()
        action_row.addStretch(1)
        self.open_button = QPushButton(self.tr("Åbn e&nhed…"), central)
        self.open_button.setToolTip(self.tr("Vis den valgte enheds plan (kan ikke redigeres her)"))
        self.export_button = QPushButton(self.tr("&Eksportér samlet overblik…"), central)
        action_row.addWidget(self.open_button)
        action_row.addWidget(self.export_button)
        layout.addLayout(action_row)
        self.setCentralWidget(central)

        self.folder_button.clicked.connect(self.choose_folder)
        self.files_button.clicked.connect(self.choose_files)
        self.again_button.clicked.connect(lambda: self.read(self.sources))
        self.stop_button.clicked.connect(self.stop)
        for combo in (self.year_combo, self.vision_combo, self.status_combo):
            combo.currentIndexChanged.connect(self.refresh)
        self.titles_check.toggled.connect(self._on_titles)
        self.open_button.clicked.connect(self.open_selected_unit)
        # Double-click or Enter on a unit's row.
        self.table.activated.connect(lambda index: self.open_unit_at(index.row()))
        self.export_button.clicked.connect(self.export)

    # --- reading -------------------------------------------------------------------------

    def remembered_folder(self) -> Path | None:
        value = settings().value(FOLDER_KEY)
        return Path(str(value)) if value else None

    def choose_folder(self) -> None:
        start = self.remembered_folder() or Path.home()
        name = QFileDialog.getExistingDirectory(
            self, self.tr("Vælg mappen med ledernes planer"), str(start)
        )
        if name:
            settings().setValue(FOLDER_KEY, name)
            self.read([Path(name)])

    def choose_files(self) -> None:
        start = self.remembered_folder() or Path.home()
        names, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Vælg ledernes planer"),
            str(start),
            self.tr("Udviklingsplaner (*.xlsx *.json)"),
        )
        if names:
            self.read([Path(n) for n in names])

    def read(self, sources: list[Path]) -> Operation[Rollup] | None:
        """Read ``sources`` (files and folders) in the background; the old picture stays
        until the new one is ready."""
        if not sources or self.reading is not None:
            return None
        self.sources = list(sources)
        self._stop = threading.Event()
        stop, progress = self._stop, self._progress
        today = self._today()
        self.progress_bar.setRange(0, 0)  # busy until the files are counted
        self.progress_label.setText(self.tr("Finder filerne …"))

        def work() -> Rollup:
            return read_plans(
                sources, today=today, progress=progress.moved.emit, should_stop=stop.is_set
            )

        read_sources = list(sources)

        def read(rollup: Rollup) -> None:
            self.shown_sources = read_sources
            self._on_read(rollup)

        self.reading = run_in_background(
            self, work, on_success=read, on_failure=self._on_read_failed, name=READING
        )
        self._show_state()
        return self.reading

    def stop(self) -> None:
        """*Stop*: the file being read is finished, the rest are left unread."""
        self._stop.set()
        if self.reading is None:
            return
        self.stop_button.setEnabled(False)
        self.progress_label.setText(self.tr("Stopper …"))

    def _on_progress(self, done: int, total: int, name: str) -> None:
        if self.reading is None:
            return
        self.progress_bar.setRange(0, total)
        self.progress_bar.setValue(done)
        if not self._stop.is_set():
            self.progress_label.setText(self.tr("Læst: %1").replace("%1", name))

    def _on_read(self, rollup: Rollup) -> None:
        self.reading = None
        self.rollup = rollup
        self._fill_filters()
        self.files_model.set_rollup(rollup)
        self._size_files()
        self.tabs.setTabText(
            1, self.tr("Filer (%1)").replace("%1", str(len(self.files_model.lines)))
        )
        self.refresh()
        self._show_state()

    def _on_read_failed(self, error: Exception) -> None:
        self.reading = None
        self._show_state()
        QMessageBox.warning(self, self.tr("Planerne kan ikke læses"), explain(error))

    # --- showing -------------------------------------------------------------------------

    def _fill_filters(self) -> None:
        assert self.rollup is not None
        whole = overview(self.rollup, manager_plan=self._manager_plan())
        chosen = (
            self.year_combo.currentData(),
            self.vision_combo.currentData(),
            self.status_combo.currentData(),
        )
        combos = (self.year_combo, self.vision_combo, self.status_combo)
        for combo in combos:
            combo.blockSignals(True)
            combo.clear()
        self.year_combo.addItem(self.tr("Hele cyklussen"), None)
        for year in whole.years:
            self.year_combo.addItem(str(year), year)
        self.vision_combo.addItem(self.tr("Alle visioner"), None)
        for column in whole.columns:
            self.vision_combo.addItem(column.label, column.id)
        self.status_combo.addItem(self.tr("Alle statusser"), None)
        for status in Status:
            self.status_combo.addItem(status.label, status.value)
        for combo, value in zip(combos, chosen, strict=True):
            index = combo.findData(value) if value is not None else 0
            combo.setCurrentIndex(max(index, 0))
            combo.blockSignals(False)

    def current_filter(self) -> Filter:
        status = self.status_combo.currentData()
        return Filter(
            year=self.year_combo.currentData(),
            vision=self.vision_combo.currentData(),
            status=Status(status) if status else None,
        )

    def refresh(self, *_: object) -> None:
        """Work the overview out again for the filters chosen (and the manager's plan now)."""
        if self.rollup is None:
            self.view = None
            self.model.set_overview(None)
            return
        self.view = overview(self.rollup, self.current_filter(), manager_plan=self._manager_plan())
        self.model.set_overview(self.view)
        self._size_table()
        self._show_gaps()
        self._show_state()

    def refresh_if_shown(self, *_: object) -> None:
        if self.isVisible():
            self.refresh()

    def _on_titles(self, titles: bool) -> None:
        settings().setValue(TITLES_KEY, "true" if titles else "false")
        self.model.show_titles(titles)
        self._size_table()

    def _size_table(self) -> None:
        header = self.table.horizontalHeader()
        widths = {
            "Arbejdsplads": 190,
            "Leder": 120,
            "Niveau": 50,
            "Status": 190,
            "Dialoger": 150,
            "Mangler vision": 90,
            "Eksporteret": 85,
            "Cyklus": 80,
            "Bemærkninger": 260,
        }
        vision_width = 230 if self.model.titles else 150
        for column in range(self.model.columnCount()):
            name = self.model.column_name(column)
            header.resizeSection(column, widths.get(name or "", vision_width))
        self.table.resizeRowsToContents()

    def _size_files(self, *_: object) -> None:
        """Rows as high as their reason (once the table has its width)."""
        if self.files_table.isVisible():
            self.files_table.resizeRowsToContents()

    def _show_gaps(self) -> None:
        view = self.view
        assert view is not None
        lines = []
        if view.rows and view.uncovered:
            names = ", ".join(view.column(v).label for v in view.uncovered)
            lines.append(
                self.tr("<b>Visioner uden mål hos nogen enhed:</b> %1").replace("%1", names)
            )
        elif view.rows:
            lines.append(self.tr("Alle visioner har mål hos mindst én enhed."))
        missing = sum(1 for row in view.rows if row.missing)
        if missing:
            lines.append(
                self.tr(
                    "%1 af %2 enheder mangler mål i mindst én vision (se kolonnen »Mangler vision«)."
                )
                .replace("%1", str(missing))
                .replace("%2", str(len(view.rows)))
            )
        marked = sum(1 for row in view.rows if row.marks)
        if marked:
            lines.append(
                self.tr("%1 planer har en bemærkning (gammel eksport eller anden cyklus).").replace(
                    "%1", str(marked)
                )
            )
        self.gaps_label.setText("<br>".join(lines))

    def _show_state(self) -> None:
        reading = self.reading is not None
        self.reading_box.setVisible(reading)
        self.stop_button.setEnabled(reading and not self._stop.is_set())
        for button in (self.folder_button, self.files_button):
            button.setEnabled(not reading)
        self.again_button.setEnabled(not reading and bool(self.sources))
        has_units = self.rollup is not None and bool(self.rollup.units)
        self.open_button.setEnabled(has_units)
        self.export_button.setEnabled(self.rollup is not None and self.exporting is None)
        for combo in (self.year_combo, self.vision_combo, self.status_combo):
            combo.setEnabled(has_units)
        if self.rollup is not None and self.shown_sources != self.sources:
            # The picture is still the one read before: say so, beside what is read now.
            self.source_label.setText(
                self.tr("Viser planer fra: %1 – læser nu: %2")
                .replace("%1", self._sources_text(self.shown_sources))
                .replace("%2", self._sources_text(self.sources))
                if reading
                else self.tr("Planer fra: %1").replace("%1", self._sources_text(self.shown_sources))
            )
        elif self.sources:
            self.source_label.setText(
                self.tr("Planer fra: %1").replace("%1", self._sources_text(self.sources))
            )
        else:
            self.source_label.setText(
                self.tr(
                    "Vælg mappen, hvor du har gemt ledernes planer (Excel-filer fra programmet "
                    "eller overdragelsesfiler), eller vælg filerne én for én."
                )
            )
        if self.rollup is None:
            self.summary_label.setText("")
            return
        text = summary_text(self.rollup)
        if self.rollup.stopped:
            text += self.tr(
                " Overblikket viser kun de planer, der nåede at blive læst – vælg »Læs igen« "
                "for at læse dem alle."
            )
        elif not self.files_model.lines:
            text = self.tr(
                "Der er ingen Excel-projektmapper (.xlsx) eller overdragelsesfiler (.json) her. "
                "Planer i undermapper læses ikke."
            )
        elif not self.rollup.units:
            text += self.tr(" Ingen plan kunne læses; se fanen »Filer« for årsagen.")
        self.summary_label.setText(text)

    def _sources_text(self, sources: list[Path]) -> str:
        shown = "; ".join(str(p) for p in sources[:3])
        if len(sources) > 3:
            shown += self.tr(" og %1 filer mere").replace("%1", str(len(sources) - 3))
        return shown

    # --- a unit, the export ----------------------------------------------------------------

    def open_selected_unit(self) -> UnitDialog | None:
        rows = self.table.selectionModel().selectedRows()
        row = rows[0].row() if rows else (1 if self.model.has_manager else 0)
        return self.open_unit_at(row)

    def open_unit_at(self, row: int) -> UnitDialog | None:
        """The unit in ``row``, read-only (nothing for the manager's own plan's row)."""
        unit = self.model.unit_at(row)
        if unit is None:
            return None
        dialog = UnitDialog(unit, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def export(self) -> Operation[Path] | None:
        """*Eksportér samlet overblik…*: the combined workbook, written off the GUI thread."""
        rollup = self.rollup
        if rollup is None or self.exporting is not None:
            return None
        from udviklingsplan_app.exchange.rollup_excel import (
            default_file_name,
            write_rollup_workbook,
        )

        today = self._today()
        folder = settings().value(EXPORT_FOLDER_KEY) or str(Path.home())
        name, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Eksportér samlet overblik"),
            str(Path(str(folder)) / default_file_name(today)),
            self.tr("Excel-projektmappe (*.xlsx)"),
        )
        if not name:
            return None
        target = Path(name)
        if target.suffix.lower() != ".xlsx":
            target = target.with_name(target.name + ".xlsx")
        settings().setValue(EXPORT_FOLDER_KEY, str(target.parent))
        flt = self.current_filter()
        mine = self._manager_plan()
        mine = copy.deepcopy(mine) if mine is not None else None  # the worker's own copy

        def write() -> Path:
            return write_rollup_workbook(rollup, target, today=today, flt=flt, manager_plan=mine)

        def done(path: Path) -> None:
            self.exporting = None
            self._show_state()
            self.statusBar().showMessage(
                self.tr("Det samlede overblik er gemt som %1").replace("%1", str(path)), 8000
            )
            offer_to_open(
                self,  # type: ignore[arg-type]
                path,
                self.tr("Det samlede overblik er gemt som Excel-fil:\n%1").replace("%1", str(path)),
            )

        def failed(error: Exception) -> None:
            self.exporting = None
            self._show_state()
            QMessageBox.warning(
                self, self.tr("Det samlede overblik kan ikke gemmes"), explain(error)
            )

        self.exporting = run_in_background(
            self,
            write,
            on_success=done,
            on_failure=failed,
            busy=self.tr("Skriver det samlede overblik …"),
            title=self.tr("Eksportér samlet overblik"),
            name=EXPORTING,
        )
        self._show_state()
        return self.exporting

    def closeEvent(self, event: QCloseEvent) -> None:
        self._stop.set()  # a reading still running stops after its file
        settings().setValue(GEOMETRY_KEY, self.saveGeometry())
        super().closeEvent(event)
