"""An account's owner as a CRM writes it, to one of our team. A Salesforce export's Owner
column holds user ids (005...), which never match a name: the mapping keeps a translation
(owner value -> team member's name or e-mail), filled in the mapping dialog for the values
that match nobody, or written in MAPPING.toml (``[owners] "005..." = "Name"``)."""

from __future__ import annotations

from collections.abc import Mapping as Lookup

from sqlalchemy import select
from sqlalchemy.orm import Session

from cs_planner.domain.imports.reading import Table
from cs_planner.domain.model import TeamMember

MAX_SHOWN = 200  # distinct unknown owners a dialog lists: an export has a team's worth


def team_index(session: Session) -> dict[str, int]:
    """Our active people by casefolded name and e-mail: what an owner cell may name."""
    found: dict[str, int] = {}
    for member_id, name, email in session.execute(
        select(TeamMember.id, TeamMember.name, TeamMember.email).where(
            TeamMember.retired_on.is_(None)
        )
    ):
        found[name.casefold()] = member_id
        if email:
            found[email.casefold()] = member_id
    return found


def team_names(session: Session) -> list[str]:
    """Our active people by name: who an owner value can be translated to."""
    return list(
        session.scalars(
            select(TeamMember.name).where(TeamMember.retired_on.is_(None)).order_by(TeamMember.name)
        )
    )


def find_owner(text: str, team: Lookup[str, int], owners: Lookup[str, str]) -> int | None:
    """The team member an owner cell names: directly (name or e-mail), else through the
    mapping's translation. ``team``: casefolded name or e-mail -> id."""
    text = text.strip()
    found = team.get(text.casefold())
    if found is None and (translated := owners.get(text)):
        found = team.get(translated.strip().casefold())
    return found


def unknown_owners(
    table: Table, column: str | None, team: Lookup[str, int], owners: Lookup[str, str]
) -> list[str]:
    """The distinct values of the owner column that name nobody of ours, in file order
    (translated or not: the dialog shows what each is translated to)."""
    if column is None or column not in table.headers:
        return []
    at = table.headers.index(column)
    found: dict[str, None] = {}
    for _number, cells in table.rows:
        value = cells[at].strip() if at < len(cells) else ""
        if value and value.casefold() not in team and value not in found:
            found[value] = None
            if len(found) >= MAX_SHOWN:
                break
    return list(found)
