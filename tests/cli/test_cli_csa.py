"""`cs-planner export PORTFOLIO --csa -o csa.xlsx`, run as a user would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from openpyxl import load_workbook

EXE = Path(sys.executable).with_name("cs-planner")


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([str(EXE), *args], capture_output=True, text=True, env=env, timeout=300)


def test_export_csa_workbook_from_the_demo(tmp_path: Path) -> None:
    demo = tmp_path / "demo.csplan"
    assert cli("demo", str(demo), "--accounts", "12").returncode == 0
    out = tmp_path / "csa.xlsx"
    result = cli("export", str(demo), "--csa", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"Wrote {out}"
    workbook = load_workbook(out)
    assert workbook.sheetnames == ["Load", "CSAs", "Revenue", "Warnings"]
    names = [r[0].value for r in workbook["Load"].iter_rows(min_row=7) if r[0].value]
    assert len(names) == 4  # the demo's pod of four CSAs
    warnings = [c.value for c in workbook["Warnings"]["B"]]
    assert "Over-allocated" in warnings and "Trapped on one account" in warnings
    plan = tmp_path / "plan.xlsx"
    result = cli("export", str(demo), "--account", "Meridian Freight Group", "-o", str(plan))
    assert result.returncode == 0, result.stderr
    assert "CSA Allocation" in load_workbook(plan).sheetnames


def test_export_needs_an_account_or_csa_but_not_both(tmp_path: Path) -> None:
    out = str(tmp_path / "x.xlsx")
    for args in (
        ("export", "p.csplan", "-o", out),
        ("export", "p", "--csa", "--account", "A", "-o", out),
    ):
        result = cli(*args)
        assert result.returncode == 2
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and "--account" in lines[0] and "--csa" in lines[0]
