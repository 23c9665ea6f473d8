"""A portfolio context dropped with edits on its undo stack is freed without a crash, also
when the garbage collector does it (a command pointing back at its context made a cycle
that crashed PySide 6.11 in a full test run). Run in a subprocess: a crash kills it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SCRIPT = """
import gc, sys
from cs_planner.storage import open_portfolio
from cs_planner.domain.accounts.edits import SetAccountField
from cs_planner.domain.accounts.writes import create_account
from cs_planner.ui.shell.context import AppContext
from cs_planner.ui.shell import undo
from PySide6.QtWidgets import QApplication

app = QApplication([])
portfolio = open_portfolio(sys.argv[1])
with portfolio.session() as s:
    account = create_account(s, "Harbor Lane", 10_000)
for n in range(400):
    ctx = AppContext(portfolio)
    for arr in (1.0, 2.0, 3.0):
        undo.perform(ctx, SetAccountField(account, "arr", arr, "Change ARR"))
    ctx.undo_stack.beginMacro("two edits")
    undo.perform(ctx, SetAccountField(account, "arr", 4.0, "Change ARR"))
    ctx.undo_stack.endMacro()
    del ctx
    if n % 50 == 0:
        gc.collect()
gc.collect()
print("survived")
"""


def test_contexts_with_edits_are_freed_without_a_crash(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path / "p.csplan")],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "survived" in result.stdout
