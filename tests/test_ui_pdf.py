"""Filer ▸ Eksportér til PDF… and Filer ▸ Udskriv… in the window (dialogs patched)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QThreadPool
from PySide6.QtGui import QDesktopServices
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from ui.main_window import MainWindow


def _text(path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils (pdftotext) is not installed")
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True)
    return " ".join(out.stdout.decode("utf-8").split())


def test_pdf_export_runs_in_the_background_and_offers_to_open_the_file(
    window: MainWindow, qtbot, tmp_path: Path, monkeypatch
) -> None:
    suggested: list[str] = []

    def save_name(_parent, _caption, directory, _filter):
        suggested.append(directory)
        return str(tmp_path / "plan"), ""

    opened: list[str] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_name)
    monkeypatch.setattr(QMessageBox, "exec", lambda box: box.buttons()[0].click())
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()))

    assert "Eksportér til &PDF…" in [a.text() for a in window.file_menu.actions()]
    window.pdf_action.trigger()
    qtbot.waitUntil(lambda: bool(opened), timeout=20000)

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
    target.write_bytes(b"old")
    warnings: list[str] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(target), ""))
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))

    def refuse(_source: object, _target: object) -> None:
        raise PermissionError(13, "The process cannot access the file", str(target))

    monkeypatch.setattr("os.replace", refuse)
    window.pdf_action.trigger()
    qtbot.waitUntil(lambda: bool(warnings), timeout=20000)
    QThreadPool.globalInstance().waitForDone()
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
