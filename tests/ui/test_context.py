"""The context's read of an account tab's data: None when there is nothing to show."""

from __future__ import annotations

from cs_planner.domain.accounts.queries import account_card
from cs_planner.domain.accounts.writes import create_account
from cs_planner.ui.shell.context import AppContext


def test_read_account_gives_none_for_no_account_or_a_deleted_one(portfolio, today) -> None:
    with portfolio.session() as s:
        account = create_account(s, "Harbor Lane", 10_000)
    ctx = AppContext(portfolio)
    ctx.today = lambda: today
    card = ctx.read_account(account, account_card)
    assert card is not None and card.name == "Harbor Lane"
    assert ctx.read_account(None, account_card) is None
    assert ctx.read_account(account + 999, account_card) is None
