"""Every change to the renewal records, as undoable edits; and a suggested objective of the
next cycle added to the customer's objectives."""

from __future__ import annotations

import datetime as dt

from cs_planner.domain.changes import Changes
from cs_planner.domain.edits import Delete, Edit, Insert, Update
from cs_planner.domain.model import Objective, Renewal
from cs_planner.domain.plan import renewals
from cs_planner.domain.plan.renewals import RenewalRow, RenewalValues, Suggestion


def add_renewal(account_id: int, values: RenewalValues) -> Insert[Renewal]:
    return Insert(
        f"Add the renewal of {values.renewed_on.isoformat()}",
        lambda s: renewals.new_renewal(s, account_id, values),
        Changes.account(account_id),
    )


def edit_renewal(account_id: int, row: RenewalRow, values: RenewalValues) -> Update[RenewalValues]:
    return Update(
        f"Edit the renewal of {row.values.renewed_on.isoformat()}",
        renewals.update_renewal,
        row.id,
        values,
        Changes.account(account_id),
    )


def delete_renewal(account_id: int, row: RenewalRow) -> Edit:
    text = f"Delete the renewal of {row.values.renewed_on.isoformat()}"
    return Delete(text, Renewal, [row.id], Changes.account(account_id))


def add_objective(account_id: int, suggestion: Suggestion, today: dt.date) -> Insert[Objective]:
    return Insert(
        f"Add the objective '{suggestion.title}'",
        lambda s: renewals.new_objective(s, account_id, suggestion, today),
        Changes.account(account_id),
    )
