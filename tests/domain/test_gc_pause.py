"""The cycle collector's pause is shared: it runs again when the last open pause ends,
whichever thread opened the others, and ending a pause twice ends it once."""

from __future__ import annotations

import gc
import threading

from cs_planner.domain.gc_pause import no_cycle_collection, pause


def test_the_collector_runs_again_after_the_last_pause() -> None:
    assert gc.isenabled()
    first = pause()
    with no_cycle_collection():
        assert not gc.isenabled()
    assert not gc.isenabled()  # the first is still open
    first()
    first()  # a second end changes nothing
    assert gc.isenabled()


def test_a_pause_from_another_thread_keeps_it_paused() -> None:
    opened, release = threading.Event(), threading.Event()

    def background() -> None:
        with no_cycle_collection():
            opened.set()
            release.wait(10)

    thread = threading.Thread(target=background)
    thread.start()
    opened.wait(10)
    with no_cycle_collection():
        pass
    assert not gc.isenabled()  # the other thread's pause is still open
    release.set()
    thread.join(10)
    assert gc.isenabled()


def test_a_collector_off_before_stays_off() -> None:
    gc.disable()
    try:
        with no_cycle_collection():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
