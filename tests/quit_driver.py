"""A child process for tests/test_quit.py: the real program, the guide to its end, Filer ▸ Afslut.

``python tests/quit_driver.py DB`` starts the program exactly as ``main.py --db DB`` does (on an
empty database the guide for a new plan opens after the first paint). Timers then act as a leader
would, through the widgets: step 1 is filled in, *Næste* is clicked through every step (a goal is
added in step 4), *Færdig* ends the guide, and *Filer ▸ Afslut* closes the window. The process
ends as the program does (``sys.exit(main())``), so whatever Python and Qt do at the end is
what a leader's quit does. It prints ``finished`` when the guide was done, ``quit`` just before
Afslut is triggered, and at the interpreter's end whether Qt's application and any widget are
still there.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def drive() -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from ui.guide.base import GuideWindow
    from ui.main_window import MainWindow

    def window() -> MainWindow | None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, MainWindow):
                return widget
        return None

    def later(step, delay: int = 20) -> None:  # type: ignore[no-untyped-def]
        QTimer.singleShot(delay, step)

    def wait_for_guide() -> None:
        main = window()
        guide = getattr(main, "guide", None)
        if not isinstance(guide, GuideWindow) or not guide.isVisible():
            later(wait_for_guide)
            return
        about = guide.steps[0]
        about.workplace.setText("Bostedet Lærkevej")  # type: ignore[attr-defined]
        about.leader_name.setText("Søren Ærø")  # type: ignore[attr-defined]
        about.manager_name.setText("Åse Øster")  # type: ignore[attr-defined]
        later(lambda: go_on(main, guide))

    def go_on(main: MainWindow, guide: GuideWindow) -> None:
        step = guide.current_step()
        if hasattr(step, "new_button") and not getattr(step, "_driven", False):
            step._driven = True  # type: ignore[attr-defined]
            step.new_button.click()  # a goal, as a leader adds one in step 4
            step.editor.title_edit.setText("Tryghed om natten")  # type: ignore[attr-defined]
        last = guide.current == len(guide.steps) - 1
        guide.next_button.click()
        if last:
            if guide.isVisible():
                print("guide did not finish", flush=True)
                QApplication.exit(5)
                return
            print("finished", flush=True)
            later(lambda: quit_(main))
            return
        later(lambda: go_on(main, guide))

    def quit_(main: MainWindow) -> None:
        print("quit", flush=True)
        main.quit_action.trigger()

    later(wait_for_guide, 0)


def report_at_exit() -> None:
    """At the interpreter's end: is Qt's application (and any window) still there?"""
    import gc

    from PySide6.QtWidgets import QApplication, QWidget

    gc.collect()
    alive = [o for o in gc.get_objects() if isinstance(o, QWidget)]
    app = QApplication.instance()
    print(f"at exit: application {'alive' if app else 'gone'}, {len(alive)} widgets", flush=True)


if __name__ == "__main__":
    import atexit

    import main as program

    atexit.register(report_at_exit)

    sys.argv = [str(ROOT / "main.py"), "--db", sys.argv[1]]
    from PySide6.QtCore import QTimer

    # QTimer needs the application; the program creates it in ui.app.run, so the driver starts
    # from the first event the application handles.
    import ui.app

    create_app = ui.app.create_app

    def create_and_drive():  # type: ignore[no-untyped-def]
        app = create_app()
        QTimer.singleShot(0, drive)
        return app

    ui.app.create_app = create_and_drive
    sys.exit(program.main())
