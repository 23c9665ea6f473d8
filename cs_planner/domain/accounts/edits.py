"""Accounts: every change a user makes to accounts, the settings, divisions, geographies,
activities and our team, as an undoable ``Edit`` (``ui.shell.undo.perform`` runs one in a
transaction and puts it on the undo stack). Each names what it changed, so only the views
showing it reload; the validated writes they are made of are in ``writes`` and
``team_writes``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy.orm import Session

from cs_planner.domain.accounts import team_writes, writes
from cs_planner.domain.accounts.queries import get_account
from cs_planner.domain.accounts.rows import (
    ActivityRow,
    ActivityValues,
    DivisionRow,
    DivisionValues,
    GeographyRow,
    GeographyValues,
    MemberValues,
)
from cs_planner.domain.accounts.rules import division_what, geography_label, subtree_ids
from cs_planner.domain.changes import Changes
from cs_planner.domain.edits import Delete, Edit, Insert, Update
from cs_planner.domain.model import Account, Activity, Division, Geography, TeamMember

# The account fields the portfolio list shows (or ranks by, for the suggested tier).
LIST_FIELDS = frozenset(
    {
        "name",
        "industry",
        "tier_override",
        "strategic",
        "lifecycle_stage",
        "arr",
        "initial_deal_value",
        "renewal_date",
        "churned_on",
        "csm_id",
        "parent_id",  # the list's tooltip names the parent
    }
)
# Our people appear wherever someone is named, the portfolio list included (CSM, CSAs).
TEAM = Changes(team=True, account_list=True)
# The settings (currency, defaults) show in every view, the list included.
SETTINGS = Changes(settings=True, account_list=True)


# --- accounts and settings ------------------------------------------------------------


class SetAccountField(Edit):
    """Change one field of an account: "Change ARR of Kestrel from 120,000 to 180,000".
    Undo puts back the value it replaced; a person retired since is put back as they were."""

    def __init__(self, account_id: int, field: str, new: Any, text: str) -> None:
        self.account_id, self.field, self.new, self.text = account_id, field, new, text
        self.old: Any = None
        self.changes = Changes.account(account_id, listed=field in LIST_FIELDS)

    def apply(self, session: Session) -> Changes:
        self.old = writes.update_account(session, self.account_id, self.field, self.new)
        return self.changes

    def revert(self, session: Session) -> Changes:
        writes.update_account(session, self.account_id, self.field, self.old, restoring=True)
        return self.changes


class UpdateSettings(Edit):
    """Change some portfolio settings at once."""

    def __init__(self, new: Mapping[str, Any]) -> None:
        self.new = dict(new)
        self.old: dict[str, Any] = {}
        self.text = "Change settings: " + ", ".join(k.replace("_", " ") for k in self.new)

    def apply(self, session: Session) -> Changes:
        before = writes.update_settings(session, **self.new)
        self.old = {key: getattr(before, key) for key in self.new}
        return SETTINGS

    def revert(self, session: Session) -> Changes:
        writes.update_settings(session, **self.old)
        return SETTINGS


class AddAccount(Insert[Account]):
    """Add an account from the values of Portfolio > Add account (``create_account``'s
    keywords); ``row_id`` is its id once applied."""

    def __init__(self, values: Mapping[str, Any]) -> None:
        wanted = dict(values)
        super().__init__(
            f"Add account {wanted['name']}",
            lambda session: get_account(session, writes.create_account(session, **wanted)),
        )

    def apply(self, session: Session) -> Changes:
        super().apply(session)
        return Changes.account(self.row_id, listed=True)

    def revert(self, session: Session) -> Changes:
        super().revert(session)
        return Changes.account(self.row_id, listed=True)


def delete_accounts(text: str, account_ids: Sequence[int]) -> Delete:
    """Delete accounts with everything in them; undo brings all of it back."""
    return Delete(text, Account, account_ids, Changes.of_accounts(account_ids, listed=True))


# --- divisions and geographies --------------------------------------------------------


def add_division(account_id: int, account_name: str, values: DivisionValues) -> Insert[Division]:
    return Insert(
        f"Add division {values.name} to {account_name}",
        lambda session: writes.new_division(session, account_id, values),
        Changes.account(account_id),
    )


def edit_division(
    account_id: int, account_name: str, row: DivisionRow, values: DivisionValues
) -> Update[DivisionValues]:
    return Update(
        f"Edit division {row.name} of {account_name}",
        writes.update_division,
        row.id,
        values,
        Changes.account(account_id),
    )


def delete_division(
    account_id: int, account_name: str, divisions: Sequence[DivisionRow], row: DivisionRow
) -> Delete:
    """Delete a division with its sub-divisions (deepest first)."""
    ids = subtree_ids(divisions, row.id)
    return Delete(
        f"Delete division {division_what(row.name, len(ids) - 1)} of {account_name}",
        Division,
        ids,
        Changes.account(account_id),
    )


def add_geography(account_id: int, account_name: str, values: GeographyValues) -> Insert[Geography]:
    return Insert(
        f"Add geography {geography_label(values.region, values.country)} to {account_name}",
        lambda session: writes.new_geography(session, account_id, values),
        Changes.account(account_id),
    )


def edit_geography(
    account_id: int, account_name: str, row: GeographyRow, values: GeographyValues
) -> Update[GeographyValues]:
    return Update(
        f"Edit geography {row.label} of {account_name}",
        writes.update_geography,
        row.id,
        values,
        Changes.account(account_id),
    )


def delete_geography(account_id: int, account_name: str, row: GeographyRow) -> Delete:
    """Delete a geography; its divisions keep no geography (undo puts it back on them)."""
    text = f"Delete geography {row.label} of {account_name}"
    return Delete(text, Geography, [row.id], Changes.account(account_id))


# --- activities ---------------------------------------------------------------------------


def add_activity(account_id: int, account_name: str, values: ActivityValues) -> Insert[Activity]:
    return Insert(
        f"Add {values.kind.label} of {values.date.isoformat()} to {account_name}",
        lambda session: writes.new_activity(session, account_id, values),
        Changes.account(account_id),
    )


def edit_activity(
    account_id: int, account_name: str, row: ActivityRow, values: ActivityValues
) -> Update[ActivityValues]:
    return Update(
        f"Edit {row.kind.label} of {row.date.isoformat()} on {account_name}",
        writes.update_activity,
        row.id,
        values,
        Changes.account(account_id),
    )


def delete_activity(account_id: int, account_name: str, row: ActivityRow) -> Delete:
    text = f"Delete {row.kind.label} of {row.date.isoformat()} from {account_name}"
    return Delete(text, Activity, [row.id], Changes.account(account_id))


# --- our team -------------------------------------------------------------------------------


def add_member(values: MemberValues) -> Insert[TeamMember]:
    return Insert(
        f"Add {values.role.label} {values.name}",
        lambda session: team_writes.new_member(session, values),
        TEAM,
    )


def edit_member(name: str, member_id: int, values: MemberValues) -> Update[MemberValues]:
    return Update(f"Edit {name}", team_writes.update_member, member_id, values, TEAM)


def retire_member(name: str, member_id: int, retired_on: dt.date | None) -> Update[dt.date | None]:
    """Retire a person on a date, or make them active again (``retired_on`` None)."""
    text = f"Retire {name} on {retired_on.isoformat()}" if retired_on else f"Reactivate {name}"
    return Update(text, team_writes.set_retired, member_id, retired_on, TEAM)


class DeleteMember(Delete):
    """Delete someone nothing refers to; anyone else is retired instead (checked in the
    transaction, so a reference added meanwhile still stops it)."""

    def __init__(self, name: str, member_id: int) -> None:
        super().__init__(f"Delete {name}", TeamMember, [member_id], TEAM)

    def apply(self, session: Session) -> Changes:
        for member_id in self.row_ids:
            team_writes.check_deletable(session, member_id)
        return super().apply(session)
