"""Dates as Danes type them, read into :class:`datetime.date`, and shown back in Danish.

One parser for every date field in the program. It accepts

* day, month and year with ``.``, ``-`` or ``/`` between them: ``1.3.2027``, ``01-03-2027``,
  ``1/3/2027``, and a space or a dash before the year after a slash: ``1/3 2027``, ``1/3-2027``;
* the month by name, whole or shortened to at least three letters, with or without dots:
  ``1. marts 2027``, ``1 mar 2027``, ``1. mar. 2027``, ``1. sept. 2027``;
* the ISO form ``2027-03-01``;
* a two-digit year, which means 2000–2099 (``1.3.27`` is 1 March 2027): every date in a
  plan lies between :data:`~udviklingsplan_app.domain.MIN_YEAR` and ``MAX_YEAR``, so no
  other century can be meant;
* spaces around it all.

Anything else is refused with a :class:`DateError` whose message is a calm Danish sentence
that repeats what was typed. Nothing here knows about Qt.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from .domain import MAX_YEAR, MIN_YEAR
from .errors import InputError
from .formatting import MONTHS as _MONTHS
from .formatting import long_date

EXAMPLE = "1.3.2027 eller 1. marts 2027"


class DateError(InputError):
    """A typed date that cannot be read; ``str(error)`` says why, in Danish."""


_NUMERIC = re.compile(r"(\d{1,2})\s*([./-])\s*(\d{1,2})\s*(?:[./-]\s*|\s+)(\d{4}|\d{2})")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_NAMED = re.compile(r"(\d{1,2})\.?\s*([^\W\d_]+)\.?\s*(\d{4}|\d{2})")


def _month_by_name(name: str) -> int | None:
    """1–12 for a Danish month name or its start of at least three letters (``mar``)."""
    name = name.casefold()
    if len(name) < 3:
        return None
    found = [number for number, month in enumerate(_MONTHS, 1) if month.startswith(name)]
    return found[0] if len(found) == 1 else None


def _full_year(digits: str) -> int:
    return 2000 + int(digits) if len(digits) == 2 else int(digits)


def _date(typed: str, year: int, month: int, day: int) -> dt.date:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise DateError(f"»{typed}«: året skal være mellem {MIN_YEAR} og {MAX_YEAR}.")
    if not 1 <= month <= 12:
        raise DateError(f"»{typed}« er ikke en dato – der er kun 12 måneder. Skriv fx {EXAMPLE}.")
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        raise DateError(f"»{typed}« er ikke en dato – {_MONTHS[month - 1]} {year} har {days} dage.")
    return dt.date(year, month, day)


def parse_danish_date(text: str) -> dt.date:
    """The date in ``text`` typed in one of the Danish forms above; :class:`DateError` if not."""
    typed = " ".join(text.split())
    if not typed:
        raise DateError(f"Skriv en dato, fx {EXAMPLE}.")
    if match := _ISO.fullmatch(typed):
        return _date(typed, *(int(group) for group in match.groups()))
    if match := _NUMERIC.fullmatch(typed):
        day, _separator, month, year_digits = match.groups()
        return _date(typed, _full_year(year_digits), int(month), int(day))
    if match := _NAMED.fullmatch(typed):
        day, name, year_digits = match.groups()
        number = _month_by_name(name)
        if number is None:
            raise DateError(f"»{name}« er ikke en måned, jeg kender. Skriv fx {EXAMPLE}.")
        return _date(typed, _full_year(year_digits), number, int(day))
    raise DateError(f"»{typed}« er ikke en dato, jeg kan læse. Skriv den fx som {EXAMPLE}.")


def parse_optional_date(text: str) -> dt.date | None:
    """As :func:`parse_danish_date`, but an empty text is no date (``None``)."""
    return parse_danish_date(text) if text.strip() else None


def format_danish_date(value: dt.date | None) -> str:
    """``1. marts 2027``: how the program shows a date in its fields; ``""`` for none."""
    return long_date(value)
