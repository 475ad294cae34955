"""The PyInstaller bundle (``make bundle``): what it holds, and that it runs with nothing beside it.

The bundle is started with an empty environment (no PATH, so no Python to lean on), as on a
laptop where IT installed only the program. Without ``dist/`` these tests are skipped, except
in CI, where ``.ci/run`` builds the bundle first and sets ``UDVIKLINGSPLAN_REQUIRE_BUNDLE=1``, so
a missing bundle fails.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BUNDLE = ROOT / "dist" / "Udviklingsplan"
WINDOWS = sys.platform == "win32"
GUI = BUNDLE / ("Udviklingsplan.exe" if WINDOWS else "Udviklingsplan")
CLI = BUNDLE / ("udviklingsplan-cli.exe" if WINDOWS else "udviklingsplan-cli")
INTERNAL = BUNDLE / "_internal"
EXAMPLE = ROOT / "resources" / "examples" / "den-sociale-hjemmepleje.json"
WORKPLACE = "Den Sociale Hjemmepleje, Borgercenter Hjemmepleje"


@pytest.fixture
def bundle() -> Path:
    if GUI.is_file() and CLI.is_file():
        return BUNDLE
    if os.environ.get("UDVIKLINGSPLAN_REQUIRE_BUNDLE") == "1":
        pytest.fail(f"The bundle is missing ({GUI}); `make bundle` should have built it")
    pytest.skip("no bundle here: `make bundle` builds it")


def run(program: Path, *args: str, home: Path) -> subprocess.CompletedProcess[str]:
    """Run a bundled program with an (almost) empty environment: no PATH, no Python."""
    env = {"HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    if WINDOWS:  # Windows programs need these to start; anything written stays in the test's folder
        env |= {"SYSTEMROOT": os.environ["SYSTEMROOT"], "LOCALAPPDATA": str(home)}
        env |= {"TEMP": str(home), "TMP": str(home)}
    return subprocess.run(
        [str(program), *args],
        env=env,
        cwd=home,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )


def test_bundle_holds_danish_qt_texts_and_the_program_files(bundle: Path) -> None:
    translations = {path.name for path in INTERNAL.rglob("*.qm")}
    assert "qtbase_da.qm" in translations
    assert translations <= {"qtbase_da.qm", "qtbase_en.qm", "qt_da.qm", "qt_en.qm"}
    for folder in ("strategies", "schemas", "examples", "icons", "fonts"):
        for source in (ROOT / "resources" / folder).iterdir():
            if source.suffix == ".py" or not source.is_file():
                continue
            bundled = INTERNAL / "resources" / folder / source.name
            assert bundled.read_bytes() == source.read_bytes(), bundled
    assert not list(INTERNAL.rglob("make_icons.py"))


def test_bundle_holds_every_module_of_the_program(bundle: Path) -> None:
    """Pages are imported by name when first shown, which PyInstaller cannot see by itself."""
    from PyInstaller.archive.readers import pkg_archive_contents

    bundled = set(pkg_archive_contents(str(GUI)))
    for package in ("ui", "udviklingsplan_app", "udviklingsplan_pdf"):
        for path in (ROOT / package).rglob("*.py"):
            parts = path.relative_to(ROOT).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            assert name in bundled, name


def test_bundle_version_is_the_project_version(bundle: Path, tmp_path: Path) -> None:
    with open(ROOT / "pyproject.toml", "rb") as handle:
        version = tomllib.load(handle)["project"]["version"]
    # The windowed program has no console on Windows to print to; there the CLI answers.
    for program in (CLI,) if WINDOWS else (GUI, CLI):
        result = run(program, "--version", home=tmp_path)
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == f"Udviklingsplan {version}"


def test_bundle_starts_its_window_on_a_new_and_on_a_filled_database(
    bundle: Path, tmp_path: Path
) -> None:
    new = run(GUI, "--smoke-test", "--db", str(tmp_path / "ny.db"), home=tmp_path)
    assert new.returncode == 0, new.stderr
    assert (tmp_path / "ny.db").is_file()

    filled = tmp_path / "plan.db"
    assert run(CLI, "--db", str(filled), "import", str(EXAMPLE), home=tmp_path).returncode == 0
    for program in (GUI, CLI):  # the command line starts the same window
        result = run(program, "--smoke-test", "--db", str(filled), home=tmp_path)
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr


def test_bundled_command_line_imports_lists_exports_checks_and_backs_up(
    bundle: Path, tmp_path: Path
) -> None:
    """The real path: peewee, jsonschema and openpyxl inside the bundle."""
    db = tmp_path / "plan.db"

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return run(CLI, "--db", str(db), *args, home=tmp_path)

    imported = cli("import", str(EXAMPLE))
    assert imported.returncode == 0, imported.stderr
    listed = cli("list")
    assert listed.returncode == 0
    assert WORKPLACE in listed.stdout

    assert cli("export", "--out", str(tmp_path / "plan.xlsx")).returncode == 0
    from openpyxl import load_workbook

    workbook = load_workbook(tmp_path / "plan.xlsx")
    assert any(WORKPLACE in str(cell.value) for row in workbook.active.iter_rows() for cell in row)

    pdf = cli("export", "--out", str(tmp_path / "plan.pdf"))  # Qt's QtGui offscreen, the font
    assert pdf.returncode == 0, pdf.stderr
    assert (tmp_path / "plan.pdf").read_bytes().startswith(b"%PDF-")

    assert cli("export", "--out", str(tmp_path / "plan.json")).returncode == 0
    exported = json.loads((tmp_path / "plan.json").read_text(encoding="utf-8"))
    assert json.dumps(exported, ensure_ascii=False).count(WORKPLACE) >= 1

    assert cli("check").returncode == 0
    assert cli("backup", "--out", str(tmp_path / "kopi.db")).returncode == 0
    with sqlite3.connect(tmp_path / "kopi.db") as copy:
        assert copy.execute("select count(*) from plan").fetchone() == (1,)

    broken = tmp_path / "broken.json"
    broken.write_text("{ikke json", encoding="utf-8")
    refused = cli("import", str(broken))
    assert refused.returncode != 0
    assert "Traceback" not in refused.stderr
    assert len(cli("list").stdout.splitlines()) == 1  # nothing was added


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ldd is Linux's")
def test_every_bundled_library_finds_what_it_links_to(bundle: Path) -> None:
    """Unused Qt plugins and the libraries only they needed are left out of the bundle; what
    remains must still find every library it links to (in the bundle or on the system)."""
    missing = []
    libraries = [p for p in INTERNAL.rglob("*.so*") if p.is_file() and not p.is_symlink()]
    assert len(libraries) > 20
    for library in libraries:
        result = subprocess.run(
            ["ldd", str(library)],
            env={"LD_LIBRARY_PATH": str(INTERNAL)},
            capture_output=True,
            text=True,
        )
        missing += [
            f"{library.name}: {line.strip()}"
            for line in result.stdout.splitlines()
            if "not found" in line
        ]
    assert missing == []


def test_every_window_has_the_program_icon(qapp) -> None:
    from PySide6.QtGui import QIcon

    from ui.app import set_window_icon

    set_window_icon(qapp)
    try:
        sizes = {size.width() for size in qapp.windowIcon().availableSizes()}
        assert {16, 32, 48, 256} <= sizes
    finally:
        qapp.setWindowIcon(QIcon())


def test_installer_keeps_its_promises_to_it() -> None:
    """The Inno Setup script does what docs/deployment.md tells IT, with the same AppId that
    the guide's detection rule and the Windows workflow look for."""
    import re

    script = (ROOT / "installer" / "udviklingsplan.iss").read_text(encoding="utf-8-sig")
    setup = dict(re.findall(r"^(\w+)=(.*)$", script, flags=re.MULTILINE))
    app_id = re.fullmatch(r"\{\{([0-9A-F]{8}(?:-[0-9A-F]{4}){3}-[0-9A-F]{12})\}", setup["AppId"])
    assert app_id, setup["AppId"]
    uninstall_key = rf"Uninstall\{{{app_id.group(1)}}}_is1"
    assert uninstall_key in (ROOT / "docs" / "deployment.md").read_text(encoding="utf-8")
    assert uninstall_key in (ROOT / ".github" / "workflows" / "windows.yml").read_text("utf-8")
    wine_check = (ROOT / "installer" / "check-under-wine.sh").read_text("utf-8")
    assert f"APP_ID='{{{app_id.group(1)}}}'" in wine_check

    assert setup["PrivilegesRequired"] == "admin"  # per machine by default ...
    assert (
        setup["PrivilegesRequiredOverridesAllowed"] == "commandline"
    )  # ... /CURRENTUSER on request
    assert setup["DefaultDirName"].startswith("{autopf}\\")
    assert setup["AppVersion"] == "{#AppVersion}"
    assert r'MessagesFile: "compiler:Languages\Danish.isl"' in script
    assert r'Name: "{autoprograms}\{#AppName}"' in script
    # The leader's data is never deleted by the uninstaller.
    code = [line for line in script.splitlines() if not line.lstrip().startswith(";")]
    assert "[UninstallDelete]" not in code
    assert not [line for line in code if "LOCALAPPDATA" in line.upper()]
