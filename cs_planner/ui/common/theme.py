"""Look and feel: the style sheet from resources, colours that carry meaning."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

# Colours that mean something come from the one palette the workbooks use too. On a dark
# palette, text in them goes through ink(), which lightens them until they read.
from cs_planner.palette import BAD, GOOD, MUTED, WARN
from cs_planner.paths import RESOURCES

__all__ = ["BAD", "GOOD", "MUTED", "WARN", "contrast", "icon_path", "ink", "is_dark"]


def icon_path() -> Path:
    return RESOURCES / "icon.svg"


def is_dark() -> bool:
    palette = QGuiApplication.palette()
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def contrast(a: QColor, b: QColor) -> float:
    """The WCAG contrast ratio of two colours (1 to 21; body text wants 4.5)."""

    def luminance(colour: QColor) -> float:
        def channel(value: float) -> float:
            return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

        r, g, b = (channel(v) for v in (colour.redF(), colour.greenF(), colour.blueF()))
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _rgb(colour: QColor) -> tuple[int, int, int]:
    return colour.red(), colour.green(), colour.blue()


def _mix(a: QColor, b: QColor, share_of_b: float) -> QColor:
    pairs = zip(_rgb(a), _rgb(b), strict=True)
    return QColor(*(round((1 - share_of_b) * x + share_of_b * y) for x, y in pairs))


def ink(colour: str) -> QColor:
    """A meaningful colour for text on the list background: as is on a light palette;
    on a dark one mixed towards the text colour until it reads (a dark red renewal date
    on a dark list was 2.6:1)."""
    palette = QGuiApplication.palette()
    base = palette.color(QPalette.ColorRole.Base)
    result = QColor(colour)
    if base.lightness() >= 128:
        return result
    text = palette.color(QPalette.ColorRole.Text)
    share = 0.0
    while contrast(result, base) < 4.5 and share < 1.0:
        share += 0.1
        result = _mix(QColor(colour), text, share)
    return result


def muted_text() -> str:
    """Secondary text: between the palette's text and window colours, so it reads on a
    projector in light and dark mode (the palette's own "mid" was 1.8:1 on light)."""
    palette = QGuiApplication.palette()
    text = palette.color(QPalette.ColorRole.WindowText)
    window = palette.color(QPalette.ColorRole.Window)
    return _mix(text, window, 0.38).name()


def _apply_sheet(app: QApplication) -> None:
    sheet = (RESOURCES / "style.qss").read_text(encoding="utf-8")
    sheet = sheet.replace("color: palette(mid)", f"color: {muted_text()}")
    if app.styleSheet() != sheet:
        app.setStyleSheet(sheet)


def apply(app: QApplication) -> None:
    """Fusion follows the system's light or dark palette on every platform."""
    app.setStyle("Fusion")
    _apply_sheet(app)
    # The muted colour follows a switch between light and dark mode while running.
    app.paletteChanged.connect(lambda _palette: _apply_sheet(app))
