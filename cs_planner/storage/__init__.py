"""Where portfolios live: opening, migrating and backing up the database (no Qt)."""

from cs_planner.storage.database import HEAD_REVISION, Portfolio, is_url, open_portfolio
from cs_planner.storage.errors import (
    NewerVersionError,
    NotAPortfolioError,
    PortfolioError,
    PortfolioLockedError,
    ReadOnlyError,
)

__all__ = [
    "HEAD_REVISION",
    "NewerVersionError",
    "NotAPortfolioError",
    "Portfolio",
    "PortfolioError",
    "PortfolioLockedError",
    "ReadOnlyError",
    "is_url",
    "open_portfolio",
]
