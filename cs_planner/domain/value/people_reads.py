"""Health's reads of the people on the map: each stakeholder as the coverage rules read them
(for a history), or today's counts with the first champion each account lost."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping

from sqlalchemy import exists, or_, select
from sqlalchemy.orm import Session

from cs_planner.domain.enums import BuyingRole, Level, StakeholderStatus, Stance
from cs_planner.domain.model import Stakeholder, StakeholderRole
from cs_planner.domain.relationships.rows import StakeholderRow
from cs_planner.domain.rollup.people import count_people
from cs_planner.domain.rollup.rows import PeopleFigures
from cs_planner.domain.rollup.stored import members, stored
from cs_planner.domain.value.facts import PeopleCount
from cs_planner.domain.value.selects import Ids, day, only, rows


def people_facts(session: Session, ids: Ids) -> dict[int, list[StakeholderRow]]:
    """The fields the coverage rules read; a relationship began on its ``since`` date."""
    roles: dict[int, set[BuyingRole]] = defaultdict(set)
    role_of = members(BuyingRole)
    rq = select(StakeholderRole.stakeholder_id, stored(StakeholderRole.role)).join(
        Stakeholder, Stakeholder.id == StakeholderRole.stakeholder_id
    )
    for person, role in rows(session, only(rq, Stakeholder.account_id, ids)):
        roles[person].add(role_of[role])
    level_of, stance_of, status_of = members(Level), members(Stance), members(StakeholderStatus)
    s = Stakeholder
    query = select(
        s.id,
        s.account_id,
        s.name,
        stored(s.level),
        stored(s.stance),
        s.influence,
        stored(s.last_contact),
        stored(s.status),
        stored(s.since),
    ).order_by(s.id)
    out: dict[int, list[StakeholderRow]] = defaultdict(list)
    shared: dict[frozenset[BuyingRole], frozenset[BuyingRole]] = {}  # few distinct sets
    for pid, account, name, level, stance, influence, contact, status, since in rows(
        session, only(query, s.account_id, ids)
    ):
        held = frozenset(roles.get(pid, ()))
        began = day(since)
        out[account].append(
            StakeholderRow(
                # Positional, in the row's field order: about 85,000 of them at 5,000
                # accounts, and keywords cost a third more.
                pid,
                name,
                "",  # title
                None,  # division_id
                "",  # division
                level_of[level],
                shared.setdefault(held, held),
                stance_of[stance],
                influence,
                None,  # reports_to_id
                None,  # owner_id
                "",  # owner
                "",  # email
                day(contact),
                status_of[status],
                None,  # pinned
                "",  # notes
                began,  # since
                began,  # first_met: a relationship began on its "since" date
            )
        )
    return out


def people_counts(
    session: Session,
    ids: Ids,
    today: dt.date,
    stale_days: int,
    counts: Mapping[int, PeopleFigures] | None,
) -> dict[int, PeopleCount]:
    """Today's coverage figures of every account, counted in SQL (``count_people``, unless
    the caller has them), with the first champion each has lost (as
    ``coverage.safe_switches`` lists them)."""
    if counts is None:
        counts = count_people(session, today, stale_days)
    s = Stakeholder
    champion = or_(
        s.stance == Stance.CHAMPION,
        exists().where(
            StakeholderRole.stakeholder_id == s.id, StakeholderRole.role == BuyingRole.CHAMPION
        ),
    )
    query = (
        select(s.account_id, s.name)
        .where(s.status != StakeholderStatus.ACTIVE, champion)
        .order_by(s.id.desc())  # the first by id is the one kept
    )
    left = dict(rows(session, only(query, s.account_id, ids)))
    return {
        account: PeopleCount(
            f.stakeholders, f.levels_covered, f.single_threaded, f.champions, f.stale,
            left.get(account),
        )
        for account, f in counts.items()
        if ids is None or account in ids
    }  # fmt: skip
