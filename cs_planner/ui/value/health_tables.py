"""The Health page's tables: the at-risk and advocate tails, retention by quarter and the
tiers bounded by capacity, as column specs over the domain's rows."""

from __future__ import annotations

from dataclasses import dataclass

from cs_planner.domain.enums import Tier
from cs_planner.domain.quarters import quarter_label
from cs_planner.domain.value.portfolio import AccountScore
from cs_planner.domain.value.retention import CHURN_BEST, NRR_BEST, Retention
from cs_planner.domain.value.tiers import TierShare
from cs_planner.palette import BAD, GOOD, MUTED
from cs_planner.ui.common import format as fmt
from cs_planner.ui.common.table_model import Align, Col
from cs_planner.ui.value.health_charts import band_colour


def _score(a: AccountScore) -> str:
    return "—" if a.score is None else f"{a.score:.0f}"


def tail_columns(reason: str) -> list[Col[AccountScore]]:
    return [
        Col("Account", lambda a: a.name, lambda a: a.name.casefold()),
        Col("Health", _score, lambda a: a.score or 0.0, Align.RIGHT,
            colour=lambda a: band_colour(a.score),
            tip=lambda a: a.band.label if a.band else None),
        Col(reason, lambda a: a.reason, lambda a: a.reason, tip=lambda a: a.reason),
    ]  # fmt: skip


def _ratio(value: float | None) -> str:
    return "—" if value is None else f"{value:.1%}"


def _nrr_colour(r: Retention) -> str | None:
    if r.nrr is None:
        return MUTED
    return GOOD if r.nrr_best_in_class else BAD if r.nrr < 1 else None


def _churn_colour(r: Retention) -> str | None:
    if r.churn_rate is None:
        return MUTED
    return GOOD if r.churn_best_in_class else BAD


def retention_columns(fy_start_month: int) -> list[Col[Retention]]:
    def label(r: Retention) -> str:
        return f"{quarter_label(r.start, fy_start_month)} → {quarter_label(r.end, fy_start_month)}"

    best_nrr = f"best in class {NRR_BEST[0]:.0%}-{NRR_BEST[1]:.0%}"
    return [
        Col("Four quarters", label, lambda r: r.end,
            header_tip="From the ARR at the end of the first quarter to the end of the last"),
        Col("Customers", lambda r: fmt.count(r.cohort), lambda r: r.cohort, Align.RIGHT,
            header_tip="Accounts with ARR at the start; customers won since are not counted"),
        Col("NRR", lambda r: _ratio(r.nrr), lambda r: r.nrr or 0.0, Align.RIGHT,
            colour=_nrr_colour,
            header_tip=f"Net revenue retention: (start + expansion − contraction − churn) ÷ "
            f"start; {best_nrr}"),
        Col("GRR", lambda r: _ratio(r.grr), lambda r: r.grr or 0.0, Align.RIGHT,
            header_tip="Gross revenue retention: as NRR, expansion left out"),
        Col("Logo churn", lambda r: _ratio(r.churn_rate), lambda r: r.churn_rate or 0.0,
            Align.RIGHT, colour=_churn_colour,
            header_tip=f"Accounts marked churned in the four quarters ÷ customers at the start; "
            f"best in class under {CHURN_BEST:.0%}"),
    ]  # fmt: skip


@dataclass(frozen=True)
class TierLine:
    share: TierShare
    suggested: int  # accounts the capacity rule puts in this tier


def tier_columns(currency: str) -> list[Col[TierLine]]:
    def top(line: TierLine) -> bool:
        return line.share.tier == Tier.TOP

    return [
        Col("Tier", lambda t: t.share.tier.label, lambda t: list(Tier).index(t.share.tier),
            bold=top),
        Col("Accounts", lambda t: fmt.count(t.share.accounts), lambda t: t.share.accounts,
            Align.RIGHT, header_tip="In this tier: set by hand, else as suggested"),
        Col("Suggested", lambda t: fmt.count(t.suggested), lambda t: t.suggested, Align.RIGHT,
            header_tip="Accounts the team's hours put in this tier"),
        Col("Share of accounts", lambda t: fmt.percent(t.share.account_share),
            lambda t: t.share.account_share, Align.RIGHT),
        Col("ARR", lambda t: fmt.compact_money(t.share.arr, currency), lambda t: t.share.arr,
            Align.RIGHT),
        Col("Share of revenue", lambda t: fmt.percent(t.share.revenue_share),
            lambda t: t.share.revenue_share, Align.RIGHT),
        Col("Hours a month", lambda t: f"{t.share.hours:,.0f}", lambda t: t.share.hours,
            Align.RIGHT, header_tip="Accounts × the hours an account of the tier needs"),
    ]  # fmt: skip


@dataclass(frozen=True)
class Disagreement:
    name: str
    account_id: int
    own: Tier
    suggested: Tier


def disagree_columns() -> list[Col[Disagreement]]:
    return [
        Col("Account", lambda d: d.name, lambda d: d.name.casefold()),
        Col("Tier set by hand", lambda d: d.own.label, lambda d: list(Tier).index(d.own)),
        Col("Suggested", lambda d: d.suggested.label, lambda d: list(Tier).index(d.suggested),
            header_tip="Strategic first, then by ARR, while the team's hours allow"),
    ]  # fmt: skip
