"""The language server, driven by a real LSP client session over stdio."""

from docmaker import seed_text
from lspclient import Client

ERROR, WARNING, INFORMATION = 1, 2, 3


def summary(diagnostics):
    return [(d["code"], d["severity"], d["range"]["start"]["line"], d["range"]["start"]["character"],
             d["range"]["end"]["character"]) for d in diagnostics]


def test_session_open_save_shutdown(tmp_path):
    draft = tmp_path / "草稿.txt"
    text = seed_text("004")
    draft.write_text(text, encoding="utf-8")
    uri = draft.as_uri()
    client = Client(tmp_path)
    try:
        init = client.request("initialize", {"processId": None, "rootUri": tmp_path.as_uri(), "capabilities": {}})
        sync = init["result"]["capabilities"]["textDocumentSync"]
        assert sync["openClose"] is True and sync["save"] == {"includeText": True}
        assert init["result"]["serverInfo"]["name"] == "fazhi-check"
        client.notify("initialized", {})

        client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": text}})
        opened = client.diagnostics(uri)
        line61 = len(text.split("\n")[60])
        assert summary(opened) == [  # should-fix findings: warnings, on the evidence when it is located
            ("content.responsible-person", WARNING, 36, 130, 135),  # the words 主要负责人 in line 37
            ("meta.title", WARNING, 22, 0, 16),
            ("meta.date", WARNING, 60, 0, line61),
            ("meta.timeliness", WARNING, 60, 0, line61),
            ("format.headings", WARNING, 28, 0, len(text.split("\n")[28])),
            ("format.punctuation", WARNING, 24, 5, 6),
            ("format.residue", WARNING, 0, 0, len(text.split("\n")[0])),
        ]
        person = opened[0]
        assert person["source"] == "fazhi-check"
        assert person["message"] == ("[建议修改｜薄弱] 党政主要负责人履行第一责任人职责情况：第一责任人职责情况不充分：仅在正文中提及“主要负责人”，没有单独成部分。")
        related = [r["message"] for r in person["relatedInformation"]]
        assert related[0].startswith("依据：") and related[1].startswith("修改建议：")
        assert all(r["location"]["uri"] == uri for r in person["relatedInformation"])

        fixed = text.replace("2025128", "2026年1月28日")
        draft.write_text(fixed, encoding="utf-8")
        client.notify("textDocument/didSave", {"textDocument": {"uri": uri}, "text": fixed})
        saved = client.diagnostics(uri)
        assert [d["code"] for d in saved] == ["content.responsible-person", "meta.title", "format.headings",
                                              "format.punctuation", "format.residue"]

        notes = tmp_path / "notes.yaml"  # not a draft: no diagnostics at all
        client.notify("textDocument/didOpen", {"textDocument": {"uri": notes.as_uri(), "languageId": "yaml", "version": 1, "text": "a: 1"}})
        client.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
        assert client.diagnostics(uri) == []

        assert client.request("shutdown", None)["result"] is None
        client.notify("exit", None)
        assert client.process.wait(timeout=60) == 0
    finally:
        if client.process.poll() is None:
            client.process.kill()


def open_once(folder, draft, text, language):
    client = Client(folder)
    try:
        client.request("initialize", {"processId": None, "rootUri": None, "capabilities": {}})
        client.notify("initialized", {})
        client.notify("textDocument/didOpen", {"textDocument": {"uri": draft.as_uri(), "languageId": language,
                                                                "version": 1, "text": text}})
        found = client.diagnostics(draft.as_uri())
        client.request("shutdown", None)
        client.notify("exit", None)
        assert client.process.wait(timeout=60) == 0
        return found
    finally:
        if client.process.poll() is None:
            client.process.kill()


def test_levels_as_severities_with_the_project_configuration(tmp_path):
    (tmp_path / ".fazhi-check.yaml").write_text("select: [content.causes, meta., data.]\nrules:\n  data.evidence: {severity: info}\n",
                                                encoding="utf-8")
    draft = tmp_path / "drafts" / "002.txt"
    draft.parent.mkdir()
    text = seed_text("002")
    draft.write_text(text, encoding="utf-8")
    found = open_once(tmp_path / "drafts", draft, text, "plaintext")
    assert summary(found) == [("content.causes", ERROR, 36, 0, 6),  # must-fix: the heading line
                              ("meta.timeliness", WARNING, 56, 0, 11),
                              ("data.evidence", INFORMATION, 22, 434, 440)]
    assert found[0]["message"] == "[必须修改｜缺失] 不足的原因：只列出了问题，没有分析产生问题的原因。"
    assert text.split("\n")[22][434:440] == "取得明显成效"


def test_markdown_draft(tmp_path):
    (tmp_path / ".fazhi-check.yaml").write_text("select: [meta.]\n", encoding="utf-8")
    draft = tmp_path / "草稿.md"
    found = open_once(tmp_path, draft, seed_text("004"), "markdown")
    assert [d["code"] for d in found] == ["meta.title", "meta.date", "meta.timeliness"]


def test_a_comment_naming_no_rule_is_a_diagnostic_on_its_line(tmp_path):
    """The command line exits 2 on it; the editor shows it where it stands (it disables nothing)."""
    (tmp_path / ".fazhi-check.yaml").write_text("select: [meta.]\n", encoding="utf-8")
    draft = tmp_path / "草稿.md"
    lines = seed_text("004").split("\n")
    lines.insert(10, "<!-- fazhi-check-disable format.punctuaton -->")
    found = open_once(tmp_path, draft, "\n".join(lines), "markdown")
    errors = [d for d in found if d["code"] == "rule-error"]
    assert summary(errors) == [("rule-error", ERROR, 10, 0, len(lines[10]))]
    assert errors[0]["message"] == (f"{draft} 第11行的注释 fazhi-check-disable 中的规则 “format.punctuaton” 不存在。"
                                    "请用 fazhi-check rules 查看规则 id，或写成前缀（如 format.）。")
