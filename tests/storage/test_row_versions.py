"""Row versions (migration 0011): every row people edit carries a counter the ORM raises on
each UPDATE and checks in its WHERE clause, so a write over a change committed since the
row was read is refused, on both engines, and says so in words."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import inspect, select

from cs_planner.demo import generate
from cs_planner.domain.errors import StaleRowError
from cs_planner.domain.model import Base, Stakeholder
from cs_planner.domain.model.base import Versioned
from cs_planner.storage import Portfolio, open_portfolio
from cs_planner.storage.migrate import config

# Only ever inserted and deleted: nothing to write over.
UNVERSIONED = {"change_log", "activity_stakeholder", "stakeholder_role", "use_case_product"}


def test_every_table_people_edit_is_versioned() -> None:
    versioned = {
        m.class_.__tablename__ for m in Base.registry.mappers if m.version_id_col is not None
    }
    assert versioned == {t.name for t in Base.metadata.sorted_tables} - UNVERSIONED
    assert all(
        issubclass(m.class_, Versioned) == (m.version_id_col is not None)
        for m in Base.registry.mappers
    )


def _first_person(portfolio: Portfolio) -> Stakeholder:
    with portfolio.read() as session:
        return session.scalars(select(Stakeholder).order_by(Stakeholder.id).limit(1)).one()


def test_an_edit_raises_the_version(portfolio: Portfolio, today: dt.date) -> None:
    generate(portfolio, accounts=1, today=today)
    before = _first_person(portfolio)
    with portfolio.session() as session:
        session.get_one(Stakeholder, before.id).title = "Chief Data Officer"
    after = _first_person(portfolio)
    assert (after.title, after.version) == ("Chief Data Officer", before.version + 1)


def test_a_write_over_a_newer_version_is_refused_and_theirs_kept(
    portfolio: Portfolio, today: dt.date
) -> None:
    generate(portfolio, accounts=1, today=today)
    seen = _first_person(portfolio)  # read here, kept (a form's row, a script's object)
    with portfolio.session() as session:  # someone else's edit, committed meanwhile
        session.get_one(Stakeholder, seen.id).title = "Theirs"

    refused = pytest.raises(StaleRowError, match="someone else changed this stakeholder")
    with refused, portfolio.session() as session:
        session.merge(seen, load=False).title = "Mine"
    now = _first_person(portfolio)
    assert (now.title, now.version) == ("Theirs", seen.version + 1)


def test_deleting_a_row_changed_meanwhile_is_refused(portfolio: Portfolio, today: dt.date) -> None:
    generate(portfolio, accounts=1, today=today)
    seen = _first_person(portfolio)
    with portfolio.session() as session:
        session.get_one(Stakeholder, seen.id).title = "Theirs"
    with pytest.raises(StaleRowError), portfolio.session() as session:
        session.delete(session.merge(seen, load=False))
    assert _first_person(portfolio).id == seen.id


def test_down_and_up_keeps_the_rows_and_starts_every_version_at_one(
    portfolio_path: Path, today: dt.date
) -> None:
    portfolio = open_portfolio(portfolio_path)
    generate(portfolio, accounts=2, today=today)
    with portfolio.read() as session:
        people = dict(session.execute(select(Stakeholder.id, Stakeholder.title)).all())
    with portfolio.engine.begin() as connection:
        command.downgrade(config(connection), "0011-1")
        columns = {c["name"] for c in inspect(connection).get_columns("stakeholder")}
        assert "version" not in columns
    portfolio.close()

    migrated = open_portfolio(portfolio_path)  # upgrades, after a backup
    try:
        with migrated.read() as session:
            rows = session.execute(select(Stakeholder.id, Stakeholder.title, Stakeholder.version))
            assert {r.id: (r.title, r.version) for r in rows} == {
                i: (title, 1) for i, title in people.items()
            }
    finally:
        migrated.close()
    assert list(portfolio_path.parent.glob("*.bak"))
