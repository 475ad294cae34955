"""The dialogue loop in the window (pytest-qt): send to the manager, read the answer back.

The leader sends the plan (the e-mail opener patched), reads the manager's workbook back from
the menu or by dropping it on the window, ticks in the preview what to keep, stores it as one
step that one Ctrl+Z takes back, and sees the comments in the goal editor and on Dialoger.
"""

from __future__ import annotations

import email
import email.policy
import io
import re
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import EXAMPLE, database_dump
from tests.test_manager_answer import FORMULA, LONG, _played
from tests.ui_helpers import shown_window

pytest.importorskip("PySide6")

from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QDropEvent
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from udviklingsplan_app import services
from udviklingsplan_app.domain import Status
from udviklingsplan_app.guidance import Concern
from udviklingsplan_app.services.manager_answers import NOTHING_NEW, ItemKind
from ui.dialogs.answer_preview import AnswerPreviewDialog
from ui.main_window import DIALOGUES, GOALS, MainWindow
from ui.models.answer_preview import ABOUT, NOW, WROTE, AnswerPreviewModel
from ui.operations import finish_all


@pytest.fixture
def win(qtbot: Any, db_path: Path, example_plan_id: int) -> MainWindow:
    return shown_window(qtbot, db_path)


@pytest.fixture
def answered(win: MainWindow, tmp_path: Path) -> Path:
    """The plan exported and answered as a manager would (comments, a status, a new row)."""
    plan = win.session.plan
    assert plan is not None and plan.id is not None
    export = tmp_path / "plan.xlsx"
    services.export_plan(plan.id, export)
    return _played(export, plan, tmp_path / "svar fra Bente.xlsx")


class Preview:
    """AnswerPreviewDialog.exec patched: records what the leader sees, ticks, then answers."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.shown: list[dict[str, Any]] = []
        self.tick_status = False
        self.accept = True
        monkeypatch.setattr(AnswerPreviewDialog, "exec", lambda dialog: self._exec(dialog))

    def _exec(self, dialog: AnswerPreviewDialog) -> int:
        model = dialog.model
        rows = [
            [str(model.data(model.index(r, c)) or "") for c in (ABOUT, WROTE, NOW)]
            for r in range(model.rowCount())
        ]
        checked = [
            model.data(model.index(r, ABOUT), Qt.ItemDataRole.CheckStateRole)
            for r in range(model.rowCount())
        ]
        self.shown.append(
            {
                "headline": dialog.headline.text(),
                "explanation": dialog.explanation.text(),
                "rows": rows,
                "checked": checked,
                "save_enabled": dialog.save_button.isEnabled(),
                "kinds": [item.kind for item in model.rows],
            }
        )
        if self.tick_status:
            for row, item in enumerate(model.rows):
                if item.kind is ItemKind.STATUS:
                    model.set_ticked(row, True)
        return int(QDialog.DialogCode.Accepted if self.accept else QDialog.DialogCode.Rejected)


def _said(monkeypatch: pytest.MonkeyPatch, kind: str) -> list[str]:
    """The texts of the message boxes of ``kind`` ("warning", "information") shown, answered OK."""
    said: list[str] = []

    def box(_parent: Any, _title: str, text: str, *a: Any, **k: Any) -> Any:
        said.append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, kind, box)
    return said


def _warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    return _said(monkeypatch, "warning")


def _read_from_menu(win: MainWindow, monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    win.answer_action.trigger()
    finish_all()


def _drop(win: MainWindow, *paths: Path) -> None:
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    event = QDropEvent(
        QPoint(10, 10),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    win.dropEvent(event)
    finish_all()


def _stored(win: MainWindow) -> tuple[list[str], dict[str, Status]]:
    plan = services.load_plan(win.session.plan_id or 0)
    texts = [c.text for g in plan.goals for c in g.manager_comments]
    texts += [c.quoted for c in plan.manager_comments]
    return texts, {g.uid: g.status for g in plan.goals}


# --- the preview model ----------------------------------------------------------------------


def test_the_preview_model_passes_the_model_tester(
    qtmodeltester: Any, win: MainWindow, answered: Path
) -> None:
    from udviklingsplan_app.services.manager_answers import preview_answer

    preview = preview_answer(win.session.plan_id, answered)
    model = AnswerPreviewModel(preview)
    qtmodeltester.check(model)
    kinds = [item.kind for item in model.rows]
    status_row = kinds.index(ItemKind.STATUS)
    assert model.data(model.index(status_row, WROTE)).startswith("Din leder foreslår »Nået« – nu")
    # Comments ticked, the suggestion not.
    ticks = [
        model.data(model.index(r, ABOUT), Qt.ItemDataRole.CheckStateRole)
        for r in range(model.rowCount())
    ]
    assert ticks[status_row] == Qt.CheckState.Unchecked.value
    assert all(t == Qt.CheckState.Checked.value for r, t in enumerate(ticks) if r != status_row)
    # A 5,000-character comment is shortened in its cell, whole in its tooltip.
    long_row = next(r for r, item in enumerate(model.rows) if item.text == LONG)
    assert len(model.data(model.index(long_row, WROTE))) < 500
    assert model.data(model.index(long_row, WROTE), Qt.ItemDataRole.ToolTipRole) == LONG


# --- reading the answer back ----------------------------------------------------------------


def test_preview_then_keep_stores_ticked_items_as_one_step_undone_by_one_ctrl_z(
    win: MainWindow, answered: Path, monkeypatch: pytest.MonkeyPatch, db_path: Path
) -> None:
    preview = Preview(monkeypatch)
    preview.tick_status = True
    plan = win.session.plan
    assert plan is not None
    third = plan.goals[2]
    before_texts, before_status = _stored(win)
    steps = win.session.undo_stack.count()
    _read_from_menu(win, monkeypatch, answered)

    (shown,) = preview.shown
    assert shown["headline"] == (
        "Din leder har skrevet 4 kommentarer og 1 statusforslag i svar fra Bente.xlsx."
    )
    assert re.search(r"eksporteret \d{1,2}\. [a-zæøå]+ \d{4}\.", shown["explanation"])
    rows = [" | ".join(r) for r in shown["rows"]]
    assert any(FORMULA in r and f"»{plan.goals[0].title}«" in r for r in rows)
    assert any("Din leder foreslår »Nået« – nu »" in r for r in rows)
    assert any("Ny række fra din leder: »Fælles kursus i ÆØÅ«" in r for r in rows)
    assert any("Planen som helhed" in r and "Fin plan." in r for r in rows)

    texts, statuses = _stored(win)
    assert FORMULA in texts and LONG in texts and "Fin plan.\nLad os tale om år 2." in texts
    assert "»Fælles kursus i ÆØÅ«: Et nyt mål, jeg foreslår." in texts
    assert statuses[third.uid] is Status.NAAET
    assert win.session.undo_stack.count() == steps + 1
    assert "Gemt i planen: 4 kommentarer og 1 ny status fra din leder." in (win.notice_text.text())
    assert win.notice.property("info") is True  # good news: the calm blue bar
    assert win.undo_action.text().replace("&", "") == "Fortryd kommentarer fra din leder"

    win.undo_action.trigger()
    assert _stored(win) == (before_texts, before_status)


def test_a_status_suggestion_is_not_applied_unless_ticked(
    win: MainWindow, answered: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    Preview(monkeypatch)  # the leader keeps the default ticks
    plan = win.session.plan
    assert plan is not None
    status_before = plan.goals[2].status
    _read_from_menu(win, monkeypatch, answered)
    texts, statuses = _stored(win)
    assert FORMULA in texts
    assert statuses[plan.goals[2].uid] is status_before


def test_cancel_stores_nothing_and_the_same_answer_twice_adds_nothing(
    win: MainWindow, answered: Path, monkeypatch: pytest.MonkeyPatch, db_path: Path
) -> None:
    preview = Preview(monkeypatch)
    preview.accept = False
    before = database_dump(db_path)
    _read_from_menu(win, monkeypatch, answered)
    assert database_dump(db_path) == before
    assert "Intet er gemt fra svar fra Bente.xlsx" in win.notice_text.text()

    preview.accept = True
    _read_from_menu(win, monkeypatch, answered)
    stored = database_dump(db_path)
    _read_from_menu(win, monkeypatch, answered)
    assert database_dump(db_path) == stored
    last = preview.shown[-1]
    assert last["headline"] == NOTHING_NEW and not last["save_enabled"]
    assert all("Læst ind før" in row[2] for row in last["rows"])
    assert "flueben" not in last["explanation"]  # nothing to tick: not told to tick
    assert "allerede gemt i planen" in last["explanation"]
    assert "Sæt flueben" in preview.shown[0]["explanation"]
    assert NOTHING_NEW in win.notice_text.text()


def test_dropping_the_workbook_on_the_window_opens_the_preview(
    win: MainWindow, answered: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    preview = Preview(monkeypatch)
    _drop(win, answered)
    assert len(preview.shown) == 1
    assert FORMULA in _stored(win)[0]


def test_a_zip_bomb_dropped_is_refused_with_its_message_and_nothing_changes(
    win: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, db_path: Path
) -> None:
    from tests.test_workbook_gate import _deflated_zeros, _zip_with_raw_entry

    plan_id = win.session.plan_id
    assert plan_id is not None
    export = tmp_path / "plan.xlsx"
    services.export_plan(plan_id, export)
    size = 1 << 30
    packed, crc = _deflated_zeros(size)
    bomb = _zip_with_raw_entry(
        tmp_path / "svar.xlsx", export, "xl/worksheets/sheet99.xml", packed, crc, size
    )
    preview = Preview(monkeypatch)
    said = _warnings(monkeypatch)
    before = database_dump(db_path)
    _drop(win, bomb)
    assert preview.shown == []
    assert len(said) == 1 and "pakker sig ud" in said[0]
    assert database_dump(db_path) == before


def test_a_text_file_renamed_xlsx_is_refused_in_danish(
    win: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, db_path: Path
) -> None:
    fake = tmp_path / "svar.xlsx"
    fake.write_text("Kære leder,\nher er planen.", encoding="utf-8")
    said = _warnings(monkeypatch)
    before = database_dump(db_path)
    _drop(win, fake)
    assert len(said) == 1 and "Traceback" not in said[0] and said[0]
    assert database_dump(db_path) == before


def test_dropping_a_plan_file_offers_the_import(
    qtbot: Any, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = MainWindow(db_path)  # an empty database
    qtbot.addWidget(window)
    window.show()
    asked: list[str] = []

    def question(_parent: Any, _title: str, text: str, *a: Any, **k: Any) -> Any:
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    _drop(window, EXAMPLE)
    assert asked == [f"Vil du importere planen fra overdragelsesfilen {EXAMPLE.name}?"]
    assert len(services.list_plans()) == 1
    assert window.session.plan is not None


def test_dropping_something_else_says_what_to_drop(win: MainWindow, tmp_path: Path) -> None:
    other = tmp_path / "billede.png"
    other.write_bytes(b"\x89PNG")
    _drop(win, other)
    assert "Træk én fil hertil" in win.notice_text.text()


# --- sending --------------------------------------------------------------------------------


def _send(win: MainWindow, monkeypatch: pytest.MonkeyPatch, target: Path, opens: bool) -> list[str]:
    opened: list[str] = []

    def open_url(url: QUrl) -> bool:
        opened.append(url.toLocalFile())
        return opens

    monkeypatch.setattr(QDesktopServices, "openUrl", open_url)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    win.send_action.trigger()
    finish_all()
    return opened


def test_send_writes_the_workbook_and_a_draft_to_the_manager_and_opens_it(
    win: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import openpyxl

    plan_id = win.session.plan_id
    assert plan_id is not None
    win.session.apply("e-mail", services.update_plan, plan_id, manager_email="bente@sof.kk.dk")
    draft = tmp_path / "til lederen.eml"
    opened = _send(win, monkeypatch, draft, opens=True)
    assert opened == [str(draft)]
    message = email.message_from_bytes(draft.read_bytes(), policy=email.policy.default)
    assert message["X-Unsent"] == "1"
    assert "bente@sof.kk.dk" in str(message["To"])
    assert str(message["Subject"]).startswith("Udviklingsplan for Den Sociale Hjemmepleje")
    (attachment,) = list(message.iter_attachments())
    assert attachment.get_filename().endswith(".xlsx")
    workbook = openpyxl.load_workbook(io.BytesIO(attachment.get_content()))
    assert "Udviklingsmål" in workbook.sheetnames
    beside = draft.with_name(attachment.get_filename())
    assert beside.exists()
    assert "åbnet som kladde" in win.notice_text.text()
    assert win.notice.property("info") is True  # good news: the calm blue bar
    assert "ingen modtager" not in win.notice_text.text()


def test_send_without_an_address_or_a_mail_program_explains_calmly(
    win: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    draft = tmp_path / "kladde"  # the suffix is added
    opened = _send(win, monkeypatch, draft, opens=False)
    eml = tmp_path / "kladde.eml"
    assert opened == [str(eml), str(tmp_path)]  # the draft, then its folder
    message = email.message_from_bytes(eml.read_bytes(), policy=email.policy.default)
    assert message["To"] is None and message["X-Unsent"] == "1"
    notice = win.notice_text.text()
    assert "mappen med filerne er åbnet" in notice
    assert "ingen modtager" in notice and "Planens oplysninger" in notice


# --- the comments shown ---------------------------------------------------------------------


def _tips(win: MainWindow) -> list[str]:
    model = win.findings_dock().model
    return [model.finding(r).message for r in range(model.rowCount())]


def test_comments_show_in_the_goal_editor_and_on_dialoger_and_are_then_seen(
    win: MainWindow, answered: Path, monkeypatch: pytest.MonkeyPatch, qtbot: Any
) -> None:
    Preview(monkeypatch)
    _read_from_menu(win, monkeypatch, answered)
    assert any("Din leder har kommenteret" in tip for tip in _tips(win))
    assert any("til planen" in tip and "Dialoger" in tip for tip in _tips(win))
    plan = win.session.plan
    assert plan is not None
    first = plan.goals[0]
    win.go_to(Concern("goal", year=first.year, goal_uid=first.uid, vision=first.vision))
    editor = win.page(GOALS).editor  # type: ignore[attr-defined]
    tabs = editor.sections
    index = tabs.indexOf(editor.comments_view.parentWidget())
    assert tabs.isTabVisible(index) and tabs.currentIndex() == index
    assert tabs.tabText(index) == "Kommentarer (1)"
    shown = editor.comments_view.toPlainText()
    assert FORMULA in shown and "svar fra Bente.xlsx" in shown
    qtbot.waitUntil(
        lambda: all(c.seen for c in services.load_plan(plan.id or 0).goals[0].manager_comments)
    )

    page = win.show_page(DIALOGUES)
    shown = page.comments_view.toPlainText()  # type: ignore[attr-defined]
    assert "Fin plan." in shown and "»Fælles kursus i ÆØÅ«" in shown
    qtbot.waitUntil(lambda: all(c.seen for c in services.load_plan(plan.id or 0).manager_comments))
    assert not any("til planen" in tip for tip in _tips(win))


def _informed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    return _said(monkeypatch, "information")


def test_the_dialoger_page_sends_and_reads_the_answer_back(
    win: MainWindow, answered: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    page = win.show_page(DIALOGUES)
    assert page.comments_view.isHidden()  # type: ignore[attr-defined]
    assert "Ingen kommentarer endnu" in page.no_comments.text()  # type: ignore[attr-defined]
    said = _informed(monkeypatch)
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.path()) or 1)
    draft = tmp_path / "til lederen.eml"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(draft), ""))
    page.send_button.click()  # type: ignore[attr-defined]
    finish_all()
    assert draft.exists() and len(opened) == 1
    assert said and "åbnet som kladde" in said[-1]

    Preview(monkeypatch)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(answered), ""))
    page.answer_button.click()  # type: ignore[attr-defined]
    finish_all()
    assert "Gemt i planen: 4 kommentarer fra din leder." in said[-1]
    assert not page.comments_view.isHidden()  # type: ignore[attr-defined]
    assert page.no_comments.isHidden()  # type: ignore[attr-defined]
    assert "Fin plan." in page.comments_view.toPlainText()  # type: ignore[attr-defined]


def test_the_guides_last_step_sends_to_the_manager(
    qtbot: Any, db_path: Path, example_plan_id: int, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from tests.test_ui_guide import REVIEW, click, start_guide

    window = MainWindow(db_path)
    qtbot.addWidget(window)
    window.show()
    assert window.finish_start()
    guide = start_guide(qtbot, window)
    click(qtbot, guide.next_button)
    guide.go(REVIEW)
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.path()) or 1)
    draft = tmp_path / "kladde.eml"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(draft), ""))
    click(qtbot, guide.current_step().send_button)
    finish_all()
    assert draft.exists() and opened == [str(draft)]
    assert "åbnet som kladde" in guide.notice_text.text()


def test_a_goal_renamed_since_the_export_says_so_with_the_exported_title(
    win: MainWindow, answered: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = win.session.plan
    assert plan is not None
    first = plan.goals[0]
    assert first.id is not None
    win.session.apply("titel", services.update_goal, first.id, title="Et nyt navn")
    preview = Preview(monkeypatch)
    _read_from_menu(win, monkeypatch, answered)
    (shown,) = preview.shown
    row = next(r for r in shown["rows"] if FORMULA in r[1])
    assert row[0] == "»Et nyt navn«"
    assert f"da det hed »{first.title}«" in row[2]
