"""`fazhi-check lsp`: a language server over stdio (pygls) for drafts in .md and .txt.

On open and on save the draft is checked with the configuration found upward from its folder,
and each finding becomes a diagnostic: the level as severity (must-fix → Error, should-fix →
Warning, note → Information: a note is listed with the other findings, as `--fail-on info` can
make it fail, where an editor hides a Hint from its list of problems), the rule id as code, the
basis and the fix as related information. A finding of the whole document (no line) marks the
first line. Hovering over a diagnostic shows its message, basis and fix (Markdown); on a
finding `fazhi-check fix` corrects (half-width punctuation, heading numbers, zero-padded dates)
a quick fix "fazhi-check fix" applies that command's change to the document.
An empty draft (nothing but whitespace: an editor's new file) gets no diagnostics. A
configuration that cannot be used is shown as one message, and the draft gets no diagnostics.
"""

from __future__ import annotations

import re
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
    except CheckerError as error:  # text the reader refuses (it looks binary): no findings
        return Report(path, None, error={"code": error.code, "message": error.message}), []
    if not any(line.norm for line in document.lines):
        # Empty, or only whitespace (as the command line reads it: `文件为空`): an editor's new file
        # is not a draft yet, so it gets no findings rather than every section missing.
        return Report(path, None), []
    return evaluate_document(document, rules, engine_settings_of(config)), document.lines


def diagnostics(uri: str, report, lines, source: str = "") -> list:
    """The report's findings, and its rule errors (see `_rule_error_diagnostics`), as diagnostics."""
    from lsprotocol import types

    from checker.columns import written_text
    from checker.model import finding_label, level_of

    # ranges index the line as the editor holds it: markup and all (a location's columns count it too)
    by_number = {line.number: written_text(line) for line in lines}
    severity = {"must-fix": types.DiagnosticSeverity.Error, "should-fix": types.DiagnosticSeverity.Warning,
                "note": types.DiagnosticSeverity.Information}
    out = []
    for result in report.findings:
        location = next((loc for loc in result.locations if loc.line is not None), None)
        number = location.line if location else None
        # A finding of the whole document (no line) marks the whole first line, so that editors show it.
        text = by_number.get(number, "") if number else source.replace("\r\n", "\n").replace("\r", "\n").split("\n", 1)[0]
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


# The rules whose findings `fazhi-check fix` corrects (checker/fixer.py), when it changes their line.
FIXABLE = ("format.punctuation", "format.headings", "format.date-style")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")  # the protocol's line ends, as the readers split lines
_MARKDOWN_SYNTAX = re.compile(r"([\\`*_~<>\[\]])")


def _lsp_lines(text: str) -> list[str]:
    return _LINE_BREAK.split(text)


def _markdown(text: str) -> str:
    """Text that Markdown shows as written: a message quotes the draft, which may hold * _ ` < of its own."""
    return _MARKDOWN_SYNTAX.sub(r"\\\1", text)


def hover_text(result) -> str:
    """What hovering over a finding shows: the diagnostic's message, then its basis and fix, in
    the words of `fazhi-check explain` and the related information (依据, 修改建议)."""
    from checker.model import finding_label

    parts = [f"{finding_label(result)} {result.rule.title}：{_markdown(result.message)}"]
    parts += [f"**{word}**：{_markdown(value)}"
              for word, value in (("依据", result.rule.basis), ("修改建议", result.rule.fix)) if value]
    return "\n\n".join(parts)


def _contains(where, position) -> bool:
    return ((where.start.line, where.start.character) <= (position.line, position.character)
            <= (where.end.line, where.end.character))


def fix_action(uri: str, text: str, fmt: str, diagnostics: list):
    """The quick fix "fazhi-check fix" for those of `diagnostics` (as the editor sends them) on a
    line that `fazhi-check fix` changes: an edit of every line the command changes, as it would
    change the file. None when it changes none of their lines."""
    from lsprotocol import types

    from checker.fixer import fix_text

    before, after = _lsp_lines(text), _lsp_lines(fix_text(text, markdown=fmt == "md"))
    if len(before) != len(after):  # fix never adds or removes a line end
        return None
    changed = {number for number, (old, new) in enumerate(zip(before, after)) if old != new}
    fixed = [d for d in diagnostics if d.source == "fazhi-check" and d.code in FIXABLE
             and changed.intersection(range(d.range.start.line, d.range.end.line + 1))]
    if not fixed:
        return None
    edits = [types.TextEdit(types.Range(types.Position(number, 0), types.Position(number, _utf16(before[number], len(before[number])))),
                            after[number]) for number in sorted(changed)]
    return types.CodeAction(title="fazhi-check fix", kind=types.CodeActionKind.QuickFix, diagnostics=fixed,
                            edit=types.WorkspaceEdit(changes={uri: edits}))


def server():
    from lsprotocol import types
    from pygls.lsp.server import LanguageServer

    from checker.errors import CheckerError

    ls = LanguageServer("fazhi-check", __version__)
    # uri → the lines of the text last checked, and each diagnostic published with its hover text
    checked: dict[str, tuple[list[str], list[tuple[types.Diagnostic, str]]]] = {}

    def publish(uri: str, text: str, fmt: str | None, version: int | None = None) -> None:
        if fmt is None:
            return
        hovers = []
        try:
            report, lines = report_for(uri, text, fmt)
        except CheckerError as error:
            ls.window_show_message(types.ShowMessageParams(types.MessageType.Error, f"fazhi-check：{error.message}"))
            found = []
        else:
            found = diagnostics(uri, report, lines, text)
            by_rule = {result.rule.id: result for result in report.findings}
            hovers = [(d, hover_text(by_rule[d.code]) if d.code in by_rule else _markdown(d.message)) for d in found]
        checked[uri] = (_lsp_lines(text), hovers)
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
        checked.pop(params.text_document.uri, None)
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=params.text_document.uri, diagnostics=[]))

    @ls.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(params: types.HoverParams) -> types.Hover | None:
        uri, here = params.text_document.uri, params.position
        if uri not in checked:
            return None
        lines, hovers = checked[uri]
        now = _lsp_lines(ls.workspace.get_text_document(uri).source)
        if here.line >= min(len(lines), len(now)) or lines[here.line] != now[here.line]:
            return None  # the line was edited since the check: its findings may no longer be there
        shown = [(d, text) for d, text in hovers if _contains(d.range, here)]
        if not shown:
            return None
        return types.Hover(types.MarkupContent(types.MarkupKind.Markdown, "\n\n---\n\n".join(text for _, text in shown)),
                           range=shown[0][0].range)

    @ls.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]))
    def code_action(params: types.CodeActionParams) -> list[types.CodeAction] | None:
        uri, only = params.text_document.uri, params.context.only
        if only and types.CodeActionKind.QuickFix not in only:
            return None
        document = ls.workspace.get_text_document(uri)
        fmt = _format_of(uri, document.language_id)
        action = fix_action(uri, document.source, fmt, params.context.diagnostics) if fmt else None
        return [action] if action else None

    return ls


def main() -> None:
    import sys

    # The protocol owns the process's real standard output (the command line's wrapper of it
    # is for human text); pygls closes it on exit.
    server().start_io(sys.stdin.buffer, sys.__stdout__.buffer)
