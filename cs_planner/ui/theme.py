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


def muted_text() -> str:
    """Secondary text: between the palette's text and window colours, so it reads on a
    projector in light and dark mode (the palette's own "mid" was 1.8:1 on light)."""
    palette = QGuiApplication.palette()
    text = palette.color(QPalette.ColorRole.WindowText)
    window = palette.color(QPalette.ColorRole.Window)
    pairs = zip(text.getRgb()[:3], window.getRgb()[:3], strict=True)
    mix = [round(0.62 * a + 0.38 * b) for a, b in pairs]
    return "#{:02x}{:02x}{:02x}".format(*mix)


def apply(app: QApplication) -> None:
    """Fusion follows the system's light or dark palette on every platform."""
    app.setStyle("Fusion")
    sheet = (RESOURCES / "style.qss").read_text(encoding="utf-8")
    app.setStyleSheet(sheet.replace("color: palette(mid)", f"color: {muted_text()}"))
