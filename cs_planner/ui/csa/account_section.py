"""The CSA section of an account's Overview: who is allocated to it, with undoable add, edit
and delete. The Overview reads its rows; an edit on another account that shares a CSA with
this one reloads the section by itself (the over-allocation flags may change)."""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget

from cs_planner.domain.changes import Changes
from cs_planner.domain.csa import queries
from cs_planner.domain.csa.rows import CsaData
from cs_planner.domain.errors import ValidationError
from cs_planner.ui.csa.allocations import AllocationPanel
from cs_planner.ui.shell.context import AppContext


class AccountCsaSection(AllocationPanel):
    """Shown on the Overview, which reads the rows in its own transaction and passes them to
    ``show_data`` on every reload (its account, the team, the settings). An edit on another
    account can flag a CSA shared with this one, so those reload the section by themselves."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, account_mode=True, title="CSAs allocated")
        if parent is not None:
            self.setParent(parent)
        self._account_id: int | None = None
        self._stale = False
        ctx.changed.connect(self._changed)

    def show_data(self, account_id: int, account_name: str, data: CsaData) -> None:
        self._account_id = account_id
        mine = [a for a in data.allocations if a.account_id == account_id]
        # The flag needs each CSA's whole load: ``data`` holds all their allocations.
        flagged = data.over_allocated_ids
        self.show_rows(mine, data.roster, flagged, account=(account_id, account_name))

    def set_account(self, account_id: int | None) -> None:
        self._account_id = account_id
        self.reload()

    def reload(self) -> None:
        self._stale = False
        account_id = self._account_id
        if account_id is None:
            return
        try:
            name, data = self._ctx.read(lambda s: queries.read_account_csas(s, account_id))
        except ValidationError:  # the account was deleted
            self._account_id = None
            return
        self.show_data(account_id, name, data)

    def _changed(self, changes: Changes) -> None:
        # Its own account's changes reach it through the Overview, which reloads it.
        if self._account_id is None or not changes.accounts - {self._account_id}:
            return
        if self.isVisible():
            self.reload()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()
