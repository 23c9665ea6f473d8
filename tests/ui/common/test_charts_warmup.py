"""matplotlib is imported in idle time after warm_up(), never during the call, and once."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

# A fresh process: the test session itself has long imported matplotlib.
SCRIPT = """
import sys, time
from PySide6.QtWidgets import QApplication
from cs_planner.ui.common import charts_warmup

app = QApplication([])
draws = []
original = charts_warmup._draw
charts_warmup._draw = lambda: (draws.append(1), original())
charts_warmup.warm_up()
charts_warmup.warm_up()
assert "matplotlib" not in sys.modules, "imported during the call"
deadline = time.monotonic() + 60
while not charts_warmup.is_warm() and time.monotonic() < deadline:
    app.processEvents()
charts_warmup.warm_up()
for _ in range(20):
    app.processEvents()
assert charts_warmup.is_warm()
assert "matplotlib.backends.backend_qtagg" in sys.modules
assert "matplotlib.pyplot" not in sys.modules
assert draws == [1], draws
print("ok")
"""


def test_warm_up_imports_matplotlib_once_in_idle_time() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"
