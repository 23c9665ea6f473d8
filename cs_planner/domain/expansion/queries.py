"""Reading an account's expansion plan (and the portfolio's) into the read models of
``rows``: column selects, a handful of queries per account, no ORM objects out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from sqlalchemy import func, select, union
from sqlalchemy.orm import Session

from cs_planner.domain.accounts.queries import get_account, get_settings
from cs_planner.domain.accounts.rules import geography_label
from cs_planner.domain.enums import (
    Dimension,
    Engagement,
    OpportunityStatus,
    UseCaseStatus,
    WhitespaceState,
)
from cs_planner.domain.expansion.pace import pace
from cs_planner.domain.expansion.rows import (
    Choice,
    DimensionRow,
    DimensionValues,
    ExpansionData,
    OpenUplift,
    OpportunityRow,
    OpportunityValues,
    PortfolioExpansion,
    WhitespaceGrid,
    weighted_uplift,
)
from cs_planner.domain.expansion.rules import LIVE_USE_CASE, PAIRINGS, project, roll_up, suggest
from cs_planner.domain.model import (
    Account,
    AccountMetric,
    ArrHistory,
    DimensionPlan,
    Division,
    Geography,
    MetricDefinition,
    Opportunity,
    Product,
    UseCase,
    UseCaseProduct,
    WhitespaceCell,
)
from cs_planner.domain.quarters import quarter_start

# --- reading ---------------------------------------------------------------------------------


def derived_currents(session: Session, account_id: int) -> tuple[dict[Dimension, float], int]:
    """The current values that follow from data the account already has, and the size of
    the product catalogue."""
    account = get_account(session, account_id)
    adopted = session.scalar(
        select(func.count(UseCase.id)).where(
            UseCase.account_id == account_id, UseCase.status == UseCaseStatus.ADOPTED
        )
    )
    by_use_case = (
        select(UseCaseProduct.product_id)
        .join(UseCase, UseCase.id == UseCaseProduct.use_case_id)
        .where(UseCase.account_id == account_id, UseCase.status.in_(LIVE_USE_CASE))
    )
    by_grid = select(WhitespaceCell.product_id).where(
        WhitespaceCell.account_id == account_id,
        WhitespaceCell.product_id.is_not(None),
        WhitespaceCell.state == WhitespaceState.LIVE,
    )
    products_in_use = session.scalar(
        select(func.count()).select_from(union(by_use_case, by_grid).subquery())
    )
    divisions = session.scalar(
        select(func.count(Division.id)).where(
            Division.account_id == account_id, Division.engagement == Engagement.ADOPTED
        )
    )
    geographies = session.scalar(
        select(func.count(func.distinct(UseCase.geography_id))).where(
            UseCase.account_id == account_id,
            UseCase.status.in_(LIVE_USE_CASE),
            UseCase.geography_id.is_not(None),
        )
    )
    catalogue = session.scalar(select(func.count(Product.id))) or 0
    values = {
        Dimension.USE_CASES: float(adopted or 0),
        Dimension.USERS: float(account.active_users),
        Dimension.FUNCTIONALITY: float(products_in_use or 0),
        Dimension.DIVISIONS: float(divisions or 0),
        Dimension.GEOGRAPHIES: float(geographies or 0),
    }
    return values, catalogue


def list_opportunities(session: Session, account_id: int) -> list[OpportunityRow]:
    o = Opportunity
    rows = session.execute(
        select(
            o.id,
            o.dimension,
            o.title,
            o.acv_uplift,
            o.confidence,
            o.status,
            o.target_quarter,
            o.closed_on,
            o.use_case_id,
            o.division_id,
            o.geography_id,
            o.product_id,
            o.notes,
            UseCase.title.label("use_case"),
            Division.name.label("division"),
            Geography.region,
            Geography.country,
            Product.name.label("product"),
        )
        .outerjoin(UseCase, UseCase.id == o.use_case_id)
        .outerjoin(Division, Division.id == o.division_id)
        .outerjoin(Geography, Geography.id == o.geography_id)
        .outerjoin(Product, Product.id == o.product_id)
        .where(o.account_id == account_id)
        .order_by(o.target_quarter.is_(None), o.target_quarter, func.lower(o.title))
    ).all()
    out = []
    for r in rows:
        links = [
            ("Use case", r.use_case),
            ("Division", r.division),
            ("Geography", geography_label(r.region, r.country) if r.region else None),
            ("Product", r.product),
        ]
        values = OpportunityValues(
            dimension=r.dimension,
            title=r.title,
            acv_uplift=r.acv_uplift or 0.0,
            confidence=r.confidence,
            status=r.status,
            target_quarter=r.target_quarter,
            closed_on=r.closed_on,
            use_case_id=r.use_case_id,
            division_id=r.division_id,
            geography_id=r.geography_id,
            product_id=r.product_id,
            notes=r.notes,
        )
        linked = " · ".join(f"{k}: {v}" for k, v in links if v)
        out.append(OpportunityRow(r.id, values, linked))
    return out


def list_dimensions(
    session: Session, account_id: int, opportunities: Sequence[OpportunityRow]
) -> list[DimensionRow]:
    """The six dimensions in pairing order; a dimension without a plan row applies with no
    figures yet."""
    plans = {
        r.dimension: r
        for r in session.execute(
            select(
                DimensionPlan.dimension,
                DimensionPlan.applies,
                DimensionPlan.unit,
                DimensionPlan.baseline,
                DimensionPlan.current,
                DimensionPlan.target,
                DimensionPlan.target_quarter,
                DimensionPlan.notes,
            ).where(DimensionPlan.account_id == account_id)
        )
    }
    derived, catalogue = derived_currents(session, account_id)
    out = []
    for _title, *pair in PAIRINGS:
        for dimension in pair:
            plan = plans.get(dimension)
            values = (
                DimensionValues(
                    applies=bool(plan.applies),
                    unit=plan.unit,
                    baseline=plan.baseline,
                    current=plan.current,
                    target=plan.target,
                    target_quarter=plan.target_quarter,
                    notes=plan.notes,
                )
                if plan
                else DimensionValues()
            )
            mine = [
                o.values
                for o in opportunities
                if o.values.dimension == dimension and o.values.status == OpportunityStatus.OPEN
            ]
            out.append(
                DimensionRow(
                    dimension=dimension,
                    values=values,
                    current=derived.get(dimension, values.current),
                    derived=dimension in derived,
                    out_of=catalogue if dimension == Dimension.FUNCTIONALITY else None,
                    open_count=len(mine),
                    open_value=sum(o.acv_uplift for o in mine),
                    weighted_value=sum(weighted_uplift(o) for o in mine),
                )
            )
    return out


def arr_history(session: Session, account_id: int) -> list[tuple[dt.date, float]]:
    rows = session.execute(
        select(ArrHistory.quarter, ArrHistory.arr)
        .where(ArrHistory.account_id == account_id)
        .order_by(ArrHistory.quarter)
    )
    return [(r.quarter, r.arr) for r in rows]


def _choices(session: Session, account_id: int) -> dict[str, tuple[Choice, ...]]:
    products = session.execute(select(Product.id, Product.name).order_by(func.lower(Product.name)))
    divisions = session.execute(
        select(Division.id, Division.name)
        .where(Division.account_id == account_id)
        .order_by(func.lower(Division.name))
    )
    geographies = session.execute(
        select(Geography.id, Geography.region, Geography.country)
        .where(Geography.account_id == account_id)
        .order_by(func.lower(Geography.region), func.lower(Geography.country))
    )
    use_cases = session.execute(
        select(UseCase.id, UseCase.title)
        .where(UseCase.account_id == account_id)
        .order_by(UseCase.step, UseCase.position)
    )
    return {
        "products": tuple(Choice(r.id, r.name) for r in products),
        "divisions": tuple(Choice(r.id, r.name) for r in divisions),
        "geographies": tuple(
            Choice(r.id, geography_label(r.region, r.country)) for r in geographies
        ),
        "use_cases": tuple(Choice(r.id, r.title) for r in use_cases),
    }


def _usage_metrics(session: Session, account_id: int) -> tuple[str, ...]:
    tracked = select(MetricDefinition.name).join(
        AccountMetric, AccountMetric.metric_id == MetricDefinition.id
    )
    tracked = tracked.where(AccountMetric.account_id == account_id)
    on_roadmap = select(UseCase.usage_metric).where(
        UseCase.account_id == account_id, UseCase.usage_metric != ""
    )
    names = session.scalars(union(tracked, on_roadmap))
    return tuple(sorted(set(names), key=str.lower))


def load_expansion(
    session: Session,
    account_id: int,
    today: dt.date,
    money: Callable[[float, str], str] | None = None,
) -> ExpansionData:
    """Everything about one account's expansion, in a handful of queries. ``money(value,
    currency)`` formats amounts in the suggestions."""
    account = get_account(session, account_id)
    settings = get_settings(session)
    opportunities = list_opportunities(session, account_id)
    dimensions = list_dimensions(session, account_id, opportunities)
    now = quarter_start(today, settings.fiscal_year_start_month)
    projection = project(
        account.arr, account.initial_deal_value, [o.values for o in opportunities], now
    )
    choices = _choices(session, account_id)
    show = money or (lambda value, currency: f"{value:,.0f} {currency}")
    history = tuple(arr_history(session, account_id))
    fy = settings.fiscal_year_start_month
    return ExpansionData(
        account_id=account_id,
        account_name=account.name,
        currency=settings.currency,
        fy_start_month=settings.fiscal_year_start_month,
        arr=account.arr,
        initial_deal_value=account.initial_deal_value,
        today=today,
        dimensions=tuple(dimensions),
        opportunities=tuple(opportunities),
        history=history,
        projection=projection,
        suggestions=suggest(dimensions, lambda v: show(v, settings.currency)),
        usage_metrics=_usage_metrics(session, account_id),
        initial_deal_date=account.initial_deal_date,
        pace=pace(account.initial_deal_date, projection, history, fy),
        **choices,
    )


def load_whitespace(session: Session, account_id: int) -> tuple[WhitespaceGrid, WhitespaceGrid]:
    """The divisions × products and divisions × geographies grids."""
    choices = _choices(session, account_id)
    cells = session.execute(
        select(
            WhitespaceCell.division_id,
            WhitespaceCell.product_id,
            WhitespaceCell.geography_id,
            WhitespaceCell.state,
        ).where(WhitespaceCell.account_id == account_id)
    ).all()
    open_opps = session.execute(
        select(
            Opportunity.division_id,
            Opportunity.product_id,
            Opportunity.geography_id,
            Opportunity.acv_uplift,
        ).where(
            Opportunity.account_id == account_id,
            Opportunity.status == OpportunityStatus.OPEN,
            Opportunity.division_id.is_not(None),
        )
    ).all()
    grids = []
    for by, column_key, columns in (
        ("product", "product_id", choices["products"]),
        ("geography", "geography_id", choices["geographies"]),
    ):
        states = {
            (c.division_id, getattr(c, column_key)): c.state
            for c in cells
            if getattr(c, column_key) is not None
        }
        uplift: dict[tuple[int, int], float] = {}
        for o in open_opps:
            if getattr(o, column_key) is not None:
                key = (o.division_id, getattr(o, column_key))
                uplift[key] = uplift.get(key, 0.0) + (o.acv_uplift or 0.0)
        grids.append(WhitespaceGrid(by, choices["divisions"], columns, states, uplift))
    return grids[0], grids[1]


def portfolio_expansion(session: Session, today: dt.date) -> PortfolioExpansion:
    """Expected expansion ARR by dimension across all accounts, and the accounts ranked by
    the multiple they are projected to reach (two queries)."""
    settings = get_settings(session)
    now = quarter_start(today, settings.fiscal_year_start_month)
    connection = session.connection()  # plain rows: no ORM processing per row
    accounts = connection.execute(
        select(Account.id, Account.name, Account.arr, Account.initial_deal_value)
    ).all()
    return roll_up(settings.currency, accounts, open_uplifts(session), now)


def open_uplifts(session: Session) -> dict[int, list[OpenUplift]]:
    """Every open opportunity's figures, by account (one query): what the portfolio's
    projections add up, without the titles and notes ``open_opportunities`` keeps."""
    o = Opportunity
    query = select(o.account_id, o.dimension, o.acv_uplift, o.confidence, o.target_quarter)
    out: dict[int, list[OpenUplift]] = {}
    for account, dimension, uplift, confidence, quarter in session.connection().execute(
        query.where(o.status == OpportunityStatus.OPEN)
    ):
        out.setdefault(account, []).append(
            OpenUplift(dimension, uplift or 0.0, confidence, quarter)
        )
    return out


def open_opportunities(session: Session) -> dict[int, list[OpportunityValues]]:
    """Every open opportunity, by account (one query): what the projections add up."""
    opps: dict[int, list[OpportunityValues]] = {}
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
        opps.setdefault(r.account_id, []).append(
            OpportunityValues(
                dimension=r.dimension,
                title=r.title,
                acv_uplift=r.acv_uplift or 0.0,
                confidence=r.confidence,
                target_quarter=r.target_quarter,
            )
        )
    return opps
