"""Planning the account rows of an import: match by record id, then by name; parse and
check each value; an empty cell never wipes what the portfolio holds."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from cs_planner.domain.errors import ValidationError
from cs_planner.domain.imports.existing import AccountNow, Existing
from cs_planner.domain.imports.owners import find_owner
from cs_planner.domain.imports.rows import PlanRow, Status, Tick, Writes, no_tick
from cs_planner.domain.imports.values import DateOrder, against, parse_date, parse_number
from cs_planner.domain.model.base import COUNT_MAX, number_in, optional_text, required_text


def size_band(employees: float) -> str:
    """The bands the stairway templates use."""
    return "SMB" if employees < 100 else "Mid-market" if employees < 1000 else "Enterprise"


def account_fields(
    row: PlanRow,
    existing: Existing,
    source: str,
    dates: DateOrder = DateOrder.DAY_FIRST,
    owners: Mapping[str, str] = MappingProxyType({}),
) -> dict[str, Any]:
    """The values a row sets, parsed; raises ValidationError or ValueError with the reason.
    The parent is planned once every row has its key (imports.parents); ``dates``: the
    order the renewal date column reads in (values.column_order); ``owners``: the mapping's
    translation of owner values to our team (imports.owners)."""
    v = row.values
    fields: dict[str, Any] = {"name": required_text(v.get("name", ""), "The account name", "name")}
    if text := v.get("industry", "").strip():
        fields["industry"] = optional_text(text, "The industry", "industry", 100)
    if (arr := parse_number(v.get("arr", ""), "ARR")) is not None:
        fields["arr"] = arr
    renewal_text = v.get("renewal_date", "").strip()
    if against(renewal_text, dates):
        row.reasons.append(
            f"the renewal date '{renewal_text}' can only be read {_other(dates)}, but this "
            f"column's dates read {dates}; it is left out (fix it here)"
        )
    elif (renewal := parse_date(renewal_text, "The renewal date", dates)) is not None:
        fields["renewal_date"] = renewal
    if text := v.get("country", "").strip():
        fields["hq_geography"] = optional_text(text, "The country", "country", 100)
    if (employees := parse_number(v.get("employees", ""), "Employees")) is not None:
        fields["employees"] = number_in(
            employees, "Employees", "employees", high=COUNT_MAX, integer=True
        )
        fields["size_band"] = size_band(employees)
    if owner := v.get("owner", "").strip():
        member = find_owner(owner, existing.team, owners)
        if member is not None:
            fields["csm_id"] = member
        elif owner in owners:
            row.reasons.append(
                f"owner '{owner}' is translated to '{owners[owner]}', who is not one of your "
                "team; the CSM is not set"
            )
        else:
            row.reasons.append(
                f"owner '{owner}' is not one of your team; the CSM is not set (translate it "
                "to a team member in the mapping)"
            )
    if record := v.get("record_id", "").strip():
        fields["external_source"], fields["external_id"] = source, record[:100]
    return fields


def _other(order: DateOrder) -> DateOrder:
    return DateOrder.MONTH_FIRST if order is DateOrder.DAY_FIRST else DateOrder.DAY_FIRST


def plan_accounts(
    rows: list[PlanRow],
    existing: Existing,
    source: str,
    writes: Writes,
    tick: Tick = no_tick,
    dates: DateOrder = DateOrder.DAY_FIRST,
    owners: Mapping[str, str] = MappingProxyType({}),
) -> dict[str, str]:
    """Sets each row's status and key; returns casefolded name and record id -> account key
    for the contacts to find their account by."""
    by_record = {
        (a.external_source, a.external_id): a for a in existing.accounts.values() if a.external_id
    }
    by_name = {a.name.casefold(): a for a in existing.accounts.values()}
    seen: dict[str, int] = {}
    found: dict[str, str] = {}
    for row in rows:
        tick()
        row.status, row.reasons, row.key = Status.SKIP, [], ""
        if row.excluded:
            row.reasons.append("left out")
            continue
        try:
            fields = account_fields(row, existing, source, dates, owners)
        except (ValidationError, ValueError) as exc:
            row.skip(str(exc).rstrip("."))
            continue
        name, record = fields["name"], fields.get("external_id")
        twin = seen.get(f"id:{record}") if record else None
        twin = twin or seen.get(f"name:{name.casefold()}")
        if twin is not None:
            row.skip(f"the same account as row {twin}")
            continue
        seen[f"name:{name.casefold()}"] = row.row
        if record:
            seen[f"id:{record}"] = row.row
        match = by_record.get((source, record)) if record else None
        match = match or by_name.get(name.casefold())
        if match is None:
            row.key, row.status = f"n:{row.file}:{row.row}", Status.CREATE
            writes.new_accounts[row.key] = fields
        else:
            row.key = f"e:{match.id}"
            changed = _changed(match, fields)
            row.status = Status.UPDATE if changed else Status.UNCHANGED
            if changed:
                writes.account_updates[match.id] = changed
        found[name.casefold()] = row.key
        if record:
            found[f"id:{record}"] = row.key
    return found


def _changed(now: AccountNow, fields: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in fields.items() if getattr(now, k) != v}


def account_index(source: str, in_file: dict[str, str], existing: Existing) -> dict[str, str]:
    """Record id ("id:...") and casefolded name -> account key: the file's accounts over the
    portfolio's, so a contact's account cell is looked up without a scan."""
    index = {a.name.casefold(): f"e:{a.id}" for a in existing.accounts.values()}
    index.update(
        {
            f"id:{a.external_id}": f"e:{a.id}"
            for a in existing.accounts.values()
            if a.external_id and a.external_source == source
        }
    )
    index.update(in_file)
    return index


def resolve_account(text: str, index: dict[str, str]) -> str | None:
    """An account key from a contact's account cell: a record id, else a name."""
    text = text.strip()
    if not text:
        return None
    return index.get(f"id:{text}") or index.get(text.casefold())
