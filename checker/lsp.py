"""`fazhi-check lsp`: a language server over stdio (pygls) for drafts in .md and .txt.

On open and on save the draft is checked with the configuration found upward from its folder,
and each finding becomes a diagnostic: the level as severity (must-fix → Error, should-fix →
Warning, note → Information), the rule id as code, the basis and the fix as related information.
A configuration that cannot be used is shown as one message, and the draft gets no diagnostics.
"""

from __future__ import annotations

from pathlib import Path

from checker import __version__

FORMATS = {".md": "md", ".markdown": "md", ".txt": "txt", ".text": "txt"}
LANGUAGES = {"markdown": "md", "plaintext": "txt"}


def _format_of(uri: str, language: str | None) -> str | None:
    from pygls.uris import to_fs_path

    path = to_fs_path(uri) or uri
    return FORMATS.get(Path(path).suffix.lower()) or LANGUAGES.get(language or "")


def _utf16(text: str, column: int) -> int:
    """LSP positions count UTF-16 code units; a column here counts characters (0-based)."""
    return len(text[:column].encode("utf-16-le")) // 2


def report_for(uri: str, text: str, fmt: str):
    """The Report of a draft's text, with the configuration found from the draft's folder."""
    import importlib

    from pygls.uris import to_fs_path

    from checker.config import find_config, load_setup
    from checker.engine import engine_settings_of, evaluate_document
    from checker.errors import CheckerError
    from checker.model import Report

    path = to_fs_path(uri) or uri
    folder = Path(path).parent if Path(path).parent.is_dir() else Path.cwd()
    found = find_config(folder.resolve())
    config, rules = load_setup(str(found) if found else None, {}, cwd=folder)
    reader = importlib.import_module(f"checker.readers.{'markdown' if fmt == 'md' else 'text'}")
    try:
        document = reader.read(text.encode("utf-8"), path)
    except CheckerError as error:  # an empty draft: nothing to say yet
        return Report(path, None, error={"code": error.code, "message": error.message}), []
    return evaluate_document(document, rules, engine_settings_of(config)), document.lines


def diagnostics(uri: str, report, lines, source: str = "") -> list:
    """The report's findings, and its rule errors (see `_rule_error_diagnostics`), as diagnostics."""
    from lsprotocol import types

    from checker.model import finding_label, level_of

    by_number = {line.number: line.text for line in lines}
    severity = {"must-fix": types.DiagnosticSeverity.Error, "should-fix": types.DiagnosticSeverity.Warning,
                "note": types.DiagnosticSeverity.Information}
    out = []
    for result in report.findings:
        location = next((loc for loc in result.locations if loc.line is not None), None)
        number = location.line if location else None
        text = by_number.get(number, "")
        if location is not None and getattr(location, "column", None):
            start, end = location.column - 1, (location.end_column or location.column) - 1
        else:
            start, end = 0, len(text)
        line = number - 1 if number else 0
        where = types.Range(types.Position(line, _utf16(text, start)), types.Position(line, _utf16(text, end)))
        related = [types.DiagnosticRelatedInformation(types.Location(uri, where), f"{word}：{value}")
                   for word, value in (("依据", result.rule.basis), ("修改建议", result.rule.fix)) if value]
        out.append(types.Diagnostic(
            range=where, severity=severity[level_of(result)], code=result.rule.id,
            source="fazhi-check", message=f"{finding_label(result)} {result.rule.title}：{result.message}",
            related_information=related or None))
    return out + _rule_error_diagnostics(report, source.split("\n"))


def _rule_error_diagnostics(report, raw: list[str]) -> list:
    """What made the command line exit 2 on this draft (a fazhi-check-disable comment naming a rule
    that does not exist, a pattern that ran out of time): an Error on the comment's line, or the
    first line, so that the author sees the comment does nothing."""
    from lsprotocol import types

    out = []
    for error in report.rule_errors:
        number = next((n for n, line in enumerate(raw) if "fazhi-check-" in line and error["rule"] in line), 0)
        text = raw[number] if raw else ""
        where = types.Range(types.Position(number, 0), types.Position(number, _utf16(text, len(text))))
        out.append(types.Diagnostic(range=where, severity=types.DiagnosticSeverity.Error, code="rule-error",
                                    source="fazhi-check", message=error["message"]))
    return out


def server():
    from lsprotocol import types
    from pygls.lsp.server import LanguageServer

    from checker.errors import CheckerError

    ls = LanguageServer("fazhi-check", __version__)

    def publish(uri: str, text: str, fmt: str | None, version: int | None = None) -> None:
        if fmt is None:
            return
        try:
            report, lines = report_for(uri, text, fmt)
        except CheckerError as error:
            ls.window_show_message(types.ShowMessageParams(types.MessageType.Error, f"fazhi-check：{error.message}"))
            found = []
        else:
            found = diagnostics(uri, report, lines, text)
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=found, version=version))

    @ls.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(params: types.DidOpenTextDocumentParams) -> None:
        document = params.text_document
        publish(document.uri, document.text, _format_of(document.uri, document.language_id), document.version)

    @ls.feature(types.TEXT_DOCUMENT_DID_SAVE, types.SaveOptions(include_text=True))
    def did_save(params: types.DidSaveTextDocumentParams) -> None:
        uri = params.text_document.uri
        document = ls.workspace.get_text_document(uri)
        text = params.text if params.text is not None else document.source
        publish(uri, text, _format_of(uri, document.language_id))

    @ls.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(params: types.DidCloseTextDocumentParams) -> None:
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=params.text_document.uri, diagnostics=[]))

    return ls


def main() -> None:
    import sys

    # The protocol owns the process's real standard output (the command line's wrapper of it
    # is for human text); pygls closes it on exit.
    server().start_io(sys.stdin.buffer, sys.__stdout__.buffer)
