"""Reading the manager's answer back: the workbook off the GUI thread, the preview, then keep.

The returned workbook is untrusted; it is read (the gate first, then openpyxl) in a worker by
:func:`udviklingsplan_app.exchange.answer.read_answer`, which touches no database. The GUI
thread then compares it with the plan (:func:`~udviklingsplan_app.services.manager_answers.
preview_from_answer`), shows :class:`~ui.dialogs.answer_preview.AnswerPreviewDialog`, and
stores the ticked items with :func:`~udviklingsplan_app.services.manager_answers.apply_answer` through
``PlanSession.apply`` – one transaction, one step for Fortryd. A refused file shows its Danish
message and changes nothing.

Files dropped on the main window come here too (:func:`open_dropped`): a workbook is read as
an answer, a ``.json`` file offers the plan import.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

from ui.operations import Operation, run_in_background
from ui.session import PlanSession, explain

if TYPE_CHECKING:
    from udviklingsplan_app.exchange.answer import ManagerAnswer
    from udviklingsplan_app.services.manager_answers import AnswerPreview, ApplySummary
    from ui.shell import Shell

#: The name of an answer being read in :func:`ui.operations.running`.
READ_ANSWER = "manager_answer"
#: Suffixes read as a workbook (the gate explains an old .xls, an .ods or a CSV in Danish).
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".csv")
#: The undo step's name in the Rediger menu ("Fortryd kommentarer fra din leder").
UNDO_TEXT = "kommentarer fra din leder"


def _tr(text: str) -> str:
    return QCoreApplication.translate("ManagerAnswer", text)


def choose_answer_file(parent: QWidget) -> Path | None:
    """Ask for the returned workbook (``None``: the leader cancelled)."""
    name, _ = QFileDialog.getOpenFileName(
        parent,
        _tr("Indlæs svar fra din leder"),
        str(Path.home()),
        _tr("Excel-projektmappe fra din leder (*.xlsx);;Alle filer (*)"),
    )
    return Path(name) if name else None


def read_answer_file(
    parent: QWidget,
    session: PlanSession,
    path: Path,
    say: Callable[[str], None],
    *,
    ask: Callable[[AnswerPreview, QWidget], list[str] | None] | None = None,
) -> Operation[ManagerAnswer] | None:
    """Read ``path`` in the background, show the preview, store what the leader ticks.

    ``say`` tells the outcome calmly (the window's notice bar). ``ask`` shows the preview and
    returns the ticked keys, or ``None`` for *Annullér* (default: the preview dialog).
    """
    if session.plan_id is None:
        return None
    session.flush()
    try:
        session.open_for_writing()
    except Exception as error:
        _refused(parent, session, error)
        return None

    def read() -> ManagerAnswer:
        from udviklingsplan_app.exchange.answer import read_answer

        return read_answer(path)

    def show(answer: ManagerAnswer) -> None:
        show_preview(parent, session, answer, say, ask=ask)

    return run_in_background(
        parent,
        read,
        on_success=show,
        on_failure=lambda error: _refused(parent, session, error),
        busy=_tr("Læser svaret fra din leder …"),
        title=_tr("Indlæs svar fra din leder"),
        name=READ_ANSWER,
    )


def show_preview(
    parent: QWidget,
    session: PlanSession,
    answer: ManagerAnswer,
    say: Callable[[str], None],
    *,
    ask: Callable[[AnswerPreview, QWidget], list[str] | None] | None = None,
) -> ApplySummary | None:
    """Compare the answer with the open plan, preview it, and store the ticked items."""
    from udviklingsplan_app.services import manager_answers

    plan_id = session.plan_id
    if plan_id is None:
        return None
    try:
        preview = manager_answers.preview_from_answer(plan_id, answer)
    except Exception as error:
        _refused(parent, session, error)
        return None
    keys = (ask or _ask)(preview, parent)
    if keys is None:
        say(_tr("Intet er gemt fra %1. Planen er uændret.").replace("%1", preview.file_name))
        return None
    if not keys:
        say(preview.message if preview.nothing_new else _tr("Intet valgt – planen er uændret."))
        return None
    summary = session.apply(_tr(UNDO_TEXT), manager_answers.apply_answer, plan_id, preview, keys)
    if summary is not None:
        say(summary.message)
    return summary


def _ask(preview: AnswerPreview, parent: QWidget) -> list[str] | None:
    from ui.dialogs.answer_preview import AnswerPreviewDialog

    dialog = AnswerPreviewDialog(preview, parent)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return [] if preview.nothing_new else None
        return dialog.ticked_keys()
    finally:
        dialog.deleteLater()


def _refused(parent: QWidget, session: PlanSession, error: Exception) -> None:
    QMessageBox.warning(parent, _tr("Svaret kan ikke læses ind"), explain(error, session.db_path))


# --- from the main window ------------------------------------------------------------------


def _good_news(window: Shell) -> Callable[[str], None]:
    """The outcome of reading an answer is never a warning (refusals get a message box):
    the window's bar in its calm blue."""

    def say(message: str) -> None:
        window.show_notice(message, info=True)

    return say


def read_answer_dialog(window: Shell) -> Operation[ManagerAnswer] | None:
    """Filer ▸ Indlæs svar fra din leder…: choose the workbook, then read it."""
    path = choose_answer_file(window)  # type: ignore[arg-type]
    if path is None:
        return None
    return read_answer_file(window, window.session, path, _good_news(window))  # type: ignore[arg-type]


def dropped_file(paths: list[Path]) -> Path | None:
    """The one file of a drop the window can use (a workbook or a plan file), or None."""
    usable = [p for p in paths if p.suffix.lower() in (*WORKBOOK_SUFFIXES, ".json")]
    return usable[0] if len(usable) == 1 and len(paths) == 1 else None


def open_dropped(window: Shell, paths: list[Path]) -> Operation[object] | None:
    """A file dropped on the main window: a workbook is an answer, a ``.json`` a plan file."""
    path = dropped_file(paths)
    if path is None:
        window.show_notice(
            _tr(
                "Træk én fil hertil: svaret fra din leder (Excel-fil, .xlsx) eller en "
                "overdragelsesfil med en plan (.json)."
            )
        )
        return None
    parent: QWidget = window  # type: ignore[assignment]
    if path.suffix.lower() == ".json":
        answer = QMessageBox.question(
            parent,
            _tr("Importér plan"),
            _tr("Vil du importere planen fra overdragelsesfilen %1?").replace("%1", path.name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return None
        from ui.operations.plan_import import import_plan_file

        return import_plan_file(window, path)  # type: ignore[return-value]
    if window.session.plan_id is None:
        window.show_notice(_tr("Åbn den plan, som svaret hører til, og træk filen hertil igen."))
        return None
    return read_answer_file(parent, window.session, path, _good_news(window))  # type: ignore[return-value]
