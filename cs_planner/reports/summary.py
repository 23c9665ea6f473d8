"""What the executive summary reads besides the account's card and the plan (``plan.reads``):
what to pursue next in expansion and the relationship findings, each from its capability's
own read."""

from __future__ import annotations

import datetime as dt
from functools import partial

from sqlalchemy.orm import Session

from cs_planner.domain.enums import (
    OpportunityStatus,
    Severity,
)
from cs_planner.domain.expansion.queries import load_expansion
from cs_planner.domain.expansion.rules import suggest
from cs_planner.domain.findings import Finding
from cs_planner.domain.money import money_text
from cs_planner.domain.relationships.queries import load_map

FINDINGS = 3  # the relationship findings shown, most severe first


def pursue_next(session: Session, account_id: int, today: dt.date, currency: str) -> list[str]:
    """What to pursue next in expansion: the expansion capability's suggestions, or the
    largest open opportunities when no dimension has a target to close."""
    plan = load_expansion(session, account_id, today)
    said = [s.text for s in suggest(plan.dimensions, partial(money_text, currency=currency))]
    if said:
        return said
    open_ones = sorted(
        (o for o in plan.opportunities if o.values.status == OpportunityStatus.OPEN),
        key=lambda o: -o.values.acv_uplift * o.values.confidence,
    )
    return [
        f"{o.values.title} ({o.values.dimension.label}): "
        f"{money_text(o.values.acv_uplift, currency)} ACV uplift at {o.values.confidence}%."
        for o in open_ones[:3]
    ]


def relationship_findings(session: Session, account_id: int, today: dt.date) -> list[Finding]:
    """The relationship map's findings, the most severe first."""
    rank = {s: n for n, s in enumerate(Severity)}
    found = load_map(session, account_id, today).coverage()
    return sorted(found, key=lambda f: -rank[Severity(f.severity)])[:FINDINGS]
