"""Tiers bounded by capacity (DOMAIN.md section 7): each tier's share of accounts, of revenue
and of the CSM team's hours, with the accounts whose tier set by hand differs from the one
``accounts.rules.suggest_tiers`` suggests (the list's, the Overview's and the roll-up's)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from cs_planner.domain.accounts import listing
from cs_planner.domain.accounts.rules import TierHours, suggest_tiers
from cs_planner.domain.enums import Tier
from cs_planner.domain.model import Account

# The healthy top tier: under a tenth of the accounts holding a third to a half of revenue.
TOP_ACCOUNTS_MAX = 0.10
TOP_REVENUE_LOW, TOP_REVENUE_HIGH = 1 / 3, 1 / 2
DEFAULT_HOURS = {Tier.TOP: 10.0, Tier.LEVERAGED: 2.0, Tier.SCALABLE: 0.25}


@dataclass(frozen=True)
class Capacity:
    hours: dict[Tier, float]  # a month, for one account of the tier
    team_hours: float  # the CSM team's hours a month (0: not known)
    from_team: bool  # the team's hours come from the CSMs' weekly capacity

    @property
    def tier_hours(self) -> TierHours:
        return TierHours(self.hours, self.team_hours)


def capacity(session: Session) -> Capacity:
    row = session.execute(text(listing.CAPACITY_SQL)).first()
    own = listing.tier_hours(row)
    if row is None or own is None:  # no settings row yet: the column defaults
        return Capacity(dict(DEFAULT_HOURS), csm_hours(session), from_team=True)
    return Capacity(own.hours, own.team, from_team=bool(row[4]))


def csm_hours(session: Session) -> float:
    """The active CSMs' weekly capacity in hours a month, whatever the setting says."""
    return float(session.scalar(text(listing.CSM_HOURS_SQL)) or 0.0)


@dataclass(frozen=True)
class TierShare:
    tier: Tier
    accounts: int
    arr: float
    account_share: float
    revenue_share: float
    hours: float  # a month, for all its accounts


@dataclass(frozen=True)
class TierMix:
    shares: tuple[TierShare, ...]
    capacity: Capacity
    suggested: dict[int, Tier]
    own: dict[int, Tier]  # tiers set by hand
    disagree: tuple[int, ...]  # accounts whose tier set by hand differs from the suggestion

    @property
    def hours(self) -> float:
        return sum(s.hours for s in self.shares)

    def share(self, tier: Tier) -> TierShare:
        return next(s for s in self.shares if s.tier == tier)

    @property
    def top_healthy(self) -> bool:
        top = self.share(Tier.TOP)
        return (
            top.account_share < TOP_ACCOUNTS_MAX
            and TOP_REVENUE_LOW <= top.revenue_share <= TOP_REVENUE_HIGH
        )


def tier_mix(
    accounts: Sequence[tuple[int, float, bool, Tier | None]],
    cap: Capacity,
    gone: frozenset[int] = frozenset(),
) -> TierMix:
    """Each tier's share of the ``(id, arr, strategic, tier set by hand)`` accounts, counting
    an account in its own tier: the one set by hand, else the suggestion. Accounts ``gone``
    (churned) take no place in the tiers, as in the list."""
    kept = [a for a in accounts if a[0] not in gone]
    suggested = suggest_tiers([a[:3] for a in kept], cap.tier_hours)
    total_arr = sum(a[1] for a in kept) or 0.0
    count: dict[Tier, int] = dict.fromkeys(Tier, 0)
    arr: dict[Tier, float] = dict.fromkeys(Tier, 0.0)
    for account_id, value, _strategic, set_by_hand in kept:
        tier = set_by_hand or suggested[account_id]
        count[tier] += 1
        arr[tier] += value
    n = len(kept)
    shares = tuple(
        TierShare(
            tier,
            count[tier],
            arr[tier],
            count[tier] / n if n else 0.0,
            arr[tier] / total_arr if total_arr else 0.0,
            count[tier] * cap.hours[tier],
        )
        for tier in Tier
    )
    own: dict[int, Tier] = {a[0]: a[3] for a in kept if a[3] is not None}
    disagree = tuple(i for i, tier in own.items() if tier != suggested[i])
    return TierMix(shares, cap, suggested, own, disagree)


def read_tier_mix(session: Session, accounts: Sequence[Any] | None = None) -> TierMix:
    """Every account's tier as the list suggests it; churned accounts are not counted.
    ``accounts``: rows of (id, ARR, strategic, tier set by hand, churned on), if the caller
    has read them."""
    a = Account
    rows = accounts
    if rows is None:
        query = select(a.id, a.arr, a.strategic, a.tier_override, a.churned_on)
        rows = session.execute(query).all()
    accounts = [(r[0], float(r[1] or 0.0), bool(r[2]), r[3]) for r in rows]
    gone = frozenset(r[0] for r in rows if r[4] is not None)
    return tier_mix(accounts, capacity(session), gone)
