"""The goal editor in sections: the status at the top, the rest in tabs that fill the height.

The goal editor (:class:`ui.editors.goal_editor.GoalEditor`) is built as one long column, which the
guide's goal step uses. On the Udviklingsmål page beside the goal list, a long column on a
1366×768 laptop means a narrow page that scrolls, with lists scrolling inside it. There the
same fields are arranged by :func:`arrange_in_sections`: heading, links and the status (with
its note) stay on top; the goal itself, the strategy's inspiration, the signs of success, the
actions and indicators, and the status history each fill a tab, so every list has the height
of the page and only the lists scroll.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLayout,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ui.widgets.compact_tabs import fit_tabs
from ui.widgets.labels import muted_label
from ui.widgets.remembered import user_settings

if TYPE_CHECKING:
    from ui.editors.goal_editor import GoalEditor

TAB_KEY = "goals_page/editor_tab"  # the section last shown, by its object name


def _move(widget: QWidget, parent: QWidget) -> None:
    """Give the widget a new parent, keeping whether it was shown."""
    hidden = widget.isHidden()
    widget.setParent(parent)
    widget.setVisible(not hidden)


def _empty(layout: QLayout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        inner = item.layout() if item is not None else None
        if inner is not None:
            _empty(inner)


def _drop_layout(widget: QWidget) -> None:
    """Forget the widget's layout (its widgets stay, without a layout) so it can get a new one."""
    old = widget.layout()
    if old is not None:
        _empty(old)
        shiboken6.delete(old)  # with its (now empty) inner layouts


def _page(tabs: QTabWidget, name: str) -> tuple[QWidget, QVBoxLayout]:
    page = QWidget(tabs)
    page.setObjectName(name)
    layout = QVBoxLayout(page)
    return page, layout


class _FittedBody(QWidget):
    """The editor's page: as high as the window (the tabs take what is left), not as high as
    its wrapped texts would like, so the page itself does not scroll on a small screen."""

    def heightForWidth(self, width: int) -> int:
        return self.minimumSizeHint().height()


def use_sections(editor: GoalEditor) -> None:
    """Status on top and the rest in tabs (the Udviklingsmål page)."""
    editor.sections = arrange_in_sections(editor)
    editor.order_tabs()


def arrange_in_sections(editor: GoalEditor) -> QTabWidget:
    """Rearrange the editor's fields into a top part and tabs; returns the tabs."""
    old_body = editor.takeWidget()
    body = _FittedBody(editor)
    layout = QVBoxLayout(body)
    layout.setContentsMargins(4, 4, 4, 0)
    layout.setSpacing(4)

    top = QHBoxLayout()
    _move(editor.heading, body)
    _move(editor.move_button, body)
    top.addWidget(editor.heading, 1)
    top.addWidget(editor.move_button, 0, Qt.AlignmentFlag.AlignTop)
    layout.addLayout(top)
    _move(editor.link_label, body)
    layout.addWidget(editor.link_label)

    # The status near the top, on two lines: the new status; its note with the button. (On
    # one line, beside the goal list and the Vejledning on a 1366-pixel screen, the note was
    # squeezed to a few letters.)
    status = editor.status_box
    _move(status, body)
    _drop_layout(status)
    status.setTitle("")  # the lines say it: "Ny status: … Bemærkning: …"
    status.setAccessibleName(editor.tr("Status"))
    grid = QGridLayout(status)
    grid.setContentsMargins(6, 4, 6, 4)
    grid.setVerticalSpacing(4)
    grid.addWidget(editor.status_label, 0, 0)
    grid.addWidget(editor.status_combo, 0, 1, Qt.AlignmentFlag.AlignLeft)
    grid.addWidget(editor.note_label, 1, 0)
    grid.addWidget(editor.note_edit, 1, 1)
    grid.addWidget(editor.register_button, 1, 2)
    grid.setColumnStretch(1, 1)
    layout.addWidget(status)

    tabs = QTabWidget(body)
    tabs.setObjectName("goal_sections")
    tabs.setAccessibleName(editor.tr("Målets afsnit"))
    tabs.setDocumentMode(True)
    # Every tab stays in sight, even six of them beside the Vejledning on a 1366-pixel screen
    # (behind scroll arrows "Målet" slid off to the left); every tab has a tooltip with its name.
    fit_tabs(tabs)

    page, box = _page(tabs, "goal")
    form = QFormLayout()
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
    for label, field in (
        (editor.title_label, editor.title_edit),
        (editor.vision_label, editor.vision_combo),
        (editor.theme_label, editor.theme_combo),
        (editor.owner_label, editor.owner_edit),
    ):
        _move(label, page)
        _move(field, page)
        form.addRow(label, field)
    box.addLayout(form)
    _move(editor.rationale_label, page)
    _move(editor.rationale_edit, page)
    box.addWidget(editor.rationale_label)
    box.addWidget(editor.rationale_edit, 1)
    tabs.addTab(page, editor.tr("Målet"))
    tabs.setTabToolTip(0, editor.tr("Målet: titel, vision, tema, ansvarlig og begrundelse"))

    page, box = _page(tabs, "inspiration")
    _move(editor.inspiration, page)
    box.addWidget(editor.inspiration)
    tabs.addTab(page, editor.tr("Inspiration"))
    tabs.setTabToolTip(1, editor.tr("Inspiration fra strategien: teksten om målets vision og tema"))

    page, box = _page(tabs, "signs")
    box.setContentsMargins(0, 0, 0, 0)
    _move(editor.success_box, page)
    success = editor.success_box.layout()
    if success is not None:
        success.setContentsMargins(9, 9, 9, 9)
        _stretch(success, editor.signs_view, 3)
        _stretch(success, editor.criteria_edit, 1)
    box.addWidget(editor.success_box)
    tabs.addTab(page, editor.tr("Tegn på succes"))
    tabs.setTabToolTip(2, editor.tr("Tegn på succes"))  # the framework's word (_set_framework)

    page, box = _page(tabs, "parts")
    box.setContentsMargins(0, 0, 0, 0)
    _move(editor.parts, page)
    parts = editor.parts.layout()
    if parts is not None:
        parts.setContentsMargins(0, 4, 0, 0)
    box.addWidget(editor.parts)
    tabs.addTab(page, editor.tr("Handlinger"))
    tabs.setTabToolTip(3, editor.tr("Handlinger, indikatorer med målinger og inddragelse"))

    page, box = _page(tabs, "history")
    _move(editor.history_label, page)
    _move(editor.history_view, page)
    box.addWidget(editor.history_label)
    box.addWidget(editor.history_view, 1)
    tabs.addTab(page, editor.tr("Historik"))
    tabs.setTabToolTip(4, editor.tr("Statushistorik: målets status og bemærkninger over tid"))

    page, box = _page(tabs, "comments")
    box.addWidget(muted_label(editor.tr("Kommentarer fra din leder, nyeste først:"), page))
    _move(editor.comments_view, page)
    box.addWidget(editor.comments_view, 1)
    tabs.addTab(page, editor.tr("Kommentarer"))
    tabs.setTabToolTip(5, editor.tr("Det, din leder har skrevet om målet, nyeste først"))
    tabs.setTabVisible(5, False)  # shown when the goal has comments (GoalEditor.set_goal)

    layout.addWidget(tabs, 1)
    editor.setWidget(body)
    if old_body is not None:
        old_body.deleteLater()

    # In tabs that fill the page the lists need no height of their own beyond a few lines.
    lines = editor.fontMetrics().lineSpacing()
    editor.inspiration.setMinimumHeight(lines * 4)
    editor.signs_view.setMinimumHeight(lines * 5)
    editor.history_view.setMinimumHeight(lines * 4)
    editor.rationale_edit.setMinimumHeight(lines * 3)

    _remember_tab(tabs, user_settings())
    return tabs


def _stretch(layout: QLayout, widget: QWidget, factor: int) -> None:
    if isinstance(layout, QVBoxLayout):
        layout.setStretchFactor(widget, factor)


def _remember_tab(tabs: QTabWidget, settings: QSettings) -> None:
    name = settings.value(TAB_KEY, "", str)
    for index in range(tabs.count()):
        if tabs.widget(index).objectName() == name:
            tabs.setCurrentIndex(index)
    tabs.currentChanged.connect(
        lambda index: user_settings().setValue(TAB_KEY, tabs.widget(index).objectName())
    )
