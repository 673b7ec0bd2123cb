"""Turn command-line arguments (files, folders, globs, "-") into the list of reports to read."""

from __future__ import annotations

import fnmatch
import glob
from pathlib import Path

from checker.readers import STDIN, is_supported


def _excluded(path: str, patterns: list[str]) -> bool:
    posix = Path(path).as_posix()
    return any(fnmatch.fnmatch(posix, p) or fnmatch.fnmatch(posix, f"*/{p}") or fnmatch.fnmatch(Path(path).name, p)
               for p in patterns)


def expand(arguments: list[str], exclude: list[str] | None = None) -> list[str]:
    """Files as given (even unsupported: the reader explains), folders searched recursively for
    supported reports, globs expanded. A path that does not exist is kept, so the reader reports it."""
    exclude = exclude or []
    found: list[str] = []
    for argument in arguments:
        if argument == STDIN:
            found.append(argument)
            continue
        path = Path(argument)
        if path.is_dir():
            found.extend(sorted(str(p) for p in path.rglob("*")
                                if p.is_file() and is_supported(p) and not _excluded(str(p), exclude)))
        elif not path.exists() and glob.has_magic(argument):
            found.extend(sorted(p for p in glob.glob(argument, recursive=True)
                                if Path(p).is_file() and not _excluded(p, exclude)))
        else:
            found.append(argument)
    seen: set[str] = set()
    return [p for p in found if not (p in seen or seen.add(p))]
