"""One unit's plan, read-only: its goals (by year and vision), situation and dialogues.

The manager reads a leader's plan as the leader's file has it; nothing here can be edited
or stored (a :class:`QTextBrowser`).
"""

from __future__ import annotations

import datetime as dt
from html import escape

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from udviklingsplan_app.formatting import long_date
from udviklingsplan_app.rollup import Unit, VisionColumn, theme_title, vision_columns


def unit_html(unit: Unit) -> str:
    """The unit's plan as simple HTML (Danish)."""
    columns: dict[str, VisionColumn] = {c.id: c for c in vision_columns([unit])}
    exported = long_date(unit.exported) if unit.exported else "ukendt"
    how = "Filen gemt" if unit.exported_from_file_time else "Eksporteret"
    facts = [
        ("Leder", unit.leader),
        ("Niveau", str(unit.level) if unit.level else ""),
        ("Nærmeste leder", unit.manager),
        ("Cyklus", unit.cycle_label),
        (how, exported),
        ("Fil", unit.file_name),
    ]
    parts = [f"<h2>{escape(unit.name)}</h2>", "<table cellspacing='0' cellpadding='2'>"]
    parts += [
        f"<tr><td><b>{escape(k)}:</b>&nbsp;</td><td>{escape(v)}</td></tr>" for k, v in facts if v
    ]
    parts.append("</table>")

    parts.append("<h3>Udviklingsmål</h3>")
    if not unit.goals:
        parts.append("<p><i>Planen har ingen udviklingsmål.</i></p>")
    order = {vid: i for i, vid in enumerate(columns)}
    years = sorted({g.year for g in unit.goals}, key=lambda y: y or 0)
    for year in years:
        goals = sorted(
            (g for g in unit.goals if g.year == year), key=lambda g: order.get(g.vision, 99)
        )
        parts.append(f"<h4>{year if year else 'Uden år'}</h4><ul>")
        for goal in goals:
            column = columns.get(goal.vision)
            vision = column.label if column else goal.vision
            theme = theme_title(unit.framework_id, goal.theme)
            status = goal.status.label if goal.status else "uden status"
            where = " · ".join(escape(x) for x in (vision, theme) if x)
            parts.append(
                f"<li><b>{escape(goal.title or '(uden titel)')}</b> – {escape(status)}"
                f"<br><span style='color:#555'>{where}</span></li>"
            )
        parts.append("</ul>")

    parts.append("<h3>Aktuel situation</h3>")
    if not unit.situation:
        parts.append("<p><i>Lederen har ikke skrevet om situationen.</i></p>")
    for section, text in unit.situation.items():
        body = escape(text).replace("\n", "<br>")
        parts.append(f"<p><b>{escape(section.label)}</b><br>{body}</p>")

    parts.append("<h3>Dialoger</h3>")
    if not unit.dialogues:
        parts.append("<p><i>Ingen dialoger i planen.</i></p>")
    else:
        parts.append("<ul>")
        for dialogue in sorted(
            unit.dialogues, key=lambda d: (d.year or 0, d.planned or d.held or dt.date.min)
        ):
            if dialogue.held:
                when = f"afholdt {long_date(dialogue.held)}"
            elif dialogue.planned:
                when = f"planlagt {long_date(dialogue.planned)}"
            else:
                when = "ikke planlagt"
            year = f" ({dialogue.year})" if dialogue.year else ""
            parts.append(f"<li>{escape(dialogue.label)}{year}: {when}</li>")
        parts.append("</ul>")
    return "\n".join(parts)


class UnitDialog(QDialog):
    """A leader's plan from the overview, to read (not to edit)."""

    def __init__(self, unit: Unit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.unit = unit
        self.setWindowTitle(self.tr("%1 – læses kun").replace("%1", unit.name))
        self.resize(720, 640)
        layout = QVBoxLayout(self)
        self.browser = QTextBrowser(self)
        self.browser.setOpenLinks(False)
        self.browser.setHtml(unit_html(unit))
        layout.addWidget(self.browser)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("&Luk"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
