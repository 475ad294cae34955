"""Planens oplysninger: who the plan is for, its framework and its years; deleting it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from udviklingsplan_app import services
from udviklingsplan_app.domain import (
    MAX_CYCLE_YEARS,
    MAX_LEVEL,
    MAX_YEAR,
    MIN_CYCLE_YEARS,
    MIN_LEVEL,
    MIN_YEAR,
)
from udviklingsplan_app.formatting import years_label
from udviklingsplan_app.guidance import Concern
from ui.editors.plan_details import SPIN_FIELDS, TEXT_FIELDS, PlanDetailsFields
from ui.pages.base import Page
from ui.session import PlanSession, explain
from ui.widgets.email_field import manager_email_field
from ui.widgets.labels import muted_label


class DetailsPage(Page):
    """The plan's own details, stored as they are typed; the cycle; deleting the plan."""

    def __init__(self, session: PlanSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self._build_view()
        self._connect_callbacks()

    def _build_view(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        content = QWidget(scroll)
        layout = QVBoxLayout(content)

        self.workplace = QLineEdit(content)
        self.workplace.setPlaceholderText(self.tr("fx Den Sociale Hjemmepleje, Område Nord"))
        self.leader_name = QLineEdit(content)
        self.leader_title = QLineEdit(content)
        self.leader_title.setPlaceholderText(self.tr("fx Afdelingsleder"))
        self.level = QSpinBox(content)
        self.level.setRange(MIN_LEVEL, MAX_LEVEL)
        self.level.setToolTip(self.tr("Ledelsesniveau 1–4 i Socialforvaltningen"))
        self.manager_name = QLineEdit(content)
        self.manager_title = QLineEdit(content)
        self.manager_title.setPlaceholderText(self.tr("fx Centerchef"))
        self.manager_email = manager_email_field(content)
        self.first_year = QSpinBox(content)
        self.first_year.setRange(MIN_YEAR, MAX_YEAR)
        self.years = QSpinBox(content)
        self.years.setRange(MIN_CYCLE_YEARS, MAX_CYCLE_YEARS)
        self.years.setSuffix(self.tr(" år"))
        for spin in (self.level, self.first_year, self.years):
            spin.setKeyboardTracking(False)  # "2027" is stored once, not as 2, 20, 202 …
        self.cycle = QLabel(content)
        self.framework_title = QLabel(content)
        self.framework_title.setTextFormat(Qt.TextFormat.PlainText)
        self.framework_title.setWordWrap(True)
        bold = self.framework_title.font()
        bold.setBold(True)
        self.framework_title.setFont(bold)
        self.framework_description = muted_label("", content)
        self.framework_note = muted_label(
            self.tr(
                "En plan følger den strategiramme, den blev oprettet med. Begynd en ny plan "
                "(Filer ▸ Ny plan), hvis den næste cyklus skal følge en anden ramme."
            ),
            content,
        )

        who = QGroupBox(self.tr("Arbejdspladsen og lederen"), content)
        who_form = QFormLayout(who)
        self._row(who_form, self.tr("&Arbejdsplads:"), self.workplace)
        self._row(who_form, self.tr("Dit &navn:"), self.leader_name)
        self._row(who_form, self.tr("Din &titel:"), self.leader_title)
        self._row(who_form, self.tr("&Ledelsesniveau:"), self.level)
        manager = QGroupBox(self.tr("Din egen leder"), content)
        manager_form = QFormLayout(manager)
        self._row(manager_form, self.tr("Din le&ders navn:"), self.manager_name)
        self._row(manager_form, self.tr("Din leders t&itel:"), self.manager_title)
        self._row(manager_form, self.tr("Din leders &e-mail:"), self.manager_email)
        cycle = QGroupBox(self.tr("Strategiramme og år"), content)
        cycle_form = QFormLayout(cycle)
        framework_box = QVBoxLayout()
        framework_box.addWidget(self.framework_title)
        framework_box.addWidget(self.framework_description)
        framework_box.addWidget(self.framework_note)
        cycle_form.addRow(QLabel(self.tr("Strategiramme:"), cycle), framework_box)
        self._row(cycle_form, self.tr("Første &år:"), self.first_year)
        years_row = QHBoxLayout()
        years_row.addWidget(self.years)
        years_row.addWidget(self.cycle, 1)
        label = QLabel(self.tr("Planen løber &over:"), cycle)
        label.setBuddy(self.years)
        cycle_form.addRow(label, years_row)

        delete_box = QGroupBox(self.tr("Slet planen"), content)
        delete_layout = QHBoxLayout(delete_box)
        delete_text = muted_label(
            self.tr(
                "Sletter planen med alle dens udviklingsmål og dialoger fra denne computer. "
                "Det kan ikke fortrydes – gem planen som overdragelsesfil først (Filer ▸ Gem "
                "plan som overdragelsesfil…), hvis du vil kunne hente den igen."
            ),
            delete_box,
        )
        self.delete_button = QPushButton(self.tr("&Slet planen…"), delete_box)
        delete_layout.addWidget(delete_text, 1)
        delete_layout.addWidget(self.delete_button, 0, Qt.AlignmentFlag.AlignTop)

        for box in (who, manager, cycle, delete_box):
            layout.addWidget(box)
        layout.addStretch(1)
        scroll.setWidget(content)
        outer.addWidget(scroll)

    def _row(self, form: QFormLayout, text: str, field: QWidget) -> None:
        label = QLabel(text, field.parentWidget())
        label.setBuddy(field)
        if isinstance(field, QSpinBox):  # a number needs no full-width field
            row = QHBoxLayout()
            row.addWidget(field)
            row.addStretch(1)
            form.addRow(label, row)
        else:
            form.addRow(label, field)

    def _connect_callbacks(self) -> None:
        self.fields = PlanDetailsFields(
            self.session,
            {name: getattr(self, name) for name in TEXT_FIELDS},
            {name: getattr(self, name) for name in SPIN_FIELDS},
            lambda: self.session.plan_id,
            self,
        )
        self.workplace.editingFinished.connect(self._on_workplace_left)
        for name in SPIN_FIELDS:
            spin: QSpinBox = getattr(self, name)
            spin.valueChanged.connect(lambda value, n=name: self._on_spin(n, value))
        self.delete_button.clicked.connect(self._on_delete)

    # --- showing ---------------------------------------------------------------------------

    def refresh(self) -> None:
        plan, framework = self.session.plan, self.session.framework
        self.setEnabled(plan is not None)
        if plan is None:
            return
        self.fields.show(plan)
        self.cycle.setText(
            self.tr("Planen dækker %1.").replace("%1", years_label(plan.first_year, plan.years))
        )
        if framework is not None:
            self.framework_title.setText(framework.label)
            self.framework_description.setText(framework.description)

    def show_concern(self, concern: Concern) -> None:
        self.workplace.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- editing ---------------------------------------------------------------------------

    def _on_workplace_left(self) -> None:
        plan = self.session.plan
        if plan is not None and not self.workplace.text().strip():
            self.fields.autosaves["workplace"].show_text(plan.workplace, force=True)

    def _on_spin(self, name: str, value: int) -> None:
        if not self.fields.store(name, value) and self.session.plan is not None:
            # Refused (the notice bar says why): show what is stored again.
            self.fields.show_spin(self.session.plan, name)

    def _on_delete(self) -> None:
        plan = self.session.plan
        if plan is None or plan.id is None:
            return
        self.session.flush()
        from udviklingsplan_app.services.plan_import import describe

        plan = self.session.plan or plan  # as stored after the flush
        which = describe(plan)  # »workplace«, years, number of goals
        answer = QMessageBox.question(
            self,
            self.tr("Slet planen"),
            self.tr(
                "Vil du slette planen %1 med alle dens udviklingsmål og dialoger?\n\n"
                "Sletningen kan ikke fortrydes med Fortryd. Eksportér planen til JSON først, "
                "hvis du vil kunne hente den igen."
            ).replace("%1", which),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes or plan.id is None:
            return
        try:
            services.delete_plan(plan.id)
        except Exception as error:
            self.session.failed.emit(explain(error, self.session.db_path))
            return
        window = self.window()
        if hasattr(window, "reload_plans"):
            window.reload_plans()
            window.show_notice(self.tr("Planen %1 er slettet.").replace("%1", which), info=True)
        else:
            self.session.open(None)
