"""JSON Schema checks with Danish messages that name the field (``plan.goals[3].year: …``).

The schemas live in ``resources/schemas/`` so municipal IT and other tools can read them too.
``jsonschema`` is imported on first use: it is only needed when a file is read.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterable
from functools import cache
from typing import Any

from .errors import ValidationError
from .resources import resource_path

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$")

_TYPE_NAMES = {
    "object": "et objekt ({…})",
    "array": "en liste ([…])",
    "string": "en tekst",
    "integer": "et helt tal",
    "number": "et tal",
    "boolean": "true eller false",
    "null": "null",
}


def _is_iso(value: object, form: re.Pattern[str], parse: Callable[[str], object]) -> bool:
    # Format checks apply to strings only; the schema's "type" speaks for other values.
    if not isinstance(value, str):
        return True
    if not form.match(value):
        return False
    try:
        parse(value)
    except ValueError:
        return False
    return True


def is_date(value: object) -> bool:
    """True for a real calendar date written ``YYYY-MM-DD``."""
    return _is_iso(value, _DATE, dt.date.fromisoformat)


def is_datetime(value: object) -> bool:
    """True for a real local time written ``YYYY-MM-DDTHH:MM:SS``."""
    return _is_iso(value, _DATETIME, dt.datetime.fromisoformat)


@cache
def _validator(name: str) -> Any:
    from jsonschema import Draft202012Validator, FormatChecker

    with open(resource_path("schemas", name), encoding="utf-8") as handle:
        schema = json.load(handle)
    Draft202012Validator.check_schema(schema)
    checker = FormatChecker(formats=())
    checker.checks("date")(is_date)
    checker.checks("date-time-local")(is_datetime)
    return Draft202012Validator(schema, format_checker=checker)


def field_path(parts: Iterable[str | int], root: str = "") -> str:
    """``['plan', 'goals', 3, 'year']`` → ``plan.goals[3].year``."""
    text = root
    for part in parts:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text or "filen"


def _describe(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "…"


def _danish(error: Any) -> tuple[list[str | int], str]:
    """The path and the Danish message for one jsonschema error."""
    path: list[str | int] = list(error.absolute_path)
    kind = error.validator
    value = error.validator_value
    instance = error.instance
    if kind == "required":
        missing = next(key for key in value if key not in instance)
        return [*path, missing], "feltet mangler"
    if kind == "additionalProperties":
        allowed = set(error.schema.get("properties", {}))
        extra = sorted(key for key in instance if key not in allowed)[0]
        return [*path, extra], "ukendt felt (stavefejl?) – det kendes ikke i formatet"
    if kind == "type":
        wanted = [value] if isinstance(value, str) else list(value)
        names = " eller ".join(_TYPE_NAMES[t] for t in wanted)
        return path, f"skal være {names}, men er {_describe(instance)}"
    if kind == "const":
        return path, f"skal være {_describe(value)}, men er {_describe(instance)}"
    if kind == "enum":
        allowed_values = ", ".join(str(v) for v in value if v is not None)
        return path, f"ukendt værdi {_describe(instance)} – tilladt er: {allowed_values}"
    if kind in ("minimum", "maximum"):
        bounds = error.schema
        low, high = bounds.get("minimum"), bounds.get("maximum")
        if low is not None and high is not None:
            return path, f"skal være mellem {low} og {high}, men er {_describe(instance)}"
        word = "mindst" if kind == "minimum" else "højst"
        return path, f"skal være {word} {value}, men er {_describe(instance)}"
    if kind == "minLength":
        return path, "må ikke være tom"
    if kind == "maxLength":
        return path, f"er for lang (højst {value} tegn)"
    if kind == "minItems":
        return path, f"skal have mindst {value} element(er)"
    if kind == "maxItems":
        return path, f"må højst have {value} elementer"
    if kind == "uniqueItems":
        return path, "indeholder den samme værdi to gange"
    if kind == "pattern":
        return path, f"har ikke den rigtige form: {_describe(instance)}"
    if kind == "format":
        if value == "date":
            return path, f"er ikke en gyldig dato (ÅÅÅÅ-MM-DD): {_describe(instance)}"
        return (
            path,
            f"er ikke et gyldigt tidspunkt (skriv fx 2026-03-01T10:00:00): {_describe(instance)}",
        )
    return path, f"er ikke gyldig ({kind})"


def _error_key(error: Any) -> tuple[Any, ...]:
    # Report the problem that comes first in the file, so the message is predictable.
    return tuple((0, p) if isinstance(p, int) else (1, str(p)) for p in error.absolute_path)


def check(instance: object, schema_name: str, root: str = "") -> None:
    """Raise :class:`ValidationError` naming the first field that breaks the schema."""
    errors = list(_validator(schema_name).iter_errors(instance))
    if not errors:
        return
    # A ``required`` or ``additionalProperties`` error on an object is about a child field;
    # errors deeper in the file are found in document order.
    first = min(errors, key=_error_key)
    path, message = _danish(first)
    raise ValidationError(message, field_path(path, root))
