"""The core runs without Qt: no module of ``udviklingsplan_app`` imports PySide6 or ``ui``.

Each check runs in a fresh child process, so modules imported by other tests do not count.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def _run_child(code: str) -> Any:
    proc = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _loaded(modules: list[str], *roots: str) -> list[str]:
    return sorted(m for m in modules if any(m == r or m.startswith(r + ".") for r in roots))


def test_importing_every_core_module_loads_no_qt_and_no_ui() -> None:
    result = _run_child(
        """
        import importlib, json, pkgutil, sys
        import udviklingsplan_app
        names = ["udviklingsplan_app"]
        for info in pkgutil.walk_packages(udviklingsplan_app.__path__, "udviklingsplan_app."):
            importlib.import_module(info.name)
            names.append(info.name)
        print(json.dumps({"imported": names, "modules": sorted(sys.modules)}))
        """
    )
    imported = result["imported"]
    expected = {
        "udviklingsplan_app.cli",
        "udviklingsplan_app.domain",
        "udviklingsplan_app.framework",
        "udviklingsplan_app.guidance",
        "udviklingsplan_app.services",
        "udviklingsplan_app.validation",
        "udviklingsplan_app.storage.database",
        "udviklingsplan_app.storage.migrations",
        "udviklingsplan_app.storage.models",
        "udviklingsplan_app.exchange.json_format",
    }
    assert expected <= set(imported)
    on_disk = {
        "udviklingsplan_app."
        + ".".join(p.relative_to(ROOT / "udviklingsplan_app").with_suffix("").parts)
        for p in (ROOT / "udviklingsplan_app").rglob("*.py")
        if p.name != "__init__.py"
    }
    assert on_disk <= set(imported)
    assert _loaded(result["modules"], "PySide6", "shiboken6", "ui") == []


def test_the_command_line_module_starts_without_openpyxl_or_jsonschema() -> None:
    result = _run_child(
        """
        import json, sys
        import udviklingsplan_app.cli
        print(json.dumps(sorted(sys.modules)))
        """
    )
    assert "udviklingsplan_app.cli" in result
    assert _loaded(result, "openpyxl", "jsonschema", "PySide6", "ui") == []


def test_jsonschema_loads_when_a_file_is_read() -> None:
    """The lazy import really happens when needed (so the test above is not vacuous)."""
    result = _run_child(
        f"""
        import json, sys
        from pathlib import Path
        from udviklingsplan_app.exchange.json_format import read_plan_file
        before = "jsonschema" in sys.modules
        plan = read_plan_file(Path({str(ROOT / "resources" / "examples" / "den-sociale-hjemmepleje.json")!r}))
        print(json.dumps([before, "jsonschema" in sys.modules, plan.workplace]))
        """
    )
    assert result == [False, True, "Den Sociale Hjemmepleje, Borgercenter Hjemmepleje"]


def test_icalendar_loads_only_when_a_calendar_is_made() -> None:
    result = _run_child(
        f"""
        import json, sys
        from pathlib import Path
        from udviklingsplan_app.calendar_export import dialogues_calendar
        from udviklingsplan_app.exchange.json_format import read_plan_file
        before = "icalendar" in sys.modules
        plan = read_plan_file(Path({str(ROOT / "resources" / "examples" / "den-sociale-hjemmepleje.json")!r}))
        data = dialogues_calendar(plan, 2026)
        print(json.dumps([before, "icalendar" in sys.modules, data.count(b"BEGIN:VEVENT")]))
        """
    )
    assert result == [False, True, 4]
