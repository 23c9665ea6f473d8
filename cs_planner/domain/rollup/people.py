"""Every account's stakeholder figures for the roll-up, counted by SQLite: one grouped select
over the whole portfolio, so no stakeholder row is built in Python except the few an
attention line names (a champion who left, the one person a single-threaded account rests
on).

The conditions below are the relationship map's coverage rules (``relationships.coverage``)
said in SQL, built from that module's own lists (levels, mirrored roles, the single-thread
limit); ``rules.people_figures`` applies the rules themselves, and a test holds the two to
the same figures on the demo portfolio and on the edge cases."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Select, and_, case, exists, func, not_, or_, select
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql.elements import ColumnElement

from cs_planner.domain.enums import BuyingRole, Level, StakeholderStatus, Stance, Tier
from cs_planner.domain.model import Stakeholder, StakeholderRole
from cs_planner.domain.relationships import coverage
from cs_planner.domain.relationships.rows import StakeholderRow
from cs_planner.domain.rollup.rows import PeopleFigures
from cs_planner.domain.rollup.rules import people_figures, quoted_sentences
from cs_planner.domain.rollup.stored import day, members, stored


class _Rules:
    """The coverage rules' conditions on one stakeholder row, as SQL; a select using them
    joins ``with_roles`` (the roles the rules look at, one row per stakeholder)."""

    ROLES = (BuyingRole.CHAMPION, *coverage.MIRROR_ROLES)

    def __init__(self, today: dt.date, stale_days: int) -> None:
        # is_relationship: still in the seat and spoken to within ``stale_days`` (a contact
        # dated ahead counts too); is_stale: in the seat, spoken to longer ago than that.
        cutoff = today - dt.timedelta(days=stale_days)
        self.active = Stakeholder.status == StakeholderStatus.ACTIVE
        self.live = and_(self.active, Stakeholder.last_contact >= cutoff)
        self.stale = and_(self.active, Stakeholder.last_contact < cutoff)
        self.roles = (
            select(
                StakeholderRole.stakeholder_id,
                *(_any(StakeholderRole.role == role).label(role.value) for role in self.ROLES),
            )
            .where(StakeholderRole.role.in_(self.ROLES))
            .group_by(StakeholderRole.stakeholder_id)
            .subquery()
        )
        # StakeholderRow.is_champion: the champion role, or a champion's stance; in a
        # select joined to ``with_roles``, and in one that is not.
        self.champion = _champion(self.holds(BuyingRole.CHAMPION))
        held = aliased(StakeholderRole)
        self.champion_alone = _champion(
            exists().where(held.stakeholder_id == Stakeholder.id, held.role == BuyingRole.CHAMPION)
        )

    def holds(self, role: BuyingRole) -> ColumnElement[bool]:
        return self.roles.c[role.value] == 1

    def with_roles(self, query: Select[Any]) -> Select[Any]:
        return query.outerjoin(self.roles, self.roles.c.stakeholder_id == Stakeholder.id)


def _champion(role_held: ColumnElement[bool]) -> ColumnElement[bool]:
    return or_(Stakeholder.stance == Stance.CHAMPION, role_held)


def _count(condition: ColumnElement[bool]) -> ColumnElement[Any]:
    return func.sum(case((condition, 1), else_=0))


def _any(condition: ColumnElement[bool]) -> ColumnElement[Any]:
    return func.max(case((condition, 1), else_=0))


def read_people_figures(
    session: Session,
    today: dt.date,
    stale_days: int,
    monthly_goal: int,
    tiers: Mapping[int, Tier],
) -> dict[int, PeopleFigures]:
    """Every account's ``PeopleFigures`` (``tiers``: every account's tier): a grouped
    select, and one for the people the attention lines name (one more for each further
    5,000 single-threaded accounts)."""
    figures = count_people(session, today, stale_days)
    quoted = [a for a, f in figures.items() if f.single_threaded or f.safe_switches]
    if quoted:
        rules = _Rules(today, stale_days)
        lonely = [a for a in quoted if figures[a].single_threaded]
        named = _quoted_people(session.connection(), rules, lonely)
        for account_id in quoted:
            said = quoted_sentences(
                named.get(account_id, []),
                True,
                figures[account_id].single_threaded,
                today,
                stale_days,
                monthly_goal,
                tiers[account_id],
            )
            figures[account_id] = _with_sentences(figures[account_id], said)
    return figures


def count_people(session: Session, today: dt.date, stale_days: int) -> dict[int, PeopleFigures]:
    """Every account's stakeholder counts (no sentences), in one grouped select; an account
    without stakeholders has no entry."""
    rules = _Rules(today, stale_days)
    levels = coverage.COVERAGE_LEVELS
    mirrored = coverage.MIRROR_ROLES
    counts = rules.with_roles(
        select(
            Stakeholder.account_id,
            func.count(),
            _count(rules.live),
            *(_any(and_(rules.live, Stakeholder.level.in_(c.levels))) for c in levels),
            _count(and_(rules.active, rules.champion)),
            _count(rules.stale),
            _count(and_(not_(rules.active), rules.champion)),
            *(_any(and_(rules.active, rules.holds(role))) for role in mirrored),
        )
    ).group_by(Stakeholder.account_id)
    connection = session.connection()  # plain rows: no ORM processing per row
    figures: dict[int, PeopleFigures] = {}
    for account_id, people, live, *flags in connection.execute(counts).all():
        covered, (champions, stale, switches, *held) = flags[: len(levels)], flags[len(levels) :]
        figures[account_id] = PeopleFigures(
            stakeholders=people,
            levels_covered=sum(covered),
            single_threaded=live <= coverage.SINGLE_THREAD_MOST,
            champions=champions,
            stale=stale,
            safe_switches=switches,
            mirror_roles=frozenset(r for r, h in zip(mirrored, held, strict=True) if h),
        )
    return figures


def figures_of(
    figures: Mapping[int, PeopleFigures],
    account_id: int,
    today: dt.date,
    stale_days: int,
    monthly_goal: int,
    tier: Tier,
) -> PeopleFigures:
    """An account's figures; one without stakeholders has no line in the grouped select."""
    found = figures.get(account_id)
    return found if found is not None else people_figures((), today, stale_days, monthly_goal, tier)


def _with_sentences(f: PeopleFigures, sentences: tuple[tuple[str, str], ...]) -> PeopleFigures:
    return PeopleFigures(
        f.stakeholders,
        f.levels_covered,
        f.single_threaded,
        f.champions,
        f.stale,
        f.safe_switches,
        f.mirror_roles,
        sentences,
    )


LONELY_CHUNK = 5_000  # accounts per select of the live people of single-threaded ones


def _quoted_people(
    connection: Any, rules: _Rules, lonely: Sequence[int]
) -> dict[int, list[StakeholderRow]]:
    """The people the quoted findings read (``rules.quoted_sentences``): every champion who
    left or moved, and the live relationships of the single-threaded accounts (``lonely``),
    by account in the order of their ids (as the map lists them)."""
    live_here = [
        and_(rules.live, Stakeholder.account_id.in_(lonely[n : n + LONELY_CHUNK]))
        for n in range(0, len(lonely), LONELY_CHUNK)
    ]
    switches = and_(not_(rules.active), rules.champion_alone)
    wanted = [or_(switches, *live_here[:1]), *live_here[1:]]  # one select, but for thousands
    level_of, stance_of = members(Level), members(Stance)
    status_of, role_of = members(StakeholderStatus), members(BuyingRole)
    rows: dict[int, tuple[Any, ...]] = {}
    roles: dict[int, set[BuyingRole]] = defaultdict(set)
    for condition in wanted:
        query = (
            select(
                Stakeholder.id,
                Stakeholder.account_id,
                Stakeholder.name,
                stored(Stakeholder.level),
                stored(Stakeholder.stance),
                stored(Stakeholder.last_contact),
                stored(Stakeholder.status),
                stored(StakeholderRole.role),
            )
            .outerjoin(StakeholderRole, StakeholderRole.stakeholder_id == Stakeholder.id)
            .where(condition)
        )
        for row in connection.execute(query).all():
            rows.setdefault(row[0], row)
            if row[7] is not None:
                roles[row[0]].add(role_of[row[7]])
    out: dict[int, list[StakeholderRow]] = defaultdict(list)
    for pid in sorted(rows):
        r = rows[pid]
        out[r[1]].append(
            StakeholderRow(
                id=pid,
                name=r[2],
                title="",
                division_id=None,
                division="",
                level=level_of[r[3]],
                roles=frozenset(roles.get(pid, ())),
                stance=stance_of[r[4]],
                influence=3,
                reports_to_id=None,
                owner_id=None,
                owner="",
                email="",
                last_contact=day(r[5]),
                status=status_of[r[6]],
                pinned=None,
                notes="",
            )
        )
    return out
