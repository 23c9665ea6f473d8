"""Accounts: the read models (frozen rows) and the values a user edits, for the portfolio
list, the account card, divisions and geographies, the activity log and our team."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cs_planner.domain.accounts.rules import geography_label, marked
from cs_planner.domain.enums import (
    ActivityKind,
    Engagement,
    LifecycleStage,
    MotionOwner,
    PaperSize,
    ReferenceStatus,
    TeamRole,
    Tier,
)


@dataclass(frozen=True)
class SettingsData:
    owner_name: str
    currency: str
    fiscal_year_start_month: int
    default_csa_rate: float
    chargeability_target: float
    presales_share_limit: float
    relationships_per_month_goal: int
    stale_contact_days: int
    stories_per_quarter_goal: int = 1  # evangelism: new champion stories a quarter
    paper_size: PaperSize = PaperSize.A4  # the PDF account plan's paper


@dataclass(frozen=True)
class AccountCard:
    """Everything the overview and the Summary sheet show about one account."""

    id: int
    name: str
    industry: str
    size_band: str
    hq_geography: str
    growth_rate: str
    main_challenge: str
    tier: Tier
    suggested_tier: Tier
    tier_override: Tier | None
    strategic: bool
    lifecycle_stage: LifecycleStage
    initial_deal_value: float
    initial_deal_date: dt.date | None
    arr: float
    licensed_seats: int
    active_users: int
    customer_since: dt.date | None
    renewal_date: dt.date | None
    churned_on: dt.date | None
    renewal_owner: MotionOwner
    expansion_owner: MotionOwner
    csm_id: int | None
    csm: str
    executive_sponsor_id: int | None
    executive_sponsor: str
    reference_status: ReferenceStatus
    maturity_current: int | None
    maturity_target: int | None
    notes: str
    parent_id: int | None  # the CRM's hierarchy: the group the account belongs to
    parent: str
    employees: int | None
    kpis: AccountKpis


@dataclass(frozen=True)
class AccountKpis:
    arr: float
    initial_deal_value: float
    multiple: float | None  # None without ARR (NO_ARR_YET)
    license_utilization: float | None
    days_to_renewal: int | None
    years_as_customer: float | None
    divisions_adopted: int
    divisions_total: int


@dataclass(frozen=True)
class GeographyRow:
    id: int
    region: str
    country: str

    @property
    def label(self) -> str:
        return geography_label(self.region, self.country)


@dataclass(frozen=True)
class DivisionRow:
    id: int
    parent_id: int | None
    name: str
    geography_id: int | None
    geography: str  # the geography's label, "" when none
    headcount: int
    engagement: Engagement


@dataclass(frozen=True)
class GeographyValues:
    """What a user edits on a geography."""

    region: str
    country: str = ""


@dataclass(frozen=True)
class DivisionValues:
    """What a user edits on a division."""

    name: str
    parent_id: int | None = None
    geography_id: int | None = None
    headcount: int = 0
    engagement: Engagement = Engagement.NONE


@dataclass(frozen=True)
class ActivityRow:
    id: int
    date: dt.date
    kind: ActivityKind
    owner_id: int | None
    owner: str  # our person, "" when none
    stakeholder_ids: tuple[int, ...]
    stakeholders: tuple[str, ...]  # their names, by name
    note: str

    @property
    def values(self) -> ActivityValues:
        return ActivityValues(
            date=self.date,
            kind=self.kind,
            owner_id=self.owner_id,
            stakeholder_ids=self.stakeholder_ids,
            note=self.note,
        )


@dataclass(frozen=True)
class ActivityValues:
    """What a user edits on an activity."""

    date: dt.date
    kind: ActivityKind = ActivityKind.CALL
    owner_id: int | None = None
    stakeholder_ids: tuple[int, ...] = ()
    note: str = ""


# How the Team page says what refers to a person, by (table, column); a table added later
# that refers to team_member is counted too, under a plain description.
REFERENCE_WORDS = {
    ("account", "csm_id"): ("CSM of {n} account", "CSM of {n} accounts"),
    ("account", "executive_sponsor_id"): (
        "executive sponsor of {n} account",
        "executive sponsor of {n} accounts",
    ),
    ("csa_allocation", "csa_id"): ("{n} CSA allocation", "{n} CSA allocations"),
    ("use_case", "csa_id"): ("CSA on {n} use case", "CSA on {n} use cases"),
    ("stakeholder", "owner_id"): ("owns {n} relationship", "owns {n} relationships"),
    ("activity", "owner_id"): ("{n} logged activity", "{n} logged activities"),
    ("action_item", "owner_id"): ("owns {n} action item", "owns {n} action items"),
    ("risk", "owner_id"): ("owns {n} risk", "owns {n} risks"),
}


@dataclass(frozen=True)
class MemberValues:
    """What a user edits on a person. A CSA's rate or target of None means the portfolio
    default; for other roles both are always None."""

    name: str
    role: TeamRole = TeamRole.CSM
    email: str = ""
    capacity_hours_per_week: float = 40.0
    bill_rate: float | None = None
    chargeability_target: float | None = None


@dataclass(frozen=True)
class Person:
    """A person as a drop-down offers them."""

    id: int
    name: str
    role: TeamRole
    retired_on: dt.date | None = None

    @property
    def retired(self) -> bool:
        return self.retired_on is not None

    @property
    def label(self) -> str:
        return marked(self.name, self.retired_on)


@dataclass(frozen=True, slots=True)  # one per person: thousands on the Team page
class References:
    """What refers to one person: ((table, column), count) with a count above zero."""

    counts: tuple[tuple[tuple[str, str], int], ...] = ()

    @property
    def total(self) -> int:
        return sum(n for _key, n in self.counts)

    def count(self, table: str, column: str) -> int:
        return next((n for key, n in self.counts if key == (table, column)), 0)

    def describe(self) -> str:
        """ "CSM of 3 accounts, owns 5 relationships" ("" for nothing)."""
        parts = []
        for key, n in self.counts:
            one, many = REFERENCE_WORDS.get(key, (f"{{n}} {key[0]} row", f"{{n}} {key[0]} rows"))
            parts.append((one if n == 1 else many).format(n=n))
        return ", ".join(parts)


@dataclass(frozen=True, slots=True)  # thousands in a large portfolio's team
class MemberRow:
    """One line of the Team page (and of the CSAs page's roster)."""

    id: int
    name: str
    role: TeamRole
    email: str
    capacity: float  # hours a week
    own_rate: float | None
    own_target: float | None
    rate: float | None  # a CSA's own rate, else the portfolio default; None for other roles
    target: float | None
    retired_on: dt.date | None
    accounts: tuple[str, ...]  # as CSM or executive sponsor, or (CSAs) allocated today
    references: References

    @property
    def retired(self) -> bool:
        return self.retired_on is not None

    @property
    def values(self) -> MemberValues:
        return MemberValues(
            self.name, self.role, self.email, self.capacity, self.own_rate, self.own_target
        )

    @property
    def person(self) -> Person:
        return Person(self.id, self.name, self.role, self.retired_on)


@dataclass(frozen=True)
class NewAccountChoices:
    """What the dialog offers, read in one transaction."""

    csms: list[tuple[str, int | None]]  # active CSMs, "(none)" first
    default_csm: int | None
    industries: list[str]  # those already in the portfolio
    currency: str
