"""``--smoke-test`` and ``--screenshot`` run the real window but leave the user's settings
(recent files, last account and tab, window geometry) exactly as they were, whether they
succeed or fail."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

EXE = Path(sys.executable).with_name("cs-planner")
SETTINGS_TEXT = "[General]\nrecent=/home/lena/accounts.csplan\n\n[last]\naccount=3\ntab=Stairway\n"


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([str(EXE), *args], capture_output=True, text=True, env=env, timeout=300)


@pytest.fixture
def user_settings() -> Path:
    """The user's settings file where Qt keeps it (XDG_CONFIG_HOME is private in tests)."""
    path = Path(os.environ["XDG_CONFIG_HOME"]) / "cs-planner" / "cs-planner.conf"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(SETTINGS_TEXT)
    return path


def _unchanged(path: Path) -> None:
    assert path.read_text() == SETTINGS_TEXT
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("smoke") / "demo.csplan"
    result = _run("demo", str(path), "--accounts", "3")
    assert result.returncode == 0, result.stderr
    return path


def test_smoke_test_on_a_fresh_demo(user_settings: Path) -> None:
    result = _run("--smoke-test")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Made a demo portfolio in ")
    assert any(line.startswith("Opened demo in a window (offscreen") for line in lines)
    assert any(line.startswith("Read 4 accounts") for line in lines)
    shown = next(line for line in lines if line.startswith("Showed "))
    assert shown.endswith("Team") and "Overview, Relationships" in shown  # every tab and page
    assert any(line.startswith("Wrote the account plan of ") for line in lines)
    assert lines[-1] == "Smoke test passed."
    assert result.stderr == ""
    _unchanged(user_settings)
    data = Path(os.environ["XDG_DATA_HOME"]) / "cs-planner"
    assert not data.exists() or not any(data.glob("*.csplan"))  # the demo was temporary


def test_smoke_test_on_a_given_portfolio(user_settings: Path, demo: Path) -> None:
    before = demo.read_bytes()
    result = _run(str(demo), "--smoke-test")
    assert result.returncode == 0, result.stderr
    assert "Read 3 accounts" in result.stdout
    assert demo.read_bytes() == before
    _unchanged(user_settings)


@pytest.mark.parametrize("kind", ["missing", "no accounts", "not a portfolio"])
def test_smoke_test_failure_is_one_line_on_stderr(
    user_settings: Path, tmp_path: Path, kind: str
) -> None:
    target = tmp_path / "x.csplan"
    if kind == "no accounts":
        from cs_planner.storage import open_portfolio

        open_portfolio(target).close()
    elif kind == "not a portfolio":
        target.write_bytes(b"PK\x03\x04 a zip")
    result = _run(str(target), "--smoke-test")
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("cs-planner: error: smoke test failed: ")
    assert "Traceback" not in result.stdout
    _unchanged(user_settings)


def test_screenshot_leaves_settings_alone_on_success_and_failure(
    user_settings: Path, demo: Path, tmp_path: Path
) -> None:
    out = tmp_path / "shot.png"
    ok = _run(str(demo), "--screenshot", str(out), "--tab", "Stairway", "--size", "900x700")
    assert ok.returncode == 0, ok.stderr
    assert out.exists()
    _unchanged(user_settings)
    for failing in (["--account", "No such account"], ["--tab", "Nope"]):
        bad = _run(str(demo), "--screenshot", str(tmp_path / "bad.png"), *failing)
        assert bad.returncode == 1
        _unchanged(user_settings)


def test_screenshot_needs_a_portfolio(user_settings: Path, tmp_path: Path) -> None:
    result = _run("--screenshot", str(tmp_path / "x.png"))
    assert result.returncode == 1
    assert "--screenshot needs a portfolio" in result.stderr
    _unchanged(user_settings)
