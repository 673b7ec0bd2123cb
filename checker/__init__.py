"""fazhi-check: compliance checker for 法治政府建设年度报告.

The Python API (documented in docs/api.md): `check_file` and `check_text` return a
`checker.model.Report`. Everything is imported when first called, so `import checker` stays cheap.
"""

from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["check_file", "check_text", "__version__"]

_TEXT_FORMATS = {"txt": "text", "md": "markdown", "html": "html"}


def _setup(config: str | None, fail_on: str | None, report_kind: str | None,
           select: list[str] | None, ignore: list[str] | None):
    from checker.config import load_setup
    from checker.engine import engine_settings_of

    overrides = {"fail_on": fail_on, "report_kind": report_kind,
                 "select": list(select) if select else None, "ignore": list(ignore) if ignore else None}
    loaded, rules = load_setup(config, overrides)
    return loaded.settings["fail_on"], rules, engine_settings_of(loaded)


def _finish(report, fail_on: str):
    return report


def check_file(path, *, config: str | None = None, fail_on: str | None = None, report_kind: str | None = None,
               select: list[str] | None = None, ignore: list[str] | None = None):
    """Check one report file (any supported format). A file that cannot be read gives a Report whose
    `error` is {"code", "message"}; an invalid configuration raises `checker.errors.CheckerError`."""
    from checker.engine import check_path

    threshold, rules, settings = _setup(config, fail_on, report_kind, select, ignore)
    return _finish(check_path(str(path), rules, settings), threshold)


def check_text(text: str, *, format: str = "txt", name: str = "<文本>", config: str | None = None,
               fail_on: str | None = None, report_kind: str | None = None,
               select: list[str] | None = None, ignore: list[str] | None = None):
    """Check a report given as text: plain text (`txt`), Markdown (`md`) or a web page (`html`).
    `name` is the path shown in the report."""
    import importlib

    from checker.engine import evaluate_document
    from checker.errors import CheckerError
    from checker.model import Report

    if format not in _TEXT_FORMATS:
        raise ValueError(f"format must be one of {', '.join(_TEXT_FORMATS)}, not {format!r}")
    threshold, rules, settings = _setup(config, fail_on, report_kind, select, ignore)
    reader = importlib.import_module(f"checker.readers.{_TEXT_FORMATS[format]}")
    try:
        document = reader.read(text.encode("utf-8"), name)
        if not any(not line.blank for line in document.lines):
            raise CheckerError("empty", f"文本为空：{name}。")
    except CheckerError as error:
        return _finish(Report(name, None, error={"code": error.code, "message": error.message}), threshold)
    return _finish(evaluate_document(document, rules, settings), threshold)
