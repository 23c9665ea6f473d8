"""Excel reports (no Qt). Kept light: openpyxl is imported only by the modules that write,
so importing this package (for ReportError, say) costs nothing at start-up."""


class ReportError(Exception):
    """A report could not be written; the message says why and what the user can do."""


__all__ = ["ReportError"]
