"""The one error type the domain raises for bad input."""


class ValidationError(ValueError):
    """Input a user can correct: ``message`` says what is wrong and how to fix it.

    ``field`` names the attribute at fault (for showing the message next to it)."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
