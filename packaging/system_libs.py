#!/usr/bin/env python3
"""The system libraries Qt's window (the xcb platform) needs on Linux, checked and installed.

Qt's wheels bring Qt itself but not the X11 and graphics libraries of the system; without
one of them the app aborts at start with "could not load the Qt platform plugin xcb".
``make run`` and ``.ci/run`` both use this script, so the list lives in one place:

    python3 packaging/system_libs.py            check; install the missing with apt (root
                                                or sudo), else print the command and exit 1
    python3 packaging/system_libs.py --check    check only (exit 1 if one is missing)
    python3 packaging/system_libs.py --packages print every Debian package of the list
    python3 packaging/system_libs.py --verify-qt
                                                every system library the installed PySide6's
                                                xcb plugin links to is on the list and present

Standard library only: it runs before the virtual environment has anything in it.
Nothing to do on macOS and Windows, where Qt's wheels are self-contained."""

from __future__ import annotations

import argparse
import os
import shutil
import struct
import subprocess
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

# ldconfig name -> Debian/Ubuntu package. The first eleven are the ones a fresh desktop
# install tends to lack; the rest are what the xcb plugin links to directly, usually present.
LIBRARIES: dict[str, str] = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libEGL.so.1": "libegl1",
    "libfontconfig.so.1": "libfontconfig1",
    "libxcb.so.1": "libxcb1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-glx.so.0": "libxcb-glx0",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libX11.so.6": "libx11-6",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libGL.so.1": "libgl1",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3",
    "libzstd.so.1": "libzstd1",
}

# Part of every Linux system (libc, the C++ runtime, zlib): never missing, never listed.
BASE = {
    "libc.so.6",
    "libm.so.6",
    "libdl.so.2",
    "libpthread.so.0",
    "librt.so.1",
    "libstdc++.so.6",
    "libgcc_s.so.1",
    "libz.so.1",
    "ld-linux-x86-64.so.2",
    "ld-linux-aarch64.so.1",
}

Runner = Callable[[Sequence[str]], int]


# --- what is there ------------------------------------------------------------------------


def _ldconfig() -> str | None:
    found = shutil.which("ldconfig")
    if found:
        return found
    for candidate in ("/sbin/ldconfig", "/usr/sbin/ldconfig"):
        if os.access(candidate, os.X_OK):
            return candidate
    return None


def installed_names(ldconfig_output: str) -> set[str]:
    """The library file names in ``ldconfig -p`` output ("libfoo.so.1 (libc6,x86-64) =>")."""
    names = set()
    for line in ldconfig_output.splitlines():
        line = line.strip()
        if "=>" in line:
            names.add(line.split()[0])
    return names


def missing(installed: Iterable[str], wanted: Iterable[str] = LIBRARIES) -> list[str]:
    have = set(installed)
    return [name for name in wanted if name not in have]


def packages_for(libraries: Iterable[str]) -> list[str]:
    """The Debian packages that provide ``libraries``, each once, in the list's order."""
    return list(dict.fromkeys(LIBRARIES[name] for name in libraries))


def install_command(packages: Sequence[str], *, sudo: bool) -> list[str]:
    return [*(["sudo"] if sudo else []), "apt-get", "install", "-y", *packages]


def _apt_lists_empty() -> bool:
    lists = Path("/var/lib/apt/lists")
    return not any(lists.glob("*Packages*")) if lists.is_dir() else True


# --- installing ---------------------------------------------------------------------------


def ensure(
    *,
    installed: Callable[[], set[str]],
    run: Runner,
    is_root: bool,
    has_apt: bool,
    has_sudo: bool,
    interactive: bool,
    install: bool = True,
    out=sys.stdout,
    err=sys.stderr,
) -> int:
    """Check the list; install what is missing when we can; else say how and return 1."""
    absent = missing(installed())
    if not absent:
        return 0
    packages = packages_for(absent)
    print(
        "Qt's window needs system libraries that are missing: " + ", ".join(absent),
        file=err,
    )
    if not has_apt:
        print(
            "Install the packages that provide them with your system's package manager "
            f"(on Debian or Ubuntu: {' '.join(packages)}), then run this again.",
            file=err,
        )
        return 1
    manual = " ".join(install_command(packages, sudo=True))
    if not install or not (is_root or has_sudo):
        print(f"Install them with:\n  {manual}", file=err)
        return 1
    sudo = [] if is_root else (["sudo"] if interactive else ["sudo", "-n"])
    print(f"Installing {' '.join(packages)} with apt-get...", file=out, flush=True)
    env_prefix = ["env", "DEBIAN_FRONTEND=noninteractive"]
    apt_install = [*sudo, *env_prefix, "apt-get", "install", "-y", "-q", *packages]
    apt_update = [*sudo, *env_prefix, "apt-get", "update", "-q"]
    if _apt_lists_empty():
        run(apt_update)
    status = run(apt_install)
    if status != 0:  # stale package lists: refresh once and try again
        run(apt_update)
        status = run(apt_install)
    still = missing(installed(), absent)
    if status != 0 or still:
        print(f"Could not install them; install them with:\n  {manual}", file=err)
        return 1
    print(f"Installed {' '.join(packages)}.", file=out)
    return 0


def _read_installed() -> set[str]:
    ldconfig = _ldconfig()
    if ldconfig is None:
        raise SystemExit("system_libs: ldconfig not found; cannot check the system libraries.")
    output = subprocess.run([ldconfig, "-p"], capture_output=True, text=True, check=True).stdout
    return installed_names(output)


def _run(command: Sequence[str]) -> int:
    return subprocess.run(list(command), check=False).returncode


# --- what Qt needs ------------------------------------------------------------------------


def needed(path: Path) -> list[str]:
    """The DT_NEEDED entries of a 64-bit little-endian ELF file (what it links to)."""
    data = path.read_bytes()
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        raise ValueError(f"{path} is not a 64-bit little-endian ELF file")
    (shoff,) = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum = struct.unpack_from("<HH", data, 0x3A)
    sections = [
        struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize) for i in range(shnum)
    ]
    result = []
    for _name, kind, _flags, _addr, offset, size, link, *_rest in sections:
        if kind != 6:  # SHT_DYNAMIC
            continue
        strings = sections[link][4]
        for pos in range(offset, offset + size, 16):
            tag, value = struct.unpack_from("<qQ", data, pos)
            if tag == 0:
                break
            if tag == 1:  # DT_NEEDED
                end = data.index(b"\0", strings + value)
                result.append(data[strings + value : end].decode())
    return result


def qt_dir() -> Path | None:
    """PySide6's Qt folder in the running Python, found without importing Qt."""
    import importlib.util

    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "Qt"


def system_dependencies(qt: Path) -> dict[str, set[str]]:
    """Every system library the xcb platform plugin needs, directly or through Qt's own
    libraries: {library: the Qt files that link to it}."""
    plugins = qt / "plugins"
    start = [plugins / "platforms" / "libqxcb.so", *sorted(plugins.glob("xcbglintegrations/*"))]
    qt_libs = qt / "lib"
    seen: set[Path] = set()
    found: dict[str, set[str]] = {}
    todo = [p for p in start if p.exists()]
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        for name in needed(current):
            own = qt_libs / name
            if own.exists():
                todo.append(own)
            elif name not in BASE:
                found.setdefault(name, set()).add(current.name)
    return found


def verify_qt(out=sys.stdout, err=sys.stderr) -> int:
    qt = qt_dir()
    if qt is None or not (qt / "plugins" / "platforms" / "libqxcb.so").exists():
        print("system_libs: PySide6's xcb plugin is not installed in this Python.", file=err)
        return 1
    dependencies = system_dependencies(qt)
    unlisted = sorted(set(dependencies) - set(LIBRARIES))
    absent = missing(_read_installed(), sorted(dependencies))
    for name in unlisted:
        users = ", ".join(sorted(dependencies[name]))
        print(
            f"system_libs: {users} needs {name}, which is not in LIBRARIES "
            "(packaging/system_libs.py): add it with its Debian package.",
            file=err,
        )
    for name in absent:
        print(f"system_libs: {name} is not installed.", file=err)
    if unlisted or absent:
        return 1
    print(f"Qt's xcb plugin needs {len(dependencies)} system libraries: all listed and present.")
    return 0


# --- command line -------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    what = parser.add_mutually_exclusive_group()
    what.add_argument("--check", action="store_true", help="check only, install nothing")
    what.add_argument("--packages", action="store_true", help="print the Debian packages")
    what.add_argument("--verify-qt", action="store_true", help="compare with PySide6's needs")
    args = parser.parse_args(argv)
    if args.packages:
        print(" ".join(packages_for(LIBRARIES)))
        return 0
    if not sys.platform.startswith("linux"):
        return 0  # Qt's macOS and Windows wheels need nothing from the system
    if args.verify_qt:
        return verify_qt()
    return ensure(
        installed=_read_installed,
        run=_run,
        is_root=os.geteuid() == 0,
        has_apt=shutil.which("apt-get") is not None,
        has_sudo=shutil.which("sudo") is not None,
        interactive=sys.stdin.isatty(),
        install=not args.check,
    )


if __name__ == "__main__":
    raise SystemExit(main())
