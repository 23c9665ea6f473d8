"""Applying a preview as one undoable edit: accounts, divisions and people created or
updated and reporting lines set, in the caller's one transaction. Undo deletes what was
created and puts back every field it changed; redo makes the same rows with the same ids.
A progress callback that returns False stops it (the caller's transaction rolls back)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, TypeVar

from sqlalchemy import bindparam, delete, func, insert, select, update
from sqlalchemy.orm import Session

from cs_planner.domain import change_log
from cs_planner.domain.changes import Changes
from cs_planner.domain.edits import Edit
from cs_planner.domain.imports.mapping import Mapping, remember
from cs_planner.domain.imports.preview import ImportCancelled, Progress
from cs_planner.domain.imports.rows import Writes
from cs_planner.domain.model import Account, Division, Stakeholder
from cs_planner.domain.model.base import (
    Base,
    a_phone,
    an_email,
    optional_text,
    required_text,
)

CHUNK = 500  # rows between flushes and progress reports; also the size of an IN (...) list
M = TypeVar("M", bound=Base)
PEOPLE = Base.metadata.tables["stakeholder"]


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


def _copy(writes: Writes) -> Writes:
    """A copy two levels deep (the values are immutable): far quicker than deepcopy."""
    return Writes(
        {k: dict(v) for k, v in writes.new_accounts.items()},
        {k: dict(v) for k, v in writes.account_updates.items()},
        dict(writes.new_divisions),
        {k: (a, dict(v)) for k, (a, v) in writes.new_people.items()},
        {k: dict(v) for k, v in writes.people_updates.items()},
        dict(writes.managers),
        dict(writes.account_parents),
    )


class ImportEdit(Edit):
    def __init__(self, writes: Writes, text: str = "Import", progress: Progress | None = None):
        self.text, self.progress = text, progress
        self.writes = _copy(writes)  # the preview may be edited again afterwards
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
            + len(w.account_parents)
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
        self._parents(session, accounts)
        divisions: dict[str, Division] = {}
        for key, (account_key, name) in w.new_divisions.items():
            divisions[key] = Division(
                id=self.ids.get(key), account_id=self._id(account_key), name=name
            )
            session.add(divisions[key])
            self._step()
        session.flush()
        self.ids.update({key: row.id for key, row in divisions.items()})
        touched = {self._id(k) for k in w.new_accounts} | set(accounts)
        touched |= self._new_people(session) | self._update_people(session)
        touched |= self._managers(session)
        session.expire_all()  # the reporting lines were written past the ORM
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

    def _parents(self, session: Session, accounts: dict[int, Account]) -> None:
        """Parents once every account has an id; the model refuses a loop at the flush."""
        w = self.writes
        more = _load(session, Account, {self._id(k) for k in w.account_parents} - set(accounts))
        accounts = {**accounts, **more}
        for key, parent in w.account_parents.items():
            account = accounts[self._id(key)]
            if not key.startswith("n:"):
                self.old_accounts.setdefault(account.id, {}).setdefault(
                    "parent_id", account.parent_id
                )
            account.parent_id = self._id(parent)
            self._step()
        session.flush()

    def _new_people(self, session: Session) -> set[int]:
        """Insert new people a chunk per statement: through the ORM, a table that refers
        to itself is written a row at a time (minutes for 100,000 people)."""
        w = self.writes
        next_id = (session.scalar(select(func.max(PEOPLE.c.id))) or 0) + 1
        rows: list[dict[str, Any]] = []
        for key, (account_key, fields) in w.new_people.items():
            values = dict(fields)
            division = values.pop("division", None)
            # The model's own field checks, on what the preview planned.
            name = required_text(values["name"], "The stakeholder's name", "name")
            title = optional_text(values.get("title", ""), "The title", "title")
            if key not in self.ids:
                self.ids[key], next_id = next_id, next_id + 1
            rows.append(
                {
                    "id": self.ids[key],
                    "account_id": self._id(account_key),
                    "division_id": self._id(division) if division else None,
                    "name": name,
                    "title": title,
                    "email": an_email(values.get("email", ""), "Email", "email"),
                    "phone": a_phone(values.get("phone", ""), "The phone number", "phone"),
                    "country": optional_text(
                        values.get("country", ""), "The country", "country", 100
                    ),
                    "level": values["level"],
                    "external_source": values.get("external_source"),
                    "external_id": values.get("external_id"),
                }
            )
        for chunk in _chunks(rows):
            session.execute(insert(PEOPLE), chunk)
            self._step(len(chunk))
        change_log.wrote(session, PEOPLE.name, (row["id"] for row in rows))
        return {row["account_id"] for row in rows}

    def _update_people(self, session: Session) -> set[int]:
        w = self.writes
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
        session.flush()
        return {p.account_id for p in loaded.values()}

    def _managers(self, session: Session) -> set[int]:
        """Reporting lines, an executemany per chunk; the preview checked that each manager
        is in the person's account and that the lines make no loop."""
        w = self.writes
        existing = [self._id(k) for k in w.managers if k.startswith("e:")]
        touched: set[int] = set()
        for chunk in _chunks(existing):
            now = select(PEOPLE.c.id, PEOPLE.c.reports_to_id, PEOPLE.c.account_id)
            for person_id, manager_id, account_id in session.execute(
                now.where(PEOPLE.c.id.in_(chunk))
            ):
                self.old_people.setdefault(person_id, {}).setdefault("reports_to_id", manager_id)
                touched.add(account_id)
        lines = [
            {"person": self._id(key), "manager": self._id(manager) if manager else None}
            for key, manager in w.managers.items()
        ]
        statement = (
            update(PEOPLE)
            .where(PEOPLE.c.id == bindparam("person"))
            .values(reports_to_id=bindparam("manager"), version=PEOPLE.c.version + 1)
        )
        for chunk in _chunks(lines):
            session.execute(statement, chunk)
            self._step(len(chunk))
        change_log.wrote(session, PEOPLE.name, (self._id(key) for key in w.managers))
        return touched

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


class ImportWithMappings(ImportEdit):
    """The import, and the mapping of each file remembered for its header set in the same
    transaction. Undo leaves the mappings: they describe the files, not the portfolio."""

    def __init__(
        self,
        writes: Writes,
        mappings: list[tuple[tuple[str, ...], Mapping]],
        text: str = "Import",
        progress: Progress | None = None,
    ) -> None:
        super().__init__(writes, text, progress)
        self.mappings = mappings

    def apply(self, session: Session) -> Changes:
        changes = super().apply(session)
        for headers, mapping in self.mappings:
            remember(session, headers, mapping)
        return changes
