"""openpyxl loaded for an export without numpy, which it would import only to take numpy
numbers as cell values; numpy stays importable for the pictures."""

from __future__ import annotations

import subprocess
import sys

CHILD = """
import sys
from cs_planner.reports import load_openpyxl
load_openpyxl()
assert "openpyxl" in sys.modules and "numpy" not in sys.modules, sorted(sys.modules)
from openpyxl import Workbook, load_workbook
book = Workbook()
book.active.append(["ARR", 1200.5, 3])
book.save(sys.argv[1])
assert [c.value for c in load_workbook(sys.argv[1]).active[1]] == ["ARR", 1200.5, 3]
import numpy  # matplotlib's import of it still works
from cs_planner.reports.figures import render_png
assert render_png(lambda figure: figure.add_subplot().plot([1, 2])).startswith(b"\\x89PNG")
print("ok")
"""


def test_openpyxl_without_numpy_in_a_fresh_process(tmp_path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(tmp_path / "book.xlsx")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"


def test_numpy_loaded_first_is_left_as_it_is() -> None:
    """In the app, matplotlib may have loaded numpy already: openpyxl then takes it."""
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import numpy, sys\n"
            "from cs_planner.reports import load_openpyxl\n"
            "load_openpyxl()\n"
            "from openpyxl.compat.numbers import NUMPY\n"
            "print(NUMPY)",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "True"
