"""The trapped rule (DOMAIN.md section 5): a CSA on one account at half time or more, without
a break, for too long. Unbroken runs of a CSA's allocations to an account, and the calendar
months they last; pure functions on allocation spans (``load.Span``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from cs_planner.domain.csa.load import EPSILON, Span, month_end

# "No CSA trapped forever in one implementation" (DOMAIN.md section 5), as one rule: a CSA
# allocated to the same account at half time or more, without a break, for more than twelve
# months, in a stretch that has not ended. Parallel allocations to the account add up.
TRAPPED_FRACTION = 0.5
TRAPPED_MONTHS = 12
TRAPPED_RULE = (
    f"at {TRAPPED_FRACTION:.0%} or more of their time on the same account, without a break, "
    f"for more than {TRAPPED_MONTHS} months"
)


@dataclass(frozen=True)
class AccountRun:
    """An unbroken stretch where a CSA's allocations to one account add up to at least
    ``minimum`` of their time; ``lowest`` is the smallest share inside it."""

    csa_id: int
    account_id: int
    start: dt.date
    end: dt.date
    lowest: float = 1.0


def account_runs(spans: Iterable[Span], minimum: float = 1.0) -> list[AccountRun]:
    """Unbroken stretches where a CSA's allocations to one account add up to ``minimum``
    of their time or more (1.0: full time)."""
    by_pair: dict[tuple[int, int], list[Span]] = {}
    for span in spans:
        by_pair.setdefault((span.csa_id, span.account_id), []).append(span)
    runs: list[AccountRun] = []
    for (csa_id, account_id), group in sorted(by_pair.items()):
        changes: dict[dt.date, float] = {}
        for span in group:
            changes[span.start] = changes.get(span.start, 0.0) + span.fraction
            after = span.end + dt.timedelta(days=1)
            changes[after] = changes.get(after, 0.0) - span.fraction
        level, run_start, lowest = 0.0, None, 1.0
        for day in sorted(changes):
            level += changes[day]
            inside = level >= minimum - EPSILON
            if inside and run_start is None:
                run_start, lowest = day, level
            elif inside:
                lowest = min(lowest, level)
            elif run_start is not None:
                end = day - dt.timedelta(1)
                runs.append(AccountRun(csa_id, account_id, run_start, end, round(lowest, 4)))
                run_start = None
    return runs


def full_time_runs(spans: Iterable[Span]) -> list[AccountRun]:
    """Unbroken stretches where a CSA's allocations to one account add up to full time."""
    return account_runs(spans, 1.0)


def longer_than_months(start: dt.date, end: dt.date, months: int) -> bool:
    """True when ``start``..``end`` (both included) lasts beyond ``months`` calendar months
    (Jan 1 to Dec 31 is exactly twelve; a day more is too long)."""
    return end >= _same_day_later(start, months)


def _same_day_later(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, or the month's last day if it is shorter."""
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    first = dt.date(year, month + 1, 1)
    if day.day <= 28:  # every month has it
        return first.replace(day=day.day)
    return first.replace(day=min(day.day, month_end(first).day))


def months_spanned(start: dt.date, end: dt.date) -> int:
    """Whole calendar months from ``start`` to ``end`` (both included), for the warning:
    the most months whose same day later, less a day, is not after ``end``."""
    months = max((end.year - start.year) * 12 + end.month - start.month - 1, 0)
    while _same_day_later(start, months + 1) - dt.timedelta(1) <= end:
        months += 1
    return months


def trapped_runs(spans: Iterable[Span], today: dt.date) -> list[AccountRun]:
    """Stretches that break the trapped rule (``TRAPPED_RULE``) and have not ended. A run
    lies between its pair's first start and last end, so only the (CSA, account) pairs
    whose allocations reach today and span more than the limit between them are walked
    (in the 5,000-account demo, 417 of 5,003)."""
    # Per pair: its first start, its last end and its spans, kept in one pass.
    by_pair: dict[tuple[int, int], tuple[list[dt.date], list[Span]]] = {}
    for span in spans:
        key = (span.csa_id, span.account_id)
        found = by_pair.get(key)
        if found is None:
            by_pair[key] = ([span.start, span.end], [span])
            continue
        bounds, group = found
        group.append(span)
        if span.start < bounds[0]:
            bounds[0] = span.start
        if span.end > bounds[1]:
            bounds[1] = span.end
    candidates = []
    for (first, last), group in by_pair.values():
        if last >= today and longer_than_months(first, last, TRAPPED_MONTHS):
            candidates += group
    return [
        r
        for r in account_runs(candidates, TRAPPED_FRACTION)
        if r.end >= today and longer_than_months(r.start, r.end, TRAPPED_MONTHS)
    ]
