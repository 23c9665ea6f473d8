"""The undoable edits of the relationship map, each a domain ``Edit`` whose text reads as a
sentence ("Move Ada Brennan under Rui Santos"). The ui builds one and hands it to
``perform(ctx, edit)``; tests run them on a real file without a window."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from sqlalchemy.orm import Session

from cs_planner.domain.changes import Changes
from cs_planner.domain.edits import Batch, Delete, Edit, Insert, Update
from cs_planner.domain.model import InfluenceLink, Stakeholder
from cs_planner.domain.relationships import writes
from cs_planner.domain.relationships.rows import InfluenceRow, StakeholderRow, StakeholderValues

# The words an undo text uses for each field a user edits.
FIELD_LABELS = {
    "name": "name",
    "title": "title",
    "division_id": "division",
    "level": "level",
    "roles": "buying roles",
    "stance": "stance",
    "influence": "influence",
    "reports_to_id": "manager",
    "owner_id": "relationship owner",
    "email": "email",
    "phone": "phone",
    "country": "country",
    "last_contact": "last contact",
    "since": "known since",
    "status": "status",
    "notes": "notes",
}


def change_text(name: str, old: StakeholderValues, new: StakeholderValues) -> str:
    """The undo text of an edit: "Change stance of Ada Brennan", "Rename Ada to Ada B."."""
    changed = [key for key in FIELD_LABELS if getattr(old, key) != getattr(new, key)]
    if changed == ["name"]:
        return f"Rename {name} to {new.name}"
    if len(changed) == 1:
        return f"Change {FIELD_LABELS[changed[0]]} of {name}"
    return f"Edit {name}"


def _move_text(name: str, manager: str | None) -> str:
    return (
        f"Move {name} to the top of the chart"
        if manager is None
        else f"Move {name} under {manager}"
    )


def move_under(
    account_id: int, person: StakeholderRow, manager: StakeholderRow | None
) -> Update[int | None]:
    """``person`` now reports to ``manager`` (None: nobody on the map)."""
    return Update(
        _move_text(person.name, manager.name if manager else None),
        writes.set_manager,
        person.id,
        manager.id if manager else None,
        Changes.account(account_id),
    )


def pin(
    account_id: int, person: StakeholderRow, position: tuple[float, float] | None
) -> Update[tuple[float, float] | None]:
    """Pin a card where it was dropped (None: back to the automatic layout)."""
    text = f"Pin {person.name} on the map" if position else f"Unpin {person.name}"
    return Update(text, writes.set_pin, person.id, position, Changes.account(account_id))


def unpin(account_id: int, people: Sequence[StakeholderRow]) -> Edit | None:
    """Put the pinned ones of ``people`` back in the automatic layout (one step)."""
    pinned = [p for p in people if p.pinned is not None]
    if not pinned:
        return None
    if len(pinned) == 1:
        return pin(account_id, pinned[0], None)
    return Batch(f"Unpin {len(pinned)} people", [pin(account_id, p, None) for p in pinned])


def edit_person(
    account_id: int,
    person: StakeholderRow,
    values: StakeholderValues,
    names: Mapping[int, str],
) -> Update[StakeholderValues]:
    """Save what the side panel changed; ``names`` (stakeholder names by id) say who a
    new manager is."""
    text = change_text(person.name, person.values, values)
    if replace(person.values, reports_to_id=values.reports_to_id) == values:
        manager = values.reports_to_id  # only the manager changed: say who to
        text = _move_text(person.name, None if manager is None else names.get(manager, "?"))
    return Update(text, writes.update_stakeholder, person.id, values, Changes.account(account_id))


def set_for_people(
    account_id: int, people: Sequence[StakeholderRow], what: str, **changes: Any
) -> Edit | None:
    """One change for several people as one step: "Set stance of 3 people"; None when it
    changes nobody."""
    steps: list[Edit] = []
    for person in people:
        values = replace(person.values, **changes)
        if values != person.values:
            steps.append(
                Update(
                    f"Set {what} of {person.name}",
                    writes.update_stakeholder,
                    person.id,
                    values,
                    Changes.account(account_id),
                )
            )
    if not steps:
        return None
    label = people[0].name if len(people) == 1 else f"{len(people)} people"
    return Batch(f"Set {what} of {label}", steps)


def add_person(
    account_id: int, values: StakeholderValues, manager: str | None = None
) -> Insert[Stakeholder]:
    """A new stakeholder (under ``manager``, named for the undo text)."""
    where = f" under {manager}" if manager else ""

    def create(session: Session) -> Stakeholder:
        return writes.new_stakeholder(session, account_id, values)

    return Insert(f"Add {values.name.strip()}{where}", create, Changes.account(account_id))


def delete_people(account_id: int, account_name: str, people: Sequence[StakeholderRow]) -> Delete:
    """Delete people and everything that hangs off them; undo puts all of it back."""
    names = people[0].name if len(people) == 1 else f"{len(people)} people"
    return Delete(
        f"Delete {names} from {account_name}",
        Stakeholder,
        [p.id for p in people],
        Changes.account(account_id),
    )


def add_link(
    account_id: int, source: StakeholderRow, target: StakeholderRow
) -> Insert[InfluenceLink]:
    """An informal influence line: ``source`` sways ``target``."""

    def create(session: Session) -> InfluenceLink:
        return writes.new_link(session, account_id, source.id, target.id)

    text = f"Show {source.name} influencing {target.name}"
    return Insert(text, create, Changes.account(account_id))


def remove_link(account_id: int, link: InfluenceRow, names: Mapping[int, str]) -> Delete:
    source, target = names.get(link.source_id, "?"), names.get(link.target_id, "?")
    return Delete(
        f"Remove the influence of {source} on {target}",
        InfluenceLink,
        [link.id],
        Changes.account(account_id),
    )
