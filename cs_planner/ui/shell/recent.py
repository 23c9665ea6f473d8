"""The portfolios remembered in the settings: Portfolio > Open recent and the one a start
without arguments reopens. Light on purpose: start-up reads it before the first paint."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMenu

from cs_planner.paths import default_portfolio

RECENT_KEY = "recent"
RECENT_MAX = 8


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


def remember(settings: QSettings, absolute: str) -> None:
    """First in Open recent, as an absolute path: ``cs-planner`` without arguments
    reopens it from any folder."""
    recent = [p for p in recent_paths(settings) if p != absolute]
    settings.setValue(RECENT_KEY, [absolute, *recent][:RECENT_MAX])


def fill_menu(menu: QMenu, settings: QSettings, open_path: Callable[[str], object]) -> None:
    """Portfolio > Open recent: an entry a remembered portfolio."""
    menu.clear()
    paths = recent_paths(settings)
    for path in paths:
        action = menu.addAction(path)
        action.triggered.connect(lambda _=False, p=path: open_path(p))
    menu.setEnabled(bool(paths))
