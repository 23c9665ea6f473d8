"""Is the account on pace for 5x, 20x or 50x? DOMAIN.md section 2: the ambition is to reach
those multiples "within six to eight quarters of the first deal", so the milestones are
counted from the quarter of the first deal, not from today. A milestone already past reads
the ARR history; one still to come reads the weighted projection (``expansion.project``).
Without a first-deal date there is nothing to count from, and the pace says so."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from cs_planner.domain.expansion import REFERENCE_MULTIPLES, Projection
from cs_planner.domain.quarters import add_quarters, quarter_label, quarter_start

PACE_QUARTERS = (6, 8)  # "within six to eight quarters of the first deal"


@dataclass(frozen=True)
class Milestone:
    number: int  # quarters after the first deal's quarter
    quarter: dt.date
    multiple: float | None  # at the end of that quarter; None: no ARR recorded for it
    best: float | None  # the best case, for a quarter still to come
    projected: bool  # True: still to come (or under way), from the projection

    @property
    def reached(self) -> tuple[int, ...]:
        """The reference multiples (5x, 20x, 50x) at or below this milestone's multiple."""
        if self.multiple is None:
            return ()
        return tuple(m for m in REFERENCE_MULTIPLES if self.multiple >= m - 1e-9)


@dataclass(frozen=True)
class Pace:
    first_deal: dt.date | None
    fy_start_month: int
    milestones: tuple[Milestone, ...]  # one per PACE_QUARTERS; empty without a first deal

    def milestone(self, number: int) -> Milestone | None:
        return next((m for m in self.milestones if m.number == number), None)

    def label(self, quarter: dt.date) -> str:
        return quarter_label(quarter, self.fy_start_month)

    def verdict(self) -> str:
        """One sentence: on pace for which multiple by quarter 8 after the first deal."""
        if self.first_deal is None or not self.milestones:
            return (
                "No first-deal date: record it on the Overview to see the pace for 5x, 20x "
                "and 50x within six to eight quarters of the first deal."
            )
        last = self.milestones[-1]
        when = f"quarter {last.number} after the first deal ({self.label(last.quarter)})"
        if last.multiple is None:
            return f"No ARR recorded for {when}: the pace cannot be judged."
        figure = f"{last.multiple:.1f}x"
        reached = last.reached
        if not last.projected:
            if reached:
                return f"Reached {reached[-1]}x by {when}: {figure}."
            return f"Below 5x at {when}: {figure}."
        if reached:
            return f"On pace for {reached[-1]}x by {when}: {figure} projected."
        return f"Not on pace for 5x by {when}: {figure} projected (weighted)."


def arr_at(history: Sequence[tuple[dt.date, float]], quarter: dt.date) -> float | None:
    """The ARR recorded for ``quarter``, else the last one before it (None if none)."""
    earlier = [(q, v) for q, v in history if q <= quarter]
    return max(earlier)[1] if earlier else None


def pace(
    first_deal: dt.date | None,
    projection: Projection,
    history: Sequence[tuple[dt.date, float]],
    fy_start_month: int,
) -> Pace:
    """The multiple at the end of quarters 6 and 8 after the first deal's quarter."""
    if first_deal is None:
        return Pace(None, fy_start_month, ())
    first = quarter_start(first_deal, fy_start_month)
    current = add_quarters(projection.quarters[0], -1)
    milestones = []
    for number in PACE_QUARTERS:
        quarter = add_quarters(first, number)
        if quarter < current:
            arr = arr_at(history, quarter)
            multiple = None if arr is None else projection.multiple(arr)
            milestones.append(Milestone(number, quarter, multiple, multiple, False))
        elif quarter == current:  # under way: today's ARR is the best estimate
            today = projection.multiple_today
            milestones.append(Milestone(number, quarter, today, today, True))
        elif quarter not in projection.quarters:  # a first deal dated in the future
            milestones.append(Milestone(number, quarter, None, None, True))
        else:
            ahead = projection.quarters.index(quarter) + 1
            milestones.append(
                Milestone(
                    number,
                    quarter,
                    projection.weighted_multiple_at(ahead),
                    projection.best_multiple_at(ahead),
                    True,
                )
            )
    return Pace(first_deal, fy_start_month, tuple(milestones))
