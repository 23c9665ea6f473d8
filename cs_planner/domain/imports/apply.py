"""Applying a preview as one undoable edit: accounts, divisions and people created or
updated and reporting lines set, in the caller's one transaction. Undo deletes what was
created and puts back every field it changed; redo makes the same rows with the same ids.
A progress callback that returns False stops it (the caller's transaction rolls back)."""

from __future__ import annotations

import copy
from collections.abc import Iterable, Iterator
from typing import Any, TypeVar

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from cs_planner.domain.changes import Changes
from cs_planner.domain.edits import Edit
from cs_planner.domain.imports.preview import ImportCancelled, Progress
from cs_planner.domain.imports.rows import Writes
from cs_planner.domain.model import Account, Division, Stakeholder
from cs_planner.domain.model.base import Base

CHUNK = 500  # rows between flushes and progress reports; also the size of an IN (...) list
M = TypeVar("M", bound=Base)


def _chunks(items: list[Any]) -> Iterator[list[Any]]:
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


def _load(session: Session, model: type[M], ids: Iterable[int]) -> dict[int, M]:
    """Rows by id, a chunk of ids per query (not a query per row)."""
    found: dict[int, M] = {}
    column = model.__table__.c.id
    for chunk in _chunks(sorted(set(ids))):
        for row in session.scalars(select(model).where(column.in_(chunk))):
            found[row.id] = row  # type: ignore[attr-defined]
    return found


class ImportEdit(Edit):
    def __init__(self, writes: Writes, text: str = "Import", progress: Progress | None = None):
        self.text, self.progress = text, progress
        self.writes = copy.deepcopy(writes)  # the preview may be edited again afterwards
        self.ids: dict[str, int] = {}  # new rows' keys -> ids, so redo makes the same ids
        self.old_accounts: dict[int, dict[str, Any]] = {}
        self.old_people: dict[int, dict[str, Any]] = {}
        w = self.writes
        self.total = (
            len(w.new_accounts)
            + len(w.account_updates)
            + len(w.new_divisions)
            + len(w.new_people)
            + len(w.people_updates)
            + len(w.managers)
        )
        self.done = 0

    def _step(self, count: int = 1) -> None:
        before, self.done = self.done, self.done + count
        report = before // CHUNK != self.done // CHUNK or self.done == self.total
        if self.progress and report and not self.progress(self.done, self.total):
            raise ImportCancelled()

    def _id(self, key: str) -> int:
        return int(key.split(":", 1)[1]) if key.startswith(("e:", "d:")) else self.ids[key]

    def apply(self, session: Session) -> Changes:
        self.done = 0
        w = self.writes
        accounts = self._accounts(session)
        divisions: dict[str, Division] = {}
        for key, (account_key, name) in w.new_divisions.items():
            divisions[key] = Division(
                id=self.ids.get(key), account_id=self._id(account_key), name=name
            )
            session.add(divisions[key])
            self._step()
        session.flush()
        self.ids.update({key: row.id for key, row in divisions.items()})
        people = self._people(session)
        wanted = {m for m in w.managers.values() if m and m.startswith("e:")} | {
            k for k in w.managers if k.startswith("e:")
        }
        people.update(
            {f"e:{i}": p for i, p in _load(session, Stakeholder, map(self._id, wanted)).items()}
        )
        for key, manager in w.managers.items():
            person = people[key]
            if key.startswith("e:") and person.id not in self.old_people:
                self.old_people[person.id] = {}
            self.old_people.get(person.id, {}).setdefault("reports_to_id", person.reports_to_id)
            person.reports_to = people[manager] if manager else None
            self._step()
        session.flush()
        touched = {self._id(k) for k in w.new_accounts} | set(accounts)
        touched |= {p.account_id for p in people.values()}
        return Changes.of_accounts(touched, listed=True)

    def _accounts(self, session: Session) -> dict[int, Account]:
        w = self.writes
        made: dict[str, Account] = {}
        for key, fields in w.new_accounts.items():
            # The first deal is not in a CRM export: the ARR stands for it (it must be > 0).
            first_deal = fields.get("arr") or 1.0
            made[key] = Account(id=self.ids.get(key), initial_deal_value=first_deal, **fields)
            session.add(made[key])
            self._step()
        session.flush()
        self.ids.update({key: row.id for key, row in made.items()})
        loaded = _load(session, Account, w.account_updates)
        for account_id, changes in w.account_updates.items():
            account = loaded[account_id]
            self.old_accounts[account_id] = {k: getattr(account, k) for k in changes}
            for name, value in changes.items():
                setattr(account, name, value)
            self._step()
        return {a.id: a for a in (*made.values(), *loaded.values())}

    def _people(self, session: Session) -> dict[str, Stakeholder]:
        w = self.writes
        people: dict[str, Stakeholder] = {}
        for key, (account_key, fields) in w.new_people.items():
            values = dict(fields)
            division = values.pop("division", None)
            people[key] = Stakeholder(
                id=self.ids.get(key),
                account_id=self._id(account_key),
                division_id=self._id(division) if division else None,
                **values,
            )
            session.add(people[key])
            self._step()
            if self.done % CHUNK == 0:
                session.flush()
        session.flush()
        self.ids.update({key: row.id for key, row in people.items()})
        loaded = _load(session, Stakeholder, w.people_updates)
        for person_id, changes in w.people_updates.items():
            person = loaded[person_id]
            values = dict(changes)
            if "division" in values:
                values["division_id"] = self._id(values.pop("division"))
            self.old_people[person_id] = {k: getattr(person, k) for k in values}
            for name, value in values.items():
                setattr(person, name, value)
            self._step()
        people.update({f"e:{i}": p for i, p in loaded.items()})
        return people

    def revert(self, session: Session) -> Changes:
        people = _load(session, Stakeholder, self.old_people)
        for person_id, old in self.old_people.items():
            for name, value in old.items():
                setattr(people[person_id], name, value)
        accounts = _load(session, Account, self.old_accounts)
        for account_id, old in self.old_accounts.items():
            for name, value in old.items():
                setattr(accounts[account_id], name, value)
        session.flush()
        w = self.writes
        for model, keys in (
            (Stakeholder, w.new_people),
            (Division, w.new_divisions),
            (Account, w.new_accounts),
        ):
            ids = [self.ids[k] for k in keys if k in self.ids]
            table = Base.metadata.tables[model.__tablename__]
            for chunk in _chunks(ids):  # the database cascades to what hangs off them
                session.execute(delete(table).where(table.c.id.in_(chunk)))
        session.expire_all()
        touched = {self._id(k) for k in w.new_accounts} | set(self.old_accounts)
        touched |= {p.account_id for p in people.values()}
        self.old_accounts, self.old_people = {}, {}
        return Changes.of_accounts(touched, listed=True)
