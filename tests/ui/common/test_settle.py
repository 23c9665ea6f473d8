"""The window's first idle moment lets go of what imports left and freezes what is loaded,
once, a second after the portfolio is shown."""

from __future__ import annotations

import gc
import linecache

from cs_planner.ui.common import settle


def test_settles_once_and_lets_go_of_source_lines(qtbot, monkeypatch) -> None:
    monkeypatch.setattr(settle, "SETTLE_AFTER_MS", 0)
    monkeypatch.setattr(settle, "_started", False)
    monkeypatch.setattr(settle, "_done", False)  # as in a new process
    linecache.getlines(settle.__file__)  # a source read earlier, as imports leave
    frozen = gc.get_freeze_count()
    settle.settle_later()
    settle.settle_later()  # a second window: nothing more
    qtbot.waitUntil(settle.is_settled, timeout=10_000)
    assert settle.__file__ not in linecache.cache
    assert gc.get_freeze_count() >= frozen
