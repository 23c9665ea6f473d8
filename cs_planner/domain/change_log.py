"""The change log: each committed user action written with its author and what it touched,
and read back by the other windows on the portfolio (``ui/shell/watcher.py``).

A window tells its own rows from others' by ``client``, a random id per open portfolio:
it reloads after its own edits already, and only others' need reloading and naming."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from cs_planner.domain.changes import Changes
from cs_planner.domain.model import Account, ChangeEntry, TeamMember

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
    at: dt.datetime | None = None,
) -> None:
    """Log one action in its own transaction (so it is there exactly when the action is)."""
    when = at or dt.datetime.now(dt.UTC).replace(tzinfo=None)
    entry = ChangeEntry(
        at=when,
        author_id=author_id,
        client=client,
        text=" ".join(text.split())[:TEXT_LIMIT],  # one line: a note's text may be in it
        scope=encode(changes),
    )
    session.add(entry)
    session.flush()
    if entry.id % 100 == 0:  # now and then, not at every action
        session.execute(delete(ChangeEntry).where(ChangeEntry.id <= entry.id - KEEP))


def owner_author(session: Session) -> int | None:
    """The portfolio's owner on our team: who a window's edits are logged as."""
    from cs_planner.domain.accounts.people import people
    from cs_planner.domain.model import Settings
    from cs_planner.domain.plan.actions import portfolio_owner

    settings = session.get(Settings, 1)
    return portfolio_owner(people(session), settings.owner_name) if settings else None


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
