"""Start-up paints first: the window shows the first look's list, then opens the portfolio
in full right after its first paint and restores the last account; a file the full open
refuses closes the painted window; a locked file is refused before anything is shown."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from cs_planner.demo import generate
from cs_planner.storage import PortfolioLockedError, open_portfolio
from cs_planner.ui.shell import errors, startup
from cs_planner.ui.shell.main_window import MainWindow
from cs_planner.ui.shell.opening import lock_file


@pytest.fixture
def demo(portfolio_path: Path, today: dt.date) -> Path:
    portfolio = open_portfolio(portfolio_path)
    generate(portfolio, accounts=12, today=today)
    portfolio.close()
    return portfolio_path


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def _started(qtbot, target: Path | None, settings: QSettings) -> MainWindow:
    window = startup.start(target, settings)
    assert window is not None
    qtbot.addWidget(window)
    return window


def test_the_list_is_painted_before_the_portfolio_opens(
    qtbot, demo: Path, settings: QSettings
) -> None:
    window = _started(qtbot, demo, settings)
    assert not window.is_open
    assert window.portfolio_view.model.total == 12
    assert window.windowTitle() == f"{demo.stem} — cs_planner"
    window.show()
    qtbot.waitUntil(lambda: window.is_open, timeout=10_000)
    assert window.portfolio_view.model.total == 12
    assert window.main_area.tab_names()[0] == "Overview"
    account = window.portfolio_view.model.row_at(3)
    assert account is not None
    window.portfolio_view.select_account(account.id)
    window.close()
    assert not Path(f"{demo}.lock").exists()

    again = _started(qtbot, None, settings)  # no argument: the portfolio used last
    assert not again.is_open
    again.show()
    qtbot.waitUntil(lambda: again.is_open, timeout=10_000)
    assert again.workspace.account_id == account.id  # restored after the paint
    again.close()


def test_a_file_without_a_first_look_opens_before_it_is_shown(
    qtbot, tmp_path: Path, settings: QSettings
) -> None:
    window = _started(qtbot, tmp_path / "new.csplan", settings)
    assert window.is_open
    assert window.portfolio_view.model.total == 0
    window.close()


def test_a_locked_file_is_refused_before_anything_is_shown(
    qtbot, demo: Path, settings: QSettings
) -> None:
    held = lock_file(demo.resolve())
    try:
        with pytest.raises(PortfolioLockedError, match="already open"):
            startup.start(demo, settings)
    finally:
        held.unlock()


def test_a_file_the_full_open_refuses_closes_the_painted_window(
    qtbot, demo: Path, settings: QSettings, monkeypatch, capsys
) -> None:
    with sqlite3.connect(demo) as connection:  # a row no model accepts: the checks refuse
        connection.execute("PRAGMA ignore_check_constraints = ON")
        connection.execute("UPDATE account SET arr = -5 WHERE id = 1")
    connection.close()
    monkeypatch.setattr(errors, "_interactive", False)
    exits: list[int] = []
    monkeypatch.setattr(QApplication, "exit", lambda code=0: exits.append(code))
    window = _started(qtbot, demo, settings)
    assert window.portfolio_view.model.total == 12  # the first look showed it
    window.show()
    qtbot.waitUntil(lambda: bool(exits), timeout=10_000)
    assert exits == [1]
    assert not window.isVisible() and not window.is_open
    assert "damaged" in capsys.readouterr().err
    assert not Path(f"{demo}.lock").exists()


def test_start_up_loads_neither_sqlalchemy_nor_the_workspace_before_the_paint() -> None:
    """The window painted first must not wait for them."""
    code = (
        "import sys\n"
        "import cs_planner.ui.shell.startup\n"
        "heavy = [m for m in ('sqlalchemy', 'matplotlib', 'openpyxl', 'alembic',\n"
        "         'cs_planner.ui.shell.workspace') if m in sys.modules]\n"
        "print(heavy)\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert out.stdout.strip() == "[]"


def test_the_last_portfolio_refused_after_the_paint_asks_the_welcome_dialog(
    qtbot, demo: Path, settings: QSettings, monkeypatch
) -> None:
    from cs_planner.ui.shell import welcome
    from cs_planner.ui.shell.recent import RECENT_KEY

    settings.setValue(RECENT_KEY, [str(demo.resolve())])
    with sqlite3.connect(demo) as connection:
        connection.execute("PRAGMA ignore_check_constraints = ON")
        connection.execute("UPDATE account SET arr = -5 WHERE id = 1")
    connection.close()
    asked: list[str] = []
    monkeypatch.setattr(
        welcome.WelcomeDialog, "ask", staticmethod(lambda problem="": asked.append(problem))
    )
    exits: list[int] = []
    monkeypatch.setattr(QApplication, "exit", lambda code=0: exits.append(code))
    window = _started(qtbot, None, settings)
    window.show()
    qtbot.waitUntil(lambda: bool(exits), timeout=10_000)
    assert exits == [0]  # the user closed the welcome dialog
    assert asked and asked[0].startswith("The portfolio you used last could not be opened")
    assert not window.is_open and not window.isVisible()
