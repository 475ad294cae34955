"""A generated plan of any size, built from the example plan's goals (for benchmarks)."""

from __future__ import annotations

import copy
import json
import sys
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "resources" / "examples" / "den-sociale-hjemmepleje.json"


def big_plan(goals: int) -> dict[str, Any]:
    """The example plan with ``goals`` goals, spread over its years, each a full copy."""
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    plan = data["plan"]
    templates = [g for g in plan["goals"] if g["actions"]]
    years = list(range(plan["first_year"], plan["first_year"] + plan["years"]))
    made = []
    for number in range(goals):
        goal = copy.deepcopy(templates[number % len(templates)])
        goal["id"] = uuid.UUID(int=number + 1).hex
        goal["year"] = years[number % len(years)]
        goal["title"] = f"{goal['title']} ({number + 1})"
        goal["carried_over_from"] = None
        made.append(goal)
    plan["goals"] = sorted(made, key=lambda goal: goal["year"])  # the order an export has
    return data


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    sys.stdout.write(json.dumps(big_plan(count), ensure_ascii=False, indent=2) + "\n")


_STORE = """
import json, sys
from udviklingsplan_app import services
from udviklingsplan_app.exchange.json_format import plan_from_data
from udviklingsplan_app.storage import close_db, init_db
init_db(sys.argv[1])
services.import_plan(plan_from_data(json.loads(open(sys.argv[2], encoding="utf-8").read())))
close_db()
"""


def store_plan(db: Path, plan_file: Path) -> Path:
    """The plan in ``plan_file`` stored in a new database ``db`` (in a child process).

    Stored through the services, as if typed: a generated 2,000-goal plan is far above what a
    plan file from outside may hold (``json_format.MAX_VALUES``), and that limit is not what a
    benchmark measures.
    """
    import subprocess

    subprocess.run(
        [sys.executable, "-c", _STORE, str(db), str(plan_file)],
        check=True,
        capture_output=True,
        cwd=ROOT,
    )
    return db
