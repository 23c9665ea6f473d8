"""What sits at a path, checked before SQLite sees it: a regular file (not a folder, pipe,
device, socket or symbolic-link loop), with a name short enough for the files SQLite and
cs_planner keep beside it. A pipe would hang every command, so nothing here opens one."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from cs_planner import PORTFOLIO_SUFFIX
from cs_planner.storage.errors import (
    UNCHANGED,
    NotAPortfolioError,
    PortfolioError,
    ReadOnlyError,
    shown,
)

# What cs_planner and SQLite add to a portfolio's name beside it: "-journal", "-wal",
# ".lock", and the longest, a migration backup ".20261124-153000-123456.0002.bak".
COMPANION_ROOM = 40
HEADER_SIZE = 100  # the SQLite file header


def name_max(folder: Path) -> int:
    try:
        return os.pathconf(folder if folder.is_dir() else ".", "PC_NAME_MAX")
    except (OSError, ValueError):
        return 255


def check_name(path: Path, *, for_writing: bool) -> None:
    """Refuse a name the file system cannot hold, or (to edit) one without room for the
    journal, lock and backups beside it."""
    size = len(os.fsencode(path.name))
    limit = name_max(path.parent)
    if size > limit:
        raise PortfolioError(
            f"The file name {_start(path.name)} is too long ({size} bytes; "
            f"the folder allows {limit})."
        )
    if for_writing and size > limit - COMPANION_ROOM:
        raise PortfolioError(
            f"The file name {_start(path.name)} is too long to edit ({size} bytes; at most "
            f"{limit - COMPANION_ROOM}, so that the journal, lock and backups fit beside it). "
            "Rename it to something shorter."
        )


def _start(name: str) -> str:
    return shown(name) if len(name) <= 40 else f"'{shown(name[:32])}…'"


def check_kind(path: Path) -> os.stat_result | None:
    """The file's status if it is a regular file, None if nothing is there; a clear
    PortfolioError for anything else."""
    try:
        status = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            raise PortfolioError(
                f"{shown(path)} is a link to {shown(os.readlink(path))}, which does not exist."
            ) from None
        return None
    except NotADirectoryError:
        raise PortfolioError(f"{shown(path.parent)} is a file, not a folder.") from None
    except PermissionError:
        raise ReadOnlyError(
            f"{shown(path)} cannot be reached: permission denied on its folder."
        ) from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise NotAPortfolioError(
                f"{shown(path.name)} is a symbolic link that leads back to itself (a loop). "
                + UNCHANGED
            ) from None
        if exc.errno == errno.ENAMETOOLONG:
            raise PortfolioError(f"The path {_start(str(path))} is too long.") from None
        raise PortfolioError(f"{shown(path)} cannot be read: {exc.strerror}.") from None
    kind = _kind(status.st_mode)
    if kind:
        raise NotAPortfolioError(f"{shown(path)} is {kind}, not a portfolio file.")
    return status


def _kind(mode: int) -> str:
    if stat.S_ISREG(mode):
        return ""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def read_header(path: Path) -> bytes:
    """The first bytes, read without blocking: the file may have become a pipe since it
    was checked."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except PermissionError:
        raise ReadOnlyError(f"{shown(path.name)} cannot be read: permission denied.") from None
    except OSError as exc:
        raise PortfolioError(f"{shown(path.name)} cannot be read: {exc.strerror}.") from None
    try:
        kind = _kind(os.fstat(descriptor).st_mode)
        if kind:
            raise NotAPortfolioError(f"{shown(path)} is {kind}, not a portfolio file.")
        return os.read(descriptor, HEADER_SIZE)
    except OSError as exc:
        raise PortfolioError(f"{shown(path.name)} cannot be read: {exc.strerror}.") from None
    finally:
        os.close(descriptor)


def check_writable(path: Path) -> None:
    """Editing needs the file and its folder (where SQLite keeps its journal) writable."""
    if not os.access(path.parent, os.W_OK):
        raise ReadOnlyError(
            f"The folder {shown(path.parent)} is read-only: cs_planner keeps a journal beside "
            f"{shown(path.name)} while editing it. Copy the file to a writable folder to edit it."
        )
    if path.exists() and not os.access(path, os.W_OK):
        raise ReadOnlyError(
            f"{shown(path.name)} is read-only. Copy it, or change its permissions, to edit it."
        )


def size(path: Path) -> int | None:
    """The size of a companion file, None if there is none (or its name cannot exist: a
    255-byte name has no room for "-wal")."""
    try:
        return os.stat(path).st_size
    except OSError:
        return None


def signature(*paths: Path) -> tuple[tuple[int, int, int] | None, ...]:
    """What changes when a file is written or replaced."""
    out: list[tuple[int, int, int] | None] = []
    for path in paths:
        try:
            status = os.stat(path)
        except OSError:
            out.append(None)
            continue
        out.append((status.st_ino, status.st_size, status.st_mtime_ns))
    return tuple(out)


def is_url(target: str | Path) -> bool:
    """A database URL (``sqlite:///...``, ``postgresql://...``) rather than a file path."""
    return isinstance(target, str) and "://" in target


def portfolio_path(target: str | Path) -> Path:
    """The file a user means: a name without a suffix gets the portfolio suffix."""
    path = Path(target).expanduser()
    return path.with_name(path.name + PORTFOLIO_SUFFIX) if path.suffix == "" else path
