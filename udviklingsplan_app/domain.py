"""The plan as plain Python: choice fields with their Danish labels, and the plan's parts.

These dataclasses are what services return, what guidance reads and what the exchange formats
write. They hold no database handles; storage maps them to and from rows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

MIN_LEVEL, MAX_LEVEL = 1, 4
MIN_CYCLE_YEARS, MAX_CYCLE_YEARS = 3, 5
MIN_YEAR, MAX_YEAR = 2000, 2100


class Status(StrEnum):
    """A goal's status; stored and exchanged by value."""

    IKKE_PAABEGYNDT = "ikke-paabegyndt"
    PLANLAGT = "planlagt"
    I_GANG = "i-gang"
    DELVIST_NAAET = "delvist-naaet"
    NAAET = "naaet"
    VIDEREFOERT = "viderefoert"
    OPGIVET = "opgivet"

    @property
    def label(self) -> str:
        return _STATUS_LABELS[self]

    @property
    def is_open(self) -> bool:
        """Still being worked on this year (not reached, carried over or given up)."""
        return self in (
            Status.IKKE_PAABEGYNDT,
            Status.PLANLAGT,
            Status.I_GANG,
            Status.DELVIST_NAAET,
        )


_STATUS_LABELS = {
    Status.IKKE_PAABEGYNDT: "Ikke påbegyndt",
    Status.PLANLAGT: "Planlagt",
    Status.I_GANG: "I gang",
    Status.DELVIST_NAAET: "Delvist nået",
    Status.NAAET: "Nået",
    Status.VIDEREFOERT: "Videreført",
    Status.OPGIVET: "Opgivet",
}


class Party(StrEnum):
    """Who was involved in a goal (the strategy asks for the first four)."""

    EGEN_LEDER = "egen-leder"
    LEDELSESTEAM = "ledelsesteam"
    MED_UDVALG = "med-udvalg"
    MEDARBEJDERE = "medarbejdere"
    BORGERE_PAAROERENDE = "borgere-paaroerende"
    SAMARBEJDSPARTNERE = "samarbejdspartnere"
    ANDRE = "andre"

    @property
    def label(self) -> str:
        return _PARTY_LABELS[self]

    @property
    def in_sentence(self) -> str:
        """The party as it reads inside a sentence: "din leder", "MED-udvalget"."""
        return _PARTY_IN_SENTENCE[self]


_PARTY_LABELS = {
    Party.EGEN_LEDER: "Egen leder",
    Party.LEDELSESTEAM: "Ledelsesteam",
    Party.MED_UDVALG: "MED-udvalg",
    Party.MEDARBEJDERE: "Medarbejdere",
    Party.BORGERE_PAAROERENDE: "Borgere og pårørende",
    Party.SAMARBEJDSPARTNERE: "Samarbejdspartnere",
    Party.ANDRE: "Andre",
}

_PARTY_IN_SENTENCE = {
    Party.EGEN_LEDER: "din leder",
    Party.LEDELSESTEAM: "ledelsesteamet",
    Party.MED_UDVALG: "MED-udvalget",
    Party.MEDARBEJDERE: "medarbejderne",
    Party.BORGERE_PAAROERENDE: "borgere og pårørende",
    Party.SAMARBEJDSPARTNERE: "samarbejdspartnerne",
    Party.ANDRE: "andre",
}

#: The parties the strategy names: "I skal involvere din leder, dit ledelsesteam, MED-udvalg og
#: medarbejdere i processen".
REQUIRED_PARTIES = (Party.EGEN_LEDER, Party.LEDELSESTEAM, Party.MED_UDVALG, Party.MEDARBEJDERE)


class DialogueKind(StrEnum):
    """The four 1:1 dialogues of a year, in their order."""

    START = "start"
    MIDT = "midt"
    SLUT = "slut"
    OPFOELGNING = "opfoelgning"

    @property
    def label(self) -> str:
        return _DIALOGUE_LABELS[self]

    def suggested_date(self, year: int) -> dt.date:
        """The suggested date: February, June, November, and January of the next year."""
        month, day, offset = _DIALOGUE_SUGGESTIONS[self]
        return dt.date(year + offset, month, day)


_DIALOGUE_LABELS = {
    DialogueKind.START: "Startdialog",
    DialogueKind.MIDT: "Midtvejsdialog",
    DialogueKind.SLUT: "Slutdialog",
    DialogueKind.OPFOELGNING: "Opfølgning",
}
_DIALOGUE_SUGGESTIONS = {
    DialogueKind.START: (2, 1, 0),
    DialogueKind.MIDT: (6, 1, 0),
    DialogueKind.SLUT: (11, 1, 0),
    DialogueKind.OPFOELGNING: (1, 15, 1),
}


class SituationSection(StrEnum):
    """The sections of the workplace's current situation ("Arbejdspladsens aktuelle situation")."""

    FACTS = "facts"
    STRATEGIES = "strategies"
    FOCUS_AREAS = "focus_areas"
    CHALLENGES = "challenges"
    OTHER_INITIATIVES = "other_initiatives"
    OPERATIONS = "operations"

    @property
    def label(self) -> str:
        return _SECTION_TEXTS[self][0]

    @property
    def hint(self) -> str:
        """What belongs in the section, with examples from the home-care example."""
        return _SECTION_TEXTS[self][1]


_SECTION_TEXTS = {
    SituationSection.FACTS: (
        "Fakta",
        "Målgruppe, ydelser, antal borgere, organisering og budget – fx »Yder hjemmepleje, "
        "hjemmesygepleje og træning til borgere fra 18 til 65 år«.",
    ),
    SituationSection.STRATEGIES: (
        "Centrale strategier og indsatsområder",
        "De strategier og aftaler, der binder arbejdspladsen – fx Socialstrategien og "
        "samarbejdet med Regionen.",
    ),
    SituationSection.FOCUS_AREAS: (
        "Organisatoriske og politiske fokusområder",
        "Det, organisationen og politikerne har fokus på – fx sammenhængende indsatser, "
        "tilsyn, planlægning og rekruttering.",
    ),
    SituationSection.CHALLENGES: (
        "Aktuelle udfordringer",
        "Det, der er svært lige nu – fx mangel på SOSU-assistenter og sygeplejersker eller "
        "stigende kompleksitet.",
    ),
    SituationSection.OTHER_INITIATIVES: (
        "Øvrige udviklingstiltag",
        "Andre udviklingsprojekter, der kører ved siden af udviklingsmålene – fx et nyt "
        "MUS-koncept eller elektroniske låse.",
    ),
    SituationSection.OPERATIONS: (
        "Hensyn til drift",
        "Det, den daglige drift kræver, og som planen skal tage hensyn til – fx tilsyn, "
        "dokumentation og medicinhåndtering.",
    ),
}


#: The title a new goal gets until the leader names it (guidance points out one left so).
DEFAULT_GOAL_TITLE = "Nyt udviklingsmål"


class Severity(StrEnum):
    """How much a guidance finding matters. Nothing blocks saving."""

    FEJL = "fejl"
    ADVARSEL = "advarsel"
    TIP = "tip"

    @property
    def label(self) -> str:
        return {"fejl": "Fejl", "advarsel": "Advarsel", "tip": "Tip"}[self.value]

    @property
    def rank(self) -> int:
        return {"fejl": 0, "advarsel": 1, "tip": 2}[self.value]


def new_uid() -> str:
    """A stable id for a goal: survives export, import and the Excel round trip."""
    import uuid  # here, not at start: uuid imports platform (a few ms before the first paint)

    return uuid.uuid4().hex


@dataclass
class Person:
    name: str = ""
    title: str = ""


@dataclass
class Action:
    text: str
    responsible: str = ""
    deadline: dt.date | None = None
    done: bool = False
    id: int | None = None


@dataclass
class Measurement:
    date: dt.date
    value: float
    id: int | None = None


@dataclass
class Indicator:
    name: str
    unit: str = ""
    baseline: float | None = None
    target: float | None = None
    measurements: list[Measurement] = field(default_factory=list)
    id: int | None = None

    @property
    def latest(self) -> Measurement | None:
        # On the same date the value entered last counts (a correction of the first one).
        return max(reversed(self.measurements), key=lambda m: m.date, default=None)


@dataclass
class Involvement:
    party: Party
    date: dt.date | None = None
    form: str = ""
    outcome: str = ""
    id: int | None = None


@dataclass
class StatusChange:
    status: Status
    at: dt.datetime
    note: str = ""


@dataclass
class Goal:
    year: int
    vision: str
    title: str
    theme: str | None = None
    rationale: str = ""
    status: Status = Status.IKKE_PAABEGYNDT
    owner: str = ""
    uid: str = field(default_factory=new_uid)
    carried_over_from: str | None = None
    actions: list[Action] = field(default_factory=list)
    success_signs: list[str] = field(default_factory=list)
    success_criteria: list[str] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    involvement: list[Involvement] = field(default_factory=list)
    status_history: list[StatusChange] = field(default_factory=list)
    id: int | None = None


@dataclass
class Dialogue:
    year: int
    kind: DialogueKind
    planned: dt.date | None = None
    held: dt.date | None = None
    participants: list[str] = field(default_factory=list)
    agenda: str = ""
    notes: str = ""
    agreements: str = ""
    id: int | None = None


@dataclass
class Plan:
    leader: Person
    level: int
    workplace: str
    manager: Person
    framework_id: str
    first_year: int
    years: int
    framework_version: str = ""
    situation: dict[SituationSection, str] = field(default_factory=dict)
    goals: list[Goal] = field(default_factory=list)
    dialogues: list[Dialogue] = field(default_factory=list)
    #: The visions each year focuses on (the four-year overview): year → vision ids in the
    #: framework's order. A year without an entry has no focus chosen yet.
    focus: dict[int, list[str]] = field(default_factory=dict)
    id: int | None = None
    #: The plan's stable id (``plan.id`` in the JSON format); ``None`` for a file without one.
    uid: str | None = None

    @property
    def last_year(self) -> int:
        return self.first_year + self.years - 1

    @property
    def cycle_years(self) -> range:
        return range(self.first_year, self.first_year + self.years)

    def goals_in(self, year: int) -> list[Goal]:
        return [goal for goal in self.goals if goal.year == year]

    def dialogue(self, year: int, kind: DialogueKind) -> Dialogue | None:
        return next((d for d in self.dialogues if d.year == year and d.kind == kind), None)

    def situation_text(self, section: SituationSection) -> str:
        return self.situation.get(section, "")


#: The kinds of guide a leader can be in the middle of (``GuideProgress.kind``).
GUIDE_NEW_PLAN = "ny_plan"
GUIDE_NEW_YEAR = "nyt_aar"
GUIDE_KINDS = (GUIDE_NEW_PLAN, GUIDE_NEW_YEAR)


@dataclass(frozen=True)
class GuideProgress:
    """Where a leader left a guide: the plan, the kind of guide, its year and its step.

    Not part of the plan: it is neither exported nor touched by undo.
    """

    plan_id: int
    kind: str
    year: int
    step: int
