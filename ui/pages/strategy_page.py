"""Strategi: the plan's framework to read, and how many of the plan's goals sit under each part."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from html import escape

from PySide6.QtCore import (
    QAbstractItemModel,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QUrl,
)
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QSplitter,
    QTextBrowser,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from udviklingsplan_app.domain import Goal, Plan
from udviklingsplan_app.framework import Framework, Sign, Theme, Vision
from udviklingsplan_app.guidance import Concern
from ui.pages.base import Page
from ui.session import PlanSession

_Index = QModelIndex | QPersistentModelIndex
NO_GOALS = QColor("#8a5300")  # a vision without goals: the overview's "not yet covered" tone
MUTED = QColor("#6b6b6b")

# Node kinds
ROOT, VISION, THEME, SIGNS, SIGN, PRECONDITIONS, PRECONDITION = (
    "framework",
    "vision",
    "theme",
    "signs",
    "sign",
    "preconditions",
    "precondition",
)
COUNTED = (ROOT, VISION, THEME, SIGN)


@dataclass(eq=False)
class Node:
    """One row of the tree: what it shows (``kind``, ``ref``) and where it sits."""

    kind: str
    ref: object  # Framework, Vision, Theme, Sign or (for SIGNS/PRECONDITIONS) the Vision
    parent: Node | None = None
    row: int = 0
    children: list[Node] = field(default_factory=list)

    @property
    def key(self) -> str:
        """A stable name for the node: its kind and the id of what it shows."""
        ref_id = getattr(self.ref, "id", "")
        return f"{self.kind}:{ref_id}"

    def add(self, child: Node) -> Node:
        child.parent, child.row = self, len(self.children)
        self.children.append(child)
        return child


def build_tree(framework: Framework) -> Node:
    root = Node(ROOT, framework)
    for vision in framework.visions:
        vision_node = root.add(Node(VISION, vision))
        for theme in vision.themes:
            vision_node.add(Node(THEME, theme))
        if vision.signs:
            signs = vision_node.add(Node(SIGNS, vision))
            for sign in vision.signs:
                signs.add(Node(SIGN, sign))
        if vision.preconditions:
            preconditions = vision_node.add(Node(PRECONDITIONS, vision))
            for sign in vision.preconditions:
                preconditions.add(Node(PRECONDITION, sign))
    return root


def goal_counts(plan: Plan | None) -> Counter[str]:
    """How many of the plan's goals sit under each node key."""
    counts: Counter[str] = Counter()
    for goal in plan.goals if plan else []:
        counts[ROOT] += 1
        counts[f"{VISION}:{goal.vision}"] += 1
        if goal.theme:
            counts[f"{THEME}:{goal.theme}"] += 1
        for sign in set(goal.success_signs):
            counts[f"{SIGN}:{sign}"] += 1
    return counts


class FrameworkTreeModel(QAbstractItemModel):
    """The framework as a tree (visions → themes, signs of success) with goal counts."""

    TITLE, GOALS = range(2)
    KeyRole = Qt.ItemDataRole.UserRole
    CountRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self.framework: Framework | None = None
        self._root: Node | None = None
        self._counts: Counter[str] = Counter()

    # --- feeding ---------------------------------------------------------------------------

    def set_framework(self, framework: Framework | None) -> None:
        self.beginResetModel()
        self.framework = framework
        self._root = build_tree(framework) if framework is not None else None
        self.endResetModel()

    def set_plan(self, plan: Plan | None) -> None:
        """New goal counts; the tree itself (and so the selection) stays."""
        counts = goal_counts(plan)
        if counts == self._counts:
            return
        self._counts = counts
        if self._root is not None:
            self._counts_changed(QModelIndex(), [self._root])

    def _counts_changed(self, parent: QModelIndex, nodes: list[Node]) -> None:
        if not nodes:
            return
        self.dataChanged.emit(
            self.index(0, self.GOALS, parent), self.index(len(nodes) - 1, self.GOALS, parent)
        )
        for node in nodes:
            if node.children:
                self._counts_changed(self.index(node.row, 0, parent), node.children)

    # --- reading ---------------------------------------------------------------------------

    def node(self, index: _Index) -> Node | None:
        if not index.isValid():
            return None
        return index.internalPointer()  # type: ignore[no-any-return]

    def count(self, node: Node) -> int:
        return self._counts.get(ROOT if node.kind == ROOT else node.key, 0)

    def index_of(self, key: str) -> QModelIndex:
        """The index of the node with this key (``"vision:vaerdigt-liv"``), or an invalid one."""
        if self._root is None:
            return QModelIndex()
        stack = [self._root]
        while stack:
            node = stack.pop()
            if node.key == key:
                return self.createIndex(node.row, 0, node)
            stack.extend(node.children)
        return QModelIndex()

    def title(self, node: Node) -> str:
        terms = self.framework.terms if self.framework is not None else None
        ref = node.ref
        if node.kind == ROOT and isinstance(ref, Framework):
            return ref.label
        if node.kind == VISION and isinstance(ref, Vision):
            return f"{ref.code} {ref.title}"
        if node.kind == THEME and isinstance(ref, Theme):
            return ref.title
        if node.kind == SIGNS and terms is not None:
            return terms.signs
        if node.kind == PRECONDITIONS:
            return self.tr("Forudsætninger")
        if isinstance(ref, Sign):
            return ref.text
        return ""

    def count_text(self, node: Node) -> str:
        if node.kind not in COUNTED:
            return ""
        count = self.count(node)
        if count == 0:
            return self.tr("ingen mål endnu") if node.kind != SIGN else ""
        if count == 1:
            return self.tr("1 mål i planen")
        return self.tr("%1 mål i planen").replace("%1", str(count))

    # --- QAbstractItemModel ----------------------------------------------------------------

    def index(self, row: int, column: int, parent: _Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            node = self._root
        else:
            parent_node = self.node(parent)
            node = parent_node.children[row] if parent_node is not None else None
        if node is None:
            return QModelIndex()
        return self.createIndex(row, column, node)

    def parent(self, index: _Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        node = self.node(index)
        if node is None or node.parent is None:
            return QModelIndex()
        return self.createIndex(node.parent.row, 0, node.parent)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid():
            if parent.column() != 0:
                return 0
            node = self.node(parent)
            return len(node.children) if node is not None else 0
        return 1 if self._root is not None else 0

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 2

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        node = self.node(index)
        if node is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.title(node) if column == self.TITLE else self.count_text(node)
        if role == Qt.ItemDataRole.ToolTipRole and column == self.TITLE:
            return self.title(node)
        if role == Qt.ItemDataRole.FontRole and node.kind in (ROOT, VISION):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and column == self.GOALS:
            if self.count(node) == 0:
                return QBrush(NO_GOALS if node.kind == VISION else MUTED)
            return None
        if role == self.KeyRole:
            return node.key
        if role == self.CountRole:
            return self.count(node) if node.kind in COUNTED else None
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if section == self.TITLE:
            return self.tr("Strategien")
        if section == self.GOALS:
            return self.tr("Planen")
        return None


def _paragraphs(text: str) -> str:
    return "".join(
        f"<p>{escape(part).replace(chr(10), '<br>')}</p>" for part in text.split("\n\n") if part
    )


def _list(items: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>" if items else ""


class StrategyPage(Page):
    """The framework to read: a tree on the left, the chosen part's full text on the right."""

    def __init__(self, session: PlanSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.model = FrameworkTreeModel(self)
        self._build_view()
        self.tree.selectionModel().currentChanged.connect(self._on_current)
        self.text.anchorClicked.connect(self._on_link)

    def _build_view(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.intro.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.intro)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.tree = QTreeView(splitter)
        self.tree.setModel(self.model)
        self.tree.setAccessibleName(self.tr("Strategiens opbygning"))
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setAlternatingRowColors(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(FrameworkTreeModel.TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(
            FrameworkTreeModel.GOALS, QHeaderView.ResizeMode.ResizeToContents
        )
        self.text = QTextBrowser(splitter)
        self.text.setAccessibleName(self.tr("Tekst fra strategien"))
        self.text.setOpenLinks(False)
        splitter.addWidget(self.tree)
        splitter.addWidget(self.text)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        layout.addWidget(splitter, 1)

    # --- showing ---------------------------------------------------------------------------

    def refresh(self) -> None:
        plan, framework = self.session.plan, self.session.framework
        current = self.model.framework
        if (
            framework is None
            or current is None
            or (framework.id, framework.version)
            != (
                current.id,
                current.version,
            )
        ):
            self.model.set_framework(framework)
            self.model.set_plan(plan)
            root = self.model.index(0, 0)
            if root.isValid():
                self.tree.expand(root)
                self._select(root)
        else:
            self.model.set_plan(plan)
        if framework is not None:
            self.intro.setText(
                self.tr(
                    "%1 – vælg en del af strategien for at læse teksten og se, hvilke af "
                    "planens udviklingsmål der hører til."
                ).replace("%1", framework.title)
            )
        self._show_text(keep_scroll=True)

    def show_concern(self, concern: Concern) -> None:
        if concern.vision:
            index = self.model.index_of(f"{VISION}:{concern.vision}")
            if index.isValid():
                self._select(index)

    def select_key(self, key: str) -> bool:
        """Select the node with this key (``"theme:…"``); False if the framework has none."""
        index = self.model.index_of(key)
        if index.isValid():
            self._select(index)
        return index.isValid()

    def _select(self, index: QModelIndex) -> None:
        self.tree.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.tree.scrollTo(index)

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show_text(keep_scroll=False)

    def _show_text(self, keep_scroll: bool) -> None:
        node = self.model.node(self.tree.currentIndex())
        bar = self.text.verticalScrollBar()
        position = bar.value()
        self.text.setHtml(self.html(node) if node is not None else "")
        bar.setValue(position if keep_scroll else 0)

    def _on_link(self, url: QUrl) -> None:
        if url.scheme() == "goal":
            goal = self.session.goal(url.path())
            if goal is not None:
                self.navigate.emit(Concern("goal", year=goal.year, goal_uid=goal.uid))

    # --- the text --------------------------------------------------------------------------

    def html(self, node: Node) -> str:
        framework = self.model.framework
        if framework is None:
            return ""
        ref = node.ref
        if node.kind == ROOT:
            return self._framework_html(framework)
        if node.kind == VISION and isinstance(ref, Vision):
            return self._vision_html(framework, ref)
        if node.kind == THEME and isinstance(ref, Theme):
            return self._theme_html(framework, ref)
        if node.kind == SIGNS and isinstance(ref, Vision):
            return (
                f"<h2>{escape(framework.terms.signs)}</h2>"
                f"<p><i>{escape(self.model.title(node.parent) if node.parent else '')}</i></p>"
                + self._signs_html(ref)
            )
        if node.kind == PRECONDITIONS and isinstance(ref, Vision):
            return (
                f"<h2>{escape(self.tr('Forudsætninger'))}</h2>"
                f"<p><i>{escape(ref.code)} {escape(ref.title)}</i></p>"
                + _list([escape(p.text) for p in ref.preconditions])
            )
        if isinstance(ref, Sign):
            vision = framework.vision(ref.vision_id)
            heading = framework.terms.sign if node.kind == SIGN else self.tr("Forudsætning")
            html = f"<h2>{escape(heading)}</h2><p>{escape(ref.text)}</p>"
            if vision is not None:
                html += f"<p><i>{escape(vision.code)} {escape(vision.title)}</i></p>"
            if node.kind == SIGN:
                goals = [g for g in self._goals() if ref.id in g.success_signs]
                html += self._goals_html(
                    goals,
                    self.tr("Planens mål, der sigter mod dette"),
                    self.tr("Ingen af planens mål sigter endnu mod dette."),
                )
            return html
        return ""

    def _goals(self) -> list[Goal]:
        plan = self.session.plan
        return sorted(plan.goals, key=lambda g: g.year) if plan is not None else []

    def _framework_html(self, framework: Framework) -> str:
        terms = framework.terms
        html = f"<h2>{escape(framework.title)}</h2>"
        facts = [
            (self.tr("Udgivet af"), framework.owner),
            (self.tr("Periode"), framework.period),
            (self.tr("Cyklus"), self.tr("%1 år").replace("%1", str(framework.default_cycle_years))),
        ]
        html += "".join(f"<b>{escape(k)}:</b> {escape(v)}<br>" for k, v in facts if v)
        html += _paragraphs(framework.description)
        if framework.rule_texts:
            html += f"<h3>{escape(self.tr('Reglerne for udviklingsplanen'))}</h3>"
            html += _list([escape(rule) for rule in framework.rule_texts])
        for group_id, title, description in framework.groups:
            visions = [v for v in framework.visions if v.group == group_id]
            html += f"<h3>{escape(title)}</h3><p>{escape(description)}</p>"
            html += _list([self._vision_line(v) for v in visions])
        ungrouped = [v for v in framework.visions if v.group is None]
        if ungrouped:
            html += f"<h3>{escape(terms.visions)}</h3>"
            html += _list([self._vision_line(v) for v in ungrouped])
        return html

    def _vision_line(self, vision: Vision) -> str:
        count = sum(1 for g in self._goals() if g.vision == vision.id)
        return (
            f"{escape(vision.code)} {escape(vision.title)} – "
            f"<i>{escape(self._count_words(count))}</i>"
        )

    def _count_words(self, count: int) -> str:
        if count == 0:
            return self.tr("ingen mål i planen endnu")
        if count == 1:
            return self.tr("1 mål i planen")
        return self.tr("%1 mål i planen").replace("%1", str(count))

    def _vision_html(self, framework: Framework, vision: Vision) -> str:
        terms = framework.terms
        html = f"<h2>{escape(vision.code)} {escape(vision.title)}</h2>"
        group = next((g for g in framework.groups if g[0] == vision.group), None)
        if group is not None:
            html += f"<p><i>{escape(group[1])}</i></p>"
        html += _paragraphs(vision.description)
        if vision.themes:
            html += f"<h3>{escape(terms.themes)}</h3>"
            html += _list(
                [
                    f"{escape(t.title)} – <i>{escape(self._count_words(self._theme_count(t)))}</i>"
                    for t in vision.themes
                ]
            )
        html += self._signs_html(vision, level="h3")
        if vision.preconditions:
            html += f"<h3>{escape(self.tr('Forudsætninger'))}</h3>"
            html += _list([escape(p.text) for p in vision.preconditions])
        goals = [g for g in self._goals() if g.vision == vision.id]
        html += self._goals_html(
            goals,
            self.tr("Planens mål under %1").replace("%1", terms.vision_definite.lower()),
            self.tr("Planen har endnu ingen mål under %1.").replace(
                "%1", terms.vision_definite.lower()
            ),
        )
        return html

    def _theme_count(self, theme: Theme) -> int:
        return sum(1 for g in self._goals() if g.theme == theme.id)

    def _theme_html(self, framework: Framework, theme: Theme) -> str:
        terms = framework.terms
        found = framework.theme(theme.id)
        html = f"<h2>{escape(theme.title)}</h2>"
        if found is not None:
            vision = found[0]
            html += (
                f"<p><i>{escape(terms.theme)} under {escape(terms.vision_definite.lower())} "
                f"{escape(vision.code)} {escape(vision.title)}</i></p>"
            )
        html += _list([escape(b) for b in theme.bullets])
        html += _paragraphs(theme.text)
        goals = [g for g in self._goals() if g.theme == theme.id]
        html += self._goals_html(
            goals,
            self.tr("Planens mål under temaet"),
            self.tr("Planen har endnu ingen mål under temaet."),
        )
        return html

    def _signs_html(self, vision: Vision, level: str = "") -> str:
        html = ""
        if not vision.signs:
            return html
        if level:
            terms = self.model.framework.terms if self.model.framework else None
            html += f"<{level}>{escape(terms.signs if terms else '')}</{level}>"
        if vision.success_heading:
            html += f"<p>{escape(vision.success_heading)}</p>"
        counts = Counter(s for g in self._goals() for s in set(g.success_signs))
        items = []
        for sign in vision.signs:
            count = counts.get(sign.id, 0)
            note = f" – <i>{escape(self._count_words(count))}</i>" if count else ""
            items.append(escape(sign.text) + note)
        return html + _list(items)

    def _goals_html(self, goals: list[Goal], heading: str, empty: str) -> str:
        html = f"<h3>{escape(heading)}</h3>"
        if not goals:
            return html + f"<p><i>{escape(empty)}</i></p>"
        items = [
            f"{goal.year}: <a href='goal:{escape(goal.uid)}'>{escape(goal.title)}</a> "
            f"<i>({escape(goal.status.label.lower())})</i>"
            for goal in goals
        ]
        return html + _list(items)
