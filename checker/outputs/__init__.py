"""Output formats. Each module renders the one result model (`model.Run`) in one format.

`render(run) -> str` in every module; modules that stream also have `write(run, handle)`,
which writes each report as soon as it is checked. The terminal scorecard (`terminal`) prints
to a console. Every module goes through `run.each()`, so a streamed run is read once.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from checker.model import Run

# format name → module; "auto" and "rich" are the human scorecard, chosen in cli.py
FILE_FORMATS = {"json": "json", "jsonl": "jsonl", "text": "text", "compact": "compact", "sarif": "sarif",
                "junit": "junit", "github": "github", "gitlab": "gitlab", "markdown": "markdown", "html": "html", "xlsx": "xlsx"}
BINARY_FORMATS = {"xlsx"}  # render() gives bytes; write() puts them on the stream's binary side
FORMATS = ["auto", "rich", *FILE_FORMATS]
# what `-o FILE` writes when --format does not say
EXTENSIONS = {".json": "json", ".jsonl": "jsonl", ".html": "html", ".htm": "html", ".sarif": "sarif",
              ".xml": "junit", ".md": "markdown", ".markdown": "markdown", ".txt": "text", ".xlsx": "xlsx"}
BINARY = BINARY_FORMATS  # -o opens these files in binary mode


def format_for(path: str) -> str | None:
    return EXTENSIONS.get(Path(path).suffix.lower())


def render(name: str, run: Run) -> str | bytes:
    module = importlib.import_module(f"checker.outputs.{FILE_FORMATS[name]}")
    text = module.render(run)
    if name in BINARY_FORMATS:
        return text
    return text if text.endswith("\n") else text + "\n"


def write(name: str, run: Run, handle) -> None:
    """Write a format to an open stream; formats that can, stream report by report."""
    module = importlib.import_module(f"checker.outputs.{FILE_FORMATS[name]}")
    if name in BINARY_FORMATS:
        binary = getattr(handle, "buffer", handle)
        if binary is not handle:
            handle.flush()
        module.write(run, binary)
        binary.flush()
    elif hasattr(module, "write"):
        module.write(run, handle)
    else:
        handle.write(render(name, run))
