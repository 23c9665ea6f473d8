"""A file that passed the check on open is not checked again while it is unchanged; any
write to it that was not the app's own makes the next open check it again."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from cs_planner.domain.model import Account
from cs_planner.storage import DamagedError, checks, open_portfolio


@pytest.fixture
def verified(monkeypatch) -> list[Path]:
    """The files the full check ran on."""
    seen: list[Path] = []
    real = checks.verify

    def counting(connection, path: Path) -> None:
        seen.append(path)
        real(connection, path)

    monkeypatch.setattr(checks, "verify", counting)
    return seen


def _with_account(path: Path) -> Path:
    portfolio = open_portfolio(path)
    with portfolio.session() as s:
        s.add(Account(name="Kestrel", initial_deal_value=1000))
    portfolio.close()
    return path


def _break_a_row(path: Path) -> None:
    """What a program other than cs_planner might do (here in rollback-journal mode)."""
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA journal_mode=DELETE")
    connection.execute("PRAGMA ignore_check_constraints=ON")
    connection.execute("UPDATE account SET tier_override = 'Platinum'")
    connection.close()


@pytest.mark.parametrize("mode", ["write", "read"])
def test_an_unchanged_file_is_checked_once(portfolio_path: Path, verified, mode) -> None:
    _with_account(portfolio_path)
    for _ in range(3):
        open_portfolio(portfolio_path, mode=mode, create=False).close()
    assert verified == [portfolio_path]


def test_the_apps_own_writes_are_checked_too(portfolio_path: Path, verified) -> None:
    """Raw SQL, a migration or an older version write what the models would refuse."""
    _with_account(portfolio_path)
    open_portfolio(portfolio_path).close()
    portfolio = open_portfolio(portfolio_path)
    with portfolio.session() as s:
        s.add(Account(name="Osprey", initial_deal_value=2000))
    portfolio.close()
    open_portfolio(portfolio_path, mode="read").close()
    open_portfolio(portfolio_path, mode="read").close()
    assert verified == [portfolio_path] * 2


def test_a_raw_write_through_the_app_is_found(portfolio_path: Path) -> None:
    _with_account(portfolio_path)
    open_portfolio(portfolio_path).close()  # remembered
    portfolio = open_portfolio(portfolio_path)
    with portfolio.session() as s:
        s.execute(text("UPDATE account SET renewal_date = 'soon'"))
    portfolio.close()
    with pytest.raises(DamagedError, match="renewal_date"):
        open_portfolio(portfolio_path, mode="read")


def test_opening_without_writing_keeps_the_file_known(portfolio_path: Path, verified) -> None:
    _with_account(portfolio_path)
    open_portfolio(portfolio_path).close()
    portfolio = open_portfolio(portfolio_path)
    with portfolio.read() as s:
        s.get(Account, 1)
    portfolio.close()
    open_portfolio(portfolio_path, mode="read").close()
    assert verified == [portfolio_path]


def test_a_change_by_another_program_is_checked(portfolio_path: Path, verified) -> None:
    _with_account(portfolio_path)
    _break_a_row(portfolio_path)
    for mode in ("read", "write"):
        with pytest.raises(DamagedError, match="tier_override"):
            open_portfolio(portfolio_path, mode=mode, create=False)
    assert len(verified) == 2


def test_a_copy_or_a_moved_file_is_checked(portfolio_path: Path, tmp_path: Path, verified):
    _with_account(portfolio_path)
    copy = tmp_path / "copy.csplan"
    copy.write_bytes(portfolio_path.read_bytes())
    open_portfolio(copy, mode="read").close()
    assert verified == [copy]


def test_an_unwritable_record_only_means_checking(portfolio_path: Path, verified, monkeypatch):
    monkeypatch.setattr(checks, "_record_file", lambda: Path("/proc/no/such/record.json"))
    _with_account(portfolio_path)
    open_portfolio(portfolio_path, mode="read").close()
    open_portfolio(portfolio_path, mode="read").close()
    assert len(verified) == 2


def test_a_problem_found_by_check_file_is_not_forgotten(portfolio_path: Path, verified):
    """Check file finds a problem in a file remembered as sound (the disk changed it, say):
    the file is no longer remembered, and the next open says what is wrong."""
    _with_account(portfolio_path)
    open_portfolio(portfolio_path, mode="read").close()
    known = checks.signature(portfolio_path)
    _break_a_row(portfolio_path)
    checks._remember(portfolio_path, checks.signature(portfolio_path))  # as if unchanged
    open_portfolio(portfolio_path, mode="read").close()  # not checked: remembered
    portfolio = open_portfolio(portfolio_path, mode="read")
    assert any("tier_override" in problem for problem in portfolio.check())
    portfolio.close()
    assert known != checks.signature(portfolio_path)
    with pytest.raises(DamagedError, match="tier_override"):
        open_portfolio(portfolio_path, mode="read")


def test_closing_twice_leaves_no_companion_files(portfolio_path: Path) -> None:
    portfolio = open_portfolio(_with_account(portfolio_path))
    portfolio.close()
    portfolio.close()
    assert not Path(f"{portfolio_path}-wal").exists()
