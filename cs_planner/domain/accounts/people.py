"""Our people as the rest of the plan sees them: everyone as a drop-down offers them, and
what refers to each person (from every table with a reference to a team member)."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cs_planner.domain.accounts.rows import REFERENCE_WORDS, Person, References
from cs_planner.domain.model import Base, TeamMember


def people(session: Session) -> list[Person]:
    """Everyone, retired included (a choice already made keeps its person), by name."""
    t = TeamMember
    query = select(t.id, t.name, t.role, t.retired_on).order_by(func.lower(t.name), t.id)
    return [Person(r.id, r.name, r.role, r.retired_on) for r in session.execute(query)]


def reference_counts(session: Session, person_id: int | None = None) -> dict[int, References]:
    """What refers to each person (or to one), from every table with a reference to
    team_member: one grouped count per referring column, never a query per person."""
    found: dict[int, list[tuple[tuple[str, str], int]]] = defaultdict(list)
    for table in Base.metadata.sorted_tables:
        for fk in sorted(table.foreign_keys, key=lambda f: f.parent.name):
            if fk.column.table.name != TeamMember.__tablename__:
                continue
            column = fk.parent
            query = select(column, func.count()).where(column.is_not(None)).group_by(column)
            if person_id is not None:
                query = query.where(column == person_id)
            for member_id, n in session.execute(query):
                found[member_id].append(((table.name, column.name), n))
    order = list(REFERENCE_WORDS)
    return {
        member_id: References(
            tuple(sorted(counts, key=lambda c: order.index(c[0]) if c[0] in order else 99))
        )
        for member_id, counts in found.items()
    }
