"""The dialogues as a calendar file (.ics), read back with the same library Outlook's file goes
through here (icalendar)."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from icalendar import Calendar

from udviklingsplan_app import services
from udviklingsplan_app.calendar_export import (
    dialogues_calendar,
    has_dated_dialogues,
    write_calendar,
)
from udviklingsplan_app.domain import Dialogue, DialogueKind, Goal, Person, Plan
from udviklingsplan_app.errors import InputError
from udviklingsplan_app.exchange.json_format import read_plan_file

EXAMPLE = Path(__file__).resolve().parent.parent / "resources" / "examples"
NOW = dt.datetime(2026, 11, 25, 9, 30, tzinfo=dt.UTC)


def _example() -> Plan:
    plan = read_plan_file(EXAMPLE / "den-sociale-hjemmepleje.json")
    plan.id = 7
    return plan


def _events(data: bytes) -> list:
    calendar = Calendar.from_ical(data)
    return list(calendar.walk("VEVENT"))


def test_the_years_dialogues_are_busy_meetings_on_their_dates_at_ten() -> None:
    events = _events(dialogues_calendar(_example(), 2026, NOW))
    starts = [event.decoded("dtstart") for event in events]
    # Held dates where the dialogue was held, otherwise the planned date; the follow-up of
    # 2026 is held in January 2027 and belongs to 2026.
    assert starts == [
        dt.datetime(2026, 2, 10, 10, 0),
        dt.datetime(2026, 6, 16, 10, 0),
        dt.datetime(2026, 11, 30, 10, 0),
        dt.datetime(2027, 1, 19, 10, 0),
    ]
    for event in events:
        start = event.decoded("dtstart")
        assert start.tzinfo is None  # the leader's local time, as Outlook reads it
        assert event.decoded("dtend") == start + dt.timedelta(minutes=90)
        assert str(event["transp"]) == "OPAQUE"
        assert str(event["x-microsoft-cdo-busystatus"]) == "BUSY"
        assert "attendee" not in event  # no address for the manager is known


def test_the_leader_chooses_the_time_and_length() -> None:
    data = dialogues_calendar(_example(), 2026, NOW, start=dt.time(13, 15), minutes=60)
    event = _events(data)[0]
    assert event.decoded("dtstart") == dt.datetime(2026, 2, 10, 13, 15)
    assert event.decoded("dtend") == dt.datetime(2026, 2, 10, 14, 15)
    assert b"DTSTART:20260210T131500\r\n" in data  # floating: no time zone, no Z


@pytest.mark.parametrize(
    ("start", "minutes", "message"),
    [
        (dt.time(10), 5, "mellem 15 minutter og 8 timer"),
        (dt.time(10), 9 * 60, "mellem 15 minutter og 8 timer"),
        (dt.time(23, 30), 60, "slutte samme dag"),
    ],
)
def test_an_impossible_time_is_refused_in_danish(
    start: dt.time, minutes: int, message: str
) -> None:
    with pytest.raises(InputError, match=message):
        dialogues_calendar(_example(), 2026, NOW, start=start, minutes=minutes)


def test_the_manager_is_the_attendee_when_an_address_is_known() -> None:
    data = dialogues_calendar(_example(), 2026, NOW, manager_email=" henrik.lund@kk.dk ")
    events = _events(data)
    assert len(events) == 4
    for event in events:
        attendee = event["attendee"]
        assert str(attendee) == "mailto:henrik.lund@kk.dk"
        assert attendee.params["cn"] == "Henrik Lund"
        assert attendee.params["role"] == "REQ-PARTICIPANT"
    assert (
        _events(dialogues_calendar(_example(), 2026, NOW, manager_email="  "))[0].get("attendee")
        is None
    )


@pytest.mark.parametrize("email", ["henrik", "henrik@kk", "a b@kk.dk", "a@b@kk.dk"])
def test_a_wrong_address_is_refused_in_danish(email: str) -> None:
    with pytest.raises(InputError, match="er ikke en e-mailadresse"):
        dialogues_calendar(_example(), 2026, NOW, manager_email=email)


def test_summaries_name_the_dialogue_the_manager_and_the_workplace() -> None:
    events = _events(dialogues_calendar(_example(), 2026, NOW))
    assert [str(event["summary"]) for event in events] == [
        f"{kind} med Henrik Lund – udviklingsplan Den Sociale Hjemmepleje, Borgercenter Hjemmepleje"
        for kind in ("Startdialog", "Midtvejsdialog", "Slutdialog", "Opfølgning")
    ]


def test_the_description_holds_the_agenda_and_the_years_goals() -> None:
    plan = _example()
    start = _events(dialogues_calendar(plan, 2026, NOW))[0]
    description = str(start["description"])
    assert plan.dialogue(2026, DialogueKind.START) is not None
    agenda = plan.dialogue(2026, DialogueKind.START).agenda  # type: ignore[union-attr]
    assert agenda and agenda.strip() in description
    for goal in plan.goals_in(2026):
        assert f"• {goal.title}" in description
    assert "Lavere sygefravær" in description  # æøå survive


def test_the_calendar_says_what_it_is() -> None:
    calendar = Calendar.from_ical(dialogues_calendar(_example(), None, NOW))
    assert str(calendar["method"]) == "PUBLISH"
    assert "Udviklingsplan" in str(calendar["prodid"])
    assert str(calendar["version"]) == "2.0"


def test_all_years_when_no_year_is_given() -> None:
    events = _events(dialogues_calendar(_example(), None, NOW))
    assert len(events) == 5
    assert events[-1].decoded("dtstart") == dt.datetime(2027, 2, 9, 10, 0)
    assert len(_events(dialogues_calendar(_example(), 2027, NOW))) == 1
    assert _events(dialogues_calendar(_example(), 2028, NOW)) == []


def test_uids_are_unique_and_stable_so_a_new_file_updates_outlook() -> None:
    first = [str(e["uid"]) for e in _events(dialogues_calendar(_example(), None, NOW))]
    later = NOW + dt.timedelta(days=30)
    plan = _example()
    plan.dialogues[2].planned = dt.date(2026, 12, 3)
    again = _events(dialogues_calendar(plan, None, later))
    assert [str(e["uid"]) for e in again] == first
    assert len(set(first)) == len(first)
    # A newer file has a higher sequence, which Outlook needs to take the update.
    older = _events(dialogues_calendar(_example(), None, NOW))
    assert int(again[2]["sequence"]) > int(older[2]["sequence"])
    assert again[2].decoded("dtstart") == dt.datetime(2026, 12, 3, 10, 0)
    # Another time in a newer file updates the same events too.
    moved = _events(dialogues_calendar(plan, None, later, start=dt.time(9)))
    assert [str(e["uid"]) for e in moved] == first


def test_another_workplaces_plan_never_shares_a_uid() -> None:
    other = _example()
    other.workplace = "Botilbuddet Lindely"
    mine = {str(e["uid"]) for e in _events(dialogues_calendar(_example(), None, NOW))}
    theirs = {str(e["uid"]) for e in _events(dialogues_calendar(other, None, NOW))}
    assert not mine & theirs


def test_dialogues_without_a_date_are_left_out() -> None:
    plan = Plan(
        leader=Person("Anne Berg"),
        level=3,
        workplace="Værestedet Ørestad",
        manager=Person(""),
        framework_id="socialstrategi-2018",
        first_year=2026,
        years=4,
        dialogues=[
            Dialogue(2026, DialogueKind.START, planned=dt.date(2026, 2, 2)),
            Dialogue(2026, DialogueKind.MIDT),
        ],
    )
    events = _events(dialogues_calendar(plan, 2026, NOW))
    assert len(events) == 1
    # No manager named: the summary does not say "med" about nobody.
    assert str(events[0]["summary"]) == "Startdialog – udviklingsplan Værestedet Ørestad"
    assert has_dated_dialogues(plan, 2026)
    plan.dialogues[0].planned = None
    assert not has_dated_dialogues(plan, 2026)
    assert _events(dialogues_calendar(plan, 2026, NOW)) == []


def test_the_file_is_utf8_and_reads_back(example_plan_id: int, tmp_path: Path) -> None:
    plan = services.load_plan(example_plan_id)
    target = tmp_path / "Dialoger æøå.ics"
    write_calendar(plan, target, 2026)
    data = target.read_bytes()
    assert "Opfølgning".encode() in data
    assert _events(data)[0].decoded("dtstart") == dt.datetime(2026, 2, 10, 10, 0)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs file modes")
def test_a_target_that_cannot_be_written_gives_a_danish_message(tmp_path: Path) -> None:
    folder = tmp_path / "låst"
    folder.mkdir()
    target = folder / "dialoger.ics"
    target.write_bytes(b"gammel")
    folder.chmod(0o500)
    try:
        with pytest.raises(InputError, match="Der kan ikke skrives i mappen"):
            write_calendar(_example(), target)
    finally:
        folder.chmod(0o700)
    assert target.read_bytes() == b"gammel"


def test_a_replace_that_is_refused_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As when Outlook or another program holds the file open on Windows."""
    target = tmp_path / "dialoger.ics"
    target.write_bytes(b"gammel")

    def refuse(*_args: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(InputError, match="Er den åben i et andet program"):
        write_calendar(_example(), target)
    assert target.read_bytes() == b"gammel"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dialoger.ics"]


def _strange_plan(workplace: str, manager: str, title: str, agenda: str) -> Plan:
    return Plan(
        leader=Person("Anne Berg"),
        level=3,
        workplace=workplace,
        manager=Person(manager),
        framework_id="socialstrategi-2018",
        first_year=2026,
        years=4,
        goals=[Goal(2026, "vaerdigt-liv", title)],
        dialogues=[Dialogue(2026, DialogueKind.MIDT, planned=dt.date(2026, 6, 1), agenda=agenda)],
    )


def test_line_breaks_and_control_characters_in_texts_make_a_valid_file() -> None:
    plan = _strange_plan(
        "Bostedet\nNord; afd. 2, \\ »ØST«\x00",
        "Ole\r\nDam\x0b",
        "Tryghed\r\nog trivsel 🎉",
        "Punkt 1\r\nPunkt 2\rPunkt 3\x1f",
    )
    (event,) = _events(dialogues_calendar(plan, 2026, NOW))
    assert str(event["summary"]) == (
        "Midtvejsdialog med Ole Dam – udviklingsplan Bostedet Nord; afd. 2, \\ »ØST«"
    )
    description = str(event["description"])
    assert "Dagsorden:\nPunkt 1\nPunkt 2\nPunkt 3\n" in description
    assert "• Tryghed og trivsel 🎉" in description


@given(
    workplace=st.text(min_size=1),
    manager=st.text(),
    title=st.text(min_size=1),
    agenda=st.text(),
)
def test_any_text_gives_a_file_that_reads_back(
    workplace: str, manager: str, title: str, agenda: str
) -> None:
    plan = _strange_plan(workplace, manager, title, agenda)
    (event,) = _events(dialogues_calendar(plan, 2026, NOW, manager_email="leder@kk.dk"))
    assert event.decoded("dtstart") == dt.datetime(2026, 6, 1, 10, 0)
    assert str(event["attendee"]) == "mailto:leder@kk.dk"
    summary = str(event["summary"])
    assert summary.startswith("Midtvejsdialog")
    assert "\n" not in summary and "\r" not in summary
