"""Files as leaders and IT really make them: Notepad, PowerShell, hand edits, odd names."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE
from udviklingsplan_app import services
from udviklingsplan_app.atomic_files import write_atomically
from udviklingsplan_app.errors import InputError, ValidationError
from udviklingsplan_app.exchange.files import safe_file_name
from udviklingsplan_app.exchange.json_format import plan_to_json, read_plan_file

EXAMPLE_TEXT = EXAMPLE.read_text(encoding="utf-8")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-8-sig"])
def test_notepad_and_powershell_encodings_are_read(
    tmp_path: Path, encoding: str, db_path: Path
) -> None:
    path = tmp_path / "plan.json"
    path.write_bytes(EXAMPLE_TEXT.encode(encoding))
    plan_id = services.import_plan(read_plan_file(path))
    assert plan_to_json(services.load_plan(plan_id)) == EXAMPLE_TEXT


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ('{"format": "udviklingsplan",\n}', "der står et komma for meget før »}«"),
        ('{"a": [1, 2,]}', "der står et komma for meget før »]«"),
        ('// min plan\n{"format": "udviklingsplan"}', "JSON tillader ikke kommentarer"),
        ('{"format": /* gammel */ "udviklingsplan"}', "JSON tillader ikke kommentarer"),
        ('{"format" "udviklingsplan"}', "der mangler et kolon"),
    ],
    ids=["comma-before-brace", "comma-before-bracket", "line-comment", "block-comment", "no-colon"],
)
def test_hand_edit_slips_are_named(tmp_path: Path, text: str, reason: str) -> None:
    path = tmp_path / "plan.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_plan_file(path)
    assert reason in str(caught.value)
    assert "Expecting" not in str(caught.value)


def test_a_cycle_may_not_run_past_2100(tmp_path: Path) -> None:
    data = json.loads(EXAMPLE_TEXT)
    data["plan"].update(first_year=2099, goals=[], dialogues=[])
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ValidationError) as caught:
        read_plan_file(path)
    assert caught.value.field == "plan.first_year"
    assert "2100" in caught.value.detail


def test_a_large_plan_is_stored_in_batches_and_round_trips(db_path: Path) -> None:
    from benchmarks.big_plan import big_plan

    data = big_plan(300)  # about a thousand actions: several insert batches per table
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    path = db_path.parent / "stor.json"
    path.write_text(text, encoding="utf-8")
    plan_id = services.import_plan(read_plan_file(path))
    assert plan_to_json(services.load_plan(plan_id)) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Udviklingsplan Hjemmeplejen / Nord: afd. 2",
            "Udviklingsplan Hjemmeplejen Nord afd. 2.json",
        ),
        ("Plan\tmed\nlinjeskift?*", "Plan med linjeskift.json"),
        ("CON", "Udviklingsplan CON.json"),
        ("nul.txt", "Udviklingsplan nul.txt.json"),
        ("...", "Udviklingsplan.json"),
        ("Værestedet »Ørsted« 2026–2029", "Værestedet »Ørsted« 2026–2029.json"),
    ],
)
def test_safe_file_names_for_windows(text: str, expected: str) -> None:
    assert safe_file_name(text, ".json") == expected


def test_a_long_name_is_capped() -> None:
    assert len(safe_file_name("x" * 500, ".xlsx")) == 120 + len(".xlsx")


def test_a_file_where_the_folder_should_be_is_named(tmp_path: Path) -> None:
    blocker = tmp_path / "blokering"
    blocker.write_text("", encoding="utf-8")
    with pytest.raises(InputError, match="er en fil, ikke en mappe"):
        write_atomically(blocker / "plan.json", lambda tmp: None)
