"""The e-mail draft to the manager: parsed back as Outlook would read it."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import io
from pathlib import Path

import openpyxl
import pytest

from tests.conftest import EXAMPLE
from udviklingsplan_app.domain import Dialogue, DialogueKind, Plan
from udviklingsplan_app.errors import InputError
from udviklingsplan_app.exchange.email_draft import (
    draft_subject,
    next_dialogue,
    write_draft,
)
from udviklingsplan_app.exchange.excel import write_workbook
from udviklingsplan_app.exchange.json_format import read_plan_file
from udviklingsplan_app.framework import get_framework

TODAY = dt.date(2027, 3, 10)


@pytest.fixture
def plan() -> Plan:
    return read_plan_file(EXAMPLE)


@pytest.fixture
def workbook(plan: Plan, tmp_path: Path) -> Path:
    target = tmp_path / "Udviklingsplan Den Sociale Hjemmepleje.xlsx"
    write_workbook(plan, get_framework(plan.framework_id), target, today=TODAY)
    return target


def _parsed(path: Path) -> email.message.EmailMessage:
    message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    assert isinstance(message, email.message.EmailMessage)
    return message


def test_the_draft_is_unsent_to_the_manager_with_the_workbook(
    plan: Plan, workbook: Path, tmp_path: Path
) -> None:
    target = write_draft(plan, workbook, tmp_path / "til leder.eml", to="chef@kk.dk", today=TODAY)
    message = _parsed(target)
    assert message["X-Unsent"] == "1"
    assert message["To"].addresses[0].addr_spec == "chef@kk.dk"
    assert message["To"].addresses[0].display_name == plan.manager.name
    assert message["Subject"].startswith(f"Udviklingsplan for {plan.workplace} – til ")
    body = message.get_body(preferencelist=("plain",))
    assert body is not None
    text = body.get_content()
    assert "Kommentar fra leder" in text
    assert "send den tilbage" in text
    attachments = list(message.iter_attachments())
    assert [part.get_filename() for part in attachments] == [workbook.name]
    data = attachments[0].get_content()
    assert data == workbook.read_bytes()
    opened = openpyxl.load_workbook(io.BytesIO(data))
    assert "Forside" in opened.sheetnames
    assert b"\r\n" in target.read_bytes()


def test_without_an_address_the_draft_has_no_recipient(
    plan: Plan, workbook: Path, tmp_path: Path
) -> None:
    message = _parsed(write_draft(plan, workbook, tmp_path / "x.eml", to=None, today=TODAY))
    assert message["To"] is None
    assert message["X-Unsent"] == "1"


def test_a_broken_address_is_refused_in_danish(plan: Plan, workbook: Path, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="E-mailadressen"):
        write_draft(plan, workbook, tmp_path / "x.eml", to="chef@@kk\n.dk", today=TODAY)
    assert not (tmp_path / "x.eml").exists()


def test_the_subject_names_the_next_dialogue_and_its_month(plan: Plan) -> None:
    plan.first_year, plan.years = 2027, 4
    plan.dialogues = [
        Dialogue(year=2027, kind=DialogueKind.START, planned=dt.date(2027, 2, 3), held=None),
        Dialogue(year=2027, kind=DialogueKind.MIDT, planned=dt.date(2027, 6, 14)),
    ]
    assert (
        draft_subject(plan, dt.date(2027, 3, 10))
        == f"Udviklingsplan for {plan.workplace} – til midtvejsdialogen juni 2027"
    )
    # A dialogue held is not next; on the day itself it is.
    plan.dialogues[1].held = dt.date(2027, 6, 14)
    assert next_dialogue(plan, dt.date(2027, 3, 10)) == (
        DialogueKind.SLUT,
        DialogueKind.SLUT.suggested_date(2027),
    )
    plan.dialogues[1].held = None
    assert next_dialogue(plan, dt.date(2027, 6, 14)) == (
        DialogueKind.MIDT,
        dt.date(2027, 6, 14),
    )


def test_after_the_plans_last_dialogue_the_subject_names_only_the_plan(plan: Plan) -> None:
    plan.dialogues = []
    after = dt.date(plan.first_year + plan.years + 1, 6, 1)
    assert draft_subject(plan, after) == f"Udviklingsplan for {plan.workplace}"


def test_a_workplace_with_line_breaks_stays_one_header_line(
    plan: Plan, workbook: Path, tmp_path: Path
) -> None:
    plan.workplace = "Nord\r\nBcc: alle@kk.dk\tafd. 2"
    message = _parsed(write_draft(plan, workbook, tmp_path / "x.eml", to=None, today=TODAY))
    assert message["Bcc"] is None
    assert "Nord Bcc: alle@kk.dk afd. 2" in message["Subject"]
