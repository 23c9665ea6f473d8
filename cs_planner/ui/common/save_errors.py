"""A save that failed for a reason outside the user's input: the file is locked by another
program, the disk is full, the folder became read-only. Unlike a ValidationError there is
nothing to correct, only to try again; the transaction has rolled back, so the database is
as it was and nothing goes on the undo stack."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from sqlalchemy.exc import DBAPIError

from cs_planner.storage import PortfolioError
from cs_planner.ui.common.editors import ErrorLabel

# What a write can raise when the storage, not the value, is at fault.
SAVE_ERRORS: tuple[type[BaseException], ...] = (DBAPIError, PortfolioError, OSError)


def save_failure(exc: BaseException) -> str:
    """One sentence for the user: what went wrong and that the value is kept."""
    reason = str(getattr(exc, "orig", None) or exc).strip().lower()
    if "locked" in reason or "busy" in reason:
        why = "the portfolio file is busy (another program is writing to it)"
    elif "full" in reason:
        why = "the disk is full"
    elif "readonly" in reason or "read-only" in reason or "permission" in reason:
        why = "the portfolio file cannot be written to (read-only)"
    else:
        first = (str(getattr(exc, "orig", None) or exc).strip().splitlines() or [""])[0]
        why = f"the portfolio file could not be written ({first[:120]})"
    return f"Not saved: {why}. Your change is kept here."


def say(label: ErrorLabel, message: str, *, retry: bool = False, detail: str = "") -> None:
    """A message in a field's ErrorLabel; with a Retry link (``linkActivated``) when trying
    again may help, and the technical detail in its tooltip."""
    if retry:
        label.setTextFormat(Qt.TextFormat.RichText)
        label.show_message(f'{html.escape(message)} <a href="retry">Retry</a>')
    else:
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.show_message(message)
    label.setToolTip(detail[:500])
