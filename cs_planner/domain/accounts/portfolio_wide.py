"""What an account's Overview shows that depends on the whole portfolio, read once per data
version rather than at every account switch: every account's suggested tier (bounded by
the team's hours, so any account's ARR moves the others'), our people (the
drop-downs, which share the one list) and the accounts' names (the parent account's).

The data version is the portfolio's id and its ``settings.write_count``, which every commit
that wrote adds one to (``storage.engines``: ``stamp_writes`` on a file, the commit hook of
``server_engine`` on PostgreSQL), whichever process made it. A database that does not
count its writes (a file without an id, another server) is read afresh each time."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from cs_planner.domain.accounts.people import people
from cs_planner.domain.accounts.queries import suggested_tiers
from cs_planner.domain.accounts.rows import Person
from cs_planner.domain.enums import Tier
from cs_planner.domain.model import Account, Settings

Version = tuple[str, int]


def data_version(session: Session) -> Version | None:
    """The file's id and write count; None when its writes are not counted. Read in a read
    transaction: a write transaction's own changes are counted only at its commit."""
    if session.get_bind().dialect.name not in ("sqlite", "postgresql"):
        return None
    row = session.execute(
        select(Settings.file_id, Settings.write_count).where(Settings.id == 1)
    ).first()
    if row is None or not row[0] or row[1] is None:
        return None
    return (row[0], row[1])


@dataclass(frozen=True)
class PortfolioWide:
    version: Version | None
    tiers: dict[int, Tier]  # every account's suggested tier (accounts.rules.suggest_tiers)
    people: list[Person]  # everyone, retired included, by name (accounts.people.people)
    accounts: list[tuple[int, str]]  # every account (id, name) by name: the parent choices


def read_portfolio_wide(session: Session, version: Version | None = None) -> PortfolioWide:
    rows = session.execute(select(Account.id, Account.arr, Account.strategic)).all()
    names = session.execute(select(Account.id, Account.name).order_by(Account.name)).all()
    return PortfolioWide(
        version, suggested_tiers(session, rows), people(session), [(i, n) for i, n in names]
    )


class PortfolioWideCache:
    """One ``PortfolioWide`` per data version (one per window: its Overview keeps it)."""

    def __init__(self) -> None:
        self._held: PortfolioWide | None = None

    def read(self, session: Session) -> PortfolioWide:
        version = data_version(session)
        held = self._held
        if held is None or version is None or held.version != version:
            held = read_portfolio_wide(session, version)
            self._held = held if version is not None else None
        return held
