"""matplotlib made ready while the user reads the first screen: importing it and loading
its fonts took most of a second at the first chart (the Expansion tab). A thread does
the imports, so the window stays responsive; the Qt canvas module, which defines Qt
classes, is imported on the GUI thread when they are done."""

from __future__ import annotations

import gc
import linecache
import threading

from PySide6.QtCore import QTimer

# After the window has opened the portfolio and shown it: idle time, not start-up time.
WARM_UP_AFTER_MS = 1000
POLL_MS = 100

_started = False
_done = threading.Event()


def warm_up_later() -> None:
    """Start warming up once, WARM_UP_AFTER_MS from now (later calls do nothing)."""
    global _started
    if _started:
        return
    _started = True
    QTimer.singleShot(WARM_UP_AFTER_MS, _start)


def is_warm() -> bool:
    return _done.is_set()


def _start() -> None:
    thread = threading.Thread(target=_load, name="charts-warm-up", daemon=True)
    thread.start()
    _wait(thread)


def _load() -> None:
    # What ui/expansion/charts.py draws with, and the font list its first text reads.
    import matplotlib.backends.backend_agg
    import matplotlib.figure
    import matplotlib.projections.polar
    import matplotlib.ticker
    from matplotlib import font_manager

    font_manager.findfont("DejaVu Sans")
    del matplotlib  # imported for its side effect: the modules are loaded


def _wait(thread: threading.Thread) -> None:
    if thread.is_alive():
        QTimer.singleShot(POLL_MS, lambda: _wait(thread))
        return
    import matplotlib.backends.backend_qtagg  # noqa: F401  (the GUI thread's part)

    # Source lines read while importing (pyparsing takes a stack trace at import, PySide6
    # scanned the modules imported before ``import_scan`` stopped it): a megabyte no
    # traceback needs; one that does reads its files again.
    linecache.clearcache()

    # Nearly every module is loaded now and the portfolio is open: none of it is garbage.
    # Frozen, the collector's full passes (one took a tenth of a second while the CSAs page
    # first showed) no longer walk it; what is freed later still is, by reference counts.
    gc.freeze()
    _done.set()
