"""Hjælp ▸ Sådan bruger du Udviklingsplan: a short help in Danish, with this computer's paths.

What the program is for, the year's dialogues, where the plans and their backups live, what a
file for handover is, and whom to ask (a text IT can set, see :mod:`udviklingsplan_app.support`).
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from udviklingsplan_app.crashlog import log_folder
from udviklingsplan_app.database_files import backups_folder, daily_backups_kept
from udviklingsplan_app.domain import DialogueKind
from udviklingsplan_app.formatting import danish_month
from udviklingsplan_app.support import support_text


def _tr(text: str) -> str:
    return QCoreApplication.translate("help", text)


def help_html(db_path: Path, support: str | None = None) -> str:
    """The help as rich text; every path and IT's text are escaped (they are shown as written)."""
    year = 2000  # any year: only the months are shown

    def month(kind: DialogueKind) -> str:
        return danish_month(kind.suggested_date(year))

    rhythm = [
        _tr("<b>%1</b> i %2 – I aftaler årets udviklingsmål."),
        _tr("<b>%1</b> i %2 – hvor står målene, og skal noget justeres?"),
        _tr("<b>%1</b> i %2 – hvad blev nået, og hvad fortsætter næste år?"),
        _tr("<b>%1</b> i %2 året efter – I følger op og ser frem."),
    ]
    kinds = (DialogueKind.START, DialogueKind.MIDT, DialogueKind.SLUT, DialogueKind.OPFOELGNING)
    rhythm_items = "".join(
        "<li>" + line.replace("%1", escape(kind.label)).replace("%2", escape(month(kind))) + "</li>"
        for line, kind in zip(rhythm, kinds, strict=True)
    )
    paths = [
        (_tr("Dine planer"), db_path),
        (
            _tr("Automatiske sikkerhedskopier (én om dagen; de %1 nyeste gemmes)").replace(
                "%1", str(daily_backups_kept())
            ),
            backups_folder(db_path),
        ),
        (_tr("Logfiler ved fejl (uden dine tekster)"), log_folder(db_path)),
    ]
    path_items = "".join(
        f"<li>{escape(label)}:<br><tt>{escape(str(path))}</tt></li>" for label, path in paths
    )
    support = support_text() if support is None else support
    support_html = escape(support).replace("\n", "<br>")
    return (
        f"<h2>{_tr('Sådan bruger du Udviklingsplan')}</h2>"
        f"<h3>{_tr('Hvad programmet er til')}</h3>"
        "<p>"
        + _tr(
            "Her holder du arbejdspladsens udviklingsplan: den aktuelle situation, 3–5 "
            "udviklingsmål om året under strategiens visioner, og dine dialoger med din egen "
            "leder. Alt, hvad du skriver, gemmes med det samme. Din leder får planen som "
            "Excel-fil (Filer ▸ Eksportér til Excel…), som PDF (Filer ▸ Eksportér til PDF…) "
            "eller på papir (Filer ▸ Udskriv…). Panelet »Vejledning« viser, hvad der "
            "mangler; intet i programmet godkender eller låser planen."
        )
        + "</p>"
        f"<h3>{_tr('Årets gang')}</h3>"
        f"<ul>{rhythm_items}</ul>"
        "<p>"
        + _tr(
            "Datoerne er forslag, som du selv retter under »Dialoger«. Når et år slutter, "
            "hjælper Filer ▸ Nyt år dig med at afslutte det og planlægge det næste. Hjælp ▸ "
            "Åbn guiden for året viser guiden for det år, du arbejder i nu."
        )
        + "</p>"
        f"<h3>{_tr('Hvor dine data ligger')}</h3>"
        "<p>"
        + _tr("Planerne ligger kun på denne computer, i en fil, som kun du kan læse.")
        + f"</p><ul>{path_items}</ul><p>"
        + _tr(
            "Du kan selv gemme en kopi (Filer ▸ Sikkerhedskopi…) og hente en kopi tilbage "
            "(Filer ▸ Gendan fra sikkerhedskopi…)."
        )
        + "</p>"
        f"<h3>{_tr('Fil til overdragelse')}</h3>"
        "<p>"
        + _tr(
            "En overdragelsesfil rummer hele planen i én fil (filformatet hedder JSON og "
            "slutter på .json). Brug den, når en ny leder overtager arbejdspladsen, eller når "
            "planen skal flyttes til en anden computer: Filer ▸ Gem plan som overdragelsesfil… "
            "og Filer ▸ Importér plan fra overdragelsesfil…. Til din leder er Excel-filen eller "
            "PDF'en."
        )
        + "</p>"
        f"<h3>{_tr('Hvem du kan spørge')}</h3>"
        f"<p>{support_html}</p>"
    )


class HelpDialog(QDialog):
    def __init__(self, db_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Hjælp til Udviklingsplan"))
        layout = QVBoxLayout(self)
        self.text = QTextBrowser(self)
        self.text.setOpenLinks(False)
        self.db_path = db_path
        self.text.setAccessibleName(self.tr("Hjælp"))
        layout.addWidget(self.text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        metrics = self.fontMetrics()
        width, height = metrics.averageCharWidth() * 90, metrics.lineSpacing() * 36
        screen = parent.screen().availableGeometry() if parent is not None else None
        if screen is not None:
            width, height = min(width, screen.width() - 40), min(height, screen.height() - 60)
        self.resize(width, height)

    def showEvent(self, event: QShowEvent) -> None:
        # Read each time it opens: IT's support text may have changed since.
        self.text.setHtml(help_html(self.db_path))
        super().showEvent(event)
