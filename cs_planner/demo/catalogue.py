"""Reference data the accounts point at: our team (in pods), the product catalogue, the
maturity model and the metric definitions. Few rows, so they go through the ORM and its
validation; anything already in the portfolio under the same name is reused."""

from __future__ import annotations

import datetime as dt
import random

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cs_planner.demo.base import Pod
from cs_planner.demo.names import (
    FIRST_NAMES,
    LAST_NAMES,
    MATURITY_LEVELS,
    MATURITY_MARKS,
    METRICS,
    PRODUCTS,
    VENDOR_DOMAIN,
    MetricSpec,
)
from cs_planner.domain.enums import MetricDirection, MetricSource, TeamRole
from cs_planner.domain.model import MaturityLevel, MetricDefinition, Product, TeamMember


def add_team(
    session: Session, rng: random.Random, pods: int, today: dt.date | None = None
) -> list[Pod]:
    """One pod of 3 CSMs, 4 CSAs, 2 account executives and 2 executive sponsors per twelve
    accounts; and, once, the support lead and the manager they share and a CSM who left
    (retired, kept in the history)."""
    hiring = _Hiring(rng, set(session.scalars(select(TeamMember.name))))
    groups = [_pod_members(hiring) for _ in range(pods)]
    # Drawn from a copy of the generator, so the accounts that follow stay as they were.
    shared = random.Random()
    shared.setstate(rng.getstate())
    shared.random()
    lead = hiring.member(TeamRole.SUPPORT_LEAD, source=shared)
    manager = hiring.member(TeamRole.MANAGER, source=shared)
    former = hiring.member(TeamRole.CSM, source=shared, hours=32.0)
    former.retired_on = (today or dt.date.today()) - dt.timedelta(days=120)
    session.add_all(m for group in groups for people in group.values() for m in people)
    session.add_all((lead, manager, former))
    session.flush()
    return [
        Pod(
            csms=tuple(m.id for m in group[TeamRole.CSM]),
            csas=tuple(m.id for m in group[TeamRole.CSA]),
            aes=tuple(m.id for m in group[TeamRole.AE]),
            sponsors=tuple(m.id for m in group[TeamRole.EXECUTIVE_SPONSOR]),
        )
        for group in groups
    ]


def _pod_members(hiring: _Hiring) -> dict[TeamRole, list[TeamMember]]:
    member = hiring.member
    return {
        TeamRole.CSM: [member(TeamRole.CSM) for _ in range(3)],
        # Market rates of $250-300 an hour; one CSA falls back to the default rate.
        TeamRole.CSA: [
            member(TeamRole.CSA, 275.0, 0.7),
            member(TeamRole.CSA, 300.0, 0.75),
            member(TeamRole.CSA, None, None),
            member(TeamRole.CSA, 250.0, 0.7),
        ],
        TeamRole.AE: [member(TeamRole.AE) for _ in range(2)],
        TeamRole.EXECUTIVE_SPONSOR: [member(TeamRole.EXECUTIVE_SPONSOR) for _ in range(2)],
    }


class _Hiring:
    """New team members, each with a name nobody in the portfolio has yet."""

    def __init__(self, rng: random.Random, used: set[str]) -> None:
        self.rng, self.used = rng, used

    def name(self, source: random.Random) -> str:
        used = self.used
        for _ in range(200):
            candidate = f"{source.choice(FIRST_NAMES)} {source.choice(LAST_NAMES)}"
            if candidate not in used:
                break
        else:  # the pools are exhausted (huge demos): a middle initial keeps names unique
            while candidate in used:
                first = candidate.split(" ", 1)[0]
                candidate = f"{first} {chr(65 + source.randrange(26))}. {source.choice(LAST_NAMES)}"
        used.add(candidate)
        return candidate

    def member(
        self,
        role: TeamRole,
        rate: float | None = None,
        target: float | None = None,
        source: random.Random | None = None,
        hours: float = 40.0,
    ) -> TeamMember:
        full = self.name(source or self.rng)
        email = ".".join(full.replace(".", "").split()).lower() + "@" + VENDOR_DOMAIN
        return TeamMember(
            name=full,
            role=role,
            email=email,
            capacity_hours_per_week=hours,
            bill_rate=rate,
            chargeability_target=target,
        )


def add_catalogue(session: Session) -> dict[str, int]:
    """Our products, reusing any already in the portfolio under the same name."""
    existing = {p.name: p for p in session.scalars(select(Product))}
    for spec in PRODUCTS:
        if spec.name not in existing:
            existing[spec.name] = Product(
                name=spec.name, family=spec.family, description=spec.description
            )
            session.add(existing[spec.name])
    session.flush()
    return {spec.name: existing[spec.name].id for spec in PRODUCTS}


def add_value_model(session: Session) -> list[tuple[MetricSpec, int]]:
    """The maturity model (unless one exists) and the metric definitions."""
    if session.scalar(select(func.count()).select_from(MaturityLevel)) == 0:
        for level, ((name, behaviours), marks) in enumerate(
            zip(MATURITY_LEVELS, MATURITY_MARKS, strict=True), start=1
        ):
            session.add(MaturityLevel(level=level, name=name, behaviours=behaviours, marks=marks))
    existing = {m.name: m for m in session.scalars(select(MetricDefinition))}
    for spec in METRICS:
        if spec.name not in existing:
            existing[spec.name] = MetricDefinition(
                name=spec.name,
                unit=spec.unit,
                direction=MetricDirection.LOWER_IS_BETTER
                if spec.lower_is_better
                else MetricDirection.HIGHER_IS_BETTER,
                source=MetricSource.CUSTOMER_PROVIDED
                if spec.customer_provided
                else MetricSource.PRODUCT_USAGE,
                description=spec.description,
            )
            session.add(existing[spec.name])
    session.flush()
    return [(spec, existing[spec.name].id) for spec in METRICS]
