"""Help's basic checks in the core (no Qt): the support text IT sets, and the guidance about a
plan without names and a goal that still has the default title."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from udviklingsplan_app.domain import DEFAULT_GOAL_TITLE, Person, Severity
from udviklingsplan_app.guidance import Concern, check_plan
from udviklingsplan_app.support import DEFAULT_SUPPORT, ENV_VAR, MAX_BYTES, support_text

from .test_guidance import EARLY, F2018, clean_plan

# --- who to call ------------------------------------------------------------------------------


def test_without_any_setting_the_default_support_text_is_shown(tmp_path: Path) -> None:
    assert support_text({}, [tmp_path / "machine.txt", tmp_path / "user.txt"]) == DEFAULT_SUPPORT
    assert "IT-support" in DEFAULT_SUPPORT


def test_the_environment_setting_wins_over_the_files(tmp_path: Path) -> None:
    machine = tmp_path / "support.txt"
    machine.write_text("Ring til Servicedesk på 3366 1234.", encoding="utf-8")
    environ = {ENV_VAR: "  Skriv til it-hjælp@kk.dk  "}
    assert support_text(environ, [machine]) == "Skriv til it-hjælp@kk.dk"


def test_the_machine_wide_file_wins_over_the_users_own(tmp_path: Path) -> None:
    machine, user = tmp_path / "machine.txt", tmp_path / "user.txt"
    # Notepad on Windows saves UTF-8 with a byte order mark: it is not shown.
    machine.write_bytes("\ufeffRing til Servicedesk på 3366 1234.\r\nHverdage 8–16.\r\n".encode())
    user.write_text("Min egen tekst", encoding="utf-8")
    assert (
        support_text({}, [machine, user]) == "Ring til Servicedesk på 3366 1234.\r\nHverdage 8–16."
    )
    machine.unlink()
    assert support_text({}, [machine, user]) == "Min egen tekst"


def test_a_file_that_is_too_large_or_not_text_is_passed_over(tmp_path: Path) -> None:
    big, binary, empty = tmp_path / "big.txt", tmp_path / "binary.txt", tmp_path / "empty.txt"
    big.write_text("x" * (MAX_BYTES + 1), encoding="utf-8")
    binary.write_bytes(b"\xff\xfe\x00\x01not text")
    empty.write_text("   \n", encoding="utf-8")
    folder = tmp_path / "a-folder.txt"
    folder.mkdir()
    assert support_text({}, [big, binary, empty, folder]) == DEFAULT_SUPPORT


# --- guidance ---------------------------------------------------------------------------------


def _codes(plan) -> list[str]:  # type: ignore[no-untyped-def]
    return [f.code for f in check_plan(plan, F2018, EARLY)]


def test_a_plan_without_the_leaders_or_the_managers_name_is_pointed_out() -> None:
    plan = clean_plan()
    assert _codes(plan) == []
    nameless = dataclasses.replace(plan, leader=Person("", "Forstander"), manager=Person(" ", ""))
    [finding] = check_plan(nameless, F2018, EARLY)
    assert finding.code == "plan-without-names"
    assert finding.severity is Severity.TIP
    assert finding.concerns == Concern("plan")
    assert finding.message.startswith("Planen mangler dit navn og din leders navn.")
    only_manager = dataclasses.replace(plan, manager=Person("", "Centerchef"))
    [finding] = check_plan(only_manager, F2018, EARLY)
    assert finding.message.startswith("Planen mangler din leders navn.")


def test_a_goal_still_titled_as_new_is_pointed_out() -> None:
    plan = clean_plan()
    goal = plan.goals[1]
    goal.title = DEFAULT_GOAL_TITLE
    [finding] = check_plan(plan, F2018, EARLY)
    assert finding.code == "goal-default-title"
    assert finding.severity is Severity.TIP
    assert finding.concerns.goal_uid == goal.uid
    assert f"hedder stadig »{DEFAULT_GOAL_TITLE}«" in finding.message
    goal.title = "Nyt udviklingsmål om nattevagter"  # a title that only begins the same way
    assert _codes(plan) == []
