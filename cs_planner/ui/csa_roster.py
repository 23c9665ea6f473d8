"""Our CSAs: name, weekly capacity, bill rate and chargeability target (blank: the
portfolio default), with undoable add, edit and delete."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt
from PySide6.QtWidgets import QHeaderView, QLineEdit, QTableView, QWidget

from cs_planner.domain import csa
from cs_planner.domain.csa import CsaRow, CsaValues
from cs_planner.domain.errors import ValidationError
from cs_planner.domain.portfolio import SettingsData
from cs_planner.ui import format as fmt
from cs_planner.ui import theme
from cs_planner.ui.context import AppContext
from cs_planner.ui.text_fit import clipped_texts
from cs_planner.ui.undo import DeleteRows, InsertRow, UpdateVia, dry_run
from cs_planner.ui.widgets import CheckedFormDialog, ListPanel, confirm, parse_number

Role = Qt.ItemDataRole
ROOT = QModelIndex()


class RosterColumn(IntEnum):
    NAME = 0
    CAPACITY = 1
    RATE = 2
    TARGET = 3
    EMAIL = 4


HEADERS = ("CSA", "Hours a week", "Bill rate", "Chargeability target", "Email")
_SORT_KEYS = {
    RosterColumn.NAME: lambda r: r.name.lower(),
    RosterColumn.CAPACITY: lambda r: r.capacity,
    RosterColumn.RATE: lambda r: r.rate,
    RosterColumn.TARGET: lambda r: r.target,
    RosterColumn.EMAIL: lambda r: r.email.lower(),
}


@clipped_texts
class RosterModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[CsaRow] = []
        self.currency = "USD"
        self._sort = (RosterColumn.NAME, Qt.SortOrder.AscendingOrder)

    def set_rows(self, rows: list[CsaRow], currency: str) -> None:
        self.beginResetModel()
        self._rows, self.currency = list(rows), currency
        self._sort_rows()
        self.endResetModel()

    def row_at(self, index: QModelIndex) -> CsaRow | None:
        return self._rows[index.row()] if index.isValid() else None

    def index_of(self, csa_id: int) -> QModelIndex:
        position = next((n for n, r in enumerate(self._rows) if r.id == csa_id), None)
        return QModelIndex() if position is None else self.index(position, 0)

    def _sort_rows(self) -> None:
        column, order = self._sort
        self._rows.sort(key=_SORT_KEYS[column], reverse=order == Qt.SortOrder.DescendingOrder)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(HEADERS):
            return
        self.layoutAboutToBeChanged.emit()
        self._sort = (RosterColumn(column), order)
        self._sort_rows()
        self.layoutChanged.emit()

    def rowCount(self, parent: QModelIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def data(self, index: QModelIndex, role: int = Role.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = RosterColumn(index.column())
        if role == Role.DisplayRole:
            return {
                RosterColumn.NAME: row.name,
                RosterColumn.CAPACITY: fmt.amount(row.capacity),
                RosterColumn.RATE: fmt.money(row.rate, self.currency),
                RosterColumn.TARGET: fmt.percent(row.target),
                RosterColumn.EMAIL: row.email,
            }[column]
        defaulted = (column == RosterColumn.RATE and row.own_rate is None) or (
            column == RosterColumn.TARGET and row.own_target is None
        )
        if role == Role.ForegroundRole and defaulted:
            return theme.ink(theme.MUTED)
        if role == Role.ToolTipRole and defaulted:
            return "The portfolio default (File > Settings); set one for this CSA with Edit"
        if role == Role.TextAlignmentRole and column in (
            RosterColumn.CAPACITY,
            RosterColumn.RATE,
            RosterColumn.TARGET,
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Role.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Role.DisplayRole:
            return HEADERS[section] if 0 <= section < len(HEADERS) else None
        return None


def _optional_number(text: str, what: str, field: str, scale: float = 1.0) -> float | None:
    cleaned = text.strip().rstrip("%").strip()
    return None if not cleaned else parse_number(cleaned, what, field) / scale


class CsaDialog(CheckedFormDialog):
    def __init__(self, parent: QWidget | None, title: str, initial: CsaValues, defaults):
        super().__init__(parent, title)
        rate, target = defaults
        self.name = self.add_row("name", "Name", QLineEdit(initial.name))
        self.email = self.add_row("email", "Email", QLineEdit(initial.email))
        self.capacity = self.add_row(
            "capacity_hours_per_week",
            "Hours a week",
            QLineEdit(fmt.amount(initial.capacity_hours_per_week)),
            "The hours this CSA works in a week (loads are a share of these)",
        )
        self.rate = self.add_row(
            "bill_rate",
            "Bill rate (per hour)",
            QLineEdit(fmt.amount(initial.bill_rate)),
            "Leave empty for the portfolio default",
        )
        self.rate.setPlaceholderText(f"default: {fmt.amount(rate)}")
        own_target = initial.chargeability_target
        self.target = self.add_row(
            "chargeability_target",
            "Chargeability target (%)",
            QLineEdit("" if own_target is None else f"{own_target * 100:g}"),
            "Share of the CSA's time on customer-funded work; empty for the portfolio default",
        )
        self.target.setPlaceholderText(f"default: {target:.0%}")

    def values(self) -> CsaValues | ValidationError:
        try:
            return CsaValues(
                name=self.name.text().strip(),
                email=self.email.text().strip(),
                capacity_hours_per_week=parse_number(
                    self.capacity.text(), "Hours a week", "capacity_hours_per_week"
                ),
                bill_rate=_optional_number(self.rate.text(), "The bill rate", "bill_rate"),
                chargeability_target=_optional_number(
                    self.target.text(), "The target", "chargeability_target", 100
                ),
            )
        except ValidationError as exc:  # shown under its field by validate()
            return exc

    def validate(self, values: CsaValues | ValidationError) -> None:
        if isinstance(values, ValidationError):
            raise values
        super().validate(values)

    @classmethod
    def ask(
        cls, parent: QWidget | None, *, title: str, initial: CsaValues, defaults, validate=None
    ) -> CsaValues | None:
        return cls(parent, title, initial, defaults).run(validate)


def _team_changed(ctx: AppContext) -> None:
    ctx.teamChanged.emit()
    ctx.accountsChanged.emit()  # the portfolio list shows CSA names


class AddCsa(InsertRow):
    def notify(self) -> None:
        _team_changed(self.ctx)


class EditCsa(UpdateVia):
    def notify(self) -> None:
        _team_changed(self.ctx)


class DeleteCsa(DeleteRows):
    def notify(self) -> None:
        _team_changed(self.ctx)


class RosterPanel(ListPanel):
    def __init__(self, ctx: AppContext) -> None:
        self.model = RosterModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        super().__init__(
            ctx,
            "Roster",
            self.table,
            "No CSAs yet. Add the architects you plan: their hours, rate and target.",
            "Add CSA",
        )
        self.model.setParent(self)
        self.settings: SettingsData | None = None
        self._allocated: dict[int, int] = {}
        self.add_button.setToolTip("Add a CSA to the roster (Insert)")
        self.delete_button.setToolTip("Remove the CSA and their allocations (Del); undoable")
        table = self.table
        table.setSortingEnabled(True)
        table.sortByColumn(RosterColumn.NAME, Qt.SortOrder.AscendingOrder)
        table.verticalHeader().hide()
        table.setAlternatingRowColors(True)
        header = table.horizontalHeader()
        for column, width in ((0, 170), (1, 100), (2, 90), (3, 140)):
            header.resizeSection(column, width)
        header.setSectionResizeMode(RosterColumn.EMAIL, QHeaderView.ResizeMode.Stretch)

    def show_rows(
        self, rows: list[CsaRow], settings: SettingsData, allocated: dict[int, int]
    ) -> None:
        self.settings, self._allocated = settings, allocated
        kept = self.selected()
        self.model.set_rows(rows, settings.currency)
        self.stack.set_empty(not rows)
        if kept is not None:
            self.select(kept.id)
        self.update_buttons()

    def update_buttons(self, *_args: object) -> None:
        super().update_buttons()
        self.add_button.setEnabled(True)

    def _ask(self, title: str, initial: CsaValues, check) -> CsaValues | None:
        settings = self.settings
        defaults = (
            (settings.default_csa_rate, settings.chargeability_target)
            if settings
            else (
                250.0,
                0.7,
            )
        )
        return CsaDialog.ask(
            self,
            title=title,
            initial=initial,
            defaults=defaults,
            validate=lambda v: dry_run(self._ctx, lambda s: check(s, v)),
        )

    def add(self) -> None:
        values = self._ask("Add CSA", CsaValues(""), csa.new_csa)
        if values is None:
            return
        command = AddCsa(self._ctx, f"Add CSA {values.name}", lambda s: csa.new_csa(s, values))
        if self.perform(command):
            self.select(command.row_id)

    def edit(self) -> None:
        row = self.selected()
        if row is None:
            return
        values = self._ask(
            f"Edit {row.name}", row.values, lambda s, v: csa.update_csa(s, row.id, v)
        )
        if values is None or values == row.values:
            return
        self.perform(EditCsa(self._ctx, f"Edit CSA {row.name}", csa.update_csa, row.id, values))

    def delete(self) -> None:
        row = self.selected()
        if row is None:
            return
        count = self._allocated.get(row.id, 0)
        if count and not confirm(
            self,
            "Remove CSA",
            f"{row.name} has {count} allocation{'s' * (count != 1)}; removing them removes "
            "those too. Edit > Undo brings everything back.",
        ):
            return
        self.perform(DeleteCsa(self._ctx, f"Remove CSA {row.name}", "team_member", [row.id]))
