"""Table models of the manager's overview (:mod:`ui.rollup`): units × visions, and the files.

They only show what :func:`udviklingsplan_app.rollup.overview` and
:func:`udviklingsplan_app.exchange.rollup_excel.file_lines` answer; every count is as the
leaders wrote it, nothing is turned into a percentage.
"""

from __future__ import annotations

import textwrap
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from udviklingsplan_app.exchange.rollup_excel import (
    FILE_REFUSED,
    FILE_REPLACED,
    FILE_UNREAD,
    cell_summary,
    file_lines,
    status_text,
)
from udviklingsplan_app.formatting import danish_date
from udviklingsplan_app.rollup import Overview, Rollup, Unit, UnitGoal, UnitRow, status_counts

_Index = QModelIndex | QPersistentModelIndex

#: An empty cell (the unit has no goal in the vision) and a vision no unit covers.
EMPTY_COLOUR = QColor("#fde8d7")
UNCOVERED_COLOUR = QColor("#f8d0c8")
MANAGER_COLOUR = QColor("#e4eef8")
MARK_COLOUR = QColor("#fff4c2")
#: What the table's first columns show; the visions follow, then :data:`TAIL`.
HEAD = ("Arbejdsplads", "Leder", "Niveau")
TAIL = ("Status", "Dialoger", "Mangler vision", "Eksporteret", "Cyklus", "Bemærkninger")
#: A role with the unit a row shows (``None`` for the manager's own row).
UNIT_ROLE = Qt.ItemDataRole.UserRole + 1
#: A role with the number of goals in a vision cell (``None`` in other columns).
COUNT_ROLE = Qt.ItemDataRole.UserRole + 2


class RollupModel(QAbstractTableModel):
    """One row per unit (the manager's own plan first, when there is one), one column per
    vision between the unit's particulars and its status counts, dialogues and marks."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.view: Overview | None = None
        self.titles = True

    def set_overview(self, view: Overview | None) -> None:
        self.beginResetModel()
        self.view = view
        self.endResetModel()

    def show_titles(self, titles: bool) -> None:
        """Goal titles in the vision cells (``True``) or only their counts."""
        self.beginResetModel()
        self.titles = titles
        self.endResetModel()

    @property
    def has_manager(self) -> bool:
        return self.view is not None and self.view.manager is not None

    def unit_rows(self) -> tuple[UnitRow, ...]:
        return self.view.rows if self.view is not None else ()

    def unit_at(self, row: int) -> Unit | None:
        """The unit shown in ``row`` (``None`` for the manager's own plan)."""
        row -= 1 if self.has_manager else 0
        rows = self.unit_rows()
        return rows[row].unit if 0 <= row < len(rows) else None

    def vision_at(self, column: int) -> str | None:
        if self.view is None:
            return None
        column -= len(HEAD)
        return self.view.columns[column].id if 0 <= column < len(self.view.columns) else None

    def column_name(self, column: int) -> str | None:
        """The header of a column that is not a vision (``None`` for a vision's column)."""
        if self.view is None or self.vision_at(column) is not None:
            return None
        if column < len(HEAD):
            return HEAD[column]
        tail = column - len(HEAD) - len(self.view.columns)
        return TAIL[tail] if 0 <= tail < len(TAIL) else None

    def column_of(self, name: str) -> int:
        """The column headed ``name`` (one of :data:`HEAD` and :data:`TAIL`)."""
        if name in HEAD:
            return HEAD.index(name)
        columns = len(self.view.columns) if self.view is not None else 0
        return len(HEAD) + columns + TAIL.index(name)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self.view is None:
            return 0
        return len(self.view.rows) + (1 if self.has_manager else 0)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self.view is None:
            return 0
        return len(HEAD) + len(self.view.columns) + len(TAIL)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or self.view is None:
            return None
        vision = self.vision_at(section)
        uncovered = vision is not None and vision in self.view.uncovered
        if role == Qt.ItemDataRole.DisplayRole:
            if vision is not None:
                label = "\n".join(textwrap.wrap(self.view.column(vision).label, 22))
                return f"{label}\n(ikke dækket)" if uncovered else label
            return self.column_name(section)
        if role == Qt.ItemDataRole.ToolTipRole and vision is not None:
            count = self.view.count(vision)
            text = f"{self.view.column(vision).label}: {count} mål i alt"
            return text + (" – ingen enhed har et mål her." if uncovered else ".")
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.view is None:
            return None
        row, column = index.row(), index.column()
        if self.has_manager and row == 0:
            return self._manager_data(column, role)
        unit_row = self.view.rows[row - (1 if self.has_manager else 0)]
        vision = self.vision_at(column)
        if role == UNIT_ROLE:
            return unit_row.unit
        if vision is not None:
            return self._cell_data(unit_row.cells.get(vision, ()), vision, role)
        name = self.column_name(column)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(unit_row, name)
        if role == Qt.ItemDataRole.ToolTipRole:
            if name == "Mangler vision":
                return "\n".join(self.view.column(v).label for v in unit_row.missing) or None
            text = self._text(unit_row, name)
            return text if text and name in TAIL else None
        if role == Qt.ItemDataRole.BackgroundRole and name in ("Bemærkninger", "Eksporteret"):
            old = name == "Eksporteret" and any(m.startswith("Gammel") for m in unit_row.marks)
            return (
                QBrush(MARK_COLOUR) if (name == "Bemærkninger" and unit_row.marks) or old else None
            )
        return None

    def _text(self, unit_row: UnitRow, name: str | None) -> str:
        assert self.view is not None
        unit = unit_row.unit
        if name == "Arbejdsplads":
            return unit.name
        if name == "Leder":
            return unit.leader
        if name == "Niveau":
            return str(unit.level) if unit.level else ""
        if name == "Eksporteret":
            exported = danish_date(unit.exported) if unit.exported else "ukendt"
            if unit.exported and unit.exported_from_file_time:
                exported += " (filen gemt)"
            return exported
        if name == "Cyklus":
            return unit.cycle_label
        if name == "Status":
            return status_text(unit_row.statuses).replace("\n", " · ")
        if name == "Dialoger":
            return f"Afholdt: {unit_row.dialogues_held} · planlagt: {unit_row.dialogues_planned}"
        if name == "Mangler vision":
            return ", ".join(self.view.column(v).code for v in unit_row.missing) or "–"
        if name == "Bemærkninger":
            return "\n".join(unit_row.marks)
        return ""

    def _cell_data(self, goals: tuple[UnitGoal, ...], vision: str, role: int) -> Any:
        assert self.view is not None
        if role == Qt.ItemDataRole.DisplayRole:
            if not goals or self.titles:
                return cell_summary(goals)
            return f"{len(goals)} mål"
        if role == COUNT_ROLE:
            return len(goals)
        if role == Qt.ItemDataRole.ToolTipRole:
            return cell_summary(goals) if goals else None
        if role == Qt.ItemDataRole.BackgroundRole and not goals:
            uncovered = vision in self.view.uncovered
            return QBrush(UNCOVERED_COLOUR if uncovered else EMPTY_COLOUR)
        if role == Qt.ItemDataRole.ForegroundRole and not goals:
            return QBrush(QColor("#8a3b12"))
        return None

    def _manager_data(self, column: int, role: int) -> Any:
        assert self.view is not None and self.view.manager is not None
        vision = self.vision_at(column)
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(MANAGER_COLOUR)
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(column == 0)
            return font
        if vision is not None:
            goals = self.view.manager.get(vision, ())
            if role == Qt.ItemDataRole.DisplayRole:
                return cell_summary(goals) if self.titles or not goals else f"{len(goals)} mål"
            if role == COUNT_ROLE:
                return len(goals)
            if role == Qt.ItemDataRole.ToolTipRole:
                return cell_summary(goals) if goals else None
            return None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == 0:
            return self.view.manager_workplace or "Din egen plan"
        if column == 1:
            return "Din egen plan"
        if column == self.column_of("Status"):
            goals = [g for cell in self.view.manager.values() for g in cell]
            return status_text(status_counts(goals)).replace("\n", " · ")
        return ""


class RollupFilesModel(QAbstractTableModel):
    """Every file: read, replaced by a newer export, refused (with the reason) or not read."""

    HEADERS = ("Fil", "Resultat", "Detaljer")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.lines: list[tuple[str, str, str]] = []

    def set_rollup(self, rollup: Rollup | None) -> None:
        self.beginResetModel()
        self.lines = file_lines(rollup) if rollup is not None else []
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.lines)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        line = self.lines[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return line[index.column()]
        if role == Qt.ItemDataRole.BackgroundRole and line[1] in (
            FILE_REFUSED,
            FILE_REPLACED,
            FILE_UNREAD,
        ):
            return QBrush(EMPTY_COLOUR if line[1] == FILE_REFUSED else MARK_COLOUR)
        return None
