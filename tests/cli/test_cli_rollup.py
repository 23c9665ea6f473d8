"""`cs-planner export PORTFOLIO --portfolio -o rollup.xlsx`, run as a user would."""

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


def test_export_the_portfolio_rollup_from_the_demo(tmp_path: Path) -> None:
    demo = tmp_path / "demo.csplan"
    assert cli("demo", str(demo), "--accounts", "12").returncode == 0
    out = tmp_path / "rollup.xlsx"
    result = cli("export", str(demo), "--portfolio", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"Wrote {out}"
    workbook = load_workbook(out)
    assert workbook.sheetnames == ["Accounts", "Segments", "Attention", "Health"]
    accounts = workbook["Accounts"]
    top = next(c.row for c in accounts["A"] if c.value == "Account")
    names = [accounts.cell(r, 1).value for r in range(top + 1, top + 13)]
    assert "Meridian Freight Group" in names and accounts.cell(top + 13, 1).value == "Total"
    arr_column = next(c.column for c in accounts[top] if c.value == "ARR")
    arr = [accounts.cell(r, arr_column).value for r in range(top + 1, top + 13)]
    assert arr == sorted(arr, reverse=True)
    tiers = [c.value for c in workbook["Segments"]["A"]]
    assert "By tier" in tiers and "By CSM" in tiers


def test_a_missing_output_folder_is_a_one_line_error(tmp_path: Path) -> None:
    demo = tmp_path / "demo.csplan"
    assert cli("demo", str(demo), "--accounts", "2").returncode == 0
    result = cli("export", str(demo), "--portfolio", "-o", str(tmp_path / "no" / "r.xlsx"))
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "does not exist" in lines[0]
    assert not (tmp_path / "no").exists()


def test_portfolio_is_one_choice_among_account_and_csa(tmp_path: Path) -> None:
    out = str(tmp_path / "x.xlsx")
    result = cli("export", "p.csplan", "--portfolio", "--csa", "-o", out)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "--portfolio" in lines[0]
    assert "--portfolio" in cli("export", "--help").stdout
