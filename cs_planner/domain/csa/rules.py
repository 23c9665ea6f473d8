"""What the CSA views judge, as pure functions of rows: per-CSA figures and warnings over a
period, coverage gaps and the scorecard. The arithmetic is in ``load``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from operator import itemgetter

from cs_planner.domain.csa import load, trapped
from cs_planner.domain.csa.rows import (
    AllocationRow,
    Calendar,
    CoverageGap,
    CreditedUseCase,
    CsaData,
    CsaFigures,
    CsaRow,
    CsaWarning,
    GapKind,
    ScoreRow,
    WarningKind,
)
from cs_planner.domain.enums import BuyingRole, ReferenceStatus, Tier, UseCaseStatus
from cs_planner.domain.quarters import add_quarters, quarter_label, quarter_start
from cs_planner.domain.relationships.coverage import mirror_gap_sentence, mirror_missing

HEATMAP_WEEKS = 26


# --- per-CSA figures and warnings ---------------------------------------------------------------


def window_end(start: dt.date, weeks: int = HEATMAP_WEEKS) -> dt.date:
    return start + dt.timedelta(days=7 * weeks - 1)


# The one period the CSA figures cover, on the CSAs page (until the heatmap is moved) and in
# the CSA workbook alike. Months and quarters are the whole ones the period touches.
PERIOD_RULE = f"the {HEATMAP_WEEKS} weeks from the Monday of the current week"
CALENDAR_RULE = "whole months and quarters that the period touches"


def default_period(today: dt.date) -> tuple[dt.date, dt.date]:
    """Monday of ``today``'s week to the Sunday 26 weeks later, both included."""
    start = load.monday(today)
    return start, window_end(start)


def period_text(start: dt.date, end: dt.date) -> str:
    """ "Mon 30 Nov 2026 to Sun 30 May 2027": the period as every view states it."""
    return f"{start:%a %d %b %Y} to {end:%a %d %b %Y}"


def calendar(start: dt.date, end: dt.date, fy_start_month: int) -> Calendar:
    """The whole months and quarters that ``start`` to ``end`` touches (``CALENDAR_RULE``)."""
    months = [load.period(m, load.month_end(m)) for m in load.months_between(start, end)]
    quarters = []
    q = quarter_start(start, fy_start_month)
    while q <= end:
        after = add_quarters(q, 1)
        quarters.append((quarter_label(q, fy_start_month), load.period(q, after - dt.timedelta(1))))
        q = after
    return Calendar(months, quarters)


def csa_figures(
    data: CsaData,
    start: dt.date,
    end: dt.date,
    today: dt.date,
    *,
    with_calendar: bool = False,
) -> list[CsaFigures]:
    """Each CSA's figures from ``start`` to ``end`` (revenue for the whole months and
    quarters the window touches, figured when first asked for, or with the window's in
    the same pass over the CSA's allocations if ``with_calendar``: the workbook shows
    them all), with the warnings that apply."""
    settings = data.settings
    months_and_quarters = calendar(start, end, settings.fiscal_year_start_month)
    period = [load.period(start, end)]
    if with_calendar:
        period += months_and_quarters.periods
    loads = data.loads_between(start, end)
    over = load.over_allocated_weeks(data.allocations, start, end, loads)
    stuck: dict[int, list[trapped.AccountRun]] = {}
    for run in trapped.trapped_runs(data.allocations, today):
        stuck.setdefault(run.csa_id, []).append(run)
    accounts = {a.account_id: a.account for a in data.allocations}
    result = []
    for csa in data.roster_for(start):
        spans = data.of_csa(csa.id)
        figures, *in_calendar = load.periods_figures(spans, csa.capacity, csa.rate, period)
        warnings = _warnings(
            csa,
            figures,
            over.get(csa.id, []),
            stuck.get(csa.id, []),
            accounts,
            settings.presales_share_limit,
        )
        result.append(
            CsaFigures(
                csa=csa,
                window=figures,
                peak_load=loads.peak(csa.id, start, end),
                over_weeks=over.get(csa.id, []),
                warnings=warnings,
                calendar=months_and_quarters,
                spans=spans,
                figured=in_calendar if with_calendar else None,
            )
        )
    return result


def _warnings(
    csa: CsaRow,
    window: load.PeriodFigures,
    over_weeks: list[tuple[dt.date, float]],
    stuck: list[trapped.AccountRun],
    accounts: dict[int, str],
    presales_limit: float,
) -> list[CsaWarning]:
    found: list[CsaWarning] = []
    if over_weeks:
        peak_week, peak = max(over_weeks, key=itemgetter(1))
        weeks = len(over_weeks)
        found.append(
            CsaWarning(
                csa.id,
                csa.name,
                WarningKind.OVER_ALLOCATED,
                f"{csa.name} is booked beyond 100% in {weeks} week{'s' * (weeks != 1)} "
                f"(peak {peak:.0%} in the week of {peak_week.isoformat()}).",
            )
        )
    share = window.presales_share
    if share is not None and share > presales_limit + load.EPSILON:
        by_sales = window.presales_sales_hours / window.capacity_hours
        found.append(
            CsaWarning(
                csa.id,
                csa.name,
                WarningKind.PRESALES,
                f"Pre-sales takes {share:.0%} of {csa.name}'s time (limit {presales_limit:.0%}); "
                f"Sales asked for {by_sales:.0%}.",
            )
        )
    for run in stuck:
        months = trapped.months_spanned(run.start, run.end)
        found.append(
            CsaWarning(
                csa.id,
                csa.name,
                WarningKind.TRAPPED,
                f"{csa.name} is on {accounts.get(run.account_id, 'one account')} at "
                f"{run.lowest:.0%} or more of their time, without a break, from "
                f"{run.start.isoformat()} to {run.end.isoformat()}: {months} months, over "
                f"the {trapped.TRAPPED_MONTHS}-month limit at {trapped.TRAPPED_FRACTION:.0%} or "
                "more. Plan a hand-over so nobody is trapped in one implementation.",
            )
        )
    return found


def all_warnings(figures: list[CsaFigures]) -> list[CsaWarning]:
    return [w for f in figures for w in f.warnings]


# --- coverage --------------------------------------------------------------------------------


NO_CSA_TODAY = "Top-tier account with no CSA allocated today."


def csa_now(allocations: Iterable[load.Span], today: dt.date) -> set[int]:
    """Accounts with a CSA allocated today (the coverage rule the roll-up applies too)."""
    return {a.account_id for a in allocations if a.start <= today <= a.end}


def coverage_gaps(
    accounts: list[tuple[int, str, Tier]],
    allocations: list[AllocationRow],
    roles: dict[int, set[BuyingRole]],
    today: dt.date,
) -> list[CoverageGap]:
    """Top-tier accounts with no CSA allocated today (an allocation planned for later is
    named, not counted), and top-tier accounts whose customer has not mirrored our
    commitment (``relationship_coverage.mirror_missing``: the rule of the map and the
    roll-up). ``roles``: the buying roles held by each account's active stakeholders."""
    covered = csa_now(allocations, today)
    planned: dict[int, AllocationRow] = {}  # each account's first allocation after today
    for a in allocations:
        if a.start > today:
            found = planned.get(a.account_id)
            if found is None or a.start < found.start:
                planned[a.account_id] = a
    gaps: list[CoverageGap] = []
    for account_id, name, tier in accounts:
        if tier != Tier.TOP:
            continue  # both rules are the top tier's (most accounts are not)
        if account_id not in covered:
            detail = NO_CSA_TODAY
            later = planned.get(account_id)
            if later is not None:
                detail += f" {later.csa} is planned from {later.start.isoformat()}."
            gaps.append(CoverageGap(account_id, name, GapKind.NO_CSA, detail))
        missing = mirror_missing(tier, roles.get(account_id, set()))
        if missing:
            gaps.append(
                CoverageGap(account_id, name, GapKind.NO_MIRROR, mirror_gap_sentence(missing))
            )
    return gaps


# --- scorecard -------------------------------------------------------------------------------


# One definition of a CSA's accounts, on the scorecard and in the Stairway's CSA metrics:
# the accounts they have (or had) an allocation on, plus any where a use case names them, so
# every use case credited to a CSA is at an account they served.
SERVED_RULE = "accounts where the CSA has or had an allocation, or is named on a use case"


def scorecard(
    roster: list[CsaRow],
    allocated: Iterable[tuple[int, int]],
    credited: Iterable[CreditedUseCase],
    accounts: dict[int, tuple[ReferenceStatus, float]],
) -> list[ScoreRow]:
    """The scorecard as a pure function: ``allocated`` (CSA, account) pairs from the
    allocations, ``credited`` the use cases naming a CSA, ``accounts`` each account's
    reference status and ARR."""
    served: dict[int, set[int]] = {}
    for csa_id, account_id in allocated:
        served.setdefault(csa_id, set()).add(account_id)
    named: dict[int, list[CreditedUseCase]] = {}
    for case in credited:
        named.setdefault(case.csa_id, []).append(case)
        served.setdefault(case.csa_id, set()).add(case.account_id)
    rows = []
    for csa in roster:
        mine = served.get(csa.id, set())
        cases = named.get(csa.id, [])
        adopted = [c for c in cases if c.status == UseCaseStatus.ADOPTED]
        adopted_count = sum(c.count for c in adopted)
        users = sum(c.users_reached for c in adopted)
        rows.append(
            ScoreRow(
                csa_id=csa.id,
                csa=csa.name,
                accounts_served=len(mine),
                use_cases_adopted=adopted_count,
                users_per_use_case=users / adopted_count if adopted_count else None,
                reference_accounts=sum(1 for a in mine if accounts[a][0] != ReferenceStatus.NONE),
                churned_accounts=sum(1 for a in mine if accounts[a][1] <= 0),
                use_cases=sum(c.count for c in cases),
                live=sum(c.count for c in cases if c.status == UseCaseStatus.LIVE),
                users_reached=users,
                value_realized=sum(c.annual_value for c in adopted),
            )
        )
    return rows
