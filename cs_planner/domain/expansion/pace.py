"""Is the account on pace for 5x, 20x or 50x? DOMAIN.md section 2: the ambition is to reach
those multiples "within six to eight quarters of the first deal", so the milestones are
counted from the quarter of the first deal, not from today. A milestone already past reads
the ARR history; one still to come reads the weighted projection (``rules.project``).
Without a first-deal date there is nothing to count from, and the pace says so."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from cs_planner.domain.expansion.rows import Milestone, Pace, Projection
from cs_planner.domain.quarters import add_quarters, quarter_start

PACE_QUARTERS = (6, 8)  # "within six to eight quarters of the first deal"


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
