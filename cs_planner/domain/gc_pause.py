"""A pause of Python's cycle collector while a read or a write makes tens of thousands of
rows, cells and texts, none in a reference cycle: each of its passes walks the whole heap,
so the passes made a large read grow faster than the portfolio. It runs again afterwards.

Pauses are shared by threads (the collector is one per process): it runs again when the
last open pause ends. A background thread's pause is opened and ended by the GUI thread
(``pause``): a collection run from the background thread would free the Qt wrappers of
closed windows there, which PySide then deletes behind Qt's back (a crash)."""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Callable, Iterator

_lock = threading.Lock()
_open = 0  # pauses open, all threads
_was_enabled = False  # whether the collector ran before the first of them


def pause() -> Callable[[], None]:
    """Open a pause; the function returned ends it (once, however often it is called)."""
    global _open, _was_enabled
    with _lock:
        if _open == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _open += 1
    ended = False

    def resume() -> None:
        global _open
        nonlocal ended
        with _lock:
            if ended:
                return
            ended = True
            _open -= 1
            if _open == 0 and _was_enabled:
                gc.enable()

    return resume


@contextlib.contextmanager
def no_cycle_collection() -> Iterator[None]:
    resume = pause()
    try:
        yield
    finally:
        resume()
