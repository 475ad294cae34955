"""Guidance (vejledning): a pure function from a plan to findings.

Findings explain what good looks like; none of them blocks saving. Severity ``fejl`` is kept for
what can no longer be mended within the plan's rules (a vision that the remaining years cannot
cover); ``advarsel`` for what should be looked at now; ``tip`` for what can wait.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .domain import (
    DEFAULT_GOAL_TITLE,
    REQUIRED_PARTIES,
    DialogueKind,
    Goal,
    Plan,
    Severity,
    SituationSection,
)
from .formatting import danish_month, long_date, years_label
from .framework import Framework
from .planning import active_year as active_year  # (here too, as before)


@dataclass(frozen=True)
class Concern:
    """What a finding is about, so the UI can jump there."""

    kind: str  # "plan", "situation", "year", "vision", "goal" or "dialogue"
    year: int | None = None
    goal_uid: str | None = None
    vision: str | None = None
    dialogue: DialogueKind | None = None


@dataclass(frozen=True)
class Finding:
    severity: Severity
    code: str
    message: str
    concerns: Concern

    def __str__(self) -> str:
        return f"{self.severity.value}: {self.message}"


def _and_list(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " og " + items[-1]


#: A dialogue still to be arranged is mentioned this many days before its suggested date (and
#: after it): a start dialogue months ahead is no task yet.
DIALOGUE_NEAR_DAYS = 30


def dialogue_is_near(day: dt.date, today: dt.date) -> bool:
    """Whether a dialogue suggested for ``day`` is due to be arranged: near, or past."""
    return day - today <= dt.timedelta(days=DIALOGUE_NEAR_DAYS)


def check_plan(
    plan: Plan,
    framework: Framework,
    today: dt.date | None = None,
    being_written: str | None = None,
) -> list[Finding]:
    """All findings for the plan, the most serious first.

    ``being_written``: the uid of a goal the leader has just created and not yet left. What it
    still lacks (success signs, actions) is not pointed out while it is being written.
    """
    today = today or dt.date.today()
    findings: list[Finding] = []
    findings += _names(plan)
    findings += _situation(plan)
    findings += _goals_per_year(plan, framework, today)
    findings += _coverage(plan, framework, today)
    findings += _focus(plan, framework, today)
    for goal in plan.goals:
        if being_written is None or goal.uid != being_written:
            findings += _goal(goal, plan, framework, today)
    findings += _dialogues(plan, today)
    findings += _involvement(plan, today)
    findings += _manager_comments(plan, today)
    order = {f: i for i, f in enumerate(findings)}
    return sorted(findings, key=lambda f: (f.severity.rank, order[f]))


def _names(plan: Plan) -> list[Finding]:
    """The names on the paper the manager gets: the leader's and the manager's."""
    missing = [
        who
        for who, name in (("dit navn", plan.leader.name), ("din leders navn", plan.manager.name))
        if not name.strip()
    ]
    if not missing:
        return []
    return [
        Finding(
            Severity.TIP,
            "plan-without-names",
            f"Planen mangler {_and_list(missing)}. Navnene står øverst i planen og på forsiden af "
            "Excel-filen, som din leder får. Skriv dem under »Planens oplysninger«.",
            Concern("plan"),
        )
    ]


def _situation(plan: Plan) -> list[Finding]:
    empty = [s for s in SituationSection if not plan.situation_text(s).strip()]
    if len(empty) == len(SituationSection):
        return [
            Finding(
                Severity.ADVARSEL,
                "situation-empty",
                "Arbejdspladsens aktuelle situation er ikke beskrevet endnu. Den er udgangspunktet "
                "for udviklingsmålene: beskriv fakta, fokusområder og udfordringer først.",
                Concern("situation"),
            )
        ]
    if empty:
        names = _and_list([f"»{s.label}«" for s in empty])
        return [
            Finding(
                Severity.TIP,
                "situation-incomplete",
                f"Den aktuelle situation mangler {names}. En kort tekst i hvert afsnit gør planen "
                "lettere at drøfte med din leder.",
                Concern("situation"),
            )
        ]
    return []


def _goals_per_year(plan: Plan, framework: Framework, today: dt.date) -> list[Finding]:
    low, high = framework.goals_min, framework.goals_max
    now = active_year(plan, today)
    findings = []
    good = f"En god plan har {low}–{high} udviklingsmål om året – nok til at rykke noget, og få nok til at nå dem."
    for year in plan.cycle_years:
        count = len(plan.goals_in(year))
        if count > high:
            findings.append(
                Finding(
                    Severity.ADVARSEL,
                    "too-many-goals",
                    f"{year} har {count} udviklingsmål. {good} Overvej at flytte nogle til et senere år.",
                    Concern("year", year=year),
                )
            )
        elif count < low:
            future, past = year > now, year < today.year
            if past:  # nothing to change any more: said plainly, as a tip for the next plan
                got = "intet udviklingsmål" if count == 0 else f"kun {count} udviklingsmål"
                text = f"{year} fik {got}. En god plan har {low}–{high} om året."
            elif count == 0:
                text = f"Der er endnu ingen udviklingsmål for {year}."
            else:
                text = f"{year} har {'endnu ' if future else ''}kun {count} udviklingsmål."
            if not past:
                text += " " + (f"Planlæg {low}–{high}, når året nærmer sig." if future else good)
            findings.append(
                Finding(
                    Severity.TIP if future or past else Severity.ADVARSEL,
                    "too-few-goals",
                    text,
                    Concern("year", year=year),
                )
            )
    return findings


def _coverage(plan: Plan, framework: Framework, today: dt.date) -> list[Finding]:
    if not framework.cover_every_vision:
        return []
    covered = {goal.vision for goal in plan.goals}
    uncovered = [v for v in framework.visions if v.id not in covered]
    if not uncovered:
        return []
    the, it = framework.terms.vision_definite, framework.terms.vision_pronoun
    cycle = years_label(plan.first_year, plan.years)
    if today.year > plan.last_year:
        return [
            Finding(
                Severity.FEJL,
                "vision-uncovered",
                f"{the} »{v.title}« fik intet udviklingsmål i planens år {cycle}. Tag "
                f"{it.lower()} med i den næste plan.",
                Concern("vision", vision=v.id),
            )
            for v in uncovered
        ]
    now = active_year(plan, today)
    remaining = [y for y in plan.cycle_years if y >= now]
    room = sum(max(0, framework.goals_max - len(plan.goals_in(y))) for y in remaining)
    span = years_label(remaining[0], len(remaining))
    findings = []
    for v in uncovered:
        if room < len(uncovered):
            findings.append(
                Finding(
                    Severity.FEJL,
                    "vision-uncovered",
                    f"{the} »{v.title}« har intet udviklingsmål, og {span} er allerede fyldt op "
                    f"(højst {framework.goals_max} mål om året). Overvej at ændre et af målene, så "
                    f"{it.lower()} kommer med.",
                    Concern("vision", vision=v.id),
                )
            )
        elif len(remaining) == 1:
            findings.append(
                Finding(
                    Severity.ADVARSEL,
                    "vision-uncovered",
                    f"{the} »{v.title}« har intet udviklingsmål endnu. {it} kan stadig komme med "
                    f"i {span}, planens sidste år.",
                    Concern("vision", vision=v.id),
                )
            )
        else:
            findings.append(
                Finding(
                    Severity.TIP,
                    "vision-uncovered",
                    f"{the} »{v.title}« har intet udviklingsmål endnu. {it} kan stadig komme med "
                    f"i {span} – en god plan kommer omkring alle {framework.terms.visions.lower()} "
                    "i løbet af planens år.",
                    Concern("vision", vision=v.id),
                )
            )
    return findings


def _focus(plan: Plan, framework: Framework, today: dt.date) -> list[Finding]:
    """The year being worked on: a vision chosen as its focus that has no goal under it yet."""
    year = active_year(plan, today)
    if year < today.year:  # the cycle is over
        return []
    the, it = framework.terms.vision_definite.lower(), framework.terms.vision_pronoun.lower()
    under = {goal.vision for goal in plan.goals_in(year)}
    findings = []
    for vision_id in plan.focus.get(year, []):
        vision = framework.vision(vision_id)
        if vision is None or vision_id in under:
            continue
        findings.append(
            Finding(
                Severity.TIP,
                "focus-without-goal",
                f"{year} fokuserer på {the} »{vision.title}«, men der er endnu intet "
                f"udviklingsmål under {it} i {year}. Et udviklingsmål gør fokus konkret – eller "
                "vælg et andet fokus for året, hvis planen har ændret sig.",
                Concern("vision", year=year, vision=vision_id),
            )
        )
    return findings


def _outside_framework(
    goal: Goal, name: str, framework: Framework, concern: Concern
) -> list[Finding]:
    """A goal that points at a vision, theme or sign its framework version no longer has.

    It happens when a plan moves to a newer version of its framework; the goal is kept as the
    leader wrote it, and this finding asks the leader to choose anew.
    """
    terms = framework.terms
    where = f"{framework.short_title} (version {framework.version})"
    vision = framework.vision(goal.vision)
    missing = []
    if vision is None:
        missing.append(f"{terms.vision.lower()} »{goal.vision}«")
    elif goal.theme is not None and vision.theme(goal.theme) is None:
        missing.append(f"{terms.theme.lower()} »{goal.theme}«")
    gone = [sign for sign in goal.success_signs if framework.sign(sign) is None]
    if gone:
        missing.append(f"{terms.signs.lower()} {_and_list([f'»{s}«' for s in gone])}")
    if not missing:
        return []
    return [
        Finding(
            Severity.ADVARSEL,
            "goal-outside-framework",
            f"{name} henviser til {_and_list(missing)}, som ikke findes i {where}. Målet og alt "
            "dets indhold er bevaret – vælg det, der passer nu.",
            concern,
        )
    ]


def _goal(goal: Goal, plan: Plan, framework: Framework, today: dt.date) -> list[Finding]:
    findings = []
    name = f"Udviklingsmålet »{goal.title}« ({goal.year})"
    concern = Concern("goal", year=goal.year, goal_uid=goal.uid, vision=goal.vision)
    findings += _outside_framework(goal, name, framework, concern)
    has_criteria = any(text.strip() for text in goal.success_criteria)
    if not goal.success_signs and not has_criteria:
        findings.append(
            Finding(
                Severity.ADVARSEL,
                "goal-without-success",
                f"{name} har hverken {framework.terms.signs.lower()} eller egne succeskriterier. Et "
                "godt udviklingsmål siger, hvordan I kan se, at det lykkes.",
                concern,
            )
        )
    if goal.title.strip() == DEFAULT_GOAL_TITLE:
        findings.append(
            Finding(
                Severity.TIP,
                "goal-default-title",
                f"Et udviklingsmål i {goal.year} hedder stadig »{DEFAULT_GOAL_TITLE}«. Giv det en "
                "titel, der siger, hvad I vil nå – fx »Tryghed om natten«.",
                concern,
            )
        )
    if not goal.actions:
        findings.append(
            Finding(
                Severity.TIP,
                "goal-without-actions",
                f"{name} har ingen handlinger endnu. Skriv de første skridt, og hvem der har ansvaret.",
                concern,
            )
        )
    if goal.year < today.year and goal.status.is_open:
        advice = "Sæt en slutstatus med en note"
        if goal.year < plan.last_year:
            advice += ", eller viderefør målet til næste år"
        findings.append(
            Finding(
                Severity.ADVARSEL,
                "goal-open-after-year",
                f"{name} står stadig som »{goal.status.label}«, men året er gået. {advice}.",
                concern,
            )
        )
    return findings


def _dialogues(plan: Plan, today: dt.date) -> list[Finding]:
    now = active_year(plan, today)
    findings = []
    for year in plan.cycle_years:
        if year > now and not plan.goals_in(year):
            continue
        start = plan.dialogue(year, DialogueKind.START)
        if start is None or (start.planned is None and start.held is None):
            concern = Concern("dialogue", year=year, dialogue=DialogueKind.START)
            if year < today.year:  # the year is over: a note for the record, not a task
                findings.append(
                    Finding(
                        Severity.TIP,
                        "no-start-dialogue",
                        f"Der er ikke registreret nogen startdialog for {year}.",
                        concern,
                    )
                )
            elif dialogue_is_near(DialogueKind.START.suggested_date(year), today):
                findings.append(
                    Finding(
                        Severity.ADVARSEL,
                        "no-start-dialogue",
                        f"Der er ingen startdialog for {year} endnu. Aftal den med din leder – "
                        f"typisk i {danish_month(DialogueKind.START.suggested_date(year))} – så I "
                        "kan forventningsafstemme fra start.",
                        concern,
                    )
                )
        for kind in DialogueKind:
            dialogue = plan.dialogue(year, kind)
            if dialogue and dialogue.planned and not dialogue.held and dialogue.planned < today:
                findings.append(
                    Finding(
                        Severity.TIP,
                        "dialogue-not-held",
                        f"{kind.label}en for {year} var planlagt til {long_date(dialogue.planned)}, "
                        "men er ikke registreret som holdt. Skriv dato og noter fra dialogen.",
                        Concern("dialogue", year=year, dialogue=kind),
                    )
                )
    return findings


def _involvement(plan: Plan, today: dt.date) -> list[Finding]:
    now = active_year(plan, today)
    findings = []
    for year in plan.cycle_years:
        goals = plan.goals_in(year)
        if year > now or not goals:
            continue
        involved = {item.party for goal in goals for item in goal.involvement}
        missing = [p for p in REQUIRED_PARTIES if p not in involved]
        if missing:
            names = _and_list([p.in_sentence for p in missing])
            findings.append(
                Finding(
                    Severity.TIP,
                    "involvement-missing",
                    f"I {year} er {names} endnu ikke registreret som inddraget i udviklingsmålene. "
                    "Planen bliver stærkere, når din leder, dit ledelsesteam, MED-udvalget og "
                    "medarbejderne er med i processen.",
                    Concern("year", year=year),
                )
            )
    return findings


def year_findings(
    plan: Plan,
    framework: Framework,
    year: int,
    being_written: str | None = None,
    today: dt.date | None = None,
) -> list[Finding]:
    """The findings that concern the year's goals, and the cycle's coverage (the guide's goal
    step shows them beside the year's goals)."""
    findings = []
    for finding in check_plan(plan, framework, today, being_written):
        concern = finding.concerns
        if concern.kind == "vision" and concern.year in (None, year):
            findings.append(finding)  # the cycle's coverage, and the year's focus
        elif concern.year == year and concern.kind not in ("vision", "dialogue"):
            findings.append(finding)
    return findings


def _manager_comments(plan: Plan, today: dt.date) -> list[Finding]:
    """The manager's comments the leader has not seen yet (until the leader has looked)."""
    findings: list[Finding] = []
    goals = [g for g in plan.goals if any(not c.seen for c in g.manager_comments)]
    if goals:
        first = goals[0]
        count = f"{len(goals)} mål" if len(goals) > 1 else f"målet »{first.title}«"
        findings.append(
            Finding(
                Severity.TIP,
                "manager-comments-unseen",
                f"Din leder har kommenteret {count}. Læs kommentarerne under "
                f"{'målene' if len(goals) > 1 else 'målet'}.",
                Concern("goal", year=first.year, goal_uid=first.uid, vision=first.vision),
            )
        )
    unseen = sum(not c.seen for c in plan.manager_comments)
    if unseen:
        findings.append(
            Finding(
                Severity.TIP,
                "manager-plan-comments-unseen",
                f"Din leder har skrevet {unseen} {'kommentar' if unseen == 1 else 'kommentarer'} "
                "til planen. Læs "
                f"{'den' if unseen == 1 else 'dem'} på siden Dialoger.",
                Concern("dialogue", year=active_year(plan, today)),
            )
        )
    return findings
