"""An account's parent account from an import: the parent cell names a record id or an
account name, in the file or in the portfolio. A parent not found or one that would make
a loop is a reason on the row; the account is imported all the same, its parent unset."""

from __future__ import annotations

from cs_planner.domain.imports.accounts import resolve_account
from cs_planner.domain.imports.existing import Existing
from cs_planner.domain.imports.rows import PlanRow, Status, Writes


def plan_parents(
    rows: list[PlanRow], existing: Existing, index: dict[str, str], writes: Writes
) -> None:
    """``index``: record id ("id:...") and casefolded name -> account key (account_index).
    Fills ``writes.account_parents`` for the rows whose parent changes."""
    above = {
        f"e:{a.id}": f"e:{a.parent_id}"
        for a in existing.accounts.values()
        if a.parent_id is not None
    }
    for row in rows:
        text = row.values.get("parent", "").strip()
        if not text or row.status is Status.SKIP:
            continue  # an empty cell never wipes the parent the portfolio holds
        parent = resolve_account(text, index)
        if parent is None:
            row.reasons.append(
                f"parent account '{text}' is neither in the file nor in the portfolio; "
                "the parent is not set"
            )
            continue
        if parent == row.key or _loops(row.key, parent, above):
            what = "itself" if parent == row.key else f"'{text}', which belongs to it"
            row.reasons.append(
                f"the parent account would be {what} (a loop in the account hierarchy); "
                "the parent is not set"
            )
            continue
        if above.get(row.key) == parent:
            continue
        above[row.key] = parent
        writes.account_parents[row.key] = parent
        if row.status is Status.UNCHANGED:
            row.status = Status.UPDATE


def _loops(key: str, parent: str, above: dict[str, str]) -> bool:
    seen = set()
    node: str | None = parent
    while node is not None and node not in seen:
        if node == key:
            return True
        seen.add(node)
        node = above.get(node)
    return False
