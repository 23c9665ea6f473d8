"""CSA allocations as a list: the model, the add/edit dialog and a panel with undoable
add, edit and delete, used on the CSAs page (every account) and on an account's Overview."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QDate, QModelIndex, QObject, Qt
from PySide6.QtWidgets import QDateEdit, QHeaderView, QTableView, QWidget

from cs_planner.domain import csa
from cs_planner.domain.accounts.rules import RETIRED_MARK, choices
from cs_planner.domain.changes import Changes
from cs_planner.domain.csa import AllocationRow, AllocationValues, CsaRow
from cs_planner.domain.enums import (
    ALLOWED_FRACTIONS,
    AllocationPhase,
    Funding,
    RequestedBy,
    TeamRole,
)
from cs_planner.domain.model import CsaAllocation
from cs_planner.ui.common import theme
from cs_planner.ui.common.columns import StretchWhenRoom
from cs_planner.ui.common.text_fit import clipped_texts
from cs_planner.ui.common.widgets import CheckedFormDialog, ChoiceBox, ListPanel, text_box
from cs_planner.ui.shell.context import AppContext
from cs_planner.ui.shell.undo import DeleteRows, InsertRow, UpdateVia, dry_run

Role = Qt.ItemDataRole
ROOT = QModelIndex()
FRACTION_LABELS = {
    0.25: "Quarter time (25%)",
    0.5: "Half time (50%)",
    0.75: "Three quarters (75%)",
    1.0: "Full time (100%)",
}
OVER_TIP = "This CSA is booked beyond 100% in at least one week this allocation covers."
USE_CASE_WIDTH = 150  # "Digital customer onboa…": enough to tell use cases apart


def fraction_text(fraction: float) -> str:
    return f"{fraction:.0%}"


class AllocationColumn(IntEnum):
    CSA = 0
    ACCOUNT = 1
    USE_CASE = 2
    FRACTION = 3
    PHASE = 4
    FUNDING = 5
    REQUESTED_BY = 6
    START = 7
    END = 8


HEADERS = ("CSA", "Account", "Use case", "Time", "Phase", "Funding", "Requested by", "Start", "End")
_SORT_KEYS: dict[AllocationColumn, Callable[[AllocationRow], Any]] = {
    AllocationColumn.CSA: lambda r: r.csa.lower(),
    AllocationColumn.ACCOUNT: lambda r: r.account.lower(),
    AllocationColumn.USE_CASE: lambda r: (r.use_case == "", r.use_case.lower()),
    AllocationColumn.FRACTION: lambda r: r.fraction,
    AllocationColumn.PHASE: lambda r: list(AllocationPhase).index(r.phase),
    AllocationColumn.FUNDING: lambda r: list(Funding).index(r.funding),
    AllocationColumn.REQUESTED_BY: lambda r: list(RequestedBy).index(r.requested_by),
    AllocationColumn.START: lambda r: r.start,
    AllocationColumn.END: lambda r: r.end,
}


def summary(row: AllocationRow) -> str:
    """Everything about an allocation in a few lines (the tooltip of its row)."""
    lines = [
        f"{row.csa} on {row.account}" + (f" · {row.use_case}" if row.use_case else ""),
        f"{FRACTION_LABELS.get(row.fraction, fraction_text(row.fraction))}, "
        f"{row.start.isoformat()} to {row.end.isoformat()}",
        f"{row.phase.label} · {row.funding.label} · requested by {row.requested_by.label.lower()}",
    ]
    return "\n".join(lines + ([row.notes] if row.notes else []))


@clipped_texts
class AllocationModel(QAbstractTableModel):
    """Allocations, sorted in the model; rows in an over-allocated week are flagged, and
    allocations that ended before today are muted, marked "ended" and listed after the
    current and planned ones whatever the sort."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[AllocationRow] = []
        self._flagged: set[int] = set()
        self._today: dt.date | None = None
        self._sort = (AllocationColumn.START, Qt.SortOrder.AscendingOrder)

    def set_rows(
        self,
        rows: Sequence[AllocationRow],
        flagged: set[int] | None = None,
        today: dt.date | None = None,
    ) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._flagged = set(flagged or ())
        self._today = today
        self._sort_rows()
        self.endResetModel()

    def is_ended(self, row: AllocationRow) -> bool:
        return self._today is not None and row.end < self._today

    def rows(self) -> list[AllocationRow]:
        return list(self._rows)

    def row_at(self, index: QModelIndex) -> AllocationRow | None:
        return self._rows[index.row()] if index.isValid() else None

    def index_of(self, allocation_id: int) -> QModelIndex:
        position = next((n for n, r in enumerate(self._rows) if r.id == allocation_id), None)
        return QModelIndex() if position is None else self.index(position, 0)

    def is_flagged(self, allocation_id: int) -> bool:
        return allocation_id in self._flagged

    def _sort_rows(self) -> None:
        column, order = self._sort
        self._rows.sort(key=_SORT_KEYS[column], reverse=order == Qt.SortOrder.DescendingOrder)
        self._rows.sort(key=self.is_ended)  # stable: ended ones last, in the same order

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(HEADERS):
            return
        self.layoutAboutToBeChanged.emit()
        self._sort = (AllocationColumn(column), order)
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
        column = AllocationColumn(index.column())
        flagged = row.id in self._flagged
        ended = self.is_ended(row)
        if role == Role.DisplayRole:
            text = self._display(row, column, flagged)
            return f"{text} (ended)" if ended and column == AllocationColumn.END else text
        if role == Role.ToolTipRole:
            tip = summary(row) + (f"\n{OVER_TIP}" if flagged else "")
            return tip + (f"\nEnded on {row.end.isoformat()}." if ended else "")
        if role == Role.ForegroundRole and column == AllocationColumn.CSA and flagged:
            return theme.ink(theme.BAD)
        if role == Role.ForegroundRole and ended:
            return theme.ink(theme.MUTED)
        if role == Role.TextAlignmentRole and column == AllocationColumn.FRACTION:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def _display(row: AllocationRow, column: AllocationColumn, flagged: bool) -> str:
        match column:
            case AllocationColumn.CSA:
                name = row.csa + (RETIRED_MARK if row.csa_retired else "")
                return f"⚠ {name}" if flagged else name
            case AllocationColumn.ACCOUNT:
                return row.account
            case AllocationColumn.USE_CASE:
                return row.use_case
            case AllocationColumn.FRACTION:
                return fraction_text(row.fraction)
            case AllocationColumn.PHASE:
                return row.phase.label
            case AllocationColumn.FUNDING:
                return row.funding.label
            case AllocationColumn.REQUESTED_BY:
                return row.requested_by.label
            case AllocationColumn.START:
                return row.start.isoformat()
            case AllocationColumn.END:
                return row.end.isoformat()

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Role.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Role.DisplayRole:
            return HEADERS[section] if 0 <= section < len(HEADERS) else None
        return None


def date_box(value: dt.date) -> QDateEdit:
    box = QDateEdit(QDate(value))
    box.setCalendarPopup(True)
    box.setDisplayFormat("yyyy-MM-dd")
    return box


def csa_choices(roster: list[CsaRow], current: int | None) -> list[tuple[str, int | None]]:
    """The CSAs a drop-down offers: the active ones, plus ``current`` even if retired since
    (marked); a retired CSA gets no new allocations."""
    return choices([c.person for c in roster], {TeamRole.CSA}, current, none=None)


class AllocationDialog(CheckedFormDialog):
    """Add or edit an allocation. With ``accounts`` None the account is fixed."""

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        initial: AllocationValues,
        roster: list[CsaRow],
        accounts: list[tuple[int, str]] | None,
        use_cases: Callable[[int], list[tuple[int, str]]],
    ) -> None:
        super().__init__(parent, title)
        self.setMinimumWidth(480)
        self._initial, self._use_cases = initial, use_cases
        self.csa = self.add_row("csa_id", "CSA", ChoiceBox())
        self.csa.set_items(csa_choices(roster, initial.csa_id))
        self.csa.set_value(initial.csa_id)
        self.account: ChoiceBox | None = None
        if accounts is not None:
            self.account = self.add_row("account_id", "Account", ChoiceBox())
            self.account.set_items([("(choose an account)", None)] + [(n, i) for i, n in accounts])
            self.account.set_value(initial.account_id)
            self.account.currentIndexChanged.connect(self._account_changed)
        self.use_case = self.add_row(
            "use_case_id", "Use case", ChoiceBox(), "Optional: the use case the CSA works on"
        )
        self.fraction = self.add_row("fraction", "Time", ChoiceBox(), "Share of the CSA's week")
        self.fraction.set_items([(FRACTION_LABELS[f], f) for f in ALLOWED_FRACTIONS])
        self.fraction.set_value(initial.fraction)
        self.phase = self.add_row("phase", "Phase", ChoiceBox())
        self.phase.set_items([(p.label, p) for p in AllocationPhase])
        self.phase.set_value(initial.phase)
        self.funding = self.add_row(
            "funding", "Funding", ChoiceBox(), "Chargeable: the customer pays for the time"
        )
        self.funding.set_items([(f.label, f) for f in Funding])
        self.funding.set_value(initial.funding)
        self.requested_by = self.add_row("requested_by", "Requested by", ChoiceBox())
        self.requested_by.set_items([(r.label, r) for r in RequestedBy])
        self.requested_by.set_value(initial.requested_by)
        self.start = self.add_row("start_date", "Start", date_box(initial.start_date))
        self.end = self.add_row("end_date", "End", date_box(initial.end_date))
        self.notes = self.add_row("notes", "Notes", text_box(initial.notes))
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumHeight(80)
        self._account_changed()

    def _account_id(self) -> int | None:
        return self.account.value() if self.account is not None else self._initial.account_id

    def _account_changed(self, *_args: object) -> None:
        account_id = self._account_id()
        choices = self._use_cases(account_id) if account_id is not None else []
        keep = self.use_case.value() if self.use_case.count() else self._initial.use_case_id
        self.use_case.set_items([("(none)", None)] + [(t, i) for i, t in choices])
        self.use_case.set_value(keep if keep in {i for i, _ in choices} else None)

    def values(self) -> AllocationValues:
        return AllocationValues(
            csa_id=self.csa.value(),
            account_id=self._account_id(),
            start_date=self.start.date().toPython(),
            end_date=self.end.date().toPython(),
            fraction=self.fraction.value(),
            phase=self.phase.value(),
            funding=self.funding.value(),
            requested_by=self.requested_by.value(),
            use_case_id=self.use_case.value(),
            notes=self.notes.toPlainText().strip(),
        )

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        *,
        title: str,
        initial: AllocationValues,
        roster: list[CsaRow],
        accounts: list[tuple[int, str]] | None,
        use_cases: Callable[[int], list[tuple[int, str]]],
        validate=None,
    ) -> AllocationValues | None:
        return cls(parent, title, initial, roster, accounts, use_cases).run(validate)


# --- commands ---------------------------------------------------------------------------------


class AddAllocation(InsertRow):
    def __init__(self, ctx: AppContext, text: str, values: AllocationValues) -> None:
        super().__init__(
            ctx, text, lambda s: csa.new_allocation(s, values), values.account_id, True
        )


class EditAllocation(UpdateVia):
    """Change an allocation; both accounts hear of it when it moves between accounts."""

    list_changes = True

    def __init__(self, ctx: AppContext, text: str, row: AllocationRow, new: AllocationValues):
        super().__init__(ctx, text, csa.update_allocation, row.id, new, row.account_id)
        self._accounts = {row.account_id, new.account_id} - {None}

    def notify(self) -> None:
        self.ctx.notify(Changes.of_accounts(self._accounts, listed=True))


def describe(row: AllocationRow) -> str:
    return f"{row.csa} ({fraction_text(row.fraction)}) on {row.account}"


def edit_text(row: AllocationRow, new: AllocationValues, roster: list[CsaRow]) -> str:
    """An undo text that says what changed: "Move Ada Brennan's allocation on Kestrel to
    Rui Santos"; "Change Ada Brennan on Kestrel to 100%, 2026-12-01 to 2027-03-31"."""
    names = {c.id: c.name for c in roster}
    if new.csa_id != row.csa_id:
        return f"Move {row.csa}'s allocation on {row.account} to {names.get(new.csa_id, '?')}"
    parts = []
    if new.fraction != row.fraction:
        parts.append(fraction_text(new.fraction))
    if (new.start_date, new.end_date) != (row.start, row.end):
        parts.append(f"{new.start_date.isoformat()} to {new.end_date.isoformat()}")
    if parts:
        return f"Change {row.csa} on {row.account} to {', '.join(parts)}"
    return f"Edit {describe(row)}"


# --- the panel --------------------------------------------------------------------------------


class AllocationPanel(ListPanel):
    """Allocations with Add / Edit / Delete. ``account_mode``: one account's allocations
    (no account column; new allocations go to that account)."""

    def __init__(self, ctx: AppContext, *, account_mode: bool, title: str = "CSA allocations"):
        self.model = AllocationModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        empty = (
            "No CSA allocated to this account yet. Add one to plan an architect's time."
            if account_mode
            else "No allocations yet: add a CSA to the roster, then allocate them here."
        )
        super().__init__(ctx, title, self.table, empty, "Allocate CSA")
        self.model.setParent(self)
        self._account_mode = account_mode
        self.roster: list[CsaRow] = []
        self.accounts: list[tuple[int, str]] = []
        self.edit_button.setToolTip("Edit the selected allocation (Enter); Ctrl+Z undoes it")
        self.delete_button.setToolTip("Delete the selected allocation (Del); Ctrl+Z undoes it")
        table = self.table
        table.setSortingEnabled(True)
        table.sortByColumn(AllocationColumn.START, Qt.SortOrder.AscendingOrder)
        table.setWordWrap(False)
        table.setAlternatingRowColors(True)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(24)
        table.setColumnHidden(AllocationColumn.ACCOUNT, account_mode)
        # On an account the section is narrow: who asked is in the row's tooltip.
        table.setColumnHidden(AllocationColumn.REQUESTED_BY, account_mode)
        header = table.horizontalHeader()
        # Every column as wide as its contents ("Pre-sales diagnostic" was cut to "…").
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # The use case takes the room left, yet stays readable in the Overview's narrow
        # section on a laptop (the table scrolls sideways instead).
        StretchWhenRoom(table, AllocationColumn.USE_CASE, readable=USE_CASE_WIDTH)

    def show_rows(
        self,
        rows: list[AllocationRow],
        roster: list[CsaRow],
        flagged: set[int],
        *,
        accounts: list[tuple[int, str]] | None = None,
        account: tuple[int, str] | None = None,
    ) -> None:
        self.roster, self.accounts = roster, accounts or []
        today = self._ctx.today()
        if self._account_mode:
            self.set_rows(account[0], account[1], lambda: self.model.set_rows(rows, flagged, today))
            return
        kept = self.selected()
        self.model.set_rows(rows, flagged, today)
        self.stack.set_empty(not rows)
        if kept is not None:
            self.select(kept.id)
        self.update_buttons()

    def update_buttons(self, *_args: object) -> None:
        super().update_buttons()
        roster = getattr(self, "roster", [])  # ListPanel calls this before our __init__ ends
        active = [c for c in roster if not c.retired]
        account_mode = getattr(self, "_account_mode", True)
        self.add_button.setEnabled(bool(active) and (self.account is not None or not account_mode))
        self.add_button.setToolTip(
            "Allocate a CSA for a period (Insert)"
            if active
            else "Add a CSA to the roster first (CSAs page, Roster tab; or the Team page)"
        )

    def _use_cases(self, account_id: int) -> list[tuple[int, str]]:
        return self._ctx.read(lambda s: csa.use_case_choices(s, account_id))

    def _ask(self, title: str, initial: AllocationValues, check) -> AllocationValues | None:
        return AllocationDialog.ask(
            self,
            title=title,
            initial=initial,
            roster=self.roster,
            accounts=None if self._account_mode else self.accounts,
            use_cases=self._use_cases,
            validate=lambda v: dry_run(self._ctx, lambda s: check(s, v)),
        )

    def add(self) -> None:
        active = [c for c in self.roster if not c.retired]
        if not active or (self._account_mode and self.account is None):
            return
        today = self._ctx.today()
        initial = AllocationValues(
            csa_id=active[0].id,
            account_id=self.account[0] if self.account else None,
            start_date=today,
            end_date=today + dt.timedelta(days=90),
        )
        values = self._ask("Allocate CSA", initial, csa.new_allocation)
        if values is None:
            return
        names = {c.id: c.name for c in self.roster}
        account = dict(self.accounts).get(values.account_id) or (
            self.account[1] if self.account else ""
        )
        text = f"Allocate {names[values.csa_id]} {fraction_text(values.fraction)} to {account}"
        command = AddAllocation(self._ctx, text, values)
        if self.perform(command):
            self.select(command.row_id)
            self._flag_over(command.row_id, names[values.csa_id])

    def edit(self) -> None:
        row = self.selected()
        if row is None:
            return
        values = self._ask(
            f"Edit allocation: {describe(row)}",
            row.values,
            lambda s, v: csa.update_allocation(s, row.id, v),
        )
        if values is None or values == row.values:
            return
        command = EditAllocation(self._ctx, edit_text(row, values, self.roster), row, values)
        if self.perform(command):
            name = next((c.name for c in self.roster if c.id == values.csa_id), row.csa)
            self._flag_over(row.id, name)

    def _flag_over(self, allocation_id: int | None, name: str) -> None:
        # Allowed, but said at once: the views have already reloaded with the new flags.
        if allocation_id is not None and self.model.is_flagged(allocation_id):
            self.error.show_message(
                f"⚠ {name} is now booked beyond 100% in at least one week of this "
                "allocation. It is saved and flagged; Ctrl+Z undoes it."
            )

    def delete(self) -> None:
        row = self.selected()
        if row is None:
            return
        text = f"Delete allocation of {describe(row)}"
        self.perform(DeleteRows(self._ctx, text, CsaAllocation, [row.id], row.account_id, True))
