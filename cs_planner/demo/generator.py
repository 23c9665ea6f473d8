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
    money,
    renewal_date,
    renewal_in,
)
from cs_planner.demo.csa import add_allocations
from cs_planner.demo.names import (
    COMPANY_ROOTS,
    GROWTH_RATES,
    HQ_COUNTRIES,
    INDUSTRIES,
    INDUSTRY_BY_NAME,
    Industry,
)
from cs_planner.demo.templates import TemplateChooser
from cs_planner.demo.value import add_arr_history, add_metrics
from cs_planner.domain.enums import (
    BuyingRole,
    LifecycleStage,
    ReferenceStatus,
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
# The first pod covers every industry under fixed names and headquarters, so workshop
# scripts and screenshots can name its accounts whatever else the generator learns to do;
# later pods draw industries and names at random. Slot 0 is the showcase (see ``story``).
FIRST_POD: tuple[tuple[str, str, str], ...] = (
    ("Logistics", story.NAME, story.HQ),
    ("Financial services", "Hazelmere Capital", "Singapore"),
    ("Healthcare", "Cedarline Medical Group", "Canada"),
    ("Manufacturing", "Kittiwake Components", "Sweden"),
    ("Software", "Greywater Software", "Netherlands"),
    ("Retail", "Valemont Markets", "United States"),
    ("Public sector", "City of Lakemont", "United States"),
    ("Life sciences", "Calder Therapeutics", "France"),
    ("Energy & utilities", "Tarnbrook Renewables", "United States"),
    ("Healthcare", "Redstart Medical Group", "United States"),
    ("Retail", "Moorgate Home Goods", "Sweden"),
    ("Manufacturing", "Glenmere Components", "United States"),
)
DEAL_RANGES = {"SMB": (20e3, 60e3), "Mid-market": (50e3, 130e3), "Enterprise": (110e3, 250e3)}
# Days since the customer signed, by lifecycle stage (1 to 6 years).
TENURE_DAYS = {
    L.LAND: (365, 560),
    L.ADOPT: (420, 1100),
    L.EXPAND: (700, 1900),
    L.RENEW: (900, 2150),
}
MATURITY = {L.LAND: (1, 1), L.ADOPT: (1, 2), L.EXPAND: (2, 3), L.RENEW: (2, 4)}


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
    names = _AccountNames(rng, session)
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


class _AccountNames:
    """Unique, fictional company names: root + industry noun, then a qualifier, then a
    number once a very large demo has used up the combinations."""

    def __init__(self, rng: random.Random, session: Session) -> None:
        self.rng = rng
        self.used = {name.lower() for name in session.scalars(select(Account.name))}
        self.used.update(name.lower() for _industry, name, _hq in FIRST_POD)

    def make(self, industry: Industry) -> str:
        rng = self.rng
        for attempt in range(24):
            name = rng.choice(industry.name_patterns).format(root=rng.choice(COMPANY_ROOTS))
            if attempt >= 8:
                name = f"{name} {rng.choice(industry.qualifiers)}"
            if name.lower() not in self.used:
                self.used.add(name.lower())
                return name
        number = 2
        while f"{name} {number}".lower() in self.used:
            number += 1
        self.used.add(f"{name} {number}".lower())
        return f"{name} {number}"


@dataclass(frozen=True)
class _Facts:
    """What sets one account apart, drawn before its rows are written."""

    name: str
    hq: str
    growth: str
    challenge: str
    initial: float
    arr: float
    seats: int
    active: int
    since: dt.date
    maturity: tuple[int, int]  # current, target
    reference: ReferenceStatus


def _showcase_facts(world: World) -> _Facts:
    return _Facts(
        name=story.NAME,
        hq=story.HQ,
        growth="High",
        challenge=texts.CHALLENGES[story.INDUSTRY][0],
        initial=story.INITIAL_DEAL,
        arr=float(story.ARR[-1]),
        seats=story.SEATS,
        active=story.ACTIVE_USERS,
        since=story.customer_since(world),
        maturity=(4, 5),
        reference=ReferenceStatus.SPEAKER,
    )


def _drawn_facts(
    world: World,
    names: _AccountNames,
    arch: Archetype,
    industry: Industry,
    pod_index: int,
    slot: int,
) -> _Facts:
    """The facts of every account but the showcase; the first pod's names are fixed."""
    rng = world.rng
    if pod_index == 0:
        name, hq = FIRST_POD[slot][1:]
    else:
        name = names.make(industry)
        hq = rng.choice(HQ_COUNTRIES)
    growth = rng.choices(GROWTH_RATES, (3, 5, 2))[0]
    challenge = rng.choice(texts.CHALLENGES[industry.name])
    initial = money(rng.uniform(*DEAL_RANGES[arch.size]), 500)
    arr = money(initial * rng.uniform(*arch.multiple))
    seats = max(5, round(arr / rng.uniform(300, 900)))
    utilisation = rng.uniform(0.4, 0.65) if arch.at_risk else rng.uniform(0.6, 1.2)
    since = world.today - dt.timedelta(days=rng.randint(*TENURE_DAYS[arch.stage]))
    current = rng.randint(*MATURITY[arch.stage])
    maturity = (current, min(5, current + rng.randint(1, 2)))
    return _Facts(
        name,
        hq,
        growth,
        challenge,
        initial,
        arr,
        seats,
        round(seats * utilisation),
        since,
        maturity,
        arch.draw_reference(rng),
    )


def _build_account(
    world: World,
    pod: Pod,
    names: _AccountNames,
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
        facts = _showcase_facts(world)
    else:
        facts = _drawn_facts(world, names, arch, industry, pod_index, slot)
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
