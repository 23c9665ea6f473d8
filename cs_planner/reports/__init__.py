"""Excel reports (no Qt). Kept light: openpyxl is imported only by the modules that write,
so importing this package (for ReportError, say) costs nothing at start-up."""

from __future__ import annotations

import sys


class ReportError(Exception):
    """A report could not be written; the message says why and what the user can do."""


def load_openpyxl() -> None:
    """Import openpyxl without numpy, unless something loaded numpy already. openpyxl
    imports numpy (a tenth of a second, a tenth of ``cs-planner export``) only to take
    numpy numbers as cell values, and ours are plain Python numbers. numpy stays
    importable afterwards (matplotlib, for the pictures, imports it as usual)."""
    if "openpyxl" in sys.modules or "numpy" in sys.modules:
        return
    sys.modules["numpy"] = None  # type: ignore[assignment]  # "import numpy" fails
    try:
        import openpyxl  # noqa: F401
    finally:
        del sys.modules["numpy"]


__all__ = ["ReportError", "load_openpyxl"]
