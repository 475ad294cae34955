"""Saving the dialogues as a calendar file (.ics) from the window: ask where, write, say so."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox, QWidget

from udviklingsplan_app.domain import Plan


def _tr(text: str) -> str:
    return QCoreApplication.translate("CalendarFile", text)


def save_calendar_dialog(parent: QWidget, plan: Plan, year: int | None = None) -> Path | None:
    """Ask for a file name and save the dialogues of ``year`` (all years for ``None``).

    Returns the file written, or ``None`` if the leader cancelled or nothing could be saved
    (the reason is shown). Dialogues without a date are not in the file.
    """
    from udviklingsplan_app.calendar_export import has_dated_dialogues, write_calendar
    from udviklingsplan_app.exchange.files import safe_file_name

    if not has_dated_dialogues(plan, year):
        QMessageBox.information(
            parent,
            _tr("Ingen dialoger med dato"),
            _tr(
                "Der er endnu ingen dialoger med en dato%1. Sæt en dato på dialogerne med din "
                "leder, så kan de gemmes som kalenderfil til Outlook."
            ).replace("%1", "" if year is None else _tr(" i %1").replace("%1", str(year))),
        )
        return None
    stem = f"Dialoger {year} {plan.workplace}" if year is not None else f"Dialoger {plan.workplace}"
    suggestion = Path.home() / safe_file_name(stem, ".ics")
    name, _ = QFileDialog.getSaveFileName(
        parent,
        _tr("Gem dialoger som kalenderfil"),
        str(suggestion),
        _tr("Kalenderfil (*.ics)"),
    )
    if not name:
        return None
    target = Path(name)
    if not target.suffix:
        target = target.with_suffix(".ics")
    try:
        write_calendar(plan, target, year)
    except Exception as error:
        from .session import explain

        QMessageBox.warning(parent, _tr("Kalenderfilen kan ikke gemmes"), explain(error))
        return None
    window = parent.window()
    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(
            _tr("Dialogerne er gemt i %1. Åbn filen for at få dem ind i Outlook.").replace(
                "%1", str(target)
            ),
            10000,
        )
    return target
