"""The main window's menus: their actions, keyboard shortcuts and what each item does.

:class:`MenuActions` is mixed into :class:`ui.main_window.MainWindow` (whose session, pages
and notice bar it uses); each item hands its work to an operation, a dialog or the guide.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from udviklingsplan_app import app_version
from ui.settings import IMPORTS, last_folder, remember_folder
from ui.shell import PAGES


class MenuActions:
    """Filer, Rediger, Vis and Hjælp (a mixin for the main window)."""

    help_dialog: QWidget | None

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&Filer"))
        self.new_plan_action = QAction(self.tr("&Ny plan…"), self)
        self.new_year_action = QAction(self.tr("Nyt &år…"), self)
        self.new_year_action.setEnabled(False)
        self.excel_action = QAction(self.tr("Eksportér til &Excel…"), self)
        self.pdf_action = QAction(self.tr("Eksportér til &PDF…"), self)
        self.print_action = QAction(self.tr("&Udskriv…"), self)
        self.calendar_action = QAction(self.tr("Gem dialoger som &kalenderfil (.ics)…"), self)
        self.send_action = QAction(self.tr("Send til &din leder…"), self)
        self.answer_action = QAction(self.tr("Indlæs s&var fra din leder…"), self)
        self.import_action = QAction(self.tr("&Importér plan fra overdragelsesfil…"), self)
        self.export_action = QAction(self.tr("Gem plan som &overdragelsesfil…"), self)
        self.frameworks_action = QAction(self.tr("S&trategirammer…"), self)
        self.rollup_action = QAction(self.tr("Samlet over&blik over flere planer…"), self)
        self.rollup_action.triggered.connect(self._on_rollup)
        self.backup_action = QAction(self.tr("&Sikkerhedskopi…"), self)
        self.restore_action = QAction(self.tr("&Gendan fra sikkerhedskopi…"), self)
        self.quit_action = QAction(self.tr("&Afslut"), self)
        file_menu.addAction(self.new_plan_action)
        file_menu.addAction(self.new_year_action)
        # Whether the plan has a new year to prepare is worked out when the menu opens.
        file_menu.aboutToShow.connect(self.update_new_year_action)
        self.file_menu = file_menu
        file_menu.addSeparator()
        file_menu.addAction(self.excel_action)
        file_menu.addAction(self.pdf_action)
        file_menu.addAction(self.print_action)
        file_menu.addAction(self.calendar_action)
        file_menu.addSeparator()
        file_menu.addAction(self.send_action)
        file_menu.addAction(self.answer_action)
        file_menu.addSeparator()
        file_menu.addAction(self.import_action)
        file_menu.addAction(self.export_action)
        file_menu.addAction(self.frameworks_action)
        file_menu.addSeparator()
        file_menu.addAction(self.rollup_action)
        file_menu.addSeparator()
        file_menu.addAction(self.backup_action)
        file_menu.addAction(self.restore_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)

        edit_menu = self.menuBar().addMenu(self.tr("&Rediger"))
        # Own actions rather than QUndoStack's, so text still waiting for its pause is stored
        # (as the newest step) before anything is undone.
        stack = self.session.undo_stack
        self.undo_action = QAction(self.tr("&Fortryd"), self)
        self.redo_action = QAction(self.tr("&Gentag"), self)
        self.undo_action.triggered.connect(self._on_undo)
        self.redo_action.triggered.connect(self._on_redo)
        for signal in (
            stack.indexChanged,
            stack.canUndoChanged,
            stack.canRedoChanged,
            stack.undoTextChanged,
            stack.redoTextChanged,
        ):
            signal.connect(self._update_undo_actions)
        self.session.pendingChanged.connect(self._update_undo_actions)
        self._update_undo_actions()
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)

        view_menu = self.menuBar().addMenu(self.tr("&Vis"))
        self.view_menu = view_menu
        self.page_actions: list[QAction] = []
        for number, (label, _, _) in enumerate(PAGES):
            action = QAction(self.tr(label), self)
            action.triggered.connect(lambda _=False, n=number: self.show_page(n))
            view_menu.addAction(action)
            self.page_actions.append(action)

        help_menu = self.menuBar().addMenu(self.tr("&Hjælp"))
        self.help_action = QAction(self.tr("&Sådan bruger du Udviklingsplan"), self)
        self.guide_again_action = QAction(self.tr("Åbn &guiden for året…"), self)
        self.about_action = QAction(self.tr("&Om Udviklingsplan"), self)
        help_menu.addAction(self.help_action)
        help_menu.addAction(self.guide_again_action)
        help_menu.addSeparator()
        help_menu.addAction(self.about_action)
        # The guide's year is worked out when the menu opens.
        help_menu.aboutToShow.connect(self.update_guide_again_action)
        self.help_menu = help_menu
        self.help_dialog: QWidget | None = None

    def _install_shortcuts(self) -> None:
        """Keyboard shortcuts; set after the first paint (setting one creates Qt's enums)."""
        if self._shortcuts_installed:
            return
        self._shortcuts_installed = True
        standard = QKeySequence.StandardKey
        self.new_plan_action.setShortcut(standard.New)
        self.excel_action.setShortcut(QKeySequence("Ctrl+E"))
        self.print_action.setShortcut(standard.Print)
        self.import_action.setShortcut(standard.Open)
        self.export_action.setShortcut(standard.SaveAs)
        self.quit_action.setShortcut(standard.Quit)
        self.help_action.setShortcut(standard.HelpContents)
        self.undo_action.setShortcut(standard.Undo)
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence(standard.Redo)])
        for number, action in enumerate(self.page_actions):
            action.setShortcut(QKeySequence(f"Ctrl+{number + 1}"))

    def _on_undo(self) -> None:
        session = self.session
        typing = session.has_pending
        steps = session.undo_stack.index()
        stored = session.flush()
        if typing and (not stored or session.undo_stack.index() == steps):
            # The typing itself was the newest thing and made no step (refused, or back to
            # the stored text): undoing it means showing what is stored, nothing older.
            session.discard_pending()
            return
        session.undo_stack.undo()

    def _on_redo(self) -> None:
        self.session.flush()
        self.session.undo_stack.redo()

    def _update_undo_actions(self, *_: object) -> None:
        stack = self.session.undo_stack
        undo_text, redo_text = stack.undoText(), stack.redoText()
        if self.session.has_pending:  # typing not yet stored is the newest thing to undo
            undo_text = self.tr("skrivning")
        self.undo_action.setEnabled(stack.canUndo() or self.session.has_pending)
        self.undo_action.setText(
            self.tr("&Fortryd %1").replace("%1", undo_text) if undo_text else self.tr("&Fortryd")
        )
        # Typing not yet stored replaces what could be redone.
        self.redo_action.setEnabled(stack.canRedo() and not self.session.has_pending)
        self.redo_action.setText(
            self.tr("&Gentag %1").replace("%1", redo_text) if redo_text else self.tr("&Gentag")
        )

    def _on_new_plan(self) -> None:
        """Ny plan: the guide, from a blank page to a plan for the first year."""
        from ui.guide import open_new_plan_guide

        self.session.flush()
        if not self.finish_start():
            return
        open_new_plan_guide(self)

    def _on_new_year(self) -> None:
        """Nyt år: the short guide that closes a year and plans the next."""
        from ui.guide import open_year_guide

        self.session.flush()
        if self.finish_start():
            open_year_guide(self)

    def update_new_year_action(self) -> None:
        import datetime as dt

        from udviklingsplan_app.planning import new_year

        plan = self.session.plan
        answer = new_year(plan, dt.date.today()) if plan is not None else None
        year = answer.year if answer is not None else None
        self.new_year_action.setEnabled(year is not None)
        self.new_year_action.setText(
            self.tr("Nyt &år %1…").replace("%1", str(year)) if year else self.tr("Nyt &år…")
        )
        # A greyed-out item says why (shown on hover and in the status bar).
        why = answer.why if answer is not None else ""
        self.new_year_action.setStatusTip(why)
        self.new_year_action.setToolTip(why or self.new_year_action.text().replace("&", ""))
        self.file_menu.setToolTipsVisible(bool(why))

    def update_guide_again_action(self) -> None:
        from ui.guide import guide_year

        plan = self.session.plan
        self.guide_again_action.setText(
            self.tr("Åbn &guiden for %1…").replace("%1", str(guide_year(plan)))
            if plan is not None
            else self.tr("Åbn &guiden for en ny plan…")
        )

    def _on_guide_again(self) -> None:
        """Hjælp ▸ Åbn guiden for året: the guide for the year the leader works in now."""
        from ui.guide import open_guide_for_year

        self.session.flush()
        if self.finish_start():
            open_guide_for_year(self)

    def _on_help(self) -> None:
        from ui.dialogs.help_dialog import HelpDialog

        if self.help_dialog is None:
            self.help_dialog = HelpDialog(self._db_path, self)
        self.help_dialog.show()
        self.help_dialog.raise_()
        self.help_dialog.activateWindow()

    def _on_import(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Importér plan"),
            str(last_folder(IMPORTS)),
            self.tr("Overdragelsesfil med en udviklingsplan (*.json)"),
        )
        if not name:
            return
        remember_folder(IMPORTS, name)
        from ui.operations.plan_import import import_plan_file

        import_plan_file(self, Path(name))

    def _on_export(self) -> None:
        from ui.operations.plan_export import export_plan_file

        export_plan_file(self)

    def _on_excel(self) -> None:
        from ui.operations.excel_export import start_excel_export

        self.session.flush()
        start_excel_export(self)

    def _on_pdf(self) -> None:
        from ui.operations.pdf_export import start_pdf_export

        start_pdf_export(self)

    def _on_print(self) -> None:
        from ui.operations.pdf_export import print_plan

        print_plan(self)

    def _on_frameworks(self) -> None:
        from ui.dialogs.frameworks_dialog import FrameworksDialog

        FrameworksDialog(self).exec()
        if self.session.framework is not None:
            self.check_framework_update()

    def _on_rollup(self) -> None:
        """Filer ▸ Samlet overblik over flere planer: the manager's overview window."""
        from ui.rollup import open_rollup_window

        self.session.flush()
        open_rollup_window(self)

    def _on_backup(self) -> None:
        from ui.operations.backup_job import save_backup

        save_backup(self)

    def _on_calendar(self) -> None:
        from ui.operations.calendar_file import save_calendar_dialog

        self.session.flush()
        if self.session.plan is not None:
            save_calendar_dialog(self, self.session.plan)

    def _on_send(self) -> None:
        from ui.operations.send_to_manager import send_to_manager

        send_to_manager(self, self.session, lambda message: self.show_notice(message, info=True))

    def _on_answer(self) -> None:
        from ui.operations.manager_answer import read_answer_dialog

        read_answer_dialog(self)

    def _on_restore(self) -> None:
        from ui.dialogs.restore_dialog import restore_from_backup

        restore_from_backup(self)

    def _on_about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("Om Udviklingsplan"),
            self.tr(
                "<b>Udviklingsplan %1</b><br>Udviklingsplan for arbejdspladsen – til ledere i "
                "Socialforvaltningen, Københavns Kommune.<br><br>Planen gemmes kun på denne "
                "computer:<br>%2"
            )
            .replace("%1", app_version())
            .replace("%2", str(self._db_path)),
        )
