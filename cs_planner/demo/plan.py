"""An account's expansion plan: the six-dimension plan, the expansion opportunities and the
whitespace grids, all read off the roadmap."""

from __future__ import annotations

import datetime as dt
from typing import Any

from cs_planner.demo import content
from cs_planner.demo.base import AccountDraft, Row, World, money
from cs_planner.demo.roadmap import LIVE_OR_BETTER, UNDER_WAY, first_quarter
from cs_planner.domain.enums import (
    Dimension,
    Engagement,
    LifecycleStage,
    OpportunityStatus,
    UseCaseStatus,
    WhitespaceState,
)
from cs_planner.domain.model import DimensionPlan, Opportunity, WhitespaceCell


def add_dimension_plans(
    world: World,
    draft: AccountDraft,
    figures: dict[Dimension, tuple[float, float, float]] | None = None,
) -> None:
    """Baseline, current and target per dimension; divisions and geographies apply only
    where the account has room to grow on them."""
    rng, row = world.rng, draft.row
    figures = dict(figures or {})
    live = [uc for uc in draft.use_cases if uc["status"] in LIVE_OR_BETTER]
    coming = [uc for uc in draft.use_cases if uc["status"] in UNDER_WAY]
    products_live = {p for uc in live for p in draft.use_case_products[uc["id"]]}
    products_coming = {p for uc in coming for p in draft.use_case_products[uc["id"]]}
    adopted = sum(d["engagement"] == Engagement.ADOPTED for d in draft.divisions)
    countries_live = len({uc["geography_id"] for uc in live})
    multiple = row["arr"] / row["initial_deal_value"]
    seats0 = max(5, round(row["licensed_seats"] / max(1.0, multiple)))
    workflows = row["active_users"] * rng.randint(3, 9)
    defaults: dict[Dimension, tuple[float, float, float]] = {
        Dimension.USAGE: (
            round(workflows / max(1.0, multiple * 1.5)),
            workflows,
            round(workflows * 1.3),
        ),
        Dimension.USE_CASES: (1, len(live), len(live) + max(1, len(coming))),
        Dimension.USERS: (seats0, row["active_users"], round(row["licensed_seats"] * 1.15)),
        Dimension.FUNCTIONALITY: (
            min(2, len(products_live)),
            len(products_live),
            len(products_live | products_coming),
        ),
        Dimension.DIVISIONS: (1, adopted, min(len(draft.divisions), adopted + 2)),
        Dimension.GEOGRAPHIES: (1, countries_live, len(draft.geographies)),
    }
    units = {
        Dimension.USAGE: "workflows per month",
        Dimension.USE_CASES: "use cases live",
        Dimension.USERS: "active users",
        Dimension.FUNCTIONALITY: "products in use",
        Dimension.DIVISIONS: "divisions live",
        Dimension.GEOGRAPHIES: "countries live",
    }
    for dimension in Dimension:
        applies = dimension in figures or {
            Dimension.DIVISIONS: len(draft.divisions) >= 3,
            Dimension.GEOGRAPHIES: len(draft.geographies) >= 2,
        }.get(dimension, rng.random() < 0.92)
        baseline, current, target = figures.get(dimension, defaults[dimension])
        world.writer.add(
            DimensionPlan,
            account_id=draft.id,
            dimension=dimension,
            applies=applies,
            unit=units[dimension],
            baseline=float(baseline) if applies else None,
            current=float(current) if applies else None,
            target=float(max(target, current)) if applies else None,
            target_quarter=world.quarter(rng.randint(2, 6)) if applies else None,
            notes="" if applies else "Not a growth lever for this account today.",
        )


def add_opportunity(
    world: World,
    draft: AccountDraft,
    dimension: Dimension,
    title: str,
    status: OpportunityStatus,
    acv_uplift: float,
    *,
    target_quarter: dt.date,
    confidence: int,
    closed_on: dt.date | None = None,
    use_case: Row | None = None,
    division: Row | None = None,
    geography: Row | None = None,
    product: str | None = None,
    notes: str = "",
) -> Row:
    row = world.writer.add(
        Opportunity,
        account_id=draft.id,
        dimension=dimension,
        title=title,
        target_quarter=target_quarter,
        acv_uplift=acv_uplift,
        confidence=confidence,
        status=status,
        closed_on=closed_on,
        use_case_id=use_case["id"] if use_case else None,
        division_id=division["id"] if division else None,
        geography_id=geography["id"] if geography else None,
        product_id=world.products[product] if product else None,
        notes=notes,
    )
    draft.opportunities.append(row)
    return row


def add_opportunities(world: World, draft: AccountDraft) -> None:
    """2 to 6 expansion opportunities: mostly open, some won, a few lost."""
    rng = world.rng
    count = rng.randint(*draft.by_size((2, 3), (3, 4), (4, 6)))
    not_live = [uc for uc in draft.use_cases if uc["status"] not in LIVE_OR_BETTER]
    idle = [d for d in draft.divisions if d["engagement"] != Engagement.ADOPTED] or draft.divisions
    used = {p for names in draft.use_case_products.values() for p in names}
    new_products = [p for p in world.products if p not in used] or list(world.products)
    dimensions = list(Dimension)
    if len(draft.geographies) < 2:
        dimensions.remove(Dimension.GEOGRAPHIES)
    earliest = first_quarter(draft)
    titles: set[str] = set()
    attempts = 0
    while len(titles) < count and attempts < 20:
        attempts += 1
        dimension = rng.choice(dimensions)
        links: dict[str, Any] = {}
        fill: dict[str, Any] = {}
        division = rng.choice(idle)
        if dimension == Dimension.USE_CASES and not_live:
            links["use_case"] = use_case = rng.choice(not_live)
            fill["use_case"] = use_case["title"]
        elif dimension in (Dimension.DIVISIONS, Dimension.USERS):
            links["division"] = division
        elif dimension == Dimension.GEOGRAPHIES:
            links["geography"] = geography = rng.choice(draft.geographies[1:])
            fill["country"] = geography["country"]
        elif dimension == Dimension.FUNCTIONALITY:
            links["product"] = product = rng.choice(new_products)
            fill["product"] = product
        pattern = rng.choice(content.OPPORTUNITY_TITLES[dimension.value])
        if "{use_case}" in pattern and "use_case" not in fill:
            pattern = "Volume tier upgrade"
        title = pattern.format(seats=5 * rng.randint(4, 60), division=division["name"], **fill)
        if title in titles:  # one line per idea in the plan
            continue
        titles.add(title)
        uplift = money(draft.row["initial_deal_value"] * rng.uniform(0.1, 0.8), 1000)
        draw = rng.random()
        if (
            draw < 0.25
            and draft.archetype.stage != LifecycleStage.LAND
            and not draft.archetype.at_risk
        ):
            quarter = max(earliest, world.quarter(rng.randint(-4, -1)))
            add_opportunity(
                world,
                draft,
                dimension,
                title,
                OpportunityStatus.WON,
                uplift,
                target_quarter=quarter,
                confidence=90,
                closed_on=_closed_on(world, quarter),
                **links,
            )
        elif draw < 0.35:
            quarter = max(earliest, world.quarter(rng.randint(-3, -1)))
            add_opportunity(
                world,
                draft,
                dimension,
                title,
                OpportunityStatus.LOST,
                uplift,
                target_quarter=quarter,
                confidence=rng.randint(2, 6) * 5,
                closed_on=_closed_on(world, quarter),
                notes="Lost to budget timing; revisit at the next planning cycle.",
                **links,
            )
        else:
            add_opportunity(
                world,
                draft,
                dimension,
                title,
                OpportunityStatus.OPEN,
                uplift,
                target_quarter=world.quarter(rng.randint(0, 7)),
                confidence=rng.randint(2, 18) * 5,
                **links,
            )


def _closed_on(world: World, quarter: dt.date) -> dt.date:
    return min(world.today, quarter + dt.timedelta(days=world.rng.randint(10, 85)))


def add_whitespace(world: World, draft: AccountDraft) -> None:
    """Division × product and division × geography cells, read off the roadmap."""
    rng = world.rng
    state_of: dict[tuple[int, object], WhitespaceState] = {}
    for uc in draft.use_cases:
        if uc["status"] in LIVE_OR_BETTER:
            state = WhitespaceState.LIVE
        elif uc["status"] in (UseCaseStatus.PLANNED, UseCaseStatus.IMPLEMENTING):
            state = WhitespaceState.IN_PROGRESS
        else:
            continue
        keys = [("g", uc["geography_id"])] + [("p", p) for p in draft.use_case_products[uc["id"]]]
        for key in keys:
            cell = (uc["division_id"], key)
            if state_of.get(cell) != WhitespaceState.LIVE:
                state_of[cell] = state

    def other() -> WhitespaceState:
        return WhitespaceState.OPPORTUNITY if rng.random() < 0.6 else WhitespaceState.NOT_RELEVANT

    for division in draft.divisions:
        for product, product_id in world.products.items():
            world.writer.add(
                WhitespaceCell,
                account_id=draft.id,
                division_id=division["id"],
                product_id=product_id,
                geography_id=None,
                state=state_of.get((division["id"], ("p", product))) or other(),
            )
        for geography in draft.geographies:
            home = division["geography_id"]
            state = state_of.get((division["id"], ("g", geography["id"])))
            if state is None:
                state = (
                    WhitespaceState.NOT_RELEVANT if home and home != geography["id"] else other()
                )
            world.writer.add(
                WhitespaceCell,
                account_id=draft.id,
                division_id=division["id"],
                product_id=None,
                geography_id=geography["id"],
                state=state,
            )
