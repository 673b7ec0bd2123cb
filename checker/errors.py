"""Errors a user can act on. Every message is Chinese first, names the file and says what to do."""


class CheckerError(Exception):
    """An input, rule or configuration problem: reported in one line, exit code 2."""

    def __init__(self, code: str, message: str, path: str | None = None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.path = path

    def __str__(self) -> str:
        return self.message


class InputError(CheckerError):
    """A report file that cannot be read as a report."""


class RuleError(CheckerError):
    """A rule file or configuration that is invalid."""
