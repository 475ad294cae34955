"""Importing a plan file from the window: a plan that is already there asks what to do.

*Erstat planen* replaces it (after a backup), *Behold begge (som kopi)* stores the file as a
separate plan with new ids, *Annullér* stores nothing. Every import ends with a notice that
says what happened. The core (:mod:`udviklingsplan_app.services.plan_import`) holds the rules.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from udviklingsplan_app.services.plan_import import ImportMode, describe
from ui.operations import Operation, run_in_background
from ui.session import explain

if TYPE_CHECKING:
    from udviklingsplan_app.domain import Plan
    from udviklingsplan_app.services.plan_import import ImportOutcome, PlanSummary
    from ui.shell import Shell

#: The name of a plan import in :func:`ui.operations.running`.
PLAN_IMPORT = "plan_import"


def _tr(text: str) -> str:
    return QCoreApplication.translate("PlanImport", text)


def ask_about_existing(parent: QWidget, existing: PlanSummary) -> ImportMode | None:
    """Replace, keep both, or cancel (``None``) for a file of a plan that is already there."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        _tr("Planen findes allerede"),
        _tr(
            "Planen i filen findes allerede her: %1.\n\n"
            "Erstat planen: den gemte plan får filens indhold. Den gamle udgave gemmes først i "
            "en sikkerhedskopi.\n"
            "Behold begge: filen gemmes som en ny plan ved siden af, navngivet som kopi."
        ).replace("%1", describe(existing)),
        QMessageBox.StandardButton.NoButton,
        parent,
    )
    replace = box.addButton(_tr("&Erstat planen"), QMessageBox.ButtonRole.DestructiveRole)
    copy = box.addButton(_tr("&Behold begge (som kopi)"), QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton(_tr("&Annullér"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    box.exec()
    clicked = box.clickedButton()
    if clicked is replace:
        return ImportMode.REPLACE
    if clicked is copy:
        return ImportMode.COPY
    return None


def import_plan_file(window: Shell, path: Path) -> Operation[Plan] | None:
    """Import the plan in ``path``; shows what happened, or why nothing was stored.

    The file is read and checked off the GUI thread (a busy dialog shows meanwhile); the plan
    is then stored by the GUI thread in one transaction (see :func:`store_plan`), so the
    database is never used from two threads.
    """
    session = window.session
    session.flush()
    try:
        session.open_for_writing()
    except Exception as error:
        _refused(window, error)
        return None

    def read() -> Plan:
        from udviklingsplan_app.exchange.json_format import read_plan_file

        return read_plan_file(path)  # the available frameworks: no database in this thread

    def store(plan: Plan) -> None:
        store_plan(window, plan)

    def not_read(error: Exception) -> None:
        from udviklingsplan_app.errors import FrameworkError

        if not isinstance(error, FrameworkError):
            _refused(window, error)
            return
        # A framework that is not available may still be kept by a plan in the database:
        # the file is read once more, here, where the database is used.
        from udviklingsplan_app import services
        from udviklingsplan_app.exchange.json_format import read_plan_file

        try:
            plan = read_plan_file(path, services.find_framework)
        except Exception as again:
            _refused(window, again)
            return
        store(plan)

    return run_in_background(
        window,
        read,
        on_success=store,
        on_failure=not_read,
        busy=_tr("Læser overdragelsesfilen …"),
        title=_tr("Importér plan"),
        name=PLAN_IMPORT,
    )


def _refused(window: Shell, error: Exception) -> None:
    QMessageBox.warning(
        window, _tr("Planen kan ikke importeres"), explain(error, window.session.db_path)
    )


def store_plan(window: Shell, plan: Plan) -> ImportOutcome | None:
    """Store a plan read from a file; a plan that is already there asks what to do."""
    from udviklingsplan_app.services.plan_import import existing_plan, import_plan

    try:
        existing = existing_plan(plan)
    except Exception as error:
        _refused(window, error)
        return None
    mode = ImportMode.REFUSE
    if existing is not None:
        chosen = ask_about_existing(window, existing)
        if chosen is None:
            window.show_notice(
                _tr("Importen er annulleret. Planen %1 er uændret.").replace(
                    "%1", describe(existing)
                ),
                info=True,
            )
            return None
        mode = chosen
    try:
        outcome = import_plan(plan, mode)
    except Exception as error:
        _refused(window, error)
        return None
    # The imported plan opens with an undo history of its own (an import is not undone with
    # Fortryd: a replaced plan is in the backup the notice names, a new one can be deleted).
    window.reload_plans(select_id=outcome.plan_id)
    window.show_notice(outcome.message, info=True)
    return outcome
