"""The one domain error every service raises; views show its message and change nothing else."""


class DomainError(Exception):
    """A business rule refused the action; ``message`` is translated and safe to show to the user."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
