"""The notice bars: a refused text's reason goes once the leader has fixed the text (in the
main window and in the guide), and a success is told in a calm style of its own."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from tests.ui_helpers import edit_cell, shown_window
from ui.guide import PlanGuide, open_new_plan_guide
from ui.guide.guide import DIALOGUES
from ui.main_window import MainWindow
from ui.models.goal_parts import MeasurementsModel


@pytest.fixture
def window(qtbot, db_path: Path, example_plan_id: int) -> MainWindow:
    return shown_window(qtbot, db_path, started=True)


def test_a_fixed_date_takes_its_refusal_out_of_both_bars(qtbot, window: MainWindow) -> None:
    guide = open_new_plan_guide(window)
    assert isinstance(guide, PlanGuide)
    guide.steps[0].workplace.setText("Bostedet Lærkevej")
    guide.next()
    guide.go(DIALOGUES)
    date = guide.current_step().dates[next(iter(guide.current_step().dates))]
    date.setFocus()
    date.selectAll()
    qtbot.keyClicks(date, "31.2.2027")
    qtbot.keyClick(date, Qt.Key.Key_Return)
    message = "»31.2.2027« er ikke en dato – februar 2027 har 28 dage."
    assert guide.notice_text.text() == message and not guide.notice.isHidden()
    assert message in window.notice_text.text() and window.notice_shown()
    assert window.session.last_failure == message

    date.selectAll()
    qtbot.keyClicks(date, "28.2.2027")
    qtbot.keyClick(date, Qt.Key.Key_Return)
    assert date.text() == "28. februar 2027"
    assert guide.notice.isHidden()
    assert not window.notice_shown()
    assert window.session.last_failure == ""
    guide.close()
    assert not window.notice_shown()  # nor does it come back when the guide closes


def test_another_message_stays_when_an_older_refusal_is_fixed(qtbot, window: MainWindow) -> None:
    window.show_notice("Sikkerhedskopien kunne ikke tages.", lasting=True)
    window.session.settled.emit("»31.2.2027« er ikke en dato – februar 2027 har 28 dage.")
    assert window.notice_shown()


def test_a_fixed_number_takes_its_refusal_away(qtbot, window, parts) -> None:
    parts.tabs.setCurrentIndex(1)
    # Typed beside "Tilføj måling".
    parts.measurement_value.setText("tolv")
    parts._on_add_measurement()
    assert "»tolv« er ikke et tal" in window.notice_text.text() and window.notice_shown()
    parts.measurement_value.setText("12")
    parts._on_add_measurement()
    assert not window.notice_shown()

    # Typed into a measurement's cell.
    model, view = parts.measurements_model, parts.measurements_view
    index = model.index(0, MeasurementsModel.VALUE)
    editor = edit_cell(qtbot, view, index)
    qtbot.keyClicks(editor, "ni")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "»ni«" in window.notice_text.text())
    assert "»ni« er ikke et tal" in window.notice_text.text() and window.notice_shown()
    assert model.setData(index, "9,5")
    assert "9,5" in [model.index(r, MeasurementsModel.VALUE).data() for r in range(4)]
    assert not window.notice_shown()


def _bar_colour(window: MainWindow):
    """The bar's background as the leader sees it (left of the text)."""
    image = window.notice.grab().toImage()
    return image.pixelColor(4, image.height() // 2).name()


def test_an_import_done_is_told_in_calm_blue_and_a_refusal_in_amber(
    qtbot, db_path: Path, monkeypatch
) -> None:
    from PySide6.QtWidgets import QFileDialog

    from tests.conftest import EXAMPLE
    from ui.operations import finish_all

    win = shown_window(qtbot, db_path)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(EXAMPLE), ""))
    win.import_action.trigger()
    finish_all()
    assert "er importeret" in win.notice_text.text() and win.notice_shown()
    assert _bar_colour(win) == "#e3eef9"  # calm blue: good news

    win.session.failed.emit("Titlen må højst være 200 tegn.")
    assert "200 tegn" in win.notice_text.text()
    assert _bar_colour(win) == "#fdf0d5"  # amber: something was refused


def test_a_fixed_text_takes_its_refusal_away(qtbot, window: MainWindow) -> None:

    from ui.widgets.autosave import AutoSave

    stored: list[str] = []
    message = "Teksten må højst være 5 tegn."

    def save(text: str) -> None:
        if len(text) > 5:
            window.session.failed.emit(message)
        else:
            stored.append(text)

    field = QLineEdit()
    qtbot.addWidget(field)
    saver = AutoSave(window.session, field, save)
    field.setText("for lang")
    saver.save_now()
    assert window.notice_shown() and message in window.notice_text.text()
    field.setText("kort")
    saver.save_now()
    assert stored == ["kort"]
    assert not window.notice_shown()
