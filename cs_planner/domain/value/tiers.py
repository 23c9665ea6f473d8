"""Tiers bounded by capacity (DOMAIN.md section 7): the top tier holds as many accounts as
the CSM team's hours allow at the hours a top-tier account needs, chosen strategic first and
then by ARR; each tier's share of accounts, of revenue and of the team's hours."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from operator import itemgetter

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cs_planner.domain.accounts.rules import tier_ranks
from cs_planner.domain.enums import TeamRole, Tier
from cs_planner.domain.model import Account, Settings, TeamMember

WEEKS_PER_MONTH = 52 / 12
# The healthy top tier: under a tenth of the accounts holding a third to a half of revenue.
TOP_ACCOUNTS_MAX = 0.10
TOP_REVENUE_LOW, TOP_REVENUE_HIGH = 1 / 3, 1 / 2


@dataclass(frozen=True)
class Capacity:
    hours: dict[Tier, float]  # a month, for one account of the tier
    team_hours: float  # the CSM team's hours a month
    from_team: bool  # the team's hours come from the CSMs' weekly capacity


def capacity(session: Session) -> Capacity:
    settings = session.get(Settings, 1)
    hours = {
        Tier.TOP: settings.top_tier_hours if settings else 10.0,
        Tier.LEVERAGED: settings.leveraged_tier_hours if settings else 2.0,
        Tier.SCALABLE: settings.scalable_tier_hours if settings else 0.25,
    }
    own = settings.csm_team_hours if settings else None
    if own is not None:
        return Capacity(hours, own, from_team=False)
    return Capacity(hours, csm_hours(session), from_team=True)


def csm_hours(session: Session) -> float:
    """The active CSMs' weekly capacity, in hours a month."""
    weekly = session.scalar(
        select(func.coalesce(func.sum(TeamMember.capacity_hours_per_week), 0.0)).where(
            TeamMember.role == TeamRole.CSM, TeamMember.retired_on.is_(None)
        )
    )
    return float(weekly or 0.0) * WEEKS_PER_MONTH


def suggest_by_capacity(
    accounts: Sequence[tuple[int, float, bool]], cap: Capacity
) -> dict[int, Tier]:
    """The tier of each ``(id, arr, strategic)``. Ranked strategic first, then by ARR (of
    equal ARR the lower id), accounts are lifted into the top tier one by one while the
    hours every account then needs still fit the team's; the others keep the usual rank
    (leveraged to ``accounts.rules.tier_ranks``' bound, then scalable). An account without
    ARR and not strategic is never given a higher touch."""
    ranked = sorted(accounts, key=itemgetter(0))
    ranked.sort(key=lambda a: (not a[2], -a[1]))
    _top, bound = tier_ranks(len(ranked))
    out = {
        account_id: Tier.LEVERAGED if arr > 0 and rank < bound else Tier.SCALABLE
        for rank, (account_id, arr, _strategic) in enumerate(ranked)
    }
    hours = sum(cap.hours[tier] for tier in out.values())
    for account_id, arr, strategic in ranked:
        more = cap.hours[Tier.TOP] - cap.hours[out[account_id]]
        if not (strategic or arr > 0) or hours + more > cap.team_hours + 1e-9:
            break
        out[account_id] = Tier.TOP
        hours += more
    return out


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


def tier_mix(accounts: Sequence[tuple[int, float, bool, Tier | None]], cap: Capacity) -> TierMix:
    """Each tier's share of the ``(id, arr, strategic, tier set by hand)`` accounts, counting
    an account in its own tier: the one set by hand, else the suggestion."""
    suggested = suggest_by_capacity([a[:3] for a in accounts], cap)
    total_arr = sum(a[1] for a in accounts) or 0.0
    count: dict[Tier, int] = dict.fromkeys(Tier, 0)
    arr: dict[Tier, float] = dict.fromkeys(Tier, 0.0)
    for account_id, value, _strategic, set_by_hand in accounts:
        tier = set_by_hand or suggested[account_id]
        count[tier] += 1
        arr[tier] += value
    n = len(accounts)
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
    own: dict[int, Tier] = {a[0]: a[3] for a in accounts if a[3] is not None}
    disagree = tuple(i for i, tier in own.items() if tier != suggested[i])
    return TierMix(shares, cap, suggested, own, disagree)


def read_tier_mix(session: Session, today: dt.date) -> TierMix:
    """The mix of the accounts that have not churned by ``today``."""
    a = Account
    rows = session.execute(
        select(a.id, a.arr, a.strategic, a.tier_override).where(
            (a.churned_on.is_(None)) | (a.churned_on > today)
        )
    ).all()
    accounts = [(r[0], float(r[1] or 0.0), bool(r[2]), r[3]) for r in rows]
    return tier_mix(accounts, capacity(session))
