"""Where cs_planner keeps its files by default."""

from __future__ import annotations

from pathlib import Path

from cs_planner import APP_NAME, PORTFOLIO_SUFFIX


def data_dir() -> Path:
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def default_portfolio() -> Path:
    return data_dir() / f"portfolio{PORTFOLIO_SUFFIX}"
