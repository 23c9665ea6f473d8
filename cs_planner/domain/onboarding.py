"""Starting a portfolio of one's own: its owner is its first team member."""

from __future__ import annotations

from sqlalchemy.orm import Session

from cs_planner.domain.enums import TeamRole
from cs_planner.domain.model import TeamMember
from cs_planner.domain.portfolio import update_settings


def make_owner(session: Session, name: str, role: TeamRole) -> int:
    """Add the person starting the portfolio as a team member and record them as its owner
    (Settings.owner_name); returns the member's id. ValidationError on a bad name."""
    member = TeamMember(name=name, role=role)
    session.add(member)
    session.flush()
    update_settings(session, owner_name=member.name)
    return member.id
