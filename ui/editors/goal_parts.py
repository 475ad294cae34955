"""A goal's parts: actions, indicators with measurements, and who was involved.

Three tables edited in place (delegates for dates and parties); every change is one undoable
edit through :meth:`PlanSession.apply`. The goal editor calls :meth:`GoalPartsEditor.set_goal`
after every change; the tables then update cell by cell, so the selection and a cell being
edited survive, and database ids are always taken from the goal just passed in (undo and redo
give every row a new id).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QEvent,
    QObject,
    Qt,
    QTimer,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from udviklingsplan_app import services
from udviklingsplan_app.domain import (
    REQUIRED_PARTIES,
    Action,
    Goal,
    Indicator,
    Involvement,
    Measurement,
    Party,
)
from udviklingsplan_app.formatting import parse_number
from ui.models.goal_parts import (
    ActionsModel,
    IndicatorsModel,
    InvolvementModel,
    MeasurementsModel,
    PartsModel,
    shortened,
)
from ui.session import PlanSession
from ui.widgets.autosave import plain
from ui.widgets.date_edit import DateDelegate, DateEdit
from ui.widgets.delegates import NumberDelegate, PartyDelegate, TextDelegate
from ui.widgets.pending_entry import PendingEntry
from ui.widgets.trend_chart import TrendChart

# --- the editor ----------------------------------------------------------------------------


class _ColumnFitter(QObject):
    """Column widths that follow the table: some columns fit their contents (``None``) or get
    a set width; the others share what is left by weight, never narrower than a readable
    minimum (the table scrolls sideways then). ``shared`` maps a column to (minimum, weight)."""

    def __init__(
        self,
        view: QTableView,
        widths: dict[int, int | None],
        shared: dict[int, tuple[int, float]],
    ) -> None:
        super().__init__(view)
        self.view, self.widths, self.shared = view, widths, shared
        view.horizontalHeader().setStretchLastSection(False)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.fit)
        view.viewport().installEventFilter(self)
        model = view.model()
        for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved, model.dataChanged):
            signal.connect(lambda *_: self._timer.start())
        self._timer.start()

    def fit(self) -> None:
        header = self.view.horizontalHeader()
        used = 0
        for column, width in self.widths.items():
            if width is None:
                width = max(self.view.sizeHintForColumn(column), header.sectionSizeHint(column))
            header.resizeSection(column, width)
            used += width
        free = self.view.viewport().width() - used
        total = sum(weight for _, weight in self.shared.values())
        for column, (minimum, weight) in self.shared.items():
            header.resizeSection(column, max(minimum, int(free * weight / total)))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self._timer.start()
        return False


class GoalPartsEditor(QWidget):
    """Edits the parts of one goal; :meth:`set_goal` shows the goal (or nothing)."""

    def __init__(self, session: PlanSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.goal: Goal | None = None
        self._measured_row: int | None = None  # the indicator whose measurements are shown
        self._build_view()
        self._connect_callbacks()
        self.set_goal(None)

    # --- layout ----------------------------------------------------------------------------

    def _table(self, model: PartsModel, name: str, parent: QWidget) -> QTableView:
        view = QTableView(parent)
        view.setModel(model)
        view.setAccessibleName(name)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.SelectedClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        view.setTabKeyNavigation(False)  # Tab leaves the table; the arrow keys move in it
        view.setWordWrap(True)
        view.setAlternatingRowColors(True)
        view.verticalHeader().hide()
        view.setItemDelegate(TextDelegate(view))
        # Wrapped text needs row heights that follow the column widths; fitted once per turn
        # of the event loop, however many sections were resized.
        fitter = QTimer(view)
        fitter.setSingleShot(True)
        fitter.setInterval(0)
        fitter.timeout.connect(view.resizeRowsToContents)
        view.horizontalHeader().sectionResized.connect(lambda *_: fitter.start())
        for signal in (model.modelReset, model.rowsInserted, model.dataChanged):
            signal.connect(lambda *_: fitter.start())
        return view

    def _hint(self, text: str, parent: QWidget) -> QLabel:
        label = QLabel(text, parent)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        return label

    def _build_view(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName(self.tr("Målets dele"))
        layout.addWidget(self.tabs)

        self._fitters: list[_ColumnFitter] = []
        char = self.fontMetrics().averageCharWidth()
        self.tabs.addTab(self._build_actions(char), "")
        self.tabs.addTab(self._build_indicators(char), "")
        self.tabs.addTab(self._build_involvement(char), "")

        QWidget.setTabOrder(self.indicators_view, self.add_indicator_button)
        QWidget.setTabOrder(self.add_indicator_button, self.delete_indicator_button)
        QWidget.setTabOrder(self.delete_indicator_button, self.measurements_view)
        QWidget.setTabOrder(self.measurements_view, self.measurement_date)
        QWidget.setTabOrder(self.measurement_date, self.measurement_value)
        QWidget.setTabOrder(self.measurement_value, self.add_measurement_button)
        QWidget.setTabOrder(self.add_measurement_button, self.delete_measurement_button)

    def _build_actions(self, char: int) -> QWidget:
        """The tab Handlinger: the actions, who and by when, done or not."""
        page = QWidget(self.tabs)
        box = QVBoxLayout(page)
        box.addWidget(
            self._hint(
                self.tr(
                    "Hvad gør I for at nå målet, hvem står for det, og hvornår? Dobbeltklik "
                    "eller tryk F2 for at rette en celle; sæt flueben, når en handling er udført."
                ),
                page,
            )
        )
        self.actions_model = ActionsModel(
            self._commit_action, self._refuse, self, settle=self._settle
        )
        self.actions_view = self._table(self.actions_model, self.tr("Handlinger"), page)
        self.actions_view.setItemDelegateForColumn(
            ActionsModel.DEADLINE,
            DateDelegate(self.actions_view, refuse=self._refuse, settle=self._settle),
        )
        self._fitters.append(
            _ColumnFitter(
                self.actions_view,
                {ActionsModel.DEADLINE: None, ActionsModel.DONE: None},
                {ActionsModel.TEXT: (char * 14, 3), ActionsModel.RESPONSIBLE: (char * 12, 1)},
            )
        )
        box.addWidget(self.actions_view, 1)
        self.add_action_button = QPushButton(self.tr("Tilfø&j handling"), page)
        self.delete_action_button = QPushButton(self.tr("S&let handling"), page)
        self.delete_action_button.setToolTip(
            self.tr(
                "Sletter den valgte handling. Du kan fortryde det med Rediger ▸ Fortryd (Ctrl+Z)."
            )
        )
        box.addLayout(self._buttons(self.add_action_button, self.delete_action_button))
        return page

    def _build_indicators(self, char: int) -> QWidget:
        """The tab Indikatorer, with the chosen indicator's measurements and their trend."""
        page = QWidget(self.tabs)
        box = QVBoxLayout(page)
        box.addWidget(
            self._hint(
                self.tr(
                    "Hvordan kan I se, at I nærmer jer målet? Angiv udgangspunkt og mål, og "
                    "tilføj målinger undervejs – dobbeltklik på en måling for at rette den. "
                    "Tal skrives med komma, fx 12,5."
                ),
                page,
            )
        )
        self.indicators_model = IndicatorsModel(
            self._commit_indicator, self._refuse, self, settle=self._settle
        )
        self.indicators_view = self._table(self.indicators_model, self.tr("Indikatorer"), page)
        numbers = (IndicatorsModel.UNIT, IndicatorsModel.BASELINE, IndicatorsModel.TARGET)
        self._fitters.append(
            _ColumnFitter(
                self.indicators_view,
                {column: None for column in (*numbers, IndicatorsModel.LATEST)},
                {IndicatorsModel.NAME: (char * 14, 1)},
            )
        )
        box.addWidget(self.indicators_view, 1)
        self.add_indicator_button = QPushButton(self.tr("Tilføj &indikator"), page)
        self.delete_indicator_button = QPushButton(self.tr("S&let indikator"), page)
        self.delete_indicator_button.setToolTip(
            self.tr(
                "Sletter den valgte indikator med dens målinger. Du kan fortryde det med "
                "Rediger ▸ Fortryd (Ctrl+Z)."
            )
        )
        box.addLayout(self._buttons(self.add_indicator_button, self.delete_indicator_button))

        box.addWidget(self._build_measurements(page), 3)
        return page

    def _build_measurements(self, page: QWidget) -> QGroupBox:
        """The chosen indicator's measurements, a line to add one, and the trend chart."""
        self.measurements_box = QGroupBox(self.tr("Målinger"), page)
        # The chart sits under the measurements: the goal editor is a narrow column.
        self._measured = measured = QBoxLayout(
            QBoxLayout.Direction.TopToBottom, self.measurements_box
        )
        left = QVBoxLayout()
        self.measurements_model = MeasurementsModel(
            self._commit_measurement, self._refuse, self, settle=self._settle
        )
        self.measurements_view = self._table(
            self.measurements_model, self.tr("Målinger"), self.measurements_box
        )
        self.measurements_view.setItemDelegateForColumn(
            MeasurementsModel.DATE,
            DateDelegate(
                self.measurements_view,
                optional=False,
                refuse=self._refuse,
                settle=self._settle,
            ),
        )
        self.measurements_view.setItemDelegateForColumn(
            MeasurementsModel.VALUE, NumberDelegate(self.measurements_view)
        )
        self.measurements_view.setAlternatingRowColors(False)
        self._fitters.append(
            _ColumnFitter(
                self.measurements_view,
                {MeasurementsModel.VALUE: None},
                {
                    MeasurementsModel.DATE: (
                        self.fontMetrics().horizontalAdvance("30. september 2026"),
                        1,
                    )
                },
            )
        )
        left.addWidget(self.measurements_view, 1)
        entry = QGridLayout()
        date_label = QLabel(self.tr("Dat&o:"), self.measurements_box)
        self.measurement_date = DateEdit(self.measurements_box, optional=False)
        self.measurement_date.set_value(dt.date.today())
        self.measurement_date.refused.connect(self._refuse)
        self.measurement_date.withdrawn.connect(self._settle)
        self.measurement_date.setAccessibleName(self.tr("Målingens dato"))
        date_label.setBuddy(self.measurement_date)
        value_label = QLabel(self.tr("V&ærdi:"), self.measurements_box)
        self.measurement_value = QLineEdit(self.measurements_box)
        self._value_refusal = ""  # why the typed value was refused, until it is fixed
        self.measurement_value.setPlaceholderText(self.tr("fx 12,5"))
        self.measurement_value.setAccessibleName(self.tr("Målingens værdi"))
        value_label.setBuddy(self.measurement_value)
        entry.addWidget(date_label, 0, 0)
        entry.addWidget(self.measurement_date, 0, 1)
        entry.addWidget(value_label, 1, 0)
        entry.addWidget(self.measurement_value, 1, 1)
        entry.setColumnStretch(1, 1)
        left.addLayout(entry)
        self.add_measurement_button = QPushButton(self.tr("Tilfø&j måling"), self.measurements_box)
        self.delete_measurement_button = QPushButton(self.tr("Slet måling"), self.measurements_box)
        self.delete_measurement_button.setToolTip(
            self.tr(
                "Sletter den valgte måling. Du kan fortryde det med Rediger ▸ Fortryd (Ctrl+Z)."
            )
        )
        left.addLayout(
            self._buttons(
                self.add_measurement_button, self.delete_measurement_button, stretch=False
            )
        )
        measured.addLayout(left, 2)
        self.chart = TrendChart(self.measurements_box)
        measured.addWidget(self.chart, 3)
        return self.measurements_box

    def _build_involvement(self, char: int) -> QWidget:
        """The tab Inddragelse: who was involved, how, and what came of it."""
        page = QWidget(self.tabs)
        box = QVBoxLayout(page)
        box.addWidget(
            self._hint(
                self.tr(
                    "Hvem har I inddraget – din leder, ledelsesteamet, MED-udvalget og "
                    "medarbejderne – hvordan, og hvad kom der ud af det?"
                ),
                page,
            )
        )
        self.involvement_model = InvolvementModel(
            self._commit_involvement, self._refuse, self, settle=self._settle
        )
        self.involvement_view = self._table(self.involvement_model, self.tr("Inddragelse"), page)
        self.involvement_view.setItemDelegateForColumn(
            InvolvementModel.PARTY, PartyDelegate(self.involvement_view)
        )
        self.involvement_view.setItemDelegateForColumn(
            InvolvementModel.DATE,
            DateDelegate(self.involvement_view, refuse=self._refuse, settle=self._settle),
        )
        self._fitters.append(
            _ColumnFitter(
                self.involvement_view,
                {InvolvementModel.PARTY: None, InvolvementModel.DATE: None},
                {InvolvementModel.FORM: (char * 9, 2), InvolvementModel.OUTCOME: (char * 12, 3)},
            )
        )
        box.addWidget(self.involvement_view, 1)
        self.add_involvement_button = QPushButton(self.tr("Tilfø&j inddragelse"), page)
        self.delete_involvement_button = QPushButton(self.tr("S&let inddragelse"), page)
        self.delete_involvement_button.setToolTip(
            self.tr(
                "Sletter den valgte inddragelse. Du kan fortryde det med Rediger ▸ Fortryd (Ctrl+Z)."
            )
        )
        box.addLayout(self._buttons(self.add_involvement_button, self.delete_involvement_button))
        return page

    def _buttons(self, *buttons: QPushButton, stretch: bool = True) -> QHBoxLayout:
        row = QHBoxLayout()
        for button in buttons:
            row.addWidget(button)
        if stretch:
            row.addStretch(1)
        return row

    def _connect_callbacks(self) -> None:
        self.add_action_button.clicked.connect(self._on_add_action)
        self.delete_action_button.clicked.connect(self._on_delete_action)
        self.add_indicator_button.clicked.connect(self._on_add_indicator)
        self.delete_indicator_button.clicked.connect(self._on_delete_indicator)
        self.add_measurement_button.clicked.connect(self._on_add_measurement)
        self.measurement_value.returnPressed.connect(self._on_add_measurement)
        # A typed value is stored as a measurement when the leader leaves it, as if Tilføj
        # måling was pressed (another goal, page or indicator, undo, closing the window).
        self.measurement_entry = PendingEntry(
            self.session, self.measurements_box, [self.measurement_value], self._store_measurement
        )
        self.delete_measurement_button.clicked.connect(self._on_delete_measurement)
        self.add_involvement_button.clicked.connect(self._on_add_involvement)
        self.delete_involvement_button.clicked.connect(self._on_delete_involvement)
        self.indicators_view.selectionModel().currentRowChanged.connect(
            lambda *_: self._show_measurements()
        )
        for view in (
            self.actions_view,
            self.indicators_view,
            self.measurements_view,
            self.involvement_view,
        ):
            view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())

    # --- showing the goal ------------------------------------------------------------------

    def set_goal(self, goal: Goal | None) -> None:
        """Show ``goal`` (the current object from ``session.plan``), or nothing."""
        switched = (goal.uid if goal else None) != (self.goal.uid if self.goal else None)
        self.goal = goal
        self.tabs.setEnabled(goal is not None)
        parts = (
            (self.actions_model, goal.actions if goal else []),
            (self.indicators_model, goal.indicators if goal else []),
            (self.involvement_model, goal.involvement if goal else []),
        )
        for model, rows in parts:
            if switched:
                model.reset_rows(rows)
            else:
                model.set_rows(rows)
        if switched:
            self._measured_row = None
            if self.indicators_model.rowCount():
                self.indicators_view.setCurrentIndex(self.indicators_model.index(0, 0))
        self.tabs.setTabText(
            0, self.tr("Handlinger (%1)").replace("%1", str(self.actions_model.rowCount()))
        )
        self.tabs.setTabText(
            1, self.tr("Indikatorer (%1)").replace("%1", str(self.indicators_model.rowCount()))
        )
        self.tabs.setTabText(
            2, self.tr("Inddragelse (%1)").replace("%1", str(self.involvement_model.rowCount()))
        )
        self._show_measurements()

    def current_indicator(self) -> Indicator | None:
        """The indicator chosen in the table, as last loaded (its id is current)."""
        row = self.indicators_view.currentIndex().row()
        if 0 <= row < self.indicators_model.rowCount():
            return self.indicators_model.row(row)  # type: ignore[no-any-return]
        return None

    def _show_measurements(self) -> None:
        indicator = self.current_indicator()
        row = self.indicators_view.currentIndex().row() if indicator else None
        rows = indicator.measurements if indicator else []
        if row != self._measured_row:
            self.measurements_model.reset_rows(rows)
            self.measurement_date.set_value(dt.date.today())  # another indicator: today
        else:
            self.measurements_model.set_rows(rows)
        self._measured_row = row
        self.chart.set_indicator(indicator)
        self.chart.setVisible(indicator is not None)  # no big empty box without indicators
        if indicator is None:
            self.measurements_box.setTitle(self.tr("Målinger"))
        else:
            self.measurements_box.setTitle(
                self.tr("Målinger for »%1«").replace("%1", shortened(plain(indicator.name)))
            )
        for widget in (self.measurement_date, self.measurement_value):
            widget.setEnabled(indicator is not None)
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.delete_action_button.setEnabled(self._selected_row(self.actions_view) is not None)
        self.delete_indicator_button.setEnabled(
            self._selected_row(self.indicators_view) is not None
        )
        self.add_measurement_button.setEnabled(self.current_indicator() is not None)
        self.delete_measurement_button.setEnabled(
            self._selected_row(self.measurements_view) is not None
        )
        self.delete_involvement_button.setEnabled(
            self._selected_row(self.involvement_view) is not None
        )

    @staticmethod
    def _selected_row(view: QTableView) -> int | None:
        rows = view.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    # --- editing ---------------------------------------------------------------------------

    def _refuse(self, message: str) -> None:
        self.session.failed.emit(message)

    def _settle(self, message: str) -> None:
        self.session.settled.emit(message)

    def _apply(
        self, undo_text: str, change: Callable[..., Any], /, *args: Any, **kwargs: Any
    ) -> bool:
        """One undoable edit; shows the reloaded goal. False when it was refused."""
        if self.session.plan is None or self.goal is None:
            return False
        uid = self.goal.uid
        refused: list[str] = []

        def note(message: str) -> None:
            refused.append(message)

        self.session.failed.connect(note)
        try:
            # Bound first: a change such as text="…" must not meet apply's own parameters.
            self.session.apply(undo_text, functools.partial(change, *args, **kwargs))
        finally:
            self.session.failed.disconnect(note)
        # The goal editor shows the reloaded goal too; showing it here as well is harmless
        # (nothing differs) and keeps this editor right when it stands on its own.
        self.set_goal(self.session.goal(uid))
        return not refused

    def _commit_action(self, action: Action, changes: dict[str, Any]) -> bool:
        text = self.tr("ændret handling")
        if set(changes) == {"done"}:
            text = (
                self.tr("handling markeret som udført")
                if changes["done"]
                else self.tr("handling markeret som ikke udført")
            )
        return self._apply(text, services.update_action, action.id, **changes)

    def _commit_indicator(self, indicator: Indicator, changes: dict[str, Any]) -> bool:
        return self._apply(
            self.tr("ændret indikator"), services.update_indicator, indicator.id, **changes
        )

    def _commit_measurement(self, measurement: Measurement, changes: dict[str, Any]) -> bool:
        done = self._apply(
            self.tr("ændret måling"), services.update_measurement, measurement.id, **changes
        )
        if done and "date" in changes:
            # A new date moves the measurement into date order: it stays chosen there.
            model = self.measurements_model
            row = next(
                (r for r in range(model.rowCount()) if model.row(r).id == measurement.id), None
            )
            if row is not None:
                self.measurements_view.setCurrentIndex(model.index(row, MeasurementsModel.DATE))
        return done

    def _commit_involvement(self, entry: Involvement, changes: dict[str, Any]) -> bool:
        return self._apply(
            self.tr("ændret inddragelse"), services.update_involvement, entry.id, **changes
        )

    def _edit_last(self, view: QTableView, column: int) -> None:
        """Select the row just added and start editing it."""
        model = view.model()
        index = model.index(model.rowCount() - 1, column)
        view.setCurrentIndex(index)
        view.scrollTo(index)
        view.setFocus()
        view.edit(index)

    def _select_near(self, view: QTableView, row: int) -> None:
        """After a delete: select the row that took the deleted row's place."""
        model = view.model()
        if model.rowCount():
            view.setCurrentIndex(model.index(min(row, model.rowCount() - 1), 0))
        self._update_buttons()

    def _on_add_action(self) -> None:
        if self.goal is None:
            return
        if self._apply(
            self.tr("ny handling"), services.add_action, self.goal.id, self.tr("Ny handling")
        ):
            self._edit_last(self.actions_view, ActionsModel.TEXT)

    def _on_delete_action(self) -> None:
        row = self._selected_row(self.actions_view)
        if row is None:
            return
        action = self.actions_model.row(row)
        if self._apply(self.tr("slettet handling"), services.delete_action, action.id):
            self._select_near(self.actions_view, row)

    def _on_add_indicator(self) -> None:
        if self.goal is None:
            return
        if self._apply(
            self.tr("ny indikator"),
            services.add_indicator,
            self.goal.id,
            self.tr("Ny indikator"),
        ):
            self._edit_last(self.indicators_view, IndicatorsModel.NAME)

    def _on_delete_indicator(self) -> None:
        row = self._selected_row(self.indicators_view)
        if row is None:
            return
        indicator = self.indicators_model.row(row)
        if self._apply(self.tr("slettet indikator"), services.delete_indicator, indicator.id):
            self._select_near(self.indicators_view, row)

    def _store_measurement(self) -> bool:
        """Add the typed value as a measurement (nothing typed: nothing to do); False if refused."""
        if not self.measurement_value.text().strip():
            return True
        self._on_add_measurement(keep_focus=False)
        return not self.measurement_value.text().strip()

    def _on_add_measurement(self, *_: object, keep_focus: bool = True) -> None:
        self.measurement_entry.forget()
        indicator = self.current_indicator()
        if indicator is None:
            return
        text = self.measurement_value.text()
        try:
            value = parse_number(text)
        except ValueError:
            value = None
        if value is None:
            self._value_refusal = (
                self.tr("Skriv målingens værdi som et tal, fx 12,5.")
                if not text.strip()
                else self.tr("»%1« er ikke et tal. Skriv målingens værdi som fx 12,5.").replace(
                    "%1", text.strip()
                )
            )
            self._refuse(self._value_refusal)
            if keep_focus:
                self.measurement_value.setFocus()
            return
        if self._value_refusal:  # the number is fixed: its refusal is no news now
            message, self._value_refusal = self._value_refusal, ""
            self._settle(message)
        if not self.measurement_date.commit():
            self.measurement_date.setFocus()
            return
        date = self.measurement_date.value()
        if self._apply(self.tr("ny måling"), services.add_measurement, indicator.id, date, value):
            self.measurement_value.clear()
            # The next measurement is most likely today's, not a copy of this one's date.
            self.measurement_date.set_value(dt.date.today())
            if keep_focus:
                self.measurement_value.setFocus()

    def _on_delete_measurement(self) -> None:
        row = self._selected_row(self.measurements_view)
        if row is None:
            return
        measurement = self.measurements_model.row(row)
        if self._apply(self.tr("slettet måling"), services.delete_measurement, measurement.id):
            self._select_near(self.measurements_view, row)

    def _on_add_involvement(self) -> None:
        if self.goal is None:
            return
        # Suggest the first party the strategy asks for that is not yet involved.
        involved = {entry.party for entry in self.goal.involvement}
        party = next((p for p in REQUIRED_PARTIES if p not in involved), Party.MEDARBEJDERE)
        if self._apply(self.tr("ny inddragelse"), services.add_involvement, self.goal.id, party):
            self._edit_last(self.involvement_view, InvolvementModel.FORM)

    def _on_delete_involvement(self) -> None:
        row = self._selected_row(self.involvement_view)
        if row is None:
            return
        entry = self.involvement_model.row(row)
        if self._apply(self.tr("slettet inddragelse"), services.delete_involvement, entry.id):
            self._select_near(self.involvement_view, row)
