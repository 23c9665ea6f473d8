"""PySide6 6.12.0 on Python 3.11 corrupted the reference count of None on every call of a Qt
method returning nothing and aborted after ~5,000 calls ("Fatal Python error: none_dealloc").
The dependency pin excludes it; this guards the pin."""

import os
import subprocess
import sys

CODE = """
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
label = QLabel()
obj = QObject()
for i in range(20_000):
    obj.setObjectName("x")      # void methods: each returns None to Python
    label.setText("y")
    label.setVisible(False)
print("survived")
"""


def test_twenty_thousand_void_calls_survive() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", CODE], capture_output=True, text=True, env=env, timeout=120
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "survived" in result.stdout
