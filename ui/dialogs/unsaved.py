"""The one "Noget er ikke gemt" prompt: typing that could not be stored, before going on.

Every text field stores after a pause in typing; a refused value (too long, a busy disk)
waits, with its reason in ``session.last_failure``. Before something that needs everything
stored (opening a guide, a restore) the leader puts it right first; before closing, the
leader may choose to let it go.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

if TYPE_CHECKING:
    from ui.session import PlanSession


def _tr(text: str) -> str:
    return QCoreApplication.translate("Unsaved", text)


TITLE = "Noget er ikke gemt"


def _not_stored(failure: str) -> str:
    return _tr("Noget af det, du har skrevet, kunne ikke gemmes:\n%1").replace("%1", failure)


def stored_first(parent: QWidget, session: PlanSession, afterwards: str) -> bool:
    """Store what waits; True if all of it is stored. Otherwise say so and return False.

    ``afterwards`` ends the message: "Ret eller fortryd det først; så kan du *afterwards*
    bagefter." (e.g. "åbne guiden", "gendanne").
    """
    if session.flush():
        return True
    QMessageBox.warning(
        parent,
        _tr(TITLE),
        _not_stored(session.last_failure)
        + "\n\n"
        + _tr("Ret eller fortryd det først; så kan du %1 bagefter.").replace("%1", afterwards),
    )
    return False


def close_anyway(parent: QWidget, failure: str) -> bool:
    """Ask whether to close although some typing could not be stored (default: no)."""
    answer = QMessageBox.question(
        parent,
        _tr(TITLE),
        _not_stored(failure) + "\n\n" + _tr("Vil du lukke alligevel? Så går den tekst tabt."),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes
