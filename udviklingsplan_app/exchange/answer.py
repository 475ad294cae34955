"""What the plan's workbook carries so that the manager's answer can come back, and reading it.

The export adds (:func:`add_answer_marks`):

- a very hidden sheet, ``Udviklingsplan-data``, with the format and its version, the plan's id,
  an id for this export, the export date, the workplace, and for each goal what was exported
  (the *baseline*: id, year, title, status and a fingerprint of its content);
- the same ids as custom document properties (they survive a sheet lost on the way);
- on the front sheet, a clearly marked cell *Kommentar fra leder til planen*.

:func:`read_answer` reads a returned workbook – after :mod:`.workbook_gate` has let it through –
into a :class:`ManagerAnswer`: the manager's comment on the plan and, for every row of the goals
sheet that carries one, the comment, the status chosen and the hidden goal id. Rows are matched
by that id, never by position or title, so sorted, filtered or reordered rows match; a row
without an id is a row the manager added. Nothing here touches the database.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..domain import Goal, Plan, SituationSection, Status
from ..errors import InputError
from .workbook_gate import open_checked_workbook

DATA_SHEET = "Udviklingsplan-data"
DATA_FORMAT = "udviklingsplan-svar"
DATA_VERSION = 1
PROPERTY_PLAN = "Udviklingsplan-plan-id"
PROPERTY_EXPORT = "Udviklingsplan-eksport-id"
PLAN_COMMENT_LABEL = "Kommentar fra leder til planen"
BASELINE_HEADER = ("goal", "year", "vision", "title", "status", "fingerprint", "theme")
DIALOGUE_HEADER = ("dialogue", "year", "kind", "planned", "held")

#: Rows read of a sheet: a plan has tens of goals (the JSON import allows some hundred).
#: A sheet with content below this is refused, and never read to its end (row 1,048,576).
MAX_ROWS = 2_000
#: Columns read of a row: the goals sheet has 14; a manager may add a few.
MAX_COLUMNS = 60
#: Characters in one cell: Excel's own limit, so a longer text was not saved from Excel.
MAX_CELL_CHARS = 32_767

_STATUS_BY_LABEL = {status.label.casefold(): status for status in Status}
_STATUS_BY_LABEL.update({status.value.casefold(): status for status in Status})


def new_export_id() -> str:
    """A fresh id for one export of a plan."""
    return str(uuid.uuid4())


def goal_fingerprint(goal: Goal) -> str:
    """What the manager read of a goal: its year, vision, theme, title, rationale and status."""
    content = [goal.year, goal.vision, goal.theme, goal.title, goal.rationale, goal.status.value]
    return hashlib.sha256(json.dumps(content, ensure_ascii=False).encode()).hexdigest()[:32]


@dataclass(frozen=True)
class BaselineGoal:
    """A goal as it stood in the exported workbook."""

    uid: str
    year: int | None
    vision: str
    title: str
    status: Status | None
    fingerprint: str
    theme: str = ""


@dataclass(frozen=True)
class BaselineDialogue:
    """A dialogue as it stood in the exported workbook: its year, kind and dates."""

    year: int | None
    kind: str
    planned: dt.date | None
    held: dt.date | None


@dataclass
class DataSheet:
    """The hidden data sheet, read: its key–value head, the goals' baseline, the dialogues."""

    values: dict[str, str]
    baseline: dict[str, BaselineGoal]
    dialogues: list[BaselineDialogue]

    def get(self, key: str, default: str = "") -> str:
        return self.values.get(key, default)

    @property
    def version(self) -> int | None:
        text = self.values.get("version", "")
        if not text.isdigit():
            return None
        try:
            return int(text)
        except ValueError:  # thousands of digits: int() refuses, and it is no version of ours
            return None


@dataclass(frozen=True)
class AnswerRow:
    """One row of the returned goals sheet with something of the manager's in it."""

    row: int
    goal_uid: str | None
    title: str
    year: str
    comment: str
    status_text: str

    @property
    def status(self) -> Status | None:
        """The status chosen in the row, when it is one of the program's statuses."""
        return _STATUS_BY_LABEL.get(self.status_text.strip().casefold())


@dataclass
class ManagerAnswer:
    """A returned workbook, read: who it belongs to and what the manager wrote or chose."""

    file_name: str
    plan_uid: str | None
    export_id: str | None
    exported: dt.date | None
    workplace: str
    plan_comment: str = ""
    rows: list[AnswerRow] = field(default_factory=list)
    baseline: dict[str, BaselineGoal] = field(default_factory=dict)


# --- writing: the marks the export adds ----------------------------------------------------


def add_answer_marks(
    workbook: Any,
    plan: Plan,
    *,
    export_id: str,
    today: dt.date,
    front_sheet: str,
    program_version: str,
) -> None:
    """Add the hidden data sheet, the id properties and the front sheet's comment cell."""
    from openpyxl.packaging.custom import StringProperty  # type: ignore[import-untyped]

    from .excel.names import cell_text

    sheet = workbook.create_sheet(DATA_SHEET)
    sheet.sheet_state = "veryHidden"
    rows: list[list[object]] = [
        ["Udviklingsplan-data – må ikke ændres", ""],
        ["format", DATA_FORMAT],
        ["version", DATA_VERSION],
        ["plan", plan.uid or ""],
        ["export", export_id],
        ["exported", today.isoformat()],
        ["workplace", plan.workplace],
        ["program", program_version],
        # What the manager's overview (``rollup``) reads, so that it never opens another sheet.
        ["leader", plan.leader.name],
        ["leader_title", plan.leader.title],
        ["level", plan.level],
        ["manager", plan.manager.name],
        ["framework", plan.framework_id],
        ["framework_version", plan.framework_version],
        ["first_year", plan.first_year],
        ["years", plan.years],
    ]
    rows += [[f"situation:{part.value}", plan.situation_text(part)] for part in SituationSection]
    rows += [[], list(BASELINE_HEADER)]
    rows += [
        [
            goal.uid,
            goal.year,
            goal.vision,
            goal.title,
            goal.status.value,
            goal_fingerprint(goal),
            goal.theme or "",
        ]
        for goal in plan.goals
    ]
    rows += [[], list(DIALOGUE_HEADER)]
    rows += [
        [
            "",
            dialogue.year,
            dialogue.kind.value,
            dialogue.planned.isoformat() if dialogue.planned else "",
            dialogue.held.isoformat() if dialogue.held else "",
        ]
        for dialogue in plan.dialogues
    ]
    for values in rows:
        sheet.append([_text_cell(sheet, value, cell_text) for value in values])
    custom = workbook.custom_doc_props
    custom.append(StringProperty(name=PROPERTY_PLAN, value=plan.uid or ""))
    custom.append(StringProperty(name=PROPERTY_EXPORT, value=export_id))
    _plan_comment_cell(workbook[front_sheet])


def _text_cell(sheet: Any, value: object, clean: Any) -> object:
    from openpyxl.cell import Cell  # type: ignore[import-untyped]

    if not isinstance(value, str):
        return value
    cell = Cell(sheet, value=clean(value))
    cell.data_type = "s"  # a title that looks like a formula stays text
    return cell


def _plan_comment_cell(ws: Any) -> None:
    """The front sheet's marked cell for the manager's comment on the whole plan."""
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side  # type: ignore[import-untyped]

    row = ws.max_row + 2
    last = max(ws.max_column, 2)
    label = ws.cell(row=row, column=1, value=PLAN_COMMENT_LABEL)
    # Named like every other font in the workbook: without a name LibreOffice prints a serif.
    label.font = Font(name="Calibri", family=2, bold=True, size=12)
    hint = ws.cell(
        row=row + 1,
        column=1,
        value="Skriv din kommentar til planen som helhed i det gule felt herunder.",
    )
    hint.font = Font(name="Calibri", family=2, italic=True, color="595959")
    ws.merge_cells(start_row=row + 1, start_column=1, end_row=row + 1, end_column=last)
    side = Side(style="medium", color="BF8F00")
    for column in range(1, last + 1):
        cell = ws.cell(row=row + 2, column=column)
        cell.fill = PatternFill("solid", fgColor="FFF2CC")
        cell.border = Border(left=side, right=side, top=side, bottom=side)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.merge_cells(start_row=row + 2, start_column=1, end_row=row + 2, end_column=last)
    ws.row_dimensions[row + 2].height = 90


# --- reading a returned workbook ------------------------------------------------------------


def read_answer(path: Path) -> ManagerAnswer:
    """The manager's answer in the returned workbook at ``path``.

    Refused with a Danish :class:`InputError` (and nothing read): a file the gate refuses, a
    workbook not made by this program, one from a newer version of it, one without goals sheet.
    """
    from .excel.names import COMMENT_HEADER, ID_HEADER, SHEET_FRONT, SHEET_GOALS

    path = Path(path)
    workbook = open_checked_workbook(path)
    try:
        data = _data(workbook, path.name)
        answer = ManagerAnswer(
            file_name=path.name,
            plan_uid=data.get("plan") or None,
            export_id=data.get("export") or None,
            exported=_date(data.get("exported", "")),
            workplace=data.get("workplace", ""),
            baseline=data.baseline,
        )
        if SHEET_FRONT in workbook.sheetnames:
            answer.plan_comment = _plan_comment(workbook[SHEET_FRONT], path.name)
        goals = _goals_sheet(workbook, SHEET_GOALS, ID_HEADER)
        if goals is None:
            raise InputError(
                f"Filen {path.name} har ikke arket »{SHEET_GOALS}« med målene, så din leders "
                "kommentarer kan ikke findes. Bed om den fil, programmet lavede."
            )
        answer.rows = list(_answer_rows(goals, COMMENT_HEADER, ID_HEADER, path.name))
        return answer
    except InputError:
        raise
    except Exception as error:  # a part openpyxl reads lazily turned out broken
        raise InputError(
            f"Filen {path.name} kan ikke læses som Excel-projektmappe; den kan være beskadiget."
        ) from error
    finally:
        workbook.close()


def read_data_sheet(workbook: Any, name: str = "Projektmappen") -> DataSheet | None:
    """The workbook's hidden data sheet, or ``None`` when it has none of this program's.

    ``name`` (the file's) is used in the Danish message for a sheet too long to be ours.

    Reads only that sheet, in one pass. For a sheet from a newer version (``version`` above
    :data:`DATA_VERSION`) only the head is read: its tables may mean something else.
    """
    if DATA_SHEET not in workbook.sheetnames:
        return None
    data = DataSheet(values={}, baseline={}, dialogues=[])
    rows = _bounded_rows(workbook[DATA_SHEET], name)
    for _, row in rows:
        key, value = (_str(v) for v in [*row, None, None][:2])
        if key == BASELINE_HEADER[0]:
            break
        if key.startswith("situation:"):  # as written (line breaks and inner spaces kept)
            data.values[key] = _raw(row[1]) if len(row) > 1 and row[1] is not None else ""
        elif key:
            data.values[key] = value
    if data.get("format") != DATA_FORMAT or data.version is None:
        return None
    if data.version > DATA_VERSION:
        return data
    in_dialogues = False
    for _, row in rows:
        values = [_str(v) for v in [*row, *([None] * 7)][:7]]
        if values[0] == DIALOGUE_HEADER[0]:
            in_dialogues = True
            continue
        if in_dialogues:
            year, kind, planned, held = values[1:5]
            if kind:
                data.dialogues.append(
                    BaselineDialogue(
                        year=int(year) if year.isdigit() else None,
                        kind=kind,
                        planned=_date(planned),
                        held=_date(held),
                    )
                )
            continue
        uid, year, vision, title, status, fingerprint, theme = values
        if uid:
            data.baseline[uid] = BaselineGoal(
                uid=uid,
                year=int(year) if year.isdigit() else None,
                vision=vision,
                title=title,
                status=_status_value(status),
                fingerprint=fingerprint,
                theme=theme,
            )
    return data


def _data(workbook: Any, name: str) -> DataSheet:
    foreign = (
        f"Filen {name} er ikke en udviklingsplan, som programmet har lavet, så din leders "
        "svar kan ikke læses ind. Bed om at få den fil tilbage, du sendte."
    )
    data = read_data_sheet(workbook, name)
    if data is None:
        raise InputError(foreign)
    if (data.version or 0) > DATA_VERSION:
        raise InputError(
            f"Filen {name} er lavet af en nyere udgave af programmet. Opdatér programmet "
            "(kontakt IT), og læs så svaret ind igen."
        )
    return data


def _status_value(value: str) -> Status | None:
    try:
        return Status(value)
    except ValueError:
        return None


def _plan_comment(ws: Any, file_name: str) -> str:
    """The text in the marked cell: the first non-empty cell below the label, within 3 rows."""
    found: int | None = None
    for index, row in _bounded_rows(ws, file_name):
        if found is None:
            if any(_str(value) == PLAN_COMMENT_LABEL for value in row):
                found = index
            continue
        if index > found + 3:
            break
        texts = [_str(value) for value in row if _str(value)]
        if texts and not texts[0].startswith("Skriv din kommentar til planen"):
            return "\n".join(texts)
    return ""


def _goals_sheet(workbook: Any, preferred: str, id_header: str) -> Any | None:
    """The goals sheet: by its name, or (renamed by the manager) the sheet with the id column."""
    names = [preferred, *(n for n in workbook.sheetnames if n not in (preferred, DATA_SHEET))]
    for name in names:
        if name not in workbook.sheetnames:
            continue
        ws = workbook[name]
        header = next(ws.iter_rows(min_row=1, max_row=1, max_col=MAX_COLUMNS, values_only=True), ())
        if id_header in (_str(value) for value in header):
            return ws
    return None


def _answer_rows(
    ws: Any, comment_header: str, id_header: str, file_name: str
) -> Iterator[AnswerRow]:
    rows = _bounded_rows(ws, file_name)
    header = [_str(value) for value in next(rows, (1, ()))[1]]
    column = {name: index for index, name in reversed(list(enumerate(header)))}

    def cell(values: list[str], name: str) -> str:
        index = column.get(name)
        return values[index] if index is not None and index < len(values) else ""

    for number, row in rows:
        values = [_str(value) for value in row]
        uid = cell(values, id_header)
        title = cell(values, "Udviklingsmål")
        # The comment exactly as written (only empty when it is nothing but white space).
        index = column.get(comment_header)
        raw = row[index] if index is not None and index < len(row) else None
        comment = _raw(raw) if _str(raw) else ""
        status = cell(values, "Status")
        if not (uid or title or comment):
            continue
        yield AnswerRow(
            row=number,
            goal_uid=uid or None,
            title=title,
            year=cell(values, "År"),
            comment=comment,
            status_text=status,
        )


def _bounded_rows(ws: Any, file_name: str) -> Iterator[tuple[int, tuple[object, ...]]]:
    """(row number, values) of a sheet: at most :data:`MAX_ROWS` rows of :data:`MAX_COLUMNS`.

    The sheet's stated size is not trusted (a row below it would be lost, a false one would
    make every row 16,384 cells wide); a sheet that goes on below the last row read, or a cell
    longer than Excel allows, is refused with a Danish :class:`InputError`.
    """
    ws.reset_dimensions()
    rows = ws.iter_rows(max_row=MAX_ROWS + 1, max_col=MAX_COLUMNS, values_only=True)
    for number, row in enumerate(rows, start=1):
        if number > MAX_ROWS:
            fix = (
                "Bed om at få den fil tilbage, du sendte."
                if ws.title == DATA_SHEET
                else "Slet de overskydende rækker under målene, gem filen, og prøv igen."
            )
            raise InputError(
                f"Filen {file_name} har indhold længere nede end række {_dotted(MAX_ROWS)} i arket "
                f"»{ws.title}« – langt mere end en udviklingsplan fylder. {fix}"
            )
        for value in row:
            if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
                raise InputError(
                    f"Filen {file_name} har en celle med {_dotted(len(value))} tegn i arket "
                    f"»{ws.title}«, række {number}. Excel tillader højst 32.767 tegn i en "
                    "celle, så filen er ikke gemt fra Excel. Bed om at få den sendt igen, "
                    "gemt fra Excel."
                )
        yield number, row


def _dotted(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def _str(value: object) -> str:
    """A cell's value as text: ``None`` is empty, numbers as written, text stripped of ends."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    return str(value).strip()


def _raw(value: object) -> str:
    """A cell's text exactly as written (numbers as :func:`_str` gives them)."""
    return value if isinstance(value, str) else _str(value)


def _date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def comments_of(answer: ManagerAnswer) -> Iterable[AnswerRow]:
    """The rows in which the manager wrote a comment."""
    return (row for row in answer.rows if row.comment)
