"""The manager's overview of many leaders' plans (*Filer ▸ Samlet overblik over flere planer…*).

:func:`open_rollup_window` shows the one :class:`~ui.rollup.window.RollupWindow` of the main
window (made on first use, kept while the program runs); when the manager has read a folder
before, it is read again at once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ui.rollup.window import RollupWindow
    from ui.shell import Shell


def open_rollup_window(shell: Shell) -> RollupWindow:
    """Show the overview window over ``shell`` (the open plan, if any, is the manager's own)."""
    from PySide6.QtWidgets import QWidget

    from ui.rollup.window import RollupWindow

    parent = shell if isinstance(shell, QWidget) else None
    window = parent.findChild(RollupWindow, "rollupWindow") if parent is not None else None
    if window is None:
        window = RollupWindow(parent, manager_plan=lambda: shell.session.plan)
        # The manager's own plan beside the units follows edits and a change of plan.
        follow = window.refresh_if_shown
        shell.session.changed.connect(follow)
        shell.session.planSwitched.connect(follow)
        folder = window.remembered_folder()
        if folder is not None and folder.is_dir():
            window.read([folder])
    else:
        window.refresh()  # the manager's own plan may have changed meanwhile
    window.show()
    window.raise_()
    window.activateWindow()
    return window
