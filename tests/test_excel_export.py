"""The Excel export: the written workbook opened again, as a manager's Excel would read it."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from tests.conftest import EXAMPLE, ROOT, CliResult
from udviklingsplan_app import services
from udviklingsplan_app.domain import Action, Goal, Plan, Severity, Status, StatusChange
from udviklingsplan_app.errors import InputError
from udviklingsplan_app.exchange import excel
from udviklingsplan_app.exchange.answer import DATA_SHEET
from udviklingsplan_app.exchange.excel import (
    CUT_MARKER,
    default_file_name,
    sheet_name,
    write_workbook,
)
from udviklingsplan_app.exchange.excel import layout as excel_layout
from udviklingsplan_app.exchange.excel.writer import print_scale
from udviklingsplan_app.exchange.json_format import read_plan_file
from udviklingsplan_app.framework_sources import get_framework
from udviklingsplan_app.guidance import check_plan
from udviklingsplan_app.services import export_plan

TODAY = dt.date(2026, 11, 25)
SHEETS = [
    "Forside",
    "Overblik",
    "Udviklingsmål",
    "Statushistorik",
    "Dialoger",
    "Aktuel situation",
    "Vejledning",
    "Strategi",
]
WORKPLACE = "Den Sociale Hjemmepleje, Borgercenter Hjemmepleje"
GOAL_HEADERS = [
    "År",
    "Vision",
    "Tema",
    "Udviklingsmål",
    "Begrundelse",
    "Handlinger (ansvarlig, frist)",
    "Tegn på succes og egne kriterier",
    "Indikatorer",
    "Involvering",
    "Status",
    "Statusnote",
    "Ansvarlig",
    "Kommentar fra leder",
    "Id (må ikke ændres)",
]

Cli = Callable[..., CliResult]


def _example() -> Plan:
    return read_plan_file(EXAMPLE)


def _write(plan: Plan, tmp_path: Path, name: str = "plan.xlsx") -> Any:
    target = tmp_path / name
    write_workbook(plan, get_framework(plan.framework_id), target, today=TODAY)
    return openpyxl.load_workbook(target)


def _rows(ws: Any) -> list[list[Any]]:
    return [list(row) for row in ws.iter_rows(values_only=True)]


def _column(ws: Any, header: str) -> list[Any]:
    headers = [cell.value for cell in ws[1]]
    index = headers.index(header)
    return [row[index] for row in _rows(ws)[1:]]


def _front_values(ws: Any) -> dict[str, Any]:
    """The front sheet's label → value pairs (column A → column B)."""
    return {row[0]: row[1] for row in _rows(ws) if row[0] and len(row) > 1}


# --- sheets and what they say --------------------------------------------------------------


def test_the_workbook_has_the_danish_sheets_in_order(tmp_path: Path) -> None:
    wb = _write(_example(), tmp_path)
    assert wb.sheetnames == [*SHEETS, DATA_SHEET]
    assert wb[DATA_SHEET].sheet_state == "veryHidden"  # the marks the manager's answer needs
    assert wb.active.title == "Forside"


def test_export_plan_reads_the_stored_plan(tmp_path: Path, example_plan_id: int) -> None:
    target = tmp_path / "ud" / "plan.xlsx"
    target.parent.mkdir()

    assert export_plan(example_plan_id, target, today=TODAY) == target

    wb = openpyxl.load_workbook(target)
    stored = services.load_plan(example_plan_id)
    assert _column(wb["Udviklingsmål"], "Udviklingsmål") == [g.title for g in stored.goals]
    assert [p.name for p in target.parent.iterdir()] == ["plan.xlsx"]  # no temporary file left


def _texts(ws: Any) -> list[str]:
    return [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None]


def test_the_front_sheet_is_for_the_manager(tmp_path: Path) -> None:
    plan = _example()
    ws = _write(plan, tmp_path)["Forside"]
    values = _front_values(ws)

    assert ws["A1"].value == "Udviklingsplan for arbejdspladsen"
    assert values["Leder"] == "Mette Holm, Leder af Den Sociale Hjemmepleje"
    assert values["Ledelsesniveau"] == "3"
    assert values["Arbejdsplads"] == WORKPLACE
    assert values["Egen leder"] == "Henrik Lund, Centerchef, Borgercenter Hjemmepleje"
    assert "Socialstrategien 2018" in values["Strategiramme"]
    assert values["Cyklus"] == "2026–2029 (4 år)"
    assert values["Eksporteret"] == "25. november 2026"
    # The example's findings are the leader's own tips: counted, not listed.
    findings = check_plan(plan, get_framework(plan.framework_id), TODAY)
    assert [f.severity for f in findings] == [Severity.TIP, Severity.TIP]
    assert values["Åbne punkter"] == (
        "Ingen fejl eller advarsler (2 tip til lederen) – se arket »Vejledning«."
    )
    texts = _texts(ws)
    assert not any("Filformat" in t or "udviklingsplan-excel" in t for t in texts)
    assert not any(f.message in t for f in findings for t in texts)

    # The goals per year and vision: each title with its status, the empty ones marked.
    rows = _rows(ws)
    header = next(r for r in rows if r[0] == "År")
    assert header[1:6] == [
        "V1 Et værdigt liv",
        "V2 Et selvstændigt liv",
        "V3 En helstøbt og langsigtet løsning",
        "V4 En sund og fagligt stærk organisation",
        "I alt",
    ]
    by_year = {r[0]: r for r in rows if r[0] in (2026, 2027, 2028, 2029, "I alt")}
    assert by_year[2026][1] == "–"
    assert by_year[2026][4].split("\n") == [
        "• Lavere sygefravær gennem tidlig dialog og bedre trivsel (i gang)",
        "• Bedre rekruttering og onboarding af social- og sundhedsassistenter og "
        "sygeplejersker (nået)",
    ]
    assert by_year[2027][3] == "• Fast medarbejder og fast tid i alle teams (planlagt)"
    assert by_year[2026][5] == 4 and by_year[2027][5] == 3 and by_year[2028][5] == 0
    # The years to come are not planned yet – said calmly, not as a gap.
    assert by_year[2028][1:5] == ["Ikke planlagt endnu"] * 4
    assert by_year["I alt"][1:6] == ["1 mål", "1 mål", "2 mål", "3 mål", 7]
    assert (
        "Status for de 7 udviklingsmål: 1 ikke påbegyndt, 2 planlagt, 2 i gang, 1 nået, "
        "1 videreført." in texts
    )
    # One page: the manager's first page never runs over.
    assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 1)


@pytest.mark.parametrize(
    ("today", "year_2028", "v1_total"),
    [
        (dt.date(2026, 11, 25), "Ikke planlagt endnu", "Intet mål endnu"),
        (dt.date(2030, 2, 1), "–", "Ikke dækket"),
    ],
)
def test_the_front_sheet_says_uncovered_only_when_the_cycle_missed_the_vision(
    tmp_path: Path, today: dt.date, year_2028: str, v1_total: str
) -> None:
    plan = _example()
    framework = get_framework(plan.framework_id)
    first = framework.visions[0].id  # V1 Et værdigt liv: its one goal (2027) taken away
    plan.goals = [g for g in plan.goals if g.vision != first]
    target = tmp_path / "plan.xlsx"
    write_workbook(plan, framework, target, today=today)
    rows = _rows(openpyxl.load_workbook(target)["Forside"])
    by_year = {r[0]: r for r in rows if r[0] in (2026, 2027, 2028, "I alt")}
    assert by_year[2026][1] == "–"  # beside the year's other goals
    assert by_year[2028][1:5] == [year_2028] * 4
    assert by_year["I alt"][1:3] == [v1_total, "1 mål"]
    texts = _texts(openpyxl.load_workbook(target)["Forside"])
    assert ("Ikke dækket" in texts) == (v1_total == "Ikke dækket")


def test_the_findings_are_on_a_sheet_of_their_own(tmp_path: Path) -> None:
    plan = _example()
    ws = _write(plan, tmp_path)["Vejledning"]
    findings = check_plan(plan, get_framework(plan.framework_id), TODAY)
    assert [c.value for c in ws[1]] == ["Alvor", "Bemærkning"]
    assert [tuple(r[:2]) for r in _rows(ws)[1:]] == [
        (f.severity.label, f.message) for f in findings
    ]


def test_serious_findings_are_counted_on_the_front_and_listed_apart(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from udviklingsplan_app.guidance import Concern, Finding

    about = Concern("plan")
    findings = [
        Finding(Severity.FEJL, "a", "En fejl.", about),
        Finding(Severity.ADVARSEL, "b", "Første advarsel.", about),
        Finding(Severity.ADVARSEL, "c", "Anden advarsel.", about),
        Finding(Severity.TIP, "d", "Saml trådene, og drøft dem med din leder.", about),
    ]
    monkeypatch.setattr(excel, "check_plan", lambda *args: findings)
    wb = _write(_example(), tmp_path)
    assert _front_values(wb["Forside"])["Åbne punkter"] == (
        "1 fejl og 2 advarsler (1 tip til lederen) – se arket »Vejledning«."
    )
    assert not any("drøft" in t for t in _texts(wb["Forside"]))
    assert [r[1] for r in _rows(wb["Vejledning"])[1:]] == [f.message for f in findings]


def test_a_plan_without_findings_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(excel, "check_plan", lambda *args: [])
    wb = _write(_example(), tmp_path)
    assert _front_values(wb["Forside"])["Åbne punkter"] == (
        "Ingen – planen følger strategiens anbefalinger."
    )
    assert _rows(wb["Vejledning"])[1][0] == (
        "Ingen bemærkninger – planen følger strategiens anbefalinger."
    )


def test_one_goal_row_each_with_its_parts_in_danish(tmp_path: Path) -> None:
    plan = _example()
    ws = _write(plan, tmp_path)["Udviklingsmål"]

    assert [c.value for c in ws[1]] == GOAL_HEADERS
    assert ws.max_row == len(plan.goals) + 1
    assert _column(ws, "Udviklingsmål") == [g.title for g in plan.goals]
    assert _column(ws, "År") == [g.year for g in plan.goals]
    assert _column(ws, "Status") == [g.status.label for g in plan.goals]
    assert _column(ws, "Ansvarlig") == [g.owner for g in plan.goals]
    assert _column(ws, "Kommentar fra leder") == [None] * len(plan.goals)

    first = dict(zip(GOAL_HEADERS, _rows(ws)[1], strict=True))
    assert first["Vision"] == "V4 En sund og fagligt stærk organisation"
    assert first["Tema"].startswith("V4.T3 ")
    assert first["Begrundelse"].startswith("Sygefraværet var 8,1 % i 2025")
    assert (
        "• Fælles praksis for omsorgssamtaler og tidlige fraværssamtaler i alle teams "
        "(Teamlederne, frist 30-04-2026, udført)" in first["Handlinger (ansvarlig, frist)"]
    )
    success = first["Tegn på succes og egne kriterier"].split("\n")
    assert success[0] == "Tegn på succes:"
    assert success[1].startswith("• V4.S1 ")
    assert "Egne kriterier:" in success
    assert "• Sygefraværet er højst 6,5 % i fjerde kvartal 2026." in success
    assert first["Indikatorer"] == (
        "• Sygefravær (%): udgangspunkt 8,1, mål 6,5, seneste 7,2 (30-09-2026)"
    )
    assert first["Involvering"].startswith(
        "• MED-udvalg, 27-01-2026: Drøftelse på møde i MED-udvalget – MED-udvalget bakkede op"
    )


def test_each_goal_row_carries_its_stable_id_in_a_hidden_column(tmp_path: Path) -> None:
    plan = _example()
    ws = _write(plan, tmp_path)["Udviklingsmål"]

    assert ws["N1"].value == "Id (må ikke ændres)"
    assert ws.column_dimensions["N"].hidden is True
    assert _column(ws, "Id (må ikke ændres)") == [g.uid for g in plan.goals]
    assert _column(ws, "Id (må ikke ændres)")[0] == "4a1944d75a99416cbda4781dee04a166"


def test_status_is_a_drop_down_of_the_danish_labels(tmp_path: Path) -> None:
    ws = _write(_example(), tmp_path)["Udviklingsmål"]
    checks = {str(v.sqref): v for v in ws.data_validations.dataValidation}

    status = checks["J2:J8"]
    assert status.type == "list"
    assert status.formula1 == '"' + ",".join(s.label for s in Status) + '"'
    assert status.showErrorMessage is True
    assert status.errorStyle == "stop"
    assert "Vælg en status" in status.error
    assert all(cell in status.formula1 for cell in _column(ws, "Status"))

    comment = checks["M2:M8"]
    assert comment.showInputMessage is True
    assert comment.promptTitle == "Kommentar fra leder"
    assert "kommentar" in comment.prompt
    assert ws["M2"].fill.fgColor.rgb.endswith("FFF9E5")


def test_overview_shows_years_by_vision_with_colours_and_a_chart(tmp_path: Path) -> None:
    target = tmp_path / "plan.xlsx"
    plan = _example()
    write_workbook(plan, get_framework(plan.framework_id), target, today=TODAY)
    ws = openpyxl.load_workbook(target)["Overblik"]

    headers = [c.value for c in ws[1]]
    assert headers == [
        "År",
        "V1 Et værdigt liv",
        "V2 Et selvstændigt liv",
        "V3 En helstøbt og langsigtet løsning",
        "V4 En sund og fagligt stærk organisation",
        "I alt",
    ]
    assert ws["A2"].value == 2026
    assert ws["E2"].value.split("\n") == [
        "2 mål",
        "• Lavere sygefravær gennem tidlig dialog og bedre trivsel",
        "• Bedre rekruttering og onboarding af social- og sundhedsassistenter og sygeplejersker",
    ]
    assert ws["B2"].value == "Intet mål"
    assert ws["F2"].value == 4
    assert ws["E2"].fill.fgColor.rgb.endswith("E2EFDA")  # covered
    assert ws["B2"].fill.fgColor.rgb.endswith("F2F2F2")  # nothing this year
    cycle = [c.value for c in ws[6]]
    assert cycle[0] == "Hele cyklussen"
    assert cycle[1:] == ["1 mål – dækket", "1 mål – dækket", "2 mål – dækket", "3 mål – dækket", 7]

    charts = ws._charts
    assert len(charts) == 1
    assert charts[0].tagname == "barChart" and len(charts[0].series) == 4
    with zipfile.ZipFile(target) as archive:
        chart_xml = archive.read("xl/charts/chart1.xml").decode("utf-8")
    assert "<barChart>" in chart_xml and '<barDir val="col" />' in chart_xml
    assert "V1 Et værdigt liv" in chart_xml  # the legend names the visions


def test_a_crowded_overview_cell_lists_some_titles_and_counts_the_rest(tmp_path: Path) -> None:
    plan = _example()
    plan.goals = [Goal(2026, "vaerdigt-liv", f"Mål nummer {n}") for n in range(1, 12)]
    ws = _write(plan, tmp_path)["Overblik"]
    lines = ws["B2"].value.split("\n")
    assert lines[0] == "11 mål"
    assert lines[1:9] == [f"• Mål nummer {n}" for n in range(1, 9)]
    assert lines[9:] == ["… og 3 flere (se »Udviklingsmål«)"]


def test_dialogues_situation_and_strategy_sheets(tmp_path: Path) -> None:
    plan = _example()
    wb = _write(plan, tmp_path)

    dialogues = wb["Dialoger"]
    assert [c.value for c in dialogues[1]][:4] == ["År", "Dialog", "Planlagt", "Afholdt"]
    first = _rows(dialogues)[1]
    assert first[:4] == [2026, "Startdialog", dt.datetime(2026, 2, 10), dt.datetime(2026, 2, 10)]
    assert dialogues["C2"].number_format == "dd-mm-yyyy"
    assert first[4] == "Mette Holm, Henrik Lund"
    assert dialogues.max_row == len(plan.dialogues) + 1

    situation = wb["Aktuel situation"]
    labels = [r[0] for r in _rows(situation)[1:] if r[0]]
    assert labels == [
        "Fakta",
        "Centrale strategier og indsatsområder",
        "Organisatoriske og politiske fokusområder",
        "Aktuelle udfordringer",
        "Øvrige udviklingstiltag",
        "Hensyn til drift",
    ]
    text = "\n".join(r[1] or "" for r in _rows(situation)[1:])
    assert "• Ca. 4.700 borgere får hjælp" in text

    strategy = _rows(wb["Strategi"])
    assert strategy[0] == ["Kode", "Vision", "Type", "Titel", "Beskrivelse"]
    assert strategy[1][:4] == ["V1", "Et værdigt liv", "Vision", "Et værdigt liv"]
    assert any(r[0] == "V1.T1" and r[2] == "Tema" for r in strategy)
    assert any(r[0] == "V1.S1" and r[2] == "Tegn på succes" for r in strategy)


def test_the_framework_speaks_its_own_words(tmp_path: Path) -> None:
    plan = Plan(
        leader=_example().leader,
        level=2,
        workplace="Hjemløseenheden",
        manager=_example().manager,
        framework_id="su-indsatsomraader-2023-2025",
        first_year=2023,
        years=3,
        goals=[Goal(2023, "io1-hjemloeshed", "Flere i egen bolig", success_signs=["ukendt"])],
    )
    wb = _write(plan, tmp_path)
    headers = [c.value for c in wb["Udviklingsmål"][1]]
    assert headers[1:3] == ["Indsatsområde", "Tema"]
    assert headers[6] == "Målsætninger og egne kriterier"
    assert wb["Udviklingsmål"]["B2"].value == "IO1 Afskaffelse af hjemløshed i København"
    assert wb["Udviklingsmål"]["G2"].value == "Målsætninger:\n• ukendt"  # an unknown id as is
    assert _rows(wb["Strategi"])[0][1] == "Indsatsområde"
    assert any(r[2] == "Forudsætning" for r in _rows(wb["Strategi"]))


def test_an_empty_plan_exports_a_readable_workbook(tmp_path: Path) -> None:
    example = _example()
    plan = Plan(
        example.leader, 1, "Ny arbejdsplads", example.manager, "socialstrategi-2018", 2026, 4
    )
    wb = _write(plan, tmp_path)
    assert wb["Udviklingsmål"].max_row == 1 or _column(wb["Udviklingsmål"], "Udviklingsmål") == [
        None
    ]
    assert [r[1] for r in _rows(wb["Aktuel situation"])[1:]] == ["(ikke udfyldt)"] * 6
    assert [c.value for c in wb["Overblik"][2]][1:5] == ["Intet mål"] * 4


# --- human layout: styles, widths, print setup, properties ---------------------------------


@pytest.mark.parametrize(
    ("sheet", "freeze"),
    [
        ("Overblik", "B2"),
        ("Udviklingsmål", "E2"),
        ("Statushistorik", "C2"),
        ("Dialoger", "C2"),
        ("Aktuel situation", "A2"),
        ("Vejledning", "A2"),
    ],
)
def test_list_sheets_have_a_frozen_styled_header_and_print_one_page_wide(
    tmp_path: Path, sheet: str, freeze: str
) -> None:
    ws = _write(_example(), tmp_path)[sheet]

    assert ws.freeze_panes == freeze
    for cell in ws[1]:
        assert cell.font.b is True
        assert cell.fill.fgColor.rgb.endswith("D9E1F2")
        assert cell.alignment.wrap_text is True
    assert ws.print_title_rows == "$1:$1"
    setup = ws.page_setup
    assert (setup.orientation, setup.paperSize) == ("landscape", 9)  # 9: A4
    assert (setup.fitToWidth, setup.fitToHeight) == (1, 0)
    assert ws.sheet_properties.pageSetUpPr.fitToPage is True
    assert WORKPLACE in ws.oddHeader.center.text
    assert ws.oddFooter.right.text == "Side &P af &N"
    assert ws.oddFooter.left.text == "Eksporteret 25. november 2026"
    assert all(ws.column_dimensions[c.column_letter].width for c in ws[1])


def test_filters_widths_wrapping_and_row_heights_on_the_goals(tmp_path: Path) -> None:
    wb = _write(_example(), tmp_path)
    goals = wb["Udviklingsmål"]
    assert goals.auto_filter.ref == "A1:M8"
    assert wb["Dialoger"].auto_filter.ref == "A1:H6"
    assert wb["Strategi"].auto_filter.ref.startswith("A1:E")
    widths = {c.column_letter: goals.column_dimensions[c.column_letter].width for c in goals[1]}
    assert widths["A"] < widths["D"] < widths["F"]
    # Printed one page wide, the visible columns come out at about seven tenths of full size
    # for the example's long texts; no goal row is cut at Excel's highest row (409 points):
    # a column with much text is widened until every cell fits.
    visible = [w for letter, w in widths.items() if letter != "N"]
    assert print_scale(visible) >= 0.70
    for row in range(2, goals.max_row + 1):
        assert goals[f"E{row}"].alignment.wrap_text is True
        assert goals[f"E{row}"].alignment.vertical == "top"
        height = goals.row_dimensions[row].height
        assert height is not None and 30 <= height < 409
        for cell in goals[row][:13]:
            if isinstance(cell.value, str):
                width = goals.column_dimensions[cell.column_letter].width
                assert excel_layout.wrapped_lines(cell.value, width) <= excel_layout.MAX_LINES


def test_a_plan_with_short_texts_prints_its_goals_at_four_fifths(tmp_path: Path) -> None:
    plan = _example()
    plan.goals = [
        Goal(
            2026,
            "sund-organisation",
            f"Bedre trivsel i team {n}",
            rationale="Trivslen faldt i den seneste måling, og flere er sygemeldt.",
            owner="Mette Holm",
            actions=[Action("Trivselssamtaler i alle teams", "Teamlederne")],
        )
        for n in range(1, 6)
    ]
    goals = _write(plan, tmp_path)["Udviklingsmål"]
    visible = [goals.column_dimensions[c.column_letter].width for c in goals[1]][:13]
    assert print_scale(visible) >= 0.78


def test_the_strategy_stays_in_the_workbook_but_prints_only_on_request(tmp_path: Path) -> None:
    wb = _write(_example(), tmp_path)
    strategy = wb["Strategi"]
    assert strategy.sheet_state == "visible"
    assert strategy.max_row > 20  # the whole framework is there to read
    # Its print area is one empty cell below the table: nothing to print, so a print of the
    # whole workbook skips it (the LibreOffice test prints it); no title rows to print either.
    (area,) = strategy.print_area.split(",")
    cell = area.split("!")[1].replace("$", "")
    assert re.fullmatch(r"A\d+", cell) and int(cell[1:]) > strategy.max_row
    assert strategy.print_title_rows is None
    # Every other sheet prints whole.
    for name in SHEETS[:-1]:
        assert not wb[name].print_area, name


def _history_plan() -> Plan:
    plan = _example()
    plan.goals[0].owner = "Kontaktpædagogerne"
    plan.goals[1].actions[0].responsible = "Kontaktpædagogerne"
    return plan


def test_status_notes_and_carry_over_links_are_on_the_goals_sheet(tmp_path: Path) -> None:
    plan = _example()
    ws = _write(plan, tmp_path)["Udviklingsmål"]
    notes = dict(zip(_column(ws, "Udviklingsmål"), _column(ws, "Statusnote"), strict=True))

    # The note given with the current status; a newer note for an older status is not shown.
    assert notes["Lavere sygefravær gennem tidlig dialog og bedre trivsel"] == (
        "Drøftet ved startdialogen. Fraværssamtalerne er sat i gang."
    )
    # The goal carried over says where it went, and its successor where it came from.
    assert notes["Fast medarbejder og fast tid hos borgeren"].split("\n") == [
        "Videreføres i 2027 med udbredelse til alle teams. Drøftes ved slutdialogen den "
        "30. november.",
        "Videreført til 2027: Fast medarbejder og fast tid i alle teams",
    ]
    assert notes["Fast medarbejder og fast tid i alle teams"].split("\n") == [
        "Videreført fra 2026. Udkast, der drøftes ved slutdialogen.",
        "Videreført fra 2026: Fast medarbejder og fast tid hos borgeren",
    ]


def test_a_goal_without_a_note_for_its_status_shows_none(tmp_path: Path) -> None:
    plan = _example()
    goal = plan.goals[0]
    goal.status = Status.NAAET  # set without a note: the older "I gang" note is not it
    goal.status_history.append(
        StatusChange(Status.PLANLAGT, dt.datetime(2026, 1, 1), "Gammel note")
    )
    ws = _write(plan, tmp_path)["Udviklingsmål"]
    assert ws["K2"].value is None
    assert ws["J2"].value == "Nået"


def test_the_status_history_has_one_row_per_change(tmp_path: Path) -> None:
    plan = _example()
    ws = _write(plan, tmp_path)["Statushistorik"]
    rows = _rows(ws)
    assert rows[0] == ["År", "Udviklingsmål", "Dato", "Status", "Note"]
    assert len(rows) - 1 == sum(len(g.status_history) for g in plan.goals)
    assert rows[1] == [
        2026,
        "Lavere sygefravær gennem tidlig dialog og bedre trivsel",
        dt.datetime(2026, 1, 15),
        "Planlagt",
        "Målet er formuleret på baggrund af sygefraværet i 2025.",
    ]
    assert rows[2][2:4] == [dt.datetime(2026, 2, 11), "I gang"]
    assert ws["C2"].number_format == "dd-mm-yyyy"


def test_a_plan_without_status_changes_says_so(tmp_path: Path) -> None:
    plan = _example()
    for goal in plan.goals:
        goal.status_history = []
    rows = _rows(_write(plan, tmp_path)["Statushistorik"])
    assert rows[1][0] == "Ingen statusændringer registreret endnu."


def test_columns_with_names_are_wide_enough_to_keep_names_whole(tmp_path: Path) -> None:
    plan = _history_plan()
    ws = _write(plan, tmp_path)["Udviklingsmål"]
    owner = ws.column_dimensions["L"].width
    actions = ws.column_dimensions["F"].width
    assert ws["L1"].value == "Ansvarlig" and ws["L2"].value == "Kontaktpædagogerne"
    assert owner >= excel_layout.word_width("Kontaktpædagogerne") > 12  # was 11: split
    assert actions >= excel_layout.word_width("(Kontaktpædagogerne,")
    assert excel_layout.wrapped_lines("Kontaktpædagogerne", owner) == 1
    # Wrapped between words, top-aligned; a plain short owner keeps the narrow column.
    assert ws["L2"].alignment.wrap_text is True and ws["L2"].alignment.vertical == "top"
    assert _write(_example(), tmp_path, "b.xlsx")["Udviklingsmål"].column_dimensions[
        "L"
    ].width == pytest.approx(12)


def test_row_heights_grow_with_the_wrapped_text(tmp_path: Path) -> None:
    plan = _example()
    plan.goals = [
        Goal(2026, "vaerdigt-liv", "Kort", rationale="Kort."),
        Goal(2026, "vaerdigt-liv", "Længere", rationale="Et ord mere i en begrundelse. " * 5),
        Goal(2026, "vaerdigt-liv", "Lang", rationale="Et ord mere i en lang begrundelse. " * 8),
    ]
    wb = _write(plan, tmp_path)
    goals = wb["Udviklingsmål"]
    heights = [goals.row_dimensions[row].height or 15 for row in (2, 3, 4)]
    assert heights[0] < heights[1] < heights[2]
    lines = excel_layout.wrapped_lines(plan.goals[2].rationale, goals.column_dimensions["E"].width)
    assert lines > 10 and heights[2] >= lines * excel_layout.LINE_POINTS

    # On Aktuel situation a label that wraps gets the room it needs, also beside one line.
    situation = wb["Aktuel situation"]
    for row in range(2, situation.max_row + 1):
        label = situation.cell(row, 1).value
        if label and label != "Fakta":
            span = next(
                (r for r in situation.merged_cells.ranges if r.min_row == row and r.min_col == 1),
                None,
            )
            last = span.max_row if span else row
            height = sum(situation.row_dimensions[r].height or 15 for r in range(row, last + 1))
            need = excel_layout.wrapped_lines(label, 28, bold=True) * excel_layout.LINE_POINTS
            assert height >= need, label


def test_strategy_rows_are_tall_enough_for_their_text(tmp_path: Path) -> None:
    ws = _write(_example(), tmp_path)["Strategi"]
    widths = [ws.column_dimensions[c].width for c in "ABCDE"]
    for row in range(2, ws.max_row - 1):
        height = ws.row_dimensions[row].height or 15
        for cell, width in zip(ws[row], widths, strict=True):
            if isinstance(cell.value, str):
                lines = excel_layout.wrapped_lines(cell.value, width, bold=cell.font.b)
                assert height >= min(409, lines * excel_layout.LINE_POINTS), cell.coordinate


def test_the_front_sheet_prints_on_a_4_landscape_without_frozen_panes(tmp_path: Path) -> None:
    ws = _write(_example(), tmp_path)["Forside"]
    assert ws.page_setup.orientation == "landscape"
    assert ws.page_setup.fitToWidth == 1
    assert ws.freeze_panes is None
    assert ws["A1"].font.sz == 18


def test_workbook_properties_and_format_version(tmp_path: Path) -> None:
    wb = _write(_example(), tmp_path)
    props = wb.properties
    assert props.title == f"Udviklingsplan – {WORKPLACE} 2026–2029"
    assert props.creator == "Mette Holm"
    assert props.subject == "Udviklingsplan for arbejdspladsen"
    assert props.language == "da-DK"
    assert isinstance(props.created, dt.datetime)
    custom = {p.name: p.value for p in wb.custom_doc_props}
    export_id = custom.pop("Udviklingsplan-eksport-id")
    assert len(export_id) == 36  # a new id for each export (the manager's answer names it)
    assert custom == {
        "Udviklingsplan-format": "udviklingsplan-excel",
        "Udviklingsplan-formatversion": 1,
        "Udviklingsplan-strategiramme": "socialstrategi-2018 2018.1",
        "Udviklingsplan-plan-id": _example().uid,
    }


def test_an_ampersand_in_the_workplace_stays_an_ampersand_in_the_page_header(
    tmp_path: Path,
) -> None:
    plan = _example()
    plan.workplace = "Bo & Støtte Nord"
    ws = _write(plan, tmp_path)["Udviklingsmål"]
    assert ws.oddHeader.center.text == "&BBo && Støtte Nord&B"


# --- safe: literal text, removed characters, the cell limit --------------------------------

LITERALS = [
    '=HYPERLINK("http://example.com";"Klik her")',
    "+45 33 66 33 66",
    "-5 % sygefravær",
    "@SUM(A1:A3)",
]


def test_texts_that_look_like_formulas_stay_literal_text(tmp_path: Path) -> None:
    plan = _example()
    goal = plan.goals[0]
    goal.title, goal.owner, goal.rationale = LITERALS[0], LITERALS[1], LITERALS[2]
    plan.goals[1].title = LITERALS[3]
    plan.workplace = "=1+1"
    target = tmp_path / "plan.xlsx"
    write_workbook(plan, get_framework(plan.framework_id), target, today=TODAY)

    wb = openpyxl.load_workbook(target)
    ws = wb["Udviklingsmål"]
    for ref, text in zip(("D2", "L2", "E2", "D3"), LITERALS, strict=True):
        cell = ws[ref]
        assert cell.value == text
        assert cell.data_type == "s"
        assert cell.quotePrefix is True  # Excel keeps it text when the cell is edited
    assert _front_values(wb["Forside"])["Arbejdsplads"] == "=1+1"
    with zipfile.ZipFile(target) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/sheet"):
                assert "<f>" not in archive.read(name).decode("utf-8"), name


def test_characters_xml_cannot_hold_are_removed(tmp_path: Path) -> None:
    plan = _example()
    plan.goals[0].title = "Tryg\x00 hver\x07dag\x1b i \ufffeteamet\x0b"
    plan.goals[0].rationale = "Linje 1\r\nLinje 2\tmed tab"
    plan.dialogues[0].notes = "Aftalt\x08."
    wb = _write(plan, tmp_path)
    assert wb["Udviklingsmål"]["D2"].value == "Tryg hverdag i teamet"
    assert wb["Udviklingsmål"]["E2"].value == "Linje 1\nLinje 2\tmed tab"
    assert wb["Dialoger"]["G2"].value == "Aftalt."


def test_an_escape_lookalike_is_stored_escaped(tmp_path: Path) -> None:
    # Excel reads "_x0041_" in a cell as "A"; stored as "_x005F_x0041_" it shows as typed
    # (openpyxl leaves inline strings as stored; the LibreOffice test checks what shows).
    plan = _example()
    plan.goals[0].title = "Kode _x0041_ og _x00e6_ og _x12_"
    ws = _write(plan, tmp_path)["Udviklingsmål"]
    assert ws["D2"].value == "Kode _x005F_x0041_ og _x005F_x00e6_ og _x12_"


def test_a_text_beyond_the_cell_limit_is_cut_with_a_visible_marker(tmp_path: Path) -> None:
    plan = _example()
    plan.goals[0].rationale = "Begrundelse. " * 4000  # 52,000 characters
    plan.goals[1].rationale = "🙂" * 20000  # 40,000 UTF-16 units in 20,000 characters
    plan.goals[2].rationale = "x" * 32767  # exactly at the limit: kept whole
    ws = _write(plan, tmp_path)["Udviklingsmål"]

    cut = ws["E2"].value
    assert cut.endswith("(forkortet – se hele teksten i programmet)")
    assert cut.endswith(CUT_MARKER)
    assert len(cut) <= 32767
    assert cut.startswith("Begrundelse. Begrundelse.")
    emoji = ws["E3"].value
    assert emoji.endswith(CUT_MARKER)
    assert len(emoji.encode("utf-16-le")) // 2 <= 32767
    assert ws["E4"].value == "x" * 32767


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Udviklingsmål", "Udviklingsmål"),
        ("Mål [2026]: plan/ny?*\\", "Mål  2026   plan ny"),
        ("'Citeret'", "Citeret"),
        ("x" * 40, "x" * 31),
        ("", "Ark"),
    ],
)
def test_sheet_names_follow_excels_rules(text: str, expected: str) -> None:
    name = sheet_name(text)
    assert name == expected
    assert len(name) <= 31 and not re.search(r"[\[\]:*?/\\]", name)


# --- robust writing ------------------------------------------------------------------------


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_a_target_open_in_excel_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "plan.xlsx"
    target.write_bytes(b"den gamle eksport")

    def locked(src: object, dst: object) -> None:  # what Windows does while Excel has it open
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", locked)
    plan = _example()
    with pytest.raises(InputError) as caught:
        write_workbook(plan, get_framework(plan.framework_id), target, today=TODAY)
    assert "åben i et andet program, fx Excel" in str(caught.value)
    assert "gamle fil er uændret" in str(caught.value)
    assert target.read_bytes() == b"den gamle eksport"
    assert _leftovers(tmp_path) == []


def test_a_write_that_fails_midway_leaves_the_old_file_and_no_half_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "plan.xlsx"
    plan = _example()
    write_workbook(plan, get_framework(plan.framework_id), target, today=TODAY)
    before = target.read_bytes()

    def disk_full(self: Any, filename: Any) -> None:
        Path(filename).write_bytes(b"PK\x03\x04 halv")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(openpyxl.Workbook, "save", disk_full)
    plan.goals[0].title = "Ændret"
    with pytest.raises(InputError, match=r"kan ikke skrives \(disken er fuld\)"):
        write_workbook(plan, get_framework(plan.framework_id), target, today=TODAY)
    assert target.read_bytes() == before
    assert _leftovers(tmp_path) == []


def test_a_missing_folder_is_named_in_danish(tmp_path: Path) -> None:
    plan = _example()
    with pytest.raises(InputError, match=r"Mappen .* findes ikke"):
        write_workbook(plan, get_framework(plan.framework_id), tmp_path / "nej" / "p.xlsx")


def test_the_default_file_name_is_safe_for_windows() -> None:
    plan = _example()
    assert default_file_name(plan) == f"Udviklingsplan {WORKPLACE} 2026–2029.xlsx"
    plan.workplace = 'Bo/Støtte: "Nord"?'
    assert default_file_name(plan) == "Udviklingsplan Bo Støtte Nord 2026–2029.xlsx"


def test_importing_the_exporter_does_not_load_openpyxl() -> None:
    code = "import sys, udviklingsplan_app.exchange.excel\nprint('openpyxl' in sys.modules)"
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "False"
    assert "openpyxl" not in excel.__dict__


# --- the command line ----------------------------------------------------------------------


def _db_with_example(path: Path) -> Path:
    from udviklingsplan_app.storage import close_db, init_db

    init_db(path)
    try:
        services.import_plan(read_plan_file(EXAMPLE))
    finally:
        close_db()
    return path


def test_cli_export_writes_the_workbook(cli: Cli, tmp_path: Path) -> None:
    db = _db_with_example(tmp_path / "plan.db")
    folder = tmp_path / "ud"
    folder.mkdir()
    target = folder / "Plan.XLSX"
    target.write_bytes(b"gammel")

    result = cli("export", "--out", str(target), db=db)

    assert result.code == 0, result.err
    assert (result.out, result.err) == ("", "")
    wb = openpyxl.load_workbook(target)
    assert wb.sheetnames == [*SHEETS, DATA_SHEET]
    assert wb[DATA_SHEET].sheet_state == "veryHidden"  # the marks the manager's answer needs
    assert _column(wb["Udviklingsmål"], "Udviklingsmål")[0] == (
        "Lavere sygefravær gennem tidlig dialog og bedre trivsel"
    )
    assert sorted(p.name for p in folder.iterdir()) == ["Plan.XLSX"]


def test_cli_export_onto_a_folder_exits_2_in_danish(cli: Cli, tmp_path: Path) -> None:
    db = _db_with_example(tmp_path / "plan.db")
    target = tmp_path / "mappe.xlsx"
    target.mkdir()

    result = cli("export", "--out", str(target), db=db)

    assert result.code == 2
    assert "er en mappe" in result.err
    assert "Traceback" not in result.err
    assert target.is_dir()


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX only")
def test_cli_export_into_a_read_only_folder_keeps_the_old_file(cli: Cli, tmp_path: Path) -> None:
    db = _db_with_example(tmp_path / "plan.db")
    folder = tmp_path / "laast"
    folder.mkdir()
    target = folder / "plan.xlsx"
    target.write_bytes(b"den gamle eksport")
    folder.chmod(0o500)
    try:
        if os.access(folder, os.W_OK):
            pytest.skip("running as root: a read-only folder is still writable")
        result = cli("export", "--out", str(target), db=db)
        assert result.code == 2
        assert "kan ikke" in result.err and "Traceback" not in result.err
        assert target.read_bytes() == b"den gamle eksport"
    finally:
        folder.chmod(0o700)


def test_the_years_focus_is_marked_on_the_overview_with_a_legend(tmp_path: Path) -> None:
    plan = _example()
    plan.focus = {2026: ["sund-organisation", "vaerdigt-liv"], 2028: ["selvstaendigt-liv"]}
    ws = _write(plan, tmp_path)["Overblik"]
    # A focus with goals says so above the goals; one without goals is blue and says so.
    assert ws["E2"].value.split("\n")[0] == "Fokus · 2 mål"
    assert ws["B2"].value == "Fokus – intet mål endnu"
    assert ws["B2"].fill.fgColor.rgb.endswith("DDEBF7")
    assert ws["C4"].value == "Fokus – intet mål endnu"
    # Visions that are not the year's focus look as before.
    assert ws["D2"].value.split("\n")[0] == "1 mål"
    assert ws["C2"].value.split("\n")[0] == "1 mål"
    assert ws["B4"].value == "Intet mål"
    legend = ws["A7"].value
    assert legend.startswith("»Fokus« markerer det, året fokuserer på")
    assert "A7:F7" in {str(r) for r in ws.merged_cells.ranges}


def test_without_a_focus_the_overview_has_no_focus_marks(tmp_path: Path) -> None:
    ws = _write(_example(), tmp_path)["Overblik"]
    values = [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None]
    assert not any("Fokus" in v for v in values)
