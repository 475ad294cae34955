"""The calm notice bar over a page (the main window's) or a guide step (the guide's)."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QWidget

#: The bar's colours: amber for a refusal or a warning, a calm blue for news that went well
#: (an import done, a plan deleted as asked).
WARNING = ("#fdf0d5", "#e0b252")
INFO = ("#e3eef9", "#8fb3d9")


def set_notice_kind(bar: QFrame, *, info: bool) -> None:
    """Colour the bar for a warning (amber) or for good news (``info``: calm blue)."""
    background, border = INFO if info else WARNING
    name = bar.objectName()
    bar.setStyleSheet(
        f"#{name} {{ background: {background}; border: 1px solid {border}; border-radius: 4px; }}"
    )
    bar.setProperty("info", info)


def notice_bar(parent: QWidget, name: str) -> tuple[QFrame, QLabel, QToolButton]:
    """A calm, hidden bar for a refused edit or a warning: (the bar, its text, its close button).

    Used by the main window and by the guide, which covers the main window's bar.
    """
    bar = QFrame(parent)
    bar.setObjectName(name)
    set_notice_kind(bar, info=False)
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
