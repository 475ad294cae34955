"""A child process for tests/test_crash_safety.py: imports and edits, reporting each commit.

``python tests/crash_worker.py DB SEED FIRST COUNT`` opens the database, prints ``ready``, then
does COUNT operations (0: until killed), printing one line after each committed change, flushed:

    import PLAN
    goal PLAN GOAL N            (a goal titled "Tilføjet mål N")
    situation PLAN SECTION N    (the section's text is "Tekst nr. N")
    status GOAL STATUS N        (a status change with the note "Statusnote N")

N counts from FIRST, so the parent can tell a newer value from an older one.

``python tests/crash_worker.py restore DB A B`` restores the backups A and B in turn over DB
until killed, printing ``restored A`` or ``restored B`` after each.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

EXAMPLE = ROOT / "resources" / "examples" / "den-sociale-hjemmepleje.json"
SECTIONS = ("facts", "challenges", "operations")
STATUSES = ("planlagt", "i-gang", "delvist-naaet", "naaet")
# Imports are the longest transactions; a few keep the database small enough to check often.
OPERATIONS = ("import", *("goal",) * 3, *("situation",) * 3, *("status",) * 3)


def main(db: str, seed: int, first: int, count: int) -> None:
    from udviklingsplan_app import services
    from udviklingsplan_app.domain import SituationSection, Status
    from udviklingsplan_app.exchange.json_format import read_plan_file
    from udviklingsplan_app.storage import init_db
    from udviklingsplan_app.storage import models as m

    rng = random.Random(seed)
    example = read_plan_file(EXAMPLE)
    init_db(Path(db))
    print("ready", flush=True)
    n = first
    done = 0
    while count == 0 or done < count:
        n += 1
        done += 1
        plans = [p.id for p in services.list_plans()]
        op = rng.choice(OPERATIONS)
        if op == "import" or not plans:
            print(f"import {services.import_plan(example)}", flush=True)
        elif op == "goal":
            plan_id = rng.choice(plans)
            year = services.load_plan(plan_id).first_year
            goal_id = services.add_goal(
                plan_id, year=year, vision="vaerdigt-liv", title=f"Tilføjet mål {n}"
            )
            print(f"goal {plan_id} {goal_id} {n}", flush=True)
        elif op == "situation":
            plan_id, section = rng.choice(plans), rng.choice(SECTIONS)
            services.set_situation(plan_id, SituationSection(section), f"Tekst nr. {n}")
            print(f"situation {plan_id} {section} {n}", flush=True)
        else:
            added = [
                g.id for g in m.Goal.select(m.Goal.id).where(m.Goal.title.startswith("Tilføjet"))
            ]
            if not added:
                continue
            goal_id, status = rng.choice(added), rng.choice(STATUSES)
            services.set_goal_status(goal_id, Status(status), f"Statusnote {n}")
            print(f"status {goal_id} {status} {n}", flush=True)


def restore_loop(db: str, first: str, second: str) -> None:
    from udviklingsplan_app.storage.backup import restore_backup

    print("ready", flush=True)
    while True:
        for name, source in (("A", first), ("B", second)):
            restore_backup(Path(source), Path(db))
            print(f"restored {name}", flush=True)


if __name__ == "__main__":
    if sys.argv[1] == "restore":
        restore_loop(*sys.argv[2:5])
    else:
        main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]))
