"""Accounts: the validated writes the edits are made of (``edits.py`` makes them undoable):
accounts, settings, divisions and geographies, activities. The models' validators hold the
field rules; checked here is what they cannot see (a name unique in the account as people
read it, who may be chosen for a role). Each update returns what it replaced, for undo."""

from __future__ import annotations

import datetime as dt
from dataclasses import fields
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from cs_planner.domain import names
from cs_planner.domain.accounts.queries import get_account, get_settings
from cs_planner.domain.accounts.rows import (
    ActivityValues,
    DivisionValues,
    GeographyValues,
    SettingsData,
)
from cs_planner.domain.accounts.rules import geography_label
from cs_planner.domain.accounts.team_writes import require_assignable
from cs_planner.domain.enums import LifecycleStage, MotionOwner, ReferenceStatus, TeamRole, Tier
from cs_planner.domain.errors import ValidationError
from cs_planner.domain.model import (
    Account,
    Activity,
    Division,
    Geography,
    Settings,
    Stakeholder,
    TeamMember,
)

# Fields a user edits on the account card, with the type each expects.
EDITABLE_FIELDS: dict[str, type] = {
    "name": str,
    "industry": str,
    "size_band": str,
    "hq_geography": str,
    "growth_rate": str,
    "main_challenge": str,
    "tier_override": Tier,
    "strategic": bool,
    "lifecycle_stage": LifecycleStage,
    "initial_deal_value": float,
    "initial_deal_date": dt.date,
    "arr": float,
    "licensed_seats": int,
    "active_users": int,
    "customer_since": dt.date,
    "renewal_date": dt.date,
    "churned_on": dt.date,
    "renewal_owner": MotionOwner,
    "expansion_owner": MotionOwner,
    "csm_id": int,
    "executive_sponsor_id": int,
    "reference_status": ReferenceStatus,
    "maturity_current": int,
    "maturity_target": int,
    "notes": str,
    "parent_id": int,
    "employees": int,
}


def _check_unique_name(session: Session, name: str, except_id: int | None = None) -> None:
    clash = names.find_clash(session, Account.id, Account.name, name, except_id)
    if clash is not None:
        raise ValidationError(f"An account named '{name.strip()}' already exists.", "name")


def create_account(session: Session, name: str, initial_deal_value: float, **values: Any) -> int:
    """Add an account; returns its id. Raises ValidationError for bad input."""
    _check_unique_name(session, name or "")
    account = Account(name=name, initial_deal_value=initial_deal_value)
    for key, value in values.items():
        _set_field(session, account, key, value)
    session.add(account)
    session.flush()
    return account.id


# Who may be chosen for an account's people fields: (role, how a message names it).
_PERSON_FIELDS = {
    "csm_id": (TeamRole.CSM, "a CSM"),
    "executive_sponsor_id": (TeamRole.EXECUTIVE_SPONSOR, "an executive sponsor"),
}


def _set_field(
    session: Session, account: Account, key: str, value: Any, restoring: bool = False
) -> None:
    if key not in EDITABLE_FIELDS:
        raise ValidationError(f"'{key}' is not a field of an account.", key)
    if key in _PERSON_FIELDS and value is not None and value != getattr(account, key):
        person = session.get(TeamMember, value)
        if person is None:
            raise ValidationError("That team member no longer exists.", key)
        # An undo puts back whoever held the field, retired since or not.
        if not restoring:
            role, what = _PERSON_FIELDS[key]
            require_assignable(person, role, key, what)
    if key == "parent_id" and value is not None and session.get(Account, value) is None:
        raise ValidationError("That account no longer exists.", key)
    setattr(account, key, value)


def update_account(
    session: Session, account_id: int, key: str, value: Any, *, restoring: bool = False
) -> Any:
    """Change one field; returns the previous value (for undo, which passes ``restoring``:
    a person retired since is put back as they were)."""
    account = get_account(session, account_id)
    if key == "name":
        _check_unique_name(session, value or "", account_id)
    old = getattr(account, key)
    _set_field(session, account, key, value, restoring)
    session.flush()
    return old


def update_settings(session: Session, **values: Any) -> SettingsData:
    """Change portfolio settings; returns the settings as they were (for undo)."""
    before = get_settings(session)
    row = session.get(Settings, 1)
    if row is None:
        row = Settings(id=1)
        session.add(row)
    known = {f.name for f in fields(SettingsData)}
    for key, value in values.items():
        if key not in known:
            raise ValidationError(f"'{key}' is not a portfolio setting.", key)
        setattr(row, key, value)
    session.flush()
    return before


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


def _get(session: Session, model: type, row_id: int | None, what: str, field: str) -> Any:
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


def _assign(session: Session, activity: Activity, values: ActivityValues) -> None:
    activity.date = values.date
    activity.kind = values.kind
    activity.note = (values.note or "").strip()
    if values.owner_id is not None and session.get(TeamMember, values.owner_id) is None:
        raise ValidationError("That team member no longer exists.", "owner_id")
    activity.owner_id = values.owner_id
    wanted = list(dict.fromkeys(values.stakeholder_ids))
    found = {
        p.id: p for p in session.scalars(select(Stakeholder).where(Stakeholder.id.in_(wanted)))
    }
    if len(found) != len(wanted):
        raise ValidationError(
            "A stakeholder picked for this activity no longer exists.", "stakeholders"
        )
    # The model's check() rejects stakeholders of another account.
    activity.stakeholders = [found[i] for i in wanted]


def new_activity(session: Session, account_id: int, values: ActivityValues) -> Activity:
    """A new activity, validated and added to the session (not yet flushed)."""
    activity = Activity(account_id=account_id)
    _assign(session, activity, values)
    session.add(activity)
    return activity


def update_activity(session: Session, activity_id: int, values: ActivityValues) -> ActivityValues:
    """Change an activity; returns its values as they were (for undo)."""
    activity = session.get(Activity, activity_id)
    if activity is None:
        raise ValidationError("That activity no longer exists (it may have been deleted).")
    before = ActivityValues(
        date=activity.date,
        kind=activity.kind,
        owner_id=activity.owner_id,
        stakeholder_ids=tuple(p.id for p in activity.stakeholders),
        note=activity.note,
    )
    _assign(session, activity, values)
    session.flush()
    return before


def make_owner(session: Session, name: str, role: TeamRole) -> int:
    """Add the person starting the portfolio as a team member and record them as its owner
    (Settings.owner_name); returns the member's id. ValidationError on a bad name."""
    member = TeamMember(name=name, role=role)
    session.add(member)
    session.flush()
    update_settings(session, owner_name=member.name)
    return member.id
