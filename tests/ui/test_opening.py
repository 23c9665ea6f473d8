"""Opening for the window: one window per file whatever name reaches it (a symbolic link,
a hard link here or in another folder, another user's window on a link beside it); locks
and the data folder private; an empty file becomes a portfolio only when the user says so;
Portfolio > Check file."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from cs_planner.domain.model import Account
from cs_planner.paths import data_dir, default_portfolio
from cs_planner.storage import EmptyFileError, PortfolioLockedError
from cs_planner.ui.shell import opening
from cs_planner.ui.shell.context import AppContext
from cs_planner.ui.shell.main_window import MainWindow
from cs_planner.ui.shell.opening import open_for_ui


@pytest.fixture
def first(portfolio_path: Path) -> Iterator[Path]:
    """A portfolio open in a 'window' (its locks held) for the whole test."""
    portfolio, lock = open_for_ui(portfolio_path)
    with portfolio.session() as s:
        s.add(Account(name="Kestrel", initial_deal_value=1000))
    yield portfolio_path
    portfolio.close()
    lock.unlock()


def test_a_symbolic_link_finds_the_same_lock(first: Path, tmp_path: Path) -> None:
    link = tmp_path / "elsewhere" / "link.csplan"
    link.parent.mkdir()
    link.symlink_to(first)
    with pytest.raises(PortfolioLockedError, match=rf"already open .*\(process {os.getpid()}\)"):
        open_for_ui(link)


@pytest.mark.parametrize("where", ["same-folder", "other-folder"])
def test_a_hard_link_finds_the_same_lock(first: Path, tmp_path: Path, where: str) -> None:
    folder = first.parent if where == "same-folder" else tmp_path / "other"
    folder.mkdir(exist_ok=True)
    link = folder / "alias.csplan"
    os.link(first, link)
    with pytest.raises(PortfolioLockedError, match="already open in another cs_planner window"):
        open_for_ui(link)
    assert not Path(f"{link}.lock").exists()  # nothing left behind by the refusal


HOLD = (
    "import sys\n"
    "from PySide6.QtCore import QLockFile\n"
    "lock = QLockFile(sys.argv[1])\n"
    "assert lock.tryLock(0)\n"
    "print('ready', flush=True)\n"
    "sys.stdin.read()\n"
)


def test_another_users_window_on_a_hard_link_beside_it(tmp_path: Path) -> None:
    """Their per-user inode lock is in their data folder: the lock beside their name for
    the file is what this window can see."""
    ours = tmp_path / "plan.csplan"
    portfolio, lock = open_for_ui(ours)
    portfolio.close()
    lock.unlock()
    theirs = tmp_path / "their name.csplan"
    os.link(ours, theirs)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, f"{theirs}.lock"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "ready"
        with pytest.raises(PortfolioLockedError, match=r"as their name\.csplan"):
            open_for_ui(ours)
    finally:
        holder.communicate(timeout=30)
    portfolio, lock = open_for_ui(ours)  # once their window closed, it opens
    portfolio.close()
    lock.unlock()


def test_locks_and_the_data_folder_are_private_whatever_the_umask(tmp_path: Path) -> None:
    previous = os.umask(0)
    try:
        portfolio, lock = open_for_ui(default_portfolio())
    finally:
        os.umask(previous)
    try:
        assert stat.S_IMODE(data_dir().stat().st_mode) == 0o700
        assert stat.S_IMODE((data_dir() / "locks").stat().st_mode) == 0o700
        held = [Path(p.fileName()) for p in lock.locks]
        assert len(held) == 2 and all(p.exists() for p in held)
        assert {stat.S_IMODE(p.stat().st_mode) for p in held} == {0o600}
    finally:
        portfolio.close()
        lock.unlock()


@pytest.mark.parametrize("answer", [False, True])
def test_an_empty_file_is_offered_as_a_new_portfolio(
    tmp_path: Path, monkeypatch, answer: bool
) -> None:
    path = tmp_path / "empty.csplan"
    path.touch()
    asked: list[str] = []
    monkeypatch.setattr(opening, "ask_start_in_empty", lambda _p, m: asked.append(m) or answer)
    if not answer:
        with pytest.raises(EmptyFileError):
            open_for_ui(path)
        assert path.stat().st_size == 0
        assert sorted(p.name for p in tmp_path.iterdir()) == ["empty.csplan"]  # no lock left
    else:
        portfolio, lock = open_for_ui(path)
        with portfolio.read() as s:
            assert s.query(Account).count() == 0
        portfolio.close()
        lock.unlock()
    assert "empty.csplan is empty" in asked[0]


def test_check_file_reports_a_sound_file_and_then_damage(
    qtbot, portfolio_path: Path, tmp_path: Path, monkeypatch
) -> None:
    portfolio, lock = open_for_ui(portfolio_path)
    with portfolio.session() as s:
        s.add(Account(name="Kestrel", initial_deal_value=1000))
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(AppContext(portfolio), lock, settings)
    qtbot.addWidget(window)
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a: shown.append(("ok", a[2])))
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: shown.append(("bad", a[2])))
    action = next(a for a in window.menuBar().actions()[0].menu().actions() if "Chec" in a.text())
    action.trigger()
    assert shown[-1][0] == "ok" and "is sound" in shown[-1][1]
    other = sqlite3.connect(portfolio_path)  # another tool breaks a rule behind our back
    other.execute("PRAGMA ignore_check_constraints=ON")
    other.execute("UPDATE account SET arr = -5")
    other.commit()
    other.close()
    action.trigger()
    assert shown[-1][0] == "bad"
    assert "row 1 of the table 'account' breaks the rule ck_account_arr" in shown[-1][1]
    window.close()
