"""The portfolios remembered in the settings: Portfolio > Open recent and the one a start
without arguments reopens. Light on purpose: start-up reads it before the first paint."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from cs_planner.paths import default_portfolio

RECENT_KEY = "recent"


def recent_paths(settings: QSettings) -> list[str]:
    """Portfolio > Open recent, newest first; entries that are not absolute (written by an
    older version) are dropped: they meant another working folder."""
    value = settings.value(RECENT_KEY) or []
    paths = [value] if isinstance(value, str) else list(value)
    return [p for p in paths if Path(p).is_absolute()]


def last_portfolio(settings: QSettings) -> Path | None:
    """The portfolio used last; before there was a recent list, the file in the data folder
    that older versions created on first start."""
    recent = recent_paths(settings)
    if recent:
        return Path(recent[0])
    legacy = default_portfolio()
    return legacy if legacy.exists() else None
