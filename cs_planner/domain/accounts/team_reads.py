"""The team page's rows: everyone with the accounts they own and what refers to them (the
reads beside ``team_writes.py``)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cs_planner.domain.accounts.people import reference_counts
from cs_planner.domain.accounts.queries import get_settings
from cs_planner.domain.accounts.rows import MemberRow, References
from cs_planner.domain.accounts.rules import RATED_ROLES
from cs_planner.domain.model import Account, CsaAllocation, TeamMember


def read_team(session: Session, today: dt.date) -> list[MemberRow]:
    """Everyone with the accounts they own and what refers to them (a handful of queries
    whatever the team's size)."""
    settings = get_settings(session)
    owned: dict[int | None, set[str]] = defaultdict(set)
    for column in (Account.csm_id, Account.executive_sponsor_id):
        for member_id, account in session.execute(
            select(column, Account.name).where(column.is_not(None))
        ):
            owned[member_id].add(account)
    for member_id, account in session.execute(
        select(CsaAllocation.csa_id, Account.name)
        .join(Account, Account.id == CsaAllocation.account_id)
        .where(CsaAllocation.start_date <= today, CsaAllocation.end_date >= today)
    ):
        owned[member_id].add(account)
    references = reference_counts(session)
    t = TeamMember
    rows = session.execute(
        select(
            t.id,
            t.name,
            t.role,
            t.email,
            t.capacity_hours_per_week,
            t.bill_rate,
            t.chargeability_target,
            t.retired_on,
        ).order_by(func.lower(t.name), t.id)
    )
    result = []
    for r in rows:
        rated = r.role in RATED_ROLES
        result.append(
            MemberRow(
                id=r.id,
                name=r.name,
                role=r.role,
                email=r.email or "",
                capacity=r.capacity_hours_per_week or 0.0,
                own_rate=r.bill_rate,
                own_target=r.chargeability_target,
                rate=(settings.default_csa_rate if r.bill_rate is None else r.bill_rate)
                if rated
                else None,
                target=(
                    settings.chargeability_target
                    if r.chargeability_target is None
                    else r.chargeability_target
                )
                if rated
                else None,
                retired_on=r.retired_on,
                accounts=tuple(sorted(owned.get(r.id, ()), key=str.lower)),
                references=references.get(r.id, References()),
            )
        )
    return result
