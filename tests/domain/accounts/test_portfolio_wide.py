"""The Overview's portfolio-wide reads (every suggested tier, our people), kept per data
version: read again after any write, by this process or another, never between."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import update

from cs_planner.demo import generate
from cs_planner.domain.accounts.portfolio_wide import PortfolioWideCache, data_version
from cs_planner.domain.accounts.queries import account_card, list_accounts, suggested_tier
from cs_planner.domain.accounts.writes import create_account
from cs_planner.domain.enums import TeamRole, Tier
from cs_planner.domain.model import Account, Settings, TeamMember
from cs_planner.storage import open_portfolio
from tests.conftest import url_of


def _accounts(portfolio) -> dict[str, int]:
    with portfolio.session() as s:
        # No CSM yet: without the team's hours the top tier is the top tenth by ARR.
        s.add(TeamMember(name="Lena Marsh", role=TeamRole.EXECUTIVE_SPONSOR))
        return {
            name: create_account(s, name, 10_000, arr=arr)
            for name, arr in (("Alder", 900_000), ("Birch", 50_000), ("Cedar", 40_000))
        }


def test_read_once_per_data_version(portfolio) -> None:
    ids = _accounts(portfolio)
    cache = PortfolioWideCache()
    with portfolio.read() as s:
        first = cache.read(s)
    with portfolio.read() as s:
        assert cache.read(s) is first  # nothing written: nothing read again
    assert first.tiers[ids["Alder"]] == Tier.TOP
    assert first.tiers[ids["Cedar"]] != Tier.TOP
    assert [p.name for p in first.people] == ["Lena Marsh"]

    with portfolio.session() as s:  # Cedar's ARR now leads; a new colleague
        s.execute(update(Account).where(Account.id == ids["Cedar"]).values(arr=2_000_000))
        s.add(TeamMember(name="Omar Haddad", role=TeamRole.EXECUTIVE_SPONSOR))
    with portfolio.read() as s:
        second = cache.read(s)
        assert second is not first
        assert second.tiers[ids["Cedar"]] == Tier.TOP
        assert account_card(s, ids["Cedar"], tiers=second.tiers).suggested_tier == Tier.TOP
    assert [p.name for p in second.people] == ["Lena Marsh", "Omar Haddad"]


def test_a_write_by_another_process_is_seen(portfolio) -> None:
    ids = _accounts(portfolio)
    cache = PortfolioWideCache()
    with portfolio.read() as s:
        before = cache.read(s)
    other = open_portfolio(url_of(portfolio))  # as a second process would: its own engine
    try:
        with other.session() as s:
            s.execute(update(Account).where(Account.id == ids["Birch"]).values(arr=5_000_000))
    finally:
        other.close()
    with portfolio.read() as s:
        after = cache.read(s)
    assert after is not before
    assert after.tiers[ids["Birch"]] == Tier.TOP


def test_uncounted_writes_read_afresh_every_time(portfolio) -> None:
    """Without a file id the writes are not counted: nothing is kept."""
    _accounts(portfolio)
    with portfolio.session() as s:
        s.execute(update(Settings).values(file_id=""))
    cache = PortfolioWideCache()
    with portfolio.read() as s:
        assert data_version(s) is None
        assert cache.read(s) is not cache.read(s)


def test_tiers_are_each_accounts_suggestion_and_the_lists(portfolio) -> None:
    generate(portfolio, accounts=12, seed=7, today=dt.date(2026, 11, 24))
    with portfolio.read() as s:
        wide = PortfolioWideCache().read(s)
        listed = {row.id: row.suggested_tier for row in list_accounts(s)}
        for account in s.query(Account):
            own = suggested_tier(s, account.id, account.arr, account.strategic)
            assert wide.tiers[account.id] == own == listed[account.id], account.name
