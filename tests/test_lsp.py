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
        assert summary(opened) == [
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
        assert person["message"].endswith("党政主要负责人履行第一责任人职责情况：第一责任人职责情况不充分：仅在正文中提及“主要负责人”，没有单独成部分。")
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


def test_markdown_draft_uses_the_project_configuration(tmp_path):
    (tmp_path / ".fazhi-check.yaml").write_text("select: [meta.]\n", encoding="utf-8")
    draft = tmp_path / "drafts" / "草稿.md"
    draft.parent.mkdir()
    draft.write_text(seed_text("004"), encoding="utf-8")
    client = Client(tmp_path / "drafts")
    try:
        client.request("initialize", {"processId": None, "rootUri": None, "capabilities": {}})
        client.notify("initialized", {})
        client.notify("textDocument/didOpen", {"textDocument": {"uri": draft.as_uri(), "languageId": "markdown",
                                                                "version": 1, "text": seed_text("004")}})
        assert [d["code"] for d in client.diagnostics(draft.as_uri())] == ["meta.title", "meta.date", "meta.timeliness"]
        client.request("shutdown", None)
        client.notify("exit", None)
        assert client.process.wait(timeout=60) == 0
    finally:
        if client.process.poll() is None:
            client.process.kill()
