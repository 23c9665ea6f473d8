"""Planning the contact rows of an import: the account each goes to, the existing person it
updates (record id, then e-mail, then name, within the account), its division, and the
checks a row can fail (no name, no account, a bad e-mail, a duplicate e-mail)."""

from __future__ import annotations

import re
from typing import Any

from cs_planner.domain.enums import Level
from cs_planner.domain.errors import ValidationError
from cs_planner.domain.imports.accounts import resolve_account
from cs_planner.domain.imports.existing import Existing, PersonNow
from cs_planner.domain.imports.rows import PlanRow, Status, Tick, Writes, no_tick
from cs_planner.domain.model.base import a_phone, an_email, optional_text, required_text

_EXECUTIVE = re.compile(r"\b(chief|ceo|cfo|cio|cto|coo|cmo|cro|ciso|president|evp|svp|founder)\b")
_DIRECTOR = re.compile(r"\b(vp|vice president|director|head of|head)\b")
_MANAGER = re.compile(r"\b(manager|lead|supervisor|principal)\b")


def level_of(title: str) -> Level:
    """A level guessed from a job title, for people created by an import."""
    words = title.casefold()
    if _EXECUTIVE.search(words):
        return Level.EXECUTIVE
    if _DIRECTOR.search(words):
        return Level.DIRECTOR_VP
    if _MANAGER.search(words) or not words:
        return Level.MANAGER
    return Level.END_USER


class PeopleIndex:
    """The portfolio's people by account: record id, e-mail and name (built once)."""

    def __init__(self, existing: Existing) -> None:
        self.by_record: dict[tuple[int, str | None, str], PersonNow] = {}
        self.by_email: dict[tuple[int, str], PersonNow] = {}
        self.by_name: dict[tuple[int, str], list[PersonNow]] = {}
        for person in existing.people.values():
            if person.external_id:
                key = (person.account_id, person.external_source, person.external_id)
                self.by_record[key] = person
            if person.email:
                self.by_email[(person.account_id, person.email.casefold())] = person
            self.by_name.setdefault((person.account_id, person.name.casefold()), []).append(person)

    def match(self, account_id: int, source: str, fields: dict[str, Any]) -> PersonNow | None:
        if (record := fields.get("external_id")) and (
            found := self.by_record.get((account_id, source, record))
        ):
            return found
        if (email := fields.get("email")) and (
            found := self.by_email.get((account_id, email.casefold()))
        ):
            return found
        named = self.by_name.get((account_id, fields["name"].casefold()), [])
        return named[0] if len(named) == 1 else None


def contact_fields(row: PlanRow, source: str) -> dict[str, Any]:
    v = row.values
    fields: dict[str, Any] = {"name": required_text(row.name, "The name", "name")}
    if title := v.get("title", "").strip():
        fields["title"] = optional_text(title, "The title", "title")
    if email := v.get("email", "").strip():
        fields["email"] = an_email(email, "The e-mail", "email")
    if phone := v.get("phone", "").strip():
        try:
            fields["phone"] = a_phone(phone, "The phone number", "phone")
        except ValidationError as exc:  # a contact detail: not a reason to leave a person out
            row.reasons.append(f"{exc.message.rstrip('.')}; the phone is not set")
    if country := v.get("country", "").strip():
        fields["country"] = optional_text(country, "The country", "country", 100)
    if department := v.get("department", "").strip():
        fields["department"] = optional_text(department, "The department", "department")
    if record := v.get("record_id", "").strip():
        fields["external_source"], fields["external_id"] = source, record[:100]
    return fields


def plan_contacts(
    rows: list[PlanRow],
    existing: Existing,
    source: str,
    accounts: dict[str, str],
    default_account: str | None,
    writes: Writes,
    *,
    account_by_name: bool = True,
    tick: Tick = no_tick,
) -> None:
    """Sets each row's status, key and account; fills ``writes`` (managers come after).
    ``account_by_name``: the account column holds names, and a name not found is a new
    account (a column of record ids must match one)."""
    people = PeopleIndex(existing)
    emails: dict[str, int] = {}
    records: dict[str, int] = {}
    for row in rows:
        tick()
        row.status, row.reasons, row.key, row.account_key = Status.SKIP, [], "", ""
        if row.excluded:
            row.reasons.append("left out")
            continue
        try:
            fields = contact_fields(row, source)
        except ValidationError as exc:
            row.skip(exc.message.rstrip("."))
            continue
        cell = row.values.get("account", "").strip()
        account = resolve_account(cell, accounts) if cell else None
        if account is None and cell and account_by_name:
            account = _new_account(cell, writes)
        if account is None and not cell and default_account:
            account = resolve_account(default_account, accounts)
            account = account or _new_account(default_account, writes)
        if account is None:
            row.skip(
                f"account '{cell}' is neither in the file nor in the portfolio"
                if cell
                else "no account: map an account column or name one (--account)"
            )
            continue
        if email := fields.get("email", "").casefold():
            if email in emails:
                row.skip(f"duplicate e-mail {fields['email']} (also on row {emails[email]})")
                continue
            emails[email] = row.row
        if record := fields.get("external_id"):
            if record in records:
                row.skip(f"duplicate record id {record} (also on row {records[record]})")
                continue
            records[record] = row.row
        row.account_key = account
        _place(row, fields, account, existing, people, source, writes)


def _new_account(name: str, writes: Writes) -> str:
    key = f"new:{name.casefold()}"
    writes.new_accounts.setdefault(key, {"name": name})
    return key


def _place(
    row: PlanRow,
    fields: dict[str, Any],
    account: str,
    existing: Existing,
    people: PeopleIndex,
    source: str,
    writes: Writes,
) -> None:
    department = fields.pop("department", None)
    if department:
        fields["division"] = _division(account, department, existing, writes)
    match = None
    if account.startswith("e:"):
        match = people.match(int(account[2:]), source, fields)
    if match is None:
        row.key, row.status = f"n:{row.file}:{row.row}", Status.CREATE
        fields["level"] = level_of(fields.get("title", ""))
        writes.new_people[row.key] = (account, fields)
        return
    row.key = f"e:{match.id}"
    changed = {
        k: v
        for k, v in fields.items()
        if k != "division" and getattr(match, k) != v and not (k == "email" and _same(match, v))
    }
    if "division" in fields and fields["division"] != f"d:{match.division_id}":
        changed["division"] = fields["division"]
    if changed:
        writes.people_updates[match.id] = changed
    row.status = Status.UPDATE if changed else Status.UNCHANGED


def _same(person: PersonNow, email: str) -> bool:
    return person.email.casefold() == email.casefold()


def _division(account: str, name: str, existing: Existing, writes: Writes) -> str:
    if account.startswith("e:"):
        division = existing.divisions.get((int(account[2:]), name.casefold()))
        if division is not None:
            return f"d:{division}"
    key = f"nd:{account}:{name.casefold()}"
    writes.new_divisions.setdefault(key, (account, name))
    return key
