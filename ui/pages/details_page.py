"""Planens oplysninger: who the plan is for, its framework and its years; deleting it."""

from __future__ import annotations

from typing import Any

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
    Plan,
)
from udviklingsplan_app.formatting import years_label
from udviklingsplan_app.guidance import Concern
from ui.pages.base import Page
from ui.pages.situation_page import muted_label
from ui.session import PlanSession, explain
from ui.widgets.autosave import AutoSave

TEXT_FIELDS = ("workplace", "leader_name", "leader_title", "manager_name", "manager_title")
SPIN_FIELDS = ("level", "first_year", "years")


def stored_value(plan: Plan, name: str) -> Any:
    """The plan's value for one of :func:`services.update_plan`'s field names."""
    return {
        "workplace": plan.workplace,
        "leader_name": plan.leader.name,
        "leader_title": plan.leader.title,
        "manager_name": plan.manager.name,
        "manager_title": plan.manager.title,
        "level": plan.level,
        "first_year": plan.first_year,
        "years": plan.years,
    }[name]


def _update(plan_id: int, name: str, value: Any) -> bool:
    services.update_plan(plan_id, **{name: value})
    return True  # session.apply gives None only when the change was refused


class DetailsPage(Page):
    """The plan's own details, stored as they are typed; the cycle; deleting the plan."""

    def __init__(self, session: PlanSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.undo_texts = {
            "workplace": self.tr("ændret arbejdsplads"),
            "leader_name": self.tr("ændret lederens navn"),
            "leader_title": self.tr("ændret lederens titel"),
            "manager_name": self.tr("ændret egen leders navn"),
            "manager_title": self.tr("ændret egen leders titel"),
            "level": self.tr("ændret ledelsesniveau"),
            "first_year": self.tr("ændret første år"),
            "years": self.tr("ændret antal år"),
        }
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
        self._autosaves = {
            name: AutoSave(
                self.session, getattr(self, name), lambda text, n=name: self._on_text(n, text)
            )
            for name in TEXT_FIELDS
        }
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
        for name, autosave in self._autosaves.items():
            autosave.show_text(stored_value(plan, name))
        for name in SPIN_FIELDS:
            self._show_spin(plan, name)
        self.cycle.setText(
            self.tr("Planen dækker %1.").replace("%1", years_label(plan.first_year, plan.years))
        )
        if framework is not None:
            self.framework_title.setText(framework.label)
            self.framework_description.setText(framework.description)

    def _show_spin(self, plan: Plan, name: str) -> None:
        spin: QSpinBox = getattr(self, name)
        value = stored_value(plan, name)
        if spin.value() != value:
            spin.blockSignals(True)
            spin.setValue(value)
            spin.blockSignals(False)

    def show_concern(self, concern: Concern) -> None:
        self.workplace.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- editing ---------------------------------------------------------------------------

    def _store(self, name: str, value: Any) -> bool:
        plan_id = self.session.plan_id
        if plan_id is None:
            return False
        result = self.session.apply(
            self.undo_texts[name], _update, plan_id, name, value, merge=f"plan:{name}"
        )
        return result is not None

    def _on_text(self, name: str, text: str) -> None:
        if name == "workplace" and not text.strip():
            # Explained now; the stored name comes back when the field is left empty.
            self.session.failed.emit(
                self.tr("Skriv arbejdspladsens navn – det står øverst i planen.")
            )
            return
        self._store(name, text)

    def _on_workplace_left(self) -> None:
        plan = self.session.plan
        if plan is not None and not self.workplace.text().strip():
            self._autosaves["workplace"].show_text(plan.workplace, force=True)

    def _on_spin(self, name: str, value: int) -> None:
        if not self._store(name, value) and self.session.plan is not None:
            # Refused (the notice bar says why): show what is stored again.
            self._show_spin(self.session.plan, name)

    def _on_delete(self) -> None:
        plan = self.session.plan
        if plan is None or plan.id is None:
            return
        self.session.flush()
        from udviklingsplan_app.plan_import import describe

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
            window.show_notice(self.tr("Planen %1 er slettet.").replace("%1", which))
        else:
            self.session.open(None)
