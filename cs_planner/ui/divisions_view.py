"""The account's divisions as a tree and its geographies as a table, each with add, edit and
delete through undo commands."""

from __future__ import annotations

from collections.abc import Callable
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QSize,
    Qt,
)
from PySide6.QtWidgets import (
    QHeaderView,
    QLineEdit,
    QSpinBox,
    QSplitter,
    QTableView,
    QTreeView,
    QWidget,
)

from cs_planner.domain.accounts.rows import (
    DivisionRow,
    DivisionValues,
    GeographyRow,
    GeographyValues,
)
from cs_planner.domain.accounts.rules import children, geography_label, subtree_ids
from cs_planner.domain.accounts.writes import (
    new_division,
    new_geography,
    update_division,
    update_geography,
)
from cs_planner.domain.enums import Engagement
from cs_planner.domain.model import Division, Geography
from cs_planner.ui.common import theme, widgets
from cs_planner.ui.common.text_fit import clipped_texts
from cs_planner.ui.common.widgets import (
    CheckedFormDialog,
    ChoiceBox,
    ListPanel,
    button,
)
from cs_planner.ui.shell.context import AppContext
from cs_planner.ui.shell.undo import DeleteRows, InsertRow, UpdateVia, dry_run

NO_DIVISIONS = (
    "No divisions yet — add the customer's departments to see where the product is adopted."
)
NO_GEOGRAPHIES = "No geographies yet — add the regions and countries where the customer operates."
ENGAGEMENT_COLOURS = {Engagement.ADOPTED: theme.GOOD, Engagement.EVALUATING: theme.WARN}
Role = Qt.ItemDataRole
ROOT = QModelIndex()
ROW_SIZE = QSize(0, 26)


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

    def row_at(self, index: QModelIndex) -> DivisionRow | None:
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

    def index(self, row: int, column: int, parent: QModelIndex = ROOT) -> QModelIndex:
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

    def rowCount(self, parent: QModelIndex = ROOT) -> int:
        if parent.column() > 0:
            return 0
        parent_id = parent.internalId() if parent.isValid() else None
        return len(self._kids.get(parent_id, []))

    def columnCount(self, parent: QModelIndex = ROOT) -> int:
        return len(DivisionColumn)

    def data(self, index: QModelIndex, role: int = Role.DisplayRole) -> Any:
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

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Role.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Role.DisplayRole:
            return DIVISION_HEADERS[section] if 0 <= section < len(DIVISION_HEADERS) else None
        return None


@clipped_texts
class GeographyModel(QAbstractTableModel):
    HEADERS = ("Region", "Country", "Divisions")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[GeographyRow] = []
        self._used: dict[int, int] = {}

    def set_rows(self, rows: list[GeographyRow], divisions: list[DivisionRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._used = {}
        for division in divisions:
            if division.geography_id is not None:
                self._used[division.geography_id] = self._used.get(division.geography_id, 0) + 1
        self.endResetModel()

    def rows(self) -> list[GeographyRow]:
        return list(self._rows)

    def row_at(self, index: QModelIndex) -> GeographyRow | None:
        return self._rows[index.row()] if index.isValid() else None

    def index_of(self, geography_id: int) -> QModelIndex:
        position = next((n for n, r in enumerate(self._rows) if r.id == geography_id), None)
        return QModelIndex() if position is None else self.index(position, 0)

    def used_by(self, geography_id: int) -> int:
        return self._used.get(geography_id, 0)

    def rowCount(self, parent: QModelIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: QModelIndex, role: int = Role.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == Role.DisplayRole:
            return (row.region, row.country, str(self.used_by(row.id) or ""))[index.column()]
        if role == Role.TextAlignmentRole and index.column() == 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Role.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Role.DisplayRole:
            return self.HEADERS[section] if 0 <= section < len(self.HEADERS) else None
        return None


class DivisionDialog(CheckedFormDialog):
    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        initial: DivisionValues,
        parents: list[tuple[str, int | None]],
        geographies: list[tuple[str, int | None]],
    ) -> None:
        super().__init__(parent, title)
        self.name = self.add_row("name", "Name", QLineEdit(initial.name))
        self.parent_box = self.add_row("parent_id", "Part of", ChoiceBox())
        self.parent_box.set_items(parents)
        self.parent_box.set_value(initial.parent_id)
        self.geography = self.add_row("geography_id", "Geography", ChoiceBox())
        self.geography.set_items(geographies)
        self.geography.set_value(initial.geography_id)
        self.headcount = self.add_row("headcount", "Headcount", QSpinBox())
        self.headcount.setRange(0, 10_000_000)
        self.headcount.setGroupSeparatorShown(True)
        self.headcount.setValue(initial.headcount)
        self.engagement = self.add_row(
            "engagement",
            "Engagement",
            ChoiceBox(),
            "Is the product adopted in this division, being evaluated, or not (yet) used?",
        )
        self.engagement.set_items([(e.label, e) for e in Engagement])
        self.engagement.set_value(initial.engagement)

    def values(self) -> DivisionValues:
        return DivisionValues(
            name=self.name.text().strip(),
            parent_id=self.parent_box.value(),
            geography_id=self.geography.value(),
            headcount=self.headcount.value(),
            engagement=self.engagement.value(),
        )

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        *,
        title: str,
        initial: DivisionValues,
        parents: list[tuple[str, int | None]],
        geographies: list[tuple[str, int | None]],
        validate=None,
    ) -> DivisionValues | None:
        return cls(parent, title, initial, parents, geographies).run(validate)


class GeographyDialog(CheckedFormDialog):
    def __init__(self, parent: QWidget | None, title: str, initial: GeographyValues) -> None:
        super().__init__(parent, title)
        self.region = self.add_row("region", "Region", QLineEdit(initial.region))
        self.region.setPlaceholderText("e.g. EMEA, North America")
        self.country = self.add_row("country", "Country", QLineEdit(initial.country))
        self.country.setPlaceholderText("optional, e.g. Germany")

    def values(self) -> GeographyValues:
        return GeographyValues(self.region.text().strip(), self.country.text().strip())

    @classmethod
    def ask(
        cls, parent: QWidget | None, *, title: str, initial: GeographyValues, validate=None
    ) -> GeographyValues | None:
        return cls(parent, title, initial).run(validate)


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
        header.resizeSection(DivisionColumn.NAME, 190)

    def show_rows(self, account_id: int, account_name: str, rows: list[DivisionRow]) -> None:
        self.set_rows(account_id, account_name, lambda: self.model.set_rows(rows))
        self.tree.expandAll()

    def _parent_choices(self, excluding: int | None) -> list[tuple[str, int | None]]:
        """Where a division can go: anywhere but under itself."""
        banned = set(subtree_ids(self.model.rows(), excluding)) if excluding else set()
        return [("(top level)", None)] + [
            ("    " * depth + row.name, row.id)
            for row, depth in self.model.tree_order()
            if row.id not in banned
        ]

    def _ask(self, title: str, initial: DivisionValues, editing: int | None, validate):
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
        command = InsertRow(
            self._ctx,
            f"Add division {values.name} to {account_name}",
            lambda s: new_division(s, account_id, values),
            account_id,
        )
        if self.perform(command):
            self.select(command.row_id)

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
        text = f"Edit division {row.name} of {account_name}"
        self.perform(UpdateVia(self._ctx, text, update_division, row.id, values, account_id))

    def delete(self) -> None:
        row = self.selected()
        if row is None or self.account is None:
            return
        account_id, account_name = self.account
        ids = subtree_ids(self.model.rows(), row.id)
        below = len(ids) - 1
        what = row.name
        if below:
            what += f" and its {below} sub-division{'s' if below > 1 else ''}"
        if not widgets.confirm(
            self,
            "Delete division",
            f"Delete {what}? Whitespace cells of "
            f"{'these divisions' if below else 'this division'} are deleted too. "
            "Undo (Ctrl+Z) brings everything back.",
        ):
            return
        text = f"Delete division {what} of {account_name}"
        self.perform(DeleteRows(self._ctx, text, Division, ids, account_id))


class GeographiesPanel(ListPanel):
    """The regions and countries where the account operates."""

    def __init__(self, ctx: AppContext) -> None:
        self.model = GeographyModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        super().__init__(ctx, "Geographies", self.table, NO_GEOGRAPHIES, "Add geography")
        self.model.setParent(self)
        self.add_button.setToolTip("Add a region, or a country in a region (Insert)")
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)

    def show_rows(
        self,
        account_id: int,
        account_name: str,
        rows: list[GeographyRow],
        divisions: list[DivisionRow],
    ) -> None:
        self.set_rows(account_id, account_name, lambda: self.model.set_rows(rows, divisions))

    def add(self) -> None:
        if self.account is None:
            return
        account_id, account_name = self.account
        values = GeographyDialog.ask(
            self,
            title="Add geography",
            initial=GeographyValues(""),
            validate=lambda v: dry_run(self._ctx, lambda s: new_geography(s, account_id, v)),
        )
        if values is None:
            return
        command = InsertRow(
            self._ctx,
            f"Add geography {geography_label(values.region, values.country)} to {account_name}",
            lambda s: new_geography(s, account_id, values),
            account_id,
        )
        if self.perform(command):
            self.select(command.row_id)

    def edit(self) -> None:
        row = self.selected()
        if row is None or self.account is None:
            return
        account_id, account_name = self.account
        initial = GeographyValues(row.region, row.country)
        values = GeographyDialog.ask(
            self,
            title=f"Edit geography {row.label}",
            initial=initial,
            validate=lambda v: dry_run(self._ctx, lambda s: update_geography(s, row.id, v)),
        )
        if values is None or values == initial:
            return
        text = f"Edit geography {row.label} of {account_name}"
        self.perform(UpdateVia(self._ctx, text, update_geography, row.id, values, account_id))

    def delete(self) -> None:
        row = self.selected()
        if row is None or self.account is None:
            return
        used = self.model.used_by(row.id)
        if used and not widgets.confirm(
            self,
            "Delete geography",
            f"{used} division{'s are' if used > 1 else ' is'} in {row.label}; "
            "they will have no geography. Delete it anyway?",
        ):
            return
        account_id, account_name = self.account
        text = f"Delete geography {row.label} of {account_name}"
        self.perform(DeleteRows(self._ctx, text, Geography, [row.id], account_id))


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
