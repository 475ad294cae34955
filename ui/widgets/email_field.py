"""The field for the leader's manager's e-mail address (plan details and the guide's first step)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLineEdit, QWidget


def manager_email_field(parent: QWidget) -> QLineEdit:
    """A line for the address the draft to the manager is written to (it may stay empty)."""
    field = QLineEdit(parent)
    field.setPlaceholderText(
        QCoreApplication.translate("EmailField", "fx navn@kk.dk – til e-mailen med planen")
    )
    field.setToolTip(
        QCoreApplication.translate(
            "EmailField",
            "Når du sender planen til din leder, bliver e-mailen skrevet til denne adresse. "
            "Kan stå tom.",
        )
    )
    return field
