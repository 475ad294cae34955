"""A text field that grows with its text."""

from __future__ import annotations

from PySide6.QtWidgets import QPlainTextEdit, QWidget

MIN_LINES, MAX_LINES = 4, 14


class GrowingTextEdit(QPlainTextEdit):
    """A text field that grows with its text, from a few lines up to a screenful."""

    def __init__(self, parent: QWidget | None = None, min_lines: int = MIN_LINES) -> None:
        super().__init__(parent)
        self._min_lines = min_lines
        self.setTabChangesFocus(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.document().documentLayout().documentSizeChanged.connect(self._fit)
        self._fit()

    def _fit(self, *_: object) -> None:
        # A plain text layout measures its height in lines, not pixels.
        lines = int(self.document().documentLayout().documentSize().height())
        lines = min(max(lines, self._min_lines), MAX_LINES)
        margins = self.contentsMargins()
        height = (
            lines * self.fontMetrics().lineSpacing()
            + int(2 * self.document().documentMargin())
            + margins.top()
            + margins.bottom()
            + 2 * self.frameWidth()
        )
        if height != self.height():
            self.setFixedHeight(height)
