"""The schema the migrations build is the one the models describe, and it carries over to
PostgreSQL (the team server later): constraint names unique per table and short enough."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import CheckConstraint, inspect

from cs_planner.domain.model import Base
from cs_planner.storage import open_portfolio

POSTGRES_NAME_LIMIT = 63


def test_migrations_build_what_the_models_describe(portfolio_path: Path) -> None:
    portfolio = open_portfolio(portfolio_path)
    try:
        with portfolio.engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
    finally:
        portfolio.close()


def test_constraint_names_are_unique_per_table_and_fit_postgres(portfolio_path: Path) -> None:
    portfolio = open_portfolio(portfolio_path)
    try:
        with portfolio.engine.connect() as conn:
            inspector = inspect(conn)
            for table in inspector.get_table_names():
                names = [
                    c["name"]
                    for c in (
                        *inspector.get_check_constraints(table),
                        *inspector.get_unique_constraints(table),
                        *inspector.get_foreign_keys(table),
                        *inspector.get_indexes(table),
                    )
                    if c["name"]
                ]
                repeated = [name for name, n in Counter(names).items() if n > 1]
                assert repeated == [], f"{table}: {repeated}"
                assert all(len(name) <= POSTGRES_NAME_LIMIT for name in names), table
    finally:
        portfolio.close()


def test_model_constraint_names_are_unique_per_table() -> None:
    for table in Base.metadata.sorted_tables:
        names = [c.name for c in table.constraints if isinstance(c.name, str)]
        repeated = [name for name, n in Counter(names).items() if n > 1]
        assert repeated == [], f"{table.name}: {repeated}"


def test_migrations_build_the_models_check_constraints(portfolio_path: Path) -> None:
    """compare_metadata does not look at CHECK constraints: compare their names here, so
    a migration that forgets one (or keeps one of a dropped column) fails."""
    portfolio = open_portfolio(portfolio_path)
    try:
        with portfolio.engine.connect() as conn:
            inspector = inspect(conn)
            for table in Base.metadata.sorted_tables:
                built = {c["name"] for c in inspector.get_check_constraints(table.name)}
                described = {c.name for c in table.constraints if isinstance(c, CheckConstraint)}
                assert built == described, table.name
    finally:
        portfolio.close()
