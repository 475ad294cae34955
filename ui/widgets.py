"""Small widgets and helpers shared by the pages: text that saves itself, optional dates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate, QEvent, QObject, QTimer
from PySide6.QtWidgets import QDateEdit, QLineEdit, QPlainTextEdit, QWidget

from .session import PlanSession

SAVE_PAUSE_MS = 700  # a text field is stored this long after the last key, or when left

DATE_FORMAT = "d. MMMM yyyy"  # "25. november 2026" with the Danish locale


class AutoSave(QObject):
    """Stores a text field after a short pause in typing, when the field is left, or on flush.

    ``save(text)`` is called only when the text differs from what was last stored or shown,
    so showing a reloaded plan never writes anything back.
    """

    def __init__(
        self,
        session: PlanSession,
        field: QLineEdit | QPlainTextEdit,
        save: Callable[[str], None],
    ) -> None:
        super().__init__(field)
        self.session = session
        self.field = field
        self._save = save
        self._shown = ""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_PAUSE_MS)
        self._timer.timeout.connect(self.save_now)
        field.textChanged.connect(self._on_edit)
        field.installEventFilter(self)
        field.destroyed.connect(lambda: session.drop_pending(self.save_now))

    def text(self) -> str:
        if isinstance(self.field, QPlainTextEdit):
            return self.field.toPlainText()
        return self.field.text()

    def show_text(self, text: str, *, force: bool = False) -> None:
        """Show the stored value, unless the user is typing something not yet stored.

        ``force`` shows it anyway and forgets the typing (e.g. a refused empty name).
        """
        if force:
            self._timer.stop()
            self.session.drop_pending(self.save_now)
        elif self._timer.isActive() or self.session.is_pending(self.save_now):
            return
        self._shown = text
        if self.text() == text:
            return
        self.field.blockSignals(True)
        if isinstance(self.field, QPlainTextEdit):
            self.field.setPlainText(text)
        else:
            self.field.setText(text)
        self.field.blockSignals(False)

    def _on_edit(self, *_: object) -> None:
        self._timer.start()
        self.session.add_pending(self.save_now)

    def save_now(self) -> None:
        self._timer.stop()
        self.session.drop_pending(self.save_now)
        text = self.text()
        if text == self._shown:
            return
        previous = self._shown
        refused: list[str] = []
        self.session.failed.connect(refused.append)
        try:
            self._shown = text
            self._save(text)
        finally:
            self.session.failed.disconnect(refused.append)
        if refused:
            # Not stored (the notice says why): the text stays in the field and waits, so the
            # next flush (leaving a page, closing the window) tries again.
            self._shown = previous
            self.session.add_pending(self.save_now)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.field and event.type() == QEvent.Type.FocusOut:
            self.save_now()
        return False


class OptionalDateEdit(QDateEdit):
    """A date field that may be empty: the empty value shows as "–" and reads as ``None``."""

    EMPTY = QDate(1900, 1, 1)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat(DATE_FORMAT)
        self.setMinimumDate(self.EMPTY)
        self.setMaximumDate(QDate(2100, 12, 31))
        self.setSpecialValueText("–")
        self.setDate(self.EMPTY)
        self.calendarWidget().installEventFilter(self)

    def value(self) -> dt.date | None:
        date = self.date()
        return None if date == self.EMPTY else date.toPython()  # type: ignore[no-any-return]

    def set_value(self, value: dt.date | None) -> None:
        self.blockSignals(True)
        self.setDate(self.EMPTY if value is None else QDate(value.year, value.month, value.day))
        self.blockSignals(False)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # An empty field opens its calendar at this month, not in 1900.
        if event.type() == QEvent.Type.Show and self.value() is None:
            today = dt.date.today()
            self.calendarWidget().setCurrentPage(today.year, today.month)
        return False


def plain(text: str | None) -> str:
    """Text for a label or cell on one line (a user's newlines become spaces)."""
    return " ".join((text or "").split())
