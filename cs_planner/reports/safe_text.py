"""User text on its way out of the app: never a formula in a spreadsheet, never a control
code in a terminal. Shared by the workbooks (``reports.excel``) and the command line, and
light (no openpyxl), so ``cs-planner accounts`` stays quick."""

from __future__ import annotations

import re

# A text starting with one of these is a formula (or becomes one when the cell is edited,
# or when the sheet is exported to CSV): the classic formula-injection triggers.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")

# What a terminal or a spreadsheet would act on rather than show: C0 and C1 controls
# (escape sequences, bells, line breaks), DEL, the Unicode line separators and the
# bidirectional overrides that make text read differently from what it holds.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def is_formula_like(text: str) -> bool:
    """Would a spreadsheet take ``text`` for a formula (also after leading spaces)?"""
    return text.startswith(FORMULA_TRIGGERS) or text.lstrip().startswith(("=", "+", "-", "@"))


def escape_controls(text: str) -> str:
    """Control characters written out as escapes: ESC becomes the four characters \\x1b."""

    def escape(match: re.Match[str]) -> str:
        code = ord(match.group())
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    return _CONTROL.sub(escape, text)


def plain_field(text: str) -> str:
    """A field of a text export (tab-separated, CSV) that a spreadsheet shows as the text
    it is: controls escaped and, like the workbooks' quote prefix, a leading apostrophe
    before anything a spreadsheet would compute."""
    text = escape_controls(text)
    return "'" + text if is_formula_like(text) else text
