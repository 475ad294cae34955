"""The calm notice bar over a page (the main window's) or a guide step (the guide's)."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QWidget


def notice_bar(parent: QWidget, name: str) -> tuple[QFrame, QLabel, QToolButton]:
    """A calm, hidden bar for a refused edit or a warning: (the bar, its text, its close button).

    Used by the main window and by the guide, which covers the main window's bar.
    """
    bar = QFrame(parent)
    bar.setObjectName(name)
    bar.setStyleSheet(
        f"#{name} {{ background: #fdf0d5; border: 1px solid #e0b252; border-radius: 4px; }}"
    )
    layout = QHBoxLayout(bar)
    layout.setContentsMargins(8, 4, 4, 4)
    text = QLabel(bar)
    text.setWordWrap(True)
    close = QToolButton(bar)
    close.setText("✕")
    close.setAccessibleName(bar.tr("Luk beskeden"))
    close.setToolTip(bar.tr("Luk beskeden"))
    layout.addWidget(text, 1)
    layout.addWidget(close)
    bar.hide()
    return bar, text, close
