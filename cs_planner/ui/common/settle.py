"""The window's first idle moment, a second after it has opened the portfolio and shown
it: what is loaded by then (nearly every module, the list) is not garbage, so the cycle
collector is told to pass it by (``gc.freeze``: one of its full passes took a tenth of a
second while the CSAs page first showed), and the source lines read while importing are
let go. The list's health scores wait for it, so the two never run at once."""

from __future__ import annotations

import gc
import linecache

from PySide6.QtCore import QTimer

SETTLE_AFTER_MS = 1000

_started = False
_done = False


def settle_later() -> None:
    """Settle once, SETTLE_AFTER_MS from now (later calls do nothing)."""
    global _started
    if _started:
        return
    _started = True
    QTimer.singleShot(SETTLE_AFTER_MS, _settle)


def is_settled() -> bool:
    return _done


def _settle() -> None:
    global _done
    # Source lines read while importing (pyparsing takes a stack trace at import, PySide6
    # scanned the modules imported before ``import_scan`` stopped it): a megabyte no
    # traceback needs; one that does reads its files again.
    linecache.clearcache()
    gc.freeze()
    _done = True
