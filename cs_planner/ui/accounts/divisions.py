"""The account's divisions as a tree (add, add under, edit, delete with the sub-divisions),
above its geographies (``geographies.py``): every change one undoable edit."""

from __future__ import annotations

from collections.abc import Callable
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    Qt,
)
from PySide6.QtWidgets import (
    QHeaderView,
    QSplitter,
    QTreeView,
    QWidget,
)
from sqlalchemy.orm import Session

from cs_planner.domain.accounts import edits
from cs_planner.domain.accounts.rows import (
    DivisionRow,
    DivisionValues,
    GeographyRow,
)
from cs_planner.domain.accounts.rules import children, division_what, subtree_ids
from cs_planner.domain.accounts.writes import (
    new_division,
    update_division,
)
from cs_planner.domain.enums import Engagement
from cs_planner.ui.accounts.geographies import GeographiesPanel
from cs_planner.ui.accounts.organisation_dialogs import DivisionDialog
from cs_planner.ui.common import theme, widgets
from cs_planner.ui.common.text_fit import clipped_texts
from cs_planner.ui.common.widgets import ListPanel, button
from cs_planner.ui.shell.context import AppContext
from cs_planner.ui.shell.undo import dry_run

NO_DIVISIONS = (
    "No divisions yet — add the customer's departments to see where the product is adopted."
)
ENGAGEMENT_COLOURS = {Engagement.ADOPTED: theme.GOOD, Engagement.EVALUATING: theme.WARN}
Role = Qt.ItemDataRole
ROOT = QModelIndex()
Index = QModelIndex | QPersistentModelIndex
ROW_SIZE = QSize(0, 26)
NAME_WIDTH = 190  # the division column at least: names are what people read


class DivisionColumn(IntEnum):
    NAME = 0
    GEOGRAPHY = 1
    HEADCOUNT = 2
    ENGAGEMENT = 3


DIVISION_HEADERS = ("Division", "Geography", "Headcount", "Engagement")


@clipped_texts
class DivisionTreeModel(QAbstractItemModel):
    """Divisions under their parents. An index's internal id is the division's id (ids
    start at 1, so 0 never names a division)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: dict[int, DivisionRow] = {}
        self._kids: dict[int | None, list[DivisionRow]] = {}
        self._parent: dict[int, int | None] = {}
        self._position: dict[int, int] = {}

    def set_rows(self, rows: list[DivisionRow]) -> None:
        self.beginResetModel()
        self._rows = {r.id: r for r in rows}
        self._kids = children(rows)
        self._parent, self._position = {}, {}
        for parent_id, kids in self._kids.items():
            for position, row in enumerate(kids):
                self._parent[row.id], self._position[row.id] = parent_id, position
        self.endResetModel()

    def rows(self) -> list[DivisionRow]:
        return list(self._rows.values())

    def row_at(self, index: Index) -> DivisionRow | None:
        return self._rows.get(index.internalId()) if index.isValid() else None

    def index_of(self, division_id: int) -> QModelIndex:
        if division_id not in self._rows:
            return QModelIndex()
        return self.createIndex(self._position[division_id], 0, division_id)

    def tree_order(self) -> list[tuple[DivisionRow, int]]:
        """(division, depth) depth first, as the tree shows them."""
        out: list[tuple[DivisionRow, int]] = []
        stack = [(row, 0) for row in reversed(self._kids.get(None, []))]
        while stack:
            row, depth = stack.pop()
            out.append((row, depth))
            stack.extend((kid, depth + 1) for kid in reversed(self._kids.get(row.id, [])))
        return out

    def index(self, row: int, column: int, parent: Index = ROOT) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        parent_id = parent.internalId() if parent.isValid() else None
        return self.createIndex(row, column, self._kids[parent_id][row].id)

    def parent(self, index: QModelIndex | None = None) -> Any:  # type: ignore[override]
        if index is None:  # QObject.parent()
            return super().parent()
        if not index.isValid():
            return QModelIndex()
        parent_id = self._parent.get(index.internalId())
        if parent_id is None:
            return QModelIndex()
        return self.createIndex(self._position[parent_id], 0, parent_id)

    def rowCount(self, parent: Index = ROOT) -> int:
        if parent.column() > 0:
            return 0
        parent_id = parent.internalId() if parent.isValid() else None
        return len(self._kids.get(parent_id, []))

    def columnCount(self, parent: Index = ROOT) -> int:
        return len(DivisionColumn)

    def data(self, index: Index, role: int = Role.DisplayRole) -> Any:
        row = self.row_at(index)
        if row is None:
            return None
        column = DivisionColumn(index.column())
        if role == Role.DisplayRole:
            return {
                DivisionColumn.NAME: row.name,
                DivisionColumn.GEOGRAPHY: row.geography,
                DivisionColumn.HEADCOUNT: f"{row.headcount:,}" if row.headcount else "",
                DivisionColumn.ENGAGEMENT: row.engagement.label,
            }[column]
        if role == Role.ToolTipRole and column == DivisionColumn.GEOGRAPHY:
            return row.geography or None  # in full where a narrow window elides it
        if role == Role.SizeHintRole and column == DivisionColumn.NAME:
            return ROW_SIZE  # as tall as the tables' rows (the stretched column: no width)
        if role == Role.TextAlignmentRole and column == DivisionColumn.HEADCOUNT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Role.ForegroundRole and column == DivisionColumn.ENGAGEMENT:
            colour = ENGAGEMENT_COLOURS.get(row.engagement)
            return theme.ink(colour) if colour else None
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Role.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Role.DisplayRole:
            return DIVISION_HEADERS[section] if 0 <= section < len(DIVISION_HEADERS) else None
        return None


class DivisionsPanel(ListPanel):
    """The account's divisions as a tree: add at the top or under the selected one."""

    def __init__(self, ctx: AppContext, geographies: Callable[[], list[GeographyRow]]) -> None:
        self._geographies = geographies  # the ones a division can be in
        self.model = DivisionTreeModel()
        self.tree = QTreeView()
        self.tree.setModel(self.model)
        self.tree.setUniformRowHeights(True)
        self.add_sub_button = button(
            "Add sub-division", self.add_sub_division, "Add a division under the selected one"
        )
        super().__init__(
            ctx, "Divisions", self.tree, NO_DIVISIONS, "Add division", [self.add_sub_button]
        )
        self.model.setParent(self)
        self.add_button.setToolTip("Add a top-level division (Insert)")
        self.delete_button.setToolTip("Delete the selected division and its sub-divisions (Del)")
        header = self.tree.header()
        header.setStretchLastSection(False)
        # Names are what people read: they get their full width; a long geography elides.
        header.setSectionResizeMode(DivisionColumn.GEOGRAPHY, QHeaderView.ResizeMode.Stretch)
        for column in (DivisionColumn.HEADCOUNT, DivisionColumn.ENGAGEMENT):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.resizeSection(DivisionColumn.NAME, NAME_WIDTH)
        self.tree.installEventFilter(self)

    def show_rows(self, account_id: int, account_name: str, rows: list[DivisionRow]) -> None:
        self.set_rows(account_id, account_name, lambda: self.model.set_rows(rows))
        self.tree.expandAll()
        self.fit_names()

    def fit_names(self) -> None:
        """The names whole, indented as they are, in the type shown now; never narrower
        than NAME_WIDTH. Measured from the rows: Qt's own measure reads only the items
        laid out, none before the tree is first shown."""
        metrics, step = self.tree.fontMetrics(), self.tree.indentation()
        widest = max(
            (metrics.horizontalAdvance(row.name) + (depth + 1) * step
             for row, depth in self.model.tree_order()),
            default=0,
        )  # fmt: skip
        self.tree.header().resizeSection(DivisionColumn.NAME, max(NAME_WIDTH, widest + 16))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.tree and event.type() == QEvent.Type.FontChange:
            self.fit_names()  # workshop mode's larger type
        return super().eventFilter(watched, event)

    def _parent_choices(self, excluding: int | None) -> list[tuple[str, int | None]]:
        """Where a division can go: anywhere but under itself."""
        banned = set(subtree_ids(self.model.rows(), excluding)) if excluding else set()
        return [("(top level)", None)] + [
            ("    " * depth + row.name, row.id)
            for row, depth in self.model.tree_order()
            if row.id not in banned
        ]

    def _ask(
        self,
        title: str,
        initial: DivisionValues,
        editing: int | None,
        validate: Callable[[Session, DivisionValues], object],
    ) -> DivisionValues | None:
        return DivisionDialog.ask(
            self,
            title=title,
            initial=initial,
            parents=self._parent_choices(editing),
            geographies=[("(none)", None)] + [(g.label, g.id) for g in self._geographies()],
            validate=lambda v: dry_run(self._ctx, lambda s: validate(s, v)),
        )

    def add(self, parent_id: int | None = None) -> None:
        if self.account is None:
            return
        account_id, account_name = self.account
        title = "Add division" if parent_id is None else "Add sub-division"
        values = self._ask(
            title,
            DivisionValues(name="", parent_id=parent_id),
            None,
            lambda s, v: new_division(s, account_id, v),
        )
        if values is None:
            return
        edit = edits.add_division(account_id, account_name, values)
        if self.perform(edit):
            self.select(edit.row_id)

    def add_sub_division(self) -> None:
        selected = self.selected()
        if selected is not None:
            self.add(selected.id)

    def edit(self) -> None:
        row = self.selected()
        if row is None or self.account is None:
            return
        account_id, account_name = self.account
        initial = DivisionValues(
            row.name, row.parent_id, row.geography_id, row.headcount, row.engagement
        )
        values = self._ask(
            f"Edit division {row.name}",
            initial,
            row.id,
            lambda s, v: update_division(s, row.id, v),
        )
        if values is None or values == initial:
            return
        self.perform(edits.edit_division(account_id, account_name, row, values))

    def delete(self) -> None:
        row = self.selected()
        if row is None or self.account is None:
            return
        account_id, account_name = self.account
        below = len(subtree_ids(self.model.rows(), row.id)) - 1
        if not widgets.confirm(
            self,
            "Delete division",
            f"Delete {division_what(row.name, below)}? Whitespace cells of "
            f"{'these divisions' if below else 'this division'} are deleted too. "
            "Undo (Ctrl+Z) brings everything back.",
        ):
            return
        self.perform(edits.delete_division(account_id, account_name, self.model.rows(), row))


class DivisionsView(QSplitter):
    """Divisions (tree) above geographies (table) for one account."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Vertical, parent)
        self.geographies = GeographiesPanel(ctx)
        self.divisions = DivisionsPanel(ctx, self.geographies.model.rows)
        self.addWidget(self.divisions)
        self.addWidget(self.geographies)
        self.setStretchFactor(0, 3)
        self.setStretchFactor(1, 2)
        self.setChildrenCollapsible(False)

    def show_rows(
        self,
        account_id: int,
        account_name: str,
        divisions: list[DivisionRow],
        geographies: list[GeographyRow],
    ) -> None:
        self.geographies.show_rows(account_id, account_name, geographies, divisions)
        self.divisions.show_rows(account_id, account_name, divisions)
