"""The real command line in a child process: output, exit codes, files written and refused."""

from __future__ import annotations

import os
import re
import sqlite3
import stat
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import EXAMPLE, ROOT, CliResult
from tests.test_json_exchange import BAD_INPUTS, EXAMPLE_BYTES, example_data, write_json

posix_only = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX only")

VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
WORKPLACE = "Den Sociale Hjemmepleje, Borgercenter Hjemmepleje"
LIST_LINE = f"{WORKPLACE}\tMette Holm\tsocialstrategi-2018\t2026–2029"
FINDING = re.compile(r"^(fejl|advarsel|tip): \S.*$")

Cli = Callable[..., CliResult]


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _no_traceback(result: CliResult) -> None:
    assert "Traceback" not in result.err and "Traceback" not in result.out


def _import_example(cli: Cli, db: Path) -> int:
    result = cli("import", str(EXAMPLE), db=db)
    assert result.code == 0, result.err
    return int(result.out.strip())


def _db_with_example(path: Path) -> Path:
    """A database holding the example as plan 1, made in-process (faster than a child)."""
    from udviklingsplan_app import services
    from udviklingsplan_app.exchange.json_format import read_plan_file
    from udviklingsplan_app.storage import close_db, init_db

    init_db(path)
    try:
        assert services.import_plan(read_plan_file(EXAMPLE)) == 1
    finally:
        close_db()
    return path


def _files(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


# --- version and help ----------------------------------------------------------------------


def test_version_prints_the_version_from_pyproject(cli: Cli) -> None:
    result = cli("--version")

    assert result.code == 0
    assert result.out == f"Udviklingsplan {VERSION}\n"
    assert result.err == ""


def test_help_is_danish(cli: Cli) -> None:
    result = cli("--help")

    assert result.code == 0
    assert result.out.startswith("Brug: udviklingsplan ")
    for word in ("kommandoer og argumenter", "tilvalg:", "vis denne hjælp", "import", "backup"):
        assert word in result.out
    assert "usage:" not in result.out.lower() and "options:" not in result.out


# --- import and list -----------------------------------------------------------------------


def test_import_prints_the_new_id_and_list_shows_the_plan(cli: Cli, tmp_path: Path) -> None:
    db = tmp_path / "plan.db"

    result = cli("import", str(EXAMPLE), db=db)

    assert result.code == 0, result.err
    assert re.fullmatch(r"\d+\n", result.out)
    plan_id = int(result.out)
    listed = cli("list", db=db)
    assert listed.code == 0
    assert listed.out == f"{plan_id}\t{LIST_LINE}\n"


def test_list_prints_one_line_per_plan(cli: Cli, tmp_path: Path) -> None:
    db = tmp_path / "plan.db"
    first = _import_example(cli, db)
    data = example_data()
    data["plan"]["id"] = "lindely"  # another plan, made from the example
    data["plan"]["workplace"] = "Botilbuddet Lindely"
    data["plan"]["leader"]["name"] = "Anne Berg"
    data["plan"]["first_year"], data["plan"]["years"] = 2025, 5
    second_file = write_json(tmp_path / "lindely.json", data)
    second = int(cli("import", str(second_file), db=db).out)

    lines = cli("list", db=db).out.splitlines()

    assert second != first
    assert lines == [
        f"{first}\t{LIST_LINE}",
        f"{second}\tBotilbuddet Lindely\tAnne Berg\tsocialstrategi-2018\t2025–2029",
    ]


def test_with_two_plans_check_and_export_need_plan(cli: Cli, tmp_path: Path) -> None:
    db = tmp_path / "plan.db"
    _import_example(cli, db)
    assert cli("import", "--copy", str(EXAMPLE), db=db).code == 0
    out = tmp_path / "ud.json"

    checked = cli("check", db=db)
    exported = cli("export", "--out", str(out), db=db)

    for result in (checked, exported):
        assert result.code == 2
        assert "--plan" in result.err and "2 planer" in result.err
        assert result.out == ""
        _no_traceback(result)
    assert not out.exists()
    assert cli("check", "--plan", "2", db=db).code == 0
    assert cli("export", "--plan", "1", "--out", str(out), db=db).code == 0
    assert out.read_bytes() == EXAMPLE_BYTES


@pytest.mark.parametrize(
    "command", [["check"], ["export", "--out", "ud.json"]], ids=["check", "export"]
)
def test_a_plan_that_does_not_exist_is_refused(
    cli: Cli, tmp_path: Path, command: list[str]
) -> None:
    db = _db_with_example(tmp_path / "plan.db")

    result = cli(*command, "--plan", "99", db=db)

    assert result.code == 2
    assert "Der er ingen plan med id 99" in result.err
    assert result.out == ""
    assert not (tmp_path / "ud.json").exists()
    _no_traceback(result)


# --- check ---------------------------------------------------------------------------------


def test_check_prints_one_finding_per_line(cli: Cli, tmp_path: Path) -> None:
    db = _db_with_example(tmp_path / "plan.db")

    result = cli("check", db=db)

    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines
    for line in lines:
        assert FINDING.match(line), line
    assert not any(line.startswith("fejl:") for line in lines)
    # The example has no goals yet in 2028 and 2029: there is always a finding about that.
    assert any("udviklingsmål for 2028" in line for line in lines)
    assert any("udviklingsmål for 2029" in line for line in lines)


def _over_cycle_plan() -> dict[str, Any]:
    """A 2020–2022 plan with three goals a year, all under one vision."""
    return {
        "format": "udviklingsplan",
        "version": 1,
        "plan": {
            "leader": {"name": "Per Juhl", "title": "Leder", "level": 4},
            "workplace": "Værestedet Kanalen",
            "manager": {"name": "Lis Holm", "title": "Chef"},
            "framework": "socialstrategi-2018",
            "first_year": 2020,
            "years": 3,
            "goals": [
                {
                    "year": year,
                    "vision": "vaerdigt-liv",
                    "title": f"Mål {n} i {year}",
                    "status": "naaet",
                    "success_criteria": ["Nået"],
                    "actions": [{"text": "Gjort", "done": True}],
                }
                for year in (2020, 2021, 2022)
                for n in (1, 2, 3)
            ],
        },
    }


def test_check_exits_1_when_a_finished_cycle_missed_visions(cli: Cli, tmp_path: Path) -> None:
    db = tmp_path / "plan.db"
    path = write_json(tmp_path / "kanalen.json", _over_cycle_plan())
    assert cli("import", str(path), db=db).code == 0

    result = cli("check", db=db)

    assert result.code == 1, result.err
    lines = result.out.splitlines()
    assert all(FINDING.match(line) for line in lines), lines
    errors = [line for line in lines if line.startswith("fejl: ")]
    assert errors == [
        f"fejl: Visionen »{title}« fik intet udviklingsmål i planens år 2020–2022. "
        "Tag den med i den næste plan."
        for title in (
            "Et selvstændigt liv",
            "En helstøbt og langsigtet løsning",
            "En sund og fagligt stærk organisation",
        )
    ]
    assert lines[: len(errors)] == errors  # the most serious first
    assert not any("Et værdigt liv" in line for line in errors)


# --- export --------------------------------------------------------------------------------


def test_export_json_writes_the_example_bytes(cli: Cli, tmp_path: Path) -> None:
    db = _db_with_example(tmp_path / "plan.db")
    folder = tmp_path / "ud"
    folder.mkdir()
    target = folder / "x.json"
    target.write_text("gammel fil", encoding="utf-8")

    result = cli("export", "--out", str(target), db=db)

    assert result.code == 0, result.err
    assert (result.out, result.err) == ("", "")
    assert target.read_bytes() == EXAMPLE_BYTES
    assert _files(folder) == {"x.json"}  # no temporary file left behind


def test_export_to_a_relative_path_uses_the_working_folder(cli: Cli, tmp_path: Path) -> None:
    db = _db_with_example(tmp_path / "plan.db")
    work = tmp_path / "arbejde"
    work.mkdir()

    result = cli("export", "--out", "plan.JSON", db=db, cwd=work)

    assert result.code == 0, result.err
    assert (work / "plan.JSON").read_bytes() == EXAMPLE_BYTES


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("x.txt", ("Ukendt filtype", ".txt", "brug .json, .xlsx, .eml eller .pdf")),
        ("x", ("Ukendt filtype", "(ingen)")),
    ],
    ids=["txt", "no-suffix"],
)
def test_export_to_another_file_type_is_refused(
    cli: Cli, tmp_path: Path, name: str, words: tuple[str, ...]
) -> None:
    db = _db_with_example(tmp_path / "plan.db")
    folder = tmp_path / "ud"
    folder.mkdir()

    result = cli("export", "--out", str(folder / name), db=db)

    assert result.code == 2
    for word in words:
        assert word in result.err
    assert _files(folder) == set()
    _no_traceback(result)


def test_export_into_a_missing_folder_is_refused(cli: Cli, tmp_path: Path) -> None:
    db = _db_with_example(tmp_path / "plan.db")
    target = tmp_path / "findes-ikke" / "x.json"

    result = cli("export", "--out", str(target), db=db)

    assert result.code == 2
    assert "Mappen" in result.err and "findes ikke" in result.err
    assert not target.parent.exists()
    _no_traceback(result)


@posix_only
def test_export_into_a_read_only_folder_is_refused_and_keeps_the_old_file(
    cli: Cli, tmp_path: Path
) -> None:
    db = _db_with_example(tmp_path / "plan.db")
    folder = tmp_path / "laast"
    folder.mkdir()
    target = folder / "x.json"
    target.write_bytes(b"den gamle eksport")
    folder.chmod(0o500)
    try:
        if os.access(folder, os.W_OK):
            pytest.skip("running as root: a read-only folder is still writable")

        result = cli("export", "--out", str(target), db=db)

        assert result.code == 2
        assert "kan ikke skrives" in result.err or "kan ikke overskrives" in result.err
        assert target.read_bytes() == b"den gamle eksport"
        assert _files(folder) == {"x.json"}
        _no_traceback(result)
    finally:
        folder.chmod(0o700)


# --- bad input files -----------------------------------------------------------------------

CLI_BAD_CASES = [
    "not-json",
    "empty-file",
    "missing-title",
    "unknown-status",
    "done-as-ja",
    "value-as-string",
    "goals-as-object",
    "json-array",
    "truncated-between-fields",
    "not-utf8-latin1",
    "lone-surrogate",
    "duplicate-key",
    "nan",
    "wrong-format",
    "version-2",
    "unknown-vision",
    "theme-of-other-vision",
    "year-outside-cycle",
    "level-5",
    "impossible-date",
    "year-as-string",
    "unknown-extra-field",
    "duplicate-dialogue",
    "missing-file",
]


@pytest.mark.parametrize("name", CLI_BAD_CASES)
def test_a_bad_file_exits_2_names_the_field_and_changes_nothing(
    cli: Cli, tmp_path: Path, name: str
) -> None:
    case = BAD_INPUTS[name]
    db = _db_with_example(tmp_path / "plan.db")
    before = db.read_bytes()
    folder = tmp_path / "input"
    folder.mkdir()
    path = case.build(folder)

    result = cli("import", str(path), db=db)

    assert result.code == 2, result.err
    assert result.out == ""
    assert result.err.startswith("Udviklingsplan: ")
    if case.field is not None:
        assert f"{case.field}: " in result.err
    for word in case.words:
        assert word in result.err
    _no_traceback(result)
    assert db.read_bytes() == before
    assert cli("list", db=db).out == f"1\t{LIST_LINE}\n"


def test_a_bad_file_creates_no_database(cli: Cli, tmp_path: Path) -> None:
    db = tmp_path / "ny.db"
    path = BAD_INPUTS["unknown-vision"].build(tmp_path)

    result = cli("import", str(path), db=db)

    assert result.code == 2
    assert "plan.goals[0].vision" in result.err
    assert not db.exists()


# --- database problems ---------------------------------------------------------------------


def _text_file(path: Path) -> None:
    path.write_text("Dette er en indkøbsliste, ikke en database.\n", encoding="utf-8")


def _other_program(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE kunder (id INTEGER PRIMARY KEY, navn TEXT)")
    conn.execute("INSERT INTO kunder (navn) VALUES ('Hansen')")
    conn.commit()
    conn.close()


def _truncated(path: Path) -> None:
    real = _db_with_example(path.parent / "rigtig.db")
    path.write_bytes(real.read_bytes()[:2048])
    real.unlink()


def _pages_overwritten(path: Path) -> None:
    _db_with_example(path)
    data = bytearray(path.read_bytes())
    data[4096 * 2 : 4096 * 5] = b"\x00" * (4096 * 3)  # as a failing disk might leave it
    path.write_bytes(bytes(data))


def _newer_version(path: Path) -> None:
    _db_with_example(path)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 99")
    conn.commit()
    conn.close()


DB_PROBLEMS: dict[str, tuple[Callable[[Path], None], tuple[str, ...]]] = {
    "text-file": (_text_file, ("ikke en Udviklingsplan-database",)),
    "other-program": (_other_program, ("fra et andet program",)),
    "truncated": (_truncated, ("beskadiget",)),
    "pages-overwritten": (_pages_overwritten, ("beskadiget", "sikkerhedskopi")),
    "newer-version": (_newer_version, ("nyere version", "skemaversion 99")),
}
COMMANDS = {
    "list": ["list"],
    "import": ["import", str(EXAMPLE)],
    "check": ["check"],
    "export": ["export", "--out", "ud.json"],
    "backup": ["backup", "--out", "kopi.db"],
}


# ``check`` opens the database exactly as ``list`` and ``export`` do; it is left out here.
@pytest.mark.parametrize("command", ["list", "import", "export", "backup"])
@pytest.mark.parametrize("problem", list(DB_PROBLEMS))
def test_a_database_problem_exits_3_and_leaves_the_file_unchanged(
    cli: Cli, tmp_path: Path, problem: str, command: str
) -> None:
    make, words = DB_PROBLEMS[problem]
    folder = tmp_path / "data"
    folder.mkdir()
    db = folder / "plan.db"
    make(db)
    before = db.read_bytes()
    work = tmp_path / "arbejde"
    work.mkdir()

    result = cli(*COMMANDS[command], db=db, cwd=work)

    assert result.code == 3, (result.out, result.err)
    assert result.out == ""
    for word in words:
        assert word in result.err
    assert "Filen er ikke ændret" in result.err
    _no_traceback(result)
    assert db.read_bytes() == before
    assert [p.name for p in folder.iterdir()] == ["plan.db"]  # no -wal, -shm or backups/
    assert _files(work) == set()  # no export, no backup copy


@posix_only
def test_a_refused_file_keeps_its_permissions(cli: Cli, tmp_path: Path) -> None:
    notes = tmp_path / "noter.txt"
    _text_file(notes)
    notes.chmod(0o644)

    result = cli("list", db=notes)

    assert result.code == 3
    assert "Filen er ikke ændret" in result.err
    assert _mode(notes) == 0o644


@pytest.mark.parametrize("problem", ["truncated", "newer-version"])
def test_a_refused_database_leaves_no_files_beside_it(
    cli: Cli, tmp_path: Path, problem: str
) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    db = folder / "plan.db"
    DB_PROBLEMS[problem][0](db)
    before = _files(folder)

    result = cli("list", db=db)

    assert result.code == 3
    assert _files(folder) == before


def test_a_folder_as_database_exits_3(cli: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "mappe.db"
    folder.mkdir()

    result = cli("import", str(EXAMPLE), db=folder)

    assert result.code == 3
    assert "er en mappe" in result.err
    assert _files(folder) == set()
    _no_traceback(result)


@pytest.mark.parametrize("command", ["list", "check", "export", "backup"])
def test_a_missing_database_is_not_created(cli: Cli, tmp_path: Path, command: str) -> None:
    db = tmp_path / "data" / "findes-ikke.db"
    work = tmp_path / "arbejde"
    work.mkdir()

    result = cli(*COMMANDS[command], db=db, cwd=work)

    assert result.code == 3
    assert "findes ikke" in result.err and "findes-ikke.db" in result.err
    _no_traceback(result)
    assert not db.parent.exists()
    assert _files(work) == set()


# --- backup --------------------------------------------------------------------------------


def test_backup_makes_a_checked_private_copy_with_the_same_plans(cli: Cli, tmp_path: Path) -> None:
    db = tmp_path / "plan.db"
    _import_example(cli, db)
    data = example_data()
    data["plan"]["id"] = "lindely"  # another plan, made from the example
    data["plan"]["workplace"] = "Botilbuddet Lindely"
    assert cli("import", str(write_json(tmp_path / "b.json", data)), db=db).code == 0
    folder = tmp_path / "kopier"
    folder.mkdir()
    copy = folder / "copy.db"

    result = cli("backup", "--out", str(copy), db=db)

    assert result.code == 0, result.err
    assert (result.out, result.err) == ("", "")
    assert _files(folder) == {"copy.db"}  # one self-contained file, no temporary file
    if os.name == "posix":
        assert _mode(copy) == 0o600
    conn = sqlite3.connect(f"{copy.resolve().as_uri()}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)
        assert conn.execute("SELECT workplace FROM plan ORDER BY id").fetchall() == [
            (WORKPLACE,),
            ("Botilbuddet Lindely",),
        ]
        assert conn.execute("SELECT count(*) FROM goal").fetchone() == (14,)
    finally:
        conn.close()
    original = cli("list", db=db).out
    assert len(original.splitlines()) == 2
    assert cli("list", db=copy).out == original
    exported = tmp_path / "fra-kopien.json"
    assert cli("export", "--plan", "1", "--out", str(exported), db=copy).code == 0
    assert exported.read_bytes() == EXAMPLE_BYTES


def test_backup_overwrites_an_older_copy(cli: Cli, tmp_path: Path) -> None:
    db = _db_with_example(tmp_path / "plan.db")
    copy = tmp_path / "kopi.db"
    copy.write_bytes(b"en gammel kopi")

    result = cli("backup", "--out", str(copy), db=db)

    assert result.code == 0, result.err
    assert copy.read_bytes().startswith(b"SQLite format 3\x00")
    assert cli("list", db=copy).out == f"1\t{LIST_LINE}\n"


@pytest.mark.parametrize("spelling", ["same", "relative"])
def test_backup_onto_the_database_itself_is_refused(
    cli: Cli, tmp_path: Path, spelling: str
) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    db = _db_with_example(folder / "plan.db")
    out = str(db) if spelling == "same" else "./plan.db"

    result = cli("backup", "--out", out, db=db, cwd=folder)

    assert result.code == 2
    assert "oven i selve databasen" in result.err
    _no_traceback(result)
    assert cli("list", db=db).out == f"1\t{LIST_LINE}\n"


def test_backup_into_a_missing_folder_is_refused(cli: Cli, tmp_path: Path) -> None:
    db = _db_with_example(tmp_path / "plan.db")

    result = cli("backup", "--out", str(tmp_path / "nej" / "kopi.db"), db=db)

    assert result.code == 2
    assert "findes ikke" in result.err
    assert not (tmp_path / "nej").exists()


# --- the new database file -----------------------------------------------------------------


@posix_only
def test_a_new_database_made_by_import_is_private(cli: Cli, tmp_path: Path) -> None:
    db = tmp_path / "ny" / "plan.db"

    assert cli("import", str(EXAMPLE), db=db).code == 0

    assert _mode(db) == 0o600
    assert db.read_bytes().startswith(b"SQLite format 3\x00")


# --- bad usage -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["frobnicate"], ("ukendt valg", "'frobnicate'", "vælg mellem")),
        (["export"], ("disse argumenter mangler", "--out")),
        (["backup"], ("disse argumenter mangler", "--out")),
        (["import"], ("disse argumenter mangler", "FIL.json")),
        (["check", "--plan", "abc"], ("ikke et helt tal", "'abc'")),
        (["check", "--plan"], ("der mangler en værdi",)),
        (["list", "--hemmelig"], ("ukendte argumenter", "--hemmelig")),
    ],
    ids=[
        "unknown-command",
        "export-without-out",
        "backup-without-out",
        "import-without-file",
        "plan-abc",
        "plan-without-value",
        "unknown-option",
    ],
)
def test_bad_usage_exits_2_with_a_danish_message(
    cli: Cli, tmp_path: Path, args: list[str], words: tuple[str, ...]
) -> None:
    db = tmp_path / "plan.db"

    result = cli(*args, db=db)

    assert result.code == 2
    assert result.out == ""
    assert "Brug: udviklingsplan" in result.err
    assert "usage:" not in result.err
    for word in words:
        assert word in result.err
    _no_traceback(result)
    assert not db.exists()


@pytest.mark.parametrize(
    "args", [["import", "--help"], ["check", "--plan", "abc"]], ids=["help", "error"]
)
def test_a_command_usage_line_says_brug_once(cli: Cli, args: list[str]) -> None:
    result = cli(*args)

    text = result.out + result.err
    command = args[0]
    assert f"Brug: udviklingsplan {command} " in text
    assert "Brug: Brug:" not in text


def test_the_database_option_may_follow_the_command(cli: Cli, tmp_path: Path) -> None:
    db = _db_with_example(tmp_path / "plan.db")

    result = cli("list", "--db", str(db))

    assert result.code == 0
    assert result.out == f"1\t{LIST_LINE}\n"


def test_list_keeps_one_line_per_plan_whatever_the_texts_hold(cli, tmp_path: Path) -> None:
    data = example_data()
    data["plan"]["workplace"] = "Hjemmeplejen\nNord\tafd. 2"
    data["plan"]["leader"]["name"] = "Mette\r\nHolm"
    db = tmp_path / "plan.db"
    assert cli("import", str(write_json(tmp_path / "p.json", data)), db=db).code == 0
    result = cli("list", db=db)
    assert result.out.splitlines() == [
        "1\tHjemmeplejen Nord afd. 2\tMette Holm\tsocialstrategi-2018\t2026–2029"
    ]


def test_a_file_in_the_database_path_is_explained(cli, tmp_path: Path) -> None:
    (tmp_path / "blokering").write_text("", encoding="utf-8")
    result = cli("import", str(EXAMPLE), db=tmp_path / "blokering" / "ny.db")
    assert result.code == 3
    assert "en del af stien er en fil" in result.err


def test_a_value_given_to_a_flag_is_refused_in_danish(cli) -> None:
    result = cli("--version=ja")
    assert result.code == 2
    assert "tager ingen værdi" in result.err
    assert "ignored" not in result.err


def test_a_plan_id_without_plan_is_shown_as_meant(cli: Cli, tmp_path: Path) -> None:
    db = _db_with_example(tmp_path / "u.db")
    result = cli("export", "1", "--out", str(tmp_path / "plan.xlsx"), db=db)
    assert result.code == 2
    assert "ukendte argumenter: 1" in result.err
    assert "En plans id skrives med --plan, fx: udviklingsplan " in result.err
    assert " export --plan 1 --out " in result.err.splitlines()[-1]
    assert not (tmp_path / "plan.xlsx").exists()
    _no_traceback(result)
    # Other unknown words get no such hint.
    other = cli("list", "1", db=db)
    assert other.code == 2 and "--plan" not in other.err
