"""The database cannot be opened at start: say why, keep the file, offer the way on.

A damaged file (or one that is not a database) can be set aside for the newest sound backup;
a file from a newer program, another program's database, or one on a network drive is never
restored over: for those the leader may open another file or close the program. The file that
was refused is never overwritten or deleted.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

# The kinds of start problem are the core's (database_files.problem_kind tells them apart).
from udviklingsplan_app.database_files import DAMAGED, FOREIGN, NETWORK, NEWER, OTHER
from udviklingsplan_app.formatting import long_date

if TYPE_CHECKING:
    from udviklingsplan_app.database_files import BackupInfo

__all__ = ["DAMAGED", "FOREIGN", "NETWORK", "NEWER", "OTHER", "StartProblemDialog", "made_label"]


def made_label(made: dt.datetime) -> str:
    """``24. november 2026 kl. 08.15``."""
    return f"{long_date(made.date())} kl. {made:%H.%M}"


def plans_label(count: int) -> str:
    """``1 plan``, ``3 planer``."""
    return f"{count} plan" if count == 1 else f"{count} planer"


class StartProblemDialog(QDialog):
    """Asks what to do with a database that cannot be opened; :attr:`choice` holds the answer."""

    RESTORE, RETRY, OPEN_OTHER, QUIT = "restore", "retry", "open-other", "quit"

    def __init__(
        self,
        db_path: Path,
        message: str,
        kind: str,
        newest: BackupInfo | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db_path = db_path
        self.kind = kind
        self.newest = newest if kind == DAMAGED else None
        self.choice = self.QUIT
        self.setWindowTitle(self.tr("Databasen kan ikke åbnes"))

        icon = QLabel(self)
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_MessageBoxIconSize)
        icon.setPixmap(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(size)
        )
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)

        self.heading = QLabel(self.title_text(), self)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setWordWrap(True)
        self.explanation = QLabel(self.explanation_text(), self)
        self.explanation.setWordWrap(True)
        self.explanation.setTextFormat(Qt.TextFormat.PlainText)
        self.detail = QLabel(self.tr("Det, programmet fandt: %1").replace("%1", message), self)
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        small = self.detail.font()
        small.setPointSizeF(small.pointSizeF() * 0.9)
        self.detail.setFont(small)

        text = QVBoxLayout()
        text.addWidget(self.heading)
        text.addWidget(self.explanation)
        text.addSpacing(6)
        text.addWidget(self.detail)
        top = QHBoxLayout()
        top.addWidget(icon)
        top.addSpacing(8)
        top.addLayout(text, 1)

        self.restore_button = QPushButton(self)
        if self.newest is not None:
            self.restore_button.setText(
                self.tr("&Gendan den nyeste sikkerhedskopi (%1)").replace(
                    "%1", long_date(self.newest.made.date())
                )
            )
        self.restore_button.setVisible(self.newest is not None)
        # A busy or locked file may open in a moment; the other kinds will not change by waiting.
        self.retry_button = QPushButton(self.tr("&Prøv igen"), self)
        self.retry_button.setVisible(kind == OTHER)
        self.open_button = QPushButton(
            self.tr("Gendan fra en &anden fil…")
            if kind == DAMAGED
            else self.tr("Åbn en &anden databasefil…"),
            self,
        )
        self.quit_button = QPushButton(self.tr("A&fslut"), self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)
        buttons.addWidget(self.retry_button)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.quit_button)
        (self.restore_button if self.newest is not None else self.quit_button).setDefault(True)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addSpacing(12)
        layout.addLayout(buttons)
        # Word-wrapped labels take the height their width needs: fix a readable width first.
        width = self.fontMetrics().averageCharWidth() * 72
        for label in (self.heading, self.explanation, self.detail):
            label.setMinimumWidth(width)

        self.restore_button.clicked.connect(lambda: self._choose(self.RESTORE))
        self.open_button.clicked.connect(lambda: self._choose(self.OPEN_OTHER))
        self.retry_button.clicked.connect(lambda: self._choose(self.RETRY))
        self.quit_button.clicked.connect(lambda: self._choose(self.QUIT))

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()

    def title_text(self) -> str:
        return {
            DAMAGED: self.tr("Databasen med dine planer er beskadiget"),
            NEWER: self.tr("Databasen er fra en nyere version af Udviklingsplan"),
            FOREIGN: self.tr("Filen er ikke en Udviklingsplan-database"),
            NETWORK: self.tr("Databasen ligger på et netværksdrev"),
        }.get(self.kind, self.tr("Databasen kan ikke åbnes"))

    def explanation_text(self) -> str:
        path = str(self.db_path)
        if self.kind == DAMAGED:
            text = self.tr(
                "Filen %1 kan ikke læses. Den er beskadiget, eller også er den ikke en "
                "Udviklingsplan-database. Det kan ske, hvis computeren slukkede, mens der blev "
                "skrevet, eller hvis et andet program har ændret filen.\n\n"
                "Filen bliver liggende: den bliver hverken slettet eller skrevet oven i."
            ).replace("%1", path)
            if self.newest is not None:
                text += "\n\n" + self.tr(
                    "Du kan fortsætte fra den nyeste sikkerhedskopi, der er i orden. Den er lavet "
                    "%1 (%2, %3 mål). Den beskadigede fil gemmes under et nyt navn ved siden af, så "
                    "IT-support kan se på den. Det, du har ændret efter sikkerhedskopien, findes "
                    "kun i den beskadigede fil."
                ).replace("%1", made_label(self.newest.made)).replace(
                    "%2", plans_label(self.newest.plans)
                ).replace("%3", str(self.newest.goals))
            else:
                text += "\n\n" + self.tr(
                    "Der er ingen sikkerhedskopi i orden ved siden af databasen. Har du selv gemt "
                    "en sikkerhedskopi, fx på et USB-stik, så vælg den med »Gendan fra en anden "
                    "fil…«: den kommer i stedet for den beskadigede fil, som gemmes under et nyt "
                    "navn. Ellers kan IT-support måske hjælpe med filen."
                )
            return text
        if self.kind == NEWER:
            return self.tr(
                "Filen %1 er lavet med en nyere version af Udviklingsplan end den, der er "
                "installeret her. Denne version kan ikke bruge den uden at risikere at ødelægge "
                "noget, så den er ikke åbnet og ikke ændret.\n\n"
                "Installér den nyeste version af Udviklingsplan (spørg IT-support), og start "
                "programmet igen."
            ).replace("%1", path)
        if self.kind == FOREIGN:
            return self.tr(
                "Filen %1 er en database fra et andet program. Udviklingsplan bruger den ikke "
                "og har ikke ændret den.\n\nVælg den databasefil, der hører til Udviklingsplan."
            ).replace("%1", path)
        if self.kind == NETWORK:
            return self.tr(
                "Filen %1 ligger på et netværksdrev. Databasen skal ligge på din egen computer: "
                "over netværket kan den blive beskadiget, hvis forbindelsen svigter, mens der "
                "bliver skrevet. Filen er ikke åbnet og ikke ændret.\n\n"
                "Kopiér filen til en mappe på din computer, som OneDrive ikke synkroniserer, og "
                "åbn den derfra – eller spørg IT-support."
            ).replace("%1", path)
        return self.tr(
            "Filen %1 kan ikke åbnes lige nu. Den er ikke ændret.\n\n"
            "Du kan åbne en anden databasefil eller lukke programmet og prøve igen senere."
        ).replace("%1", path)
