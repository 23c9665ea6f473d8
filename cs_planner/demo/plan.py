"""An account's expansion plan: the six-dimension plan, the expansion opportunities and the
whitespace grids, all read off the roadmap."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from cs_planner.demo import texts
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
from cs_planner.domain.model import DimensionPlan, Opportunity

# The units the app's derived current values are counted in (domain.expansion.DERIVED_FROM):
# adopted use cases, active users, products live, adopted divisions, countries live.
UNITS = {
    Dimension.USAGE: "workflows per month",
    Dimension.USE_CASES: "use cases adopted",
    Dimension.USERS: "active users",
    Dimension.FUNCTIONALITY: "products in use",
    Dimension.DIVISIONS: "divisions adopted",
    Dimension.GEOGRAPHIES: "countries live",
}


def derived_currents(draft: AccountDraft) -> dict[Dimension, float]:
    """What the app derives as the current value of each dimension from the account's data
    (``expansion_queries.derived_currents``), read off the draft."""
    live = [uc for uc in draft.use_cases if uc["status"] in LIVE_OR_BETTER]
    return {
        Dimension.USE_CASES: sum(uc["status"] == UseCaseStatus.ADOPTED for uc in live),
        Dimension.USERS: draft.row["active_users"],
        Dimension.FUNCTIONALITY: len({p for uc in live for p in draft.use_case_products[uc["id"]]}),
        Dimension.DIVISIONS: sum(d["engagement"] == Engagement.ADOPTED for d in draft.divisions),
        Dimension.GEOGRAPHIES: len({uc["geography_id"] for uc in live} - {None}),
    }


def add_dimension_plans(
    world: World,
    draft: AccountDraft,
    figures: dict[Dimension, tuple[float, float, float]] | None = None,
) -> None:
    """Baseline, current and target per dimension; divisions and geographies apply only
    where the account has room to grow on them. ``figures`` (baseline, current, target)
    replace the drawn ones; a current value the app derives is always the derived one."""
    rng, row = world.rng, draft.row
    figures = dict(figures or {})
    derived = derived_currents(draft)
    live = [uc for uc in draft.use_cases if uc["status"] == UseCaseStatus.LIVE]
    coming = [uc for uc in draft.use_cases if uc["status"] in UNDER_WAY]
    products_coming = {p for uc in coming for p in draft.use_case_products[uc["id"]]}
    products = derived[Dimension.FUNCTIONALITY]
    reachable = len(products_coming | _live_products(draft))
    adopted = derived[Dimension.DIVISIONS]
    multiple = row["arr"] / row["initial_deal_value"]
    seats0 = max(5, round(row["licensed_seats"] / max(1.0, multiple)))
    workflows = row["active_users"] * rng.randint(3, 9)
    use_cases = derived[Dimension.USE_CASES]
    drawn: dict[Dimension, tuple[float, float, float]] = {
        Dimension.USAGE: (
            round(workflows / max(1.0, multiple * 1.5)),
            workflows,
            round(workflows * 1.3),
        ),
        # Live use cases are the next to be adopted, then part of the work under way.
        Dimension.USE_CASES: (0, use_cases, use_cases + max(1, len(live) + len(coming) // 2)),
        Dimension.USERS: (seats0, row["active_users"], round(row["licensed_seats"] * 1.15)),
        Dimension.FUNCTIONALITY: (
            min(2, products),
            products,
            min(len(world.products), max(products + 1, reachable)),
        ),
        Dimension.DIVISIONS: (1, adopted, min(len(draft.divisions), adopted + 2)),
        Dimension.GEOGRAPHIES: (1, derived[Dimension.GEOGRAPHIES], len(draft.geographies)),
    }
    for dimension in Dimension:
        applies = dimension in figures or {
            Dimension.DIVISIONS: len(draft.divisions) >= 3,
            Dimension.GEOGRAPHIES: len(draft.geographies) >= 2,
        }.get(dimension, rng.random() < 0.92)
        baseline, current, target = figures.get(dimension, drawn[dimension])
        current = derived.get(dimension, current)
        draft.plans[dimension] = world.writer.add(
            DimensionPlan,
            account_id=draft.id,
            dimension=dimension,
            applies=applies,
            unit=UNITS[dimension],
            baseline=float(baseline) if applies else None,
            current=float(current) if applies else None,
            target=float(max(target, current)) if applies else None,
            target_quarter=world.quarter(rng.randint(2, 6)) if applies else None,
            notes="" if applies else "Not a growth lever for this account today.",
        )


def _live_products(draft: AccountDraft) -> set[str]:
    return {
        p
        for uc in draft.use_cases
        if uc["status"] in LIVE_OR_BETTER
        for p in draft.use_case_products[uc["id"]]
    }


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


# Open opportunities on these dimensions name the whitespace cell they would fill.
CELL_DIMENSIONS = frozenset({Dimension.FUNCTIONALITY, Dimension.DIVISIONS, Dimension.GEOGRAPHIES})
CELL_SHARE = 0.85  # the rest are still an idea at account level
# Most ideas widen the footprint: new products, divisions and countries.
WEIGHTS = {
    Dimension.USAGE: 1,
    Dimension.USE_CASES: 2,
    Dimension.USERS: 2,
    Dimension.FUNCTIONALITY: 4,
    Dimension.DIVISIONS: 3,
    Dimension.GEOGRAPHIES: 3,
}


@dataclass(frozen=True)
class _Footprint:
    """What an account's new opportunities can point at, read once per account."""

    not_live: list[Row]  # use cases not live yet
    idle: list[Row]  # divisions not adopted (all of them if every one is)
    adopted: list[Row]
    new_products: list[str]
    live_products: list[str]
    cells: dict[Cell, WhitespaceState]
    dimensions: list[Dimension]
    earliest: dt.date

    @classmethod
    def of(cls, world: World, draft: AccountDraft) -> _Footprint:
        idle = [d for d in draft.divisions if d["engagement"] != Engagement.ADOPTED]
        idle = idle or draft.divisions
        used = {p for names in draft.use_case_products.values() for p in names}
        dimensions = list(Dimension)
        if len(draft.geographies) < 2:
            dimensions.remove(Dimension.GEOGRAPHIES)
        return cls(
            not_live=[uc for uc in draft.use_cases if uc["status"] not in LIVE_OR_BETTER],
            idle=idle,
            adopted=[d for d in draft.divisions if d["engagement"] == Engagement.ADOPTED] or idle,
            new_products=[p for p in world.products if p not in used] or list(world.products),
            live_products=sorted(_live_products(draft)) or list(world.products),
            cells=use_case_cells(draft),
            dimensions=dimensions,
            earliest=first_quarter(draft),
        )


_OPEN, _WON, _LOST = OpportunityStatus.OPEN, OpportunityStatus.WON, OpportunityStatus.LOST


def add_opportunities(world: World, draft: AccountDraft) -> None:
    """2 to 6 expansion opportunities: mostly open, some won, a few lost. Most open ones
    on products, divisions or geographies point at a whitespace cell (a division with a
    product or a country) that is not live yet, so the grid shows their uplift."""
    rng = world.rng
    count = rng.randint(*draft.by_size((2, 3), (3, 4), (4, 6)))
    footprint = _Footprint.of(world, draft)
    titles: set[str] = set()
    attempts = 0
    while len(titles) < count and attempts < 20:
        attempts += 1
        dimension = rng.choices(footprint.dimensions, [WEIGHTS[d] for d in footprint.dimensions])[0]
        draw = rng.random()
        won = (
            draw < 0.25
            and draft.archetype.stage != LifecycleStage.LAND
            and not draft.archetype.at_risk
        )
        is_open = not won and draw >= 0.35
        in_cell = is_open and dimension in CELL_DIMENSIONS and rng.random() < CELL_SHARE
        division, links, fill = _draw_links(world, draft, footprint, dimension, in_cell)
        title = _draw_title(world, dimension, division, links, fill)
        if title in titles:  # one line per idea in the plan
            continue
        titles.add(title)
        status = _OPEN if is_open else _WON if won else _LOST
        _add_drawn(world, draft, footprint, dimension, title, status, links)


def _draw_links(
    world: World, draft: AccountDraft, footprint: _Footprint, dimension: Dimension, in_cell: bool
) -> tuple[Row, dict[str, Any], dict[str, Any]]:
    """The division a new opportunity is about, what it links to and the words its title
    is filled with; an opportunity ``in_cell`` names a whitespace cell that is still free."""
    rng, cells = world.rng, footprint.cells
    links: dict[str, Any] = {}
    fill: dict[str, Any] = {}
    division = rng.choice(footprint.idle)
    if dimension == Dimension.USE_CASES and footprint.not_live:
        links["use_case"] = use_case = rng.choice(footprint.not_live)
        fill["use_case"] = use_case["title"]
    elif dimension == Dimension.USERS:
        links["division"] = division
    elif dimension == Dimension.DIVISIONS:
        links["division"] = division
        open_products = [p for p in footprint.live_products if _free(cells, division, ("p", p))]
        if in_cell and open_products:  # the division would start on what works elsewhere
            links["product"] = rng.choice(open_products)
    elif dimension == Dimension.GEOGRAPHIES:
        links["geography"] = geography = rng.choice(draft.geographies[1:])
        fill["country"] = geography["country"]
        fits = [
            d
            for d in footprint.adopted + footprint.idle
            if d["geography_id"] in (None, geography["id"])
            and _free(cells, d, ("g", geography["id"]))
        ]
        if in_cell and fits:
            links["division"] = division = rng.choice(fits)
    elif dimension == Dimension.FUNCTIONALITY:
        links["product"] = product = rng.choice(footprint.new_products)
        fill["product"] = product
        room = [d for d in footprint.adopted if _free(cells, d, ("p", product))]
        if in_cell and room:
            links["division"] = division = rng.choice(room)
    return division, links, fill


def _draw_title(
    world: World, dimension: Dimension, division: Row, links: dict[str, Any], fill: dict[str, Any]
) -> str:
    patterns = texts.OPPORTUNITY_TITLES[dimension.value]
    if dimension == Dimension.FUNCTIONALITY:
        patterns = texts.CELL_TITLES if "division" in links else patterns
    pattern = world.rng.choice(patterns)
    if "{use_case}" in pattern and "use_case" not in fill:
        pattern = "Volume tier upgrade"
    return pattern.format(seats=5 * world.rng.randint(4, 60), division=division["name"], **fill)


def _add_drawn(
    world: World,
    draft: AccountDraft,
    footprint: _Footprint,
    dimension: Dimension,
    title: str,
    status: OpportunityStatus,
    links: dict[str, Any],
) -> None:
    """Adds a drawn opportunity: won ones closed in the last year, lost ones in the last
    three quarters, open ones aimed at the next two years."""
    rng = world.rng
    uplift = money(draft.row["initial_deal_value"] * rng.uniform(0.1, 0.8), 1000)
    extra: dict[str, Any]
    if status == OpportunityStatus.OPEN:
        quarter = world.quarter(rng.randint(0, 7))
        extra = {"confidence": rng.randint(2, 18) * 5}
    else:
        won = status == OpportunityStatus.WON
        quarter = max(footprint.earliest, world.quarter(rng.randint(-4 if won else -3, -1)))
        extra = {
            "confidence": 90 if won else rng.randint(2, 6) * 5,
            "closed_on": _closed_on(world, quarter),
            "notes": "" if won else "Lost to budget timing; revisit at the next planning cycle.",
        }
    add_opportunity(
        world, draft, dimension, title, status, uplift, target_quarter=quarter, **extra, **links
    )


Cell = tuple[int, tuple[str, object]]  # (division id, ("p", product name) or ("g", geo id))


def _closed_on(world: World, quarter: dt.date) -> dt.date:
    return min(world.today, quarter + dt.timedelta(days=world.rng.randint(10, 85)))


def use_case_cells(draft: AccountDraft) -> dict[Cell, WhitespaceState]:
    """The whitespace cells the roadmap fills: live where a live or adopted use case runs,
    in progress where one is planned or being implemented."""
    state_of: dict[Cell, WhitespaceState] = {}
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
    return state_of


def _free(cells: dict[Cell, WhitespaceState], division: Row, key: tuple[str, object]) -> bool:
    return (division["id"], key) not in cells
