"""A word-wrapped label that never shows a text cut off in the middle of a line.

Where the room is scarce (150 % on a small laptop) a layout may give a wrapped label less
height than its text needs, and the last lines are then cut through. :class:`FittedText` keeps
the label's minimum height at what its text needs, up to ``lines`` lines; a longer text is
shortened with "…" and the whole text is the label's tooltip.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, Qt
from PySide6.QtWidgets import QLabel

ELLIPSIS = "…"


class FittedText(QObject):
    """Shows ``label``'s text (set with :meth:`set_text`) in at most ``lines`` lines."""

    def __init__(self, label: QLabel, lines: int) -> None:
        super().__init__(label)
        self.label = label
        self.lines = lines
        self.text = ""
        label.setWordWrap(True)
        label.installEventFilter(self)

    def set_text(self, text: str) -> None:
        self.text = text
        self.fit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.label and event.type() == QEvent.Type.Resize:
            self.fit()
        return False

    def _height(self, text: str, width: int) -> int:
        bounds = QRect(0, 0, width, 1 << 20)
        flags = Qt.TextFlag.TextWordWrap.value
        return self.label.fontMetrics().boundingRect(bounds, flags, text).height()

    def fit(self) -> None:
        label = self.label
        width = label.contentsRect().width() - 2 * label.margin()
        shown = self.text
        if width > 0 and self.text:
            most = label.fontMetrics().lineSpacing() * self.lines
            if self._height(shown, width) > most:
                low, high = 0, len(self.text)
                while low < high:  # the longest start that fits with "…"
                    middle = (low + high + 1) // 2
                    if self._height(self.text[:middle].rstrip() + ELLIPSIS, width) <= most:
                        low = middle
                    else:
                        high = middle - 1
                shown = self.text[:low].rstrip() + ELLIPSIS
        if label.text() != shown:
            label.setText(shown)
        label.setToolTip(self.text if shown != self.text else "")
        needed = self._height(shown, width) if width > 0 and shown else 0
        margins = label.contentsMargins()
        label.setMinimumHeight(needed + margins.top() + margins.bottom() + 2 * label.margin())
