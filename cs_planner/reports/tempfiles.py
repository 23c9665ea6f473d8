"""What an export killed half-way leaves behind, and how the next one cleans it up.

An export writes ``.cs_planner-XXXX.xlsx.tmp`` beside its target and renames it when done;
openpyxl writes each sheet to an ``openpyxl.XXXX`` file in the temporary folder first. A
``kill -9`` or a power cut leaves both. openpyxl's files go to a folder of our own inside the
temporary folder (so that cleaning never touches another program's files), and whatever is
left there or beside a target is removed before the next export, and at start. A file a
running export still writes is never removed: it is locked (``flock``) while written, and
anything touched within the last minute is left alone.

No openpyxl here: the app cleans up at start without loading it."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

EXPORT_PREFIX = ".cs_planner-"
EXPORT_SUFFIX = ".xlsx.tmp"
STALE_AFTER = 60.0  # seconds without a write: no running export leaves a file that long

try:
    import fcntl
except ImportError:  # Windows: an open file cannot be deleted there anyway
    fcntl = None  # type: ignore[assignment]


def lock(handle_fd: int) -> None:
    """Mark a temporary file as being written (released when the file is closed)."""
    if fcntl is not None:
        with contextlib.suppress(OSError):
            fcntl.flock(handle_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


def _in_use(path: Path) -> bool:
    if fcntl is None:
        return False
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return True  # gone or unreadable: not ours to remove
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(fd)  # also releases the lock just taken
    return False


def _remove_stale(candidates: Iterator[Path], now: float) -> list[Path]:
    removed = []
    for path in candidates:
        try:
            info = path.lstat()
        except OSError:
            continue
        if not stat.S_ISREG(info.st_mode) or now - info.st_mtime < STALE_AFTER:
            continue
        if hasattr(os, "getuid") and info.st_uid != os.getuid():
            continue
        if _in_use(path):
            continue
        with contextlib.suppress(OSError):
            path.unlink()
            removed.append(path)
    return removed


def clean_export_leftovers(folder: str | os.PathLike[str]) -> list[Path]:
    """Remove the temporary workbooks killed exports left in ``folder``; returns them."""
    folder = Path(folder)
    try:
        candidates = list(folder.glob(f"{EXPORT_PREFIX}*{EXPORT_SUFFIX}"))
    except OSError:
        return []
    return _remove_stale(iter(candidates), time.time())


def private_tempdir() -> Path | None:
    """Our own folder in the temporary folder (0700), or None when it cannot be trusted
    (someone else's, a symbolic link, open to others)."""
    uid = os.getuid() if hasattr(os, "getuid") else 0
    folder = Path(tempfile.gettempdir()) / f"cs_planner-{uid}"
    with contextlib.suppress(FileExistsError, OSError):
        folder.mkdir(mode=0o700)
    try:
        info = folder.lstat()
    except OSError:
        return None
    if not stat.S_ISDIR(info.st_mode):
        return None
    if hasattr(os, "getuid") and (info.st_uid != uid or info.st_mode & 0o077):
        return None
    return folder


def clean_openpyxl_leftovers() -> list[Path]:
    """Remove the sheet files openpyxl left in our temporary folder when an export was
    killed; returns them."""
    folder = private_tempdir()
    if folder is None:
        return []
    try:
        candidates = list(folder.glob("openpyxl.*"))
    except OSError:
        return []
    return _remove_stale(iter(candidates), time.time())


@contextlib.contextmanager
def openpyxl_temp_files_in_our_folder() -> Iterator[None]:
    """While a workbook is saved, openpyxl's per-sheet temporary files go to our folder.

    openpyxl asks ``tempfile`` for the folder, so the process-wide default is switched for
    the save (the app and the CLI save on one thread) and restored afterwards."""
    folder = private_tempdir()
    if folder is None:
        yield
        return
    clean_openpyxl_leftovers()
    before = tempfile.tempdir
    tempfile.tempdir = str(folder)
    try:
        yield
    finally:
        tempfile.tempdir = before
