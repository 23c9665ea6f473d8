"""The org chart of one account as the preview would leave it: the account's people now,
with the import's updates, new people and reporting lines laid over them. Rows only (no
Qt): the dialog draws them with the relationship map's scene."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

from cs_planner.domain.enums import Level, StakeholderStatus, Stance
from cs_planner.domain.imports.preview import Preview
from cs_planner.domain.relationships.rows import StakeholderRow


@dataclass(frozen=True)
class ChartAccount:
    key: str  # the preview's account key: "e:<id>" existing, else a new account's key
    name: str
    people: int  # people the import creates or updates in it

    @property
    def account_id(self) -> int | None:
        return int(self.key[2:]) if self.key.startswith("e:") else None


def chart_accounts(preview: Preview) -> list[ChartAccount]:
    """The accounts the import puts people in, most people first."""
    counted: Counter[str] = Counter(row.account_key for row in preview.contacts if row.account_key)
    named = []
    for key, people in counted.items():
        if key.startswith("e:"):
            now = preview.existing.accounts.get(int(key[2:]))
            name = now.name if now else key
        else:
            name = str(preview.writes.new_accounts.get(key, {}).get("name", key))
        named.append(ChartAccount(key, name, people))
    return sorted(named, key=lambda a: (-a.people, a.name.casefold()))


def planned_people(
    preview: Preview, account: ChartAccount, now: list[StakeholderRow]
) -> tuple[list[StakeholderRow], set[int]]:
    """The account's people after the import (``now``: its people today, none for a new
    account) and the ids of those it creates or changes. New people get negative ids."""
    writes = preview.writes
    ids: dict[str, int] = {f"e:{p.id}": p.id for p in now}
    new = [
        (key, fields) for key, (where, fields) in writes.new_people.items() if where == account.key
    ]
    ids.update({key: -n for n, (key, _) in enumerate(new, start=1)})

    def manager(key: str, before: int | None) -> int | None:
        if key not in writes.managers:
            return before
        wanted = writes.managers[key]
        return ids.get(wanted) if wanted else None

    touched: set[int] = set()
    people: list[StakeholderRow] = []
    for person in now:
        key, changes = f"e:{person.id}", writes.people_updates.get(person.id, {})
        after = replace(
            person,
            name=changes.get("name", person.name),
            title=changes.get("title", person.title),
            email=changes.get("email", person.email),
            reports_to_id=manager(key, person.reports_to_id),
        )
        if after != person:
            touched.add(person.id)
        people.append(after)
    for key, fields in new:
        people.append(
            StakeholderRow(
                id=ids[key],
                name=fields["name"],
                title=fields.get("title", ""),
                division_id=None,
                division=_division(preview, fields.get("division")),
                level=fields.get("level", Level.MANAGER),
                roles=frozenset(),
                stance=Stance.NEUTRAL,
                influence=3,
                reports_to_id=manager(key, None),
                owner_id=None,
                owner="",
                email=fields.get("email", ""),
                last_contact=None,
                status=StakeholderStatus.ACTIVE,
                pinned=None,
                notes="",
            )
        )
        touched.add(ids[key])
    return people, touched


def _division(preview: Preview, key: str | None) -> str:
    if not key:
        return ""
    if key in preview.writes.new_divisions:
        return preview.writes.new_divisions[key][1]
    wanted = int(key[2:]) if key.startswith("d:") else None
    return next((name for (_, name), i in preview.existing.divisions.items() if i == wanted), "")
