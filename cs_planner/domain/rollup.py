"""The portfolio roll-up a CSM's manager reads: one line per account, read in bulk. The
segments and the lists to act on are computed from these lines in ``domain.rollup_summary``.

Everything is read with a handful of bulk column selects (accounts, allocations,
stakeholders, their roles, use cases, open opportunities), grouped by account in Python;
then the existing pure rules (relationship coverage, stairway, expansion projection) run on
each account's rows. No query per account, so 5,000 accounts export in seconds."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from cs_planner.domain import relationship_coverage as coverage
from cs_planner.domain.accounts.queries import get_settings
from cs_planner.domain.accounts.rules import (
    expansion_multiple,
    license_utilization,
    marked,
    suggest_tiers,
)
from cs_planner.domain.enums import (
    BuyingRole,
    LifecycleStage,
    OpportunityStatus,
    ReferenceStatus,
    Tier,
    UseCaseStatus,
)
from cs_planner.domain.expansion import HORIZON, OpportunityValues, project, weighted_uplift
from cs_planner.domain.model import (
    Account,
    CsaAllocation,
    Opportunity,
    Stakeholder,
    StakeholderRole,
    TeamMember,
    UseCase,
)
from cs_planner.domain.quarters import quarter_start
from cs_planner.domain.relationships import StakeholderRow
from cs_planner.domain.stairway import DONE, is_overdue

RENEWAL_WINDOW = 90  # days: renewals a manager wants to see coming


# --- read models -----------------------------------------------------------------------------


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


# --- bulk reads (one select each, whole portfolio) ------------------------------------------


def _accounts(session: Session) -> list[AccountBase]:
    csm = aliased(TeamMember)
    rows = session.execute(
        select(
            Account.id,
            Account.name,
            Account.industry,
            Account.tier_override,
            Account.strategic,
            Account.lifecycle_stage,
            csm.name.label("csm"),
            csm.retired_on.label("csm_retired_on"),
            Account.arr,
            Account.initial_deal_value,
            Account.renewal_date,
            Account.licensed_seats,
            Account.active_users,
            Account.reference_status,
        ).outerjoin(csm, csm.id == Account.csm_id)
    ).all()
    suggested = suggest_tiers([(r.id, r.arr or 0.0, bool(r.strategic)) for r in rows])
    return [
        AccountBase(
            id=r.id,
            name=r.name,
            industry=r.industry or "",
            tier=r.tier_override or suggested[r.id],
            strategic=bool(r.strategic),
            stage=r.lifecycle_stage,
            csm=marked(r.csm or "", r.csm_retired_on),
            arr=r.arr or 0.0,
            initial_deal_value=r.initial_deal_value or 0.0,
            renewal_date=r.renewal_date,
            licensed_seats=r.licensed_seats or 0,
            active_users=r.active_users or 0,
            reference_status=r.reference_status,
        )
        for r in rows
    ]


def _allocations(session: Session, today: dt.date) -> dict[int, list[Allocation]]:
    out: dict[int, list[Allocation]] = defaultdict(list)
    for r in session.execute(
        select(CsaAllocation.account_id, TeamMember.name, CsaAllocation.fraction)
        .join(TeamMember, TeamMember.id == CsaAllocation.csa_id)
        .where(CsaAllocation.start_date <= today, CsaAllocation.end_date >= today)
    ):
        out[r.account_id].append(Allocation(r.name, r.fraction or 0.0))
    return out


def _stakeholders(session: Session) -> dict[int, list[StakeholderRow]]:
    """Every stakeholder with the fields the coverage rules read (two selects in all)."""
    roles: dict[int, set] = defaultdict(set)
    for person_id, role in session.execute(
        select(StakeholderRole.stakeholder_id, StakeholderRole.role)
    ):
        roles[person_id].add(role)
    out: dict[int, list[StakeholderRow]] = defaultdict(list)
    for r in session.execute(
        select(
            Stakeholder.id,
            Stakeholder.account_id,
            Stakeholder.name,
            Stakeholder.level,
            Stakeholder.stance,
            Stakeholder.influence,
            Stakeholder.last_contact,
            Stakeholder.since,
            Stakeholder.status,
        )
    ):
        out[r.account_id].append(
            StakeholderRow(
                id=r.id,
                name=r.name,
                title="",
                division_id=None,
                division="",
                level=r.level,
                roles=frozenset(roles.get(r.id, ())),
                stance=r.stance,
                influence=r.influence,
                reports_to_id=None,
                owner_id=None,
                owner="",
                email="",
                last_contact=r.last_contact,
                status=r.status,
                pinned=None,
                notes="",
                since=r.since,
                first_met=r.since,
            )
        )
    return out


def _use_cases(session: Session) -> dict[int, list[UseCaseLine]]:
    out: dict[int, list[UseCaseLine]] = defaultdict(list)
    for r in session.execute(
        select(UseCase.account_id, UseCase.title, UseCase.status, UseCase.target_quarter).order_by(
            UseCase.target_quarter, UseCase.id
        )
    ):
        out[r.account_id].append(UseCaseLine(r.title, r.status, r.target_quarter))
    return out


def _open_opportunities(session: Session) -> dict[int, list[OpportunityValues]]:
    out: dict[int, list[OpportunityValues]] = defaultdict(list)
    for r in session.execute(
        select(
            Opportunity.account_id,
            Opportunity.dimension,
            Opportunity.title,
            Opportunity.acv_uplift,
            Opportunity.confidence,
            Opportunity.target_quarter,
        ).where(Opportunity.status == OpportunityStatus.OPEN)
    ):
        out[r.account_id].append(
            OpportunityValues(
                dimension=r.dimension,
                title=r.title,
                acv_uplift=r.acv_uplift or 0.0,
                confidence=r.confidence,
                target_quarter=r.target_quarter,
            )
        )
    return out


def read_rollup(session: Session, today: dt.date) -> Rollup:
    """The whole roll-up in seven selects, whatever the number of accounts."""
    settings = get_settings(session)
    allocations = _allocations(session, today)
    people = _stakeholders(session)
    use_cases = _use_cases(session)
    opportunities = _open_opportunities(session)
    now = quarter_start(today, settings.fiscal_year_start_month)
    rows = [
        account_rollup(
            base,
            people.get(base.id, []),
            use_cases.get(base.id, []),
            opportunities.get(base.id, []),
            allocations.get(base.id, []),
            today,
            now,
            settings.stale_contact_days,
            settings.relationships_per_month_goal,
        )
        for base in _accounts(session)
    ]
    return Rollup(
        today=today,
        currency=settings.currency,
        owner=settings.owner_name,
        fy_start_month=settings.fiscal_year_start_month,
        stale_days=settings.stale_contact_days,
        accounts=tuple(by_arr(rows)),
    )


# --- pure rules ---------------------------------------------------------------------------------

# The coverage panel's findings an attention line quotes.
_QUOTED = ("empty", "single", "switch")


def account_rollup(
    base: AccountBase,
    people: Sequence[StakeholderRow],
    use_cases: Sequence[UseCaseLine],
    opportunities: Sequence[OpportunityValues],
    allocations: Sequence[Allocation],
    today: dt.date,
    current_quarter: dt.date,
    stale_days: int,
    monthly_goal: int = 3,
) -> AccountRollup:
    """One account's line from its own rows, by the rules the tabs use."""
    projection = project(base.arr, base.initial_deal_value, opportunities, current_quarter)
    mirror = coverage.mirrored_commitment(people, base.tier)
    alone = coverage.single_threaded(people, today, stale_days)
    switches = len(coverage.safe_switches(people))
    # The panel's sentences only where an attention line quotes them: most accounts need
    # none, and the findings cost a third of the whole read on a large portfolio.
    quoted = alone or switches
    said = coverage.findings(people, today, stale_days, monthly_goal, base.tier) if quoted else []
    return AccountRollup(
        id=base.id,
        name=base.name,
        tier=base.tier,
        strategic=base.strategic,
        stage=base.stage,
        csm=base.csm,
        csas=tuple(sorted({a.csa for a in allocations})),
        csa_fte=sum(a.fraction for a in allocations),
        industry=base.industry,
        arr=base.arr,
        initial_deal_value=base.initial_deal_value,
        multiple=expansion_multiple(base.arr, base.initial_deal_value),
        projected_multiple=projection.weighted_multiple_at(HORIZON),
        pipeline_weighted=sum(weighted_uplift(o) for o in opportunities),
        renewal_date=base.renewal_date,
        days_to_renewal=(base.renewal_date - today).days if base.renewal_date else None,
        license_utilization=license_utilization(base.active_users, base.licensed_seats),
        stakeholders=len(people),
        levels_covered=len(coverage.level_coverage(people, today, stale_days).covered),
        single_threaded=alone,
        champions=len(coverage.champion_check(people).champions),
        stale=len(coverage.stale_relationships(people, today, stale_days)),
        safe_switches=switches,
        mirror_complete=None if mirror is None else mirror.complete,
        mirror_missing=() if mirror is None else mirror.missing,
        use_cases=len(use_cases),
        adopted=sum(1 for u in use_cases if u.status == DONE),
        overdue=tuple(u for u in use_cases if is_overdue(u.target_quarter, u.status, today)),
        reference_status=base.reference_status,
        sentences=tuple((f.key, f.text) for f in said if f.key in _QUOTED),
    )


def by_arr(rows: Iterable[AccountRollup]) -> list[AccountRollup]:
    """Highest ARR first; equal ARR by name, so the order never depends on the database."""
    return sorted(rows, key=lambda a: (-a.arr, a.name.lower(), a.id))
