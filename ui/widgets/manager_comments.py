"""The manager's comments, newest first, dated, with the file each came from (read only)."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import QTextBrowser, QWidget

from udviklingsplan_app.domain import ManagerComment
from udviklingsplan_app.formatting import long_date
from ui.widgets.labels import rich


def newest_first(comments: Iterable[ManagerComment]) -> list[ManagerComment]:
    """Newest received first; of one day, the last stored first."""
    listed = list(comments)
    order = {id(c): n for n, c in enumerate(listed)}
    return sorted(listed, key=lambda c: (c.received, order[id(c)]), reverse=True)


def comments_html(comments: Iterable[tuple[str, ManagerComment]]) -> str:
    """``(what it is about, comment)`` pairs as rich text, newest first; ``about`` may be ""."""
    pairs = list(comments)
    by_comment = {id(c): about for about, c in pairs}
    blocks = []
    for comment in newest_first(c for _, c in pairs):
        about = by_comment[id(comment)]
        head = long_date(comment.received)
        if comment.file_name:
            head += f" · fra {comment.file_name}"
        if not comment.seen:
            head += " · ny"
        about_html = f"<b>{rich(about)}</b><br>" if about else ""
        blocks.append(
            f"<p style='margin-bottom:8px'>{about_html}<span style='color:#555'>{rich(head)}"
            f"</span><br>{rich(comment.quoted)}</p>"
        )
    return "".join(blocks)


class ManagerCommentsView(QTextBrowser):
    """A read-only list of the manager's comments (the goal editor, the Dialoger page)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setAccessibleName(self.tr("Kommentarer fra din leder"))
        self.count = 0
        self._html = ""

    def show_comments(self, comments: Iterable[tuple[str, ManagerComment]]) -> None:
        pairs = list(comments)
        self.count = len(pairs)
        html = comments_html(pairs)
        if html != self._html:  # setting it again would scroll back to the top
            self._html = html
            self.setHtml(html)
