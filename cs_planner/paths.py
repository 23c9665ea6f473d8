"""Where cs_planner keeps its files by default. Its folders are the user's alone (0700,
whatever the umask): they hold portfolios and lock files naming this machine."""

from __future__ import annotations

from pathlib import Path

from cs_planner import APP_NAME, PORTFOLIO_SUFFIX
from cs_planner.private_files import make_private_folder

# Shipped inside the package, so an installed wheel or a bundle finds them too.
RESOURCES = Path(__file__).resolve().parent / "resources"


def data_dir() -> Path:
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def default_portfolio() -> Path:
    return data_dir() / f"portfolio{PORTFOLIO_SUFFIX}"


def private_dir(folder: Path) -> Path:
    """Create ``folder`` (0700) if it is missing; its parents follow the umask."""
    make_private_folder(folder)
    return folder


def lock_dir() -> Path | None:
    """Per-user locks by device and inode (ui/opening.py); None if it cannot be made."""
    try:
        return private_dir(private_dir(data_dir()) / "locks")
    except OSError:
        return None
