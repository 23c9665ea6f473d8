"""Why a portfolio could not be opened, in words a user can act on."""

from __future__ import annotations

import os
from pathlib import Path

UNCHANGED = "The file was not changed."


class PortfolioError(Exception):
    """A portfolio file cannot be opened or written; the file was left as it was."""


class NotAPortfolioError(PortfolioError):
    """Not a file at all, not a database, or another application's database."""


class DamagedError(NotAPortfolioError):
    """A portfolio whose pages, schema or rows fail a check."""


class EmptyFileError(PortfolioError):
    """An empty file (or a SQLite database without tables): the app may offer to start a
    new portfolio in it, after asking; nothing converts it silently. ``what`` says what
    the file is, without the advice for the command line."""

    def __init__(self, message: str, what: str = "") -> None:
        super().__init__(message)
        self.what = what or message


class NewerVersionError(PortfolioError):
    pass


class OlderVersionError(PortfolioError):
    """Needs a migration, which only the app (or ``demo``) may run."""


class PortfolioLockedError(PortfolioError):
    pass


class ReadOnlyError(PortfolioError):
    pass


class UnfinishedWriteError(PortfolioError):
    """A hot rollback journal: only a writable connection can roll it back."""


class ForeignCompanionError(PortfolioError):
    """A ``-wal`` beside the file belongs to another database (a file copied over another
    one's companions): opening would merge them."""


def shown(path: Path | str) -> str:
    """A file name as one printable line: control characters and undecodable bytes
    (file names may hold both) are escaped rather than printed raw."""
    return "".join(_printable(ch) for ch in os.fspath(path))


def _printable(ch: str) -> str:
    if ch.isprintable():
        return ch
    if 0xDC80 <= ord(ch) <= 0xDCFF:  # an undecodable byte kept by surrogateescape
        return f"\\x{ord(ch) - 0xDC00:02x}"
    return ch.encode("unicode_escape").decode("ascii")
