"""The showcase account: a full land-and-expand story told quarter by quarter.

A logistics group signs a $100k first deal eight quarters ago for digital proof of delivery
in one US team. Each quarter after that a use case is adopted or a new division, country or
product is won, and ARR climbs to about 15x the first deal. Its roadmap still has
innovation under way and disruption ideas ahead, so the plan has somewhere to go."""

from __future__ import annotations

import datetime as dt
from typing import Any

from cs_planner.demo import org, plan, roadmap, templates, whitespace
from cs_planner.demo.activity import add_actions_and_risks, add_activities
from cs_planner.demo.base import AccountDraft, Row, World
from cs_planner.demo.templates import Climb
from cs_planner.demo.use_cases import UseCaseSpec
from cs_planner.demo.value import add_arr_history, add_metrics
from cs_planner.domain.enums import Dimension, OpportunityStatus, StairStep, UseCaseStatus
from cs_planner.domain.quarters import add_quarters

NAME = "Meridian Freight Group"
INDUSTRY = "Logistics"
HQ = "United States"
INITIAL_DEAL = 100_000.0
LAND_QUARTERS_AGO = 8
# ARR at the end of each quarter since the land quarter (the last is the current quarter).
ARR = (100_000, 100_000, 165_000, 245_000, 390_000, 560_000, 810_000, 1_120_000, 1_480_000)
SEATS, ACTIVE_USERS = 2_600, 2_390
COUNTRIES = ("United States", "Canada", "Netherlands", "Germany", "Mexico")
DIVISIONS: tuple[tuple[str, str | None], ...] = (
    ("Fleet Operations", None),
    ("Customs & Compliance", None),
    ("Warehousing", None),
    ("Finance", None),
    ("IT", None),
    ("Last Mile", "Fleet Operations"),
    ("Linehaul", "Fleet Operations"),
    ("Accounts Payable", "Finance"),
)

S, U = StairStep, UseCaseStatus
# (step, title, problem, usage metric, products, status, division, country,
#  quarter since land, users targeted, annual value, ACV uplift)
ROADMAP = (
    (S.REMEDIATION, "Digital proof of delivery", "Drivers bring paper delivery notes back "
     "days later; invoices wait.", "deliveries signed on mobile",
     ("Mobile Field App", "E-Signature"), U.ADOPTED, "Last Mile", "United States",
     0, 900, 420_000.0, 100_000.0),
    (S.REMEDIATION, "Customs declarations workflow", "Cross-border loads wait at the border "
     "for paper declarations.", "declarations filed without rework",
     ("Workflow Core", "Compliance Vault"), U.ADOPTED, "Customs & Compliance", "Canada",
     2, 120, 380_000.0, 65_000.0),
    (S.REMEDIATION, "Automate invoice capture", "Carrier invoices are keyed in by hand.",
     "invoices captured per month", ("Document AI", "Workflow Core"), U.ADOPTED,
     "Accounts Payable", "United States", 3, 45, 210_000.0, 80_000.0),
    (S.ENHANCEMENT, "Carrier onboarding workflow", "Subcontracted carriers are onboarded by "
     "e-mail with missing insurance papers.", "carriers onboarded per month",
     ("Workflow Core", "E-Signature", "Connectors Pack"), U.ADOPTED, "Linehaul",
     "United States", 4, 180, 350_000.0, 95_000.0),
    (S.ENHANCEMENT, "Mobile warehouse checklists", "Dock and safety checks are on paper in "
     "every warehouse.", "checklists completed on mobile", ("Mobile Field App",),
     U.ADOPTED, "Warehousing", "Netherlands", 5, 400, 240_000.0, 80_000.0),
    (S.ENHANCEMENT, "Operational dashboards for managers", "Fleet managers build weekly "
     "status reports in spreadsheets.", "dashboard views per week", ("Analytics Studio",),
     U.LIVE, "Fleet Operations", "United States", 6, 150, 260_000.0, 250_000.0),
    (S.INNOVATION, "Shipment exception analytics for key customers", "Customers learn about "
     "late shipments before the account team does.",
     "exceptions resolved before customer contact", ("Analytics Studio", "Connectors Pack"),
     U.LIVE, "Fleet Operations", "United States", 7, 220, 900_000.0, 310_000.0),
    (S.INNOVATION, "Digital customer onboarding", "New shippers wait three weeks for credit "
     "checks and contracts.", "shippers onboarded digitally",
     ("E-Signature", "Workflow Core", "Connectors Pack"), U.IMPLEMENTING,
     "Customs & Compliance", "Germany", 8, 90, 650_000.0, 360_000.0),
    (S.INNOVATION, "Predictive bottleneck alerts", "Warehouse congestion is noticed only "
     "when trucks queue.", "alerts acted on within 24 hours", ("Analytics Studio",),
     U.PLANNED, "Warehousing", "Netherlands", 9, 120, 480_000.0, 140_000.0),
    (S.DISRUPTION, "On-demand freight marketplace", "Sell spare capacity to shippers in "
     "real time.", "loads booked through the marketplace",
     ("Connectors Pack", "Workflow Core"), U.QUALIFIED, "Fleet Operations", "United States",
     11, 300, 2_400_000.0, 400_000.0),
    (S.DISRUPTION, "Ecosystem marketplace", "Let customs brokers and insurers plug services "
     "into every shipment.", "marketplace listings live", ("Connectors Pack",),
     U.IDENTIFIED, "IT", "United States", 13, 60, 1_500_000.0, 250_000.0),
)  # fmt: skip

# (quarter since land, dimension, title, ACV uplift, linked use case / division /
# country / product, and the division a country or product deal was for). Won deals add up
# to the ARR steps above.
WON = (
    (2, Dimension.DIVISIONS, "Land Customs & Compliance", 65_000, "division",
     "Customs & Compliance", None),
    (3, Dimension.FUNCTIONALITY, "Add Document AI", 80_000, "product", "Document AI",
     "Accounts Payable"),
    (4, Dimension.USE_CASES, "Next use case: Carrier onboarding workflow", 95_000, "use_case",
     "Carrier onboarding workflow", None),
    (4, Dimension.GEOGRAPHIES, "Expand to Canada", 50_000, "geography", "Canada",
     "Customs & Compliance"),
    (5, Dimension.GEOGRAPHIES, "Regional roll-out: Netherlands", 90_000, "geography",
     "Netherlands", "Warehousing"),
    (5, Dimension.DIVISIONS, "Roll out to Warehousing", 80_000, "division", "Warehousing",
     None),
    (6, Dimension.FUNCTIONALITY, "Add Analytics Studio", 250_000, "product", "Analytics Studio",
     "Fleet Operations"),
    (7, Dimension.USE_CASES, "Next use case: Shipment exception analytics for key customers",
     310_000, "use_case", "Shipment exception analytics for key customers", None),
    (8, Dimension.USERS, "Enterprise licence for all staff", 360_000, "division",
     "Fleet Operations", None),
)  # fmt: skip
# (quarters from now, dimension, title, ACV uplift, confidence, link kind, link name,
# division): the open deals fill whitespace cells (warehouses in Germany, the fleet in
# Mexico, Document AI for customs).
OPEN = (
    (1, Dimension.GEOGRAPHIES, "Expand to Germany", 120_000, 70, "geography", "Germany",
     "Warehousing"),
    (2, Dimension.USE_CASES, "Next use case: Predictive bottleneck alerts", 140_000, 60,
     "use_case", "Predictive bottleneck alerts", None),
    (3, Dimension.GEOGRAPHIES, "Regional roll-out: Mexico", 90_000, 50, "geography", "Mexico",
     "Fleet Operations"),
    (4, Dimension.FUNCTIONALITY, "Document AI for Customs & Compliance", 75_000, 40,
     "product", "Document AI", "Customs & Compliance"),
    (5, Dimension.USE_CASES, "Next use case: On-demand freight marketplace", 400_000, 25,
     "use_case", "On-demand freight marketplace", None),
)  # fmt: skip


def land_quarter(world: World) -> dt.date:
    return world.quarter(-LAND_QUARTERS_AGO)


def customer_since(world: World) -> dt.date:
    return land_quarter(world) + dt.timedelta(days=16)


def build(world: World, draft: AccountDraft, climb: Climb | None = None) -> None:
    """Everything below the account row, following the story rather than chance; the
    roadmap follows ``climb``, the logistics template the CSM applied after the land."""
    org.add_geographies(world, draft, list(COUNTRIES))
    org.add_divisions(world, draft, list(DIVISIONS))
    org.add_people(world, draft, headcount=28)
    divisions = {d["name"]: d for d in draft.divisions}
    geographies = {g["country"]: g for g in draft.geographies}
    _add_roadmap(world, draft, divisions, geographies)
    if climb is not None:
        templates.apply_climb(world, draft, climb)
    roadmap.settle_engagement(draft)
    roadmap.settle_division_homes(draft)
    plan.add_dimension_plans(
        world,
        draft,
        {
            Dimension.USAGE: (1_200, 18_500, 26_000),
            Dimension.USE_CASES: (0, 5, 8),
            Dimension.USERS: (250, ACTIVE_USERS, 3_000),
            Dimension.FUNCTIONALITY: (2, 7, 7),
            Dimension.DIVISIONS: (1, 6, 7),  # Finance itself is not relevant: its AP is
            Dimension.GEOGRAPHIES: (1, 3, 5),
        },
    )
    use_cases = {uc["title"]: uc for uc in draft.use_cases}
    _add_opportunities(
        world, draft, {"division": divisions, "geography": geographies, "use_case": use_cases}
    )
    # IT is where the ecosystem marketplace idea would start: room to expand, no deal yet.
    whitespace.add_whitespace(world, draft, room=(("IT", "Connectors Pack"),))
    add_metrics(world, draft)
    add_arr_history(world, draft, [float(v) for v in ARR])
    add_activities(world, draft)
    add_actions_and_risks(world, draft)


def _add_roadmap(
    world: World, draft: AccountDraft, divisions: dict[str, Row], geographies: dict[str, Row]
) -> None:
    """The scripted use cases, each placed in its stair step in the order ROADMAP gives."""
    landed = land_quarter(world)
    positions: dict[StairStep, int] = {}
    for (
        step,
        title,
        problem,
        metric,
        products,
        status,
        division,
        country,
        since,
        users,
        value,
        uplift,
    ) in ROADMAP:
        position = positions.get(step, 0)
        positions[step] = position + 1
        roadmap.add_use_case(
            world, draft, UseCaseSpec(title, problem, metric, products), step, position, status,
            division=divisions[division], geography=geographies[country],
            target_quarter=add_quarters(landed, since), users_targeted=users,
            annual_value=value, acv_uplift=uplift,
        )  # fmt: skip


def _add_opportunities(
    world: World, draft: AccountDraft, lookup: dict[str, dict[str, Row]]
) -> None:
    """The scripted opportunities: won since the land, one lost, the open pipeline."""
    landed = land_quarter(world)
    for since, dimension, title, uplift, kind, name, in_division in WON:
        quarter = add_quarters(landed, since)
        plan.add_opportunity(
            world, draft, dimension, title, OpportunityStatus.WON, float(uplift),
            target_quarter=quarter, confidence=90,
            closed_on=min(world.today, quarter + dt.timedelta(days=20)),
            **_link(lookup, kind, name, in_division),
        )  # fmt: skip
    lost = add_quarters(landed, 5)
    plan.add_opportunity(
        world, draft, Dimension.FUNCTIONALITY, "Add Compliance Vault for warehousing",
        OpportunityStatus.LOST, 60_000.0, target_quarter=lost, confidence=30,
        closed_on=lost + dt.timedelta(days=40), product="Compliance Vault",
        notes="The customer kept its in-house archive for warehouse records.",
    )  # fmt: skip
    for ahead, dimension, title, uplift, confidence, kind, name, in_division in OPEN:
        plan.add_opportunity(
            world, draft, dimension, title, OpportunityStatus.OPEN, float(uplift),
            target_quarter=world.quarter(ahead), confidence=confidence,
            **_link(lookup, kind, name, in_division),
        )  # fmt: skip


def _link(
    lookup: dict[str, dict[str, Row]], kind: str, name: str, division: str | None
) -> dict[str, Any]:
    link: dict[str, Any] = {"product": name} if kind == "product" else {kind: lookup[kind][name]}
    if division:
        link["division"] = lookup["division"][division]
    return link
