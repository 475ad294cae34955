"""Step 1 of the guide: who the plan is for, its framework and its years.

Before the plan exists the fields are a plain form; "Næste" creates the plan. Once it exists,
every change is stored at once (and can be undone), as on the page "Planens oplysninger".
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
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
    Person,
)
from udviklingsplan_app.framework import DEFAULT_FRAMEWORK_ID
from udviklingsplan_app.framework_sources import framework_choices
from udviklingsplan_app.planning import first_year_for_new_plan
from ui.editors.plan_details import SPIN_FIELDS, TEXT_FIELDS, PlanDetailsFields
from ui.guide.base import GuideWindow, Step
from ui.session import explain_edit
from ui.widgets.email_field import manager_email_field
from ui.widgets.labels import muted_label


class AboutStep(Step):
    title = "Om dig og arbejdspladsen"

    def __init__(self, guide: GuideWindow, today: dt.date | None = None) -> None:
        super().__init__(guide)
        self.frameworks = framework_choices()
        today = today or dt.date.today()
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget(scroll)
        column = QVBoxLayout(body)

        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        # Text fields take the width; a number keeps its own small box (as in Planens
        # oplysninger), so "3" is not alone in a box across the window.
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.workplace = QLineEdit(body)
        self.workplace.setPlaceholderText(self.tr("fx Den Sociale Hjemmepleje, Område Nord"))
        self.leader_name = QLineEdit(body)
        self.leader_title = QLineEdit(body)
        self.leader_title.setPlaceholderText(self.tr("fx Afdelingsleder"))
        self.level = QSpinBox(body)
        self.level.setRange(MIN_LEVEL, MAX_LEVEL)
        self.level.setValue(3)
        # The level's small box with its hint beside it.
        level_row = QWidget(body)
        level_layout = QHBoxLayout(level_row)
        level_layout.setContentsMargins(0, 0, 0, 0)
        level_hint = muted_label(
            self.tr(
                "Dit ledelsesniveau i Socialforvaltningen. Det står i planen og ændrer ikke reglerne."
            ),
            level_row,
        )
        level_layout.addWidget(self.level)
        level_layout.addWidget(level_hint, 1)
        self.manager_name = QLineEdit(body)
        self.manager_title = QLineEdit(body)
        self.manager_title.setPlaceholderText(self.tr("fx Centerchef"))
        self.manager_email = manager_email_field(body)
        for text, field in (
            (self.tr("&Arbejdsplads:"), self.workplace),
            (self.tr("Dit na&vn:"), self.leader_name),
            (self.tr("Din t&itel:"), self.leader_title),
            (self.tr("&Ledelsesniveau:"), level_row),
            (self.tr("Din l&eders navn:"), self.manager_name),
            (self.tr("Din lede&rs titel:"), self.manager_title),
            (self.tr("Din leders e-&mail:"), self.manager_email),
        ):
            label = QLabel(text, body)
            label.setBuddy(self.level if field is level_row else field)
            form.addRow(label, field)
        column.addLayout(form)

        self.framework_box = QGroupBox(self.tr("Strategiramme"), body)
        framework_layout = QVBoxLayout(self.framework_box)
        self.framework_group = QButtonGroup(self)
        self.framework_buttons: list[QRadioButton] = []
        # Which framework is which, and why the older one is chosen (issue 12, item 9).
        self.framework_why = QLabel(self._framework_why(today), self.framework_box)
        self.framework_why.setWordWrap(True)
        framework_layout.addWidget(self.framework_why)
        for number, framework in enumerate(self.frameworks):
            button = QRadioButton(framework.label, self.framework_box)
            button.setAccessibleDescription(framework.description)
            description = muted_label(framework.description, self.framework_box)
            description.setContentsMargins(24, 0, 0, 6)
            self.framework_group.addButton(button, number)
            self.framework_buttons.append(button)
            framework_layout.addWidget(button)
            framework_layout.addWidget(description)
            if framework.id == DEFAULT_FRAMEWORK_ID:
                button.setChecked(True)
        if self.framework_group.checkedId() < 0 and self.framework_buttons:
            self.framework_buttons[0].setChecked(True)
        self.framework_fixed = muted_label(
            self.tr(
                "Strategirammen ligger fast, når planen er oprettet. Vil du følge en anden, "
                "så begynd en ny plan."
            ),
            self.framework_box,
        )
        self.framework_fixed.hide()
        framework_layout.addWidget(self.framework_fixed)
        column.addWidget(self.framework_box)

        cycle = QFormLayout()
        cycle.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.first_year = QSpinBox(body)
        self.first_year.setRange(MIN_YEAR, MAX_YEAR)
        self.first_year.setValue(first_year_for_new_plan(today))
        self.years = QSpinBox(body)
        self.years.setRange(MIN_CYCLE_YEARS, MAX_CYCLE_YEARS)
        self.years.setSuffix(self.tr(" år"))
        for text, field in (
            (self.tr("&Første år:"), self.first_year),
            (self.tr("&Planen løber over:"), self.years),
        ):
            label = QLabel(text, body)
            label.setBuddy(field)
            cycle.addRow(label, field)
        column.addLayout(cycle)
        self.cycle_hint = muted_label("", body)
        column.addWidget(self.cycle_hint)

        self.error = QLabel(body)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b3261e")
        self.error.hide()
        column.addWidget(self.error)
        column.addStretch(1)
        scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

        self.fields = PlanDetailsFields(
            self.session,
            {name: getattr(self, name) for name in TEXT_FIELDS},
            {name: getattr(self, name) for name in SPIN_FIELDS},
            lambda: self.plan.id if self.plan is not None else None,
            self,
        )
        for name in SPIN_FIELDS:
            spin: QSpinBox = getattr(self, name)
            spin.valueChanged.connect(lambda value, n=name: self._on_spin(n, value))
        self.framework_group.idToggled.connect(self._on_framework)
        self._on_framework(self.framework_group.checkedId(), True)

    def _framework_why(self, today: dt.date) -> str:
        ended = today.year > 2025
        return self.tr(
            "Socialstrategien 2018 er den strategi, udviklingsplanen er lavet til: fire visioner "
            "over fire år – den proces, ledere i forvaltningen kender. Den 16. november 2022 blev "
            "den afløst af Socialudvalgets strategiske indsatsområder 2023–2025, som %1. Indtil "
            "der kommer en nyere strategiramme, er Socialstrategien 2018 derfor valgt på forhånd. "
            "Vælg indsatsområderne, hvis du og din leder har aftalt det."
        ).replace("%1", self.tr("nu er udløbet") if ended else self.tr("gælder til og med 2025"))

    def why(self) -> str:
        return self.tr(
            "Udviklingsplanen er arbejdspladsens plan for de næste år, og du drøfter den med din "
            "egen leder. Skriv, hvem den er for. Strategirammen bestemmer, hvilke visioner "
            "udviklingsmålene hører under – Socialstrategien 2018 er valgt på forhånd og løber "
            "over fire år. Alt kan rettes senere under »Planens oplysninger«."
        )

    # --- showing -----------------------------------------------------------------------------

    def enter(self) -> None:
        self.refresh()
        self.workplace.setFocus()

    def refresh(self) -> None:
        plan = self.plan
        if plan is None:
            return
        self.fields.show(plan)
        for number, framework in enumerate(self.frameworks):
            button = self.framework_buttons[number]
            button.blockSignals(True)
            button.setChecked(framework.id == plan.framework_id)
            button.blockSignals(False)
            button.setEnabled(False)
        self.framework_fixed.show()
        self._show_cycle()

    def _show_cycle(self) -> None:
        first, years = self.first_year.value(), self.years.value()
        self.cycle_hint.setText(
            self.tr("Planen dækker %1–%2. Guiden hjælper dig med at lægge det første år, %1.")
            .replace("%1", str(first))
            .replace("%2", str(first + years - 1))
        )
        if hasattr(self.guide, "steps_model"):  # step 3's name says the years ("Treårsoverblik")
            self.guide.update_step_names()

    def _on_framework(self, number: int, checked: bool) -> None:
        if not checked or self.plan is not None or not 0 <= number < len(self.frameworks):
            return
        self.years.blockSignals(True)
        self.years.setValue(self.frameworks[number].default_cycle_years)
        self.years.blockSignals(False)
        self._show_cycle()

    # --- storing -----------------------------------------------------------------------------

    def _on_spin(self, name: str, value: int) -> None:
        self._show_cycle()
        if self.plan is None:
            return
        if not self.fields.store(name, value) and self.plan is not None:
            self.refresh()  # refused (the notice says why): show what is stored

    def leave(self) -> bool:
        if self.plan is not None:
            return self.session.flush()
        return self.create_plan()

    def create_plan(self) -> bool:
        """Create the plan from the form and open it; False (with the reason shown) if refused."""
        self.error.hide()
        if not self.workplace.text().strip():
            self._refuse(self.tr("Skriv arbejdspladsens navn – det står øverst i planen."))
            self.workplace.setFocus()
            return False
        framework = self.frameworks[max(self.framework_group.checkedId(), 0)]
        try:
            self.session.open_for_writing()
            plan_id = services.create_plan(
                workplace=self.workplace.text().strip(),
                leader=Person(self.leader_name.text().strip(), self.leader_title.text().strip()),
                level=self.level.value(),
                manager=Person(
                    self.manager_name.text().strip(),
                    self.manager_title.text().strip(),
                    self.manager_email.text().strip(),
                ),
                framework_id=framework.id,
                framework_version=framework.version,
                first_year=self.first_year.value(),
                years=self.years.value(),
            )
        except Exception as error:
            self._refuse(explain_edit(error, self.session.db_path))
            return False
        # The form's text is now the stored text: nothing to store again.
        for autosave in self.fields.autosaves.values():
            autosave.show_text(autosave.text(), force=True)
        self.guide.year = self.first_year.value()
        self.guide.use_plan(plan_id)
        self.refresh()
        return True

    def _refuse(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()
