"""The command line with hostile or unusual names: non-ASCII case, a leading '-', formula
text and control characters in `accounts`."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import text

from cs_planner.domain.accounts.writes import create_account
from cs_planner.domain.model import Account
from cs_planner.storage import open_portfolio

EXE = Path(sys.executable).with_name("cs-planner")

# Written by raw SQL: the domain now refuses them, but an older file may hold them.
RAW_NAMES = ["Evil\x1b[2J\x1b[31mRed", "Line\nBreak", "Tab\there", "Bell\x07\x9b"]
FORMULAS = ["=1+1", '=HYPERLINK("http://evil.example","Click")', "+49 30 1234", "@SUM(A1)"]


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([str(EXE), *args], capture_output=True, text=True, env=env, timeout=300)


def _raw_account(session, name: str) -> None:
    columns = [c.name for c in Account.__table__.c if c.name not in ("id", "name")]
    listed = ", ".join(columns)
    session.execute(
        text(
            f"INSERT INTO account (name, {listed}) SELECT :name, {listed} FROM account "
            "ORDER BY id LIMIT 1"
        ),
        {"name": name},
    )


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    path = tmp_path / "hostile.csplan"
    portfolio = open_portfolio(path)
    with portfolio.session() as s:
        create_account(s, "Örebro Energi AB", 1000, arr=5000)
        create_account(s, "-Acme", 1000)
        create_account(s, 'Say "Hi" AB', 1000)
        for name in FORMULAS:
            create_account(s, name, 1000)
    with portfolio.session() as s:
        for name in RAW_NAMES:
            _raw_account(s, name)
    portfolio.close()
    return path


def test_accounts_is_a_tab_separated_file_a_spreadsheet_cannot_run(hostile: Path) -> None:
    result = cli("accounts", str(hostile))
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    rows = list(csv.reader(io.StringIO(result.stdout), dialect="excel-tab"))
    assert rows[0] == ["name", "tier", "stage", "arr", "renewal_date"]
    assert all(len(row) == 5 for row in rows)
    names = {row[0] for row in rows[1:]}
    assert len(rows) == 1 + 3 + len(FORMULAS) + len(RAW_NAMES)
    for formula in FORMULAS:
        assert "'" + formula in names
    assert "'-Acme" in names
    assert 'Say "Hi" AB' in names and "Örebro Energi AB" in names
    assert "Evil\\x1b[2J\\x1b[31mRed" in names
    assert {"Line\\x0aBreak", "Tab\\x09here", "Bell\\x07\\x9b"} <= names
    # One line per account: nothing a name holds breaks a line.
    assert len(result.stdout.splitlines()) == len(rows)


def test_export_finds_a_name_in_any_case_beyond_ascii(hostile: Path, tmp_path: Path) -> None:
    out = tmp_path / "plan.xlsx"
    result = cli("export", str(hostile), "--account", "ÖREBRO ENERGI AB", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert load_workbook(out)["Summary"]["A1"].value == "Örebro Energi AB"


def test_export_prefers_the_exact_name_over_a_case_variant(hostile: Path, tmp_path: Path) -> None:
    portfolio = open_portfolio(hostile)
    with portfolio.session() as s:
        _raw_account(s, "ÖREBRO ENERGI AB")
    portfolio.close()
    out = tmp_path / "plan.xlsx"
    for name in ("Örebro Energi AB", "ÖREBRO ENERGI AB"):
        result = cli("export", str(hostile), "--account", name, "-o", str(out))
        assert result.returncode == 0, result.stderr
        assert load_workbook(out)["Summary"]["A1"].value == name
    result = cli("export", str(hostile), "--account", "örebro energi ab", "-o", str(out))
    assert result.returncode == 1
    assert "give the name exactly" in result.stderr and "Traceback" not in result.stderr


def test_a_name_starting_with_a_dash_goes_with_an_equals_sign(
    hostile: Path, tmp_path: Path
) -> None:
    out = tmp_path / "plan.xlsx"
    result = cli("export", str(hostile), "--account", "-Acme", "-o", str(out))
    assert result.returncode == 2
    assert "--account=NAME" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert "--account=NAME" in cli("export", "--help").stdout
    result = cli("export", str(hostile), "--account=-Acme", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert load_workbook(out)["Summary"]["A1"].value == "-Acme"


def test_export_says_when_a_text_was_cut_to_fit_a_cell(hostile: Path, tmp_path: Path) -> None:
    portfolio = open_portfolio(hostile)
    with portfolio.session() as s:  # an older file: the domain now refuses such notes
        s.execute(text("UPDATE account SET notes = :n WHERE name = '-Acme'"), {"n": "x" * 40_000})
    portfolio.close()
    out = tmp_path / "plan.xlsx"
    result = cli("export", str(hostile), "--account=-Acme", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Wrote ")
    warning = result.stderr.strip().splitlines()
    assert len(warning) == 1 and "warning: Account!" in warning[0] and "40,000" in warning[0]
