"""The change log: each committed user action written with its author and what it touched,
and read back by the other windows on the portfolio (``ui/shell/watcher.py``).

A window tells its own rows from others' by ``client``, a random id per open portfolio:
it reloads after its own edits already, and only others' need reloading and naming.

Conflicts: each entry lists the rows its flushes wrote (``Tracker``). Before an action
commits, the rows it wrote are compared with those of others' entries after the last entry
the window has shown (for an undo, after the edit's own entry): a row in both is a
conflict, raised as ``Conflict`` with the values each side wants, and nothing is written."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, event, func, inspect, select
from sqlalchemy.orm import Session

from cs_planner.domain.changes import Changes
from cs_planner.domain.errors import ValidationError
from cs_planner.domain.model import Account, Base, ChangeEntry, TeamMember

Row = tuple[str, int]  # a table's name and a row's id

KEEP = 5000  # rows kept: enough for any window's gap, small enough never to matter
TEXT_LIMIT = 300
_FLAGS = ("account_list", "team", "settings", "templates")


def encode(changes: Changes) -> str:
    """``Changes`` as text: "accounts=3,17;team"."""
    parts = []
    if changes.accounts:
        parts.append("accounts=" + ",".join(map(str, sorted(changes.accounts))))
    parts += [flag for flag in _FLAGS if getattr(changes, flag)]
    return ";".join(parts)


def decode(text: str) -> Changes:
    accounts: frozenset[int] = frozenset()
    flags = {}
    for part in filter(None, text.split(";")):
        if part.startswith("accounts="):
            accounts = frozenset(int(n) for n in part.removeprefix("accounts=").split(","))
        elif part in _FLAGS:
            flags[part] = True
    return Changes(accounts=accounts, **flags)


def record(
    session: Session,
    text: str,
    changes: Changes,
    *,
    client: str,
    author_id: int | None,
    rows: frozenset[Row] = frozenset(),
    at: dt.datetime | None = None,
) -> int:
    """Log one action in its own transaction (so it is there exactly when the action is);
    returns the entry's id."""
    when = at or dt.datetime.now(dt.UTC).replace(tzinfo=None)
    entry = ChangeEntry(
        at=when,
        author_id=author_id,
        client=client,
        text=" ".join(text.split())[:TEXT_LIMIT],  # one line: a note's text may be in it
        scope=encode(changes),
        rows=" ".join(f"{table}:{row_id}" for table, row_id in sorted(rows)),
    )
    session.add(entry)
    session.flush()
    if entry.id % 100 == 0:  # now and then, not at every action
        session.execute(delete(ChangeEntry).where(ChangeEntry.id <= entry.id - KEEP))
    return entry.id


def author(session: Session, chosen: Callable[[str], int | None]) -> int | None:
    """Who a window's edits are logged as: the team member ``chosen`` for this portfolio
    (by its file id) while they are on the team, else the portfolio's owner."""
    from cs_planner.domain.accounts.people import people
    from cs_planner.domain.model import Settings
    from cs_planner.domain.plan.actions import portfolio_owner

    settings = session.get(Settings, 1)
    everyone = people(session)
    wanted = chosen(settings.file_id or "") if settings else None
    if wanted is not None and any(p.id == wanted for p in everyone):
        return wanted
    return portfolio_owner(everyone, settings.owner_name) if settings else None


def last_id(session: Session) -> int:
    return session.scalar(select(func.max(ChangeEntry.id))) or 0


@dataclass(frozen=True, slots=True)
class Entry:
    id: int
    at: dt.datetime  # UTC
    author: str | None
    text: str
    changes: Changes
    account: str | None  # the one account it touched, named; None for several or none


def since(session: Session, after: int, client: str) -> tuple[int, list[Entry]]:
    """Others' actions after row ``after``, oldest first, and the last row id seen."""
    rows = session.execute(
        select(
            ChangeEntry.id,
            ChangeEntry.at,
            TeamMember.name,
            ChangeEntry.text,
            ChangeEntry.scope,
            ChangeEntry.client,
        )
        .outerjoin(TeamMember, TeamMember.id == ChangeEntry.author_id)
        .where(ChangeEntry.id > after)
        .order_by(ChangeEntry.id)
    ).all()
    if not rows:
        return after, []
    theirs = [r for r in rows if r.client != client]
    changes = {r.id: decode(r.scope) for r in theirs}
    single = {next(iter(c.accounts)) for c in changes.values() if len(c.accounts) == 1}
    names = (
        dict(session.execute(select(Account.id, Account.name).where(Account.id.in_(single))).all())
        if single
        else {}
    )
    entries = []
    for r in theirs:
        touched = changes[r.id].accounts
        account = names.get(next(iter(touched))) if len(touched) == 1 else None
        entries.append(Entry(r.id, r.at, r.name, r.text, changes[r.id], account))
    return rows[-1].id, entries


def describe(entry: Entry, now: dt.datetime) -> str:
    """A status-bar sentence: "Dario Kowalczyk: Move Ada Brennan under Rui Santos
    (Meridian Freight Group), 1 min ago"."""
    who = entry.author or "Someone"
    where = f" ({entry.account})" if entry.account else ""
    return f"{who}: {entry.text}{where}, {ago(now - entry.at)}"


def ago(elapsed: dt.timedelta) -> str:
    seconds = max(0, int(elapsed.total_seconds()))
    if seconds < 60:
        return "just now"
    if seconds < 3600:
        return f"{seconds // 60} min ago"
    if seconds < 86400:
        return f"{seconds // 3600} h ago"
    return f"{seconds // 86400} d ago"


def decode_rows(text: str) -> frozenset[Row]:
    return frozenset(
        (table, int(row_id)) for table, _, row_id in (part.partition(":") for part in text.split())
    )


_CORE_ROWS = "cs_planner.core_rows"  # the session.info key of rows Core statements wrote


def wrote(session: Session, table: str, ids: Iterable[int]) -> None:
    """Rows a Core statement wrote (no flush sees them): told here, they join the action's
    footprint in the log and the conflict check like the rows its flushes wrote."""
    session.info.setdefault(_CORE_ROWS, set()).update((table, i) for i in ids)


class Tracker:
    """The rows a session's flushes (and its Core statements, ``wrote``) write and, for rows
    changed, the values written: an action's own footprint, for its log entry and for the
    conflict check."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.rows: set[Row] = session.info.setdefault(_CORE_ROWS, set())
        self.rows.clear()
        self.yours: dict[Row, dict[str, Any]] = {}
        event.listen(session, "after_flush", self._after_flush)

    def close(self) -> None:
        event.remove(self.session, "after_flush", self._after_flush)

    def _after_flush(self, session: Session, _context: object) -> None:
        for obj in (*session.new, *session.dirty, *session.deleted):
            state = inspect(obj)
            table = getattr(obj, "__tablename__", None)
            row_id = getattr(obj, "id", None)
            if table is None or not isinstance(row_id, int) or table == "change_log":
                continue
            row = (table, row_id)
            if obj in session.dirty:
                changed = {}
                for column in state.mapper.column_attrs:
                    history = state.attrs[column.key].history
                    if column.key == "version":  # the ORM's counter, not a value
                        continue
                    if history.has_changes() and history.added:
                        changed[column.key] = history.added[0]
                if not changed:
                    continue  # loaded and touched, nothing written
                self.yours.setdefault(row, {}).update(changed)
            self.rows.add(row)


@dataclass(frozen=True)
class Clash:
    entry: Entry
    rows: frozenset[Row]


def clashes(session: Session, after: int, client: str, rows: set[Row]) -> list[Clash]:
    """Others' entries after ``after`` that wrote any of ``rows``, oldest first."""
    if not rows:
        return []
    found = session.execute(
        select(ChangeEntry.id, ChangeEntry.rows)
        .where(ChangeEntry.id > after, ChangeEntry.client != client, ChangeEntry.rows != "")
        .order_by(ChangeEntry.id)
    ).all()
    common = {i: decode_rows(text) & rows for i, text in found}
    hit = {i: both for i, both in common.items() if both}
    if not hit:
        return []
    _, entries = since(session, min(hit) - 1, client)
    return [Clash(e, hit[e.id]) for e in entries if e.id in hit]


class Conflict(ValidationError):
    """Someone else wrote a row this action writes, since this window last showed it."""

    def __init__(self, clashes: list[Clash], yours: dict[Row, dict[str, Any]]) -> None:
        last = clashes[-1].entry
        who = last.author or "Someone"
        super().__init__(f"Not saved: {who} changed this meanwhile ({last.text}).")
        self.clashes, self.yours = clashes, yours


@dataclass(frozen=True)
class Difference:
    """One field of one record, as the other person left it and as this action wants it."""

    record: str  # "Stakeholder Ada Brennan"
    field: str
    theirs: Any
    yours: Any


def differences(session: Session, conflict: Conflict) -> list[Difference]:
    """The fields this action changes on rows others wrote meanwhile, read as they are now;
    a row this action adds or deletes is named with no field."""
    models = {m.class_.__tablename__: m.class_ for m in Base.registry.mappers}
    found = []
    for clash in conflict.clashes:
        for table, row_id in sorted(clash.rows):
            model = models.get(table)
            obj = session.get(model, row_id) if model is not None else None
            name = getattr(obj, "name", None) or getattr(obj, "title", None) or f"#{row_id}"
            record = f"{table.replace('_', ' ').capitalize()} {name}"
            fields = conflict.yours.get((table, row_id))
            if not fields:
                found.append(Difference(record, "", "gone" if obj is None else "changed", ""))
                continue
            for key, value in fields.items():
                found.append(Difference(record, key, getattr(obj, key, None), value))
    return found
