"""An e-mail draft to the leader's manager with the plan's workbook attached (an ``.eml`` file).

Made with the standard library's :mod:`email` package. The header ``X-Unsent: 1`` makes Outlook
open the file as an unsent draft, ready to send; other mail programs open it as a message to
forward. The program never sends anything itself: there is no network.
"""

from __future__ import annotations

import datetime as dt
import email.policy
from email.headerregistry import Address
from email.message import EmailMessage
from pathlib import Path

from ..atomic_files import write_atomically
from ..domain import Dialogue, DialogueKind, Plan
from ..errors import InputError
from ..formatting import danish_month

XLSX_TYPE = ("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet")

_PURPOSE = {
    DialogueKind.START: "startdialogen",
    DialogueKind.MIDT: "midtvejsdialogen",
    DialogueKind.SLUT: "slutdialogen",
    DialogueKind.OPFOELGNING: "opfølgningsdialogen",
}
# Windows line ends, as Outlook writes its own .eml files; long header lines are not folded (a
# folded subject with encoded words comes back with a doubled space in some readers).
_POLICY = email.policy.default.clone(linesep="\r\n", max_line_length=998)


def _one_line(text: str) -> str:
    """Free text made fit for a header: one line, no control characters, runs of space as one."""
    return " ".join("".join(c if c.isprintable() else " " for c in text).split())


def next_dialogue(plan: Plan, today: dt.date) -> tuple[DialogueKind, dt.date] | None:
    """The plan's next dialogue not yet held, on or after ``today``: its kind and date.

    A dialogue without a planned date counts at its suggested date; years of the plan with no
    dialogue of a kind count that kind at its suggested date.
    """
    candidates: list[tuple[dt.date, int, DialogueKind]] = []
    order = list(DialogueKind)
    seen: set[tuple[int, DialogueKind]] = set()
    for dialogue in plan.dialogues:
        seen.add((dialogue.year, dialogue.kind))
        if dialogue.held is not None:
            continue
        when = _when(dialogue)
        if when >= today:
            candidates.append((when, order.index(dialogue.kind), dialogue.kind))
    for year in range(plan.first_year, plan.first_year + plan.years):
        for kind in DialogueKind:
            when = kind.suggested_date(year)
            if (year, kind) not in seen and when >= today:
                candidates.append((when, order.index(kind), kind))
    if not candidates:
        return None
    when, _, kind = min(candidates)
    return kind, when


def _when(dialogue: Dialogue) -> dt.date:
    return dialogue.planned or dialogue.kind.suggested_date(dialogue.year)


def draft_subject(plan: Plan, today: dt.date) -> str:
    """``Udviklingsplan for Den Sociale Hjemmepleje – til midtvejsdialogen juni 2027``."""
    subject = f"Udviklingsplan for {_one_line(plan.workplace)}"
    upcoming = next_dialogue(plan, today)
    if upcoming is not None:
        kind, when = upcoming
        subject += f" – til {_PURPOSE[kind]} {danish_month(when)} {when.year}"
    return subject


def draft_body(plan: Plan, attachment: str, today: dt.date) -> str:
    """The short Danish letter: what the file is, where to write, and to send it back."""
    greeting = f"Kære {_one_line(plan.manager.name)}" if plan.manager.name.strip() else "Hej"
    upcoming = next_dialogue(plan, today)
    before = ""
    if upcoming is not None:
        kind, when = upcoming
        before = f" inden {_PURPOSE[kind]} {when.day}. {danish_month(when)} {when.year}"
    signature = _one_line(plan.leader.name) or _one_line(plan.workplace)
    return (
        f"{greeting}\n\n"
        f"Her er udviklingsplanen for {_one_line(plan.workplace)} som Excel-fil ({attachment}).\n\n"
        f"Skriv gerne dine kommentarer{before} i kolonnen »Kommentar fra leder« ud for de mål, "
        "du vil kommentere, og en samlet kommentar i feltet »Kommentar fra leder til planen« "
        "på forsiden. Du kan også foreslå en anden status i kolonnen »Status«.\n\n"
        "Gem filen, og send den tilbage til mig som vedhæftet fil – så kan jeg læse dine "
        "kommentarer ind i planen. Lad id-kolonnen være, som den er.\n\n"
        f"Venlig hilsen\n{signature}\n"
    )


def build_draft(
    plan: Plan,
    workbook: Path,
    *,
    to: str | None,
    today: dt.date | None = None,
) -> EmailMessage:
    """The draft as a message: To the manager (when an address is known), subject, body, file."""
    today = today or dt.date.today()
    workbook = Path(workbook)
    message = EmailMessage(policy=_POLICY)
    message["X-Unsent"] = "1"
    if to:
        try:
            message["To"] = Address(display_name=_one_line(plan.manager.name), addr_spec=to)
        except (ValueError, IndexError) as error:
            raise InputError(f"E-mailadressen »{_one_line(to)}« kan ikke bruges.") from error
    message["Subject"] = draft_subject(plan, today)
    message.set_content(draft_body(plan, workbook.name, today))
    try:
        data = workbook.read_bytes()
    except OSError as error:
        raise InputError(f"Excel-filen {workbook.name} kan ikke læses.") from error
    message.add_attachment(
        data, maintype=XLSX_TYPE[0], subtype=XLSX_TYPE[1], filename=workbook.name
    )
    return message


def write_draft(
    plan: Plan,
    workbook: Path,
    target: Path,
    *,
    to: str | None,
    today: dt.date | None = None,
) -> Path:
    """Write the draft to ``target`` (an ``.eml`` file) atomically; the path written."""
    data = build_draft(plan, workbook, to=to, today=today).as_bytes()

    def write(tmp: Path) -> None:
        tmp.write_bytes(data)

    write_atomically(Path(target), write)
    return Path(target)
