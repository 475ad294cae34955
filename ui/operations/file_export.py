"""The flow both file exports share: choose a target, write it in the background, offer to open.

:func:`export_in_background` asks for a file name (remembering the folder), disables the menu
action while the worker writes, and then shows the status line and :func:`offer_to_open`, or a
Danish warning when the writing failed. The plan is read in the GUI thread before; only the file
is written in a worker thread (:func:`ui.operations.run_in_background`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox

from ui.operations import Operation, run_in_background
from ui.session import explain
from ui.settings import EXPORTS, last_folder, remember_folder

if TYPE_CHECKING:
    from ui.shell import Shell


def choose_export_target(
    window: Shell, *, title: str, file_filter: str, file_name: str, suffix: str
) -> Path | None:
    """The save dialog in the last export folder; the chosen path with ``suffix``, or None."""
    name, _ = QFileDialog.getSaveFileName(
        window, title, str(last_folder(EXPORTS) / file_name), file_filter
    )
    if not name:
        return None
    remember_folder(EXPORTS, name)
    target = Path(name)
    if target.suffix.lower() != suffix:
        target = target.with_name(target.name + suffix)
    return target


def export_in_background(
    window: Shell,
    target: Path,
    write: Callable[[], None],
    *,
    action: QAction,
    saved: str,
    busy: str,
    title: str,
    name: str,
) -> Operation[None]:
    """Write ``target`` off the GUI thread with ``action`` disabled; ``saved`` is the offer's text."""
    action.setEnabled(False)

    def done(_: None) -> None:
        action.setEnabled(window.session.plan is not None)
        window.statusBar().showMessage(
            window.tr("Planen er eksporteret til %1").replace("%1", str(target)), 8000
        )
        offer_to_open(window, target, saved)

    def failed(error: Exception) -> None:
        action.setEnabled(window.session.plan is not None)
        QMessageBox.warning(window, window.tr("Planen kan ikke eksporteres"), explain(error))

    return run_in_background(
        window, write, on_success=done, on_failure=failed, busy=busy, title=title, name=name
    )


def offer_to_open(window: Shell, path: Path, message: str = "") -> None:
    """ "Open the file, its folder, or close": ``message`` says what was saved where."""
    box = QMessageBox(window)
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle(window.tr("Eksporteret"))
    box.setText(message or window.tr("Planen er gemt som Excel-fil:\n%1").replace("%1", str(path)))
    open_file = box.addButton(window.tr("Åbn &filen"), QMessageBox.ButtonRole.AcceptRole)
    open_folder = box.addButton(window.tr("Åbn &mappen"), QMessageBox.ButtonRole.ActionRole)
    box.addButton(window.tr("&Luk"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(open_file)
    box.exec()
    clicked = box.clickedButton()
    if clicked is open_file:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
    elif clicked is open_folder:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))
