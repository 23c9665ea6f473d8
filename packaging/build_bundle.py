"""Build the self-contained app folder with PyInstaller (``make bundle``).

    python packaging/build_bundle.py            -> dist/cs-planner/ (Linux, Windows)
                                                   dist/cs_planner.app (macOS)

Renders the icon from the SVG the app uses (PNG, and ICO for Windows), runs PyInstaller
on packaging/cs-planner.spec, and on Linux puts the desktop entry, the icon, the
``.csplan`` file type and ``install.sh`` beside the executable. Needs the ``bundle``
extra: ``pip install -e ".[bundle]"``."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
BUILD = ROOT / "build"
DIST = ROOT / "dist"
ICONS = BUILD / "icons"
SVG = ROOT / "cs_planner" / "resources" / "icon.svg"
NAME = "cs-planner"
LINUX_FILES = {  # beside the executable -> name in the bundle
    PACKAGING / "cs-planner.desktop": "cs-planner.desktop",
    PACKAGING / "cs-planner-mime.xml": "cs-planner-mime.xml",
    PACKAGING / "install-linux.sh": "install.sh",
    SVG: "cs-planner.svg",
}


def render_icons(folder: Path) -> None:
    """The app's SVG icon as a 256 px PNG (macOS) and a multi-size ICO (Windows)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication([])
    folder.mkdir(parents=True, exist_ok=True)
    image = QImage(256, 256, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    QSvgRenderer(str(SVG)).render(painter)
    painter.end()
    png = folder / f"{NAME}.png"
    if not image.save(str(png)):
        raise SystemExit(f"build_bundle: cannot write {png}")
    sizes = [(s, s) for s in (16, 24, 32, 48, 64, 128, 256)]
    Image.open(png).save(folder / f"{NAME}.ico", sizes=sizes)
    del app


def run_pyinstaller() -> None:
    import PyInstaller.__main__

    os.environ["CS_PLANNER_ICONS"] = str(ICONS)
    PyInstaller.__main__.run(
        [
            "--noconfirm",
            "--log-level=ERROR",  # its warnings name optional modules we never use
            f"--distpath={DIST}",
            f"--workpath={BUILD / 'pyinstaller'}",
            str(PACKAGING / "cs-planner.spec"),
        ]
    )


def add_linux_files(bundle: Path) -> None:
    for source, name in LINUX_FILES.items():
        shutil.copy2(source, bundle / name)
    (bundle / "install.sh").chmod(0o755)


def strip_python(bundle: Path) -> None:
    """Debug symbols out of libpython and the Python extension modules (a self-built
    libpython is four times its stripped size). Not out of the libraries that wheels vendor
    in ``*.libs`` folders: stripping those breaks some (numpy's OpenBLAS no longer loads)."""
    strip = shutil.which("strip")
    if strip is None:
        return
    internal = bundle / "_internal"
    targets = [
        *internal.glob("libpython*.so*"),
        *(p for p in internal.rglob("*.cpython-*.so") if not p.parent.name.endswith(".libs")),
    ]
    for target in targets:
        subprocess.run([strip, "--strip-unneeded", str(target)], check=True)


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def main() -> int:
    started = time.monotonic()
    render_icons(ICONS)
    run_pyinstaller()
    if sys.platform == "darwin":
        bundle = DIST / "cs_planner.app"
        executable = bundle / "Contents" / "MacOS" / NAME
    else:
        bundle = DIST / NAME
        executable = bundle / (f"{NAME}.exe" if sys.platform == "win32" else NAME)
        if sys.platform.startswith("linux"):
            strip_python(bundle)
            add_linux_files(bundle)
    if not executable.exists():
        print(f"build_bundle: PyInstaller made no {executable}", file=sys.stderr)
        return 1
    size = folder_size(bundle) / 1e6
    print(f"Built {bundle} ({size:.0f} MB) in {time.monotonic() - started:.0f} s")
    print(f"Try it: {executable} --smoke-test")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
