"""Send til din leder: the workbook and an e-mail draft beside it, then the draft opened.

The leader chooses where the draft goes (the workbook is written beside it, see
:mod:`udviklingsplan_app.sending`); both are written off the GUI thread. The draft (``.eml``
with ``X-Unsent: 1``) is then opened with the system's handler – Outlook opens it as an
unsent mail, ready to send. Where no program opens ``.eml`` files, the folder is shown with a
calm explanation. Without the manager's e-mail address the draft has no recipient, and a
calm note says where to add it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from ui.operations import Operation, run_in_background
from ui.session import PlanSession, explain

#: The name of a draft being written in :func:`ui.operations.running`.
SEND = "send_to_manager"

NO_ADDRESS = (
    "Kladden har ingen modtager, fordi planen ikke har din leders e-mailadresse. Skriv "
    "adressen i mailen – eller under Planens oplysninger, så kommer den med næste gang."
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("SendToManager", text)


def open_with_system(path: Path) -> bool:
    """Open ``path`` with the program the system uses for it; False if there is none."""
    return bool(QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))))


def choose_draft_path(parent: QWidget, suggestion: Path) -> Path | None:
    name, _ = QFileDialog.getSaveFileName(
        parent,
        _tr("Send til din leder – gem e-mailkladden"),
        str(suggestion),
        _tr("E-mailkladde (*.eml)"),
    )
    if not name:
        return None
    path = Path(name)
    return path if path.suffix.lower() == ".eml" else path.with_name(path.name + ".eml")


def send_to_manager(
    parent: QWidget, session: PlanSession, say: Callable[[str], None]
) -> Operation[tuple[Path, Path]] | None:
    """Ask where to put the draft, write the workbook and the draft, then open the draft.

    ``say`` tells the outcome calmly (the window's notice bar, or a message on a page).
    """
    session.flush()  # text typed a moment ago belongs in what is sent
    plan, framework = session.plan, session.framework
    if plan is None or framework is None:
        return None
    from udviklingsplan_app.exchange.excel import default_file_name

    suggestion = Path.home() / Path(default_file_name(plan)).with_suffix(".eml").name
    draft = choose_draft_path(parent, suggestion)
    if draft is None:
        return None

    def write() -> tuple[Path, Path]:
        from udviklingsplan_app.sending import write_plan_draft

        return write_plan_draft(plan, framework, draft)

    def done(paths: tuple[Path, Path]) -> None:
        workbook, eml = paths
        note = "" if plan.manager.email else " " + _tr(NO_ADDRESS)
        if open_with_system(eml):
            say(
                _tr(
                    "E-mailen til din leder er åbnet som kladde med planen vedhæftet. Send "
                    "den fra dit mailprogram. Excel-filen ligger også her: %1."
                ).replace("%1", str(workbook))
                + note
            )
            return
        open_with_system(eml.parent)
        say(
            _tr(
                "Der er ikke et mailprogram på computeren, der kan åbne e-mailkladden, så "
                "mappen med filerne er åbnet i stedet. Send Excel-filen %1 til din leder "
                "som vedhæftet fil – kladden %2 ligger ved siden af."
            )
            .replace("%1", workbook.name)
            .replace("%2", eml.name)
            + note
        )

    def failed(error: Exception) -> None:
        QMessageBox.warning(parent, _tr("Planen kan ikke sendes"), explain(error, session.db_path))

    return run_in_background(
        parent,
        write,
        on_success=done,
        on_failure=failed,
        busy=_tr("Gør planen klar til din leder …"),
        title=_tr("Send til din leder"),
        name=SEND,
    )


def message_box_say(parent: QWidget) -> Callable[[str], None]:
    """A ``say`` for a page or the guide, which have no notice bar of their own."""

    def say(message: str) -> None:
        QMessageBox.information(parent, _tr("Send til din leder"), message)

    return say
