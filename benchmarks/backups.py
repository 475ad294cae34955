"""Automatic backups against a plain file copy of the same database, in one process.

- ``daily backup``: ``daily_backup`` of the example database (SQLite's backup API, the
  ``integrity_check`` of the copy, fsync, rotation), each run on a new day;
- ``plain copy``: ``shutil.copyfile`` of the same file plus an fsync;
- ``list 15 backups``: ``list_backups`` over 14 daily backups and a damaged file (what the
  restore dialog shows);
- ``location check``: ``check_location`` of the database path (on every start).

Usage: ``python benchmarks/backups.py [RUNS]``. Nothing here is asserted by the tests.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from udviklingsplan_app import services  # noqa: E402
from udviklingsplan_app.exchange.json_format import read_plan_file  # noqa: E402
from udviklingsplan_app.storage import close_db, init_db  # noqa: E402
from udviklingsplan_app.storage.backup import daily_backup, list_backups  # noqa: E402
from udviklingsplan_app.storage.location import check_location  # noqa: E402

EXAMPLE = ROOT / "resources" / "examples" / "den-sociale-hjemmepleje.json"


def _ms(seconds: list[float]) -> str:
    return f"{statistics.median(seconds) * 1000:7.2f} ms"


def main(runs: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "udviklingsplan.db"
        init_db(db)
        services.import_plan(read_plan_file(EXAMPLE))
        close_db()
        daily, plain, listing, location = [], [], [], []
        day = dt.date(2026, 1, 1)
        for run in range(runs):
            start = time.perf_counter()
            daily_backup(db, day + dt.timedelta(days=run))
            daily.append(time.perf_counter() - start)
            start = time.perf_counter()
            target = Path(folder) / "kopi.db"
            shutil.copyfile(db, target)
            with open(target, "rb+") as handle:
                os.fsync(handle.fileno())
            plain.append(time.perf_counter() - start)
        (db.parent / "backups" / "beskadiget.db").write_bytes(b"x" * 5000)
        for _ in range(runs):
            start = time.perf_counter()
            infos = list_backups(db)
            listing.append(time.perf_counter() - start)
            start = time.perf_counter()
            check_location(db)
            location.append(time.perf_counter() - start)
        size = db.stat().st_size // 1024
        print(f"database: the example plan, {size} kB; {runs} runs, medians")
        print(
            f"daily backup      {_ms(daily)}  ({statistics.median(daily) / statistics.median(plain):.1f}× a plain copy)"
        )
        print(f"plain copy        {_ms(plain)}")
        print(f"list {len(infos)} backups  {_ms(listing)}")
        print(f"location check    {_ms(location)}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
