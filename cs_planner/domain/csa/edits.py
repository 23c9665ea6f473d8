"""The CSA capability's edits: CSAs (team members with the CSA role) and allocations,
validated, and the undoable ``Edit``s the views perform."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

from cs_planner.domain.accounts.rows import MemberValues
from cs_planner.domain.accounts.team_writes import new_member, update_member
from cs_planner.domain.changes import Changes
from cs_planner.domain.csa.rows import AllocationRow, AllocationValues, CsaRow, CsaValues
from cs_planner.domain.edits import Delete, Insert, Update
from cs_planner.domain.enums import TeamRole
from cs_planner.domain.errors import ValidationError
from cs_planner.domain.model import Account, CsaAllocation, TeamMember, UseCase


def _csa(session: Session, csa_id: int) -> TeamMember:
    person = session.get(TeamMember, csa_id)
    if person is None or person.role != TeamRole.CSA:
        raise ValidationError("That CSA no longer exists (they may have been deleted).", "csa_id")
    return person


def _member_values(values: CsaValues) -> MemberValues:
    return MemberValues(
        values.name,
        TeamRole.CSA,
        values.email,
        values.capacity_hours_per_week,
        values.bill_rate,
        values.chargeability_target,
    )


def new_csa(session: Session, values: CsaValues) -> TeamMember:
    """A new CSA, validated and added to the session (a team member with the CSA role)."""
    return new_member(session, _member_values(values))


def update_csa(session: Session, csa_id: int, values: CsaValues) -> CsaValues:
    """Change a CSA; returns the values as they were (for undo)."""
    _csa(session, csa_id)
    old = update_member(session, csa_id, _member_values(values))
    return CsaValues(
        old.name, old.email, old.capacity_hours_per_week, old.bill_rate, old.chargeability_target
    )


def _assign_allocation(session: Session, row: CsaAllocation, values: AllocationValues) -> None:
    if values.csa_id is None:
        raise ValidationError("Choose the CSA to allocate.", "csa_id")
    if values.account_id is None:
        raise ValidationError("Choose the account the CSA works on.", "account_id")
    account = session.get(Account, values.account_id)
    if account is None:
        raise ValidationError("That account no longer exists.", "account_id")
    use_case = None
    if values.use_case_id is not None:
        use_case = session.get(UseCase, values.use_case_id)
        if use_case is None:
            raise ValidationError("That use case no longer exists.", "use_case_id")
    person = _csa(session, values.csa_id)
    if person.retired_on is not None and values.end_date > person.retired_on:
        # Kept true by set_retired too, so an undo never meets an allocation it cannot restore.
        raise ValidationError(
            f"{person.name} retired on {person.retired_on.isoformat()}: an allocation of "
            "theirs must end by then. Choose an active CSA.",
            "csa_id",
        )
    # Ids and relationships together: the same-account check reads the ids before a flush.
    row.csa = person
    row.csa_id = values.csa_id
    row.account, row.account_id = account, account.id
    row.use_case, row.use_case_id = use_case, values.use_case_id
    row.fraction = values.fraction
    row.phase, row.funding, row.requested_by = values.phase, values.funding, values.requested_by
    row.start_date, row.end_date = values.start_date, values.end_date
    row.notes = (values.notes or "").strip()
    row.check()  # before the flush, so a bad edit never reaches the database


def new_allocation(session: Session, values: AllocationValues) -> CsaAllocation:
    row = CsaAllocation()
    _assign_allocation(session, row, values)
    session.add(row)
    return row


def update_allocation(
    session: Session, allocation_id: int, values: AllocationValues
) -> AllocationValues:
    """Change an allocation; returns its values as they were (for undo)."""
    row = session.get(CsaAllocation, allocation_id)
    if row is None:
        raise ValidationError("That allocation no longer exists (it may have been deleted).")
    before = AllocationValues(
        csa_id=row.csa_id,
        account_id=row.account_id,
        start_date=row.start_date,
        end_date=row.end_date,
        fraction=row.fraction,
        phase=row.phase,
        funding=row.funding,
        requested_by=row.requested_by,
        use_case_id=row.use_case_id,
        notes=row.notes,
    )
    _assign_allocation(session, row, values)
    session.flush()
    return before


# --- undoable edits ------------------------------------------------------------------------------


def fraction_text(fraction: float) -> str:
    return f"{fraction:.0%}"


def describe(row: AllocationRow) -> str:
    """ "Ada Brennan (50%) on Kestrel": an allocation in undo texts and titles."""
    return f"{row.csa} ({fraction_text(row.fraction)}) on {row.account}"


def edit_text(row: AllocationRow, new: AllocationValues, roster: Sequence[CsaRow]) -> str:
    """An undo text that says what changed: "Move Ada Brennan's allocation on Kestrel to
    Rui Santos"; "Change Ada Brennan on Kestrel to 100%, 2026-12-01 to 2027-03-31"."""
    names = {c.id: c.name for c in roster}
    if new.csa_id != row.csa_id:
        moved_to = names.get(new.csa_id, "?") if new.csa_id is not None else "?"
        return f"Move {row.csa}'s allocation on {row.account} to {moved_to}"
    parts = []
    if new.fraction != row.fraction:
        parts.append(fraction_text(new.fraction))
    if (new.start_date, new.end_date) != (row.start, row.end):
        parts.append(f"{new.start_date.isoformat()} to {new.end_date.isoformat()}")
    if parts:
        return f"Change {row.csa} on {row.account} to {', '.join(parts)}"
    return f"Edit {describe(row)}"


def add_allocation(text: str, values: AllocationValues) -> Insert[CsaAllocation]:
    """Allocate a CSA; undo removes the allocation, redo brings it back with its id."""
    return Insert(
        text,
        lambda s: new_allocation(s, values),
        Changes.account(values.account_id, listed=True),
    )


def edit_allocation(
    text: str, row: AllocationRow, new: AllocationValues
) -> Update[AllocationValues]:
    """Change an allocation (the what-if too); both accounts hear of it when it moves
    from one account to another."""
    accounts = {row.account_id} | ({new.account_id} if new.account_id is not None else set())
    return Update(text, update_allocation, row.id, new, Changes.of_accounts(accounts, listed=True))


def delete_allocation(row: AllocationRow) -> Delete:
    return Delete(
        f"Delete allocation of {describe(row)}",
        CsaAllocation,
        [row.id],
        Changes.account(row.account_id, listed=True),
    )
