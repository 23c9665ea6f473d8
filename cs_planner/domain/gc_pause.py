"""A pause of Python's cycle collector while a read or a write makes tens of thousands of
rows, cells and texts, none in a reference cycle: each of its passes walks the whole heap,
so the passes made a large read grow faster than the portfolio. It runs again afterwards."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def no_cycle_collection() -> Iterator[None]:
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
