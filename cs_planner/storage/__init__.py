"""Where portfolios live: opening, checking, migrating and backing up the database (no Qt)."""

from cs_planner.storage.database import (
    HEAD_REVISION,
    Portfolio,
    is_url,
    open_portfolio,
    portfolio_path,
)
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
