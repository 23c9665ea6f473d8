"""The files `make bundle` puts beside the app on Linux: the desktop entry, the file type
and install.sh, which installs the folder for the user with a menu entry and the icon.

The bundle itself is built and run (``--smoke-test`` under Xvfb) by .ci/run."""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"


def _entry(path: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(path)
    return parser["Desktop Entry"]


def test_desktop_entry_names_the_app_its_icon_and_file_type() -> None:
    entry = _entry(PACKAGING / "cs-planner.desktop")
    assert entry["Type"] == "Application"
    assert entry["Name"] == "cs_planner"
    assert entry["Exec"] == "cs-planner %f"
    assert entry["Icon"] == "cs-planner"
    assert entry["Terminal"] == "false"
    assert entry["Categories"].endswith(";")
    mime = (PACKAGING / "cs-planner-mime.xml").read_text()
    assert f'type="{entry["MimeType"].rstrip(";")}"' in mime
    assert '<glob pattern="*.csplan"/>' in mime


def test_build_script_ships_every_linux_file() -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("build_bundle", PACKAGING / "build_bundle.py")
    assert spec and spec.loader
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    for source, name in build.LINUX_FILES.items():
        assert source.is_file(), source
        assert "/" not in name
    assert set(build.LINUX_FILES.values()) >= {"cs-planner.desktop", "install.sh"}


@pytest.fixture
def fake_bundle(tmp_path: Path) -> Path:
    """A folder laid out like dist/cs-planner, with a stand-in executable."""
    bundle = tmp_path / "dist" / "cs-planner"
    (bundle / "_internal").mkdir(parents=True)
    exe = bundle / "cs-planner"
    exe.write_text("#!/bin/sh\necho cs-planner 0.1.0\n")
    exe.chmod(0o755)
    shutil.copy(PACKAGING / "cs-planner.desktop", bundle / "cs-planner.desktop")
    shutil.copy(PACKAGING / "cs-planner-mime.xml", bundle / "cs-planner-mime.xml")
    shutil.copy(ROOT / "cs_planner" / "resources" / "icon.svg", bundle / "cs-planner.svg")
    shutil.copy(PACKAGING / "install-linux.sh", bundle / "install.sh")
    (bundle / "install.sh").chmod(0o755)
    return bundle


@pytest.mark.skipif(sys.platform == "win32", reason="a POSIX shell script")
def test_install_sh_installs_and_uninstalls_for_the_user(fake_bundle: Path, tmp_path: Path) -> None:
    home = tmp_path / "home dir"  # a space, as in many real home folders
    home.mkdir()
    env = {**os.environ, "HOME": str(home)}
    env.pop("XDG_DATA_HOME", None)
    env.pop("CS_PLANNER_HOME", None)
    result = subprocess.run(
        ["sh", str(fake_bundle / "install.sh")], env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    opt = home / ".local" / "opt" / "cs-planner"
    share = home / ".local" / "share"
    assert (opt / "cs-planner").is_file() and (opt / "_internal").is_dir()
    entry = _entry(share / "applications" / "cs-planner.desktop")
    assert entry["Exec"] == f'"{opt}/cs-planner" %f'
    assert entry["Icon"] == "cs-planner"
    assert (share / "icons" / "hicolor" / "scalable" / "apps" / "cs-planner.svg").is_file()
    assert (share / "mime" / "packages" / "cs-planner.xml").is_file()
    link = home / ".local" / "bin" / "cs-planner"
    assert link.resolve() == (opt / "cs-planner").resolve()
    ran = subprocess.run([str(link)], capture_output=True, text=True)
    assert ran.stdout.strip() == "cs-planner 0.1.0"

    again = subprocess.run(  # an update over an installed copy
        ["sh", str(fake_bundle / "install.sh")], env=env, capture_output=True, text=True
    )
    assert again.returncode == 0, again.stderr

    removed = subprocess.run(
        ["sh", str(opt / "install.sh"), "--uninstall"], env=env, capture_output=True, text=True
    )
    assert removed.returncode == 0, removed.stderr
    assert not opt.exists() and not link.exists()
    assert not (share / "applications" / "cs-planner.desktop").exists()


@pytest.mark.skipif(sys.platform == "win32", reason="a POSIX shell script")
def test_install_sh_refuses_a_folder_that_is_not_the_app(tmp_path: Path) -> None:
    stray = tmp_path / "stray"
    stray.mkdir()
    shutil.copy(PACKAGING / "install-linux.sh", stray / "install.sh")
    env = {**os.environ, "HOME": str(tmp_path / "home")}
    result = subprocess.run(
        ["sh", str(stray / "install.sh")], env=env, capture_output=True, text=True
    )
    assert result.returncode == 1
    assert "run me from the cs-planner app folder" in result.stderr


@pytest.mark.skipif(sys.platform == "win32", reason="a POSIX shell script")
def test_install_sh_never_replaces_a_foreign_folder(fake_bundle: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    taken = home / ".local" / "opt" / "cs-planner"
    taken.mkdir(parents=True)
    (taken / "precious.txt").write_text("keep me")
    env = {**os.environ, "HOME": str(home)}
    env.pop("CS_PLANNER_HOME", None)
    result = subprocess.run(
        ["sh", str(fake_bundle / "install.sh")], env=env, capture_output=True, text=True
    )
    assert result.returncode == 1
    assert (taken / "precious.txt").read_text() == "keep me"
