"""Validated writes to the relationship map: each a function of a session that checks
what the models cannot (a loop in the org chart, a duplicate influence line) first, to give
a sentence that names the people, and returns what it replaced (for undo). The undoable
edits the ui performs are built on these in ``edits.py``."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from cs_planner.domain.errors import ValidationError
from cs_planner.domain.model import Division, InfluenceLink, Stakeholder, TeamMember
from cs_planner.domain.relationships.rows import StakeholderValues
from cs_planner.domain.relationships.rules import would_loop


def _get(session: Session, stakeholder_id: int) -> Stakeholder:
    person = session.get(Stakeholder, stakeholder_id)
    if person is None:
        raise ValidationError("That stakeholder no longer exists (it may have been deleted).")
    return person


def _check_manager(session: Session, person: Stakeholder, manager_id: int | None) -> None:
    if manager_id is None:
        return
    manager = session.get(Stakeholder, manager_id)
    if manager is None or manager.account_id != person.account_id:
        raise ValidationError("The manager is not a stakeholder of this account.", "reports_to_id")
    if person.id is None:
        return
    parents = dict(
        session.execute(
            select(Stakeholder.id, Stakeholder.reports_to_id).where(
                Stakeholder.account_id == person.account_id
            )
        ).all()
    )
    if manager_id == person.id:
        raise ValidationError(f"{person.name} cannot report to themselves.", "reports_to_id")
    if would_loop(parents, person.id, manager_id):
        what = manager.name
        raise ValidationError(
            f"{person.name} cannot report to {what}: {manager.name} already reports to "
            f"{person.name} (directly or further down), which would make a loop.",
            "reports_to_id",
        )


def _assign(session: Session, person: Stakeholder, values: StakeholderValues) -> None:
    person.name = values.name
    person.title = values.title
    person.level = values.level
    person.stance = values.stance
    person.influence = values.influence
    person.email = values.email
    person.phone = values.phone
    person.country = values.country
    person.last_contact = values.last_contact
    person.since = values.since
    person.status = values.status
    person.notes = (values.notes or "").strip()
    if values.division_id is not None:
        division = session.get(Division, values.division_id)
        if division is None or (
            person.account_id is not None and division.account_id != person.account_id
        ):
            raise ValidationError("That division is not one of this account's.", "division_id")
    person.division_id = values.division_id
    if values.owner_id is not None and session.get(TeamMember, values.owner_id) is None:
        raise ValidationError("That team member no longer exists.", "owner_id")
    person.owner_id = values.owner_id
    _check_manager(session, person, values.reports_to_id)
    person.reports_to_id = values.reports_to_id
    person.roles = set(values.roles)


def new_stakeholder(session: Session, account_id: int, values: StakeholderValues) -> Stakeholder:
    """A new stakeholder, validated and added to the session (not yet flushed)."""
    person = Stakeholder(account_id=account_id)
    _assign(session, person, values)
    session.add(person)
    return person


def update_stakeholder(
    session: Session, stakeholder_id: int, values: StakeholderValues
) -> StakeholderValues:
    """Change a stakeholder; returns the values as they were (for undo)."""
    person = _get(session, stakeholder_id)
    before = StakeholderValues(
        name=person.name,
        title=person.title,
        division_id=person.division_id,
        level=person.level,
        roles=frozenset(person.roles),
        stance=person.stance,
        influence=person.influence,
        reports_to_id=person.reports_to_id,
        owner_id=person.owner_id,
        email=person.email,
        last_contact=person.last_contact,
        status=person.status,
        notes=person.notes,
        since=person.since,
    )
    _assign(session, person, values)
    session.flush()
    return before


def set_manager(session: Session, stakeholder_id: int, manager_id: int | None) -> int | None:
    """``stakeholder_id`` now reports to ``manager_id`` (None: nobody on the map); a loop
    is refused with a message. Returns the previous manager (for undo)."""
    person = _get(session, stakeholder_id)
    before = person.reports_to_id
    _check_manager(session, person, manager_id)
    person.reports_to_id = manager_id
    session.flush()
    return before


def set_pin(
    session: Session, stakeholder_id: int, position: tuple[float, float] | None
) -> tuple[float, float] | None:
    """Pin a card at ``position`` on the map (None: back to the automatic layout).
    Returns the previous pin (for undo)."""
    person = _get(session, stakeholder_id)
    before = None
    if person.pinned_x is not None and person.pinned_y is not None:
        before = (person.pinned_x, person.pinned_y)
    x, y = position if position is not None else (None, None)
    for value in (x, y):
        if value is not None and not (-1e6 < value < 1e6):
            raise ValidationError("That position is off the map.", "pinned_x")
    person.pinned_x, person.pinned_y = x, y
    session.flush()
    return before


def new_link(
    session: Session,
    account_id: int,
    source_id: int,
    target_id: int,
    strength: int = 3,
    note: str = "",
) -> InfluenceLink:
    """An informal influence line: ``source`` sways ``target``."""
    source, target = _get(session, source_id), _get(session, target_id)
    if source.id == target.id:
        raise ValidationError("A person cannot influence themselves.", "target_id")
    if source.account_id != account_id or target.account_id != account_id:
        raise ValidationError("Both people must be stakeholders of this account.", "target_id")
    clash = session.scalar(
        select(InfluenceLink.id).where(
            InfluenceLink.source_id == source_id, InfluenceLink.target_id == target_id
        )
    )
    if clash is not None:
        raise ValidationError(
            f"The map already shows {source.name} influencing {target.name}.", "target_id"
        )
    link = InfluenceLink(
        account_id=account_id, source=source, target=target, strength=strength, note=note
    )
    session.add(link)
    return link
