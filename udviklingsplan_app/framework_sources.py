"""Where strategy frameworks come from: shipped, placed by IT for the machine, added by the leader.

A framework is identified by its id and version. The three sources are listed together, each
framework with where it came from; when the same id and version is found twice, the first
source wins (shipped, then the machine-wide folder, then the user's own folder). A broken file
in a folder never stops the program: it is left out of the list and named in
:attr:`Available.problems`.

The folders (overridable with environment variables, which the tests use):

- machine-wide: ``%PROGRAMDATA%\\Udviklingsplan\\Strategirammer`` on Windows, the platform's
  site data folder elsewhere (``UDVIKLINGSPLAN_FAELLES_STRATEGIRAMMER``);
- per user: ``Strategirammer`` in the user's data folder, where *Tilføj fil…* and
  ``framework add`` copy a checked file (``UDVIKLINGSPLAN_EGNE_STRATEGIRAMMER``).
"""

from __future__ import annotations

import enum
import os
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from . import APP_NAME
from .errors import FrameworkError, InputError, os_reason
from .framework import (
    Framework,
    builtin_frameworks,
    load_framework_file,
    parse_document,
    unknown_framework,
    version_key,
)
from .jsontext import parse_text
from .resources import resource_path

FOLDER_NAME = "Strategirammer"
MACHINE_ENV = "UDVIKLINGSPLAN_FAELLES_STRATEGIRAMMER"
USER_ENV = "UDVIKLINGSPLAN_EGNE_STRATEGIRAMMER"


class Source(enum.Enum):
    """Where a framework came from, with the words the lists show."""

    SHIPPED = "leveret"
    MACHINE = "fælles"
    USER = "egen"
    PLAN = "plan"

    @property
    def label(self) -> str:
        return {
            Source.SHIPPED: "Leveret med programmet",
            Source.MACHINE: "Lagt ind af it (fælles for computeren)",
            Source.USER: "Tilføjet af dig",
            Source.PLAN: "Gemt i en plan i databasen",
        }[self]


@dataclass(frozen=True)
class Entry:
    framework: Framework
    source: Source
    path: Path | None

    @property
    def key(self) -> tuple[str, str]:
        return self.framework.key


@dataclass
class Available:
    """Every framework that can be used here, in source order, and the files that were refused."""

    entries: list[Entry] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def find(self, framework_id: str, version: str | None = None) -> Entry | None:
        """The entry with this id and version; without a version, the newest of the id."""
        matches = [e for e in self.entries if e.framework.id == framework_id]
        if version is not None:
            return next((e for e in matches if e.framework.version == version), None)
        if not matches:
            return None
        return max(matches, key=lambda e: version_key(e.framework.version))

    def frameworks(self) -> list[Framework]:
        return [e.framework for e in self.entries]


def machine_folder() -> Path:
    """The machine-wide folder IT fills (``%PROGRAMDATA%\\Udviklingsplan\\Strategirammer``)."""
    override = os.environ.get(MACHINE_ENV)
    if override:
        return Path(override)
    if sys.platform == "win32":
        base = os.environ.get("PROGRAMDATA") or r"C:\ProgramData"
        return Path(base) / APP_NAME / FOLDER_NAME
    from platformdirs import site_data_dir

    return Path(site_data_dir(APP_NAME, appauthor=False)) / FOLDER_NAME


def user_folder() -> Path:
    """The user's own folder (``%LOCALAPPDATA%\\Udviklingsplan\\Strategirammer`` on Windows)."""
    override = os.environ.get(USER_ENV)
    if override:
        return Path(override)
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False, roaming=False)) / FOLDER_NAME


#: Checked files by (path, size, modification time): a folder is read again only when it changed.
_checked: dict[tuple[str, int, int], Framework] = {}


def _folder_files(folder: Path) -> list[Path]:
    try:
        return sorted(p for p in folder.glob("*.json") if p.is_file())
    except OSError:
        return []  # a missing or unreadable folder simply adds nothing


def _load_cached(path: Path) -> Framework:
    stat = path.stat()
    key = (str(path), stat.st_size, stat.st_mtime_ns)
    framework = _checked.get(key)
    if framework is None:
        framework = load_framework_file(path)
        _checked[key] = framework
    return framework


def available_frameworks() -> Available:
    """All frameworks from the three sources, each once (by id and version)."""
    found = Available()
    seen: set[tuple[str, str]] = set()
    for framework in builtin_frameworks():
        found.entries.append(Entry(framework, Source.SHIPPED, None))
        seen.add(framework.key)
    for source, folder in ((Source.MACHINE, machine_folder()), (Source.USER, user_folder())):
        for path in _folder_files(folder):
            try:
                framework = _load_cached(path)
            except (OSError, FrameworkError) as error:
                reason = os_reason(error) if isinstance(error, OSError) else str(error)
                found.problems.append(f"{path}: {reason}")
                continue
            if framework.key in seen:
                continue
            seen.add(framework.key)
            found.entries.append(Entry(framework, source, path))
    return found


def newer_version(current: Framework) -> Framework | None:
    """The newest available version of ``current``'s framework, if newer (no database needed)."""
    entry = available_frameworks().find(current.id)
    if entry is None or version_key(entry.framework.version) <= version_key(current.version):
        return None
    return entry.framework


def shipped_folder() -> Path:
    return resource_path("strategies")


def check_framework_file(path: Path) -> Framework:
    """Check a framework file before it is used; :class:`FrameworkError` names the field."""
    from .outside_files import regular_file_problem

    path = Path(path)
    problem = regular_file_problem(path)
    if problem is not None:
        raise FrameworkError(problem)
    return load_framework_file(path)


def add_framework_file(path: Path) -> Entry:
    """Check a file and install it for this user; returns its entry.

    The same id and version already present: the identical file is accepted again (nothing
    changes), a different file is refused – a framework version never changes under a plan.
    """
    framework = check_framework_file(path)
    existing = available_frameworks().find(framework.id, framework.version)
    if existing is not None:
        if existing.framework.document == framework.document:
            return existing
        where = existing.source.label.lower()
        raise FrameworkError(
            f"Der findes allerede en anden strategiramme med id »{framework.id}« og version "
            f"»{framework.version}« ({where}). Giv den nye fil et nyt versionsnummer i feltet "
            "»version«."
        )
    folder = user_folder()
    target = folder / f"{framework.id}-{framework.version}.json"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        from .atomic_files import write_atomically

        data = framework.document.encode("utf-8")

        def write(temporary: Path) -> None:
            temporary.write_bytes(data)

        write_atomically(target, write)
    except OSError as error:
        raise InputError(
            f"Strategirammen kan ikke gemmes i {folder} ({os_reason(error)})."
        ) from error
    return Entry(framework, Source.USER, target)


def summary_lines(framework: Framework) -> list[str]:
    """A short Danish summary: title, version, the visions with their theme and sign counts."""
    terms = framework.terms
    lines = [
        framework.title,
        f"Id: {framework.id}   Version: {framework.version}",
        f"{terms.visions} ({len(framework.visions)}):",
    ]
    for vision in framework.visions:
        themes = terms.theme if len(vision.themes) == 1 else terms.themes
        signs = terms.sign if len(vision.signs) == 1 else terms.signs
        lines.append(
            f"  {vision.code} {vision.title} – {len(vision.themes)} {themes.lower()}, "
            f"{len(vision.signs)} {signs.lower()}"
        )
    return lines


@lru_cache(maxsize=16)
def framework_from_copy(document: str) -> Framework:
    """A plan's stored copy built again (it was checked when it was stored)."""
    try:
        data = parse_text(document)
    except InputError as error:
        raise FrameworkError(f"Planens kopi af strategirammen er beskadiget: {error}") from error
    return parse_document(data, "i planen", check_schema=False)


def plan_framework(document: str | None, framework_id: str, version: str) -> Framework:
    """The framework a plan follows: its own copy, else an available file of the id and version.

    A plan without a copy (made before copies existed, of an unknown framework) takes the
    available version, or the newest available of its id.
    """
    if document is not None:
        return framework_from_copy(document)
    available = available_frameworks()
    entry = available.find(framework_id, version or None) or available.find(framework_id)
    if entry is None:
        from .framework import unknown_framework

        raise unknown_framework(framework_id, version, [f.id for f in available.frameworks()])
    return entry.framework


def framework_choices() -> list[Framework]:
    """What a new plan can follow: the newest version of every framework, in source order."""
    available = available_frameworks()
    newest = []
    for entry in available.entries:
        best = available.find(entry.framework.id)
        if best is entry:
            newest.append(entry.framework)
    return newest


def get_framework(framework_id: str, version: str | None = None) -> Framework:
    """An available framework (shipped or from a folder) with this id and version.

    Without a version, the newest available of the id. :class:`FrameworkError` names the
    framework, the known ones, and how to add one.
    """
    available = available_frameworks()
    entry = available.find(framework_id, version)
    if entry is not None:
        return entry.framework
    raise unknown_framework(framework_id, version, [f.id for f in available.frameworks()])
