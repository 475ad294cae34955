"""The PDF of the plan, read back as a reader's PDF viewer would: pages, A4, text, fonts.

The file is read with poppler's ``pdfinfo``, ``pdftotext`` and ``pdffonts``; without them (the
Debian package ``poppler-utils``, which ``.ci/run`` installs) these tests are skipped.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from tests.conftest import EXAMPLE, ROOT, CliResult
from udviklingsplan_app.domain import Goal, Plan, SituationSection, Status, StatusChange
from udviklingsplan_app.errors import InputError
from udviklingsplan_app.exchange.json_format import read_plan_file
from udviklingsplan_app.framework_sources import get_framework
from udviklingsplan_pdf import default_file_name, write_pdf

TODAY = dt.date(2026, 11, 25)
WORKPLACE = "Den Sociale Hjemmepleje, Borgercenter Hjemmepleje"
POPPLER = ("pdfinfo", "pdftotext", "pdffonts")

pytestmark = pytest.mark.skipif(
    any(shutil.which(tool) is None for tool in POPPLER),
    reason="poppler-utils (pdfinfo, pdftotext, pdffonts) is not installed",
)

Cli = Callable[..., CliResult]


@pytest.fixture(autouse=True)
def _one_application_for_all_tests(qapp) -> None:
    """pytest-qt's QApplication, which the writer reuses: left to itself, the writer would make
    a QGuiApplication, and the window tests that follow in this process need a QApplication."""


def _example() -> Plan:
    return read_plan_file(EXAMPLE)


def _write(plan: Plan, tmp_path: Path, name: str = "plan.pdf") -> Path:
    target = tmp_path / name
    write_pdf(plan, get_framework(plan.framework_id), target, today=TODAY)
    return target


def _info(path: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    return dict(line.split(":", 1) for line in out.stdout.splitlines() if ":" in line)


def _pages(path: Path) -> int:
    return int(_info(path)["Pages"])


def _text(path: Path, page: int | None = None) -> str:
    """The text as copied out of the PDF, runs of white space (line breaks) made one space."""
    pages = ["-f", str(page), "-l", str(page)] if page else []
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", *pages, str(path), "-"],
        capture_output=True,
        check=True,
    )
    return " ".join(out.stdout.decode("utf-8").split())


def _fonts(path: Path) -> list[list[str]]:
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    return [line.split() for line in out.stdout.splitlines()[2:] if line.strip()]


def test_the_example_is_an_a4_document_with_everything_a_leader_files(tmp_path: Path) -> None:
    plan = _example()
    pdf = _write(plan, tmp_path)

    info = _info(pdf)
    pages = int(info["Pages"])
    assert pages >= 6  # front page, overview, two goal years, dialogues, situation
    assert info["Page size"].split()[:3] == ["595", "x", "842"]  # A4 in points
    assert WORKPLACE in info["Title"]
    text = _text(pdf)
    for goal in plan.goals:  # "Tryg og sikker medicinhåndtering …", "Fagligt stærke …"
        assert goal.title in text
    front = _text(pdf, 1)
    for words in (
        "Udviklingsplan for arbejdspladsen",
        WORKPLACE,
        plan.leader.name,
        plan.manager.name,
        "Socialstrategien 2018",
        "2026–2029 (4 år)",
        "25. november 2026",
        f"Side 1 af {pages}",
    ):
        assert words in front, words
    assert f"Side {pages} af {pages}" in _text(pdf, pages)
    second = _text(pdf, 2)
    assert second.startswith(WORKPLACE)  # the running header names the workplace
    assert "Overblik: år og visioner" in second
    assert "V1 Et værdigt liv" in second
    assert "I alt 1 mål – dækket 1 mål – dækket 2 mål – dækket 3 mål – dækket" in second
    for heading in ("Dialoger med egen leder", "Arbejdspladsens aktuelle situation", "Begrundelse"):
        assert heading in text
    # The PDF is filed and read by the manager too: it speaks of the leader's own leader as the
    # front page does ("Egen leder"), never to a reader as "din leder".
    assert "din leder" not in text.lower()
    for section in SituationSection:
        assert section.label in text
    latest = plan.goals[0].indicators[0].latest
    assert latest is not None
    assert f"seneste måling {str(latest.value).replace('.', ',').removesuffix(',0')}" in text


def test_the_font_ships_with_the_program_and_is_embedded(tmp_path: Path) -> None:
    pdf = _write(_example(), tmp_path)

    fonts = _fonts(pdf)
    assert fonts
    assert {row[0].split("+")[-1] for row in fonts} <= {
        "LiberationSans",
        "LiberationSans-Bold",
        "LiberationSans-Italic",
    }
    for row in fonts:
        assert row[-5] == "yes", row  # the "emb" column
    assert "æøå ÆØÅ" not in _text(pdf)  # (the next test writes them)


def test_danish_letters_survive_copying(tmp_path: Path) -> None:
    plan = _example()
    plan.goals[0].title = "Ældre borgeres søvn og tryghed på Østerbro – æøå ÆØÅ »citat«"
    pdf = _write(plan, tmp_path)
    assert plan.goals[0].title in _text(pdf)


def test_the_leaders_texts_print_literally_never_as_markup(tmp_path: Path) -> None:
    plan = _example()
    plan.goals[0].title = "<b>Fed</b> & <i>kursiv</i> <table>"
    plan.goals[1].title = '=HYPERLINK("http://eksempel.dk";"Klik")'
    plan.goals[2].rationale = "Linje 1\r\nLinje 2\x00\x07 &amp; &lt;"
    pdf = _write(plan, tmp_path)

    text = _text(pdf)
    assert "<b>Fed</b> & <i>kursiv</i> <table>" in text
    assert '=HYPERLINK("http://eksempel.dk";"Klik")' in text
    assert "Linje 1 Linje 2 &amp; &lt;" in text


def test_a_40000_character_text_runs_over_several_pages_and_is_whole(tmp_path: Path) -> None:
    plan = _example()
    short = _pages(_write(plan, tmp_path, "kort.pdf"))
    words = " ".join(f"ord{n}" for n in range(6000))
    long_text = ("BEGYNDELSEN " + words)[: 40_000 - len(" SLUTNINGEN")] + " SLUTNINGEN"
    assert len(long_text) == 40_000
    plan.goals[0].rationale = long_text
    pdf = _write(plan, tmp_path)

    pages = _pages(pdf)
    assert pages >= short + 5
    start = next(p for p in range(1, pages + 1) if "BEGYNDELSEN" in _text(pdf, p))
    end = next(p for p in range(1, pages + 1) if "SLUTNINGEN" in _text(pdf, p))
    assert end - start >= 5
    text = _text(pdf)
    last_word = long_text.split()[-2]
    assert f"{last_word} SLUTNINGEN" in text  # nothing cut at the end
    for n in range(0, 5000, 997):  # and nothing lost at the page breaks in between
        if f"ord{n} " in long_text:
            assert re.search(rf"\bord{n}\b", text), n


def test_status_notes_and_the_managers_comments_are_printed(tmp_path: Path) -> None:
    plan = _example()
    goal: Goal = plan.goals[0]
    goal.status_history = [
        StatusChange(Status.I_GANG, dt.datetime(2026, 3, 2, 9, 30), "Piloten er startet.")
    ]
    # Issue 14 gives goals a list of the manager's comments; the PDF prints them when present.
    goal.manager_comments = ["Godt begyndt – husk MED-udvalget."]  # type: ignore[attr-defined]
    pdf = _write(plan, tmp_path)

    text = _text(pdf)
    assert "2. marts 2026: I gang – Piloten er startet." in text
    assert "Kommentarer fra egen leder • Godt begyndt – husk MED-udvalget." in text


def test_every_date_is_written_as_danish_prose(tmp_path: Path) -> None:
    """Deadlines, measurements, involvement and dialogues alike: "30. april 2026", not
    "30-04-2026" (the actions and measurements used the compact form, the dialogues not)."""
    text = _text(_write(_example(), tmp_path))
    assert "frist 30. april 2026" in text
    assert "seneste måling 7,2 (30. september 2026)" in text
    assert "MED-udvalg, 27. januar 2026:" in text
    assert re.findall(r"\b\d{1,2}-\d{1,2}-\d{4}\b", text) == []


def test_a_target_open_in_another_program_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "plan.pdf"
    target.write_bytes(b"den gamle pdf")

    def locked(src: object, dst: object) -> None:  # what Windows does while a viewer has it open
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", locked)
    plan = _example()
    with pytest.raises(InputError) as caught:
        write_pdf(plan, get_framework(plan.framework_id), target, today=TODAY)
    assert "åben i et andet program" in str(caught.value)
    assert "gamle fil er uændret" in str(caught.value)
    assert target.read_bytes() == b"den gamle pdf"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.pdf"]


def test_the_suggested_file_name_is_safe_on_windows() -> None:
    plan = _example()
    plan.workplace = 'Nord: "afd. 2"'
    assert default_file_name(plan) == "Udviklingsplan Nord afd. 2 2026–2029.pdf"


def test_command_line_writes_the_pdf(cli: Cli, tmp_path: Path) -> None:
    db = tmp_path / "plan.db"
    assert cli("import", str(EXAMPLE), db=db).code == 0

    result = cli("export", "--out", "plan.PDF", db=db)

    assert result.code == 0, result.err
    pdf = tmp_path / "plan.PDF"
    assert f"Side 1 af {_pages(pdf)}" in _text(pdf, 1)
    assert WORKPLACE in _text(pdf, 1)


def test_the_pdf_writer_uses_qtgui_only_and_runs_offscreen(tmp_path: Path) -> None:
    code = f"""
import datetime as dt, sys
from udviklingsplan_app.exchange.json_format import read_plan_file
from udviklingsplan_app.framework_sources import get_framework
from udviklingsplan_pdf import write_pdf
plan = read_plan_file({str(EXAMPLE)!r})
write_pdf(plan, get_framework(plan.framework_id), {str(tmp_path / "p.pdf")!r})
print(sorted(m for m in sys.modules if m.startswith(("PySide6.Qt", "ui"))))
"""
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}  # it picks offscreen
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "['PySide6.QtCore', 'PySide6.QtGui']"
    assert (tmp_path / "p.pdf").read_bytes().startswith(b"%PDF-")
