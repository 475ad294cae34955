"""Reading JSON text with Danish messages: broken, cut-off or odd files are refused clearly."""

from __future__ import annotations

import json
import math
from typing import Any

from .errors import InputError

_JSON_ERRORS = (
    ("Expecting value", "der mangler en værdi"),
    ("Expecting ',' delimiter", "der mangler et komma"),
    ("Expecting ':' delimiter", "der mangler et kolon"),
    ("Expecting property name", "et feltnavn skal stå i dobbelte anførselstegn"),
    ("Extra data", "der står mere efter det afsluttende }"),
    (
        "Invalid control character",
        "et linjeskift eller kontroltegn står inde i en tekst (skriv \\n)",
    ),
    ("Invalid \\escape", "ugyldig \\-kode i en tekst"),
    ("Invalid \\uXXXX escape", "ugyldig \\u-kode i en tekst"),
)


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise InputError(f"Filen har feltet »{key}« to gange i det samme objekt.")
        result[key] = value
    return result


def _no_constants(name: str) -> Any:
    raise InputError(f"Filen indeholder »{name}«, som ikke er et gyldigt tal i JSON.")


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise InputError(f"Filen indeholder tallet {text[:30]}, som er for stort.")
    return value


def _bounded_int(text: str) -> int:
    if len(text.lstrip("-")) > 15:
        raise InputError(f"Filen indeholder tallet {text[:30]}…, som er for stort.")
    return int(text)


def parse_text(text: str) -> Any:
    """JSON text to Python values, with Danish messages for broken files."""
    if not text.strip():
        raise InputError("Filen er tom.")
    try:
        data = json.loads(
            text,
            object_pairs_hook=_no_duplicates,
            parse_constant=_no_constants,
            parse_float=_finite_float,
            parse_int=_bounded_int,
        )
    except json.JSONDecodeError as error:
        where = f"linje {error.lineno}, kolonne {error.colno}"
        if error.pos >= len(text.rstrip()) or error.msg.startswith("Unterminated string"):
            raise InputError(
                f"Filen slutter midt i JSON-indholdet ({where}); den er måske ikke gemt helt."
            ) from error
        reason = next(
            (danish for english, danish in _JSON_ERRORS if error.msg.startswith(english)),
            "indholdet følger ikke JSON-reglerne",
        )
        raise InputError(f"Filen er ikke gyldig JSON ({where}): {reason}.") from error
    except RecursionError as error:
        raise InputError("Filen er indlejret for dybt til at være en plan.") from error
    try:
        # A JSON escape such as "\ud800" gives a lone surrogate that no file or database holds.
        json.dumps(data, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError as error:
        raise InputError(
            "Filen indeholder et ugyldigt tegn (en halv UTF-16-tegnkode, fx \\ud800)."
        ) from error
    return data
