"""Opening a portfolio for the desktop app: the storage checks plus lock files, so two
running windows never edit the same file, whatever name it is reached by; and the
Portfolio > Check file action."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEventLoop, QLockFile, Qt
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox, QWidget

from cs_planner.paths import lock_dir, private_dir
from cs_planner.storage.errors import (
    EmptyFileError,
    PortfolioError,
    PortfolioLockedError,
    shown,
)
from cs_planner.storage.files import is_url, portfolio_path

if TYPE_CHECKING:
    from cs_planner.storage import Portfolio


class PortfolioLock:
    """The lock files one window holds on its portfolio: beside the file (by its real
    path, so a symbolic link finds the same lock) and, per user, by device and inode (so a
    hard link in another folder does too)."""

    def __init__(self, locks: list[QLockFile]) -> None:
        self.locks = locks

    def isLocked(self) -> bool:
        return any(lock.isLocked() for lock in self.locks)

    def unlock(self) -> None:
        for lock in reversed(self.locks):
            lock.unlock()


def lock_for(path: Path | str) -> QLockFile:
    lock = QLockFile(f"{path}.lock")
    lock.setStaleLockTime(0)  # a lock left by a crashed process is detected by its PID
    return lock


def open_for_ui(
    target: str | Path,
    *,
    create: bool = True,
    read_only: bool = False,
    parent: QWidget | None = None,
    locks: PortfolioLock | None = None,
) -> tuple[Portfolio, PortfolioLock | None]:
    """Open a portfolio and hold its locks; raise PortfolioError with a user message.
    ``read_only`` (the screenshot) takes no lock and writes nothing. An empty file becomes
    a portfolio only if the user says so. ``locks``: taken already (``lock_file``); they
    are released if the open fails."""
    from cs_planner.storage import open_portfolio  # SQLAlchemy: after the first paint

    if read_only:
        return open_portfolio(target, create=False, mode="read"), None
    if is_url(target):
        return open_portfolio(target, create=create), None
    path = portfolio_path(target)
    real = path.resolve()  # a symbolic link: SQLite keeps its journal beside the real file
    held: list[QLockFile] = []
    try:
        if create and not real.parent.exists():
            with contextlib.suppress(OSError):  # storage reports why it cannot create
                private_dir(real.parent)  # the data folder on a first start: 0700
        if locks is not None:
            held = list(locks.locks)
            if len(held) == 1:  # the one by inode before the open, as _take_locks does
                held += _take_locks(real, beside=held[0])
        elif real.parent.is_dir():
            held = _take_locks(real)
        try:
            portfolio = open_portfolio(real, create=create)
        except EmptyFileError as exc:
            if not ask_start_in_empty(parent, exc.what):
                raise
            portfolio = open_portfolio(real, create=create, allow_empty=True)
        if len(held) == 1:  # created just now: its inode exists only from now on
            try:
                held += _take_locks(real, beside=held[0])
            except BaseException:
                portfolio.close()
                raise
    except BaseException:
        PortfolioLock(held).unlock()
        raise
    return portfolio, PortfolioLock(held) if held else None


def lock_file(path: Path) -> PortfolioLock:
    """The lock beside an existing portfolio file (``path`` resolved), for ``open_for_ui``,
    which adds the one by inode; PortfolioLockedError when another window has it open."""
    lock = _take(lock_for(path), path.name, "")
    return PortfolioLock([lock] if lock is not None else [])


def ask_start_in_empty(parent: QWidget | None, message: str) -> bool:
    answer = QMessageBox.question(
        parent,
        "Start a portfolio in an empty file?",
        f"{message}\n\nStart a new, empty portfolio in this file?",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Yes


def _take_locks(real: Path, beside: QLockFile | None = None) -> list[QLockFile]:
    """The lock beside the file, then (if the file exists) the one by inode; with
    ``beside`` already held, only the one by inode."""
    held: list[QLockFile] = []
    try:
        if beside is None:
            beside = _take(lock_for(real), real.name, "")
            if beside is None:
                return held  # a read-only folder: storage reports the real problem
            held.append(beside)
        try:
            status = os.stat(real)
        except OSError:
            return held  # a new file (or none): storage says which
        folder = lock_dir()
        if folder is not None:
            by_inode = folder / f"{status.st_dev:x}-{status.st_ino:x}"
            lock = _take(lock_for(by_inode), real.name, " under another name (a link to it)")
            if lock is not None:
                held.append(lock)
        _check_other_names(real, status)
    except BaseException:
        PortfolioLock(held).unlock()
        raise
    return held


def _take(lock: QLockFile, name: str, how: str) -> QLockFile | None:
    """The lock, or None if it cannot be created; PortfolioLockedError if another window
    holds it. Created 0600 whatever the umask: it names this machine and process."""
    previous = os.umask(0o077)
    try:
        taken = lock.tryLock(0)
    finally:
        os.umask(previous)
    if taken:
        return lock
    if lock.error() == QLockFile.LockError.LockFailedError:
        raise PortfolioLockedError(
            f"{shown(name)} is already open in another cs_planner window{how}{_holder(lock)}."
        )
    return None


def _holder(lock: QLockFile) -> str:
    pid, host, _app = lock.getLockInfo()  # PySide6: (pid, hostname, appname)
    if not pid:
        return ""
    import socket

    where = "" if not host or host == socket.gethostname() else f" on {host}"
    return f" (process {pid}{where})"


def _check_other_names(real: Path, status: os.stat_result) -> None:
    """Another window of another user (or machine) holding the same file under another
    name in this folder: a hard link whose lock sits beside it."""
    for other in real.parent.glob("*.lock"):
        base = other.with_name(other.name[: -len(".lock")])
        if base == real:
            continue
        try:
            same = os.stat(base)
        except OSError:
            continue
        if (same.st_dev, same.st_ino) != (status.st_dev, status.st_ino):
            continue
        probe = _take(lock_for(base), real.name, f" as {base.name} (a link to it)")
        if probe is not None:
            probe.unlock()


def check_file(window: QMainWindow, portfolio: Portfolio) -> None:
    """Portfolio > Check file: SQLite's integrity_check and the row checks, with a wait
    cursor (seconds on a large file), then what it found."""
    status = window.statusBar()
    status.showMessage(f"Checking {portfolio.name}…")
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    # Paint the message and cursor; a click now must not start an edit mid-check.
    QApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
    title = "Check file"
    try:
        problems = portfolio.check()
    except PortfolioError as exc:
        problems = None
        reason = str(exc)
    finally:
        QApplication.restoreOverrideCursor()
        status.clearMessage()
    if problems is None:
        QMessageBox.information(window, title, reason)
        return
    if not problems:
        QMessageBox.information(
            window,
            title,
            f"{portfolio.name} is sound: every page, table and row passed the check.",
        )
        return
    listing = "\n".join(f"• {problem}" for problem in problems)
    QMessageBox.warning(
        window,
        title,
        f"{portfolio.name} is damaged; the check changed nothing. Restore it from a backup "
        f"(your own copy, or the newest .bak beside it).\n\nThe check found:\n{listing}",
    )
