"""Strategy frameworks (strategirammer) as data: loaded from ``resources/strategies/*.json``.

A framework holds visions (for the 2023–25 framework: focus areas), their themes with bullets,
their signs of success (objectives), and the plan rules. A framework is identified by its id and
version; a plan stores both, and its own copy of the document (:attr:`Framework.document`).
Where frameworks come from (shipped, machine-wide, per user) is :mod:`framework_sources`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from . import schema
from .errors import FrameworkError, InputError, ValidationError, os_reason
from .jsontext import decode_bytes, parse_text
from .resources import resource_path

SCHEMA = "strategiramme-v1.schema.json"
DEFAULT_FRAMEWORK_ID = "socialstrategi-2018"
#: A framework is a few dozen kB; a file larger than this is surely not one.
MAX_FILE_BYTES = 2 * 1024 * 1024


@dataclass(frozen=True)
class Theme:
    id: str
    code: str
    title: str
    bullets: tuple[str, ...]
    text: str


@dataclass(frozen=True)
class Sign:
    """A sign of success (2018) or an objective (2023–25); ``vision_id`` is its owner."""

    id: str
    code: str
    text: str
    vision_id: str


@dataclass(frozen=True)
class Vision:
    id: str
    code: str
    title: str
    group: str | None
    description: str
    success_heading: str
    themes: tuple[Theme, ...]
    signs: tuple[Sign, ...]
    preconditions: tuple[Sign, ...]

    def theme(self, theme_id: str) -> Theme | None:
        return next((t for t in self.themes if t.id == theme_id), None)


@dataclass(frozen=True)
class Terms:
    """The framework's own words: "vision" or "indsatsområde", "tegn på succes" or "målsætning"."""

    vision: str
    vision_definite: str  # "Visionen", "Indsatsområdet"
    vision_pronoun: str  # "Den", "Det"
    visions: str
    theme: str
    themes: str
    sign: str
    signs: str


@dataclass(frozen=True)
class Framework:
    id: str
    version: str
    title: str
    short_title: str
    owner: str
    period: str
    description: str
    default_cycle_years: int
    goals_min: int
    goals_max: int
    cover_every_vision: bool
    rule_texts: tuple[str, ...]
    terms: Terms
    groups: tuple[tuple[str, str, str], ...]
    visions: tuple[Vision, ...]
    sources: tuple[str, ...]
    #: The checked document as canonical JSON text: what a plan stores as its own copy.
    document: str = field(default="", compare=False, repr=False)

    @property
    def key(self) -> tuple[str, str]:
        """What identifies a framework: its id and version."""
        return self.id, self.version

    def vision(self, vision_id: str) -> Vision | None:
        return next((v for v in self.visions if v.id == vision_id), None)

    def vision_by_title(self, title: str) -> Vision | None:
        return next((v for v in self.visions if v.title == title), None)

    def sign(self, sign_id: str) -> Sign | None:
        return next((s for v in self.visions for s in v.signs if s.id == sign_id), None)

    def theme(self, theme_id: str) -> tuple[Vision, Theme] | None:
        for vision in self.visions:
            theme = vision.theme(theme_id)
            if theme is not None:
                return vision, theme
        return None

    @property
    def label(self) -> str:
        """How the framework is named in lists: ``Socialstrategien 2018 (2018–2022)``."""
        if not self.period or self.period in self.short_title:
            return self.short_title
        return f"{self.short_title} ({self.period})"


def _entries(items: list[dict[str, Any]], vision_id: str) -> tuple[Sign, ...]:
    return tuple(Sign(i["id"], i["code"], i["text"], vision_id) for i in items)


def _check_references(data: dict[str, Any]) -> None:
    """What JSON Schema cannot say: ids are unique, groups exist, min ≤ max."""
    seen: set[str] = set()
    group_ids = {g["id"] for g in data["groups"]}
    for vi, vision in enumerate(data["visions"]):
        path = f"visions[{vi}]"
        ids = [(f"{path}.id", vision["id"])]
        ids += [(f"{path}.themes[{i}].id", t["id"]) for i, t in enumerate(vision["themes"])]
        ids += [
            (f"{path}.signs_of_success[{i}].id", s["id"])
            for i, s in enumerate(vision["signs_of_success"])
        ]
        ids += [
            (f"{path}.preconditions[{i}].id", p["id"])
            for i, p in enumerate(vision["preconditions"])
        ]
        for where, item_id in ids:
            if item_id in seen:
                raise ValidationError(f"id'et »{item_id}« står mere end én gang", where)
            seen.add(item_id)
        if vision["group"] is not None and vision["group"] not in group_ids:
            raise ValidationError(
                f"gruppen »{vision['group']}« findes ikke under groups", f"{path}.group"
            )
    rules = data["rules"]["goals_per_year"]
    if rules["min"] > rules["max"]:
        raise ValidationError("min må ikke være større end max", "rules.goals_per_year")


def parse_framework(data: object, *, check_schema: bool = True) -> Framework:
    """Check a framework document and build it; raises :class:`ValidationError`.

    ``check_schema=False`` is for the shipped files, which the test suite checks against the
    schema: it spares start-up the JSON Schema machinery. Should such a file still be broken,
    the schema check runs after all, so the message names the field.
    """
    if check_schema:
        schema.check(data, SCHEMA)
    try:
        return _build(data)
    except (KeyError, TypeError, AttributeError, ValueError):
        schema.check(data, SCHEMA)
        raise


def document_text(data: object) -> str:
    """The canonical JSON text of a framework document (the same data gives the same text)."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _build(data: Any) -> Framework:
    _check_references(data)
    rules = data["rules"]
    return Framework(
        document=document_text(data),
        id=data["id"],
        version=data["version"],
        title=data["title"],
        short_title=data["short_title"],
        owner=data["owner"],
        period=data["period"],
        description=data["description"],
        default_cycle_years=data["default_cycle_years"],
        goals_min=rules["goals_per_year"]["min"],
        goals_max=rules["goals_per_year"]["max"],
        cover_every_vision=rules["cover_every_vision"],
        rule_texts=tuple(rules["texts"]),
        terms=Terms(**data["terms"]),
        groups=tuple((g["id"], g["title"], g["description"]) for g in data["groups"]),
        visions=tuple(
            Vision(
                id=v["id"],
                code=v["code"],
                title=v["title"],
                group=v["group"],
                description=v["description"],
                success_heading=v["success_heading"],
                themes=tuple(
                    Theme(t["id"], t["code"], t["title"], tuple(t["bullets"]), t["text"])
                    for t in v["themes"]
                ),
                signs=_entries(v["signs_of_success"], v["id"]),
                preconditions=_entries(v["preconditions"], v["id"]),
            )
            for v in data["visions"]
        ),
        sources=tuple(data["sources"]),
    )


def load_framework_file(path: Path, *, check_schema: bool = True) -> Framework:
    """Read and check one framework file; a broken one raises :class:`FrameworkError`.

    The file is untrusted input: its size is limited, and the message of a broken one names
    the file and the field (``visions[0].themes[1].id``).
    """
    from .outside_files import read_limited

    too_large = (
        f"Strategirammen {path.name} fylder over {MAX_FILE_BYTES // 1024} kB; en strategiramme "
        f"fylder højst {MAX_FILE_BYTES // 1024} kB. Er det den rigtige fil?"
    )
    try:
        raw = read_limited(path, MAX_FILE_BYTES, too_large)
    except OSError as error:
        raise FrameworkError(
            f"Strategirammen {path.name} kan ikke læses ({os_reason(error)})."
        ) from error
    except InputError as error:
        message = str(error)
        if message.startswith("Strategirammen"):
            raise FrameworkError(message) from error
        raise FrameworkError(f"Strategirammen {path.name}: {message}") from error
    try:
        data = parse_text(decode_bytes(raw, path.name))
    except InputError as error:
        raise FrameworkError(f"Strategirammen {path.name}: {error}") from error
    return parse_document(data, path.name, check_schema=check_schema)


def parse_document(data: object, name: str, *, check_schema: bool = True) -> Framework:
    """A parsed framework document checked and built; :class:`FrameworkError` names the field."""
    if not isinstance(data, dict):
        raise FrameworkError(
            f"Strategirammen {name} er ugyldig – filen skal indeholde ét JSON-objekt ({{…}})."
        )
    try:
        return parse_framework(data, check_schema=check_schema)
    except ValidationError as error:
        raise FrameworkError(f"Strategirammen {name} er ugyldig – {error}.") from error


def version_key(version: str) -> tuple[tuple[int, str], ...]:
    """Sort key for versions: ``2023.10`` comes after ``2023.9`` (numbers compare as numbers)."""
    parts = [p for p in re.split(r"[.\-_ ]+", version) if p]
    return tuple((int(p), "") if p.isdigit() else (-1, p) for p in parts)


@cache
def builtin_frameworks() -> tuple[Framework, ...]:
    """The frameworks shipped in ``resources/strategies/``, in file-name order."""
    folder = resource_path("strategies")
    files = sorted(folder.glob("*.json"))
    frameworks = tuple(load_framework_file(p, check_schema=False) for p in files)
    if not frameworks:
        raise FrameworkError(f"Der er ingen strategirammer i {folder}. Installér programmet igen.")
    return frameworks


def unknown_framework(
    framework_id: str, version: str | None, known_ids: list[str]
) -> FrameworkError:
    name = f"»{framework_id}«" + (f" version {version}" if version else "")
    known = ", ".join(dict.fromkeys(known_ids))
    return FrameworkError(
        f"Strategirammen {name} kendes ikke på denne computer. Kendte rammer: {known}. "
        "Få filen med strategirammen og tilføj den under Filer ▸ Strategirammer… ▸ Tilføj fil… "
        "(eller med kommandoen »udviklingsplan framework add FIL«)."
    )
