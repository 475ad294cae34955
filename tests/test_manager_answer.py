"""The manager's answer: a real export, edited as a manager would with openpyxl, read back."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from tests.conftest import EXAMPLE
from udviklingsplan_app.domain import Plan, Status
from udviklingsplan_app.errors import InputError
from udviklingsplan_app.exchange.answer import (
    DATA_SHEET,
    PLAN_COMMENT_LABEL,
    PROPERTY_EXPORT,
    PROPERTY_PLAN,
    goal_fingerprint,
    read_answer,
)
from udviklingsplan_app.exchange.excel import COMMENT_HEADER, ID_HEADER, write_workbook
from udviklingsplan_app.exchange.json_format import read_plan_file
from udviklingsplan_app.framework_sources import get_framework

TODAY = dt.date(2027, 3, 10)
FORMULA = "=cmd|' /C calc'!A0"
LONG = ("Godt arbejde – æøå ÆØÅ.\tMed tabulator\nog ny linje. " * 120)[:5000]


@pytest.fixture
def plan() -> Plan:
    plan = read_plan_file(EXAMPLE)
    plan.uid = "5f0c7a53-0000-4000-8000-00000000abcd"
    return plan


@pytest.fixture
def export(plan: Plan, tmp_path: Path) -> Path:
    target = tmp_path / "plan.xlsx"
    write_workbook(plan, get_framework(plan.framework_id), target, today=TODAY)
    return target


def _column(ws: Any, header: str) -> int:
    return [cell.value for cell in ws[1]].index(header) + 1


def _row_of(ws: Any, uid: str) -> int:
    column = _column(ws, ID_HEADER)
    for row in range(2, ws.max_row + 1):
        if ws.cell(row=row, column=column).value == uid:
            return row
    raise AssertionError(uid)


def _plan_comment_cell(ws: Any) -> Any:
    for row in ws.iter_rows():
        for cell in row:
            if cell.value == PLAN_COMMENT_LABEL:
                return ws.cell(row=cell.row + 2, column=1)
    raise AssertionError("no plan comment cell")


def resaved_by_libreoffice(source: Path, tmp_path: Path) -> Path:
    """``source`` opened and saved again as .xlsx by LibreOffice (the test skips without it)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    out = tmp_path / "resaved"
    out.mkdir()
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}",
            "--headless",
            "--convert-to",
            "xlsx:Calc MS Excel 2007 XML",
            "--outdir",
            str(out),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return out / source.name


def another_plan() -> int:
    """A second plan, "Bostedet Lærkehøj", in the open database."""
    from udviklingsplan_app import services
    from udviklingsplan_app.domain import Person

    return services.create_plan(
        workplace="Bostedet Lærkehøj",
        leader=Person("Anne", ""),
        level=3,
        manager=Person("Bo", ""),
        framework_id="socialstrategi-2018",
        first_year=2026,
    )


def _played(export: Path, plan: Plan, target: Path) -> Path:
    """The manager: comments (a formula, 5,000 characters, æøå), a status, sorted rows, a new
    row, and the front sheet's comment."""
    workbook = openpyxl.load_workbook(export)
    ws = workbook["Udviklingsmål"]
    first, second, third = plan.goals[0], plan.goals[1], plan.goals[2]
    comment = _column(ws, COMMENT_HEADER)
    status = _column(ws, "Status")
    ws.cell(row=_row_of(ws, first.uid), column=comment, value=FORMULA)
    ws.cell(row=_row_of(ws, second.uid), column=comment, value=LONG)
    ws.cell(row=_row_of(ws, third.uid), column=status, value=Status.NAAET.label)
    # Sort: reverse the goal rows (values only, as Excel's sort moves them).
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=2, max_row=ws.max_row)]
    for index, values in enumerate(reversed(rows), start=2):
        for column, value in enumerate(values, start=1):
            ws.cell(row=index, column=column).value = value  # None clears, as Excel's sort
    added = ws.max_row + 1
    ws.cell(row=added, column=_column(ws, "Udviklingsmål"), value="Fælles kursus i ÆØÅ")
    ws.cell(row=added, column=comment, value="Et nyt mål, jeg foreslår.")
    _plan_comment_cell(workbook["Forside"]).value = "Fin plan.\nLad os tale om år 2."
    workbook.save(target)
    return target


def test_the_export_carries_the_plan_and_export_ids_and_a_baseline(
    export: Path, plan: Plan
) -> None:
    workbook = openpyxl.load_workbook(export)
    assert workbook[DATA_SHEET].sheet_state == "veryHidden"
    properties = {p.name: p.value for p in workbook.custom_doc_props.props}
    assert properties[PROPERTY_PLAN] == plan.uid
    assert len(properties[PROPERTY_EXPORT]) == 36
    answer = read_answer(export)
    assert answer.plan_uid == plan.uid
    assert answer.export_id == properties[PROPERTY_EXPORT]
    assert answer.exported == TODAY
    assert answer.workplace == plan.workplace
    assert set(answer.baseline) == {goal.uid for goal in plan.goals}
    goal = plan.goals[0]
    assert answer.baseline[goal.uid].title == goal.title
    assert answer.baseline[goal.uid].fingerprint == goal_fingerprint(goal)
    # Nothing of the manager's yet.
    assert answer.plan_comment == ""
    assert all(not row.comment for row in answer.rows)


def test_two_exports_have_different_export_ids(plan: Plan, tmp_path: Path) -> None:
    framework = get_framework(plan.framework_id)
    write_workbook(plan, framework, tmp_path / "a.xlsx", today=TODAY)
    write_workbook(plan, framework, tmp_path / "b.xlsx", today=TODAY)
    ids = {read_answer(tmp_path / name).export_id for name in ("a.xlsx", "b.xlsx")}
    assert len(ids) == 2


def test_the_managers_answer_is_read_by_goal_id_whatever_the_order(
    export: Path, plan: Plan, tmp_path: Path
) -> None:
    answer = read_answer(_played(export, plan, tmp_path / "svar.xlsx"))
    by_uid = {row.goal_uid: row for row in answer.rows if row.goal_uid}
    assert by_uid[plan.goals[0].uid].comment == FORMULA
    assert by_uid[plan.goals[1].uid].comment == LONG
    assert by_uid[plan.goals[2].uid].status is Status.NAAET
    assert by_uid[plan.goals[2].uid].comment == ""
    assert by_uid[plan.goals[0].uid].title == plan.goals[0].title
    added = [row for row in answer.rows if row.goal_uid is None]
    assert [(row.title, row.comment) for row in added] == [
        ("Fælles kursus i ÆØÅ", "Et nyt mål, jeg foreslår.")
    ]
    assert answer.plan_comment == "Fin plan.\nLad os tale om år 2."


def test_a_copy_resaved_by_libreoffice_is_the_same_answer(
    export: Path, plan: Plan, tmp_path: Path
) -> None:
    played = _played(export, plan, tmp_path / "svar.xlsx")
    original, resaved = read_answer(played), read_answer(resaved_by_libreoffice(played, tmp_path))
    assert resaved.export_id == original.export_id
    assert resaved.plan_uid == original.plan_uid
    assert resaved.plan_comment == original.plan_comment
    # LibreOffice takes a typed formula for one and writes it back in its own case.
    assert {(r.goal_uid, r.comment.casefold(), r.status) for r in resaved.rows} == {
        (r.goal_uid, r.comment.casefold(), r.status) for r in original.rows
    }
    assert len([r for r in resaved.rows if r.comment]) == 3


def test_a_workbook_from_another_program_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "budget.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "Budget 2027"
    workbook.save(path)
    with pytest.raises(InputError, match="ikke en udviklingsplan, som programmet har lavet"):
        read_answer(path)


def test_a_workbook_from_a_newer_version_is_refused(export: Path, tmp_path: Path) -> None:
    workbook = openpyxl.load_workbook(export)
    sheet = workbook[DATA_SHEET]
    for row in sheet.iter_rows():
        if row[0].value == "version":
            row[1].value = 99
    path = tmp_path / "ny.xlsx"
    workbook.save(path)
    with pytest.raises(InputError, match="nyere udgave af programmet"):
        read_answer(path)


def test_a_formula_like_goal_title_stays_text_in_the_baseline(plan: Plan, tmp_path: Path) -> None:
    plan.goals[0].title = '=HYPERLINK("http://x")'
    target = tmp_path / "plan.xlsx"
    write_workbook(plan, get_framework(plan.framework_id), target, today=TODAY)
    assert read_answer(target).baseline[plan.goals[0].uid].title == plan.goals[0].title


def test_every_text_on_every_sheet_names_its_font(export: Path) -> None:
    # Seen printed from LibreOffice: "Kommentar fra leder til planen" and its hint on the front
    # page came out in a serif, because their font had no name; everything else is Calibri.
    workbook = openpyxl.load_workbook(export)
    unnamed = [
        f"{ws.title}!{cell.coordinate} {str(cell.value)[:30]!r}"
        for ws in workbook.worksheets
        for row in ws.iter_rows()
        for cell in row
        if cell.value not in (None, "") and not cell.font.name
    ]
    assert unnamed == []
    front = workbook.worksheets[0]
    label = next(c for row in front.iter_rows() for c in row if c.value == PLAN_COMMENT_LABEL)
    assert label.font.name == "Calibri" and label.font.b
