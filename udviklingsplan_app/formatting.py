"""Danish formatting: dates, times and numbers as the program shows and writes them.

One module that the window, the exports and the command line all use, so a date or a number
looks the same on screen, on paper and in a message. Reading what the leader types is the other
direction: dates in :mod:`.danish_dates`, numbers in :func:`parse_number` here.
"""

from __future__ import annotations

import datetime as dt
import math
import re

MONTHS = (
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
)


def years_label(first_year: int, years: int) -> str:
    """``2026–2029`` (en dash, as Danish typography has it)."""
    return f"{first_year}–{first_year + years - 1}" if years > 1 else str(first_year)


def danish_month(value: dt.date) -> str:
    """``februar``: the month's Danish name, lower case as Danish writes it."""
    return MONTHS[value.month - 1]


def long_date(value: dt.date | None) -> str:
    """``25. november 2026``, as Danish prose writes a date; ``""`` for no date."""
    if value is None:
        return ""
    return f"{value.day}. {danish_month(value)} {value.year}"


def danish_date(value: dt.date | None) -> str:
    """``25-11-2026``, the date form Danish readers expect; ``""`` for no date."""
    # The fields, not strftime: several times faster, and a long plan prints thousands.
    return f"{value.day:02d}-{value.month:02d}-{value.year}" if value else ""


def short_month(value: dt.date) -> str:
    """``mar.``, ``juni``: the month shortened to three letters and a dot when it is longer."""
    month = danish_month(value)
    return month if len(month) <= 4 else month[:3] + "."


def short_date(value: dt.date, year: int | None = None) -> str:
    """``3. mar. 2026``; ``3. mar.`` when the date lies in ``year`` (tab titles, chart axes)."""
    if value.year == year:
        return f"{value.day}. {short_month(value)}"
    return f"{value.day}. {short_month(value)} {value.year}"


def date_time(at: dt.datetime) -> str:
    """``25. november 2026 kl. 14.05``."""
    return f"{long_date(at.date())} kl. {at:%H.%M}"


def danish_number(value: float | None, decimals: int | None = None, *, empty: str = "") -> str:
    """``12,5`` (decimal comma, no trailing zeros); ``empty`` for no value.

    With ``decimals`` the number has exactly that many (``8,10``).
    """
    if value is None:
        return empty
    if not math.isfinite(value):
        return str(value)
    if decimals is not None:
        text = f"{value:.{decimals}f}"
    elif abs(value) < 1e15:
        text = f"{value:.6f}".rstrip("0").rstrip(".")
    else:
        text = format(value, ".6g")
    if text.lstrip("-").strip("0.") == "":
        text = text.lstrip("-")  # no "-0"
    return text.replace(".", ",")


_THOUSANDS = re.compile(r"[+-]?\d{1,3}(\.\d{3})+(,\d*)?")
_PLAIN = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")


def parse_number(text: str) -> float | None:
    """A number as a Danish user types it: ``12,5``, ``1.250``, ``-3``, ``8,1 %``.

    Empty text is ``None``; anything else that is not a finite number raises ``ValueError``.
    """
    cleaned = (
        text.strip()
        .replace("\u00a0", "")
        .replace(" ", "")
        .replace("\u2212", "-")  # a typographic minus pasted from a document
        .removesuffix("%")
    )
    if not cleaned:
        return None
    if _THOUSANDS.fullmatch(cleaned):  # "1.250" or "1.250,5": dots group thousands
        cleaned = cleaned.replace(".", "")
    elif "," in cleaned and "." in cleaned:
        raise ValueError(text)
    cleaned = cleaned.replace(",", ".")
    if not _PLAIN.fullmatch(cleaned):
        raise ValueError(text)
    value = float(cleaned)
    if not math.isfinite(value):
        raise ValueError(text)
    return value


def count_label(count: int, one: str, many: str) -> str:
    """``1 plan``, ``3 planer``."""
    return f"{count} {one if count == 1 else many}"
