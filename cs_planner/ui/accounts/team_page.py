"""The Team page: every person on our side (CSMs, CSAs, account executives, executive
sponsors, support leads, managers) with role, e-mail, weekly hours, a CSA's rate and target,
the accounts they own and whether they are active. Add, edit, retire (kept in history, no
longer offered), reactivate and delete (only someone nothing refers to), all undoable.

The CSAs page's roster is the same panel with the role fixed to CSA."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import replace
from typing import Any, cast

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from cs_planner.domain.accounts.queries import get_settings
from cs_planner.domain.accounts.rows import MemberRow, SettingsData
from cs_planner.domain.accounts.team_reads import read_team
from cs_planner.domain.enums import TeamRole
from cs_planner.ui.accounts.team_actions import TeamActions
from cs_planner.ui.accounts.team_columns import (
    EMAIL_WIDTH,
    NO_CSAS,
    NO_MATCH,
    NO_PEOPLE,
    TeamColumn,
    TeamFilter,
    role_count,
    team_columns,
)
from cs_planner.ui.common.account_tab import PortfolioPage
from cs_planner.ui.common.columns import StretchWhenRoom
from cs_planner.ui.common.table_model import RowsModel
from cs_planner.ui.common.widgets import ListPanel, button
from cs_planner.ui.shell.context import AppContext


class TeamPanel(ListPanel):
    """The list with search, role filter, "Show retired" and Add / Edit / Retire / Delete.
    ``fixed_role`` shows (and adds) people of that role only: the CSAs page's roster."""

    def __init__(self, ctx: AppContext, fixed_role: TeamRole | None = None) -> None:
        self._currency = "USD"
        self._filter_by = TeamFilter(role=fixed_role)
        self.model: RowsModel[MemberRow] = RowsModel(team_columns(lambda: self._currency))
        self.model.set_filter(self._filter_by.keeps)
        self._all: list[MemberRow] = []
        self.table = QTableView()
        self.table.setModel(self.model)
        self.fixed_role = fixed_role
        self.retire_button = button("Retire…", lambda: self.retire(), "")
        add_text = f"Add {fixed_role.short_label}" if fixed_role else "Add person"
        super().__init__(
            ctx,
            "Roster" if fixed_role else "People",
            self.table,
            NO_CSAS if fixed_role else NO_PEOPLE,
            add_text,
            extra=[self.retire_button],
        )
        self.model.setParent(self)
        self.steps = TeamActions(self, ctx)
        self.add_button.setToolTip(
            f"Add a {fixed_role.short_label} (Insert)" if fixed_role else "Add a person (Insert)"
        )
        self.edit_button.setToolTip("Edit the selected person (Enter); Ctrl+Z undoes it")

        rows = cast(QVBoxLayout, self.layout())
        rows.insertLayout(1, self._filters(fixed_role))
        self.details = QLabel()
        self.details.setObjectName("muted")
        self.details.setWordWrap(True)
        rows.insertWidget(3, self.details)

        self._size_columns(fixed_role)
        self.update_buttons()

    def _filters(self, fixed_role: TeamRole | None) -> QHBoxLayout:
        """Search, the role filter (not on a roster of one role) and "Show retired"."""
        self.search = QLineEdit(placeholderText="Find a name, e-mail or account")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda text: self._filter(text=text))
        self.role_filter = QComboBox()
        self.role_filter.addItem("All roles", None)
        for role in TeamRole:
            self.role_filter.addItem(role.label, role)
        self.role_filter.setToolTip("Show one role only")
        self.role_filter.currentIndexChanged.connect(
            lambda: self._filter(role=self.role_filter.currentData())
        )
        self.role_filter.setVisible(fixed_role is None)
        self.show_retired = QCheckBox("Show retired")
        self.show_retired.setToolTip("Retired people are kept in the history; show them here")
        self.show_retired.toggled.connect(lambda on: self._filter(show_retired=on))
        filters = QHBoxLayout()
        filters.addWidget(self.search, 1)
        filters.addWidget(self.role_filter)
        filters.addWidget(self.show_retired)
        return filters

    def _size_columns(self, fixed_role: TeamRole | None) -> None:
        """Sorted by name; fixed widths but for the accounts, which take the rest."""
        table = self.table
        table.setSortingEnabled(True)
        table.sortByColumn(TeamColumn.NAME, Qt.SortOrder.AscendingOrder)
        table.verticalHeader().hide()
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.setColumnHidden(TeamColumn.ROLE, fixed_role is not None)
        header = table.horizontalHeader()
        widths = {
            TeamColumn.NAME: 160,
            TeamColumn.ROLE: 125,
            TeamColumn.STATUS: 130,
            TeamColumn.CAPACITY: 95,
            TeamColumn.RATE: 80,
            TeamColumn.TARGET: 70,
            TeamColumn.EMAIL: EMAIL_WIDTH,
        }
        for column, width in widths.items():
            header.resizeSection(column, width)
        StretchWhenRoom(table, TeamColumn.ACCOUNTS, readable=180)  # the accounts take the rest

    # --- showing -------------------------------------------------------------------------
    def show_rows(self, rows: list[MemberRow], settings: SettingsData) -> None:
        self.steps.settings = settings
        kept = self.selected()
        self._currency, self._all = settings.currency, list(rows)
        self.model.set_rows(rows)
        # The e-mails as wide as the longest (within reason): the accounts take the rest.
        width = self.table.sizeHintForColumn(TeamColumn.EMAIL) if rows else EMAIL_WIDTH
        self.table.horizontalHeader().resizeSection(TeamColumn.EMAIL, min(width, EMAIL_WIDTH))
        self._after_filter(kept.id if kept else None)

    def _filter(self, **changes: Any) -> None:
        kept = self.selected()
        self._filter_by = replace(self._filter_by, **changes)
        self.model.set_filter(self._filter_by.keeps)
        self._after_filter(kept.id if kept else None)

    def _after_filter(self, keep: int | None) -> None:
        mine = [r for r in self._all if self.fixed_role in (None, r.role)]
        empty_text = (NO_CSAS if self.fixed_role else NO_PEOPLE) if not mine else NO_MATCH
        self.stack.message.setText(empty_text)
        self.stack.set_empty(self.model.rowCount() == 0)
        self.select(keep)
        self.update_buttons()

    def update_buttons(self, *_args: object) -> None:
        super().update_buttons()
        self.add_button.setEnabled(True)
        row = self.selected() if hasattr(self, "model") else None
        retire = getattr(self, "retire_button", None)
        if retire is None:
            return
        retire.setText("Reactivate" if row is not None and row.retired else "Retire…")
        retire.setToolTip(
            "Make them active again: offered for new choices (Ctrl+Z undoes it)"
            if row is not None and row.retired
            else "They stay where the plan refers to them, marked (retired), but are no "
            "longer offered for new choices"
        )
        deletable = row is not None and row.references.total == 0
        self.delete_button.setEnabled(deletable)
        self.delete_button.setToolTip(
            "Delete the selected person (Del); Ctrl+Z undoes it"
            if deletable or row is None
            else f"{row.name} cannot be deleted ({row.references.describe()}): retire them instead"
        )
        self._show_details(row)

    def _show_details(self, row: MemberRow | None) -> None:
        details = getattr(self, "details", None)
        if details is None:
            return
        if row is None:
            details.setText("")
            return
        parts = [row.role.label]
        if row.retired_on:
            parts.append(f"retired {row.retired_on.isoformat()}")
        refs = row.references.describe()
        parts.append(refs if refs else "nothing in the plan refers to them yet")
        details.setText(f"{row.name}: " + "; ".join(parts) + ".")

    # --- actions -------------------------------------------------------------------------
    def add(self) -> None:
        new_id = self.steps.add(self.fixed_role)
        if new_id is not None:
            self.select(new_id)

    def edit(self) -> None:
        row = self.selected()
        if row is not None:
            self.steps.edit(row, fixed_role=self.fixed_role is not None)

    def retire(self) -> None:
        row = self.selected()
        if row is None:
            return
        if self.steps.retire(row) and not row.retired and not self.show_retired.isChecked():
            self.error.show_message(
                f"{row.name} is retired: tick Show retired to see them (Ctrl+Z undoes it)."
            )

    def delete(self) -> None:
        row = self.selected()
        if row is None:
            return
        if row.references.total:  # the Del key on someone the plan refers to
            self.error.show_message(self.delete_button.toolTip() + ".")
            return
        self.steps.delete(row)


def load_team(session: Session, today: dt.date) -> tuple[list[MemberRow], SettingsData]:
    return read_team(session, today), get_settings(session)


def summary_text(rows: list[MemberRow]) -> str:
    """'12 people: 3 CSMs, 4 CSAs, ...; 1 retired' (the active, by role, in role order)."""
    active = [r for r in rows if not r.retired]
    counts = Counter(r.role for r in active)
    parts = [role_count(counts[role], role) for role in TeamRole if counts[role]]
    retired = len(rows) - len(active)
    text = f"{len(active)} active {'person' if len(active) == 1 else 'people'}"
    if parts:
        text += ": " + ", ".join(parts)
    if retired:
        text += f"; {retired} retired"
    return text


class TeamPage(PortfolioPage):
    """A portfolio page: read when shown, and again after any edit while it is shown (the
    accounts people own and the CSAs allocated today change with the accounts)."""

    title = "Team"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        heading = QLabel("Our team")
        heading.setObjectName("sectionTitle")
        self.summary = QLabel()
        self.summary.setObjectName("muted")
        self.panel = TeamPanel(ctx)
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addWidget(self.summary, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.panel, 1)

    def reload(self) -> None:
        self.stale = False
        rows, settings = self.ctx.read(lambda s: load_team(s, self.ctx.today()))
        self.summary.setText(summary_text(rows))
        self.panel.show_rows(rows, settings)
