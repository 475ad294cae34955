"""Danish for the few texts of Qt's own dialogs that Qt's Danish translation lacks.

Qt 6 gave the file dialog's labels keyboard accelerators ("&Look in:", "Files of &type:"); the
shipped ``qtbase_da.qm`` still translates only the old texts, so those labels stayed English.
"""

from __future__ import annotations

from PySide6.QtCore import QTranslator

GAPS: dict[tuple[str, str], str] = {
    ("QFileDialog", "&Look in:"): "&Kig i:",
    ("QFileDialog", "Files of &type:"): "Filer af &typen:",
}


class QtGapsTranslator(QTranslator):
    """Installed after ``qtbase_da``: answers only for the texts in :data:`GAPS`."""

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        return GAPS.get((context, source))  # None: not ours, Qt asks the next one

    def isEmpty(self) -> bool:
        return False
