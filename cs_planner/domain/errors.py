"""The one error type the domain raises for bad input."""


class ValidationError(ValueError):
    """Input a user can correct: ``message`` says what is wrong and how to fix it.

    ``field`` names the attribute at fault (for showing the message next to it)."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class StaleRowError(ValidationError):
    """A write over a row that someone else changed after it was read: its version moved
    on (the models' ``Versioned``), so the write is refused rather than winning silently."""

    def __init__(self, table: str) -> None:
        what = table.replace("_", " ")
        super().__init__(
            f"Not saved: someone else changed this {what} after it was read here. "
            "Read it again and repeat the change."
        )
        self.table = table
