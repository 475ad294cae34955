"""Table and list models over the core's plain data (model/view, no item widgets)."""

from __future__ import annotations

import textwrap

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from udviklingsplan_app.domain import Plan, Severity
from udviklingsplan_app.framework import Framework
from udviklingsplan_app.guidance import Finding

_Index = QModelIndex | QPersistentModelIndex
COVERED = QColor("#dcefdc")
UNCOVERED = QColor("#fbe7c6")
SEVERITY_COLOURS = {
    Severity.FEJL: QColor("#b3261e"),
    Severity.ADVARSEL: QColor("#8a5300"),
    Severity.TIP: QColor("#1f5e8c"),
}


class OverviewModel(QAbstractTableModel):
    """Years (rows) × visions (columns): how many goals, with their titles."""

    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._plan: Plan | None = None
        self._framework: Framework | None = None
        self._titles: dict[tuple[int, str], list[str]] = {}
        self._covered_visions: set[str] = set()

    def set_plan(self, plan: Plan | None, framework: Framework | None) -> None:
        self.beginResetModel()
        self._plan, self._framework = plan, framework
        # Titles per (year, vision) and the covered visions, worked out once, not per paint.
        self._titles: dict[tuple[int, str], list[str]] = {}
        for goal in plan.goals if plan else []:
            self._titles.setdefault((goal.year, goal.vision), []).append(goal.title)
        self._covered_visions = {vision for _, vision in self._titles}
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self._plan is None else self._plan.years

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self._framework is None else len(self._framework.visions)

    def _cell(self, row: int, column: int) -> list[str]:
        assert self._plan is not None and self._framework is not None
        year = self._plan.first_year + row
        return self._titles.get((year, self._framework.visions[column].id), [])

    def _covered(self, column: int) -> bool:
        assert self._framework is not None
        return self._framework.visions[column].id in self._covered_visions

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or self._plan is None:
            return None
        titles = self._cell(index.row(), index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            if not titles:
                return "–"
            count = self.tr("1 mål") if len(titles) == 1 else self.tr("%n mål", "", len(titles))
            return count + "\n" + "\n".join(f"• {t}" for t in titles)
        if role == Qt.ItemDataRole.ToolTipRole and titles:
            return "\n".join(titles)
        if role == Qt.ItemDataRole.BackgroundRole:
            if titles:
                return QBrush(COVERED)
            return None if self._covered(index.column()) else QBrush(UNCOVERED)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        if role == Qt.ItemDataRole.UserRole:
            return len(titles)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if role != Qt.ItemDataRole.DisplayRole or self._plan is None or self._framework is None:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(self._plan.first_year + section)
        vision = self._framework.visions[section]
        # Headers do not wrap by themselves; long focus-area titles get line breaks.
        return f"{vision.code}\n" + textwrap.fill(vision.title, 30)


class FindingsModel(QAbstractListModel):
    """The guidance findings, most serious first."""

    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._findings: list[Finding] = []

    def set_findings(self, findings: list[Finding]) -> None:
        self.beginResetModel()
        self._findings = list(findings)
        self.endResetModel()

    def finding(self, row: int) -> Finding:
        return self._findings[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._findings)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._findings):
            return None
        finding = self._findings[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{finding.severity.label}: {finding.message}"
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(SEVERITY_COLOURS[finding.severity])
        if role == Qt.ItemDataRole.ToolTipRole:
            return finding.message
        return None
