"""Data safety in the window: start-up problems, restore, one program per database, crashes.

Every modal dialog is patched; the start is driven through ``ui.app.open_database`` and
``ui.app.after_first_paint``, the same functions ``ui.app.run`` calls around ``app.exec()``.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QPushButton

from tests.conftest import EXAMPLE
from udviklingsplan_app import services
from udviklingsplan_app.formatting import long_date
from udviklingsplan_app.storage import backup as backups
from udviklingsplan_app.storage import close_db
from ui import app as ui_app
from ui.dialogs.damaged_dialog import StartProblemDialog
from ui.dialogs.restore_dialog import RestoreDialog
from ui.main_window import MainWindow
from ui.operations import finish_all
from ui.setup.single_instance import DatabaseLock

WORKPLACE = "Den Sociale Hjemmepleje, Borgercenter Hjemmepleje"


class Boxes:
    """Every message box a test lets appear: (kind, title, text)."""

    def __init__(self, monkeypatch) -> None:
        self.shown: list[tuple[str, str, str]] = []
        for kind in ("information", "warning", "critical"):
            monkeypatch.setattr(QMessageBox, kind, self._box(kind))
        monkeypatch.setattr(QMessageBox, "question", self._question)
        self.answer = QMessageBox.StandardButton.Yes

    def _box(self, kind: str):
        def show(parent, title, text, *args, **kwargs):
            self.shown.append((kind, title, text))
            return QMessageBox.StandardButton.Ok

        return show

    def _question(self, parent, title, text, *args, **kwargs):
        self.shown.append(("question", title, text))
        return self.answer

    def texts(self, kind: str | None = None) -> list[str]:
        return [text for k, _, text in self.shown if kind is None or k == kind]


@pytest.fixture
def boxes(monkeypatch) -> Boxes:
    return Boxes(monkeypatch)


@pytest.fixture(autouse=True)
def _keep_the_excepthook(monkeypatch) -> None:
    """after_first_paint installs the crash handler; the test's own hook comes back after."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)


@pytest.fixture
def closed_example(db_path: Path, example_plan_id: int) -> Path:
    """The example plan in a database that no connection holds open (as before a start)."""
    close_db()
    return db_path


def _start(qtbot, path: Path) -> MainWindow:
    """The program's own start, up to and including the work after the first paint."""
    opened = ui_app.open_database(path)
    assert not isinstance(opened, int), opened
    db, reader, lock, notes = opened
    window = MainWindow(db, reader, paint_first=True)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    _started[window] = (lock, ui_app.after_first_paint(window, notes))
    return window


#: What ui.app.run keeps for each window it started: the database lock, the crash handler.
_started: dict[MainWindow, tuple[object, object]] = {}


def _stop(window: MainWindow) -> None:
    from ui.operations import wait_for_all

    wait_for_all(30)
    lock, _handler = _started.pop(window)
    lock.release()  # type: ignore[attr-defined]


def _damage(path: Path) -> bytes:
    """Overwrite the start of the file, as a failing disk might; returns the damaged bytes."""
    data = bytearray(path.read_bytes())
    data[:100] = b"\x00garbage, not a database header" + b"\xff" * 69
    path.write_bytes(bytes(data))
    for suffix in ("-wal", "-shm"):
        companion = path.with_name(path.name + suffix)
        if companion.exists():
            companion.unlink()
    return bytes(data)


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def _choose(monkeypatch, choice: str, seen: list[StartProblemDialog] | None = None) -> None:
    def exec_(dialog: StartProblemDialog) -> int:
        if seen is not None:
            seen.append(dialog)
        dialog.choice = choice
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(StartProblemDialog, "exec", exec_)


# --- one program at a time --------------------------------------------------------------------


def test_a_second_start_says_the_plan_is_open_and_writes_nothing(
    qtbot, closed_example: Path, boxes: Boxes
) -> None:
    db = closed_example
    wal = db.with_name(db.name + "-wal")
    first = DatabaseLock(db)
    assert first.acquire()
    try:
        before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in (db, wal) if p.exists()}
        assert db in before
        assert ui_app.open_database(db) == 3
        after = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in (db, wal) if p.exists()}
    finally:
        first.release()
    assert after == before
    assert len(boxes.shown) == 1
    _, title, text = boxes.shown[0]
    assert title == "Udviklingsplan er allerede åben"
    assert text.startswith("Udviklingsplan er allerede åben med denne plan")
    assert str(db) in text


def test_the_lock_is_let_go_when_the_window_closes_so_the_next_start_opens(
    qtbot, closed_example: Path, boxes: Boxes
) -> None:
    window = _start(qtbot, closed_example)
    assert not DatabaseLock(closed_example).acquire()
    if os.name == "posix":
        assert closed_example.with_name("plan.db.lock").stat().st_mode & 0o077 == 0
    _stop(window)
    window.close()
    second = DatabaseLock(closed_example)
    assert second.acquire()
    second.release()
    assert boxes.shown == []


@pytest.mark.skipif(os.name != "posix", reason="the child kills itself with SIGKILL")
def test_a_lock_left_by_a_crashed_program_does_not_stop_the_next_start(
    qtbot, closed_example: Path, boxes: Boxes
) -> None:
    code = (
        "import os, signal, sys\n"
        "from PySide6.QtCore import QCoreApplication\n"
        "from ui.setup.single_instance import DatabaseLock\n"
        "app = QCoreApplication([])\n"
        "lock = DatabaseLock(sys.argv[1])\n"
        "assert lock.acquire()\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    root = Path(__file__).resolve().parent.parent
    proc = subprocess.run(
        [sys.executable, "-c", code, str(closed_example)], cwd=root, timeout=60, check=False
    )
    assert proc.returncode == -9
    assert closed_example.with_name("plan.db.lock").exists()
    window = _start(qtbot, closed_example)
    assert window.session.plan is not None and window.session.plan.workplace == WORKPLACE
    _stop(window)
    assert boxes.shown == []


# --- today's backup ---------------------------------------------------------------------------


def test_todays_backup_is_made_after_the_start_and_only_once_a_day(
    qtbot, closed_example: Path, boxes: Boxes
) -> None:
    from ui.operations.backup_job import start_daily_backup

    assert backups.list_backups(closed_example) == []
    window = _start(qtbot, closed_example)
    qtbot.waitUntil(lambda: "Dagens sikkerhedskopi er gemt" in window.statusBar().currentMessage())
    made = backups.list_backups(closed_example)
    assert [(b.kind, b.plans, b.sound) for b in made] == [(backups.DAILY, 1, True)]
    assert made[0].goals == len(window.session.plan.goals)

    window.statusBar().clearMessage()
    job = start_daily_backup(window)  # a second start the same day
    assert job.finished.wait(30)
    qtbot.wait(50)
    assert backups.list_backups(closed_example) == made
    assert window.statusBar().currentMessage() == ""
    _stop(window)
    assert boxes.shown == []


def test_the_smoke_test_makes_no_backup(cli, tmp_path: Path) -> None:
    db = tmp_path / "smoke.db"
    assert cli("import", str(EXAMPLE), db=db).code == 0
    assert cli("--smoke-test", db=db).code == 0
    assert not (tmp_path / "backups").exists()
    assert not (tmp_path / "smoke.db.lock").exists()


def test_a_failed_daily_backup_is_logged_and_told_calmly(
    qtbot, closed_example: Path, boxes: Boxes, monkeypatch
) -> None:
    from udviklingsplan_app.crashlog import log_folder
    from udviklingsplan_app.errors import DatabaseProblem

    def fail(db_path, today=None):
        raise DatabaseProblem("Sikkerhedskopien kunne ikke gemmes (disken er fuld).")

    monkeypatch.setattr(backups, "daily_backup", fail)
    window = _start(qtbot, closed_example)
    qtbot.waitUntil(window.notice.isVisible)
    text = window.notice_text.text()
    assert "Dagens automatiske sikkerhedskopi kunne ikke laves" in text
    assert "disken er fuld" in text
    assert "Dine planer er gemt som før" in text
    log = (log_folder(closed_example) / "fejl.log").read_text(encoding="utf-8")
    assert "DatabaseProblem" in log and "daily_backup" in log
    assert window.session.plan is not None  # the leader works on
    _stop(window)
    assert boxes.shown == []


# --- a damaged database at start --------------------------------------------------------------


def test_a_damaged_database_is_set_aside_for_the_newest_sound_backup(
    qtbot, closed_example: Path, boxes: Boxes, monkeypatch
) -> None:
    db = closed_example
    newest = backups.make_backup(db, backups.DAILY)
    damaged = _damage(db)
    seen: list[StartProblemDialog] = []
    _choose(monkeypatch, StartProblemDialog.RESTORE, seen)

    window = _start(qtbot, db)

    dialog = seen[0]
    assert dialog.heading.text() == "Databasen med dine planer er beskadiget"
    assert "hverken slettet eller skrevet oven i" in dialog.explanation.text()
    info = backups.backup_info(newest)
    assert dialog.restore_button.text() == (
        f"&Gendan den nyeste sikkerhedskopi ({long_date(info.made.date())})"
    )
    assert not dialog.restore_button.isHidden()
    kept = [p for p in db.parent.iterdir() if p.name.startswith("plan.beskadiget-")]
    assert len(kept) == 1 and kept[0].read_bytes() == damaged
    assert window.session.plan is not None and window.session.plan.workplace == WORKPLACE
    assert window.notice.isVisible()
    assert "gendannet fra sikkerhedskopien" in window.notice_text.text()
    assert kept[0].name in window.notice_text.text()
    _stop(window)
    assert boxes.shown == []


def test_a_copy_the_leader_kept_takes_the_damaged_databases_place(
    qtbot, closed_example: Path, boxes: Boxes, monkeypatch, tmp_path: Path
) -> None:
    # The leader's own copy on a USB stick is restored into place, not opened where it lies:
    # work done in it would stay on the stick, and the next start would meet the damaged file.
    db = closed_example
    other = tmp_path / "usb" / "kopi.db"
    other.parent.mkdir()
    backups.backup_to(db, other)
    usb_copy = other.read_bytes()
    damaged = _damage(db)
    seen: list[StartProblemDialog] = []
    _choose(monkeypatch, StartProblemDialog.OPEN_OTHER, seen)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(other), ""))

    window = _start(qtbot, db)

    assert seen[0].open_button.text() == "Gendan fra en &anden fil…"
    assert window.session.db_path == db
    assert window.session.plan.workplace == WORKPLACE
    kept = [p for p in db.parent.iterdir() if p.name.startswith("plan.beskadiget-")]
    assert len(kept) == 1 and kept[0].read_bytes() == damaged
    assert str(other) in window.notice_text.text() and kept[0].name in window.notice_text.text()
    assert other.read_bytes() == usb_copy  # the stick's copy is left as it was
    _stop(window)


def test_an_automatic_backup_is_not_opened_as_the_database(
    qtbot, closed_example: Path, boxes: Boxes, monkeypatch
) -> None:
    # Edited where it lies, a daily backup would later be removed by the rotation.
    db = closed_example
    daily = backups.make_backup(db, backups.DAILY)
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA application_id = 1234")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    before = (db.read_bytes(), daily.read_bytes())
    answers = iter([StartProblemDialog.OPEN_OTHER, StartProblemDialog.QUIT])

    def exec_(dialog: StartProblemDialog) -> int:
        dialog.choice = next(answers)
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(StartProblemDialog, "exec", exec_)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(daily), ""))

    assert ui_app.open_database(db) == 3

    assert [title for _, title, _ in boxes.shown] == ["Sikkerhedskopier åbnes ikke direkte"]
    assert "Gendan fra sikkerhedskopi" in boxes.shown[0][2]
    assert (db.read_bytes(), daily.read_bytes()) == before
    assert not daily.with_name(daily.name + "-wal").exists()


def test_closing_at_a_damaged_database_leaves_every_file_as_it_was(
    qtbot, closed_example: Path, boxes: Boxes, monkeypatch
) -> None:
    db = closed_example
    backups.make_backup(db, backups.DAILY)
    _damage(db)
    before = (_files(db.parent), _files(db.parent / "backups"))
    _choose(monkeypatch, StartProblemDialog.QUIT)
    assert ui_app.open_database(db) == 3
    assert (_files(db.parent), _files(db.parent / "backups")) == before


def test_without_a_backup_the_damaged_dialog_offers_another_file_or_closing(
    qtbot, tmp_path: Path
) -> None:
    db = tmp_path / "plan.db"
    db.write_bytes(b"ikke en database " * 300)
    error = Exception("Filen er ikke en Udviklingsplan-database")
    dialog = StartProblemDialog(db, str(error), "damaged", None)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.restore_button.isHidden()
    assert dialog.open_button.isVisible() and dialog.quit_button.isVisible()
    assert "ingen sikkerhedskopi i orden" in dialog.explanation.text()
    qtbot.mouseClick(dialog.quit_button, Qt.MouseButton.LeftButton)
    assert dialog.choice == StartProblemDialog.QUIT


def test_a_database_from_a_newer_program_is_never_restored_over(
    qtbot, closed_example: Path, boxes: Boxes, monkeypatch
) -> None:
    from udviklingsplan_app.storage.database import SCHEMA_VERSION

    db = closed_example
    backups.make_backup(db, backups.DAILY)
    with sqlite3.connect(db) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    before = db.read_bytes()
    seen: list[StartProblemDialog] = []
    _choose(monkeypatch, StartProblemDialog.QUIT, seen)
    assert ui_app.open_database(db) == 3
    dialog = seen[0]
    assert dialog.heading.text() == "Databasen er fra en nyere version af Udviklingsplan"
    assert "Installér den nyeste version" in dialog.explanation.text()
    assert dialog.restore_button.isHidden()
    assert db.read_bytes() == before
    assert not any(p.name.startswith("plan.beskadiget") for p in db.parent.iterdir())


def test_the_damaged_files_own_check_gives_exit_3_in_the_smoke_test(cli, tmp_path: Path) -> None:
    db = tmp_path / "plan.db"
    assert cli("import", str(EXAMPLE), db=db).code == 0
    damaged = _damage(db)
    result = cli("--smoke-test", db=db)
    assert result.code == 3
    assert "Traceback" not in result.err
    assert db.read_bytes() == damaged
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.db"]


# --- risky places -----------------------------------------------------------------------------


def test_a_database_on_a_network_drive_is_explained_and_not_created(
    qtbot, tmp_path: Path, boxes: Boxes, monkeypatch
) -> None:
    from udviklingsplan_app.errors import DatabaseProblem
    from udviklingsplan_app.storage import location

    def refuse(path, **kwargs):
        raise DatabaseProblem(f"Databasen {path} ligger på et netværksdrev.")

    monkeypatch.setattr(location, "check_location", refuse)
    seen: list[StartProblemDialog] = []
    _choose(monkeypatch, StartProblemDialog.QUIT, seen)
    db = tmp_path / "net" / "plan.db"
    assert ui_app.open_database(db) == 3
    dialog = seen[0]
    assert dialog.heading.text() == "Databasen ligger på et netværksdrev"
    assert "som OneDrive ikke synkroniserer" in dialog.explanation.text()
    assert dialog.restore_button.isHidden()
    assert not (tmp_path / "net").exists()


def test_a_cloud_folder_is_warned_about_once_in_the_window(
    qtbot, closed_example: Path, boxes: Boxes, monkeypatch
) -> None:
    from udviklingsplan_app.storage import location

    warning = "Databasen ligger i en mappe, som OneDrive synkroniserer."
    calls: list[Path] = []

    def warn(path, **kwargs):
        calls.append(path)
        return warning

    monkeypatch.setattr(location, "check_location", warn)
    window = _start(qtbot, closed_example)
    assert calls == [closed_example]
    assert window.notice.isVisible()
    assert window.notice_text.text() == f"<span>{warning}</span>"
    assert window.session.plan.workplace == WORKPLACE  # a warning, not a refusal
    _stop(window)
    assert boxes.shown == []


def test_a_cloud_folder_warning_at_the_first_start_is_seen_past_the_guide(
    qtbot, db_path: Path, boxes: Boxes, monkeypatch
) -> None:
    # The first start in an empty database opens the guide over the window, and the guide's
    # first step opens the new plan: the warning must be seen in the guide and stay after.
    from udviklingsplan_app.storage import location
    from ui.guide import PlanGuide

    warning = "Databasen ligger i en mappe, som OneDrive synkroniserer."
    monkeypatch.setattr(location, "check_location", lambda path, **kwargs: warning)
    close_db()
    window = _start(qtbot, db_path)
    guide = window.guide
    assert isinstance(guide, PlanGuide) and guide.isVisible()
    assert guide.notice.isVisible()
    assert guide.notice_text.text() == warning
    about = guide.steps[0]
    about.workplace.setText("Bostedet Lærkevej")
    guide.next_button.click()
    assert window.session.plan.workplace == "Bostedet Lærkevej"
    assert window.notice.isVisibleTo(window)
    assert window.notice_text.text() == f"<span>{warning}</span>"
    # Closed by the leader, it stays closed; a refused edit later goes when the plan changes.
    window.notice_close.click()
    window.show_notice("Noget blev ikke gemt.")
    window.reload_plans()
    assert window.notice.isHidden()
    _stop(window)
    assert boxes.shown == []


# --- restore from a backup --------------------------------------------------------------------


def _rename(plan_id: int, workplace: str) -> None:
    services.update_plan(plan_id, workplace=workplace)


def test_restore_shows_a_preview_and_brings_the_plan_back(
    qtbot, qtmodeltester, db_path: Path, example_plan_id: int, boxes: Boxes, monkeypatch
) -> None:
    made = backups.make_backup(db_path, backups.DAILY)
    _rename(example_plan_id, "Omdøbt ved en fejl")
    window = MainWindow(db_path)
    qtbot.addWidget(window)
    window.show()
    assert "Omdøbt ved en fejl" in window.windowTitle()

    previews: list[list[str]] = []

    def exec_(dialog: RestoreDialog) -> int:
        qtmodeltester.check(dialog.model)
        qtmodeltester.check(dialog.preview_model)
        assert dialog.model.rowCount() == 1
        row = [dialog.model.index(0, c).data() for c in range(dialog.model.columnCount())]
        assert row[1:] == [
            "Daglig sikkerhedskopi",
            "1",
            str(len(window.session.plan.goals)),
            "i orden",
        ]
        previews.append(
            [
                dialog.preview_model.index(0, c).data()
                for c in range(dialog.preview_model.columnCount())
            ]
        )
        assert dialog.restore_button.isEnabled()
        dialog.restore_button.click()
        return dialog.result()

    monkeypatch.setattr(RestoreDialog, "exec", exec_)
    window.restore_action.trigger()
    finish_all()

    assert previews[0][0] == WORKPLACE
    assert previews[0][2] == "2026–2029"
    assert previews[0][3].startswith("2026: ")
    assert window.session.plan.workplace == WORKPLACE
    assert WORKPLACE in window.windowTitle()
    assert services.load_plan(example_plan_id).workplace == WORKPLACE
    before_restore = [b for b in backups.list_backups(db_path) if b.kind == backups.BEFORE_RESTORE]
    assert len(before_restore) == 1
    assert [p.workplace for p in backups.read_backup(before_restore[0].path)] == [
        "Omdøbt ved en fejl"
    ]
    question, info = boxes.shown
    assert question[0] == "question" and "Vil du gendanne planerne" in question[2]
    assert info[0] == "information"
    assert "Planerne er gendannet fra sikkerhedskopien" in info[2]
    assert str(before_restore[0].path) in info[2]
    assert made.exists()
    # The window goes on working on the restored database.
    window.session.apply(
        "titel", services.update_plan, example_plan_id, workplace="Efter gendannelse"
    )
    assert services.load_plan(example_plan_id).workplace == "Efter gendannelse"


def test_a_backup_from_elsewhere_can_be_chosen_and_previewed(
    qtbot, db_path: Path, example_plan_id: int, boxes: Boxes, monkeypatch, tmp_path: Path
) -> None:
    usb = tmp_path / "usb" / "Udviklingsplan sikkerhedskopi.db"
    usb.parent.mkdir()
    backups.backup_to(db_path, usb)
    services.delete_plan(example_plan_id)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(usb), ""))
    dialog = RestoreDialog(db_path)
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 0
    assert not dialog.empty_label.isHidden()
    assert not dialog.restore_button.isEnabled()
    dialog.other_button.click()
    assert dialog.model.rowCount() == 1
    assert dialog.selected().path == usb
    assert dialog.preview_model.index(0, 0).data() == WORKPLACE
    dialog.restore_button.click()
    assert dialog.chosen is not None and dialog.chosen.path == usb
    assert dialog.result() == QDialog.DialogCode.Accepted.value


def test_a_damaged_backup_is_marked_and_cannot_be_restored(
    qtbot, db_path: Path, example_plan_id: int, boxes: Boxes
) -> None:
    folder = backups.backups_folder(db_path)
    folder.mkdir()
    (folder / "plan-2026-11-20-080000-daglig.db").write_bytes(b"\x00" * 4096)
    dialog = RestoreDialog(db_path)
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 1
    assert dialog.model.index(0, 0).data() == "20. november 2026 kl. 08.00"
    assert dialog.model.index(0, 4).data() == "beskadiget"
    assert not dialog.restore_button.isEnabled()
    assert dialog.preview_problem.text().startswith("Denne sikkerhedskopi kan ikke gendannes")


def test_restore_waits_for_typing_that_cannot_be_stored(
    qtbot, db_path: Path, example_plan_id: int, boxes: Boxes, monkeypatch
) -> None:
    backups.make_backup(db_path, backups.DAILY)
    window = MainWindow(db_path)
    qtbot.addWidget(window)
    monkeypatch.setattr(window.session, "flush", lambda: False)
    opened: list[RestoreDialog] = []
    monkeypatch.setattr(RestoreDialog, "exec", lambda d: opened.append(d) or 0)
    window.restore_action.trigger()
    assert opened == []
    assert boxes.texts("warning")[0].startswith("Noget af det, du har skrevet, kunne ikke gemmes")


# --- unexpected errors ------------------------------------------------------------------------


@pytest.mark.qt_no_exception_capture
def test_an_error_in_the_window_is_logged_without_texts_and_the_program_goes_on(
    qtbot, closed_example: Path, boxes: Boxes
) -> None:
    from udviklingsplan_app.crashlog import log_folder

    window = _start(qtbot, closed_example)
    secret = window.session.plan.workplace
    button = QPushButton("Fejl", window)

    def broken() -> None:
        raise ValueError(f"noget gik galt med {secret}")

    button.clicked.connect(broken)
    button.click()

    assert len(boxes.shown) == 1
    kind, title, text = boxes.shown[0]
    assert (kind, title) == ("warning", "Uventet fejl")
    assert text.startswith("Der skete en uventet fejl i programmet. Det, du har gemt, er i behold")
    assert str(log_folder(closed_example)) in text
    log = (log_folder(closed_example) / "fejl.log").read_text(encoding="utf-8")
    assert "ValueError" in log
    assert f"plan_id={window.session.plan_id}" in log and "page=OverviewPage" in log
    assert secret not in log and "noget gik galt" not in log
    # Still working: a page opens and an edit is stored.
    window.show_page(5)
    plan_id = window.session.plan_id
    window.session.apply("titel", services.update_plan, plan_id, workplace="Stadig her")
    assert services.load_plan(plan_id).workplace == "Stadig her"
    _stop(window)


@pytest.mark.qt_no_exception_capture
def test_errors_while_the_message_is_open_are_logged_but_not_shown_again(
    qtbot, closed_example: Path, monkeypatch
) -> None:
    from udviklingsplan_app.crashlog import log_folder

    window = _start(qtbot, closed_example)
    shown: list[str] = []

    def warning(parent, title, text, *args):
        shown.append(text)
        try:
            raise RuntimeError("again")
        except RuntimeError:
            sys.excepthook(*sys.exc_info())
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", warning)
    try:
        raise KeyError("first")
    except KeyError:
        sys.excepthook(*sys.exc_info())
    assert len(shown) == 1
    log = (log_folder(closed_example) / "fejl.log").read_text(encoding="utf-8")
    assert "KeyError" in log and "RuntimeError" in log
    assert _started[window][1].count == 2  # type: ignore[attr-defined]
    _stop(window)


def test_a_busy_database_can_be_tried_again(
    qtbot, closed_example: Path, boxes: Boxes, monkeypatch
) -> None:
    import importlib

    from udviklingsplan_app.errors import DatabaseProblem

    database = importlib.import_module("udviklingsplan_app.storage.database")
    real_open_reader = database.open_reader
    attempts: list[Path] = []

    def busy_once(path):
        attempts.append(path)
        if len(attempts) == 1:
            raise DatabaseProblem(f"Databasen {path} er optaget af et andet program.")
        return real_open_reader(path)

    monkeypatch.setattr(database, "open_reader", busy_once)
    seen: list[StartProblemDialog] = []
    _choose(monkeypatch, StartProblemDialog.RETRY, seen)
    window = _start(qtbot, closed_example)
    assert len(seen) == 1 and len(attempts) == 2
    assert seen[0].heading.text() == "Databasen kan ikke åbnes"
    assert not seen[0].retry_button.isHidden()
    assert seen[0].restore_button.isHidden()
    assert window.session.plan.workplace == WORKPLACE
    _stop(window)


def test_a_restore_that_fails_changes_nothing_and_the_window_goes_on(
    qtbot, db_path: Path, example_plan_id: int, boxes: Boxes, monkeypatch
) -> None:
    from udviklingsplan_app.errors import DatabaseProblem

    made = backups.make_backup(db_path, backups.DAILY)
    _rename(example_plan_id, "Som nu")
    window = MainWindow(db_path)
    qtbot.addWidget(window)

    def refuse(backup, target):
        raise DatabaseProblem(f"Sikkerhedskopien {Path(backup).name} er beskadiget.")

    monkeypatch.setattr(backups, "restore_backup", refuse)

    def exec_(dialog: RestoreDialog) -> int:
        dialog.restore_button.click()
        return dialog.result()

    monkeypatch.setattr(RestoreDialog, "exec", exec_)
    window.restore_action.trigger()
    finish_all()
    assert boxes.texts("warning") == [f"Sikkerhedskopien {made.name} er beskadiget."]
    assert window.session.plan.workplace == "Som nu"
    window.session.apply("titel", services.update_plan, example_plan_id, workplace="Videre")
    assert services.load_plan(example_plan_id).workplace == "Videre"


@pytest.mark.qt_no_exception_capture
def test_an_error_in_a_worker_thread_is_shown_by_the_window_thread(
    qtbot, closed_example: Path, boxes: Boxes, monkeypatch
) -> None:
    import threading

    from PySide6.QtCore import QRunnable, QThreadPool

    from udviklingsplan_app.crashlog import log_folder

    window = _start(qtbot, closed_example)
    threads: list[bool] = []
    original = QMessageBox.warning

    def warning(*args):
        threads.append(threading.current_thread() is threading.main_thread())
        return original(*args)

    monkeypatch.setattr(QMessageBox, "warning", warning)

    class Broken(QRunnable):
        def run(self) -> None:
            raise OSError("i baggrunden")

    job = Broken()
    job.setAutoDelete(False)
    QThreadPool.globalInstance().start(job)
    qtbot.waitUntil(lambda: len(boxes.shown) == 1)
    assert threads == [True]
    assert boxes.shown[0][1] == "Uventet fejl"
    assert "OSError" in (log_folder(closed_example) / "fejl.log").read_text(encoding="utf-8")
    _stop(window)
