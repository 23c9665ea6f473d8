"""Files only their owner can read, whatever the umask: what a portfolio holds (customer
names, revenue) leaks through a screenshot or a settings file as easily as through the
portfolio itself, which is created 0600 too (``storage.sqlite_file``)."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

OWNER_ONLY = 0o600
PRIVATE_FOLDER = 0o700


def write_private(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` to ``path`` all at once (a temporary file, then a rename) with mode
    0600; an existing file is replaced and made owner-only. Raises OSError."""
    target = Path(path).expanduser()
    descriptor, temp = tempfile.mkstemp(dir=target.parent, prefix=".cs_planner-", suffix=".tmp")
    try:
        with os.fdopen(descriptor, "wb") as handle:  # mkstemp makes it 0600
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    return target


def make_private(path: str | os.PathLike[str]) -> None:
    """Create ``path`` (and its folder) if missing, empty, and make it owner-only. A program
    that then rewrites the file in place or through QSaveFile keeps these permissions."""
    target = Path(path)
    with contextlib.suppress(OSError):
        target.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(target, os.O_WRONLY | os.O_CREAT, OWNER_ONLY)
        os.close(descriptor)
        os.chmod(target, OWNER_ONLY)


def make_private_folder(folder: Path) -> None:
    """Create a folder as 0700 whatever the umask (parents as the umask says)."""
    if folder.is_dir():
        return
    folder.parent.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(FileExistsError):
        folder.mkdir(mode=PRIVATE_FOLDER)
        os.chmod(folder, PRIVATE_FOLDER)
