"""The one date field: a date typed as Danes write it, with a calendar to pick from.

The leader types freely (``1.3.2027``, ``01-03-27``, ``1. marts 2027`` …); the text is read
with the core's :func:`~udviklingsplan_app.danish_dates.parse_danish_date` when Return is
pressed or the field is left, and then shown as ``1. marts 2027``. A text that is not a date
stays in the field, the reason is given (:attr:`DateEdit.refused`, the field's tooltip) and
nothing changes; when the refusal is cleared (a date read, a stored date shown) the field
says so (:attr:`DateEdit.withdrawn`, with the old reason), so a notice bar can drop it. The calendar opens with the button in the field, F4 or Alt+Down, and shows
whole Danish weekday names.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import (
    QAbstractItemModel,
    QDate,
    QEvent,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QRect,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QFocusEvent, QIcon, QKeyEvent, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QCalendarWidget,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolTip,
    QWidget,
)

from udviklingsplan_app.danish_dates import DateError, format_danish_date, parse_danish_date
from ui.session import PlanSession

DANISH = QLocale(QLocale.Language.Danish, QLocale.Country.Denmark)

#: A date in the field's widest Danish form, to size fields and cells by.
WIDEST = "30. september 2026"


def calendar_icon(color: QColor) -> QIcon:
    """A small calendar sheet drawn in ``color`` (the field's text colour)."""
    icon = QIcon()
    for size in (16, 24, 32):
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        unit = size / 16
        painter.setPen(QPen(color, max(1.0, unit)))
        painter.drawRect(
            QRect(round(2 * unit), round(3 * unit), round(12 * unit), round(11 * unit))
        )
        painter.fillRect(
            QRect(round(2 * unit), round(3 * unit), round(12 * unit), round(3 * unit)), color
        )
        for row in range(2):
            for column in range(3):
                painter.fillRect(
                    QRect(
                        round((4 + 3.3 * column) * unit),
                        round((8 + 3 * row) * unit),
                        round(2 * unit),
                        round(2 * unit),
                    ),
                    color,
                )
        painter.end()
        icon.addPixmap(pixmap)
    return icon


class DateEdit(QLineEdit):
    """A date the leader types in Danish, or picks in a calendar; ``optional`` may be empty.

    :meth:`value` is the last date read (``None`` for none). With a ``session``, typing not yet
    read waits in the session like the other fields (:meth:`PlanSession.flush` reads it).
    """

    committed = Signal(object)  # a new date (or None) was read: Return, leaving, calendar
    refused = Signal(str)  # the typed text is not a date; the Danish reason
    withdrawn = Signal(str)  # the refusal is cleared (the date was fixed); its old reason
    picked = Signal(object)  # a date was chosen in the calendar (after ``committed``)

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        optional: bool = True,
        session: PlanSession | None = None,
    ) -> None:
        super().__init__(parent)
        self.optional = optional
        self.session = session
        self._value: dt.date | None = None
        self._refusal = ""
        self.setPlaceholderText(self.tr("fx 1.3.2027") if optional else self.tr("skriv en dato"))
        self._tip = self.tr(
            "Skriv datoen, fx 1.3.2027 eller 1. marts 2027 – eller vælg i kalenderen (F4)"
        ) + (self.tr(". Tom: ingen dato.") if optional else ".")
        self.setToolTip(self._tip)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance(WIDEST) + 48)
        self.calendar_action = self.addAction(
            calendar_icon(self.palette().text().color()), QLineEdit.ActionPosition.TrailingPosition
        )
        self.calendar_action.setToolTip(self.tr("Vælg i kalenderen (F4)"))
        self.calendar_action.triggered.connect(self.open_calendar)
        self.calendar = QCalendarWidget(self)
        self.calendar.setWindowFlags(Qt.WindowType.Popup)
        self.calendar.setLocale(DANISH)
        self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.calendar.setHorizontalHeaderFormat(QCalendarWidget.HorizontalHeaderFormat.LongDayNames)
        self.calendar.setGridVisible(True)
        self.calendar.setAccessibleName(self.tr("Kalender"))
        self.calendar.clicked.connect(self._on_picked)
        self.calendar.activated.connect(self._on_picked)
        self.textEdited.connect(self._on_edit)
        if session is not None:
            self.destroyed.connect(lambda: session.drop_pending(self.read_typed))

    # --- the value ---------------------------------------------------------------------------

    def value(self) -> dt.date | None:
        return self._value

    def set_value(self, value: dt.date | None, *, force: bool = False) -> None:
        """Show a stored date, unless the leader's typing is still waiting to be read."""
        if not force and self.session is not None and self.session.is_pending(self.read_typed):
            return
        if self.session is not None:
            self.session.drop_pending(self.read_typed)
        self._value = value
        self._clear_refusal()
        self.setText(format_danish_date(value))

    def is_typing(self) -> bool:
        """True while the field holds text not yet read as its date."""
        return self.text() != format_danish_date(self._value)

    def commit(self) -> bool:
        """Read the typed text: True if it is a date (or empty where that is allowed)."""
        text = self.text()
        if not self.is_typing():
            self._clear_refusal()
            return True
        try:
            value = parse_danish_date(text) if text.strip() or not self.optional else None
        except DateError as error:
            self._refuse(str(error))
            return False
        if self.session is not None:
            self.session.drop_pending(self.read_typed)
        changed = value != self._value
        self._value = value
        self._clear_refusal()
        self.setText(format_danish_date(value))
        if changed:
            self.committed.emit(value)
        return True

    def read_typed(self) -> None:
        """What the session's flush calls: read the typing (a refused text stays waiting)."""
        if not self.commit() and self.session is not None:
            self.session.add_pending(self.read_typed)

    def refusal(self) -> str:
        """Why the typed text was refused, or ``""``."""
        return self._refusal

    def _refuse(self, message: str) -> None:
        self._refusal = message
        self.setToolTip(message)
        self.setAccessibleDescription(message)
        self.refused.emit(message)
        # After the notice bar (if any) has moved the field into place.
        QTimer.singleShot(0, self._show_refusal)

    def _show_refusal(self) -> None:
        if self._refusal and self.isVisible():
            QToolTip.showText(self.mapToGlobal(QPoint(0, self.height())), self._refusal, self)

    def _clear_refusal(self) -> None:
        if self._refusal:
            message, self._refusal = self._refusal, ""
            self.setToolTip(self._tip)
            self.setAccessibleDescription("")
            QToolTip.hideText()
            self.withdrawn.emit(message)

    def _on_edit(self, _text: str) -> None:
        if self.session is not None:
            self.session.add_pending(self.read_typed)

    # --- the calendar ------------------------------------------------------------------------

    def open_calendar(self) -> None:
        """Show the calendar under the field, at the typed date, the stored one or today."""
        try:
            shown = parse_danish_date(self.text())
        except DateError:
            shown = self._value or dt.date.today()
        self.calendar.setSelectedDate(QDate(shown.year, shown.month, shown.day))
        self.calendar.setCurrentPage(shown.year, shown.month)
        hint = self.calendar.sizeHint()
        metrics = self.calendar.fontMetrics()
        wide = max(metrics.horizontalAdvance(DANISH.dayName(day)) for day in range(1, 8))
        width = max(hint.width(), 7 * (wide + metrics.averageCharWidth() * 2) + 40)
        self.calendar.resize(width, hint.height())
        below = self.mapToGlobal(QPoint(0, self.height()))
        screen = self.screen().availableGeometry()
        x = max(screen.left(), min(below.x(), screen.right() - width))
        y = below.y()
        if y + hint.height() > screen.bottom():
            y = self.mapToGlobal(QPoint(0, 0)).y() - hint.height()
        self.calendar.move(x, y)
        self.calendar.show()
        self.calendar.setFocus(Qt.FocusReason.PopupFocusReason)

    def _on_picked(self, date: QDate) -> None:
        self.calendar.hide()
        value = date.toPython()
        self.setText(format_danish_date(value))  # type: ignore[arg-type]
        self.setFocus(Qt.FocusReason.PopupFocusReason)
        if self.commit():
            self.picked.emit(value)

    # --- keys and focus ----------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_F4 or (
            key == Qt.Key.Key_Down and event.modifiers() & Qt.KeyboardModifier.AltModifier
        ):
            self.open_calendar()
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.commit()
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if not self.calendar.isVisible():
            self.commit()


_Index = QModelIndex | QPersistentModelIndex


class DateDelegate(QStyledItemDelegate):
    """A table cell's date, edited in a :class:`DateEdit`.

    Return or leaving the cell stores what was typed; a text that is not a date keeps the
    field open with the text (Return) and the reason goes to ``refuse``, nothing is stored;
    when the text is fixed, the old reason goes to ``settle``.
    A date picked in the calendar is stored at once. An ``optional`` date may be emptied
    (clear the text, or press Delete in an empty field).
    """

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        optional: bool = True,
        refuse: Callable[[str], None] | None = None,
        settle: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.optional = optional
        self._refuse = refuse
        self._settle = settle

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: _Index) -> QWidget:
        editor = DateEdit(parent, optional=self.optional)
        editor.setFrame(False)
        if self._refuse is not None:
            editor.refused.connect(self._refuse)
        if self._settle is not None:
            editor.withdrawn.connect(self._settle)
        editor.picked.connect(lambda _date, e=editor: self._picked(e))
        return editor

    def _picked(self, editor: DateEdit) -> None:
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor: QWidget, index: _Index) -> None:
        if isinstance(editor, DateEdit) and not editor.is_typing():
            value = index.data(Qt.ItemDataRole.EditRole)
            if isinstance(value, dt.datetime):
                value = value.date()
            editor.set_value(value if isinstance(value, dt.date) else None)
            editor.selectAll()

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: _Index) -> None:
        # A refused text stores nothing; the reason went to ``refuse`` from commit().
        if (
            isinstance(editor, DateEdit)
            and editor.commit()
            and (editor.value() is not None or self.optional)
        ):
            model.setData(index, editor.value(), Qt.ItemDataRole.EditRole)

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:
        if (
            isinstance(editor, DateEdit)
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not editor.commit()
        ):
            return True  # the text stays in the open field, with the reason shown
        return super().eventFilter(editor, event)

    def updateEditorGeometry(
        self, editor: QWidget, option: QStyleOptionViewItem, index: _Index
    ) -> None:
        # The field with its calendar button may need more room than the cell: it grows to
        # the right, or to the left where the table ends, so the button is never cut off.
        rect = QRect(option.rect)
        rect.setWidth(max(rect.width(), editor.minimumWidth()))
        room = editor.parentWidget().width() if editor.parentWidget() is not None else 0
        if room and rect.right() >= room:
            rect.moveRight(room - 1)
            rect.setLeft(max(0, rect.left()))
        editor.setGeometry(rect)
