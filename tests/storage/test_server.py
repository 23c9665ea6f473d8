"""The same portfolio on both engines: what a server must do that a file does by itself
(count its writes for the data version, hand out ids past rows written with theirs)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select, update

from cs_planner.demo import generate
from cs_planner.domain.accounts.portfolio_wide import data_version
from cs_planner.domain.model import Account, ActionItem
from cs_planner.storage import Portfolio, open_portfolio
from tests.conftest import url_of


def test_each_engine_is_what_it_says(portfolio: Portfolio, request) -> None:
    assert portfolio.engine.dialect.name == request.node.callspec.params["portfolio"]


def test_a_commit_that_wrote_moves_the_data_version_and_a_read_does_not(
    portfolio: Portfolio,
) -> None:
    with portfolio.read() as s:
        start = data_version(s)
    assert start is not None
    with portfolio.session() as s:  # a write transaction that changed nothing
        s.execute(select(Account.id)).all()
    with portfolio.read() as s:
        assert data_version(s) == start
    other = open_portfolio(url_of(portfolio))  # another client, its own connections
    try:
        with other.session() as s:
            s.add(Account(name="Birch Logistics", initial_deal_value=100_000))
    finally:
        other.close()
    with portfolio.read() as s:
        moved = data_version(s)
    assert moved is not None and moved[0] == start[0] and moved[1] > start[1]


def test_rows_added_after_the_demo_get_free_ids(portfolio: Portfolio) -> None:
    # The demo writes its rows with their ids; a server's sequences must follow.
    generate(portfolio, accounts=2, seed=3, today=dt.date(2026, 11, 24))
    with portfolio.session() as s:
        account = s.scalars(select(Account.id)).first()
        s.add(ActionItem(account_id=account, title="Send the renewal quote"))
        s.add(Account(name="Birch Logistics", initial_deal_value=100_000))
    with portfolio.session() as s:
        s.execute(update(Account).where(Account.name == "Birch Logistics").values(arr=1))
        assert s.scalar(select(Account.arr).where(Account.name == "Birch Logistics")) == 1
