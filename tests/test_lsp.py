"""The language server, driven by a real LSP client session over stdio."""

from docmaker import seed_text
from lspclient import session

ERROR, WARNING, INFORMATION = 1, 2, 3


def summary(diagnostics):
    return [(d["code"], d["severity"], d["range"]["start"]["line"], d["range"]["start"]["character"],
             d["range"]["end"]["character"]) for d in diagnostics]


def test_session_open_save_shutdown(tmp_path):
    draft = tmp_path / "草稿.txt"
    text = seed_text("004")
    draft.write_text(text, encoding="utf-8")
    uri = draft.as_uri()
    with session(tmp_path, tmp_path.as_uri()) as client:  # its end: shutdown, exit, code 0
        init = client.initialized
        sync = init["result"]["capabilities"]["textDocumentSync"]
        assert sync["openClose"] is True and sync["save"] == {"includeText": True}
        assert init["result"]["serverInfo"]["name"] == "fazhi-check"

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



def open_once(folder, draft, text, language):
    with session(folder) as client:
        client.notify("textDocument/didOpen", {"textDocument": {"uri": draft.as_uri(), "languageId": language,
                                                                "version": 1, "text": text}})
        return client.diagnostics(draft.as_uri())


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


# --- empty drafts, whole-document findings, hover and the "fazhi-check fix" quick fix ---


from helpers import run_cli  # noqa: E402

DRAFT = ("甲局关于2025年度法治政府建设情况的报告\n一、主要举措和成效\n(一)依法履职,全年办理信访事项100件。\n"
         "二、存在的不足\n宣传方式单一。\n甲局\n2026年01月05日\n")
FIXED = ("甲局关于2025年度法治政府建设情况的报告\n一、主要举措和成效\n（一）依法履职，全年办理信访事项100件。\n"
         "二、存在的不足\n宣传方式单一。\n甲局\n2026年1月5日\n")
HEADINGS_BASIS = "GB/T 9704-2012《党政机关公文格式》：文中结构层次序数依次可以用“一、”“（一）”“1.”“（1）”标注"
HEADINGS_FIX = "按“一、”“（一）”“1.”“（1）”的顺序和写法编号，同级连续，括号用全角；可运行 fazhi-check fix 自动改正写法。"
PUNCTUATION_BASIS = "GB/T 15834-2011《标点符号用法》；GB/T 9704-2012《党政机关公文格式》"
PUNCTUATION_FIX = "汉字之间的逗号、分号、冒号、问号、叹号和括号改为全角（，；：？！（）），删去重复的标点；可运行 fazhi-check fix 自动改正。"
DATE_STYLE_BASIS = "GB/T 9704-2012《党政机关公文格式》：成文日期用阿拉伯数字将年、月、日标全，年份应标全称，月、日不编虚位（即 1 不编为 01）"
DATE_STYLE_FIX = "写为“2021年1月28日”的形式：阿拉伯数字，年份写全，月、日不补零。"
DATE_BASIS = "《党政机关公文处理工作条例》（中办发〔2012〕14号）：公文应当标注成文日期；GB/T 9704-2012：成文日期用阿拉伯数字将年、月、日标全"
DATE_FIX = "在署名下方写完整的成文日期，年月日俱全，如“2021年1月28日”。"
# DRAFT's findings with `select: [meta.date, format.]`: (rule, severity, message, range)
HEADINGS = ("format.headings", WARNING, "[建议修改｜薄弱] 标题序号：标题序号不规范：序号“(一)”应写为“（一）”。", (2, 0, 2, 21))
PUNCTUATION = ("format.punctuation", WARNING, "[建议修改｜薄弱] 标点符号：有 3 处半角或重复的标点，如“(”、“)”、“,”。", (2, 0, 2, 1))
DATE_STYLE = ("format.date-style", INFORMATION,  # a note (供参考): Information, as the docs say
              "[供参考｜薄弱] 成文日期写法：成文日期写法不规范：“2026年01月05日”月、日前补了零，应写为“2026年1月5日”。", (6, 0, 6, 11))


def exact(diagnostics):
    return [(d["code"], d["severity"], d["message"], (d["range"]["start"]["line"], d["range"]["start"]["character"],
                                                       d["range"]["end"]["line"], d["range"]["end"]["character"]))
            for d in diagnostics]


def lsp_range(start_line, start_character, end_line, end_character):
    return {"start": {"line": start_line, "character": start_character}, "end": {"line": end_line, "character": end_character}}


def hover_of(message, basis, fix):
    return f"{message}\n\n**依据**：{basis}\n\n**修改建议**：{fix}"


def selecting(folder, rules: str, name: str):
    """A draft's path in a project whose configuration selects `rules`."""
    (folder / ".fazhi-check.yaml").write_text(f"select: [{rules}]\n", encoding="utf-8")
    return folder / name


def open_draft(client, path, text, language="plaintext"):
    client.notify("textDocument/didOpen", {"textDocument": {"uri": path.as_uri(), "languageId": language, "version": 1, "text": text}})
    return client.diagnostics(path.as_uri())


def type_and_save(client, path, version, text, send_text=True):
    """The editor replaces the whole text (as typing ends up), then saves it."""
    uri = path.as_uri()
    client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]})
    client.notify("textDocument/didSave", {"textDocument": {"uri": uri}, **({"text": text} if send_text else {})})
    return client.diagnostics(uri)


def hover(client, path, line, character):
    return client.request("textDocument/hover", {"textDocument": {"uri": path.as_uri()},
                                                 "position": {"line": line, "character": character}})["result"]


def test_an_empty_draft_gets_no_diagnostics_until_it_has_text(tmp_path):
    """`check` refuses an empty file (文件为空, exit 2); in an editor a new file is not a draft yet:
    no diagnostics, not every section missing."""
    (tmp_path / ".fazhi-check.yaml").write_text("select: [meta.date, format.]\n", encoding="utf-8")
    empty, blank = tmp_path / "e.md", tmp_path / "w.txt"
    with session(tmp_path) as client:
        assert open_draft(client, empty, "", "markdown") == []
        assert open_draft(client, blank, "\n  \n") == []
        assert hover(client, blank, 0, 0) is None

        assert exact(type_and_save(client, blank, 2, DRAFT)) == [HEADINGS, PUNCTUATION, DATE_STYLE]
        assert type_and_save(client, blank, 3, "") == []  # emptied again: the findings go
        assert type_and_save(client, empty, 2, "\n  \n", send_text=False) == []  # the text as the server holds it
        assert exact(type_and_save(client, empty, 3, DRAFT, send_text=False)) == [HEADINGS, PUNCTUATION, DATE_STYLE]


def test_a_finding_of_the_whole_document_marks_the_first_line(tmp_path):
    draft = selecting(tmp_path, "meta.date", "b.txt")
    text = "𠮷甲局关于2025年度法治政府建设情况的报告\n一、主要举措和成效\n全年办理信访事项100件。\n"
    with session(tmp_path) as client:
        found = open_draft(client, draft, text)
        message = "[必须修改｜缺失] 成文日期：未找到成文日期。"
        assert exact(found) == [("meta.date", ERROR, message, (0, 0, 0, 23))]  # 22 characters, 𠮷 is 2 UTF-16 units
        assert hover(client, draft, 0, 22) == {"contents": {"kind": "markdown", "value": hover_of(message, DATE_BASIS, DATE_FIX)},
                                               "range": lsp_range(0, 0, 0, 23)}
        assert hover(client, draft, 1, 0) is None


def test_hover_shows_the_message_basis_and_fix(tmp_path):
    (tmp_path / ".fazhi-check.yaml").write_text("select: [meta.date, format.]\n", encoding="utf-8")
    draft = tmp_path / "a.txt"
    with session(tmp_path) as client:
        assert exact(open_draft(client, draft, DRAFT)) == [HEADINGS, PUNCTUATION, DATE_STYLE]
        headings = hover_of(HEADINGS[2], HEADINGS_BASIS, HEADINGS_FIX)
        assert hover(client, draft, 2, 0) == {  # two findings here: both, in the order of the diagnostics
            "contents": {"kind": "markdown", "value": headings + "\n\n---\n\n" + hover_of(PUNCTUATION[2], PUNCTUATION_BASIS, PUNCTUATION_FIX)},
            "range": lsp_range(2, 0, 2, 21)}
        assert hover(client, draft, 2, 21) == {"contents": {"kind": "markdown", "value": headings}, "range": lsp_range(2, 0, 2, 21)}
        assert hover(client, draft, 6, 4) == {"contents": {"kind": "markdown", "value": hover_of(DATE_STYLE[2], DATE_STYLE_BASIS, DATE_STYLE_FIX)},
                                              "range": lsp_range(6, 0, 6, 11)}
        assert hover(client, draft, 3, 1) is None  # no finding on 二、存在的不足
        assert hover(client, draft, 2, 22) is None  # past the end of the finding
        assert hover(client, draft, 9, 0) is None  # past the end of the draft

        # Typed, not yet saved: a line that changed may no longer have its findings; the others keep theirs.
        client.notify("textDocument/didChange", {"textDocument": {"uri": draft.as_uri(), "version": 2}, "contentChanges": [
            {"range": lsp_range(2, 0, 2, 3), "text": "（一）"}]})
        assert hover(client, draft, 2, 5) is None
        assert hover(client, draft, 6, 4)["range"] == lsp_range(6, 0, 6, 11)

    # The words of `fazhi-check explain` (the scorecard's 依据 and 建议 are the same texts).
    explained = run_cli("explain", "format.headings", cwd=tmp_path).stdout.decode("utf-8").split("\n")
    assert f"依据：{HEADINGS_BASIS}" in explained and f"修改建议：{HEADINGS_FIX}" in explained


def test_hover_shows_quoted_draft_text_as_written(tmp_path):
    """A message quotes the draft; Markdown syntax in it (here * *) is escaped, so it shows as typed."""
    (tmp_path / ".fazhi-check.yaml").write_text("select: [meta.title]\n", encoding="utf-8")
    draft = tmp_path / "c.txt"
    with session(tmp_path) as client:
        found = open_draft(client, draft, "甲局关于2025年*法治建设*情况的报告\n一、主要举措和成效\n全年办理信访事项100件。\n")
        assert [d["message"] for d in found] == ["[建议修改｜薄弱] 标题：标题“甲局关于2025年*法治建设*情况的报告”不规范：事由未写明“法治政府”。"]
        shown = hover(client, draft, 0, 0)["contents"]["value"]
        assert shown.split("\n\n")[0] == r"[建议修改｜薄弱] 标题：标题“甲局关于2025年\*法治建设\*情况的报告”不规范：事由未写明“法治政府”。"


def test_the_fix_quick_fix_applies_what_fazhi_check_fix_changes(tmp_path):
    (tmp_path / ".fazhi-check.yaml").write_text("select: [meta.date, format.]\n", encoding="utf-8")
    draft = tmp_path / "a.txt"
    with session(tmp_path) as client:
        found = open_draft(client, draft, DRAFT)
        assert exact(found) == [HEADINGS, PUNCTUATION, DATE_STYLE]

        def actions(diagnostics, only=None):
            context = {"diagnostics": diagnostics, **({"only": only} if only else {})}
            return client.request("textDocument/codeAction", {"textDocument": {"uri": draft.as_uri()},
                                                              "range": diagnostics[0]["range"] if diagnostics else lsp_range(3, 0, 3, 0),
                                                              "context": context})["result"]

        edits = [{"range": lsp_range(2, 0, 2, 21), "newText": "（一）依法履职，全年办理信访事项100件。"},
                 {"range": lsp_range(6, 0, 6, 11), "newText": "2026年1月5日"}]
        for diagnostic in found:  # each is corrected by the one edit of the whole draft
            assert actions([diagnostic]) == [{"title": "fazhi-check fix", "kind": "quickfix", "diagnostics": [diagnostic],
                                              "edit": {"changes": {draft.as_uri(): edits}}}]
        assert actions([]) is None
        assert actions(found, only=["source.organizeImports"]) is None

        # The same change as the command: `fazhi-check fix --write` on the saved draft.
        draft.write_text(DRAFT, encoding="utf-8")
        assert run_cli("fix", "--write", "a.txt", cwd=tmp_path).returncode == 0
        assert draft.read_text(encoding="utf-8") == FIXED
        lines = DRAFT.split("\n")
        for edit in reversed(edits):
            lines[edit["range"]["start"]["line"]] = edit["newText"]
        assert "\n".join(lines) == FIXED

        assert type_and_save(client, draft, 2, FIXED) == []  # applied and saved: nothing left to fix
        assert actions([{**found[0], "range": lsp_range(2, 0, 2, 21)}]) is None  # fix changes nothing any more


def test_a_finding_fix_cannot_correct_gets_no_quick_fix(tmp_path):
    """A heading number out of sequence (一、二、四) is format.headings too, but fix does not renumber."""
    draft = selecting(tmp_path, "format.headings", "d.txt")
    text = "一、主要举措和成效\n全年办理信访事项100件。\n二、存在的不足\n宣传方式单一。\n四、下一步工作打算\n加强培训。\n"
    with session(tmp_path) as client:
        found = open_draft(client, draft, text)
        assert exact(found) == [("format.headings", WARNING, "[建议修改｜有误] 标题序号：标题序号有误：跳号：“四、”处应为“三、”。", (4, 0, 4, 9))]
        assert client.request("textDocument/codeAction", {"textDocument": {"uri": draft.as_uri()}, "range": found[0]["range"],
                                                          "context": {"diagnostics": found}})["result"] is None
