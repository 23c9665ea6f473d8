"""matplotlib is made ready in idle time, once, so the first chart does not wait for it."""

from __future__ import annotations

import linecache
import sys
import threading

from cs_planner.ui.common import charts_warmup


def test_warm_up_loads_what_the_charts_draw_with_once(qtbot, monkeypatch) -> None:
    monkeypatch.setattr(charts_warmup, "WARM_UP_AFTER_MS", 0)
    monkeypatch.setattr(charts_warmup, "_started", False)
    monkeypatch.setattr(charts_warmup, "_done", threading.Event())  # as in a new process
    linecache.getlines(charts_warmup.__file__)  # a source read earlier, as imports leave
    starts: list[bool] = []
    start = charts_warmup._start
    monkeypatch.setattr(charts_warmup, "_start", lambda: starts.append(True) or start())
    charts_warmup.warm_up_later()
    charts_warmup.warm_up_later()  # a second window: nothing more
    qtbot.waitUntil(charts_warmup.is_warm, timeout=30_000)
    assert starts == [True]
    for module in ("matplotlib.figure", "matplotlib.backends.backend_qtagg"):
        assert module in sys.modules
    assert charts_warmup.__file__ not in linecache.cache  # the lines read are let go
