"""The preview of a manager's answer: goal by goal, what the manager wrote beside the plan now.

Nothing in a workbook changes the plan without this dialog. The leader ticks what to keep
(comments are ticked, status suggestions are not); *Gem i planen* accepts with the ticked
keys (the caller stores them, see :mod:`ui.operations.manager_answer`); *Annullér* keeps
nothing.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from udviklingsplan_app.formatting import long_date
from udviklingsplan_app.services.manager_answers import AnswerPreview
from ui.models.answer_preview import ABOUT, NOW, WROTE, AnswerPreviewModel
from ui.widgets.labels import muted_label


class AnswerPreviewDialog(QDialog):
    """Shows an :class:`AnswerPreview`; :meth:`ticked_keys` after *Gem i planen*."""

    def __init__(self, preview: AnswerPreview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preview = preview
        self.setWindowTitle(self.tr("Svar fra din leder – %1").replace("%1", preview.file_name))
        layout = QVBoxLayout(self)
        self.headline = QLabel(preview.message, self)
        self.headline.setTextFormat(Qt.TextFormat.PlainText)
        self.headline.setWordWrap(True)
        font = self.headline.font()
        font.setBold(True)
        self.headline.setFont(font)
        layout.addWidget(self.headline)
        exported = (
            self.tr("Filen er planen for %1, eksporteret %2.")
            .replace("%1", preview.workplace)
            .replace("%2", long_date(preview.exported))
            if preview.exported
            else self.tr("Filen er planen for %1.").replace("%1", preview.workplace)
        )
        how = (
            self.tr(
                "Alt i filen er allerede gemt i planen, så der er intet at gemme igen. "
                "Kommentarerne står under målene og på siden Dialoger."
            )
            if preview.nothing_new
            else self.tr(
                "Sæt flueben ved det, du vil gemme i planen. Kommentarerne er valgt på "
                "forhånd; din leders forslag til en ny status gemmes kun, hvis du sætter "
                "flueben ved det. Du kan fortryde bagefter med Ctrl+Z."
            )
        )
        self.explanation = muted_label(exported + " " + how, self)
        layout.addWidget(self.explanation)

        self.model = AnswerPreviewModel(preview, self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setAccessibleName(self.tr("Det, din leder har skrevet"))
        self.view.setWordWrap(True)
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(ABOUT, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(WROTE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(NOW, QHeaderView.ResizeMode.Interactive)
        chars = self.fontMetrics().averageCharWidth()
        self.view.setColumnWidth(ABOUT, chars * 34)
        self.view.setColumnWidth(NOW, chars * 34)
        self.view.setVisible(bool(self.model.rows))
        layout.addWidget(self.view, 1)

        self.unknown = muted_label(self._unknown_text(), self)
        self.unknown.setVisible(bool(preview.unknown_ids))
        layout.addWidget(self.unknown)

        self.buttons = QDialogButtonBox(self)
        self.save_button = QPushButton(self.tr("&Gem i planen"), self)
        self.save_button.setDefault(True)
        self.save_button.setEnabled(not preview.nothing_new)
        self.cancel_button = QPushButton(
            self.tr("&Annullér") if not preview.nothing_new else self.tr("&Luk"), self
        )
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.model.dataChanged.connect(self._update_save)
        self._size_to_screen()

    def _unknown_text(self) -> str:
        ids = self.preview.unknown_ids
        if not ids:
            return ""
        return (
            self.tr(
                "Filen har %1 række(r) med et mål-id, som hverken planen eller eksporten "
                "kender (%2). De gemmes ikke."
            )
            .replace("%1", str(len(ids)))
            .replace("%2", ", ".join(ids))
        )

    def _update_save(self) -> None:
        self.save_button.setEnabled(bool(self.model.ticked_keys()))

    def _size_to_screen(self) -> None:
        self.view.resizeRowsToContents()
        screen = self.screen().availableGeometry()
        chars = self.fontMetrics().averageCharWidth()
        lines = self.fontMetrics().lineSpacing()
        self.resize(
            min(chars * 150, screen.width() - 80), min(lines * 36, int(screen.height() * 0.85))
        )

    def resizeEvent(self, event: object) -> None:  # type: ignore[override]
        super().resizeEvent(event)  # type: ignore[arg-type]
        # The wrapped texts follow the column widths (once the header has stretched its own).
        QTimer.singleShot(0, self.view, self.view.resizeRowsToContents)

    def ticked_keys(self) -> list[str]:
        """The keys of the items the leader chose to keep."""
        return self.model.ticked_keys()
