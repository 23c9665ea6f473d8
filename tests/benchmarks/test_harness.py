"""The benchmark harness works: its table reads back, a worse ratio is reported, every
target it names exists, and a probe runs. Nothing here asserts how long anything takes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from benchmarks import harness, targets

ROOT = Path(__file__).resolve().parents[2]


def _bench() -> harness.Bench:
    bench = harness.Bench.__new__(harness.Bench)
    bench.rows = [
        harness.Row("start-up", 0.84, 0.16, goal="≤ 1.5×", check=harness.ratio_at_most(1.5)),
        harness.Row("a page", 0.0123, goal="≤ 300 ms", check=harness.app_at_most(0.3)),
        harness.Row("memory", 263.0, 65.0, unit="MB", goal="≤ 200 MB"),
        harness.Row("not measured", None),
    ]
    bench.scaling = {"list query": harness.Scaling("list query", {500: 0.01, 5000: 0.1})}
    bench.scaling["list query"].figures[20000] = 0.5
    return bench


def test_the_table_reads_back_as_it_was_written() -> None:
    bench = _bench()
    text = harness.render(bench, rounds=3, took=60)
    assert "| start-up | 840 ms | 160 ms | 5.2× | ≤ 1.5× | no |" in text
    assert "| a page | 12 ms | – | – | ≤ 300 ms | yes |" in text
    assert "| list query | 10 ms | 100 ms | 500 ms | 10.0× | 5.0× |" in text
    recorded = harness.read_recorded(text)
    assert recorded == {"start-up": 5.2, "a page": 0.012, "memory": 4.0, "list query": 5.0}
    assert harness.regressions(recorded, harness.current(bench)) == []


def test_a_ratio_more_than_a_quarter_worse_is_reported() -> None:
    bench = _bench()
    recorded = harness.read_recorded(harness.render(bench, rounds=3, took=60))
    bench.rows[0].app = 0.84 * 1.2  # 20% worse: not reported
    bench.rows[1].app = 0.02  # 60% worse, no floor: the figure itself
    bench.scaling["list query"].figures[20000] = 0.9
    worse = harness.regressions(recorded, harness.current(bench))
    assert [line.split(":")[0] for line in worse] == ["a page", "list query"]


def test_figures_are_shown_in_fitting_units() -> None:
    assert harness.fmt(1.0912, "s") == "1.09 s"
    assert harness.fmt(0.162, "s") == "162 ms"
    assert harness.fmt(0.0045, "s") == "4.5 ms"
    assert harness.fmt(263.4, "MB") == "263 MB"
    assert harness.fmt(None, "s") == "–"
    assert harness.parse_figure("162 ms") == 0.162
    assert harness.parse_figure("5.2×") == 5.2


def test_every_target_exists() -> None:
    """After a module moves, benchmarks/targets.py is the one file to fix."""
    for name in targets.TARGETS:
        assert targets.get(name) is not None, name


def test_the_floor_probe_paints_a_window() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "probe.py"), "startup-floor"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    figures = json.loads(done.stdout.splitlines()[-1])
    assert figures["painted"] > 0 and figures["peak_mb"] > 0


def test_the_export_floor_draws_pictures_of_the_apps_sizes() -> None:
    """The floor of ``export --account`` draws each picture with matplotlib, as the app
    does, at the size of the app's own (read from its PNG)."""
    from benchmarks import probe

    drawn = probe._comparable_picture(640, 310)
    assert drawn.startswith(b"\x89PNG") and probe._png_size(drawn) == (640, 310)
