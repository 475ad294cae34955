"""Child process for tests/test_no_network.py: start, edit and export under an audit hook.

``python tests/network_guard_child.py DB OUT_FOLDER`` installs an audit hook that refuses every
socket, name lookup and URL opened from Python, then runs the program's own start
(``main.py --db DB --smoke-test``), opens the main window as after the first paint, makes edits
through the window's session, and exports the plan as JSON and Excel through the File menu. It
prints ``done`` and waits for a line on stdin (so the parent can look at its open files), then
prints the refused events, one per line, and exits 0 if there were none.
"""

from __future__ import annotations

import os
import runpy
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FORBIDDEN_PREFIXES = ("socket.", "urllib.", "http.", "ftplib.", "smtplib.", "poplib.", "imaplib.")
ALLOWED = {"socket.gethostname"}  # reads the machine's own name (QLockFile writes it); no network
refused: list[str] = []


def guard(event: str, args: tuple[object, ...]) -> None:
    if event.startswith(FORBIDDEN_PREFIXES) and event not in ALLOWED:
        refused.append(f"{event} {args!r}"[:200])
        raise RuntimeError(f"Udviklingsplan må ikke bruge netværket ({event})")
    if event == "webbrowser.open":
        refused.append(event)


def main(db: str, out: str) -> int:
    sys.addaudithook(guard)
    sys.path.insert(0, str(ROOT))
    os.environ["QT_QPA_PLATFORM"] = "offscreen"

    # 1. The program's own start, exactly as a leader starts it (with the smoke-test stop).
    sys.argv = [str(ROOT / "main.py"), "--db", db, "--smoke-test"]
    try:
        runpy.run_path(str(ROOT / "main.py"), run_name="__main__")
    except SystemExit as stop:
        if stop.code not in (0, None):
            print(f"start failed: {stop.code}", file=sys.stderr)
            return 2

    # 2. The window after its first paint: edits through the session, as the pages make them.
    from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

    from udviklingsplan_app import services
    from udviklingsplan_app.domain import SituationSection
    from udviklingsplan_app.storage import init_db
    from ui.main_window import MainWindow
    from ui.operations import finish_all

    app = QApplication.instance() or QApplication([])
    init_db(Path(db))
    window = MainWindow(Path(db))
    window.show()
    app.processEvents()
    if hasattr(window, "finish_start"):
        window.finish_start()
    session = window.session
    goal = session.plan.goals[0]
    session.apply("ændret titel", services.update_goal, goal.id, title="Ny titel uden netværk")
    session.apply(
        "situation",
        services.set_situation,
        session.plan.id,
        SituationSection.CHALLENGES,
        "Skrevet i testen",
    )
    for number in range(6):
        window.show_page(number)
        app.processEvents()

    # 3. Both exports through the File menu, the dialogs answered as a leader would.
    targets = iter([Path(out) / "plan.json", Path(out) / "plan.xlsx"])
    QFileDialog.getSaveFileName = staticmethod(lambda *a, **k: (str(next(targets)), ""))  # type: ignore[method-assign]
    QMessageBox.exec = lambda box: 0  # type: ignore[method-assign]
    QMessageBox.information = staticmethod(lambda *a, **k: 0)  # type: ignore[method-assign]
    window.export_action.trigger()
    window.excel_action.trigger()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (
        (Path(out) / "plan.xlsx").exists() and window.excel_action.isEnabled()
    ):
        app.processEvents()
        time.sleep(0.01)
    finish_all()
    app.processEvents()

    print("done", flush=True)
    sys.stdin.readline()
    for line in refused:
        print(line)
    return 1 if refused else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
