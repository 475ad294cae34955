"""The command line of the dialogue loop: ``comments FILE.xlsx`` and ``export --out FILE.eml``."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import hashlib
import io
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from tests.conftest import CliResult
from tests.test_cli import _db_with_example
from tests.test_manager_answer import FORMULA, LONG, _played, another_plan
from tests.test_workbook_gate import (
    BILLION_LAUGHS,
    XXE,
    _deflated_zeros,
    _rebuilt,
    _zip_with_raw_entry,
)
from udviklingsplan_app.domain import Plan
from udviklingsplan_app.storage import close_db, init_db

Cli = Callable[..., CliResult]


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _no_traceback(result: CliResult) -> None:
    assert "Traceback" not in result.err and "Traceback" not in result.out


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Plan]:
    """A database with the example plan, its export and the manager's answer to it."""
    from udviklingsplan_app import services
    from udviklingsplan_app.services import export_plan

    folder = tmp_path_factory.mktemp("loop")
    db = _db_with_example(folder / "plan.db")
    init_db(db)
    try:
        export_plan(1, folder / "plan.xlsx", today=dt.date(2027, 3, 10))
        plan = services.load_plan(1)
    finally:
        close_db()
    _played(folder / "plan.xlsx", plan, folder / "svar.xlsx")
    return db, folder / "plan.xlsx", plan


@pytest.fixture
def db(setup: tuple[Path, Path, Plan], tmp_path: Path) -> Path:
    copy = tmp_path / "plan.db"
    copy.write_bytes(setup[0].read_bytes())
    return copy


def test_comments_prints_the_preview_and_writes_nothing(
    cli: Cli, setup: tuple[Path, Path, Plan], db: Path
) -> None:
    _, _, plan = setup
    before = _sha(db)
    result = cli("comments", str(setup[1].parent / "svar.xlsx"), db=db)
    assert result.code == 0, result.err
    _no_traceback(result)
    lines = result.out.splitlines()
    assert len(lines) == 5  # one line per item, whatever the comments hold
    assert f"Kommentar til »{plan.goals[0].title}«: {FORMULA}" in lines
    assert any(line.startswith(f"Kommentar til »{plan.goals[1].title}«: Godt") for line in lines)
    assert f"Statusforslag til »{plan.goals[2].title}«: Din leder foreslår »Nået« – nu »" in (
        result.out
    )
    assert "Ny række fra din leder »Fælles kursus i ÆØÅ«: Et nyt mål, jeg foreslår." in lines
    assert "Kommentar til planen: Fin plan. Lad os tale om år 2." in lines
    assert "4 kommentarer og 1 statusforslag" in result.err
    assert _sha(db) == before


def test_apply_stores_the_comments_not_the_status_and_twice_adds_nothing(
    cli: Cli, setup: tuple[Path, Path, Plan], db: Path
) -> None:
    from udviklingsplan_app import services

    _, _, plan = setup
    answer = str(setup[1].parent / "svar.xlsx")
    result = cli("comments", answer, "--apply", "--plan", "1", db=db)
    assert result.code == 0, result.err
    assert "Gemt i planen: 4 kommentarer fra din leder." in result.err
    assert "Statusforslagene er ikke gemt" in result.err
    init_db(db)
    try:
        stored = services.load_plan(1)
    finally:
        close_db()
    assert [c.text for c in stored.goals[0].manager_comments] == [FORMULA]
    assert [c.text for c in stored.goals[1].manager_comments] == [LONG]
    assert stored.goals[2].status is plan.goals[2].status
    assert len(stored.manager_comments) == 2
    before = _sha(db)
    again = cli("comments", answer, "--apply", db=db)
    assert again.code == 0 and again.out == ""
    assert "Intet nyt i filen – den er læst ind før." in again.err
    assert _sha(db) == before


def _bomb(path: Path, export: Path) -> None:
    size = 1 << 30
    packed, crc = _deflated_zeros(size)
    _zip_with_raw_entry(path, export, "xl/worksheets/sheet99.xml", packed, crc, size)


def _foreign_workbook(path: Path, export: Path) -> None:
    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "Budget 2027"
    workbook.save(path)


def _another_plans_export(path: Path, export: Path) -> None:
    from udviklingsplan_app.services import export_plan

    other = path.parent / "anden.db"
    init_db(other)
    try:
        plan_id = another_plan()
        export_plan(plan_id, path)
    finally:
        close_db()


def _truncated(path: Path, export: Path) -> None:
    path.write_bytes(export.read_bytes()[: export.stat().st_size // 2])


def _ole2(path: Path, export: Path) -> None:
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4000)


HOSTILE: dict[str, tuple[Callable[[Path, Path], None], str]] = {
    "zip-bomb": (_bomb, "svar.xlsx"),
    "billion-laughs": (
        lambda p, e: _rebuilt(e, p, {"xl/sharedStrings.xml": BILLION_LAUGHS}) and None,
        "DOCTYPE",
    ),
    "xxe": (lambda p, e: _rebuilt(e, p, {"xl/workbook.xml": XXE}) and None, "DOCTYPE"),
    "ole2": (_ole2, "Gem filen som Excel-projektmappe (.xlsx)"),
    "text-renamed": (
        lambda p, e: p.write_text("Mine kommentarer: godt gået – æøå\n", encoding="utf-8"),
        "svar.xlsx",
    ),
    "truncated": (_truncated, "svar.xlsx"),
    "empty": (lambda p, e: p.write_bytes(b""), "tom"),
    "another-program": (_foreign_workbook, "ikke en udviklingsplan, som programmet har lavet"),
    "another-plan": (_another_plans_export, "Bostedet Lærkehøj"),
}


@pytest.mark.parametrize("kind", list(HOSTILE))
def test_a_bad_or_foreign_file_exits_2_in_danish_and_changes_nothing(
    cli: Cli, setup: tuple[Path, Path, Plan], db: Path, tmp_path: Path, kind: str
) -> None:
    make, words = HOSTILE[kind]
    path = tmp_path / "svar.xlsx"
    make(path, setup[1])
    assert path.stat().st_size < 3 * 1024 * 1024
    before = _sha(db)
    started = time.perf_counter()
    result = cli("comments", str(path), "--apply", db=db)
    elapsed = time.perf_counter() - started
    assert result.code == 2, (result.out, result.err)
    _no_traceback(result)
    assert result.out == ""
    assert words in result.err
    assert result.err.startswith("Udviklingsplan: ") and result.err.count("\n") == 1
    assert elapsed < 20  # a child process with Python's start; the gate itself is < 0.5 s
    assert _sha(db) == before


def test_a_database_problem_exits_3(
    cli: Cli, setup: tuple[Path, Path, Plan], tmp_path: Path
) -> None:
    missing = tmp_path / "findes-ikke.db"
    result = cli("comments", str(setup[1].parent / "svar.xlsx"), db=missing)
    assert result.code == 3
    _no_traceback(result)
    assert not missing.exists()
    broken = tmp_path / "tekst.db"
    broken.write_text("ikke en database\n", encoding="utf-8")
    result = cli("comments", str(setup[1].parent / "svar.xlsx"), db=broken)
    assert result.code == 3
    _no_traceback(result)


def test_export_eml_writes_the_workbook_beside_and_the_draft_to_the_manager(
    cli: Cli, db: Path, tmp_path: Path
) -> None:
    from udviklingsplan_app import services
    from udviklingsplan_app.exchange.excel import default_file_name

    init_db(db)
    try:
        services.update_plan(1, manager_email="henrik.lund@sof.kk.dk")
        plan = services.load_plan(1)
    finally:
        close_db()
    out = tmp_path / "ud"
    out.mkdir()
    result = cli("export", "--out", str(out / "til leder.eml"), db=db)
    assert result.code == 0, result.err
    workbook = out / default_file_name(plan)
    assert sorted(p.name for p in out.iterdir()) == sorted([workbook.name, "til leder.eml"])
    message = email.message_from_bytes(
        (out / "til leder.eml").read_bytes(), policy=email.policy.default
    )
    assert message["X-Unsent"] == "1"
    assert message["To"].addresses[0].addr_spec == "henrik.lund@sof.kk.dk"
    assert message["Subject"].startswith(f"Udviklingsplan for {plan.workplace}")
    (attachment,) = list(message.iter_attachments())  # type: ignore[attr-defined]
    assert attachment.get_filename() == workbook.name
    data = attachment.get_content()
    assert data == workbook.read_bytes()
    assert "Udviklingsmål" in openpyxl.load_workbook(io.BytesIO(data)).sheetnames
    assert zipfile.is_zipfile(workbook)
