"""Where the built-in rule pack lives: inside the wheel, or at the repository top in a checkout."""

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def rules_dir() -> Path:
    shipped = _PACKAGE / "_rules"
    if shipped.is_dir():
        return shipped
    return _PACKAGE.parent / "rules"
