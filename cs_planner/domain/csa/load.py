"""CSA load arithmetic: pure functions on allocation spans, tested on hand-built cases.

A CSA works five-day weeks (Monday to Friday); public holidays are not modelled. An
allocation of fraction f covers f of the CSA's capacity on each weekday between its start
and end dates (both included), so a half-time allocation starting on a Wednesday loads that
week at 0.5 x 3/5 = 30%. Hours are capacity x weekdays / 5 x f; billable revenue is the
bill rate times the chargeable (customer-funded) hours only."""

from __future__ import annotations

import datetime as dt
from array import array
from collections.abc import Iterable, Iterator, Sequence
from typing import NamedTuple, Protocol

from cs_planner.domain.enums import AllocationPhase, Funding, RequestedBy
from cs_planner.domain.quarters import add_months

EPSILON = 1e-9
WEEK = dt.timedelta(days=7)


class Span(Protocol):
    """What the maths needs of an allocation (``rows.AllocationRow`` has it), read-only."""

    @property
    def csa_id(self) -> int: ...
    @property
    def account_id(self) -> int: ...
    @property
    def fraction(self) -> float: ...
    @property
    def phase(self) -> AllocationPhase: ...
    @property
    def funding(self) -> Funding: ...
    @property
    def requested_by(self) -> RequestedBy: ...
    @property
    def start(self) -> dt.date: ...
    @property
    def end(self) -> dt.date: ...


class IdSpan(Span, Protocol):
    """A span with the id of its allocation, for flagging."""

    @property
    def id(self) -> int: ...


def monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def weekdays(start: dt.date, end: dt.date) -> int:
    """Monday-to-Friday days from ``start`` to ``end``, both included (0 if end < start)."""
    return _weekdays(start.toordinal(), end.toordinal())


def _weekdays(day: int, last: int) -> int:
    """``weekdays`` on day numbers (toordinal: day 1 is a Monday), not dates: called for
    every span and period of every CSA, the date arithmetic was most of the figures' time."""
    if last < day:
        return 0
    weekday = (day - 1) % 7
    weeks, rest = divmod(last - (day - weekday) + 1, 7)
    return weeks * 5 + min(rest, 5) - min(weekday, 5)  # less the first week's days before


def overlap_weekdays(span: Span, start: dt.date, end: dt.date) -> int:
    return weekdays(max(span.start, start), min(span.end, end))


def month_end(month: dt.date) -> dt.date:
    return add_months(month, 1) - dt.timedelta(days=1)


def months_between(start: dt.date, end: dt.date) -> list[dt.date]:
    """First days of the months from ``start``'s month to ``end``'s, in order."""
    months, month = [], dt.date(start.year, start.month, 1)
    while month <= end:
        months.append(month)
        month = add_months(month, 1)
    return months


# --- load ------------------------------------------------------------------------------------


def week_load(spans: Iterable[Span], week: dt.date) -> float:
    """The week's load as a share of capacity (1.0 = fully booked), ``week`` a Monday."""
    friday = week + dt.timedelta(days=4)
    return sum(s.fraction * overlap_weekdays(s, week, friday) / 5 for s in spans)


class WeeklyLoads:
    """Load per (CSA, Monday) as a share of capacity, for every week any allocation
    touches: ``get((csa_id, monday))``, and ``items()`` of the weeks with a load. Kept as
    one array per CSA from its first week to its last (a dict entry per CSA-week took
    16 MB at 5,000 accounts)."""

    def __init__(
        self, spans: Iterable[Span], start: dt.date | None = None, end: dt.date | None = None
    ) -> None:
        """``start``, ``end``: only the weeks from ``start``'s to ``end``'s (a window on
        screen or in a workbook), each the same sum as in the whole; the others read 0."""
        low = -1 if start is None else _week(start)
        high = 1 << 40 if end is None else _week(end)
        # Per CSA: the first and last week its spans load (within the weeks asked for),
        # and the spans, found in one pass.
        by_csa: dict[int, tuple[list[int], list[Span]]] = {}
        for span in spans:
            first, last = (span.start.toordinal() - 1) // 7, (span.end.toordinal() - 1) // 7
            if first > high or last < low:
                continue
            found = by_csa.get(span.csa_id)
            if found is None:
                by_csa[span.csa_id] = ([first, last], [span])
                continue
            bounds, group = found
            group.append(span)
            if first < bounds[0]:
                bounds[0] = first
            if last > bounds[1]:
                bounds[1] = last
        self._weeks: dict[int, tuple[int, array[float]]] = {}
        for csa_id, ((first, last), group) in by_csa.items():
            first, last = max(first, low), min(last, high)
            loads = array("d", bytes(8 * (last - first + 1)))
            for span in group:
                _add(loads, first, last, span)
            self._weeks[csa_id] = (first, loads)
        self._over: list[tuple[tuple[int, dt.date], float]] | None = None

    def get(self, key: tuple[int, dt.date], default: float = 0.0) -> float:
        csa_id, week = key
        found = self._weeks.get(csa_id)
        if found is None:
            return default
        first, loads = found
        at = _week(week) - first
        return loads[at] if 0 <= at < len(loads) else default

    def peak(self, csa_id: int, start: dt.date, end: dt.date) -> float:
        """The highest weekly load of a CSA in the weeks from ``start``'s to ``end``'s."""
        found = self._weeks.get(csa_id)
        if found is None:
            return 0.0
        first, loads = found
        low, high = max(_week(start) - first, 0), min(_week(end) - first + 1, len(loads))
        return max(loads[low:high], default=0.0) if low < high else 0.0

    def over(self) -> list[tuple[tuple[int, dt.date], float]]:
        """The (CSA, Monday) weeks booked beyond 100%, by CSA then week (kept)."""
        if self._over is None:
            limit = 1.0 + EPSILON  # is_over, inline: the loop sees every CSA-week
            self._over = [
                ((csa_id, _monday(first + at)), load)
                for csa_id, (first, loads) in sorted(self._weeks.items())
                for at, load in enumerate(loads)
                if load > limit
            ]
        return self._over

    def items(self) -> Iterator[tuple[tuple[int, dt.date], float]]:
        """By CSA, then week."""
        for csa_id, (first, loads) in sorted(self._weeks.items()):
            for at, load in enumerate(loads):
                if load:
                    yield (csa_id, _monday(first + at)), load


def _week(day: dt.date) -> int:
    """The number of ``day``'s week (day 1 of the calendar is a Monday)."""
    return (day.toordinal() - 1) // 7


def _monday(week: int) -> dt.date:
    return dt.date.fromordinal(week * 7 + 1)


def _add(loads: array[float], first: int, final: int, span: Span) -> None:
    """Add ``span``'s load to the weeks ``first`` to ``final`` (``loads[0]`` is ``first``)."""
    day, last = span.start.toordinal(), span.end.toordinal()
    start, end = (day - 1) // 7, (last - 1) // 7  # _week, on the day numbers
    fraction = span.fraction
    for week in (start, end) if start < end else (start,):  # the weeks it starts and ends in
        if first <= week <= final:
            monday_ = week * 7 + 1
            days = _weekdays(max(day, monday_), min(last, monday_ + 4))  # overlap_weekdays
            loads[week - first] += fraction * days / 5
    whole = fraction * 5 / 5  # each week inside the allocation, as the formula has it
    for at in range(max(start + 1, first) - first, min(end, final + 1) - first):
        loads[at] += whole


def weekly_loads(
    spans: Iterable[Span], start: dt.date | None = None, end: dt.date | None = None
) -> WeeklyLoads:
    """Load per (CSA, Monday) for every week any allocation touches (or only those from
    ``start``'s week to ``end``'s), in one pass."""
    return WeeklyLoads(spans, start, end)


def is_over(load: float) -> bool:
    return load > 1.0 + EPSILON


def over_allocated_weeks(
    spans: Sequence[Span],
    start: dt.date | None = None,
    end: dt.date | None = None,
    loads: WeeklyLoads | None = None,
) -> dict[int, list[tuple[dt.date, float]]]:
    """Per CSA, the weeks (Monday, load) above 100%, optionally only those in a window
    (``loads``: ``weekly_loads(spans)`` when the caller has it already)."""
    found: dict[int, list[tuple[dt.date, float]]] = {}
    loads = weekly_loads(spans) if loads is None else loads
    for (csa_id, week), load in loads.over():
        inside = (start is None or week + dt.timedelta(days=4) >= start) and (
            end is None or week <= end
        )
        if inside:
            found.setdefault(csa_id, []).append((week, load))
    return found


def over_allocated_ids(spans: Sequence[IdSpan], loads: WeeklyLoads | None = None) -> set[int]:
    """Allocations (by ``id``) that take part in a week where their CSA is above 100%
    (``loads``: ``weekly_loads(spans)`` when the caller has it already)."""
    weeks = over_allocated_weeks(spans, loads=loads)
    flagged: set[int] = set()
    for span in spans:
        first = monday(span.start)
        # A CSA's over-booked weeks are few: test them, not every week of the span.
        if any(first <= week <= span.end for week, _ in weeks.get(span.csa_id, ())):
            flagged.add(span.id)
    return flagged


# The load bands' bounds (their colours are ``palette.LOAD_BANDS``).
UNDER_LIMIT, FULL_FROM = 0.5, 0.9


# --- hours, utilization, chargeability, revenue ------------------------------------------------


class PeriodFigures(NamedTuple):
    """One CSA over one period (a window, a month, a quarter). A named tuple: the figures
    make eleven of these for each CSA, and a frozen dataclass took three times as long."""

    start: dt.date
    end: dt.date
    capacity_hours: float
    allocated_hours: float
    chargeable_hours: float
    presales_hours: float
    presales_sales_hours: float  # the part of pre-sales that Sales asked for
    revenue: float

    @property
    def utilization(self) -> float | None:
        return self.allocated_hours / self.capacity_hours if self.capacity_hours else None

    @property
    def chargeability(self) -> float | None:
        """Chargeable hours ÷ the hours the CSA has (capacity): the 70% target's measure, as
        the target is a share of the CSA's time spent on customer business."""
        return self.chargeable_hours / self.capacity_hours if self.capacity_hours else None

    @property
    def chargeable_of_allocated(self) -> float | None:
        """Chargeable hours ÷ allocated hours: how much of the booked work is billed."""
        return self.chargeable_hours / self.allocated_hours if self.allocated_hours else None

    @property
    def presales_share(self) -> float | None:
        return self.presales_hours / self.capacity_hours if self.capacity_hours else None

    @property
    def vendor_hours(self) -> float:
        """Allocated hours the vendor pays for (not billed)."""
        return self.allocated_hours - self.chargeable_hours


def span_hours(span: Span, capacity: float, start: dt.date, end: dt.date) -> float:
    return capacity * span.fraction * overlap_weekdays(span, start, end) / 5


class Period(NamedTuple):
    """A period to figure (a window, a month, a quarter), with its first and last day
    numbers (toordinal) and its weekdays worked out once for every CSA."""

    start: dt.date
    end: dt.date
    first: int
    last: int
    weekdays: int


def period(start: dt.date, end: dt.date) -> Period:
    first, last = start.toordinal(), end.toordinal()
    return Period(start, end, first, last, _weekdays(first, last))


def period_figures(
    spans: Iterable[Span], capacity: float, rate: float, start: dt.date, end: dt.date
) -> PeriodFigures:
    """A CSA's figures from ``start`` to ``end`` (``spans`` are that CSA's allocations)."""
    return periods_figures(spans, capacity, rate, [period(start, end)])[0]


def periods_figures(
    spans: Iterable[Span], capacity: float, rate: float, periods: Sequence[Period]
) -> list[PeriodFigures]:
    """``period_figures`` for each of ``periods`` (a window, its months and quarters) in
    one pass over the spans: each span's hours (``span_hours``) are added to every period it
    overlaps, in the spans' order, so each sum is the one a period alone would make."""
    allocated = [0.0] * len(periods)
    chargeable, presales, presales_sales = allocated[:], allocated[:], allocated[:]
    for span in spans:
        first, last = span.start.toordinal(), span.end.toordinal()
        share = capacity * span.fraction
        charged = span.funding == Funding.CHARGEABLE
        pre = span.phase == AllocationPhase.PRESALES
        by_sales = pre and span.requested_by == RequestedBy.SALES
        for n, (_start, _end, low, high, weekdays_) in enumerate(periods):
            if last < low or first > high:
                continue  # outside the period: no hours (most of a CSA's spans, by month)
            if first <= low and high <= last:
                days = weekdays_  # the whole period (a month inside a long allocation)
            else:
                days = _weekdays(first if first > low else low, last if last < high else high)
            hours = share * days / 5
            allocated[n] += hours
            if charged:
                chargeable[n] += hours
            if pre:
                presales[n] += hours
                if by_sales:
                    presales_sales[n] += hours
    return [
        PeriodFigures(
            p.start,
            p.end,
            capacity * p.weekdays / 5,
            allocated[n],
            chargeable[n],
            presales[n],
            presales_sales[n],
            rate * chargeable[n],
        )
        for n, p in enumerate(periods)
    ]


def monthly_figures(
    spans: Sequence[Span], capacity: float, rate: float, months: Sequence[dt.date]
) -> list[PeriodFigures]:
    return [period_figures(spans, capacity, rate, m, month_end(m)) for m in months]
