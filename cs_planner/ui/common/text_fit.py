"""Long text on screen: every name or note a view shows is cut to a length a person reads
and may wrap anywhere, so that a label, a card or a column never grows to the width of a
40,000-character name (an older file, or text pasted before the limits existed), and Qt
never lays out a megabyte to draw a line of it. The full text stays in the editors."""

from __future__ import annotations

import re
from typing import Any, TypeVar

T = TypeVar("T")

LABEL_MAX = 300  # a name or a title (validation allows 200) in a label, a card or a cell
CHOICE_MAX = 40  # an item of a drop-down list (the box is as wide as its longest item)
TEXT_MAX = 2_000  # free text shown in a label, a card or a tooltip (not in an editor)
_RUN = re.compile(r"(\S{16})(?=\S)")  # an unbroken run may break after every 16 characters
ZERO_WIDTH_SPACE = "\u200b"


def clip(text: str | None, limit: int = LABEL_MAX) -> str:
    """``text`` cut to ``limit`` characters, the last one an ellipsis when cut."""
    text = text or ""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def breakable(text: str) -> str:
    """Word wrap may break a long unbroken run (a URL, a code, a pasted blob) anywhere."""
    return _RUN.sub(r"\1" + ZERO_WIDTH_SPACE, text)


def fit(text: str | None, limit: int = LABEL_MAX) -> str:
    """What a word-wrapped label shows of ``text``: cut, then breakable."""
    return breakable(clip(text, limit))


def rich(text: str | None, limit: int = LABEL_MAX) -> str:
    """``fit`` for rich text: escaped, so a name never becomes markup."""
    return fit(text, limit).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def clipped_texts(model: type[T]) -> type[T]:
    """Class decorator for an item model: the text its ``data`` and ``headerData`` hand a
    view is cut (a cell, a header to LABEL_MAX, a tooltip to TEXT_MAX), so no column is
    sized to, and no cell or tooltip laid out for, a 40,000-character name. The model's
    rows keep the full text (editors and exports read them)."""
    from PySide6.QtCore import Qt

    display, tooltip = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole
    data, header_data = model.data, model.headerData  # type: ignore[attr-defined]

    def _cut(value: Any, role: int) -> Any:
        if isinstance(value, str):
            if role == display:
                return clip(value)
            if role == tooltip:
                return clip(value, TEXT_MAX)
        return value

    def clipped_data(self: Any, index: Any, role: int = display) -> Any:
        return _cut(data(self, index, role), role)

    def clipped_header(self: Any, section: int, orientation: Any, role: int = display) -> Any:
        return _cut(header_data(self, section, orientation, role), role)

    model.data = clipped_data  # type: ignore[attr-defined]
    model.headerData = clipped_header  # type: ignore[attr-defined]
    return model
