"""Small widgets and helpers shared by the pages: text that saves itself (dates: date_edit)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit

from ui.session import PlanSession

SAVE_PAUSE_MS = 700  # a text field is stored this long after the last key, or when left


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
        self._refusal = ""  # why the text was last refused, until it is stored
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_PAUSE_MS)
        self._timer.timeout.connect(self.save_now)
        field.textChanged.connect(self._on_edit)
        field.installEventFilter(self)
        field.destroyed.connect(lambda: _forget_pending(session, self.save_now))

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
            self._refusal = refused[-1]
            self.session.add_pending(self.save_now)
        elif self._refusal:  # put right and stored: the reason is no news now
            message, self._refusal = self._refusal, ""
            self.session.settled.emit(message)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.field and event.type() == QEvent.Type.FocusOut:
            self.save_now()
        return False


def plain(text: str | None) -> str:
    """Text for a label or cell on one line (a user's newlines become spaces)."""
    return " ".join((text or "").split())


def _forget_pending(session: PlanSession, save: Callable[[], object]) -> None:
    """A destroyed field's typing is no longer waiting – unless its session went first (a
    window torn down as a whole), when there is nothing left to tell."""
    from shiboken6 import isValid

    if isValid(session):
        session.drop_pending(save)
