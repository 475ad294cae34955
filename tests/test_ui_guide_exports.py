"""The guide's last step offers the plan as Excel and as PDF."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QFileDialog, QMessageBox

from tests.ui_helpers import guide_at, shown_window
from ui.guide.guide import REVIEW
from ui.guide.review_step import ReviewStep
from ui.operations import running


def test_the_last_step_exports_the_plan_as_pdf(
    qtbot, db_path: Path, example_plan_id: int, tmp_path: Path, monkeypatch
) -> None:
    window = shown_window(qtbot, db_path, started=True)
    guide = guide_at(window, example_plan_id, 2026, REVIEW)
    step = guide.current_step()
    assert isinstance(step, ReviewStep)
    assert "Excel eller PDF" in guide.why_label.text()
    assert step.pdf_button.text() == "Eksportér til &PDF…" and step.pdf_button.isVisible()
    target = tmp_path / "plan"  # without the extension: .pdf is added
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    monkeypatch.setattr(QMessageBox, "exec", lambda self: 0)
    step.pdf_button.click()
    QThreadPool.globalInstance().waitForDone()
    qtbot.waitUntil(lambda: running() == [], timeout=20000)
    written = tmp_path / "plan.pdf"
    assert written.exists() and written.read_bytes().startswith(b"%PDF")
    guide.close()
