"""CSA allocations as a list, with undoable add, edit and delete: on the CSAs page (every
account) and on an account's Overview (one account's). The dialog is ``allocation_dialog``;
the edits are the domain's (``domain.csa.edits``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QTableView

from cs_planner.domain.accounts.rules import RETIRED_MARK
from cs_planner.domain.csa import queries
from cs_planner.domain.csa.edits import (
    add_allocation,
    delete_allocation,
    describe,
    edit_allocation,
    edit_text,
    fraction_text,
)
from cs_planner.domain.csa.rows import AllocationRow, AllocationValues, CsaRow
from cs_planner.domain.edits import Edit
from cs_planner.domain.enums import AllocationPhase, Funding, RequestedBy
from cs_planner.ui.common import theme
from cs_planner.ui.common.columns import StretchWhenRoom
from cs_planner.ui.common.table_model import Align, Col, RowsModel, fit_columns
from cs_planner.ui.common.widgets import ListPanel
from cs_planner.ui.csa.allocation_dialog import FRACTION_LABELS, AllocationDialog
from cs_planner.ui.shell.context import AppContext
from cs_planner.ui.shell.undo import dry_run

OVER_TIP = "This CSA is booked beyond 100% in at least one week this allocation covers."
USE_CASE_WIDTH = 150  # "Digital customer onboa…": enough to tell use cases apart


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


def summary(row: AllocationRow) -> str:
    """Everything about an allocation in a few lines (the tooltip of its row)."""
    lines = [
        f"{row.csa} on {row.account}" + (f" · {row.use_case}" if row.use_case else ""),
        f"{FRACTION_LABELS.get(row.fraction, fraction_text(row.fraction))}, "
        f"{row.start.isoformat()} to {row.end.isoformat()}",
        f"{row.phase.label} · {row.funding.label} · requested by {row.requested_by.label.lower()}",
    ]
    return "\n".join(lines + ([row.notes] if row.notes else []))


class AllocationModel(RowsModel[AllocationRow]):
    """Allocations; rows in an over-allocated week are flagged, and allocations that ended
    before today are muted, marked "ended" and listed after the current and planned ones
    whatever the sort."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(self._columns(), parent, then_by=self.is_ended)
        self._flagged: set[int] = set()
        self._today: dt.date | None = None

    def show(
        self,
        rows: Sequence[AllocationRow],
        flagged: set[int] | None = None,
        today: dt.date | None = None,
    ) -> None:
        self._flagged = set(flagged or ())
        self._today = today
        self.set_rows(rows)

    def is_ended(self, row: AllocationRow) -> bool:
        return self._today is not None and row.end < self._today

    def is_flagged(self, allocation_id: int) -> bool:
        return allocation_id in self._flagged

    def _tip(self, row: AllocationRow) -> str:
        tip = summary(row) + (f"\n{OVER_TIP}" if row.id in self._flagged else "")
        return tip + (f"\nEnded on {row.end.isoformat()}." if self.is_ended(row) else "")

    def _muted(self, row: AllocationRow) -> str | None:
        return theme.MUTED if self.is_ended(row) else None

    def _csa_text(self, row: AllocationRow) -> str:
        name = row.csa + (RETIRED_MARK if row.csa_retired else "")
        return f"⚠ {name}" if row.id in self._flagged else name

    def _columns(self) -> list[Col[AllocationRow]]:
        def col(
            header: str,
            text: Callable[[AllocationRow], str],
            key: Callable[[AllocationRow], Any],
            **more: Any,
        ) -> Col[AllocationRow]:
            more.setdefault("colour", self._muted)
            return Col(header, text, key, tip=self._tip, **more)

        return [
            col(
                "CSA",
                self._csa_text,
                lambda r: r.csa.lower(),
                colour=lambda r: theme.BAD if r.id in self._flagged else self._muted(r),
            ),
            col("Account", lambda r: r.account, lambda r: r.account.lower()),
            col("Use case", lambda r: r.use_case, lambda r: (r.use_case == "", r.use_case.lower())),
            col(
                "Time", lambda r: fraction_text(r.fraction), lambda r: r.fraction, align=Align.RIGHT
            ),
            col("Phase", lambda r: r.phase.label, lambda r: list(AllocationPhase).index(r.phase)),
            col("Funding", lambda r: r.funding.label, lambda r: list(Funding).index(r.funding)),
            col(
                "Requested by",
                lambda r: r.requested_by.label,
                lambda r: list(RequestedBy).index(r.requested_by),
            ),
            col("Start", lambda r: r.start.isoformat(), lambda r: r.start),
            col(
                "End",
                lambda r: r.end.isoformat() + (" (ended)" if self.is_ended(r) else ""),
                lambda r: r.end,
            ),
        ]


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
        # Every column as wide as its contents ("Pre-sales diagnostic" was cut to "…").
        fit_columns(table, self.model)
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
            assert account is not None, "an account's section shows that account"
            self.set_rows(account[0], account[1], lambda: self.model.show(rows, flagged, today))
            return
        kept = self.selected()
        self.model.show(rows, flagged, today)
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
        return self._ctx.read(lambda s: queries.use_case_choices(s, account_id))

    def _ask(
        self,
        title: str,
        initial: AllocationValues,
        edit_for: Callable[[AllocationValues], Edit],
    ) -> AllocationValues | None:
        """The dialog's values, checked by a dry run of the edit they make."""
        return AllocationDialog.ask(
            self,
            title=title,
            initial=initial,
            roster=self.roster,
            accounts=None if self._account_mode else self.accounts,
            use_cases=self._use_cases,
            validate=lambda v: dry_run(self._ctx, edit_for(v).apply),
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
        values = self._ask("Allocate CSA", initial, lambda v: add_allocation("", v))
        if values is None:
            return
        name = next((c.name for c in self.roster if c.id == values.csa_id), "")
        accounts = dict(self.accounts)
        account = (accounts.get(values.account_id) if values.account_id is not None else None) or (
            self.account[1] if self.account else ""
        )
        text = f"Allocate {name} {fraction_text(values.fraction)} to {account}"
        edit = add_allocation(text, values)
        if self.perform(edit):
            self.select(edit.row_id)
            self._flag_over(edit.row_id, name)

    def edit(self) -> None:
        row = self.selected()
        if row is None:
            return
        values = self._ask(
            f"Edit allocation: {describe(row)}",
            row.values,
            lambda v: edit_allocation("", row, v),
        )
        if values is None or values == row.values:
            return
        if self.perform(edit_allocation(edit_text(row, values, self.roster), row, values)):
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
        self.perform(delete_allocation(row))
