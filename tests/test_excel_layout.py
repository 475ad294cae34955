"""How the export measures text for a cell, and the wording it adds for the manager."""

from __future__ import annotations

import datetime as dt

import pytest

from udviklingsplan_app.domain import Goal, Person, Plan, Severity, Status, StatusChange
from udviklingsplan_app.exchange.excel.layout import (
    fitting_width,
    row_points,
    text_width,
    word_width,
    wrapped_lines,
)
from udviklingsplan_app.exchange.excel.texts import (
    carry_over_links,
    current_status_note,
    open_points,
)
from udviklingsplan_app.guidance import Concern, Finding


def test_text_width_counts_narrow_and_wide_letters() -> None:
    assert text_width("0000000000") == pytest.approx(10.0)
    assert text_width("iiiii") < text_width("mmmmm")
    assert text_width("æ") > text_width("a")
    assert text_width("漢") == 2.0  # a wide character counts double


def test_wrapping_breaks_between_words_and_counts_paragraphs() -> None:
    assert wrapped_lines("", 10) == 1
    assert wrapped_lines("kort", 10) == 1
    assert wrapped_lines("a\nb\nc", 10) == 3
    # 100 three-letter words of width 2.9 and a space: five to a line of room 18.6.
    assert wrapped_lines("ord " * 100, 20) == 20
    # Word wrap loses room at line ends: more lines than the plain width divided by the room.
    text = "Sygefraværet er højst 6,5 % i fjerde kvartal " * 4
    assert wrapped_lines(text, 12) > text_width(text) / 12
    # A bold text needs at least as many lines as a regular one.
    assert wrapped_lines(text, 12, bold=True) >= wrapped_lines(text, 12)


def test_a_word_wider_than_the_column_takes_the_lines_it_must() -> None:
    name = "Kontaktpædagogerne"
    assert wrapped_lines(name, 11) == 2
    assert wrapped_lines(name, word_width(name)) == 1
    assert word_width(f"Ansvarlig: {name}") == word_width(name)


def test_fitting_width_widens_for_words_that_can_be_kept_whole() -> None:
    name, monster = "Kontaktpædagogerne", "brugertilfredshedsundersøgelsen"
    assert fitting_width(["Mette Holm"], 12, 26) == 12
    assert fitting_width([f"Mette Holm og {name}"], 12, 26) == word_width(name)
    # A word too wide even for the widest column would be split anyway: no widening for it.
    assert fitting_width([monster], 17, 20) == 17
    assert fitting_width([monster, name], 12, 20) == word_width(name)


def test_row_points_grow_with_lines_up_to_excels_highest_row() -> None:
    assert row_points(1) < row_points(2) < row_points(10)
    assert row_points(1000) == 409.0


def _plan(*goals: Goal) -> Plan:
    return Plan(Person("A"), 1, "X", Person("B"), "socialstrategi-2018", 2026, 4, goals=[*goals])


def test_the_current_status_note_is_the_newest_change_to_that_status() -> None:
    goal = Goal(2026, "v", "Mål", status=Status.I_GANG)
    assert current_status_note(goal) == ""
    goal.status_history = [
        StatusChange(Status.PLANLAGT, dt.datetime(2026, 1, 1), "Planlagt."),
        StatusChange(Status.I_GANG, dt.datetime(2026, 3, 1), " Sat i gang. "),
    ]
    assert current_status_note(goal) == "Sat i gang."
    goal.status = Status.NAAET  # changed without a note of its own
    assert current_status_note(goal) == ""


def test_carry_over_lines_name_the_year_and_title_both_ways() -> None:
    first = Goal(2026, "v", "Fast tid", status=Status.VIDEREFOERT)
    second = Goal(2027, "v", "Fast tid i alle teams", carried_over_from=first.uid)
    orphan = Goal(2028, "v", "Uden forgænger", carried_over_from="slettet")
    plan = _plan(first, second, orphan)
    links = carry_over_links(plan)
    assert links[first.uid] == ["Videreført til 2027: Fast tid i alle teams"]
    assert links[second.uid] == ["Videreført fra 2026: Fast tid"]
    assert links[orphan.uid] == ["Videreført fra et udviklingsmål, der ikke længere er i planen"]
    assert len(links) == 3


def _findings(*severities: Severity) -> list[Finding]:
    return [Finding(s, "kode", "tekst", Concern("plan")) for s in severities]


@pytest.mark.parametrize(
    ("severities", "expected"),
    [
        ((), "Ingen – planen følger strategiens anbefalinger."),
        ((Severity.TIP,), "Ingen fejl eller advarsler (1 tip til lederen) – se arket »V«."),
        ((Severity.FEJL,), "1 fejl – se arket »V«."),
        (
            (Severity.FEJL, Severity.FEJL, Severity.ADVARSEL, Severity.TIP, Severity.TIP),
            "2 fejl og 1 advarsel (2 tip til lederen) – se arket »V«.",
        ),
        ((Severity.ADVARSEL,) * 3, "3 advarsler – se arket »V«."),
    ],
)
def test_open_points_count_the_findings_in_one_line(
    severities: tuple[Severity, ...], expected: str
) -> None:
    assert open_points(_findings(*severities), "V") == expected


def test_a_column_widens_until_no_text_outgrows_excels_highest_row() -> None:
    from udviklingsplan_app.exchange.excel.layout import MAX_LINES, width_for_lines

    long = "Et ord mere i en lang tekst om handlinger. " * 40
    assert wrapped_lines(long, 20) > MAX_LINES
    wide = width_for_lines(["kort", long], 20, 60)
    assert 20 < wide <= 60 and wrapped_lines(long, wide) <= MAX_LINES
    assert wrapped_lines(long, wide - 1) > MAX_LINES  # no wider than it must be
    assert width_for_lines(["kort"], 20, 60) == 20
    assert width_for_lines([long * 10], 20, 40) == 40  # never beyond the widest
