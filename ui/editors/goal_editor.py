"""The goal editor: every field of one goal, stored at once through the session (used by the
Udviklingsmål page and the guide's goal step)."""

from __future__ import annotations

import html
from itertools import pairwise

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from udviklingsplan_app import services
from udviklingsplan_app.domain import Goal, Plan, Status
from udviklingsplan_app.framework import Framework, Vision
from ui.editors.goal_parts import GoalPartsEditor
from ui.models.goals import StatusHistoryModel, SuccessSignsModel
from ui.session import PlanSession
from ui.widgets.autosave import AutoSave, plain
from ui.widgets.combo import fill_combo
from ui.widgets.labels import vision_label, with_mnemonic
from ui.widgets.manager_comments import ManagerCommentsView
from ui.widgets.pending_entry import PendingEntry

_Index = QModelIndex | QPersistentModelIndex

# Mnemonics already used in the window (menus Filer, Rediger, Vis, Hjælp; the plan picker) and
# on this page; the framework's own words (Vision, Indsatsområde …) get a free letter of theirs.
# "t" is the editor's Flyt til år here and Tilbage in the guide, which hides that button.
TAKEN_KEYS = frozenset("frvhp" + "nsd" + "åuø" + "tebaygkm" + "jlioæ")  # + goal_parts.py


# --- the goal editor ------------------------------------------------------------------------


def _lines(widget: QWidget, count: float) -> int:
    """The height of ``count`` lines of text in the widget's font (scales with the display)."""
    return int(widget.fontMetrics().lineSpacing() * count)


class GoalEditor(QScrollArea):
    """Every field of one goal; each edit is stored at once through the session."""

    #: The leader clicked a link to another goal (carried over from or to); its uid.
    goalLinkActivated = Signal(str)

    def __init__(self, session: PlanSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.uid: str | None = None
        self._status_uid: str | None = None  # the goal whose status the leader is choosing
        self._shown_status: Status | None = None
        self._framework_id = ""
        self._inspiration = ""
        self.sections: QTabWidget | None = None  # the tabs, once arranged in sections
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self._build_view()
        self._connect_callbacks()

    def _build_view(self) -> None:
        body = QWidget(self)
        layout = QVBoxLayout(body)
        self.heading = QLabel(body)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.heading.setFont(font)
        self.heading.setWordWrap(True)
        self.move_button = QPushButton(self.tr("Flyt &til år"), body)
        self.move_button.setToolTip(
            self.tr(
                "Flyt målet med alt, hvad det rummer, til et andet år i planen. "
                "Skal målet fortsætte næste år, så brug »Viderefør til næste år…«."
            )
        )
        self.move_menu = QMenu(self.move_button)
        self.move_group = QActionGroup(self.move_menu)
        self.move_group.setExclusive(True)
        self.move_button.setMenu(self.move_menu)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.move_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)
        self.link_label = QLabel(body)
        self.link_label.setTextFormat(Qt.TextFormat.RichText)
        self.link_label.setWordWrap(True)
        self.link_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        self.link_label.hide()
        layout.addWidget(self.link_label)
        # The manager's comments on the goal (from a returned workbook), when there are any.
        self.comments_box = QGroupBox(self.tr("Kommentarer fra din leder"), body)
        comments_layout = QVBoxLayout(self.comments_box)
        self.comments_view = ManagerCommentsView(self.comments_box)
        self.comments_view.setMinimumHeight(_lines(self, 5))
        comments_layout.addWidget(self.comments_view)
        self.comments_box.hide()
        layout.addWidget(self.comments_box)

        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.title_label = QLabel(self.tr("T&itel:"), body)
        self.title_edit = QLineEdit(body)
        self.title_label.setBuddy(self.title_edit)
        form.addRow(self.title_label, self.title_edit)
        self.vision_label = QLabel(body)
        self.vision_combo = QComboBox(body)
        self.vision_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.vision_combo.setMinimumContentsLength(20)
        self.vision_label.setBuddy(self.vision_combo)
        form.addRow(self.vision_label, self.vision_combo)
        self.theme_label = QLabel(self.tr("T&ema:"), body)
        self.theme_combo = QComboBox(body)
        self.theme_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.theme_combo.setMinimumContentsLength(20)
        self.theme_label.setBuddy(self.theme_combo)
        form.addRow(self.theme_label, self.theme_combo)
        layout.addLayout(form)

        self.inspiration_box = QGroupBox(self.tr("Inspiration fra strategien"), body)
        inspiration_layout = QVBoxLayout(self.inspiration_box)
        self.inspiration = QTextBrowser(self.inspiration_box)
        self.inspiration.setOpenLinks(False)
        self.inspiration.setAccessibleName(self.tr("Inspiration fra strategien"))
        self.inspiration.setMinimumHeight(_lines(self, 9))
        inspiration_layout.addWidget(self.inspiration)
        layout.addWidget(self.inspiration_box)

        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.rationale_label = QLabel(self.tr("&Begrundelse:"), body)
        self.rationale_edit = QPlainTextEdit(body)
        self.rationale_edit.setTabChangesFocus(True)
        self.rationale_edit.setPlaceholderText(
            self.tr("Hvorfor dette mål – set i lyset af arbejdspladsens aktuelle situation")
        )
        self.rationale_edit.setMinimumHeight(_lines(self, 4.5))
        self.rationale_label.setBuddy(self.rationale_edit)
        form.addRow(self.rationale_label, self.rationale_edit)
        self.owner_label = QLabel(self.tr("&Ansvarlig:"), body)
        self.owner_edit = QLineEdit(body)
        self.owner_label.setBuddy(self.owner_edit)
        form.addRow(self.owner_label, self.owner_edit)
        layout.addLayout(form)

        self.success_box = QFrame(body)
        success_layout = QVBoxLayout(self.success_box)
        success_layout.setContentsMargins(0, 0, 0, 0)
        self.signs_label = QLabel(self.success_box)
        self.signs_label.setWordWrap(True)
        self.signs_model = SuccessSignsModel(self)
        self.signs_view = QListView(self.success_box)
        self.signs_view.setModel(self.signs_model)
        self.signs_view.setWordWrap(True)
        self.signs_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.signs_view.setMinimumHeight(_lines(self, 12))
        self.signs_label.setBuddy(self.signs_view)
        success_layout.addWidget(self.signs_label)
        success_layout.addWidget(self.signs_view)
        self.criteria_label = QLabel(
            self.tr("Egne succes&kriterier (ét pr. linje):"), self.success_box
        )
        self.criteria_edit = QPlainTextEdit(self.success_box)
        self.criteria_edit.setTabChangesFocus(True)
        self.criteria_edit.setMinimumHeight(_lines(self, 4))
        self.criteria_label.setBuddy(self.criteria_edit)
        success_layout.addWidget(self.criteria_label)
        success_layout.addWidget(self.criteria_edit)
        layout.addWidget(self.success_box)

        self.parts = GoalPartsEditor(self.session, body)
        layout.addWidget(self.parts)

        self.status_box = QGroupBox(self.tr("Status"), body)
        status_layout = QVBoxLayout(self.status_box)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.status_label = QLabel(self.tr("N&y status:"), self.status_box)
        self.status_box.setToolTip(
            self.tr(
                "En ny status gemmes med bemærkningen, når du trykker Enter eller "
                "»Registrér status«, går videre til noget andet eller et andet mål."
            )
        )
        self.status_combo = QComboBox(self.status_box)
        for status in Status:
            self.status_combo.addItem(status.label, status.value)
        self.status_label.setBuddy(self.status_combo)
        form.addRow(self.status_label, self.status_combo)
        self.note_label = QLabel(self.tr("Be&mærkning:"), self.status_box)
        self.note_edit = QLineEdit(self.status_box)
        self.note_edit.setPlaceholderText(self.tr("Hvor står målet – fx efter midtvejsdialogen"))
        self.note_label.setBuddy(self.note_edit)
        form.addRow(self.note_label, self.note_edit)
        status_layout.addLayout(form)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.register_button = QPushButton(self.tr("Re&gistrér status"), self.status_box)
        buttons.addWidget(self.register_button)
        status_layout.addLayout(buttons)
        self.history_label = QLabel(self.tr("Statushistorik (nyeste først):"), self.status_box)
        self.history_model = StatusHistoryModel(self)
        self.history_view = QListView(self.status_box)
        self.history_view.setModel(self.history_model)
        self.history_view.setAccessibleName(self.tr("Statushistorik"))
        self.history_view.setWordWrap(True)
        self.history_view.setAlternatingRowColors(True)
        self.history_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history_view.setMinimumHeight(_lines(self, 7))
        self.history_label.setBuddy(self.history_view)
        status_layout.addWidget(self.history_label)
        status_layout.addWidget(self.history_view)
        layout.addWidget(self.status_box)
        layout.addStretch(1)
        self.setWidget(body)

        self.title_save = AutoSave(self.session, self.title_edit, self._save_title)
        self.rationale_save = AutoSave(self.session, self.rationale_edit, self._save_rationale)
        self.owner_save = AutoSave(self.session, self.owner_edit, self._save_owner)
        self.criteria_save = AutoSave(self.session, self.criteria_edit, self._save_criteria)

        self.order_tabs()

    def order_tabs(self) -> None:
        """Tab visits the fields in the order they are laid out (again after
        :func:`ui.editors.goal_sections.use_sections` rearranged them)."""
        for first, second in pairwise(self.focus_order()):
            QWidget.setTabOrder(first, second)

    def focus_order(self) -> list[QWidget]:
        """The editor's fields in the order Tab visits them, as they are laid out."""
        fields: list[QWidget] = [self.title_edit, self.move_button]
        goal = [self.vision_combo, self.theme_combo, self.inspiration, self.rationale_edit]
        goal += [self.owner_edit, self.signs_view, self.criteria_edit, self.parts]
        status: list[QWidget] = [self.status_combo, self.note_edit, self.register_button]
        if self.sections is None:
            return fields + goal + status + [self.history_view]
        goal = [self.title_edit, self.vision_combo, self.theme_combo, self.owner_edit]
        goal += [self.rationale_edit, self.inspiration, self.signs_view, self.criteria_edit]
        return [self.move_button, *status, self.sections, *goal, self.parts, self.history_view]

    def _connect_callbacks(self) -> None:
        self.link_label.linkActivated.connect(self.goalLinkActivated)
        self.vision_combo.currentIndexChanged.connect(self._on_vision_chosen)
        self.theme_combo.currentIndexChanged.connect(self._on_theme_chosen)
        self.signs_model.toggled.connect(self._on_signs_toggled)
        self.register_button.clicked.connect(self._on_register_status)
        self.note_edit.returnPressed.connect(self._on_register_status)
        # A chosen status and its note are stored when the leader is done with them.
        self.status_entry = PendingEntry(
            self.session, self.status_box, [self.status_combo, self.note_edit], self._store_status
        )
        self.move_group.triggered.connect(self._on_move_chosen)

    # --- showing -------------------------------------------------------------------------

    def set_goal(self, goal: Goal | None) -> None:
        """Show the goal (a fresh copy from the reloaded plan) or nothing."""
        plan, framework = self.session.plan, self.session.framework
        if goal is None or plan is None or framework is None:
            self.uid = None
            self._shown_status = None
            self.signs_model.set_goal(None, None)
            self.history_model.set_history([])
            self.parts.set_goal(None)
            return
        switching = goal.uid != self.uid
        if switching:
            self.session.flush()  # typing belongs to the goal it was typed for
        self.uid = goal.uid
        if not self.status_entry.waiting:
            self._status_uid = goal.uid  # a status being chosen belongs to its own goal
        if framework.document != self._framework_id:
            self._set_framework(framework)
        vision = framework.vision(goal.vision)

        self.heading.setText(
            self.tr("Udviklingsmål for %1 · %2")
            .replace("%1", str(goal.year))
            .replace("%2", goal.status.label)
        )
        self._show_links(plan, goal)
        self._show_years(plan, goal)
        self.title_save.show_text(goal.title)
        if switching and not self.title_edit.hasFocus():
            self.title_edit.setCursorPosition(0)  # a long title shows its beginning
        self._set_combo(self.vision_combo, goal.vision)
        themes: list[tuple[str, object]] = [(self.tr("(intet tema)"), None)]
        themes += [(f"{t.code} {t.title}", t.id) for t in (vision.themes if vision else ())]
        fill_combo(self.theme_combo, themes)
        self.theme_combo.setEnabled(len(themes) > 1)
        self._set_combo(self.theme_combo, goal.theme)
        inspiration = self._inspiration_html(framework, vision, goal.theme)
        if inspiration != self._inspiration:  # resetting it would scroll it back to the top
            self._inspiration = inspiration
            self.inspiration.setHtml(inspiration)
        self.rationale_save.show_text(goal.rationale)
        self.owner_save.show_text(goal.owner)
        self.signs_model.set_goal(framework, goal)
        # Blank lines are not stored; showing the stored list must not eat the line being typed.
        if switching or self._criteria(self.criteria_save.text()) != goal.success_criteria:
            self.criteria_save.show_text("\n".join(goal.success_criteria))
        self.parts.set_goal(goal)
        if not self.status_entry.waiting and (switching or goal.status != self._shown_status):
            self._set_combo(self.status_combo, goal.status.value)
            self._shown_status = goal.status
        if switching and not self.status_entry.waiting:  # (still waiting only if refused)
            self.note_edit.clear()
            self.verticalScrollBar().setValue(0)
        self.history_model.set_history(goal.status_history)
        self._show_comments(goal)

    def _show_comments(self, goal: Goal) -> None:
        """The manager's comments on the goal; unseen ones are shown and then marked seen."""
        comments = goal.manager_comments
        self.comments_view.show_comments(("", c) for c in comments)
        unseen = any(not c.seen for c in comments)
        if self.sections is not None:  # a tab of its own (see goal_sections), shown when new
            tabs, page = self.sections, self.comments_view.parentWidget()
            index = tabs.indexOf(page)
            tabs.setTabVisible(index, bool(comments))
            tabs.setTabText(index, self.tr("Kommentarer (%1)").replace("%1", str(len(comments))))
            if unseen:
                tabs.setCurrentIndex(index)
        else:
            self.comments_box.setVisible(bool(comments))
        if unseen:
            uid = goal.uid
            QTimer.singleShot(0, self, lambda: self._mark_seen(uid))

    def _mark_seen(self, uid: str) -> None:
        goal = self.session.goal(uid)
        if goal is None or goal.id is None or uid != self.uid or not self.isVisible():
            return
        if any(not c.seen for c in goal.manager_comments):
            self.session.mark_comments_seen(goal.id)

    def _show_years(self, plan: Plan, goal: Goal) -> None:
        """The years of the plan to move the goal to, its own ticked."""
        shown = [(a.data(), a.isChecked()) for a in self.move_menu.actions()]
        wanted = [(year, year == goal.year) for year in plan.cycle_years]
        if shown != wanted:
            for action in self.move_group.actions():
                self.move_group.removeAction(action)
            self.move_menu.clear()
            for year in plan.cycle_years:
                action = QAction(str(year), self.move_menu)
                action.setData(year)
                action.setCheckable(True)
                action.setChecked(year == goal.year)
                self.move_group.addAction(action)
                self.move_menu.addAction(action)
        self.move_button.setEnabled(len(plan.cycle_years) > 1)

    def _set_framework(self, framework: Framework) -> None:
        self._framework_id = framework.document
        terms = framework.terms
        taken = set(TAKEN_KEYS)
        with_mnemonic(terms.vision, taken)  # the filter above the table has the first free letter
        self.vision_label.setText(with_mnemonic(terms.vision, taken) + ":")
        self.theme_label.setText(with_mnemonic(terms.theme, set(TAKEN_KEYS) - {"e"}) + ":")
        if self.sections is not None:
            signs_tab = self.sections.indexOf(self.success_box.parentWidget())
            self.sections.setTabText(signs_tab, terms.signs)
            self.sections.setTabToolTip(signs_tab, terms.signs)  # in full if shortened
        self.signs_label.setText(
            self.tr("%1 (de fremhævede hører til målets %2):")
            .replace("%1", with_mnemonic(terms.signs, taken))
            .replace("%2", terms.vision.lower())
        )
        self.vision_combo.blockSignals(True)
        self.vision_combo.clear()
        for vision in framework.visions:
            self.vision_combo.addItem(vision_label(vision), vision.id)
        self.vision_combo.blockSignals(False)

    def _show_links(self, plan: Plan, goal: Goal) -> None:
        links = []
        source = self.session.goal(goal.carried_over_from)
        if source is not None:
            links.append(
                self.tr("Videreført fra %1: %2")
                .replace("%1", str(source.year))
                .replace("%2", f'<a href="{source.uid}">{html.escape(plain(source.title))}</a>')
            )
        for later in plan.goals:
            if later.carried_over_from == goal.uid:
                links.append(
                    self.tr("Videreført til %1: %2")
                    .replace("%1", str(later.year))
                    .replace("%2", f'<a href="{later.uid}">{html.escape(plain(later.title))}</a>')
                )
        self.link_label.setText("<br>".join(links))
        self.link_label.setVisible(bool(links))

    def _inspiration_html(
        self, framework: Framework, vision: Vision | None, theme_id: str | None
    ) -> str:
        if vision is None:
            return ""
        terms = framework.terms
        esc = html.escape
        parts = []
        theme = vision.theme(theme_id) if theme_id else None
        if theme is not None:
            parts.append(f"<p><b>{esc(terms.theme)} {esc(theme.code)}: {esc(theme.title)}</b></p>")
            if theme.bullets:
                parts.append(
                    "<ul>" + "".join(f"<li>{esc(b)}</li>" for b in theme.bullets) + "</ul>"
                )
            if theme.text:
                parts.append(
                    "".join(f"<p>{esc(p)}</p>" for p in theme.text.split("\n\n") if p.strip())
                )
        else:
            parts.append(
                f"<p><b>{esc(terms.vision)} {esc(vision.code)}: {esc(vision.title)}</b></p>"
            )
            if vision.description:
                parts.append(f"<p>{esc(vision.description)}</p>")
            if vision.themes:
                parts.append(
                    "<p>"
                    + esc(
                        self.tr("%1 at vælge imellem: %2")
                        .replace("%1", terms.themes)
                        .replace("%2", ", ".join(t.title for t in vision.themes))
                    )
                    + "</p>"
                )
        if vision.signs:
            heading = vision.success_heading or f"{terms.signs}:"
            parts.append(f"<p><b>{esc(heading)}</b></p>")
            parts.append(
                "<ul>" + "".join(f"<li>{esc(s.text)}</li>" for s in vision.signs) + "</ul>"
            )
        if vision.preconditions:
            parts.append(f"<p><b>{esc(self.tr('Forudsætninger:'))}</b></p>")
            parts.append(
                "<ul>" + "".join(f"<li>{esc(s.text)}</li>" for s in vision.preconditions) + "</ul>"
            )
        return "".join(parts)

    @staticmethod
    def _set_combo(combo: QComboBox, data: object) -> None:
        index = combo.findData(data)
        combo.blockSignals(True)
        combo.setCurrentIndex(max(index, 0))
        combo.blockSignals(False)

    @staticmethod
    def _criteria(text: str) -> list[str]:
        return [line.strip() for line in text.splitlines() if line.strip()]

    # --- storing -------------------------------------------------------------------------

    def _goal(self) -> Goal | None:
        return self.session.goal(self.uid)

    def _update(self, text: str, field: str, merge: bool, value: object) -> None:
        goal = self._goal()
        if goal is None or goal.id is None:
            return
        key = f"goal-{field}:{goal.uid}" if merge else ""
        self.session.apply(text, services.update_goal, goal.id, merge=key, **{field: value})

    def _save_title(self, text: str) -> None:
        self._update(self.tr("ændret titel"), "title", True, text)

    def _save_rationale(self, text: str) -> None:
        self._update(self.tr("ændret begrundelse"), "rationale", True, text)

    def _save_owner(self, text: str) -> None:
        self._update(self.tr("ændret ansvarlig"), "owner", True, text)

    def _save_criteria(self, text: str) -> None:
        goal = self._goal()
        if goal is None or goal.id is None:
            return
        criteria = self._criteria(text)
        if criteria == goal.success_criteria:
            return
        self.session.apply(
            self.tr("ændret succeskriterier"),
            services.set_success_criteria,
            goal.id,
            criteria,
            merge=f"goal-criteria:{goal.uid}",
        )

    def _on_vision_chosen(self) -> None:
        framework = self.session.framework
        vision = self.vision_combo.currentData()
        goal = self._goal()
        if framework is None or goal is None or vision is None or vision == goal.vision:
            return
        text = self.tr("ændret %1").replace("%1", framework.terms.vision.lower())
        self._update(text, "vision", False, vision)

    def _on_theme_chosen(self) -> None:
        framework = self.session.framework
        goal = self._goal()
        theme = self.theme_combo.currentData()
        if framework is None or goal is None or theme == goal.theme:
            return
        self._update(
            self.tr("ændret %1").replace("%1", framework.terms.theme.lower()), "theme", False, theme
        )

    def _on_signs_toggled(self) -> None:
        framework = self.session.framework
        goal = self._goal()
        if framework is None or goal is None or goal.id is None:
            return
        self.session.apply(
            self.tr("ændret %1").replace("%1", framework.terms.signs.lower()),
            services.set_success_signs,
            goal.id,
            self.signs_model.checked_ids(),
        )

    def _on_move_chosen(self, action: QAction) -> None:
        self.session.flush()  # typing still waiting for its pause is stored first
        goal = self._goal()
        year = action.data()
        if goal is None or goal.id is None or not isinstance(year, int):
            return
        if year != goal.year:
            self.session.apply(
                self.tr("flyttet mål til %1").replace("%1", str(year)),
                services.move_goal,
                goal.id,
                year=year,
            )
        # Refused (the session's notice says why) or moved: the menu ticks the goal's year.
        plan, current = self.session.plan, self._goal()
        if plan is not None and current is not None:
            self._show_years(plan, current)

    def _on_register_status(self) -> None:
        self.status_entry.forget()
        if self._goal() is None:
            return
        self.session.flush()
        if not self._store_status(always=True):
            self.status_entry._on_edit()  # refused: it stays waiting, the note kept

    def _store_status(self, always: bool = False) -> bool:
        """Record the chosen status with its note (if either differs); False if refused.

        ``always`` records it even when the status is unchanged and the note empty (the
        leader pressed Registrér status to mark a check-in).
        """
        goal = self.session.goal(self._status_uid)
        if goal is None or goal.id is None:
            return True
        status = Status(self.status_combo.currentData())
        note = self.note_edit.text().strip()
        if status == goal.status and not note and not always:
            return True

        def record(goal_id: int) -> bool:
            services.set_goal_status(goal_id, status, note)
            return True

        if not self.session.apply(self.tr("registreret status"), record, goal.id):
            return False
        self.note_edit.clear()
        return True
