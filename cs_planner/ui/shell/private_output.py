"""Pictures and the settings file, written owner-only (0600) whatever the umask: a
screenshot shows customers and revenue, the settings name the last portfolio and account."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSettings
from PySide6.QtGui import QImage, QPixmap

from cs_planner.private_files import make_private, write_private


def save_png(image: QImage | QPixmap, path: str | os.PathLike[str]) -> bool:
    """Write ``image`` as a PNG readable by its owner only; False when it cannot be."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    # PySide6 wants the format as str at run time though its stubs say bytes.
    saved = image.save(buffer, "PNG")  # type: ignore[call-overload]
    buffer.close()
    if not saved or data.isEmpty():
        return False
    try:
        write_private(path, bytes(data.data()))
    except OSError:
        return False
    return True


def prepare_private(path: str | os.PathLike[str]) -> None:
    """Make ``path`` (created empty if missing) owner-only before a Qt writer fills it:
    QFile and QSaveFile keep the permissions of the file they replace."""
    make_private(Path(path))


def private_settings(settings: QSettings) -> None:
    """Make the settings file owner-only before Qt first writes it. Only where it is an
    INI file: the registry (Windows) and property lists (macOS) are the system's."""
    ini = settings.format() == QSettings.Format.IniFormat
    if ini or sys.platform not in ("win32", "darwin"):
        make_private(settings.fileName())
