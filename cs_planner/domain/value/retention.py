"""Portfolio economics from the quarterly ARR history (DOMAIN.md sections 6-7): net and
gross revenue retention of the customers present at the start of a trailing four-quarter
window, and logo churn over it. An account churns when it is marked churned with a date;
ARR falling to 0 without that mark is contraction, not churn."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from cs_planner.domain.accounts.queries import get_settings
from cs_planner.domain.model import Account, ArrHistory
from cs_planner.domain.quarters import add_quarters, quarter_start
from cs_planner.domain.rollup.stored import stored
from cs_planner.domain.value.selects import day

WINDOW = 4  # quarters: retention and churn are measured over a trailing year
TREND = 4  # windows shown, one ending at each of the last quarters
NRR_BEST = (1.10, 1.25)
CHURN_BEST = 0.05


@dataclass(frozen=True)
class Retention:
    """One trailing window: from the ARR at the end of ``start`` to the end of ``end``
    (both quarters named by their first day)."""

    start: dt.date
    end: dt.date
    cohort: int  # accounts with ARR at the start, not churned by then
    starting_arr: float
    expansion: float
    contraction: float
    churned_arr: float
    churned: int  # accounts of the cohort that churned in the window

    @property
    def nrr(self) -> float | None:
        s = self.starting_arr
        return (s + self.expansion - self.contraction - self.churned_arr) / s if s else None

    @property
    def grr(self) -> float | None:
        s = self.starting_arr
        return (s - self.contraction - self.churned_arr) / s if s else None

    @property
    def churn_rate(self) -> float | None:
        return self.churned / self.cohort if self.cohort else None

    @property
    def nrr_best_in_class(self) -> bool:
        return self.nrr is not None and NRR_BEST[0] <= self.nrr

    @property
    def churn_best_in_class(self) -> bool:
        return self.churn_rate is not None and self.churn_rate < CHURN_BEST


def _at(history: Mapping[dt.date, float], quarter: dt.date) -> float | None:
    """The ARR at the end of ``quarter``: its own figure, else the latest before it."""
    if quarter in history:
        return history[quarter]
    before = [q for q in history if q < quarter]
    return history[max(before)] if before else None


def window(
    arr: Mapping[int, Mapping[dt.date, float]],
    churned_on: Mapping[int, dt.date | None],
    end: dt.date,
    quarters: int = WINDOW,
) -> Retention:
    """The trailing window of ``quarters`` ending with the quarter ``end``. A customer won
    during the window is not in its cohort."""
    start = add_quarters(end, -quarters)
    start_closes, end_closes = add_quarters(start, 1), add_quarters(end, 1)
    cohort = starting = expansion = contraction = lost = 0.0
    churned = 0
    for account, history in arr.items():
        first = _at(history, start)
        gone = churned_on.get(account)
        if not first or (gone is not None and gone < start_closes):
            continue
        cohort += 1
        starting += first
        if gone is not None and gone < end_closes:
            churned += 1
            lost += first
            continue
        last = _at(history, end) or 0.0
        expansion += max(0.0, last - first)
        contraction += max(0.0, first - last)
    return Retention(start, end, int(cohort), starting, expansion, contraction, lost, churned)


def read_history(
    session: Session, churned: Mapping[int, dt.date | None] | None = None
) -> tuple[dict[int, dict[dt.date, float]], Mapping[int, dt.date | None]]:
    """The ARR of each account by quarter, and each account's churn date (``churned``, if
    the caller has read them)."""
    arr: dict[int, dict[dt.date, float]] = defaultdict(dict)
    connection = session.connection()
    query = select(ArrHistory.account_id, stored(ArrHistory.quarter), ArrHistory.arr)
    # Row by row from the cursor: tens of thousands of quarters at 5,000 accounts, held
    # at once as a list, doubled the read's memory for nothing.
    for account, quarter, value in connection.execute(query):
        arr[account][day(quarter) or dt.date.min] = float(value or 0.0)
    if churned is None:
        churned = {
            account: day(on)
            for account, on in connection.execute(select(Account.id, stored(Account.churned_on)))
        }
    return dict(arr), churned


def retention_trend(
    session: Session,
    today: dt.date,
    windows: int = TREND,
    churned: Mapping[int, dt.date | None] | None = None,
) -> list[Retention]:
    """Trailing windows ending with each of the last ``windows`` complete quarters, oldest
    first (the quarter in progress has no closing ARR yet); ``churned``: every account's
    churn date, if the caller has read them."""
    fy = get_settings(session).fiscal_year_start_month
    last = add_quarters(quarter_start(today, fy), -1)
    arr, churned = read_history(session, churned)
    return [window(arr, churned, add_quarters(last, -n)) for n in range(windows - 1, -1, -1)]
