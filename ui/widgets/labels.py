"""Small helpers for labels and texts that pages, editors and the guide all use."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel, QWidget

from udviklingsplan_app.framework import Vision


def muted_label(text: str, parent: QWidget) -> QLabel:
    """A smaller, quieter label for explanations under a heading."""
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 0.9)
    label.setFont(font)
    palette = label.palette()
    palette.setColor(
        QPalette.ColorRole.WindowText, palette.color(QPalette.ColorRole.PlaceholderText)
    )
    label.setPalette(palette)
    return label


def with_mnemonic(text: str, taken: set[str] | str) -> str:
    """``text`` with ``&`` before a letter that Alt+letter jumps to.

    ``taken`` as a set: the letters already used; the first letter of ``text`` not among them
    gets the ``&`` and is marked used. ``taken`` as a string: that letter itself (the first
    ``letter`` in ``text``; unchanged if it has none).
    """
    if isinstance(taken, str):
        at = text.find(taken)
        return text if at < 0 else text[:at] + "&" + text[at:]
    for index, char in enumerate(text):
        if char.isalpha() and char.casefold() not in taken:
            taken.add(char.casefold())
            return text[:index] + "&" + text[index:]
    return text


def vision_label(vision: Vision) -> str:
    """``1 Borgeren i centrum``: a vision's code and title."""
    return f"{vision.code} {vision.title}"


def rich(text: str) -> str:
    """Free text as rich text that shows exactly those characters."""
    return html.escape(text).replace("\n", "<br>")
