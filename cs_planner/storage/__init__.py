"""Where portfolios live: opening, checking, migrating and backing up the database (no Qt).

The opening functions load SQLAlchemy, so they are imported on first use (PEP 562): the
app reads its first look at a file and paints the window before it needs them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cs_planner.storage.errors import (
    DamagedError,
    EmptyFileError,
    ForeignCompanionError,
    NewerVersionError,
    NotAPortfolioError,
    OlderVersionError,
    PortfolioError,
    PortfolioLockedError,
    ReadOnlyError,
)
from cs_planner.storage.files import is_url, portfolio_path
from cs_planner.storage.inspection import HEAD_REVISION

if TYPE_CHECKING:
    from cs_planner.storage.database import Portfolio, open_portfolio

_FROM_DATABASE = {"Portfolio", "open_portfolio"}


def __getattr__(name: str) -> Any:
    if name in _FROM_DATABASE:
        from cs_planner.storage import database

        return getattr(database, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "HEAD_REVISION",
    "DamagedError",
    "EmptyFileError",
    "ForeignCompanionError",
    "NewerVersionError",
    "NotAPortfolioError",
    "OlderVersionError",
    "Portfolio",
    "PortfolioError",
    "PortfolioLockedError",
    "ReadOnlyError",
    "is_url",
    "open_portfolio",
    "portfolio_path",
]
