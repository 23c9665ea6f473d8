"""The CSAs page's read-only tables: per-CSA figures, revenue by month and quarter, warnings,
coverage gaps and the scorecard. One small sortable model, configured per table."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from cs_planner.domain.csa import load
from cs_planner.domain.csa.rows import CoverageGap, CsaFigures, CsaWarning, ScoreRow
from cs_planner.domain.csa.rules import SERVED_RULE
from cs_planner.palette import LOAD_IDLE, LOAD_OVER, LOAD_UNDER, load_band
from cs_planner.ui.common import format as fmt
from cs_planner.ui.common import theme
from cs_planner.ui.common.table_model import Align, Col

RIGHT = Align.RIGHT


# --- per-CSA figures --------------------------------------------------------------------------


def _pct(value: float | None) -> str:
    return "—" if value is None else fmt.percent(value)


def _none_low(value: float | None) -> float:
    return -1.0 if value is None else value


def utilization_colour(value: float | None) -> str | None:
    """The heatmap's bands as text: red over capacity, muted when idle, blue under half."""
    if value is None:
        return None
    band = load_band(value)
    if band is LOAD_OVER:
        return theme.BAD
    if band is LOAD_IDLE:
        return theme.MUTED
    return LOAD_UNDER.text if band is LOAD_UNDER else None


def figures_columns(currency: str, presales_limit: float) -> list[Col[CsaFigures]]:
    name: Col[CsaFigures] = Col("CSA", lambda f: f.csa.name, lambda f: f.csa.name.lower())
    return [name, *_time_columns(presales_limit), *_money_columns(currency)]


def _time_columns(presales_limit: float) -> list[Col[CsaFigures]]:
    """How the CSA's time is used: load, chargeability against target, pre-sales."""
    return [
        Col(
            "Utilization",
            lambda f: _pct(f.window.utilization),
            lambda f: _none_low(f.window.utilization),
            align=RIGHT,
            colour=lambda f: utilization_colour(f.window.utilization),
            header_tip="Allocated hours over the hours the CSA has in the weeks shown",
        ),
        Col(
            "Peak week",
            lambda f: fmt.percent(f.peak_load),
            lambda f: f.peak_load,
            align=RIGHT,
            colour=lambda f: theme.BAD if load.is_over(f.peak_load) else None,
            tip=lambda f: f"{len(f.over_weeks)} week(s) over 100%" if f.over_weeks else None,
        ),
        Col(
            "Chargeable ÷ capacity",
            lambda f: _pct(f.window.chargeability),
            lambda f: _none_low(f.window.chargeability),
            align=RIGHT,
            colour=lambda f: (
                None
                if f.window.chargeability is None
                else (theme.WARN if f.below_target else theme.GOOD)
            ),
            header_tip=(
                "Chargeability: customer-funded hours ÷ the hours the CSA has (capacity); "
                "the measure the target is set in"
            ),
        ),
        Col(
            "Target",
            lambda f: fmt.percent(f.csa.target),
            lambda f: f.csa.target,
            align=RIGHT,
            header_tip="Chargeability target, of capacity",
        ),
        Col(
            "Chargeable ÷ allocated",
            lambda f: _pct(f.window.chargeable_of_allocated),
            lambda f: _none_low(f.window.chargeable_of_allocated),
            align=RIGHT,
            header_tip="Customer-funded hours ÷ allocated hours: the share of booked work billed",
        ),
        Col(
            "Pre-sales",
            lambda f: _pct(f.window.presales_share),
            lambda f: _none_low(f.window.presales_share),
            align=RIGHT,
            colour=lambda f: (
                theme.BAD if (f.window.presales_share or 0) > presales_limit + 1e-9 else None
            ),
            header_tip=f"Share of time in pre-sales; warned above {presales_limit:.0%}",
        ),
    ]


def _money_columns(currency: str) -> list[Col[CsaFigures]]:
    """What the time is worth, and the warnings."""
    return [
        Col(
            "Vendor-paid hours",
            lambda f: fmt.amount(round(f.window.vendor_hours)),
            lambda f: f.window.vendor_hours,
            align=RIGHT,
            header_tip="Vendor-underwritten hours: load that is not billed",
        ),
        Col(
            "Billable revenue",
            lambda f: fmt.money(f.window.revenue, currency),
            lambda f: f.window.revenue,
            align=RIGHT,
            header_tip="Bill rate times chargeable hours in the weeks shown",
        ),
        Col(
            "Rate",
            lambda f: fmt.money(f.csa.rate, currency),
            lambda f: f.csa.rate,
            align=RIGHT,
        ),
        Col(
            "Warnings",
            lambda f: ", ".join(w.kind.label for w in f.warnings),
            lambda f: len(f.warnings),
            colour=lambda f: theme.BAD if f.warnings else None,
            tip=lambda f: "\n".join(w.message for w in f.warnings) or None,
        ),
    ]


def revenue_columns(
    figures: Sequence[CsaFigures], currency: str, quarters_only: bool = False
) -> list[Col[CsaFigures]]:
    """CSA, then one column per month and one per quarter of billable revenue."""
    columns: list[Col[CsaFigures]] = [
        Col("CSA", lambda f: f.csa.name, lambda f: f.csa.name.lower())
    ]
    sample = figures[0] if figures else None
    if sample is None:
        return columns
    if not quarters_only:
        for n, month in enumerate(sample.months):
            columns.append(_revenue_column(f"{month.start:%b %Y}", _month(n), currency))
    for n, (label, _figures) in enumerate(sample.quarters):
        columns.append(
            _revenue_column(
                label,
                _quarter(n),
                currency,
                "The whole quarter, also the weeks outside the heatmap",
            )
        )
    return columns


def _month(n: int) -> Callable[[CsaFigures], load.PeriodFigures]:
    return lambda f: f.months[n]


def _quarter(n: int) -> Callable[[CsaFigures], load.PeriodFigures]:
    return lambda f: f.quarters[n][1]


def _revenue_column(
    header: str,
    period: Callable[[CsaFigures], load.PeriodFigures],
    currency: str,
    header_tip: str = "",
) -> Col[CsaFigures]:
    return Col(
        header,
        lambda f: fmt.money(period(f).revenue, currency),
        lambda f: period(f).revenue,
        align=RIGHT,
        tip=lambda f: _hours_tip(period(f)),
        header_tip=header_tip,
    )


def _hours_tip(figures: load.PeriodFigures) -> str:
    return (
        f"{figures.chargeable_hours:,.0f} chargeable of {figures.allocated_hours:,.0f} "
        f"allocated hours; utilization {_pct(figures.utilization)}, "
        f"chargeable {_pct(figures.chargeability)}"
    )


WARNING_COLUMNS: list[Col[CsaWarning]] = [
    Col("CSA", lambda w: w.csa, lambda w: w.csa.lower()),
    Col("Warning", lambda w: w.kind.label, lambda w: w.kind.value, colour=lambda _w: theme.BAD),
    Col("What", lambda w: w.message, lambda w: w.message, tip=lambda w: w.message),
]

COVERAGE_COLUMNS: list[Col[CoverageGap]] = [
    Col("Account", lambda g: g.account, lambda g: g.account.lower()),
    Col(
        "Gap",
        lambda g: g.kind.label,
        lambda g: g.kind.value,
        colour=lambda _g: theme.WARN,
        header_tip=(
            "A top-tier account needs a CSA allocated today and a customer who named an "
            "executive sponsor and a program manager to mirror ours"
        ),
    ),
    Col("Detail", lambda g: g.detail, lambda g: g.detail, tip=lambda g: g.detail),
]


def scorecard_columns() -> list[Col[ScoreRow]]:
    return [
        Col("CSA", lambda r: r.csa, lambda r: r.csa.lower()),
        Col(
            "Accounts served",
            lambda r: fmt.count(r.accounts_served),
            lambda r: r.accounts_served,
            align=RIGHT,
            header_tip=SERVED_RULE[0].upper() + SERVED_RULE[1:],
        ),
        Col(
            "Use cases adopted",
            lambda r: fmt.count(r.use_cases_adopted),
            lambda r: r.use_cases_adopted,
            align=RIGHT,
            header_tip="Adopted use cases that name this CSA (each at an account served)",
        ),
        Col(
            "Business users per use case",
            lambda r: "—" if r.users_per_use_case is None else f"{r.users_per_use_case:,.0f}",
            lambda r: _none_low(r.users_per_use_case),
            align=RIGHT,
            header_tip="Users reached, on average, by this CSA's adopted use cases",
        ),
        Col(
            "Reference accounts",
            lambda r: fmt.count(r.reference_accounts),
            lambda r: r.reference_accounts,
            align=RIGHT,
            colour=lambda r: theme.GOOD if r.reference_accounts else None,
            header_tip="Accounts served that are willing to act as a reference",
        ),
        Col(
            "Churned accounts",
            lambda r: fmt.count(r.churned_accounts),
            lambda r: r.churned_accounts,
            align=RIGHT,
            colour=lambda r: theme.BAD if r.churned_accounts else None,
            header_tip="Accounts served whose ARR is now zero",
        ),
    ]
