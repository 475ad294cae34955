"""The value checker: what a service stores must be of the kind its field holds.

A title is a text, a year a whole number, a date a date, a measurement a finite number, a
choice one of its enum's values – else a Danish :class:`~udviklingsplan_app.errors.ValidationError`
naming the field, so nothing slips past as a raw type error or an English database message.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any, TypeVar

from ..domain import DialogueKind, Party, SituationSection, Status
from ..errors import ValidationError

E = TypeVar("E", Status, Party, DialogueKind, SituationSection)

#: The Danish word and the field name a refused choice is reported with.
_CHOICE_WORDS: dict[type, tuple[str, str]] = {
    Status: ("status", "status"),
    Party: ("part", "party"),
    DialogueKind: ("dialog", "kind"),
    SituationSection: ("afsnit", "section"),
}


def choice(kind: type[E], value: object) -> E:
    """An enum member from its value, or a Danish :class:`ValidationError` naming the choices."""
    try:
        return kind(str(value)) if not isinstance(value, kind) else value
    except ValueError:
        word, field = _CHOICE_WORDS[kind]
        allowed = ", ".join(member.value for member in kind)
        raise ValidationError(f"ukendt {word} »{value}« – tilladt er: {allowed}", field) from None


_TEXT = (
    "workplace",
    "leader_name",
    "leader_title",
    "manager_name",
    "manager_title",
    "manager_email",
    "title",
    "rationale",
    "owner",
    "vision",
    "text",
    "responsible",
    "name",
    "unit",
    "form",
    "outcome",
    "agenda",
    "notes",
    "agreements",
    "note",
)
_KINDS: dict[str, str] = {
    **dict.fromkeys(_TEXT, "text"),
    "theme": "text?",
    **dict.fromkeys(("level", "first_year", "years", "year", "position"), "int"),
    **dict.fromkeys(("deadline", "planned", "held", "date"), "date?"),
    "done": "bool",
    **dict.fromkeys(("baseline", "target"), "number?"),
    "value": "number",
}
_KIND_WORDS = {
    "text": "en tekst",
    "int": "et helt tal",
    "date": "en dato",
    "bool": "ja eller nej (True/False)",
    "number": "et endeligt tal",
}


def _storable(text: str) -> bool:
    # A lone UTF-16 surrogate (a broken paste) can be neither stored nor exported.
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _finite(value: int | float) -> bool:
    try:
        return math.isfinite(value)
    except OverflowError:  # an int beyond what a float holds
        return False


def fits(kind: str, value: object) -> bool:
    if kind == "text":
        return isinstance(value, str) and _storable(value)
    if kind == "int":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "date":
        return isinstance(value, dt.date) and not isinstance(value, dt.datetime)
    if kind == "bool":
        return isinstance(value, bool)
    return (  # number
        isinstance(value, int | float) and not isinstance(value, bool) and _finite(value)
    )


def check_values(values: dict[str, Any], date_fields: tuple[str, ...] = ()) -> None:
    """Refuse a value of the wrong kind (``None`` as a title, ``"2026-13-45"`` as a date, …).

    What a service stores must export and import again, so nothing slips past as a raw type
    error or an English database message.
    """
    for field, value in values.items():
        kind = "date" if field in date_fields else _KINDS.get(field)
        if kind is None:
            continue
        optional = kind.endswith("?")
        kind = kind.rstrip("?")
        if value is None and optional:
            continue
        if not fits(kind, value):
            raise ValidationError(f"skal være {_KIND_WORDS[kind]}, men er {value!r}", field)


def check_list(values: object, field: str) -> None:
    if not isinstance(values, list | tuple) or not all(fits("text", v) for v in values):
        raise ValidationError("skal være en liste af tekster", field)
