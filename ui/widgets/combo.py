"""Filling a combo box without losing the leader's choice."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox


def fill_combo(combo: QComboBox, items: list[tuple[str, object]]) -> bool:
    """Fill the combo if its items differ, keeping the choice; True if the choice was lost."""
    current = [(combo.itemText(i), combo.itemData(i)) for i in range(combo.count())]
    if current == items:
        return False
    chosen = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    for text, data in items:
        combo.addItem(text, data)
    index = combo.findData(chosen) if chosen is not None else 0
    combo.setCurrentIndex(max(index, 0))
    combo.blockSignals(False)
    return index < 0
