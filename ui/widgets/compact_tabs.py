"""Tab bars whose tabs all stay in sight on a small screen.

On a 1366-pixel laptop with the Vejledning open, the goal editor's six tabs and Dialoger's four
did not fit, and Qt's scroll arrows let the first tab slide out of sight. :func:`fit_tabs`
turns the arrows off, gives the tabs a little less padding around their names (so the names
fit whole where they nearly did), and shortens names with "…" only when even that is not
enough – the tooltip then has the whole name.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProxyStyle, QStyle, QStyleOption, QTabWidget, QWidget

#: The share of the style's padding beside a tab's name that is kept.
PADDING_KEPT = 0.6


class _TighterTabs(QProxyStyle):
    """The application's style, with less room beside each tab's name."""

    def pixelMetric(
        self,
        metric: QStyle.PixelMetric,
        option: QStyleOption | None = None,
        widget: QWidget | None = None,
    ) -> int:
        value = super().pixelMetric(metric, option, widget)
        if metric == QStyle.PixelMetric.PM_TabBarTabHSpace:
            return round(value * PADDING_KEPT)
        return value


def fit_tabs(tabs: QTabWidget) -> None:
    """Every tab of ``tabs`` in sight: no scroll arrows, tighter padding, "…" at a name's end as
    a last resort (in the middle it cut a date's digits: "…0. feb.")."""
    tabs.setUsesScrollButtons(False)
    tabs.setElideMode(Qt.TextElideMode.ElideRight)
    bar = tabs.tabBar()
    style = _TighterTabs()  # works with the application's style, which it does not own
    style.setParent(bar)  # kept alive as long as the tab bar
    bar.setStyle(style)
