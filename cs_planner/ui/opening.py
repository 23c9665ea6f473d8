"""Opening a portfolio for the desktop app: the storage checks plus a lock file, so two
running windows never edit the same file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLockFile

from cs_planner.storage import Portfolio, PortfolioLockedError, is_url, open_portfolio


def lock_for(path: Path) -> QLockFile:
    lock = QLockFile(f"{path}.lock")
    lock.setStaleLockTime(0)  # a lock left by a crashed process is detected by its PID
    return lock


def open_for_ui(target: str | Path, *, create: bool = True) -> tuple[Portfolio, QLockFile | None]:
    """Open a portfolio and hold its lock; raise PortfolioError with a user message."""
    lock = None
    if not is_url(target):
        path = Path(target).expanduser()
        if path.suffix == "":
            path = path.with_suffix(".csplan")
        if path.parent.is_dir():
            lock = lock_for(path)
            if not lock.tryLock(0):
                if lock.error() == QLockFile.LockError.LockFailedError:
                    raise PortfolioLockedError(
                        f"{path.name} is already open in another cs_planner window."
                    )
                lock = None  # a read-only folder: storage reports the real problem
        target = path
    try:
        return open_portfolio(target, create=create), lock
    except BaseException:
        if lock is not None:
            lock.unlock()
        raise
