"""The exported workbook opened by a real spreadsheet program: LibreOffice, where installed.

``soffice --convert-to`` exits 0 even when it could not open the file, so each test checks the
converted file itself. Each run gets its own LibreOffice profile, so parallel runs do not clash.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE
from udviklingsplan_app.exchange.excel import write_workbook
from udviklingsplan_app.exchange.json_format import read_plan_file
from udviklingsplan_app.framework import get_framework

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDFTOTEXT = shutil.which("pdftotext")  # poppler-utils, to read what was printed
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")

GOALS_SHEET = 3  # Forside, Overblik, Udviklingsmål: the sheet number LibreOffice's CSV filter takes
# Comma separated, double quotes, UTF-8 (76), from line 1; the last field picks the sheet.
CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,{sheet}"
LITERAL = '=HYPERLINK("http://example.com";"Klik her")'
LOOKALIKE = "Kode _x0041_ bliver ikke til et A"
NAME = "Kontaktpædagogerne"  # printed as "Kontaktpæda-gogerne" before the columns were widened


def _convert(source: Path, to: str, out: Path, profile: Path) -> list[Path]:
    out.mkdir(exist_ok=True)
    proc = subprocess.run(
        [
            str(SOFFICE),
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            to,
            "--outdir",
            str(out),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    made = sorted(p for p in out.iterdir() if p.is_file())
    assert made, f"LibreOffice wrote nothing: {proc.stdout} {proc.stderr}"
    return made


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    plan = read_plan_file(EXAMPLE)
    plan.goals[-1].title = LITERAL
    plan.goals[-2].title = LOOKALIKE
    plan.goals[0].owner = NAME
    target = tmp_path / "Udviklingsplan æøå.xlsx"
    write_workbook(plan, get_framework(plan.framework_id), target, today=dt.date(2026, 11, 25))
    return target


def test_libreoffice_prints_the_workbook_to_pdf(workbook: Path, tmp_path: Path) -> None:
    (pdf,) = _convert(workbook, "pdf", tmp_path / "pdf", tmp_path / "profile")
    assert pdf.suffix == ".pdf"
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    # Every sheet prints: at least the front page, overview, goals, dialogues, situation, strategy.
    pages = re.findall(rb"/Type\s*/Page\b(?!s)", data)
    assert len(pages) >= 7


def _printed_pages(pdf: Path) -> list[tuple[str, str, float]]:
    """Each printed page: the sheet named in its page header, its text, its median word height."""
    pages = []
    layout = subprocess.run(
        [str(PDFTOTEXT), "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout.split("\f")
    boxes = subprocess.run(
        [str(PDFTOTEXT), "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout.split("<page ")[1:]
    for text, box in zip(layout, boxes, strict=False):
        header = next(line for line in text.splitlines() if line.strip())
        heights = sorted(
            float(bottom) - float(top)
            for top, bottom in re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"', box)
        )
        pages.append((header.split("  ")[-1].strip(), text, heights[len(heights) // 2]))
    return pages


@pytest.mark.skipif(PDFTOTEXT is None, reason="pdftotext (poppler-utils) is not installed")
def test_the_printed_workbook_reads_as_a_meeting_paper(workbook: Path, tmp_path: Path) -> None:
    (pdf,) = _convert(workbook, "pdf", tmp_path / "pdf", tmp_path / "profile")
    pages = _printed_pages(pdf)
    sheets = [sheet for sheet, _, _ in pages]
    plan = read_plan_file(EXAMPLE)

    # The front is one page; the strategy is left out of the print; every other sheet prints.
    assert sheets.count("Forside") == 1
    assert "Strategi" not in sheets
    assert {"Overblik", "Udviklingsmål", "Statushistorik", "Vejledning"} <= set(sheets)
    front = pages[0][1]
    assert "Filformat" not in front and "Åbne punkter" in front
    # The goals: fewer pages than goals, in type at least seven tenths of the front's.
    goal_pages = [(text, height) for sheet, text, height in pages if sheet == "Udviklingsmål"]
    assert 1 <= len(goal_pages) < len(plan.goals)
    front_height = pages[0][2]
    assert all(height >= 0.68 * front_height for _, height in goal_pages)
    goals_text = "\n".join(text for text, _ in goal_pages)
    # A name in a column of names is printed whole, never split over two lines.
    assert NAME in goals_text
    assert "Statusnote" in goals_text and "Videreført til 2027" in goals_text


def test_libreoffice_reads_the_goal_titles_as_typed(workbook: Path, tmp_path: Path) -> None:
    plan = read_plan_file(EXAMPLE)
    made = _convert(
        workbook, CSV_FILTER.format(sheet=GOALS_SHEET), tmp_path / "csv", tmp_path / "profile"
    )
    (sheet,) = made
    with sheet.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))

    header = rows[0]
    assert header[:4] == ["År", "Vision", "Tema", "Udviklingsmål"]
    titles = [row[header.index("Udviklingsmål")] for row in rows[1:]]
    expected = [goal.title for goal in plan.goals[:-2]] + [LOOKALIKE, LITERAL]
    assert titles == expected  # the formula-like title is text, not a computed value
    statuses = [row[header.index("Status")] for row in rows[1:]]
    assert statuses == [goal.status.label for goal in plan.goals]
    ids = [row[header.index("Id (må ikke ændres)")] for row in rows[1:]]
    assert ids == [goal.uid for goal in plan.goals]
