"""The roll-up's read models: one line per account (``AccountRollup``), the whole roll-up,
and what the summary makes of it (segments, attention lists)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cs_planner.domain.enums import (
    BuyingRole,
    LifecycleStage,
    ReferenceStatus,
    Tier,
    UseCaseStatus,
)

RENEWAL_WINDOW = 90  # days: renewals a manager wants to see coming


if TYPE_CHECKING:
    from cs_planner.domain.value.portfolio import AccountScore, PortfolioHealth


@dataclass(frozen=True)
class AccountBase:
    """The account's own columns, as read."""

    id: int
    name: str
    industry: str
    tier: Tier
    strategic: bool
    stage: LifecycleStage
    csm: str
    arr: float
    initial_deal_value: float
    renewal_date: dt.date | None
    licensed_seats: int
    active_users: int
    reference_status: ReferenceStatus
    parent: str = ""  # the parent account's name (the CRM's hierarchy), "" for none


@dataclass(frozen=True)
class UseCaseLine:
    title: str
    status: UseCaseStatus
    target_quarter: dt.date | None


@dataclass(frozen=True)
class Allocation:
    csa: str
    fraction: float


@dataclass(frozen=True)
class PeopleFigures:
    """What the roll-up says of an account's stakeholders, by the relationship map's
    coverage rules (``rules.people_figures``; the bulk read counts the same in SQL)."""

    stakeholders: int
    levels_covered: int
    single_threaded: bool
    champions: int
    stale: int
    safe_switches: int
    mirror_roles: frozenset[BuyingRole]  # the mirrored roles an active person holds
    # The coverage panel's sentences an attention line quotes, by finding key.
    sentences: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class UseCaseFigures:
    """An account's use cases as the roll-up counts them (``rules.use_case_figures``)."""

    count: int
    adopted: int
    overdue: tuple[UseCaseLine, ...]  # by target quarter


@dataclass(frozen=True)
class AccountRollup:
    """One line of the Accounts sheet, with what the Attention lists need."""

    id: int
    name: str
    tier: Tier
    strategic: bool
    stage: LifecycleStage
    csm: str
    csas: tuple[str, ...]  # allocated today, by name
    csa_fte: float  # their allocated fractions, summed
    industry: str
    arr: float
    initial_deal_value: float
    multiple: float | None  # None without ARR (portfolio.NO_ARR_YET)
    projected_multiple: float | None  # weighted, at the end of HORIZON quarters
    pipeline_weighted: float  # every open opportunity's expected uplift
    renewal_date: dt.date | None
    days_to_renewal: int | None
    license_utilization: float | None
    stakeholders: int
    levels_covered: int
    single_threaded: bool
    champions: int
    stale: int
    safe_switches: int
    mirror_complete: bool | None  # top tier only: sponsor and program manager named
    mirror_missing: tuple[BuyingRole, ...]  # top tier only: the mirrored roles not named
    use_cases: int
    adopted: int
    overdue: tuple[UseCaseLine, ...]
    reference_status: ReferenceStatus
    # The coverage panel's sentences this account's attention lines quote, by finding key.
    sentences: tuple[tuple[str, str], ...] = ()
    parent: str = ""  # the parent account's name, "" for none

    def sentence(self, key: str) -> list[str]:
        return [text for k, text in self.sentences if k == key]

    @property
    def renews_soon(self) -> bool:
        return self.days_to_renewal is not None and 0 <= self.days_to_renewal <= RENEWAL_WINDOW

    @property
    def renewal_past(self) -> bool:
        """The renewal date has gone by and nobody recorded the next one."""
        return self.days_to_renewal is not None and self.days_to_renewal < 0


@dataclass(frozen=True)
class Rollup:
    today: dt.date
    currency: str
    owner: str
    fy_start_month: int
    stale_days: int
    accounts: tuple[AccountRollup, ...]  # by ARR, highest first
    health: PortfolioHealth | None = None  # the Health page's figures

    def health_of(self, account_id: int) -> AccountScore | None:
        """An account's health (None: churned, or no health read)."""
        if self.health is None:
            return None
        return self.health.by_account.get(account_id)


# --- the summary ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Segment:
    label: str
    accounts: int
    account_share: float
    arr: float
    arr_share: float
    average_multiple: float | None  # the mean of the accounts' multiples
    total_multiple: float | None  # the segment's total ARR ÷ its total initial deals
    renewals_soon: int = 0  # accounts renewing within RENEWAL_WINDOW days
    renewals_soon_arr: float = 0.0


@dataclass(frozen=True)
class AttentionLine:
    account: AccountRollup
    why: str


@dataclass(frozen=True)
class AttentionList:
    key: str
    title: str
    empty: str  # what an empty list means
    lines: tuple[AttentionLine, ...]  # by ARR, highest first

    @property
    def arr(self) -> float:
        return sum(line.account.arr for line in self.lines)
