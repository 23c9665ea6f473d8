"""The roll-up workbook's Health sheet: how health is distributed, retention and churn by
trailing year against best in class, the tiers the team's hours allow, and the at-risk
tail. The same figures as the Health page (``value.portfolio``); NRR, GRR and churn are
formulas on the ARR movements beside them, so a reader can follow them."""

from __future__ import annotations

from typing import Any

from cs_planner.domain.enums import HealthBand, Tier
from cs_planner.domain.quarters import quarter_label
from cs_planner.domain.rollup.rows import Rollup
from cs_planner.domain.value.bands import BIN_POINTS
from cs_planner.domain.value.portfolio import PortfolioHealth
from cs_planner.domain.value.retention import CHURN_BEST, NRR_BEST
from cs_planner.domain.value.score import GREEN_FROM, RED_BELOW
from cs_planner.reports.excel import Column, Formula, Kind
from cs_planner.reports.rollup.layout import title
from cs_planner.reports.rollup.sheet import Sheet

BAND_COLUMNS = (
    Column("Band", width=30),
    Column("Accounts", Kind.INT, width=12),
    Column("Share of accounts", Kind.PERCENT, width=12),
)
BIN_COLUMNS = (
    Column("Score", width=30),
    Column("Accounts", Kind.INT, width=12),
    Column("Share of scored accounts", Kind.PERCENT, width=12),
)
RETENTION_COLUMNS = (
    Column("Four quarters", width=30),
    Column("Customers at the start", Kind.INT, width=12),
    Column("Starting ARR", Kind.MONEY, width=14),
    Column("Expansion", Kind.MONEY, width=14),
    Column("Contraction", Kind.MONEY, width=14),
    Column("Churned ARR", Kind.MONEY, width=14),
    Column("Customers churned", Kind.INT, width=11),
    Column("NRR", Kind.PERCENT, width=9),
    Column("GRR", Kind.PERCENT, width=9),
    Column("Logo churn", Kind.PERCENT, width=9),
)
TIER_COLUMNS = (
    Column("Tier", width=30),
    Column("Accounts", Kind.INT, width=12),
    Column("Share of accounts", Kind.PERCENT, width=12),
    Column("ARR", Kind.MONEY, width=14),
    Column("Share of ARR", Kind.PERCENT, width=12),
    Column("Hours a month", Kind.NUMBER, width=12),
)
TAIL_COLUMNS = (
    Column("Account", width=30),
    Column("Health", Kind.INT, width=12, centre=True),
    Column("Band", width=12),
    Column("What holds it down most", width=95, wrap=True),
)


def write_health(sheet: Sheet, data: Rollup) -> None:
    row = title(sheet, "Health: the distribution, retention and the tiers", data)
    health = data.health
    if health is None or not health.scores:
        sheet.write(row + 1, 1, "No accounts in this portfolio yet.", italic=True)
        return
    sheet.write(
        row,
        1,
        f"Health: 0-100 from the leading indicators, red under {RED_BELOW:.0f}, amber under "
        f"{GREEN_FROM:.0f}, green from {GREEN_FROM:.0f} (churned accounts left out); each "
        "account's score and its reasons are on its Value tab and in its account plan.",
        italic=True,
    )
    top = _bands(sheet, row + 2, health)
    top = _retention(sheet, top + 1, health, data)
    top = _tiers(sheet, top + 1, health, data.currency)
    sheet.heading(top + 1, 1, "At risk: the lowest scores")
    if not health.at_risk:
        sheet.write(top + 2, 1, "No account is amber or red.", italic=True)
        return
    rows = [
        [a.name, round(a.score or 0), a.band.label if a.band else None, a.reason]
        for a in health.at_risk
    ]
    sheet.table(top + 2, TAIL_COLUMNS, rows, freeze=False, autofilter=False)


def _shares(rows: list[list[Any]], first: int) -> list[list[Any]]:
    """Each row's share of the accounts as a formula on the counts in column B."""
    last = first + len(rows) - 1
    counts = f"B${first}:B${last}"
    for n, line in enumerate(rows, start=first):
        line.append(Formula(f"IF(SUM({counts})=0,0,B{n}/SUM({counts}))"))
    return rows


def _bands(sheet: Sheet, top: int, health: PortfolioHealth) -> int:
    sheet.heading(top, 1, "Distribution")
    counts = health.distribution.counts
    bands = (HealthBand.RED, HealthBand.AMBER, HealthBand.GREEN)
    rows: list[list[Any]] = [[band.label, counts[band]] for band in bands]
    rows.append(["No data yet", health.distribution.unscored])
    end = sheet.table(top + 1, BAND_COLUMNS, _shares(rows, top + 2), freeze=False, autofilter=False)
    sheet.heading(end + 1, 1, f"Accounts by score, {BIN_POINTS} points at a time")
    bins: list[list[Any]] = [
        [f"{n * BIN_POINTS}-{n * BIN_POINTS + BIN_POINTS - 1}", count]
        for n, count in enumerate(health.distribution.histogram)
    ]
    return sheet.table(end + 2, BIN_COLUMNS, _shares(bins, end + 3), freeze=False, autofilter=False)


def _retention(sheet: Sheet, top: int, health: PortfolioHealth, data: Rollup) -> int:
    sheet.heading(top, 1, "Retention by trailing year")
    sheet.write(
        top + 1,
        1,
        "The customers with ARR at the end of the first quarter, followed to the end of the "
        "last: NRR = (start + expansion − contraction − churned) ÷ start, GRR the same without "
        f"expansion (best in class NRR {NRR_BEST[0]:.0%}-{NRR_BEST[1]:.0%}; logo churn under "
        f"{CHURN_BEST:.0%} a year). An account churns when marked churned with a date.",
        italic=True,
    )
    rows: list[list[Any]] = []
    first = top + 3
    for n, r in enumerate(health.retention, start=first):
        span = f"{quarter_label(r.start, data.fy_start_month)} → "
        span += quarter_label(r.end, data.fy_start_month)
        rows.append(
            [
                span,
                r.cohort,
                round(r.starting_arr, 2),
                round(r.expansion, 2),
                round(r.contraction, 2),
                round(r.churned_arr, 2),
                r.churned,
                Formula(f'IF(C{n}=0,"",(C{n}+D{n}-E{n}-F{n})/C{n})'),
                Formula(f'IF(C{n}=0,"",(C{n}-E{n}-F{n})/C{n})'),
                Formula(f'IF(B{n}=0,"",G{n}/B{n})'),
            ]
        )
    return sheet.table(
        top + 2, RETENTION_COLUMNS, rows, currency=data.currency, freeze=False, autofilter=False
    )


def _tiers(sheet: Sheet, top: int, health: PortfolioHealth, currency: str) -> int:
    mix = health.tiers
    sheet.heading(top, 1, "Tiers bounded by the team's hours")
    source = "the active CSMs' weekly capacity" if mix.capacity.from_team else "the settings"
    sheet.write(
        top + 1,
        1,
        f"The tiers need {mix.hours:,.0f} hours a month; the team has "
        f"{mix.capacity.team_hours:,.0f} ({source}). Strategic accounts first, then by ARR, "
        "enter the top tier while the hours allow. A healthy top tier: under 10% of the "
        "accounts holding a third to a half of ARR.",
        italic=True,
    )
    rows = [
        [s.tier.label, s.accounts, s.account_share, round(s.arr, 2), s.revenue_share, s.hours]
        for s in (mix.share(t) for t in Tier)
    ]
    return sheet.table(
        top + 2, TIER_COLUMNS, rows, currency=currency, freeze=False, autofilter=False
    )
