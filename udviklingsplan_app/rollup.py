"""The manager's overview: many leaders' plans, read from files, in one picture (no Qt here).

A manager receives one workbook (or JSON plan file) per leader. :func:`read_plans` reads a list
of files and folders into a :class:`Rollup` – the plans read (:class:`Unit`), the files replaced
by a newer export of the same plan, and the files refused with a Danish reason. A workbook goes
through :mod:`.exchange.workbook_gate` and only its hidden data sheet is read
(:func:`.exchange.answer.read_data_sheet`); a JSON file through the JSON reader. One file is
open at a time, and a unit keeps only what the overview shows, so memory stays bounded.

:func:`overview` then computes what the window and the combined workbook show: units × visions
(one year or the whole cycle) with the goals in each cell, empty cells, visions no unit covers,
units that miss a vision, status counts, dialogues held and planned, marks for an old export or
a cycle that differs from the most common one, and the manager's own plan per vision. Counts and
statuses are as the leaders wrote them; nothing is turned into a percentage.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .domain import DialogueKind, Plan, SituationSection, Status
from .errors import FrameworkError, UdviklingsplanError
from .formatting import danish_date, long_date, years_label

#: An export older than this many days (before ``today``) is marked as old.
OLD_EXPORT_DAYS = 120
#: The kinds of file read from a folder (case does not matter).
SUFFIXES = (".xlsx", ".json")
#: The subject of the combined workbook (:mod:`.exchange.rollup_excel`), so a rollup never reads it.
ROLLUP_SUBJECT = "Samlet overblik over udviklingsplaner"

Progress = Callable[[int, int, str], None]
ShouldStop = Callable[[], bool]


# --- what is read --------------------------------------------------------------------------


@dataclass(frozen=True)
class UnitGoal:
    """A goal as the leader's file has it."""

    uid: str
    year: int | None
    vision: str
    theme: str
    title: str
    status: Status | None


@dataclass(frozen=True)
class UnitDialogue:
    year: int | None
    kind: DialogueKind | None
    planned: dt.date | None
    held: dt.date | None

    @property
    def label(self) -> str:
        return self.kind.label if self.kind else "Dialog"


@dataclass(frozen=True)
class Unit:
    """One leader's plan, as read from one file."""

    path: Path
    plan_uid: str | None
    exported: dt.date | None
    #: True when ``exported`` is the file's modification date (a JSON file carries none).
    exported_from_file_time: bool
    workplace: str
    leader: str
    level: int | None
    manager: str
    framework_id: str
    framework_version: str
    first_year: int | None
    years: int | None
    goals: tuple[UnitGoal, ...]
    dialogues: tuple[UnitDialogue, ...]
    file_time: float = 0.0
    #: The workplace's current situation, section by section (for the read-only view).
    situation: dict[SituationSection, str] = field(default_factory=dict)
    #: The id of the export the workbook came from (a JSON file has none).
    export_id: str | None = None

    @property
    def file_name(self) -> str:
        return self.path.name

    @property
    def cycle(self) -> tuple[int, int] | None:
        if self.first_year is None or self.years is None:
            return None
        return (self.first_year, self.years)

    @property
    def cycle_label(self) -> str:
        return years_label(*self.cycle) if self.cycle else "ukendt"

    @property
    def cycle_years(self) -> range:
        cycle = self.cycle
        return range(cycle[0], cycle[0] + cycle[1]) if cycle else range(0)

    @property
    def level_label(self) -> str:
        return f"Niveau {self.level}" if self.level else ""

    @property
    def name(self) -> str:
        """How the unit is named: its workplace (or the file name for a plan without one)."""
        return self.workplace or self.path.stem


@dataclass(frozen=True)
class Replaced:
    """A file whose plan is in a newer export among the files read."""

    path: Path
    unit: Unit
    by: Path
    by_exported: dt.date | None = None
    #: The two files hold the very same export (a copy, or the same attachment saved twice).
    same_export: bool = False
    #: ``by_exported`` is the date the file ``by`` was saved (a JSON file), not an export date.
    by_saved: bool = False

    @property
    def reason(self) -> str:
        if self.same_export:
            return f"Samme eksport som {self.by.name} – planen tælles kun med én gang."
        verb = "gemt" if self.by_saved else "eksporteret"
        when = f", {verb} {long_date(self.by_exported)}" if self.by_exported else ""
        return f"Erstattet af en nyere udgave af samme plan ({self.by.name}{when})."


@dataclass(frozen=True)
class Refused:
    """A file that could not be read, with the Danish reason."""

    path: Path
    reason: str


@dataclass
class Rollup:
    """What :func:`read_plans` found. ``units`` are sorted by workplace and leader."""

    today: dt.date
    units: list[Unit] = field(default_factory=list)
    replaced: list[Replaced] = field(default_factory=list)
    refused: list[Refused] = field(default_factory=list)
    #: Files not read because ``should_stop`` said stop.
    unread: list[Path] = field(default_factory=list)
    stopped: bool = False
    #: Files in the folders given that are neither ``.xlsx`` nor ``.json`` (not listed).
    ignored: int = 0


# --- reading -------------------------------------------------------------------------------


def collect_files(paths: Iterable[Path]) -> tuple[list[Path], int]:
    """The files to read: each file given, and every ``.xlsx``/``.json`` directly in a folder.

    Subfolders are not read. Excel's lock files (``~$…``) and other kinds of file in a folder are
    skipped (their number is returned); a file named directly is always read (and refused if it is
    of another kind). A file named twice is read once.
    """
    files: list[Path] = []
    seen: set[Path] = set()
    ignored = 0

    def add(path: Path) -> None:
        key = path.resolve() if path.exists() else path.absolute()
        if key not in seen:
            seen.add(key)
            files.append(path)

    for path in (Path(p) for p in paths):
        if path.is_dir():
            try:
                children = sorted(path.iterdir(), key=lambda p: p.name.casefold())
            except OSError:
                add(path)  # refused below with the reason
                continue
            for child in children:
                if child.is_dir():
                    continue
                if child.suffix.lower() in SUFFIXES and not child.name.startswith("~$"):
                    add(child)
                else:
                    ignored += 1
        else:
            add(path)
    return files, ignored


def read_plans(
    paths: Iterable[Path],
    *,
    today: dt.date,
    progress: Progress | None = None,
    should_stop: ShouldStop | None = None,
) -> Rollup:
    """Read the plans in ``paths`` (files, or folders whose files directly inside are read).

    Subfolders are NOT read. Every file is read on its own and closed before the next, so one
    failing file never stops the rest: it is listed in ``refused`` with its Danish reason. Two
    files of the same plan (same plan id): the newer export counts (same date: the file changed
    last), the other is listed in ``replaced``. ``progress(done, total, file_name)`` is called
    after each file; ``should_stop()`` before each, and when it says stop the rest are left in
    ``unread`` and ``stopped`` is set. Safe to call off the GUI thread (no Qt, no database).
    """
    files, ignored = collect_files(paths)
    rollup = Rollup(today=today, ignored=ignored)
    read: list[Unit] = []
    for index, path in enumerate(files):
        if should_stop is not None and should_stop():
            rollup.stopped = True
            rollup.unread = files[index:]
            break
        try:
            read.append(read_unit(path))
        except UdviklingsplanError as error:
            rollup.refused.append(Refused(path, str(error)))
        except Exception as error:  # the last guard: one file never stops the rest
            rollup.refused.append(
                Refused(path, f"Filen {path.name} kunne ikke læses ({type(error).__name__}).")
            )
        if progress is not None:
            progress(index + 1, len(files), path.name)
    rollup.units, rollup.replaced = _newest(read)
    return rollup


def _newest(units: list[Unit]) -> tuple[list[Unit], list[Replaced]]:
    def age(unit: Unit) -> tuple[dt.date, float]:
        return (unit.exported or dt.date.min, unit.file_time)

    best: dict[str, Unit] = {}
    for unit in units:
        if unit.plan_uid is None:
            continue
        held = best.get(unit.plan_uid)
        if held is None or age(unit) > age(held):
            best[unit.plan_uid] = unit
    kept: list[Unit] = []
    replaced: list[Replaced] = []
    for unit in units:
        winner = best.get(unit.plan_uid) if unit.plan_uid else None
        if winner is None or winner is unit:
            kept.append(unit)
        else:
            same = unit.export_id is not None and unit.export_id == winner.export_id
            replaced.append(
                Replaced(
                    unit.path,
                    unit,
                    winner.path,
                    winner.exported,
                    same,
                    winner.exported_from_file_time,
                )
            )
    kept.sort(key=lambda u: (u.workplace.casefold(), u.leader.casefold(), u.file_name))
    return kept, replaced


def read_unit(path: Path) -> Unit:
    """One file as a :class:`Unit`; a Danish :class:`InputError` when it cannot be read."""
    from .errors import InputError

    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".json":
        return _json_unit(path)
    if suffix in (".xlsx", ".xlsm"):
        return _workbook_unit(path)
    if path.is_dir():
        raise InputError(f"{path.name} er en mappe; kun filer direkte i den læses.")
    if not path.exists():
        raise InputError(f"Filen {path} findes ikke.")
    raise InputError(
        f"Filen {path.name} er hverken en Excel-projektmappe (.xlsx) eller en plan i "
        "overdragelsesformatet (.json) og er ikke læst."
    )


def _file_time(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def _json_unit(path: Path) -> Unit:
    from .exchange.json_format import read_plan_file

    plan = read_plan_file(path)
    file_time = _file_time(path)
    return Unit(
        path=path,
        plan_uid=plan.uid,
        exported=dt.date.fromtimestamp(file_time) if file_time else None,
        exported_from_file_time=True,
        workplace=plan.workplace,
        leader=plan.leader.name,
        level=plan.level,
        manager=plan.manager.name,
        framework_id=plan.framework_id,
        framework_version=plan.framework_version,
        first_year=plan.first_year,
        years=plan.years,
        goals=tuple(
            UnitGoal(g.uid, g.year, g.vision, g.theme or "", g.title, g.status) for g in plan.goals
        ),
        dialogues=tuple(UnitDialogue(d.year, d.kind, d.planned, d.held) for d in plan.dialogues),
        file_time=file_time,
        situation={s: t for s, t in plan.situation.items() if t},
    )


def _workbook_unit(path: Path) -> Unit:
    from .errors import InputError
    from .exchange.answer import DATA_VERSION, read_data_sheet
    from .exchange.workbook_gate import open_checked_workbook

    workbook = open_checked_workbook(path)
    try:
        try:
            data = read_data_sheet(workbook, path.name)
        except InputError:
            raise
        except Exception as error:  # a part openpyxl reads lazily turned out broken
            raise InputError(
                f"Filen {path.name} kan ikke læses som Excel-projektmappe; den kan være "
                "beskadiget. Bed lederen sende den igen."
            ) from error
        if data is None:
            if getattr(workbook.properties, "subject", "") == ROLLUP_SUBJECT:
                raise InputError(
                    f"Filen {path.name} er et samlet overblik, ikke en leders plan, og er "
                    "ikke læst."
                )
            if _old_export(workbook):
                raise InputError(
                    f"Filen {path.name} er lavet af en ældre udgave af programmet og kan ikke "
                    "læses ind i overblikket. Bed lederen eksportere planen igen."
                )
            raise InputError(
                f"Filen {path.name} er ikke en udviklingsplan fra programmet (en anden "
                "projektmappe) og er ikke læst."
            )
        if (data.version or 0) > DATA_VERSION:
            raise InputError(
                f"Filen {path.name} er lavet af en nyere udgave af programmet. Opdatér "
                "programmet (kontakt IT), og læs den så igen."
            )
    finally:
        workbook.close()
    exported = _iso_date(data.get("exported"))
    goals = tuple(
        UnitGoal(g.uid, g.year, g.vision, g.theme, g.title, g.status)
        for g in data.baseline.values()
    )
    kinds = {kind.value: kind for kind in DialogueKind}
    dialogues = tuple(
        UnitDialogue(d.year, kinds.get(d.kind), d.planned, d.held) for d in data.dialogues
    )
    return Unit(
        path=path,
        plan_uid=data.get("plan") or None,
        exported=exported,
        exported_from_file_time=False,
        workplace=data.get("workplace"),
        leader=data.get("leader"),
        level=_int(data.get("level")),
        manager=data.get("manager"),
        framework_id=data.get("framework"),
        framework_version=data.get("framework_version"),
        first_year=_int(data.get("first_year")),
        years=_int(data.get("years")),
        goals=goals,
        dialogues=dialogues,
        file_time=_file_time(path),
        export_id=data.get("export") or None,
        situation={
            section: text
            for section in SituationSection
            if (text := data.get(f"situation:{section.value}"))
        },
    )


def _old_export(workbook: object) -> bool:
    """A workbook of this program from before the hidden data sheet (its format property)."""
    from .exchange.excel import FORMAT_NAME, PROPERTY_FORMAT

    try:
        properties = getattr(workbook, "custom_doc_props", None) or ()
        return any(p.name == PROPERTY_FORMAT and p.value == FORMAT_NAME for p in properties)
    except Exception:
        return False


def _int(text: str) -> int | None:
    return int(text) if text.isdigit() else None


def _iso_date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


# --- what is shown -------------------------------------------------------------------------


@dataclass(frozen=True)
class VisionColumn:
    """A vision (or focus area) as a column: its id, code and Danish title."""

    id: str
    code: str
    title: str

    @property
    def label(self) -> str:
        """``V1 Et værdigt liv``."""
        return f"{self.code} {self.title}".strip() if self.title else self.code or self.id


@dataclass(frozen=True)
class Filter:
    """``year`` ``None``: the whole cycle; ``vision``/``status`` ``None``: all."""

    year: int | None = None
    vision: str | None = None
    status: Status | None = None

    def keeps(self, goal: UnitGoal) -> bool:
        return (
            (self.year is None or goal.year == self.year)
            and (self.vision is None or goal.vision == self.vision)
            and (self.status is None or goal.status is self.status)
        )


@dataclass(frozen=True)
class UnitRow:
    """One unit in the overview."""

    unit: Unit
    #: vision id → the unit's goals there (after the filter); an empty tuple is an empty cell.
    cells: dict[str, tuple[UnitGoal, ...]]
    #: Every status with its count (after the filter), in the program's order; zero included.
    statuses: dict[Status, int]
    #: Dialogues (in the year, or the whole cycle) held, and planned but not held yet.
    dialogues_held: int
    dialogues_planned: int
    #: The shown visions where the unit has no goal in the year (or cycle), whatever the status.
    missing: tuple[str, ...]
    #: Danish marks: an old export, a cycle that differs from the most common one.
    marks: tuple[str, ...]

    @property
    def goal_count(self) -> int:
        return sum(len(goals) for goals in self.cells.values())


@dataclass(frozen=True)
class Overview:
    """Units × visions for one filter; what the window and the combined workbook show."""

    filter: Filter
    columns: tuple[VisionColumn, ...]
    rows: tuple[UnitRow, ...]
    #: Shown visions no unit has a goal in (in the year or cycle, whatever the status).
    uncovered: tuple[str, ...]
    #: The most common cycle ``(first_year, years)`` of the units (``None`` without units).
    common_cycle: tuple[int, int] | None
    #: The manager's own plan per vision (after the filter); ``None`` without one.
    manager: dict[str, tuple[UnitGoal, ...]] | None = None
    manager_workplace: str = ""

    def column(self, vision_id: str) -> VisionColumn:
        return next(c for c in self.columns if c.id == vision_id)

    def count(self, vision_id: str) -> int:
        """Goals in a vision over all units (after the filter)."""
        return sum(len(row.cells.get(vision_id, ())) for row in self.rows)

    @property
    def years(self) -> list[int]:
        """The years any unit's cycle holds (for the year filter)."""
        return sorted({year for row in self.rows for year in row.unit.cycle_years})


def vision_columns(units: Sequence[Unit], manager_plan: Plan | None = None) -> list[VisionColumn]:
    """The visions as columns: the most common framework's first, in its order, then others'
    in theirs, then ids no known framework has (in the order of their names)."""
    from .framework_sources import get_framework

    frameworks = Counter(u.framework_id for u in units if u.framework_id)
    if manager_plan is not None:
        frameworks[manager_plan.framework_id] += 0
    ordered = sorted(frameworks, key=lambda fid: (-frameworks[fid], fid))
    columns: list[VisionColumn] = []
    known: set[str] = set()
    for framework_id in ordered:
        try:
            framework = get_framework(framework_id)
        except (FrameworkError, UdviklingsplanError):
            continue
        for vision in framework.visions:
            if vision.id not in known:
                known.add(vision.id)
                columns.append(VisionColumn(vision.id, vision.code, vision.title))
    seen = {g.vision for u in units for g in u.goals if g.vision}
    if manager_plan is not None:
        seen |= {g.vision for g in manager_plan.goals}
    columns += [VisionColumn(v, v, "") for v in sorted(seen - known)]
    return columns


def theme_title(framework_id: str, theme_id: str) -> str:
    """``4.2 Arbejdsmiljø og drift``: the theme's code and Danish title (its id when unknown)."""
    from .framework_sources import get_framework

    if not theme_id:
        return ""
    try:
        found = get_framework(framework_id).theme(theme_id)
    except UdviklingsplanError:
        return theme_id
    return f"{found[1].code} {found[1].title}" if found else theme_id


def common_cycle(units: Sequence[Unit]) -> tuple[int, int] | None:
    """The most common cycle (the earliest of equally common ones)."""
    cycles = Counter(u.cycle for u in units if u.cycle is not None)
    if not cycles:
        return None
    return min(cycles, key=lambda cycle: (-cycles[cycle], cycle))


def unit_marks(unit: Unit, today: dt.date, common: tuple[int, int] | None) -> tuple[str, ...]:
    """Danish marks for a unit: its export is old, or its cycle differs from the most common."""
    marks = []
    if unit.exported is None:
        marks.append("Eksportdato ukendt")
    elif (today - unit.exported).days > OLD_EXPORT_DAYS:
        days = (today - unit.exported).days
        marks.append(f"Gammel eksport: {danish_date(unit.exported)} ({days} dage siden)")
    if common is not None and unit.cycle != common:
        marks.append(f"Anden cyklus: {unit.cycle_label} (de fleste: {years_label(*common)})")
    return tuple(marks)


def status_counts(goals: Iterable[UnitGoal]) -> dict[Status, int]:
    """Every status with its count, in the program's order (a goal without status not counted)."""
    counts = Counter(g.status for g in goals if g.status is not None)
    return {status: counts.get(status, 0) for status in Status}


def dialogue_counts(unit: Unit, year: int | None = None) -> tuple[int, int]:
    """``(held, planned)``: dialogues held, and planned but not held yet (in ``year``, or all)."""
    chosen = [d for d in unit.dialogues if year is None or d.year == year]
    held = sum(1 for d in chosen if d.held is not None)
    planned = sum(1 for d in chosen if d.held is None and d.planned is not None)
    return held, planned


def latest_dialogue(unit: Unit, year: int | None = None) -> UnitDialogue | None:
    """The unit's last dialogue held (in ``year``, or at all)."""
    held = [d for d in unit.dialogues if d.held and (year is None or d.year == year)]
    return max(held, key=lambda d: d.held or dt.date.min, default=None)


def latest_dialogue_text(unit: Unit, year: int | None = None) -> str:
    """``Midtvejsdialog 03-06-2027``, or ``Ingen afholdt``."""
    dialogue = latest_dialogue(unit, year)
    if dialogue is None:
        return "Ingen afholdt"
    return f"{dialogue.label} {danish_date(dialogue.held)}"


def overview(
    rollup: Rollup,
    flt: Filter | None = None,
    *,
    manager_plan: Plan | None = None,
) -> Overview:
    """Units × visions for the filter (default: the whole cycle, every vision and status)."""
    flt = flt or Filter()
    columns = vision_columns(rollup.units, manager_plan)
    if flt.vision is not None:
        columns = [c for c in columns if c.id == flt.vision] or [
            VisionColumn(flt.vision, flt.vision, "")
        ]
    common = common_cycle(rollup.units)
    rows = []
    covered: set[str] = set()
    for unit in rollup.units:
        in_year = [g for g in unit.goals if flt.year is None or g.year == flt.year]
        having = {g.vision for g in in_year}
        covered |= having
        kept = [g for g in in_year if flt.keeps(g)]
        cells = {c.id: tuple(g for g in kept if g.vision == c.id) for c in columns}
        held, planned = dialogue_counts(unit, flt.year)
        rows.append(
            UnitRow(
                unit=unit,
                cells=cells,
                statuses=status_counts(kept),
                dialogues_held=held,
                dialogues_planned=planned,
                missing=tuple(c.id for c in columns if c.id not in having),
                marks=unit_marks(unit, rollup.today, common),
            )
        )
    manager = None
    if manager_plan is not None:
        mine = [
            UnitGoal(g.uid, g.year, g.vision, g.theme or "", g.title, g.status)
            for g in manager_plan.goals
        ]
        manager = {
            c.id: tuple(g for g in mine if flt.keeps(g) and g.vision == c.id) for c in columns
        }
    return Overview(
        filter=flt,
        columns=tuple(columns),
        rows=tuple(rows),
        uncovered=tuple(c.id for c in columns if c.id not in covered),
        common_cycle=common,
        manager=manager,
        manager_workplace=manager_plan.workplace if manager_plan is not None else "",
    )


def goal_rows(rollup: Rollup, flt: Filter | None = None) -> list[tuple[Unit, UnitGoal]]:
    """Every goal of every unit (after the filter), by unit, year and vision order."""
    flt = flt or Filter()
    order = {c.id: i for i, c in enumerate(vision_columns(rollup.units))}
    rows = []
    for unit in rollup.units:
        goals = [g for g in unit.goals if flt.keeps(g)]
        goals.sort(key=lambda g: (g.year or 0, order.get(g.vision, len(order))))
        rows += [(unit, goal) for goal in goals]
    return rows


def summary_text(rollup: Rollup) -> str:
    """``12 planer læst, 1 erstattet af en nyere, 2 afvist.`` (and whether it was stopped)."""
    copies = sum(1 for r in rollup.replaced if r.same_export)
    parts = [
        f"{len(rollup.units)} {'plan' if len(rollup.units) == 1 else 'planer'} læst",
        f"{len(rollup.replaced) - copies} erstattet af en nyere",
    ]
    if copies:
        parts.append(f"{copies} {'kopi' if copies == 1 else 'kopier'} af samme eksport")
    parts.append(f"{len(rollup.refused)} afvist")
    text = ", ".join(parts) + "."
    if rollup.stopped:
        text += f" Stoppet – {len(rollup.unread)} filer er ikke læst."
    return text
