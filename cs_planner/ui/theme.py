"""Look and feel: the style sheet from resources, colours that carry meaning."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

RESOURCES = Path(__file__).resolve().parent.parent / "resources"

# Colours that mean something (used by several views; readable on light and dark).
GOOD = "#2e7d32"
WARN = "#ef6c00"
BAD = "#c62828"
MUTED = "#757575"


def icon_path() -> Path:
    return RESOURCES / "icon.svg"


def is_dark() -> bool:
    palette = QGuiApplication.palette()
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def apply(app: QApplication) -> None:
    """Fusion follows the system's light or dark palette on every platform."""
    app.setStyle("Fusion")
    sheet = (RESOURCES / "style.qss").read_text(encoding="utf-8")
    app.setStyleSheet(sheet)
