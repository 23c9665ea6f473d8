"""The Team page: every person on our side (CSMs, CSAs, account executives, executive
sponsors, support leads, managers) with role, e-mail, weekly hours, a CSA's rate and target,
the accounts they own and whether they are active. Add, edit, retire (kept in history, no
longer offered), reactivate and delete (only someone nothing refers to), all undoable.

The CSAs page's roster is the same panel with the role fixed to CSA."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt
from PySide6.QtGui import QShowEvent
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

from cs_planner.domain import team
from cs_planner.domain.enums import TeamRole
from cs_planner.domain.portfolio import SettingsData, get_settings
from cs_planner.domain.team import MemberRow
from cs_planner.ui import format as fmt
from cs_planner.ui import theme
from cs_planner.ui.columns import StretchWhenRoom
from cs_planner.ui.context import AppContext
from cs_planner.ui.team_actions import TeamActions
from cs_planner.ui.widgets import ListPanel, button

Role = Qt.ItemDataRole
ROOT = QModelIndex()
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
NO_PEOPLE = (
    "No one on the team yet. Add the people on our side: CSMs, CSAs, account executives, "
    "executive sponsors, a support lead, a manager."
)
NO_CSAS = "No CSAs yet. Add the architects you plan: their hours, rate and target."
NO_MATCH = "No one matches the search and filters."
EMAIL_WIDTH = 280
DEFAULT_TIP = "The portfolio default (File > Settings); set one for this CSA with Edit"


class TeamColumn(IntEnum):
    """Display order: who and whether active first, the e-mail last (it scrolls out of
    view first on a laptop)."""

    NAME = 0
    ROLE = 1
    STATUS = 2
    CAPACITY = 3
    RATE = 4
    TARGET = 5
    ACCOUNTS = 6
    EMAIL = 7


HEADERS = {
    TeamColumn.NAME: "Name",
    TeamColumn.ROLE: "Role",
    TeamColumn.STATUS: "Status",
    TeamColumn.CAPACITY: "Hours a week",
    TeamColumn.RATE: "Bill rate",
    TeamColumn.TARGET: "Target",
    TeamColumn.ACCOUNTS: "Accounts",
    TeamColumn.EMAIL: "E-mail",
}
HEADER_TIPS = {
    TeamColumn.RATE: "CSAs only: their own hourly rate, or the portfolio default (grey)",
    TeamColumn.TARGET: "CSAs only: chargeability target, the share of time on customer-funded "
    "work, or the portfolio default (grey)",
    TeamColumn.ACCOUNTS: "The accounts they own: as CSM or executive sponsor, or (CSAs) "
    "allocated to today",
    TeamColumn.STATUS: "Retired people stay where the plan refers to them but are no longer "
    "offered for new choices",
}
_SORT_KEYS: dict[TeamColumn, Callable[[MemberRow], Any]] = {
    TeamColumn.NAME: lambda r: r.name.lower(),
    TeamColumn.ROLE: lambda r: (list(TeamRole).index(r.role), r.name.lower()),
    TeamColumn.EMAIL: lambda r: (r.email == "", r.email.lower()),
    TeamColumn.CAPACITY: lambda r: r.capacity,
    TeamColumn.RATE: lambda r: (r.rate is None, r.rate or 0.0),
    TeamColumn.TARGET: lambda r: (r.target is None, r.target or 0.0),
    TeamColumn.ACCOUNTS: lambda r: (len(r.accounts), r.name.lower()),
    TeamColumn.STATUS: lambda r: (r.retired_on or dt.date.max, r.name.lower()),
}


def role_count(n: int, role: TeamRole) -> str:
    label = role.short_label if role in (TeamRole.CSM, TeamRole.CSA) else role.label.lower()
    return f"{n} {label}{'' if n == 1 else 's'}"


class TeamModel(QAbstractTableModel):
    """Everyone, filtered by role, text and retirement, sorted by any column (the model
    sorts and filters its own list)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._all: list[MemberRow] = []
        self._rows: list[MemberRow] = []
        self.currency = "USD"
        self.role: TeamRole | None = None
        self.text = ""
        self.show_retired = False
        self._sort = (TeamColumn.NAME, Qt.SortOrder.AscendingOrder)

    # --- data ----------------------------------------------------------------------------
    def set_rows(self, rows: list[MemberRow], currency: str) -> None:
        self.beginResetModel()
        self._all, self.currency = list(rows), currency
        self._rows = self._visible()
        self.endResetModel()

    def set_filter(self, **changes: Any) -> None:
        """Change ``role`` (None: every role), ``text`` or ``show_retired``."""
        for key, value in changes.items():
            if key not in ("role", "text", "show_retired"):
                raise ValueError(f"unknown filter {key}")
            setattr(self, key, value)
        self.beginResetModel()
        self._rows = self._visible()
        self.endResetModel()

    def _visible(self) -> list[MemberRow]:
        text = self.text.strip().lower()
        rows = [
            r
            for r in self._all
            if (self.role is None or r.role == self.role)
            and (self.show_retired or not r.retired)
            and (
                not text
                or text in r.name.lower()
                or text in r.email.lower()
                or text in r.role.label.lower()
                or any(text in a.lower() for a in r.accounts)
            )
        ]
        column, order = self._sort
        rows.sort(key=_SORT_KEYS[column], reverse=order == Qt.SortOrder.DescendingOrder)
        return rows

    def all_rows(self) -> list[MemberRow]:
        return list(self._all)

    def rows(self) -> list[MemberRow]:
        return list(self._rows)

    def row_at(self, index: QModelIndex) -> MemberRow | None:
        return self._rows[index.row()] if index.isValid() else None

    def index_of(self, member_id: int) -> QModelIndex:
        position = next((n for n, r in enumerate(self._rows) if r.id == member_id), None)
        return QModelIndex() if position is None else self.index(position, 0)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(HEADERS):
            return
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        ids = [self._rows[i.row()].id for i in before]
        self._sort = (TeamColumn(column), order)
        self._rows.sort(
            key=_SORT_KEYS[TeamColumn(column)], reverse=order == Qt.SortOrder.DescendingOrder
        )
        positions = {r.id: n for n, r in enumerate(self._rows)}
        after = [self.index(positions[i], idx.column()) for i, idx in zip(ids, before, strict=True)]
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()

    # --- Qt -----------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def data(self, index: QModelIndex, role: int = Role.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = TeamColumn(index.column())
        if role == Role.DisplayRole:
            return self._display(row, column)
        defaulted = (
            column == TeamColumn.RATE and row.rate is not None and row.own_rate is None
        ) or (column == TeamColumn.TARGET and row.target is not None and row.own_target is None)
        if role == Role.ForegroundRole and (row.retired or defaulted):
            return theme.ink(theme.MUTED)
        if role == Role.ToolTipRole:
            return self._tooltip(row, column, defaulted)
        if role == Role.TextAlignmentRole and column in (
            TeamColumn.CAPACITY,
            TeamColumn.RATE,
            TeamColumn.TARGET,
        ):
            return RIGHT
        return None

    def _display(self, row: MemberRow, column: TeamColumn) -> str:
        match column:
            case TeamColumn.NAME:
                return row.name
            case TeamColumn.ROLE:
                return row.role.label
            case TeamColumn.EMAIL:
                return row.email
            case TeamColumn.CAPACITY:
                return fmt.amount(row.capacity)
            case TeamColumn.RATE:
                return fmt.money(row.rate, self.currency)
            case TeamColumn.TARGET:
                return fmt.percent(row.target)
            case TeamColumn.ACCOUNTS:
                return ", ".join(row.accounts)
            case TeamColumn.STATUS:
                return f"Retired {row.retired_on.isoformat()}" if row.retired_on else "Active"

    @staticmethod
    def _tooltip(row: MemberRow, column: TeamColumn, defaulted: bool) -> str | None:
        if defaulted:
            return DEFAULT_TIP
        if column in (TeamColumn.RATE, TeamColumn.TARGET) and row.rate is None:
            return "Applies to CSAs only"
        if column == TeamColumn.ACCOUNTS and row.accounts:
            return f"{len(row.accounts)} account{'s' * (len(row.accounts) != 1)}:\n" + "\n".join(
                row.accounts
            )
        if column == TeamColumn.NAME:
            refs = row.references.describe()
            return f"{row.name}, {row.role.label}" + (f": {refs}" if refs else "")
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Role.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(HEADERS):
            return None
        if role == Role.DisplayRole:
            return HEADERS[TeamColumn(section)]
        if role == Role.ToolTipRole:
            return HEADER_TIPS.get(TeamColumn(section))
        return None


class TeamPanel(ListPanel):
    """The list with search, role filter, "Show retired" and Add / Edit / Retire / Delete.
    ``fixed_role`` shows (and adds) people of that role only: the CSAs page's roster."""

    def __init__(self, ctx: AppContext, fixed_role: TeamRole | None = None) -> None:
        self.model = TeamModel()
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
        self.actions = TeamActions(self, ctx)
        if fixed_role is not None:
            self.model.role = fixed_role
        self.add_button.setToolTip(
            f"Add a {fixed_role.short_label} (Insert)" if fixed_role else "Add a person (Insert)"
        )
        self.edit_button.setToolTip("Edit the selected person (Enter); Ctrl+Z undoes it")

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
        self.layout().insertLayout(1, filters)
        self.details = QLabel()
        self.details.setObjectName("muted")
        self.details.setWordWrap(True)
        self.layout().insertWidget(3, self.details)

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
        self.update_buttons()

    # --- showing -------------------------------------------------------------------------
    def show_rows(self, rows: list[MemberRow], settings: SettingsData) -> None:
        self.actions.settings = settings
        kept = self.selected()
        self.model.set_rows(rows, settings.currency)
        # The e-mails as wide as the longest (within reason): the accounts take the rest.
        width = self.table.sizeHintForColumn(TeamColumn.EMAIL) if rows else EMAIL_WIDTH
        self.table.horizontalHeader().resizeSection(TeamColumn.EMAIL, min(width, EMAIL_WIDTH))
        self._after_filter(kept.id if kept else None)

    def _filter(self, **changes: Any) -> None:
        kept = self.selected()
        self.model.set_filter(**changes)
        self._after_filter(kept.id if kept else None)

    def _after_filter(self, keep: int | None) -> None:
        mine = [r for r in self.model.all_rows() if self.fixed_role in (None, r.role)]
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
        new_id = self.actions.add(self.fixed_role)
        if new_id is not None:
            self.select(new_id)

    def edit(self) -> None:
        row = self.selected()
        if row is not None:
            self.actions.edit(row, fixed_role=self.fixed_role is not None)

    def retire(self) -> None:
        row = self.selected()
        if row is None:
            return
        if self.actions.retire(row) and not row.retired and not self.show_retired.isChecked():
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
        self.actions.delete(row)


def load_team(session: Session, today: dt.date) -> tuple[list[MemberRow], SettingsData]:
    return team.read_team(session, today), get_settings(session)


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


class TeamPage(QWidget):
    """A portfolio page (see ``ui.workspace.MainArea``): read on ``refresh``, and again
    after any edit while it is shown."""

    title = "Team"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._stale = True
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
        for signal in (ctx.teamChanged, ctx.accountsChanged, ctx.settingsChanged):
            signal.connect(self._changed)
        ctx.accountChanged.connect(lambda _id: self._changed())

    def refresh(self) -> None:
        self._stale = False
        rows, settings = self._ctx.read(lambda s: load_team(s, self._ctx.today()))
        self.summary.setText(summary_text(rows))
        self.panel.show_rows(rows, settings)

    def _changed(self) -> None:
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()
