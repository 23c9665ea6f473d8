"""Account read models, KPIs and the tier suggestion."""

from __future__ import annotations

import datetime as dt

import pytest

from cs_planner.domain.accounts.queries import (
    account_card,
    find_account,
    get_settings,
    list_accounts,
)
from cs_planner.domain.accounts.rules import expansion_multiple, license_utilization, suggest_tiers
from cs_planner.domain.accounts.writes import create_account, update_account, update_settings
from cs_planner.domain.enums import Engagement, TeamRole, Tier
from cs_planner.domain.errors import ValidationError
from cs_planner.domain.model import Division, TeamMember


def test_multiple_and_utilization() -> None:
    assert expansion_multiple(1_200_000, 100_000) == 12
    assert license_utilization(150, 100) == 1.5
    assert license_utilization(10, 0) is None


def test_tier_suggestion_by_arr_rank_and_strategic_flag() -> None:
    accounts = [(i, float(i * 1000), False) for i in range(1, 21)]
    accounts[0] = (1, 1000.0, True)  # the smallest, but strategic
    tiers = suggest_tiers(accounts)
    assert [i for i, t in tiers.items() if t == Tier.TOP] == [20, 19, 1]
    assert sum(t == Tier.LEVERAGED for t in tiers.values()) == 6
    assert tiers[2] == Tier.SCALABLE
    assert suggest_tiers([]) == {}
    assert suggest_tiers([(7, 10.0, False)]) == {7: Tier.TOP}


def test_an_account_without_arr_has_no_multiple_and_no_high_tier() -> None:
    """A new account with no ARR yet is never "0.0x" nor suggested top tier by rank."""
    assert expansion_multiple(0, 40_000) is None
    assert expansion_multiple(40_000, 0) is None
    assert suggest_tiers([(7, 0.0, False)]) == {7: Tier.SCALABLE}  # alone, yet not top
    tiers = suggest_tiers([(1, 0.0, False), (2, 0.0, False), (3, 0.0, True)])
    assert tiers == {1: Tier.SCALABLE, 2: Tier.SCALABLE, 3: Tier.TOP}  # strategic: the user's call
    ranked = suggest_tiers([(i, 0.0 if i <= 5 else i * 1000.0, False) for i in range(1, 11)])
    assert ranked[10] == Tier.TOP and ranked[1] == ranked[5] == Tier.SCALABLE


def test_list_and_card_show_no_multiple_without_arr(portfolio, today: dt.date) -> None:
    with portfolio.session() as s:
        fresh = create_account(s, "Aldwick Dental", 40_000)
        card = account_card(s, fresh, today)
        (row,) = list_accounts(s, today)
    assert card.kpis.multiple is None and row.multiple is None
    assert card.tier == row.tier == Tier.SCALABLE


def test_list_accounts_and_card(portfolio, today: dt.date) -> None:
    with portfolio.session() as s:
        csm = TeamMember(name="Lena Marsh", role=TeamRole.CSM)
        s.add(csm)
        s.flush()
        big = create_account(
            s,
            "Harbor Lane Logistics",
            100_000,
            arr=1_500_000,
            licensed_seats=400,
            active_users=300,
            customer_since=dt.date(2023, 11, 24),
            renewal_date=dt.date(2027, 1, 23),
            csm_id=csm.id,
        )
        small = create_account(s, "Kestrel Biotech", 20_000, arr=20_000, tier_override=Tier.TOP)
        s.add(Division(account_id=big, name="Fleet", engagement=Engagement.ADOPTED))
        s.add(Division(account_id=big, name="Finance"))
    with portfolio.session() as s:
        rows = {r.name: r for r in list_accounts(s, today)}
        card = account_card(s, big, today)
    assert rows["Harbor Lane Logistics"].multiple == 15
    assert rows["Harbor Lane Logistics"].days_to_renewal == 60
    assert rows["Harbor Lane Logistics"].csm == "Lena Marsh"
    assert rows["Kestrel Biotech"].tier == Tier.TOP  # the override wins
    # One CSM's 40 hours a week (173 a month) hold both accounts at 10 hours each.
    assert rows["Kestrel Biotech"].suggested_tier == Tier.TOP
    assert card.kpis.license_utilization == 0.75
    assert card.kpis.years_as_customer == pytest.approx(3.0, abs=0.01)
    assert (card.kpis.divisions_adopted, card.kpis.divisions_total) == (1, 2)
    assert card.csm == "Lena Marsh"
    with portfolio.session() as s:
        assert find_account(s, "kestrel biotech") == small
        with pytest.raises(ValidationError, match="no account named"):
            find_account(s, "Nobody")


def test_update_returns_old_value_and_checks_csm_role(portfolio) -> None:
    with portfolio.session() as s:
        ae = TeamMember(name="Dev Raman", role=TeamRole.AE)
        s.add(ae)
        s.flush()
        account_id = create_account(s, "Kestrel", 1000, arr=5000)
        assert update_account(s, account_id, "arr", 7000) == 5000
        with pytest.raises(ValidationError, match="not a CSM"):
            update_account(s, account_id, "csm_id", ae.id)
        with pytest.raises(ValidationError, match="not a field"):
            update_account(s, account_id, "id", 3)


def test_settings_update_returns_previous(portfolio) -> None:
    with portfolio.session() as s:
        before = update_settings(s, currency="eur", stale_contact_days=60)
    assert before.currency == "USD"
    with portfolio.session() as s:
        after = get_settings(s)
    assert (after.currency, after.stale_contact_days) == ("EUR", 60)
    with pytest.raises(ValidationError), portfolio.session() as s:
        update_settings(s, colour="red")


def test_one_accounts_suggested_tier_is_the_lists(portfolio) -> None:
    """The Overview counts one account's rank in SQL; the list ranks them all: the same
    tier for every account, ties at the top and leveraged boundaries included."""
    from cs_planner.domain.accounts.queries import suggested_tier
    from cs_planner.domain.model import Account

    arrs = [500_000, 400_000, 400_000, 300_000, 300_000, 300_000, 200_000, 0, 0, 100_000]
    with portfolio.session() as s:
        for n, arr in enumerate(arrs):
            create_account(s, f"Account {n:02d}", 10_000, arr=arr, strategic=n == 8)
    with portfolio.read() as s:
        listed = {row.id: row.suggested_tier for row in list_accounts(s)}
        for account in s.query(Account):
            tier = suggested_tier(s, account.id, account.arr, account.strategic)
            assert tier == listed[account.id], account.name
            assert account_card(s, account.id).suggested_tier == tier
    assert sorted(listed.values()).count(Tier.TOP) == 2  # the largest and the strategic one
