"""An entry of several fields that is stored as one step when the leader is done with it.

Some things a leader enters are one event made of more than one field: a new status with its
note, a measurement's value. Storing them after every key would record half-typed notes as
separate steps; waiting for a button loses them when the leader clicks elsewhere. A
:class:`PendingEntry` sits in between: as soon as one of its fields is changed, it waits in the
session like a text field waiting for its pause, and it is stored as one undoable step when the
keyboard focus leaves its fields, before another goal or page is shown, before undo, and when
the window closes (everything that calls :meth:`PlanSession.flush`).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QWidget

from ui.session import PlanSession

# Focus that moves to a pop-up (the combo's list) or to another window has not left the entry.
_STAYING = (Qt.FocusReason.PopupFocusReason, Qt.FocusReason.ActiveWindowFocusReason)


class PendingEntry(QObject):
    """Calls ``save`` once the leader is done with ``fields`` (see the module's text).

    ``save`` returns True when the entry was stored (or there was nothing to store); False
    keeps it waiting, so the next flush tries again (the session's notice says why).
    """

    def __init__(
        self,
        session: PlanSession,
        area: QWidget,
        fields: list[QWidget],
        save: Callable[[], bool],
    ) -> None:
        super().__init__(area)
        self.session = session
        self.area = area
        self._save = save
        for field in fields:
            if isinstance(field, QComboBox):
                field.activated.connect(self._on_edit)  # the leader's choice, not a refresh
            elif isinstance(field, QLineEdit):
                field.textEdited.connect(self._on_edit)
            field.installEventFilter(self)
        area.destroyed.connect(lambda: session.drop_pending(self.save_now))

    @property
    def waiting(self) -> bool:
        return self.session.is_pending(self.save_now)

    def _on_edit(self, *_: object) -> None:
        self.session.add_pending(self.save_now)

    def forget(self) -> None:
        """Forget the entry without storing it (the fields are shown afresh)."""
        self.session.drop_pending(self.save_now)

    def save_now(self) -> None:
        self.session.drop_pending(self.save_now)
        if not self._save():
            self.session.add_pending(self.save_now)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.FocusOut
            and isinstance(event, QFocusEvent)
            and event.reason() not in _STAYING
            and self.waiting
        ):
            focus = QApplication.focusWidget()
            if focus is None or not (focus is self.area or self.area.isAncestorOf(focus)):
                self.save_now()
        return False
