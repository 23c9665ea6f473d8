"""Fill an empty portfolio with a realistic, fictional, deterministic demo book of business.

Accounts come in pods of twelve, each served by its own slice of our team (3 CSMs, 4 CSAs,
2 AEs, 2 executive sponsors). Within a pod every position plays a fixed part (a flagship,
an at-risk renewal, a fresh land...) with randomised details, so a portfolio of 12 or of
5,000 accounts has the same proportions, and the default one always shows every situation
the product is built to flag. The very first account is a scripted land-and-expand story.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cs_planner.demo import catalogue, health, org, plan, roadmap, story, texts, whitespace
from cs_planner.demo.account_plan import add_plan
from cs_planner.demo.activity import add_actions_and_risks, add_activities
from cs_planner.demo.base import (
    AccountDraft,
    Archetype,
    Pod,
    RowWriter,
    World,
    renewal_date,
    renewal_in,
)
from cs_planner.demo.csa import add_allocations
from cs_planner.demo.facts import FIRST_POD, AccountNames, drawn_facts, showcase_facts
from cs_planner.demo.names import (
    INDUSTRIES,
    INDUSTRY_BY_NAME,
)
from cs_planner.demo.templates import TemplateChooser
from cs_planner.demo.value import add_arr_history, add_metrics
from cs_planner.domain.enums import (
    BuyingRole,
    LifecycleStage,
    Tier,
)
from cs_planner.domain.model import (
    Account,
    ActionItem,
    Activity,
    ArrHistory,
    CsaAllocation,
    Division,
    Geography,
    InfluenceLink,
    MetricValue,
    Opportunity,
    Risk,
    Settings,
    Stakeholder,
    TeamMember,
    UseCase,
    WhitespaceCell,
)
from cs_planner.storage import Portfolio

POD_SIZE = 12
PODS_PER_WRITE = 20  # rows are written every 240 accounts: bounded memory, few round trips

L = LifecycleStage
# The part each position in a pod plays (DOMAIN.md: tiers, lifecycle, risk signals).
ARCHETYPES: tuple[Archetype, ...] = (
    Archetype("Enterprise", L.EXPAND, (8.0, 15.0), top=True, strategic=True),
    Archetype(
        "Enterprise",
        L.RENEW,
        (4.0, 8.0),
        top=True,
        strategic=True,
        missing_mirror=BuyingRole.PROGRAM_MANAGER,
    ),
    Archetype(
        "Enterprise", L.EXPAND, (3.0, 6.0), top=True, tier_override=Tier.TOP, promoted_champion=True
    ),
    Archetype("Mid-market", L.ADOPT, (1.5, 3.0), top=True, tier_override=Tier.TOP),
    Archetype("Mid-market", L.EXPAND, (2.0, 4.0)),
    Archetype("Mid-market", L.RENEW, (1.2, 2.5), at_risk=True),
    Archetype("Mid-market", L.ADOPT, (1.0, 2.0), tier_override=Tier.SCALABLE),
    Archetype("SMB", L.LAND, (1.0, 1.3)),
    Archetype("SMB", L.ADOPT, (1.0, 1.8), tier_override=Tier.LEVERAGED),
    Archetype("SMB", L.LAND, (1.0, 1.0), single_threaded=True),
    Archetype("SMB", L.RENEW, (1.0, 1.5)),
    Archetype("Mid-market", L.EXPAND, (1.5, 3.0)),
)


@dataclass(frozen=True)
class DemoSummary:
    """What the demo generator wrote, for the command line to report."""

    accounts: int
    team_members: int
    products: int
    divisions: int
    geographies: int
    stakeholders: int
    influence_links: int
    use_cases: int
    opportunities: int
    whitespace_cells: int
    allocations: int
    metric_values: int
    arr_quarters: int
    activities: int
    action_items: int
    risks: int
    showcase_account: str


TEAM_HOURS_PER_ACCOUNT = 1.65
AT_RISK_RENEWAL_DAYS = 60  # inside the 90 days in which an amber or red renewal is a risk


def generate(
    portfolio: Portfolio, *, accounts: int = 12, seed: int = 7, today: dt.date | None = None
) -> DemoSummary:
    """Fill an empty, open portfolio with ``accounts`` demo accounts, in one transaction.

    The same ``seed`` and ``today`` always give the same data; every date is relative to
    ``today`` (default: the real date), so the demo always looks current."""
    if accounts < 1:
        raise ValueError("The demo needs at least one account.")
    today = today or dt.date.today()
    with portfolio.session() as session:
        existing = session.scalar(select(func.count()).select_from(Account)) or 0
        if existing:
            raise ValueError(
                f"This portfolio already has {existing} account(s); the demo data can only "
                "be generated into an empty portfolio. Create a new portfolio file for it."
            )
        return _fill(session, accounts, random.Random(seed), today)


def _fill(session: Session, accounts: int, rng: random.Random, today: dt.date) -> DemoSummary:
    pods = catalogue.add_team(session, rng, math.ceil(accounts / POD_SIZE), today)
    products = catalogue.add_catalogue(session)
    metrics = catalogue.add_value_model(session)
    settings = session.get(Settings, 1) or Settings(id=1)
    owner = session.get(TeamMember, pods[0].csms[0])
    assert owner is not None, "the team was just added"
    settings.owner_name = owner.name
    # The hours a month the CSMs give tiered coverage: room for a top tier of about a tenth
    # of the accounts (DOMAIN.md section 7), the others at the usual tiers' hours.
    settings.csm_team_hours = float(math.ceil(accounts * TEAM_HOURS_PER_ACCOUNT))
    session.add(settings)
    session.flush()

    writer = RowWriter(session)
    world = World(rng, today, writer, products, metrics)
    names = AccountNames(rng, session)
    chooser = TemplateChooser(session)
    for index, pod in enumerate(pods):
        drafts = [
            _build_account(world, pod, names, chooser, index, slot)
            for slot in range(min(POD_SIZE, accounts - index * POD_SIZE))
        ]
        add_allocations(world, drafts)
        if index % PODS_PER_WRITE == PODS_PER_WRITE - 1:
            writer.flush()
    writer.flush()

    counts = writer.counts
    return DemoSummary(
        accounts=counts[Account],
        team_members=session.scalar(select(func.count()).select_from(TeamMember)) or 0,
        products=len(products),
        divisions=counts[Division],
        geographies=counts[Geography],
        stakeholders=counts[Stakeholder],
        influence_links=counts[InfluenceLink],
        use_cases=counts[UseCase],
        opportunities=counts[Opportunity],
        whitespace_cells=counts[WhitespaceCell],
        allocations=counts[CsaAllocation],
        metric_values=counts[MetricValue],
        arr_quarters=counts[ArrHistory],
        activities=counts[Activity],
        action_items=counts[ActionItem],
        risks=counts[Risk],
        showcase_account=story.NAME,
    )


# --- accounts -----------------------------------------------------------------------------


def _build_account(
    world: World,
    pod: Pod,
    names: AccountNames,
    chooser: TemplateChooser,
    pod_index: int,
    slot: int,
) -> AccountDraft:
    rng, today = world.rng, world.today
    arch = ARCHETYPES[slot]
    showcase = pod_index == 0 and slot == 0
    if pod_index == 0:
        industry = INDUSTRY_BY_NAME[FIRST_POD[slot][0]]
    else:
        industry = rng.choice(INDUSTRIES)
    if showcase:
        facts = showcase_facts(world)
    else:
        facts = drawn_facts(world, names, arch, industry, pod_index, slot)
    # The showcase moves later within its land quarter; others move earlier (tenure >= 1 year).
    since, renewal = renewal_date(facts.since, today, nudge_days=31 if showcase else -31)
    if arch.at_risk:
        # The account in trouble renews soon: the plan proposes its renewal as a risk.
        since, renewal = renewal_in(since, today, AT_RISK_RENEWAL_DAYS)
    row = world.writer.add(
        Account,
        name=facts.name,
        industry=industry.name,
        size_band=arch.size,
        hq_geography=facts.hq,
        growth_rate=facts.growth,
        main_challenge=facts.challenge,
        stairway_template_id=None,
        tier_override=arch.tier_override,
        strategic=arch.strategic,
        lifecycle_stage=arch.stage,
        initial_deal_value=facts.initial,
        initial_deal_date=since,
        arr=facts.arr,
        licensed_seats=facts.seats,
        active_users=facts.active,
        customer_since=since,
        renewal_date=renewal,
        renewal_owner=arch.draw_renewal_owner(rng),
        expansion_owner=arch.draw_expansion_owner(rng),
        csm_id=pod.csms[slot % len(pod.csms)],
        executive_sponsor_id=pod.sponsors[slot % 2] if arch.top else None,
        reference_status=facts.reference,
        maturity_current=facts.maturity[0],
        maturity_target=facts.maturity[1],
        maturity_target_date=None,
        notes=rng.choice(texts.ACCOUNT_NOTES).format(month=f"{renewal:%B}"),
    )
    draft = AccountDraft(row=row, archetype=arch, industry=industry, pod=pod, slot=slot)
    _fill_account(world, draft, chooser, showcase)
    return draft


def _fill_account(
    world: World, draft: AccountDraft, chooser: TemplateChooser, showcase: bool
) -> None:
    """Everything an account holds: the showcase follows its story, the others are drawn."""
    if showcase:
        story.build(world, draft, chooser.climb_for(draft))
        org.date_relationships(world, draft)
        health.add_usage(world, draft)
        health.add_levels(world, draft)
        add_plan(world, draft, showcase=True)
        return
    org.add_geographies(world, draft)
    org.add_divisions(world, draft)
    org.add_people(world, draft)
    roadmap.add_roadmap(world, draft, chooser.climb_for(draft))
    plan.add_dimension_plans(world, draft)
    plan.add_opportunities(world, draft)
    whitespace.add_whitespace(world, draft)
    add_metrics(world, draft)
    add_arr_history(world, draft)
    add_activities(world, draft)
    add_actions_and_risks(world, draft)
    add_plan(world, draft)
    org.date_relationships(world, draft)
    health.add_usage(world, draft)
    health.add_levels(world, draft)
