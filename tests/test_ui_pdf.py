"""Filer ▸ Eksportér til PDF… and Filer ▸ Udskriv… in the window (dialogs patched)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtWidgets import QDialog

from tests.ui_helpers import export_through_dialogs, export_to_locked_target
from ui.main_window import MainWindow


def _text(path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils (pdftotext) is not installed")
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True)
    return " ".join(out.stdout.decode("utf-8").split())


def test_pdf_export_runs_in_the_background_and_offers_to_open_the_file(
    window: MainWindow, qtbot, tmp_path: Path, monkeypatch
) -> None:
    assert "Eksportér til &PDF…" in [a.text() for a in window.file_menu.actions()]
    suggested, opened = export_through_dialogs(qtbot, monkeypatch, window.pdf_action, tmp_path)

    workplace = window.session.plan.workplace
    assert Path(suggested[0]).name == f"Udviklingsplan {workplace} 2026–2029.pdf"
    target = tmp_path / "plan.pdf"
    assert opened == [str(target)]
    text = _text(target)
    for goal in window.session.plan.goals:
        assert goal.title in text
    assert window.pdf_action.isEnabled()
    assert "plan.pdf" in window.statusBar().currentMessage()


def test_pdf_export_to_a_locked_target_says_so_and_keeps_the_old_file(
    window: MainWindow, qtbot, tmp_path: Path, monkeypatch
) -> None:
    target = tmp_path / "plan.pdf"
    warnings = export_to_locked_target(qtbot, monkeypatch, window.pdf_action, target)
    assert target.read_bytes() == b"old"
    assert "åben i et andet program" in warnings[0]
    assert window.pdf_action.isEnabled()


def test_printing_sends_the_same_document_to_the_chosen_printer(
    window: MainWindow, tmp_path: Path, monkeypatch
) -> None:
    printed = tmp_path / "printer.pdf"
    titles: list[str] = []

    def choose_printer(dialog: QPrintDialog) -> int:
        titles.append(dialog.windowTitle())
        dialog.printer().setOutputFileName(str(printed))  # a printer that prints to a file
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QPrintDialog, "exec", choose_printer)
    assert window.print_action.isEnabled()
    window.print_action.trigger()

    assert titles == ["Udskriv planen"]
    text = _text(printed)
    assert window.session.plan.goals[0].title in text
    assert "Side 1 af" in text
    assert "sendt til printeren" in window.statusBar().currentMessage()


def test_a_cancelled_print_dialog_prints_nothing(window: MainWindow, monkeypatch) -> None:
    monkeypatch.setattr(QPrintDialog, "exec", lambda dialog: QDialog.DialogCode.Rejected)
    window.print_action.trigger()
    assert window.statusBar().currentMessage() == ""
