"""Screenshots, exported pictures and the settings file are the owner's alone (0600),
whatever the umask: they show customers, revenue and the last portfolio opened."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QSettings

from cs_planner.domain.accounts.writes import create_account
from cs_planner.storage import Portfolio, open_portfolio
from cs_planner.ui.shell.context import AppContext
from cs_planner.ui.shell.main_window import MainWindow

EXE = Path(sys.executable).with_name("cs-planner")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_screenshot_and_the_settings_are_owner_only_under_umask_000(tmp_path: Path) -> None:
    path = tmp_path / "p.csplan"
    portfolio = open_portfolio(path)
    with portfolio.session() as s:
        create_account(s, "Kestrel Biotech", 1000)
    portfolio.close()
    config = tmp_path / "config"
    out = tmp_path / "shot.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(config)}
    result = subprocess.run(
        [str(EXE), str(path), "--screenshot", str(out), "--size", "800x600"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        preexec_fn=lambda: os.umask(0),
    )
    assert result.returncode == 0, result.stderr
    assert _mode(out) == 0o600
    assert not list(config.rglob("*.conf"))  # a screenshot leaves the user's settings alone

    # The window's own settings file, written when it closes, under the same umask.
    script = (
        "import sys\n"
        "from PySide6.QtCore import QSettings\n"
        "from cs_planner.app import setup_application\n"
        "from cs_planner.storage import open_portfolio\n"
        "from cs_planner.ui.shell.context import AppContext\n"
        "from cs_planner.ui.shell.main_window import MainWindow\n"
        "app = setup_application()\n"
        "window = MainWindow(AppContext(open_portfolio(sys.argv[1])), None, QSettings())\n"
        "window.close()\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        preexec_fn=lambda: os.umask(0),
    )
    assert result.returncode == 0, result.stderr
    settings = list(config.rglob("*.conf"))
    assert settings and all(_mode(p) == 0o600 for p in settings)


def test_export_view_as_png_is_owner_only(
    qtbot, portfolio: Portfolio, tmp_path: Path, monkeypatch
) -> None:
    from PySide6.QtWidgets import QFileDialog

    window = MainWindow(AppContext(portfolio), None, QSettings())
    qtbot.addWidget(window)
    out = tmp_path / "view.png"
    out.write_bytes(b"an older picture")
    os.chmod(out, 0o666)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), "PNG (*.png)"))
    old = os.umask(0)
    try:
        window.export_png()
    finally:
        os.umask(old)
    assert out.read_bytes().startswith(b"\x89PNG") and _mode(out) == 0o600
    assert not list(tmp_path.glob(".cs_planner-*"))  # written through a temporary file


def test_a_relationship_map_export_is_owner_only(qtbot, portfolio: Portfolio, tmp_path) -> None:
    from cs_planner.ui.relationships.tab import RelationshipsTab

    with portfolio.session() as s:
        account_id = create_account(s, "Kestrel Biotech", 1000)
    view = RelationshipsTab(AppContext(portfolio))
    qtbot.addWidget(view)
    view.set_account(account_id)
    old = os.umask(0)
    try:
        for name in ("map.png", "map.svg"):
            assert view.export(tmp_path / name)
            assert _mode(tmp_path / name) == 0o600
    finally:
        os.umask(old)
