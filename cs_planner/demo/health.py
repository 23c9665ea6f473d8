"""What health is judged from, over time: monthly usage snapshots (seats, active users,
features in use) and the account's maturity levels since day one. An at-risk account's
usage falls in the last months (its champion left); the showcase's rises after its latest
use case went live. Drawn from a generator of their own, so the rest of the demo is the
same whether or not these are made."""

from __future__ import annotations

import datetime as dt
import random

from cs_planner.demo import story
from cs_planner.demo.base import AccountDraft, World
from cs_planner.domain.model import MaturityChange, UsageSnapshot
from cs_planner.domain.quarters import add_months

MONTHS = 12  # snapshots: the month ends of the last year, then today
DROP_MONTHS = 3  # an at-risk account's usage has fallen over this many months
RISE_MONTHS = 3  # the showcase's use case went live this many months ago


def _rng(world: World, draft: AccountDraft, what: str) -> random.Random:
    # Seeded from the world's state without drawing from it (string seeds are hashed
    # the same in every process).
    return random.Random(f"{what}-{draft.id}-{world.rng.getstate()[1][0]}")


def _month_ends(world: World, since: dt.date) -> list[dt.date]:
    first = dt.date(world.today.year, world.today.month, 1)
    ends = [add_months(first, 1 - n) - dt.timedelta(days=1) for n in range(MONTHS - 1, 0, -1)]
    return [day for day in [*ends, world.today] if day >= since]


def _utilisation(draft: AccountDraft, rng: random.Random, count: int) -> list[float]:
    """Active users over seats at each snapshot, ending at the account's own figure."""
    row = draft.row
    end = row["active_users"] / max(1, row["licensed_seats"])
    if draft.archetype.at_risk:  # steady, then a fall over the last months
        before = min(1.05, end * rng.uniform(1.35, 1.6))
        path = [before * rng.uniform(0.97, 1.03) for _ in range(count)]
        for n in range(1, DROP_MONTHS + 1):
            if count - n >= 0:
                path[count - n] = end + (before - end) * (n - 1) / DROP_MONTHS
        return path
    if draft.row["name"] == story.NAME:
        before = end * 0.72  # the rise after the use case went live
        return [before * rng.uniform(0.98, 1.02) for _ in range(count - RISE_MONTHS)] + [
            before + (end - before) * n / RISE_MONTHS for n in range(1, RISE_MONTHS + 1)
        ][-count:]
    start = end * rng.uniform(0.8, 1.02)
    steps = max(1, count - 1)
    return [(start + (end - start) * n / steps) * rng.uniform(0.98, 1.02) for n in range(count)]


def add_usage(world: World, draft: AccountDraft) -> None:
    rng = _rng(world, draft, "usage")
    row = draft.row
    days = _month_ends(world, row["customer_since"])
    if not days:
        return
    seats_now, available = row["licensed_seats"], len(world.products)
    growth = rng.uniform(0.7, 1.0)
    shares = _utilisation(draft, rng, len(days))
    level = row["maturity_current"] or 1
    features_end = max(1, min(available, round(available * (0.12 + 0.11 * level))))
    features_start = max(1, features_end - rng.randint(1, 4))
    steps = max(1, len(days) - 1)
    for n, day in enumerate(days):
        last = n == len(days) - 1
        seats = (
            seats_now if last else max(1, round(seats_now * (growth + (1 - growth) * n / steps)))
        )
        active = row["active_users"] if last else min(round(seats * 1.2), round(seats * shares[n]))
        features = round(features_start + (features_end - features_start) * n / steps)
        if draft.archetype.at_risk and n >= len(days) - DROP_MONTHS:
            features = max(1, features - (n - len(days) + DROP_MONTHS + 1))
        world.writer.add(
            UsageSnapshot,
            account_id=draft.id,
            measured_on=day,
            licensed_seats=seats,
            active_users=max(0, active),
            features_used=features,
        )


def add_levels(world: World, draft: AccountDraft) -> None:
    """The level on day one, each step up since, the target and when it is due."""
    rng = _rng(world, draft, "levels")
    row = draft.row
    since: dt.date = row["customer_since"]
    current = row["maturity_current"]
    if current is None:
        return
    first = max(1, current - rng.randint(0, 2))
    span = max(1, (world.today - since).days)
    changes = [(since, first)]
    for step, level in enumerate(range(first + 1, current + 1), start=1):
        share = step / (current - first + 1) * rng.uniform(0.8, 1.0)
        changes.append((since + dt.timedelta(days=round(span * share)), level))
    for day, level in changes:
        world.writer.add(MaturityChange, account_id=draft.id, changed_on=day, level=level)
    if row.get("maturity_target"):
        row["maturity_target_date"] = add_months(world.today, rng.choice((6, 9, 12)))
