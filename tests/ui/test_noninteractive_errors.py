"""With nobody to close a dialog (--screenshot, no display) an unexpected error is one line
on standard error and a non-zero exit, never a modal dialog that waits forever."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from sqlalchemy import text

from cs_planner.domain.accounts.rows import ActivityValues
from cs_planner.domain.accounts.writes import create_account, new_activity
from cs_planner.storage import open_portfolio
from cs_planner.ui.shell import errors

EXE = Path(sys.executable).with_name("cs-planner")


def _portfolio_with(tmp_path: Path, corrupt: str) -> Path:
    """A portfolio with one account and an activity, then ``corrupt`` run as raw SQL: data
    an older or damaged file may hold and the app fails on while showing the account."""
    path = tmp_path / "damaged.csplan"
    portfolio = open_portfolio(path)
    with portfolio.session() as s:
        account_id = create_account(s, "Kestrel Biotech", 1000)
        new_activity(s, account_id, ActivityValues(date=dt.date(2026, 1, 5)))
    with portfolio.session() as s:
        s.execute(text(corrupt))
    portfolio.close()
    return path


def _screenshot(path: Path, tmp_path: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [str(EXE), str(path), "--screenshot", str(tmp_path / "shot.png"), *extra],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,  # it used to wait for ever on an offscreen dialog
    )


@pytest.mark.parametrize(
    ("corrupt", "extra"),
    [
        ("UPDATE activity SET date = 'someday'", ("--account", "Kestrel Biotech")),
        ("UPDATE account SET renewal_date = 'soon'", ()),
    ],
)
def test_a_screenshot_of_damaged_data_says_so_in_one_line(
    tmp_path: Path, corrupt: str, extra: tuple[str, ...]
) -> None:
    """Data an older or damaged file may hold: refused when the file is opened."""
    path = _portfolio_with(tmp_path, corrupt)
    result = _screenshot(path, tmp_path, *extra)
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("cs-planner: error: damaged.csplan is damaged: row 1 of")
    assert not (tmp_path / "shot.png").exists()


# A failure nothing foresaw, in a slot (the Overview loading its account) or while the
# window is built: the real app, with one function made to fail.
FAILING = {
    "slot": "cs_planner.ui.accounts.overview_tab.load_overview",
    "build": "cs_planner.ui.accounts.portfolio_list.PortfolioView.reload",
}


@pytest.mark.parametrize("where", sorted(FAILING))
def test_a_screenshot_run_reports_an_unexpected_error_in_one_line(
    tmp_path: Path, where: str
) -> None:
    path = _portfolio_with(tmp_path, "SELECT 1")
    module, _, name = FAILING[where].rpartition(".")
    script = (
        "import importlib, sys\n"
        "def fail(*args, **kwargs):\n"
        "    raise RuntimeError('nobody saw this coming')\n"
        f"owner = {module!r}\n"
        "try:\n"
        "    target = importlib.import_module(owner)\n"
        "except ModuleNotFoundError:\n"
        "    mod, _, cls = owner.rpartition('.')\n"
        "    target = getattr(importlib.import_module(mod), cls)\n"
        f"setattr(target, {name!r}, fail)\n"
        "from cs_planner.cli import main\n"
        "sys.exit(main(sys.argv[1:]))\n"
    )
    shot = tmp_path / "shot.png"
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            script,
            str(path),
            "--screenshot",
            str(shot),
            "--account",
            "Kestrel Biotech",
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        timeout=120,  # it used to wait for ever on an offscreen dialog
    )
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert lines == ["cs-planner: error: RuntimeError: nobody saw this coming"], result.stderr
    assert not shot.exists()


def test_the_non_interactive_hook_never_opens_a_dialog(qtbot, monkeypatch, capsys) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    monkeypatch.setattr(errors.ErrorDialog, "exec", lambda self: pytest.fail("a dialog"))
    errors.install(interactive=False)
    try:
        try:
            raise RuntimeError("disk on fire\nsecond line " + "x" * 5000)
        except RuntimeError:
            sys.excepthook(*sys.exc_info())
        assert errors.failed()
        err = capsys.readouterr().err
        assert err.count("\n") == 1
        assert err.startswith("cs-planner: error: RuntimeError: disk on fire second line")
        assert len(err) < 500
        # No event loop ran, so none was told to quit: later loops still run (Qt would
        # otherwise end every later QEventLoop at once).
        timer = QTimer()
        timer.setSingleShot(True)
        with qtbot.waitSignal(timer.timeout, timeout=2000):
            timer.start(10)
    finally:
        errors.install(interactive=True)
    assert not errors.failed()
