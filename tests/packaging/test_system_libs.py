"""packaging/system_libs.py: the system libraries Qt's window needs, found and installed.

The issue: ``make run`` aborted on a fresh machine because two xcb libraries were missing
while Qt's message named a third. These tests pin the list, the install decisions and,
on Linux, the list against what the installed PySide6 really links to."""

from __future__ import annotations

import importlib.util
import io
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "packaging" / "system_libs.py"
_spec = importlib.util.spec_from_file_location("system_libs", SCRIPT)
assert _spec and _spec.loader
system_libs = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(system_libs)

LDCONFIG = """\
3 libs found in cache `/etc/ld.so.cache'
\tlibxcb-icccm.so.4 (libc6,x86-64) => /lib/x86_64-linux-gnu/libxcb-icccm.so.4
\tlibEGL.so.1 (libc6,x86-64) => /lib/x86_64-linux-gnu/libEGL.so.1
\tlibEGL.so (libc6,x86-64) => /lib/x86_64-linux-gnu/libEGL.so
"""

ISSUE_LIBRARIES = {
    "cursor": "libxcb-cursor.so.0",
    "icccm": "libxcb-icccm.so.4",
    "keysyms": "libxcb-keysyms.so.1",
    "image": "libxcb-image.so.0",
    "render-util": "libxcb-render-util.so.0",
    "shape": "libxcb-shape.so.0",
    "randr": "libxcb-randr.so.0",
    "xkb": "libxcb-xkb.so.1",
    "xkbcommon-x11": "libxkbcommon-x11.so.0",
    "EGL": "libEGL.so.1",
    "fontconfig": "libfontconfig.so.1",
}


def test_the_list_names_every_library_of_the_issue_with_its_package() -> None:
    for library in ISSUE_LIBRARIES.values():
        assert library in system_libs.LIBRARIES
    assert system_libs.LIBRARIES["libxcb-icccm.so.4"] == "libxcb-icccm4"
    assert system_libs.LIBRARIES["libxcb-keysyms.so.1"] == "libxcb-keysyms1"


def test_ldconfig_output_is_read_by_file_name() -> None:
    names = system_libs.installed_names(LDCONFIG)
    assert names == {"libxcb-icccm.so.4", "libEGL.so.1", "libEGL.so"}
    absent = system_libs.missing(names)
    assert "libxcb-keysyms.so.1" in absent and "libxcb-icccm.so.4" not in absent


class Machine:
    """A Linux machine as ensure() sees it: ldconfig's list and apt-get's effect."""

    def __init__(self, have: set[str], apt_works: bool = True, lists_stale: bool = False):
        self.have = set(have)
        self.apt_works = apt_works
        self.lists_stale = lists_stale
        self.commands: list[list[str]] = []

    def installed(self) -> set[str]:
        return set(self.have)

    def run(self, command) -> int:
        self.commands.append(list(command))
        if "update" in command:
            self.lists_stale = False
            return 0
        if not self.apt_works or self.lists_stale:
            return 100
        packages = set(command[command.index("-q") + 1 :])
        self.have |= {lib for lib, pkg in system_libs.LIBRARIES.items() if pkg in packages}
        return 0


def _ensure(machine: Machine, **kwargs) -> tuple[int, str]:
    err = io.StringIO()
    options = dict(is_root=True, has_apt=True, has_sudo=False, interactive=False)
    options.update(kwargs)
    status = system_libs.ensure(
        installed=machine.installed, run=machine.run, out=io.StringIO(), err=err, **options
    )
    return status, err.getvalue()


def _all_but(*absent: str) -> set[str]:
    return set(system_libs.LIBRARIES) - set(absent)


def test_nothing_missing_installs_nothing() -> None:
    machine = Machine(set(system_libs.LIBRARIES))
    assert _ensure(machine) == (0, "")
    assert machine.commands == []


def test_root_installs_exactly_the_missing_packages(monkeypatch) -> None:
    monkeypatch.setattr(system_libs, "_apt_lists_empty", lambda: False)
    machine = Machine(_all_but("libxcb-icccm.so.4", "libxcb-keysyms.so.1"))
    status, err = _ensure(machine)
    assert status == 0
    assert "libxcb-icccm.so.4, libxcb-keysyms.so.1" in err
    (command,) = machine.commands
    assert command[0] == "env" and command[-2:] == ["libxcb-icccm4", "libxcb-keysyms1"]
    assert system_libs.missing(machine.have) == []


def test_stale_package_lists_are_refreshed_once(monkeypatch) -> None:
    monkeypatch.setattr(system_libs, "_apt_lists_empty", lambda: False)
    machine = Machine(_all_but("libxcb-keysyms.so.1"), lists_stale=True)
    assert _ensure(machine)[0] == 0
    assert [("update" in c) for c in machine.commands] == [False, True, False]


def test_a_user_with_sudo_installs_through_sudo(monkeypatch) -> None:
    monkeypatch.setattr(system_libs, "_apt_lists_empty", lambda: False)
    machine = Machine(_all_but("libEGL.so.1"))
    assert _ensure(machine, is_root=False, has_sudo=True, interactive=True)[0] == 0
    assert machine.commands[0][:2] == ["sudo", "env"]
    machine = Machine(_all_but("libEGL.so.1"))
    _ensure(machine, is_root=False, has_sudo=True, interactive=False)
    assert machine.commands[0][:3] == ["sudo", "-n", "env"]  # never waits for a password


def test_without_root_or_sudo_it_prints_the_one_line_command_and_stops() -> None:
    machine = Machine(_all_but("libxcb-icccm.so.4", "libxcb-keysyms.so.1"))
    status, err = _ensure(machine, is_root=False, has_sudo=False)
    assert status == 1 and machine.commands == []
    assert "  sudo apt-get install -y libxcb-icccm4 libxcb-keysyms1\n" in err


def test_a_failed_install_says_what_to_run(monkeypatch) -> None:
    monkeypatch.setattr(system_libs, "_apt_lists_empty", lambda: False)
    machine = Machine(_all_but("libxcb-shape.so.0"), apt_works=False)
    status, err = _ensure(machine)
    assert status == 1
    assert err.rstrip().endswith("sudo apt-get install -y libxcb-shape0")


def test_check_only_never_installs() -> None:
    machine = Machine(_all_but("libxcb-shape.so.0"))
    status, err = _ensure(machine, install=False)
    assert status == 1 and machine.commands == []
    assert "libxcb-shape0" in err


def test_a_system_without_apt_gets_the_library_names() -> None:
    machine = Machine(_all_but("libxcb-cursor.so.0"))
    status, err = _ensure(machine, has_apt=False)
    assert status == 1 and machine.commands == []
    assert "libxcb-cursor.so.0" in err and "package manager" in err


def test_the_script_runs_with_the_system_python_and_lists_packages() -> None:
    result = subprocess.run(
        [sys.executable, "-I", str(SCRIPT), "--packages"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert "libxcb-icccm4" in result.stdout.split()


def test_elf_reader_refuses_what_is_not_a_library(tmp_path: Path) -> None:
    fake = tmp_path / "fake.so"
    fake.write_bytes(b"not an elf file")
    with pytest.raises(ValueError):
        system_libs.needed(fake)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="xcb is Qt's Linux platform")
def test_every_system_library_qt_links_to_is_on_the_list() -> None:
    """A new PySide6 that needs one more library fails here (and in .ci/run)."""
    qt = system_libs.qt_dir()
    assert qt is not None
    plugin = system_libs.needed(qt / "plugins" / "platforms" / "libqxcb.so")
    assert "libQt6XcbQpa.so.6" in plugin  # the ELF reader reads DT_NEEDED
    needs = system_libs.system_dependencies(qt)
    assert needs, "the xcb plugin links to no system library: the ELF walk is broken"
    unlisted = sorted(set(needs) - set(system_libs.LIBRARIES))
    assert unlisted == [], {name: sorted(needs[name]) for name in unlisted}
    for library in ISSUE_LIBRARIES.values():
        assert library in needs, f"{library} is on the list but Qt no longer needs it"
