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
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")

GOALS_SHEET = 3  # Forside, Overblik, Udviklingsmål: the sheet number LibreOffice's CSV filter takes
# Comma separated, double quotes, UTF-8 (76), from line 1; the last field picks the sheet.
CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,{sheet}"
LITERAL = '=HYPERLINK("http://example.com";"Klik her")'
LOOKALIKE = "Kode _x0041_ bliver ikke til et A"


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
    assert len(pages) >= 6


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
