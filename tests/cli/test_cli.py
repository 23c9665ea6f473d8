"""The installed command line, run in a subprocess as a user or a script would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from cs_planner import __version__

ROOT = Path(__file__).resolve().parents[2]
EXE = Path(sys.executable).with_name("cs-planner")


def cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [str(EXE), *args], capture_output=True, text=True, env=env, cwd=cwd, timeout=300
    )


def assert_user_error(result: subprocess.CompletedProcess[str], text: str) -> None:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert text in lines[0]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "demo.csplan"
    result = cli("demo", str(path))
    assert result.returncode == 0, result.stderr
    return path


def test_version_and_help_in_all_three_ways() -> None:
    assert cli("--version").stdout.strip() == f"cs-planner {__version__}"
    for command in (
        [sys.executable, "main.py", "--version"],
        [sys.executable, "-m", "cs_planner", "--version"],
    ):
        out = subprocess.run(command, capture_output=True, text=True, cwd=ROOT).stdout
        assert out.strip() == f"cs-planner {__version__}"
    text = cli("--help").stdout
    for command in ("demo", "accounts", "export", "--db", "--screenshot"):
        assert command in text


def test_accounts_prints_a_header_and_a_line_per_account(demo: Path) -> None:
    result = cli("accounts", str(demo))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "name\ttier\tstage\tarr\trenewal_date"
    assert len(lines) == 13
    fields = lines[1].split("\t")
    assert len(fields) == 5
    assert fields[1] in ("top", "leveraged", "scalable")
    assert float(fields[3]) > 0


def test_demo_refuses_an_existing_file(demo: Path) -> None:
    assert_user_error(cli("demo", str(demo)), "already exists")


def test_demo_into_a_database_url_needs_an_empty_database(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'team.csplan'}"
    result = cli("demo", url, "--accounts", "3")
    assert result.returncode == 0, result.stderr
    assert len(cli("accounts", url).stdout.splitlines()) == 4
    assert_user_error(cli("demo", url, "--accounts", "3"), "already holds accounts")
    assert len(cli("accounts", url).stdout.splitlines()) == 4


def test_demo_adds_the_suffix_to_a_bare_name(tmp_path: Path) -> None:
    result = cli("demo", str(tmp_path / "bare"), "--accounts", "2")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "bare.csplan").exists()
    assert_user_error(cli("demo", str(tmp_path / "bare")), "already exists")


def test_export_writes_the_summary_sheet(demo: Path, tmp_path: Path) -> None:
    name = cli("accounts", str(demo)).stdout.splitlines()[1].split("\t")[0]
    out = tmp_path / "plan.xlsx"
    result = cli("export", str(demo), "--account", name, "-o", str(out))
    assert result.returncode == 0, result.stderr
    workbook = load_workbook(out)
    assert "Summary" in workbook.sheetnames
    values = [c.value for row in workbook["Summary"].iter_rows() for c in row]
    assert name in values


def test_export_unknown_account_is_a_one_line_error(demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "plan.xlsx"
    assert_user_error(
        cli("export", str(demo), "--account", "No Such Customer", "-o", str(out)),
        "no account named 'No Such Customer'",
    )
    assert not out.exists()


def test_missing_and_invalid_files_are_one_line_errors(tmp_path: Path) -> None:
    assert_user_error(cli("accounts", str(tmp_path / "missing.csplan")), "no portfolio")
    assert not (tmp_path / "missing.csplan").exists()
    text = tmp_path / "notes.csplan"
    text.write_text("not a database\n")
    assert_user_error(cli("accounts", str(text)), "not a cs_planner portfolio")
    assert text.read_text() == "not a database\n"
    assert_user_error(
        cli("export", str(text), "--account", "x", "-o", str(tmp_path / "o.xlsx")),
        "not a cs_planner portfolio",
    )


def test_bad_arguments_are_one_line_errors() -> None:
    assert_user_error(cli("demo"), "required")
    assert_user_error(cli("accounts", "a", "b"), "unrecognized")
    assert_user_error(cli("--size", "huge", "--screenshot", "x.png"), "--size")


def test_export_in_process_leaves_the_cycle_collector_on(demo: Path, tmp_path: Path) -> None:
    """An export turns the collector off while it runs (a short run with no garbage worth
    a pass); a caller running it in its own process gets it back on, and the plan written."""
    import gc

    from cs_planner.cli import main

    name = cli("accounts", str(demo)).stdout.splitlines()[1].split("\t")[0]
    out = tmp_path / "plan.xlsx"
    assert gc.isenabled()
    assert main(["export", str(demo), "--account", name, "-o", str(out)]) == 0
    assert gc.isenabled()
    assert load_workbook(out).sheetnames[0] == "Summary"
