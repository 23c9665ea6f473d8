"""The CSA section of an account: who is allocated to it, with undoable add, edit and
delete. It reads its own rows and reloads when the account, the team or the settings change."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from cs_planner.domain import csa
from cs_planner.domain import csa_load as load
from cs_planner.domain.accounts.queries import get_account
from cs_planner.domain.csa import CsaData
from cs_planner.domain.errors import ValidationError
from cs_planner.ui.csa_allocations import AllocationPanel
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
        ctx.accountChanged.connect(self._account_changed)

    def show_data(self, account_id: int, account_name: str, data: CsaData) -> None:
        self._account_id = account_id
        mine = [a for a in data.allocations if a.account_id == account_id]
        # The flag needs each CSA's whole load: ``data`` holds all their allocations.
        flagged = load.over_allocated_ids(data.allocations)
        self.show_rows(mine, data.roster, flagged, account=(account_id, account_name))

    def set_account(self, account_id: int | None) -> None:
        self._account_id = account_id
        self.reload()

    def reload(self) -> None:
        account_id = self._account_id
        if account_id is None:
            return
        try:
            name, data = self._ctx.read(
                lambda s: (
                    get_account(s, account_id).name,
                    csa.read_csa_data(s, account_id, with_shared=True),
                )
            )
        except ValidationError:  # the account was deleted
            self._account_id = None
            return
        self.show_data(account_id, name, data)

    def _account_changed(self, account_id: int) -> None:
        if self._account_id not in (None, account_id) and self.isVisible():
            self.reload()
