"""The palette's sheet colours as openpyxl conditional-format styles."""

from __future__ import annotations

from typing import Any

from openpyxl.styles import Font, PatternFill

from cs_planner import palette


def fill_of(colour: str) -> PatternFill:
    code = colour.removeprefix("#").upper()
    return PatternFill("solid", fgColor=code, bgColor=code)


def band_style(red: bool | None) -> dict[str, Any]:
    """Red (True), amber (False) or green (None): fill and font for a conditional rule."""
    fill, font = (
        (palette.SHEET_GREEN_FILL, palette.SHEET_GREEN_TEXT)
        if red is None
        else (palette.SHEET_RED_FILL, palette.SHEET_RED_TEXT)
        if red
        else (palette.SHEET_AMBER_FILL, palette.SHEET_AMBER_TEXT)
    )
    return {"fill": fill_of(fill), "font": Font(color=font.removeprefix("#").upper())}
