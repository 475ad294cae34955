"""The one date parser: every form a Dane types is read, everything else refused in Danish."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from udviklingsplan_app.danish_dates import (
    DateError,
    format_danish_date,
    parse_danish_date,
    parse_optional_date,
)
from udviklingsplan_app.domain import MAX_YEAR, MIN_YEAR
from udviklingsplan_app.errors import InputError

MARCH_1 = dt.date(2027, 3, 1)


@pytest.mark.parametrize(
    "text",
    [
        "1.3.2027",
        "01.03.2027",
        "1-3-2027",
        "01-03-2027",
        "1/3/2027",
        "1/3 2027",
        "1/3-2027",
        "1. marts 2027",
        "1 marts 2027",
        "1.marts 2027",
        "1. Marts 2027",
        "1 mar 2027",
        "1. mar. 2027",
        "1. MAR 2027",
        "2027-03-01",
        "2027-3-1",
        "1.3.27",
        "01-03-27",
        "1/3 27",
        "1. marts 27",
        "  1.3.2027  ",
        "\t01.03.2027\n",
        "1 . 3 . 2027",
    ],
)
def test_every_danish_form_is_read(text: str) -> None:
    assert parse_danish_date(text) == MARCH_1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("15.04.2027", dt.date(2027, 4, 15)),
        ("31.12.2026", dt.date(2026, 12, 31)),
        ("29.2.2028", dt.date(2028, 2, 29)),
        ("9. sept. 2026", dt.date(2026, 9, 9)),
        ("9 sep 2026", dt.date(2026, 9, 9)),
        ("24. dec. 2026", dt.date(2026, 12, 24)),
        ("1. maj 2027", dt.date(2027, 5, 1)),
        ("3. okt 2027", dt.date(2027, 10, 3)),
        ("1.1.00", dt.date(2000, 1, 1)),
        ("31.12.99", dt.date(2099, 12, 31)),
    ],
)
def test_other_dates_are_read(text: str, expected: dt.date) -> None:
    assert parse_danish_date(text) == expected


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("31.2.2027", "februar 2027 har 28 dage"),
        ("29.2.2027", "februar 2027 har 28 dage"),
        ("31.4.2027", "april 2027 har 30 dage"),
        ("32.1.2027", "januar 2027 har 31 dage"),
        ("0.1.2027", "januar 2027 har 31 dage"),
        ("13.13.2027", "kun 12 måneder"),
        ("1.0.2027", "kun 12 måneder"),
        ("2027-13-01", "kun 12 måneder"),
        ("1.3.1999", "mellem 2000 og 2100"),
        ("1.3.2101", "mellem 2000 og 2100"),
        ("1. marx 2027", "»marx« er ikke en måned"),
        ("1. ma 2027", "»ma« er ikke en måned"),
        ("i morgen", "»i morgen« er ikke en dato"),
        ("1.3", "»1.3« er ikke en dato"),
        ("1.3.202", "»1.3.202« er ikke en dato"),
        ("1 3 2027", "»1 3 2027« er ikke en dato"),
        ("2027/03/01", "»2027/03/01« er ikke en dato"),
        ("1.3.2027 kl. 10", "er ikke en dato"),
        ("", "Skriv en dato"),
        ("   ", "Skriv en dato"),
    ],
)
def test_anything_else_is_refused_in_danish(text: str, words: str) -> None:
    with pytest.raises(DateError) as refusal:
        parse_danish_date(text)
    assert words in str(refusal.value)
    assert isinstance(refusal.value, InputError)  # exit code 2 on the command line


def test_an_optional_date_may_be_empty_but_not_wrong() -> None:
    assert parse_optional_date("") is None
    assert parse_optional_date("  ") is None
    assert parse_optional_date("1.3.27") == MARCH_1
    with pytest.raises(DateError):
        parse_optional_date("32.1.2027")


def test_a_date_is_shown_as_danish_prose() -> None:
    assert format_danish_date(MARCH_1) == "1. marts 2027"
    assert format_danish_date(dt.date(2026, 11, 25)) == "25. november 2026"
    assert format_danish_date(None) == ""


@given(st.dates(min_value=dt.date(MIN_YEAR, 1, 1), max_value=dt.date(MAX_YEAR, 12, 31)))
def test_a_shown_date_reads_back_as_the_same_date(value: dt.date) -> None:
    assert parse_danish_date(format_danish_date(value)) == value
    assert parse_danish_date(value.strftime("%d-%m-%Y")) == value
    assert parse_danish_date(f"{value.day}.{value.month}.{value.year}") == value
    assert parse_danish_date(value.isoformat()) == value
