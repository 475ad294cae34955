"""The goal parts editor's table models: actions, indicators, measurements and who was
involved. Each edit is handed to a commit callback that stores it through the session."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from udviklingsplan_app.domain import (
    Action,
    Indicator,
    Involvement,
    Measurement,
    Party,
)
from udviklingsplan_app.formatting import danish_number, long_date, parse_number
from ui.widgets.autosave import plain

_Index = QModelIndex | QPersistentModelIndex
_DISPLAY = Qt.ItemDataRole.DisplayRole
_EDIT = Qt.ItemDataRole.EditRole
_CHECK = Qt.ItemDataRole.CheckStateRole
_ROLES_COMPARED = (_DISPLAY, _EDIT, _CHECK)

#: Stores the changes to one row; False when the edit was refused (the reason is shown).
Commit = Callable[[Any, dict[str, Any]], bool]


class Refused(ValueError):
    """A value that cannot be stored; the message is Danish and shown to the user."""


def _content(value: object) -> object:
    """A row's content without database ids (ids change on undo; the content does not)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return tuple(
            (f.name, _content(getattr(value, f.name)))
            for f in dataclasses.fields(value)
            if f.name != "id"
        )
    if isinstance(value, list | tuple):
        return tuple(_content(v) for v in value)
    return value


def _as_date(value: object) -> dt.date | None:
    if isinstance(value, QDate):
        if not value.isValid():
            return None
        result = value.toPython()
        return result if isinstance(result, dt.date) else None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return None


def _checked(value: Any) -> bool:
    if isinstance(value, Qt.CheckState):
        return value == Qt.CheckState.Checked
    try:
        return bool(int(value) == Qt.CheckState.Checked.value)
    except (TypeError, ValueError):
        return bool(value)


# --- models --------------------------------------------------------------------------------


class PartsModel(QAbstractTableModel):
    """The rows of one kind of part of the goal on screen (its actions, indicators …).

    :meth:`set_rows` shows new rows by inserting, removing and changing only what differs,
    so views keep their selection and open editors. ``setData`` turns an edit into changes
    and hands them to ``commit``.
    """

    def __init__(
        self,
        commit: Commit | None = None,
        refuse: Callable[[str], None] | None = None,
        parent: Any = None,
        *,
        settle: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []
        self._commit = commit
        self._refuse = refuse
        self._settle = settle  # told the last refusal's reason once a later edit is read
        self._refusal = ""
        self._headers: tuple[str, ...] = ()

    # --- rows ----------------------------------------------------------------------------

    def rows(self) -> list[Any]:
        return list(self._rows)

    def row(self, number: int) -> Any:
        return self._rows[number]

    def reset_rows(self, rows: Sequence[Any]) -> None:
        """Show other rows altogether (another goal): selection and editors start afresh."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def set_rows(self, rows: Sequence[Any]) -> None:
        """Show the rows of a reloaded goal, changing only what differs."""
        old, new = self._rows, list(rows)
        keys_old = [_content(r) for r in old]
        keys_new = [_content(r) for r in new]
        start = 0
        while start < min(len(old), len(new)) and keys_old[start] == keys_new[start]:
            start += 1
        end = 0  # rows equal at the end
        while (
            end < min(len(old), len(new)) - start
            and keys_old[len(old) - 1 - end] == keys_new[len(new) - 1 - end]
        ):
            end += 1
        removed = len(old) - end - start
        added = len(new) - end - start
        common = min(removed, added)
        if removed > added:
            self.beginRemoveRows(QModelIndex(), start + common, start + removed - 1)
            self._rows = old[: start + common] + old[start + removed :]
            self.endRemoveRows()
        elif added > removed:
            self.beginInsertRows(QModelIndex(), start + common, start + added - 1)
            self._rows = (
                old[: start + common] + new[start + common : start + added] + old[start + removed :]
            )
            self.endInsertRows()
        before = list(self._rows)
        self._rows = new  # the same content, with the ids of the reloaded plan
        for row in range(start, start + common):
            self._emit_changed_cells(row, before[row], new[row])

    def _emit_changed_cells(self, row: int, old: Any, new: Any) -> None:
        # Cell by cell: a whole-row signal would reset an editor open in another cell.
        for column in range(len(self._headers)):
            if any(
                self._data(old, column, role) != self._data(new, column, role)
                for role in _ROLES_COMPARED
            ):
                index = self.index(row, column)
                self.dataChanged.emit(index, index)

    # --- Qt's model interface ------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if role != _DISPLAY:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._headers[section] if 0 <= section < len(self._headers) else None
        return str(section + 1)

    def _valid(self, index: _Index) -> bool:
        return (
            index.isValid()
            and 0 <= index.row() < len(self._rows)
            and 0 <= index.column() < len(self._headers)
        )

    def data(self, index: _Index, role: int = _DISPLAY) -> Any:
        if not self._valid(index):
            return None
        return self._data(self._rows[index.row()], index.column(), role)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not self._valid(index):
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | self._flags(index.column())
        )

    def setData(self, index: _Index, value: Any, role: int = _EDIT) -> bool:
        if not self._valid(index) or self._commit is None:
            return False
        item = self._rows[index.row()]
        try:
            changes = self._changes(item, index.column(), value, role)
        except Refused as refusal:
            self._refusal = str(refusal)
            if self._refuse is not None:
                self._refuse(self._refusal)
            return False
        if changes is None:
            return False
        if self._refusal:  # the text refused before is fixed (or given up): no news now
            message, self._refusal = self._refusal, ""
            if self._settle is not None:
                self._settle(message)
        # An editor closed without a change stores nothing (and adds no step to undo).
        changes = {k: v for k, v in changes.items() if getattr(item, k) != v}
        if not changes:
            return True
        return self._commit(item, changes)

    # --- what each kind of part fills in -------------------------------------------------

    def _data(self, item: Any, column: int, role: int) -> Any:
        return None

    def _flags(self, column: int) -> Qt.ItemFlag:
        return Qt.ItemFlag.NoItemFlags

    def _changes(self, item: Any, column: int, value: Any, role: int) -> dict[str, Any] | None:
        return None


def shortened(text: str, length: int = 28) -> str:
    # A group box title does not wrap; a long name would make the whole window wider.
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def _text_tip(text: str) -> str | None:
    # The whole text when the cell shows it on one line.
    return text if "\n" in text or len(text) > 40 else None


class ActionsModel(PartsModel):
    """Handlinger: text, responsible, deadline, done."""

    TEXT, RESPONSIBLE, DEADLINE, DONE = range(4)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._headers = (
            self.tr("Handling"),
            self.tr("Ansvarlig"),
            self.tr("Frist"),
            self.tr("Udført"),
        )

    def _data(self, item: Action, column: int, role: int) -> Any:
        if column == self.DONE:
            if role == _CHECK:
                return Qt.CheckState.Checked if item.done else Qt.CheckState.Unchecked
            if role == Qt.ItemDataRole.AccessibleTextRole:
                return self.tr("Udført") if item.done else self.tr("Ikke udført")
            if role == Qt.ItemDataRole.ToolTipRole:
                return self.tr("Sæt flueben, når handlingen er udført")
            return None
        if role == _DISPLAY:
            return (plain(item.text), plain(item.responsible), long_date(item.deadline))[column]
        if role == _EDIT:
            return (item.text, item.responsible, item.deadline)[column]
        if role == Qt.ItemDataRole.ToolTipRole and column == self.TEXT:
            return _text_tip(item.text)
        return None

    def _flags(self, column: int) -> Qt.ItemFlag:
        if column == self.DONE:
            return Qt.ItemFlag.ItemIsUserCheckable
        return Qt.ItemFlag.ItemIsEditable

    def _changes(self, item: Action, column: int, value: Any, role: int) -> dict[str, Any] | None:
        if column == self.DONE:
            return {"done": _checked(value)} if role == _CHECK else None
        if role != _EDIT:
            return None
        if column == self.TEXT:
            text = str(value or "").strip()
            if not text:
                raise Refused(
                    self.tr("En handling skal have en tekst – eller slet den med »Slet handling«.")
                )
            return {"text": text}
        if column == self.RESPONSIBLE:
            return {"responsible": str(value or "").strip()}
        return {"deadline": _as_date(value)}


class IndicatorsModel(PartsModel):
    """Indikatorer: name, unit, baseline, target, and the latest measurement (read-only)."""

    NAME, UNIT, BASELINE, TARGET, LATEST = range(5)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._headers = (
            self.tr("Navn"),
            self.tr("Enhed"),
            self.tr("Udgangspunkt"),
            self.tr("Mål"),
            self.tr("Seneste"),
        )

    def _data(self, item: Indicator, column: int, role: int) -> Any:
        if role in (_DISPLAY, _EDIT):
            if column == self.NAME:
                return item.name if role == _EDIT else plain(item.name)
            if column == self.UNIT:
                return item.unit
            if column == self.BASELINE:
                return danish_number(item.baseline)
            if column == self.TARGET:
                return danish_number(item.target)
            latest = item.latest
            if latest is None or role == _EDIT:
                return "" if role == _DISPLAY else None
            return f"{danish_number(latest.value)} ({long_date(latest.date)})"
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.BASELINE, self.TARGET):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.LATEST:
                return self.tr("Den seneste måling – tilføj målinger under tabellen")
            if column in (self.BASELINE, self.TARGET):
                return self.tr("Et tal, fx 12,5 – eller tomt")
            if column == self.NAME:
                return _text_tip(item.name)
        return None

    def _flags(self, column: int) -> Qt.ItemFlag:
        return Qt.ItemFlag.NoItemFlags if column == self.LATEST else Qt.ItemFlag.ItemIsEditable

    def _changes(
        self, item: Indicator, column: int, value: Any, role: int
    ) -> dict[str, Any] | None:
        if role != _EDIT or column == self.LATEST:
            return None
        if column == self.NAME:
            name = str(value or "").strip()
            if not name:
                raise Refused(self.tr("En indikator skal have et navn."))
            return {"name": name}
        if column == self.UNIT:
            return {"unit": str(value or "").strip()}
        field = "baseline" if column == self.BASELINE else "target"
        if value is None or (isinstance(value, int | float) and not isinstance(value, bool)):
            number = None if value is None else float(value)
        else:
            try:
                number = parse_number(str(value))
            except ValueError:
                raise Refused(
                    self.tr(
                        "»%1« er ikke et tal. Skriv fx 12,5 – eller lad feltet stå tomt."
                    ).replace("%1", str(value).strip())
                ) from None
        return {field: number}


class MeasurementsModel(PartsModel):
    """Målinger of one indicator: date and value, oldest first; both edited in place."""

    DATE, VALUE = range(2)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._headers = (self.tr("Dato"), self.tr("Værdi"))

    def _data(self, item: Measurement, column: int, role: int) -> Any:
        if role == _DISPLAY:
            return long_date(item.date) if column == self.DATE else danish_number(item.value)
        if role == _EDIT:
            # The value is edited as the Danish text shown ("12,5"), like an indicator's numbers.
            return item.date if column == self.DATE else danish_number(item.value)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.VALUE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.VALUE:
                return self.tr("Et tal, fx 12,5 – dobbeltklik eller tryk F2 for at rette det")
            return self.tr("Dobbeltklik eller tryk F2 for at rette datoen")
        return None

    def _flags(self, column: int) -> Qt.ItemFlag:
        return Qt.ItemFlag.ItemIsEditable

    def _changes(
        self, item: Measurement, column: int, value: Any, role: int
    ) -> dict[str, Any] | None:
        if role != _EDIT:
            return None
        if column == self.DATE:
            date = _as_date(value)
            if date is None:
                raise Refused(self.tr("En måling skal have en dato."))
            return {"date": date}
        if isinstance(value, int | float) and not isinstance(value, bool):
            number: float | None = float(value)
        else:
            text = str(value or "").strip()
            try:
                number = parse_number(text)
            except ValueError:
                raise Refused(
                    self.tr("»%1« er ikke et tal. Skriv målingens værdi som fx 12,5.").replace(
                        "%1", text
                    )
                ) from None
            if number is None:
                raise Refused(
                    self.tr(
                        "En måling skal have en værdi. Skriv et tal, fx 12,5 – eller slet "
                        "målingen med »Slet måling«."
                    )
                )
        return {"value": number}


class InvolvementModel(PartsModel):
    """Inddragelse: party, date, form, and what came of it."""

    PARTY, DATE, FORM, OUTCOME = range(4)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._headers = (self.tr("Part"), self.tr("Dato"), self.tr("Form"), self.tr("Resultat"))

    def _data(self, item: Involvement, column: int, role: int) -> Any:
        if role == _DISPLAY:
            return (
                item.party.label,
                long_date(item.date),
                plain(item.form),
                plain(item.outcome),
            )[column]
        if role == _EDIT:
            return (item.party.value, item.date, item.form, item.outcome)[column]
        if role == Qt.ItemDataRole.ToolTipRole and column in (self.FORM, self.OUTCOME):
            return _text_tip(item.form if column == self.FORM else item.outcome)
        return None

    def _flags(self, column: int) -> Qt.ItemFlag:
        return Qt.ItemFlag.ItemIsEditable

    def _changes(
        self, item: Involvement, column: int, value: Any, role: int
    ) -> dict[str, Any] | None:
        if role != _EDIT:
            return None
        if column == self.PARTY:
            try:
                return {"party": Party(value)}
            except ValueError:
                raise Refused(self.tr("Vælg en part fra listen.")) from None
        if column == self.DATE:
            return {"date": _as_date(value)}
        field = "form" if column == self.FORM else "outcome"
        return {field: str(value or "").strip()}
