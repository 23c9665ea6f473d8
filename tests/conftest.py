"""Shared fixtures: a real portfolio file in a temporary folder, or a real database on a
throwaway PostgreSQL server (tests/pg_server.py); Qt offscreen."""

from __future__ import annotations

import datetime as dt
import itertools
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import PySide6.QtCore  # noqa: F401  (installs the post-import hook skip_source_scan replaces)

from cs_planner.storage import Portfolio, open_portfolio
from cs_planner.ui.common.import_scan import skip_source_scan
from tests import pg_server

skip_source_scan()  # as the app does: Qt need not read every later module's source

TODAY = dt.date(2026, 11, 24)
# matplotlib's own cache (its font list) stays where it was: the user cache folder below is
# made new for every test, and a process that built the font list again would take a
# second and say so on standard error.
MATPLOTLIB_CACHE = os.environ.get("MPLCONFIGDIR") or str(
    Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "matplotlib"
)


@pytest.fixture
def today() -> dt.date:
    return TODAY


@pytest.fixture
def portfolio_path(tmp_path: Path) -> Path:
    return tmp_path / "test.csplan"


@pytest.fixture
def portfolio(portfolio_path: Path) -> Iterator[Portfolio]:
    opened = open_portfolio(portfolio_path)
    yield opened
    opened.close()


# The engines the storage and domain suites run on: their conftest files parametrise
# ``portfolio`` with these, so every test there runs on a file and on a server.
ENGINES = ("sqlite", "postgresql")
_TEMPLATE = "cs_planner_template"
_names = itertools.count(1)


@pytest.fixture(scope="session")
def postgres() -> Iterator[pg_server.Server]:
    """One server for the run, with a template database migrated to the head once."""
    if pg_server.find_bin() is None:
        if os.environ.get("CS_PLANNER_TEST_POSTGRES") == "required":
            pytest.fail("PostgreSQL is required for this run and initdb is not installed")
        pytest.skip("PostgreSQL is not installed here: its half of the suite is skipped")
    server = pg_server.start()
    try:
        _admin(server, f"CREATE DATABASE {_TEMPLATE}")
        open_portfolio(server.url(_TEMPLATE)).close()
        yield server
    finally:
        server.stop()


def _admin(server: pg_server.Server, statement: str) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(server.url(), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(text(statement))
    finally:
        engine.dispose()


@pytest.fixture
def postgres_url(postgres: pg_server.Server) -> Iterator[str]:
    """A new database at the head revision, a copy of the template (not a migration)."""
    name = f"cs_planner_test_{next(_names)}"
    _admin(postgres, f"CREATE DATABASE {name} TEMPLATE {_TEMPLATE}")
    yield postgres.url(name)
    _admin(postgres, f"DROP DATABASE {name} WITH (FORCE)")


@pytest.fixture
def empty_postgres_url(postgres: pg_server.Server) -> Iterator[str]:
    """A new database with no tables at all."""
    name = f"cs_planner_empty_{next(_names)}"
    _admin(postgres, f"CREATE DATABASE {name}")
    yield postgres.url(name)
    _admin(postgres, f"DROP DATABASE {name} WITH (FORCE)")


def open_on_engine(request: pytest.FixtureRequest, portfolio_path: Path) -> Portfolio:
    """The portfolio of a test parametrised over ``ENGINES``."""
    if request.param == "postgresql":
        return open_portfolio(request.getfixturevalue("postgres_url"))
    return open_portfolio(portfolio_path)


@pytest.fixture(autouse=True)
def _private_user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch) -> None:
    """Keep tests away from the real user's data folder and settings."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))  # the pictures' cache
    monkeypatch.setenv("MPLCONFIGDIR", MATPLOTLIB_CACHE)


def url_of(portfolio: Portfolio) -> str:
    """The URL that opens the same portfolio again, as a second process would."""
    if portfolio.path is not None:
        return f"sqlite:///{portfolio.path}"
    return portfolio.engine.url.render_as_string(hide_password=False)


# For a test about the file itself (its pragmas, permissions, companions, copies).
SQLITE_ONLY = pytest.mark.parametrize("portfolio", ["sqlite"], indirect=True)
