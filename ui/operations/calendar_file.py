"""Saving the dialogues as a calendar file (.ics) from the window: ask where, write, say so."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTime
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from udviklingsplan_app.domain import Plan
from ui.settings import EXPORTS, last_folder, remember_folder, settings

START_KEY, MINUTES_KEY = "calendar/start", "calendar/minutes"


def _tr(text: str) -> str:
    return QCoreApplication.translate("CalendarFile", text)


def remembered_time() -> tuple[dt.time, int]:
    """The meeting time last chosen for a calendar file (10:00 for 90 minutes at first)."""
    from udviklingsplan_app.calendar_export import DEFAULT_MINUTES, DEFAULT_START, check_meeting

    stored = settings()
    try:
        start = dt.time.fromisoformat(str(stored.value(START_KEY, DEFAULT_START.isoformat())))
        minutes = int(stored.value(MINUTES_KEY, DEFAULT_MINUTES))  # type: ignore[call-overload]
        check_meeting(start, minutes, None)
    except Exception:  # a hand-edited or damaged setting: the default
        return DEFAULT_START, DEFAULT_MINUTES
    return start.replace(second=0, microsecond=0), minutes


class MeetingTimeDialog(QDialog):
    """When the dialogues lie in the calendar: from and to, the last choice remembered."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_tr("Tidspunkt i kalenderen"))
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 56)
        start, minutes = remembered_time()
        end = (dt.datetime.combine(dt.date.today(), start) + dt.timedelta(minutes=minutes)).time()
        layout = QVBoxLayout(self)
        intro = QLabel(
            _tr(
                "Dialogerne kommer i kalenderen som møder med din leder, og tiden vises som "
                "optaget. Vælg det tidspunkt, I plejer at mødes – du kan flytte det enkelte "
                "møde i Outlook bagefter."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.start_edit = QTimeEdit(QTime(start.hour, start.minute), self)
        self.end_edit = QTimeEdit(QTime(end.hour, end.minute), self)
        for edit, name in ((self.start_edit, _tr("Fra")), (self.end_edit, _tr("Til"))):
            edit.setDisplayFormat("HH:mm")
            edit.setAccessibleName(name)
        form.addRow(_tr("&Fra kl.:"), self.start_edit)
        form.addRow(_tr("&Til kl.:"), self.end_edit)
        layout.addLayout(form)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #a3341f;")
        self.message.hide()
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_tr("&Vælg fil …"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def choice(self) -> tuple[dt.time, int]:
        """The chosen start and length in minutes (the length may be impossible)."""
        start = self.start_edit.time().toPython()
        end = self.end_edit.time().toPython()
        minutes = (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)
        return dt.time(start.hour, start.minute), minutes

    def accept(self) -> None:
        from udviklingsplan_app.calendar_export import check_meeting

        start, minutes = self.choice()
        try:
            if minutes <= 0:
                raise ValueError(_tr("Mødet skal slutte, efter det begynder."))
            check_meeting(start, minutes, None)
        except Exception as error:  # a calm message in the dialog; nothing is stored
            self.message.setText(str(error))
            self.message.show()
            return
        stored = settings()
        stored.setValue(START_KEY, start.strftime("%H:%M"))
        stored.setValue(MINUTES_KEY, minutes)
        super().accept()


def ask_meeting_time(parent: QWidget) -> tuple[dt.time, int] | None:
    """Ask when the dialogues lie in the calendar; ``None`` if the leader cancelled."""
    dialog = MeetingTimeDialog(parent)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.choice()
    finally:
        dialog.deleteLater()


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
    meeting = ask_meeting_time(parent)
    if meeting is None:
        return None
    start, minutes = meeting
    stem = f"Dialoger {year} {plan.workplace}" if year is not None else f"Dialoger {plan.workplace}"
    suggestion = last_folder(EXPORTS) / safe_file_name(stem, ".ics")
    name, _ = QFileDialog.getSaveFileName(
        parent,
        _tr("Gem dialoger som kalenderfil"),
        str(suggestion),
        _tr("Kalenderfil (*.ics)"),
    )
    if not name:
        return None
    remember_folder(EXPORTS, name)
    target = Path(name)
    if not target.suffix:
        target = target.with_suffix(".ics")
    try:
        # The plan holds no e-mail address for the manager yet: no attendee in the file.
        write_calendar(plan, target, year, start=start, minutes=minutes)
    except Exception as error:
        from ui.session import explain

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
