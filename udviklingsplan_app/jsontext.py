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


def _hand_edit_reason(text: str, pos: int) -> str | None:
    """The usual slips of a hand-edited file: a comment, or a comma before } or ]."""
    if text.startswith(("//", "/*"), pos):
        return "JSON tillader ikke kommentarer (// eller /* … */)"
    before = text[:pos].rstrip()
    if before.endswith(",") and text.startswith(("}", "]"), pos):
        return f"der står et komma for meget før »{text[pos]}«"
    return None


def decode_bytes(raw: bytes, name: str) -> str:
    """File bytes to text: UTF-8 (with or without the byte order mark Notepad writes) or UTF-16.

    Notepad's "Unicode" and PowerShell 5's ``>`` write UTF-16, so it is read too.
    """
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    elif len(raw) >= 2 and raw[0] != 0 and raw[1] == 0:
        encoding = "utf-16-le"
    elif len(raw) >= 2 and raw[0] == 0 and raw[1] != 0:
        encoding = "utf-16-be"
    else:
        encoding = "utf-8-sig"
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as error:
        raise InputError(
            f"Filen {name} er ikke UTF-8-tekst (fejl ved byte {error.start}). "
            "Gem den som UTF-8 og prøv igen."
        ) from error


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
        reason = _hand_edit_reason(text, error.pos) or next(
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


def check_bounds(data: Any, *, max_values: int, max_text: int) -> None:
    """Refuse parsed data with more values, or a longer text, than the document can hold.

    Runs before the schema check (whose cost grows with every value), without recursion; the
    message names the field of an overlong text (``plan.goals[3].title``).
    """
    count = 0
    stack: list[tuple[str, Any]] = [("", data)]
    while stack:
        where, value = stack.pop()
        count += 1
        if count > max_values:
            raise InputError(
                f"Filen indeholder langt flere oplysninger, end en plan har (over "
                f"{_dotted(max_values)} værdier). Er det den rigtige fil?"
            )
        if isinstance(value, dict):
            for key, item in value.items():
                if len(key) > max_text:
                    raise InputError(f"{where or 'Filen'}: et feltnavn er for langt.")
                stack.append((f"{where}.{key}" if where else key, item))
        elif isinstance(value, list):
            stack.extend((f"{where}[{index}]", item) for index, item in enumerate(value))
        elif isinstance(value, str) and len(value) > max_text:
            raise InputError(
                f"{where or 'Filen'}: teksten er for lang ({_dotted(len(value))} tegn; højst "
                f"{_dotted(max_text)}). Forkort den, og prøv igen."
            )


def _dotted(number: int) -> str:
    """A whole number the Danish way: 100.000."""
    return f"{number:,}".replace(",", ".")
