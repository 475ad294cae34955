"""The overview's models: the years × visions grid and the guidance findings (model/view).

Both are on screen at start, so they avoid Qt's ``Qt`` enum namespace: creating it costs
20–30 ms, more than the rest of the first window. The grid is a ``QStandardItemModel`` filled
once per change (20 cells at most, painted without calling Python); the findings model compares
roles as the plain integers Qt passes to ``data()``.
"""

from __future__ import annotations

import textwrap

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex
from PySide6.QtGui import QColor, QStandardItem, QStandardItemModel

from udviklingsplan_app.domain import Plan, Severity
from udviklingsplan_app.framework import Framework
from udviklingsplan_app.guidance import Finding

_Index = QModelIndex | QPersistentModelIndex

# Qt::ItemDataRole and Qt::AlignmentFlag values (stable parts of Qt's ABI).
DISPLAY_ROLE, TOOLTIP_ROLE, ALIGNMENT_ROLE, BACKGROUND_ROLE, FOREGROUND_ROLE = 0, 3, 7, 8, 9
USER_ROLE = 0x0100
ALIGN_TOP_LEFT = 0x0001 | 0x0020

COVERED = QColor("#dcefdc")
UNCOVERED = QColor("#fbe7c6")
FOCUS = QColor("#ddebf7")  # a year's chosen focus without a goal yet
SEVERITY_COLOURS = {
    Severity.FEJL: QColor("#b3261e"),
    Severity.ADVARSEL: QColor("#8a5300"),
    Severity.TIP: QColor("#1f5e8c"),
}


class OverviewModel(QStandardItemModel):
    """Years (rows) × visions (columns): how many goals, with their titles.

    Each cell's display text is the count and the titles; ``USER_ROLE`` holds the count.
    A vision the year focuses on (``Plan.focus``) says "Fokus".
    """

    def set_plan(self, plan: Plan | None, framework: Framework | None) -> None:
        self.clear()
        if plan is None or framework is None:
            return
        titles: dict[tuple[int, str], list[str]] = {}
        for goal in plan.goals:
            titles.setdefault((goal.year, goal.vision), []).append(goal.title)
        covered = {vision for _, vision in titles}
        visions = framework.visions
        self.setRowCount(plan.years)
        self.setColumnCount(len(visions))
        # Headers do not wrap by themselves; long titles get line breaks (see wrap_headers).
        self._headers = [(v.code, v.title) for v in visions]
        self.setHorizontalHeaderLabels([self._header(n, 30) for n in range(len(visions))])
        self.setVerticalHeaderLabels([str(plan.first_year + row) for row in range(plan.years)])
        for row in range(plan.years):
            for column, vision in enumerate(visions):
                year = plan.first_year + row
                cell = titles.get((year, vision.id), [])
                focus = vision.id in plan.focus.get(year, ())
                self.setItem(row, column, self._cell(cell, vision.id in covered, focus))

    def _header(self, column: int, width: int) -> str:
        code, title = self._headers[column]
        return f"{code}\n" + textwrap.fill(title, max(width, 8), break_long_words=False)

    def wrap_headers(self, widths: list[int]) -> None:
        """Break the column titles into lines of at most ``widths[column]`` characters."""
        for column, width in enumerate(widths[: len(getattr(self, "_headers", []))]):
            text = self._header(column, width)
            item = self.horizontalHeaderItem(column)  # made by setHorizontalHeaderLabels
            if item is not None and item.text() != text:
                item.setText(text)

    def _cell(self, titles: list[str], covered: bool, focus: bool = False) -> QStandardItem:
        item = QStandardItem()
        item.setEditable(False)
        if titles:
            count = self.tr("1 mål") if len(titles) == 1 else self.tr("%n mål", "", len(titles))
            if focus:
                count = self.tr("Fokus · %1").replace("%1", count)
            item.setData(count + "\n" + "\n".join(f"• {t}" for t in titles), DISPLAY_ROLE)
            item.setData("\n".join(titles), TOOLTIP_ROLE)
            item.setData(COVERED, BACKGROUND_ROLE)
        elif focus:
            item.setData(self.tr("Fokus – intet mål endnu"), DISPLAY_ROLE)
            item.setData(self.tr("Året har fokus her, men endnu intet udviklingsmål"), TOOLTIP_ROLE)
            item.setData(FOCUS, BACKGROUND_ROLE)
        else:
            item.setData("–", DISPLAY_ROLE)
            if not covered:
                item.setData(UNCOVERED, BACKGROUND_ROLE)
        item.setData(ALIGN_TOP_LEFT, ALIGNMENT_ROLE)
        item.setData(len(titles), USER_ROLE)
        return item


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

    def data(self, index: _Index, role: int = DISPLAY_ROLE) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._findings):
            return None
        finding = self._findings[index.row()]
        if role == DISPLAY_ROLE:
            return f"{finding.severity.label}: {finding.message}"
        if role == FOREGROUND_ROLE:
            return SEVERITY_COLOURS[finding.severity]
        if role == TOOLTIP_ROLE:
            return finding.message
        return None
