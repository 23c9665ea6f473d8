"""Tiers bounded by the CSM team's hours."""

from __future__ import annotations

import datetime as dt

import pytest

from cs_planner.domain.accounts.rules import TierHours, suggest_tiers
from cs_planner.domain.enums import TeamRole, Tier
from cs_planner.domain.model import Account, Settings, TeamMember
from cs_planner.domain.value.tiers import Capacity, read_tier_mix, tier_mix

HOURS = {Tier.TOP: 10.0, Tier.LEVERAGED: 2.0, Tier.SCALABLE: 0.25}


def test_top_tier_fills_strategic_first_then_by_arr_until_capacity() -> None:
    accounts = [(n, 1000.0 * n, False) for n in range(1, 21)]
    accounts[0] = (1, 10.0, True)  # small but strategic
    # every account at its usual tier needs 8 x 2 + 12 x 0.25 = 19 hours; each account
    # lifted from leveraged to top needs 8 more: 43 hours hold three
    tiers = suggest_tiers(accounts, TierHours(HOURS, 43.0))
    assert sorted(a for a, t in tiers.items() if t == Tier.TOP) == [1, 19, 20]
    assert tiers[18] == Tier.LEVERAGED
    assert sum(t == Tier.LEVERAGED for t in tiers.values()) == 5  # to the 40% rank of 20
    assert tiers[2] == Tier.SCALABLE


def test_no_arr_never_earns_a_higher_touch_unless_strategic() -> None:
    tiers = suggest_tiers([(1, 0.0, False), (2, 0.0, True)], TierHours(HOURS, 100))
    assert tiers == {1: Tier.SCALABLE, 2: Tier.TOP}


def test_capacity_at_its_edge() -> None:
    accounts = [(n, 100.0 * n, False) for n in range(1, 11)]  # 4 leveraged, 6 scalable

    def tops(hours: float) -> int:
        tiers = suggest_tiers(accounts, TierHours(HOURS, hours))
        return sum(t == Tier.TOP for t in tiers.values())

    assert tops(9.5 + 16) == 2  # exactly the hours two top accounts need
    assert tops(9.5 + 15.99) == 1
    assert tops(9.49) == 0  # not even the usual tiers fit: nobody is lifted
    assert tops(0) == 1  # hours not known: the top tenth by ARR


def test_mix_shares_hours_and_disagreements() -> None:
    accounts = [(n, 100.0 * n, False, None) for n in range(1, 11)]
    accounts[0] = (1, 100.0, False, Tier.TOP)  # set by hand against the suggestion
    mix = tier_mix(accounts, Capacity(HOURS, 17.5, False))  # room for one top account
    top = mix.share(Tier.TOP)
    assert top.accounts == 2 and top.arr == 1100
    assert top.revenue_share == pytest.approx(1100 / 5500)
    assert top.account_share == pytest.approx(0.2)
    assert mix.disagree == (1,)
    assert mix.hours == pytest.approx(
        2 * 10 + mix.share(Tier.LEVERAGED).accounts * 2 + mix.share(Tier.SCALABLE).accounts * 0.25
    )
    assert not mix.top_healthy


def test_team_hours_from_settings_or_the_csms(portfolio) -> None:
    with portfolio.session() as session:
        session.add(TeamMember(name="Ana", role=TeamRole.CSM, capacity_hours_per_week=30))
        session.add(TeamMember(name="Bo", role=TeamRole.CSA, capacity_hours_per_week=40))
        session.add(
            Account(name="Gone", initial_deal_value=1, arr=5, churned_on=dt.date(2026, 1, 1))
        )
        session.add(Account(name="Here", initial_deal_value=1, arr=5))
        session.commit()
    with portfolio.read() as session:
        mix = read_tier_mix(session)
    assert mix.capacity.team_hours == pytest.approx(30 * 52 / 12) and mix.capacity.from_team
    assert sum(s.accounts for s in mix.shares) == 1  # the churned account is left out
    with portfolio.session() as session:
        session.get(Settings, 1).csm_team_hours = 15
        session.commit()
    with portfolio.read() as session:
        mix = read_tier_mix(session)
    assert mix.capacity.team_hours == 15 and not mix.capacity.from_team
    assert mix.share(Tier.TOP).accounts == 1
