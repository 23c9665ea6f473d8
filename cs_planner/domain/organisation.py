"""An account's divisions (a tree of departments) and geographies: read models and edits.

Reads are column selects returning frozen dataclasses; writes go through the models, whose
validators hold the rules. The only rule checked here is name uniqueness within an account,
because the database would otherwise report it as an IntegrityError at flush time."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cs_planner.domain import names
from cs_planner.domain.enums import Engagement
from cs_planner.domain.errors import ValidationError
from cs_planner.domain.model import Division, Geography


@dataclass(frozen=True)
class GeographyRow:
    id: int
    region: str
    country: str

    @property
    def label(self) -> str:
        return geography_label(self.region, self.country)


def geography_label(region: str, country: str) -> str:
    """'EMEA / Germany', or just the region (same as ``Geography.label``)."""
    return f"{region} / {country}" if country else region


@dataclass(frozen=True)
class DivisionRow:
    id: int
    parent_id: int | None
    name: str
    geography_id: int | None
    geography: str  # the geography's label, "" when none
    headcount: int
    engagement: Engagement


@dataclass(frozen=True)
class GeographyValues:
    """What a user edits on a geography."""

    region: str
    country: str = ""


@dataclass(frozen=True)
class DivisionValues:
    """What a user edits on a division."""

    name: str
    parent_id: int | None = None
    geography_id: int | None = None
    headcount: int = 0
    engagement: Engagement = Engagement.NONE


def list_geographies(session: Session, account_id: int) -> list[GeographyRow]:
    rows = session.execute(
        select(Geography.id, Geography.region, Geography.country)
        .where(Geography.account_id == account_id)
        .order_by(func.lower(Geography.region), func.lower(Geography.country))
    )
    return [GeographyRow(r.id, r.region, r.country) for r in rows]


def list_divisions(session: Session, account_id: int) -> list[DivisionRow]:
    """All of an account's divisions by name; ``children`` arranges them as a tree."""
    rows = session.execute(
        select(
            Division.id,
            Division.parent_id,
            Division.name,
            Division.geography_id,
            Geography.region,
            Geography.country,
            Division.headcount,
            Division.engagement,
        )
        .outerjoin(Geography, Geography.id == Division.geography_id)
        .where(Division.account_id == account_id)
        .order_by(func.lower(Division.name))
    )
    return [
        DivisionRow(
            id=r.id,
            parent_id=r.parent_id,
            name=r.name,
            geography_id=r.geography_id,
            geography=geography_label(r.region, r.country) if r.region else "",
            headcount=r.headcount,
            engagement=r.engagement,
        )
        for r in rows
    ]


def children(rows: Iterable[DivisionRow]) -> dict[int | None, list[DivisionRow]]:
    """Divisions by parent id (None: top level), keeping the input order.

    A division whose parent is missing, or that sits in a loop no root reaches, is put at
    the top level so that it can still be seen and fixed."""
    rows = list(rows)
    known = {r.id for r in rows}
    tree: dict[int | None, list[DivisionRow]] = {}
    for row in rows:
        parent = row.parent_id if row.parent_id in known else None
        tree.setdefault(parent, []).append(row)
    reached = {r.id for r in _walk(tree, None)}
    stray = [r for r in rows if r.id not in reached]
    for row in stray:
        tree[row.parent_id].remove(row)
        tree.setdefault(None, []).append(row)
    return {parent: kids for parent, kids in tree.items() if kids}


def _walk(tree: dict[int | None, list[DivisionRow]], root: int | None) -> list[DivisionRow]:
    out: list[DivisionRow] = []
    stack = list(reversed(tree.get(root, [])))
    while stack:
        row = stack.pop()
        out.append(row)
        stack.extend(reversed(tree.get(row.id, [])))
    return out


def tree_order(rows: Iterable[DivisionRow]) -> list[tuple[DivisionRow, int]]:
    """Each division with its depth, every one under its parent (for printing the tree)."""
    tree = children(rows)
    out: list[tuple[DivisionRow, int]] = []
    stack = [(row, 0) for row in reversed(tree.get(None, []))]
    while stack:
        row, depth = stack.pop()
        out.append((row, depth))
        stack.extend((child, depth + 1) for child in reversed(tree.get(row.id, [])))
    return out


def subtree_ids(rows: Iterable[DivisionRow], root_id: int) -> list[int]:
    """``root_id`` and every division under it, deepest first (the order to delete them)."""
    tree = children(rows)
    below = [r.id for r in _walk(tree, root_id)]
    return [*reversed(below), root_id]


# --- edits -----------------------------------------------------------------------------


def _check_division_name(
    session: Session, account_id: int, name: str, except_id: int | None = None
) -> None:
    clash = names.find_clash(
        session, Division.id, Division.name, name, except_id, Division.account_id == account_id
    )
    if clash is not None:
        raise ValidationError(
            f"This account already has a division named '{name.strip()}'.", "name"
        )


def _check_geography(
    session: Session, account_id: int, values: GeographyValues, except_id: int | None = None
) -> None:
    wanted = (names.name_key(values.region or ""), names.name_key(values.country or ""))
    rows = session.execute(
        select(Geography.id, Geography.region, Geography.country).where(
            Geography.account_id == account_id
        )
    )
    for row in rows:
        key = (names.name_key(row.region), names.name_key(row.country))
        if row.id != except_id and key == wanted:
            label = geography_label(row.region, row.country)
            raise ValidationError(f"This account already lists {label}.", "region")


def _assign_division(session: Session, division: Division, values: DivisionValues) -> None:
    division.name = values.name
    division.headcount = values.headcount
    division.engagement = values.engagement
    # Set the relationships, not just the ids, so the model's same-account and no-loop
    # checks see the new parent and geography.
    division.parent = _get(session, Division, values.parent_id, "The parent division", "parent_id")
    division.geography = _get(
        session, Geography, values.geography_id, "The geography", "geography_id"
    )


def _get(session: Session, model: type, row_id: int | None, what: str, field: str):
    if row_id is None:
        return None
    row = session.get(model, row_id)
    if row is None:
        raise ValidationError(f"{what} no longer exists (it may have been deleted).", field)
    return row


def new_division(session: Session, account_id: int, values: DivisionValues) -> Division:
    """A new division, validated and added to the session (not yet flushed)."""
    _check_division_name(session, account_id, values.name)
    division = Division(account_id=account_id)
    _assign_division(session, division, values)
    session.add(division)
    return division


def update_division(session: Session, division_id: int, values: DivisionValues) -> DivisionValues:
    """Change a division; returns its values as they were (for undo)."""
    division = _get(session, Division, division_id, "That division", "name")
    before = DivisionValues(
        name=division.name,
        parent_id=division.parent_id,
        geography_id=division.geography_id,
        headcount=division.headcount,
        engagement=division.engagement,
    )
    _check_division_name(session, division.account_id, values.name, division_id)
    _assign_division(session, division, values)
    session.flush()
    return before


def new_geography(session: Session, account_id: int, values: GeographyValues) -> Geography:
    """A new geography, validated and added to the session (not yet flushed)."""
    _check_geography(session, account_id, values)
    geography = Geography(account_id=account_id, region=values.region, country=values.country)
    session.add(geography)
    return geography


def update_geography(
    session: Session, geography_id: int, values: GeographyValues
) -> GeographyValues:
    """Change a geography; returns its values as they were (for undo)."""
    geography = _get(session, Geography, geography_id, "That geography", "region")
    before = GeographyValues(region=geography.region, country=geography.country)
    # Before the change: the query would otherwise autoflush it into the unique constraint.
    _check_geography(session, geography.account_id, values, geography_id)
    for f in fields(GeographyValues):
        setattr(geography, f.name, getattr(values, f.name))
    session.flush()
    return before
