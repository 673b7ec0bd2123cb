"""Waivers users expect: --select/--ignore, inline disable/enable in .md and .html,
config waivers anchored to a text snippet, globs by git's rules."""

import html
import shutil
import json
import textwrap

from docmaker import PORTAL_FOOT, PORTAL_HEAD, paragraphs, seed_path, seed_text, write_txt
from helpers import run_cli


def check_json(cwd, *args):
    result = run_cli("check", "--format", "json", *args, cwd=cwd)
    return result, json.loads(result.stdout.decode()) if result.stdout else None


def results(data, index=0):
    return {r["rule"]: r for r in data["reports"][index]["results"]}


def test_select_and_ignore_take_ids_and_prefixes(tmp_path):
    _, data = check_json(tmp_path, "--select", "format.", "--select", "meta.date", str(seed_path("004")))
    assert all(rule.startswith("format.") or rule == "meta.date" for rule in results(data))
    assert {"format.headings", "format.punctuation", "format.residue", "meta.date"} <= set(results(data))
    _, data = check_json(tmp_path, "--ignore", "format,content.responsible-person", str(seed_path("004")))
    found = results(data)
    assert not any(rule.startswith("format.") for rule in found) and "content.responsible-person" not in found
    assert {r for r, v in found.items() if v["status"] in ("weak", "missing", "fail")} == {"meta.title", "meta.date", "meta.timeliness"}


def test_select_in_config_and_command_line_wins(tmp_path):
    (tmp_path / ".fazhi-check.yaml").write_text("select: [meta.]\nignore: [meta.title]\n", encoding="utf-8")
    _, data = check_json(tmp_path, str(seed_path("004")))
    assert all(rule.startswith("meta.") for rule in results(data)) and "meta.title" not in results(data)
    _, data = check_json(tmp_path, "--select", "content.responsible-person", str(seed_path("004")))
    assert list(results(data)) == ["content.responsible-person"]


def test_unknown_selectors_are_clear_errors(tmp_path):
    result = run_cli("check", "--select", "contnt.", str(seed_path("000")), cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.decode() == "错误：--select 中的 “contnt.” 不是规则 id，也不是任何规则 id 的前缀。用 fazhi-check rules 查看全部规则 id。\n"
    (tmp_path / ".fazhi-check.yaml").write_text("ignore:\n  - format.\n  - formt.\n", encoding="utf-8")
    result = run_cli("check", str(seed_path("000")), cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.decode() == (f"错误：配置文件无效：{tmp_path / '.fazhi-check.yaml'} 第3行：ignore 中的 “formt.” 不是规则 id，"
                                      "也不是任何规则 id 的前缀。用 fazhi-check rules 查看全部规则 id。\n")


def _md_with_comments(insertions: dict[int, str]) -> str:
    """Seed 004 as Markdown with a comment line put in place of blank lines (numbers unchanged)."""
    lines = seed_text("004").split("\n")
    for number, comment in insertions.items():
        assert not lines[number - 1].strip(), number
        lines[number - 1] = comment
    return "\n".join(lines)


def test_inline_disable_and_enable_in_markdown(tmp_path):
    text = _md_with_comments({
        36: "<!-- fazhi-check-disable content.responsible-person -- 第一责任人情况另行专题报告 -->",
        38: "<!-- fazhi-check-enable content.responsible-person -->",
        22: "<!-- fazhi-check-disable format. -->",  # never enabled again: to the end of the report
    })
    (tmp_path / "004.md").write_text(text, encoding="utf-8")
    _, data = check_json(tmp_path, "004.md")
    found = results(data)
    waived = {rule for rule, r in found.items() if r["status"] == "waived"}
    assert waived == {"content.responsible-person", "format.headings", "format.punctuation"}
    person = found["content.responsible-person"]
    assert person["message"].startswith("豁免理由：第一责任人情况另行专题报告（文内注释，第36行）。原结论：")
    assert person["locations"][0]["line"] == 37  # the comment lines keep the numbering
    assert found["format.headings"]["message"].startswith("豁免理由：文内注释停用了此规则（文内注释，第22行）。")
    # format.residue is found on line 1, before the comment on line 22
    assert {rule for rule, r in found.items() if r["status"] in ("weak", "missing", "fail")} == {
        "meta.title", "meta.date", "meta.timeliness", "format.residue"}


def test_inline_region_outside_the_finding_does_not_waive_it(tmp_path):
    text = _md_with_comments({24: "<!-- fazhi-check-disable content.responsible-person -->",
                              26: "<!-- fazhi-check-enable -->"})
    (tmp_path / "004.md").write_text(text, encoding="utf-8")
    _, data = check_json(tmp_path, "004.md")
    assert results(data)["content.responsible-person"]["status"] == "weak"


def test_inline_disable_of_every_rule_covers_whole_document_findings(tmp_path):
    lines = seed_text("001").split("\n")
    (tmp_path / "001.md").write_text("<!-- fazhi-check-disable -- 转载稿，原件有署名和日期 -->\n" + "\n".join(lines), encoding="utf-8")
    _, data = check_json(tmp_path, "001.md")
    found = results(data)
    assert found["meta.signature"]["status"] == found["meta.date"]["status"] == "waived"  # findings with no line
    assert not [r for r in found.values() if r["status"] in ("weak", "missing", "fail")]


def test_inline_disable_in_html(tmp_path):
    pieces = []
    for paragraph in paragraphs(seed_text("004")):
        if paragraph.startswith("(五)压实工作责任"):
            pieces.append("<!-- fazhi-check-disable content.responsible-person -- 另行专题报告 -->")
        pieces.append(f"<p>{html.escape(paragraph.strip())}</p>")
        if paragraph.startswith("(五)压实工作责任"):
            pieces.append("<!-- fazhi-check-enable -->")
    page = tmp_path / "004.html"
    page.write_text(PORTAL_HEAD.format(title="报告") + "\n".join(pieces) + PORTAL_FOOT, encoding="utf-8")
    _, data = check_json(tmp_path, "004.html")
    person = results(data)["content.responsible-person"]
    assert person["status"] == "waived"
    line = person["locations"][0]["line"]
    assert person["message"].startswith(f"豁免理由：另行专题报告（文内注释，第{line}段）。")
    plain = tmp_path / "plain.html"
    plain.write_text(page.read_text(encoding="utf-8").replace("<!-- fazhi-check-disable content.responsible-person -- 另行专题报告 -->", ""), encoding="utf-8")
    _, data = check_json(tmp_path, "plain.html")
    assert results(data)["content.responsible-person"]["status"] == "weak"
    assert results(data)["content.responsible-person"]["locations"][0]["line"] == line


def test_inline_comment_naming_an_unknown_rule_is_an_error(tmp_path):
    (tmp_path / "004.md").write_text(_md_with_comments({36: "<!-- fazhi-check-disable content.responsible -->"}), encoding="utf-8")
    result, data = check_json(tmp_path, "004.md")
    assert result.returncode == 2
    assert "错误：004.md 第36行的注释 fazhi-check-disable 中的规则 “content.responsible” 不存在。" in result.stderr.decode()
    assert results(data)["content.responsible-person"]["status"] == "weak"


def test_match_waiver_survives_edits_above(tmp_path):
    (tmp_path / ".fazhi-check.yaml").write_text(textwrap.dedent("""\
        waivers:
          - rule: content.responsible-person
            match: "办主要负责人认真履行推进法治建设第一责任人职责"
            reason: 第一责任人情况另行专题报告
            approved_by: 区司法局
            expires: 2099-12-31
          - rule: meta.title
            match: "这段文字不在报告里"
            reason: 不应生效
            approved_by: 区司法局
        """), encoding="utf-8")
    draft = write_txt(seed_text("004"), tmp_path / "004.txt")
    _, data = check_json(tmp_path, "004.txt")
    assert results(data)["content.responsible-person"]["status"] == "waived"
    assert results(data)["meta.title"]["status"] == "weak"
    write_txt("\n\n\n\n" + seed_text("004"), draft)
    _, data = check_json(tmp_path, "004.txt")
    person = results(data)["content.responsible-person"]
    assert person["status"] == "waived" and person["locations"][0]["line"] == 41
    assert person["message"].startswith("豁免理由：第一责任人情况另行专题报告（批准：区司法局，有效期至 2099-12-31）。原结论：")
    assert person["waiver"] == {"reason": "第一责任人情况另行专题报告", "approved_by": "区司法局", "expires": "2099-12-31"}


def test_file_globs_follow_git_rules(tmp_path):
    for folder in ("web", "web/2024", "other"):
        (tmp_path / folder).mkdir(parents=True, exist_ok=True)
        write_txt(seed_text("001"), tmp_path / folder / "001.txt")

    def waived(pattern):
        (tmp_path / ".fazhi-check.yaml").write_text(
            f'waivers:\n  - rule: meta.date\n    files: ["{pattern}"]\n    reason: 转载稿\n    approved_by: 区司法局\n', encoding="utf-8")
        _, data = check_json(tmp_path, "web", "other")
        return {r["path"] for r in data["reports"] if results(data, data["reports"].index(r))["meta.date"]["status"] == "waived"}

    assert waived("web/*.txt") == {"web/001.txt"}  # * stays inside one folder
    assert waived("web/**/*.txt") == {"web/001.txt", "web/2024/001.txt"}
    assert waived("*.txt") == {"web/001.txt", "web/2024/001.txt", "other/001.txt"}  # no slash: any folder, as in git
    assert waived("web/**") == {"web/001.txt", "web/2024/001.txt"}


def test_new_waiver_keys_have_clear_errors(tmp_path):
    config = tmp_path / ".fazhi-check.yaml"
    config.write_text('waivers:\n  - rule: meta.date\n    match: "  "\n    reason: 转载稿\n    approved_by: 区司法局\n', encoding="utf-8")
    result = run_cli("check", str(seed_path("001")), cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.decode() == f"错误：配置文件无效：{config} 第3行：豁免的 match 是空白。请写出问题所在行中的一段原文，如“成效显著”。\n"
    config.write_text('waivers:\n  - rule: meta.date\n    files: ["!"]\n    reason: 转载稿\n    approved_by: 区司法局\n', encoding="utf-8")
    result = run_cli("check", str(seed_path("001")), cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.decode() == f"错误：配置文件无效：{config} 第3行：豁免的文件通配符 “!” 无效。请按 git 的写法书写（* 不跨文件夹，** 跨文件夹）。\n"
    config.write_text("select: format.\n", encoding="utf-8")
    result = run_cli("check", str(seed_path("001")), cwd=tmp_path)
    assert result.returncode == 2 and "第1行" in result.stderr.decode() and "`select`" in result.stderr.decode()


def test_a_selected_rule_still_finds_the_sections_of_rules_not_run(tmp_path):
    """data.evidence looks in the 主要举措和成效 section, which content.measures finds."""
    _, alone = check_json(tmp_path, "--select", "data.evidence", str(seed_path("002")))
    _, everything = check_json(tmp_path, str(seed_path("002")))
    assert results(alone)["data.evidence"]["status"] == results(everything)["data.evidence"]["status"] == "weak"
    assert results(alone)["data.evidence"]["message"] == results(everything)["data.evidence"]["message"]


def test_waiver_patterns_are_relative_to_the_file_that_holds_them(tmp_path):
    """A shared base config (extends) waives by patterns relative to its own folder, ../ included;
    used directly with --config the same file waives the same reports."""
    (tmp_path / "shared").mkdir()
    (tmp_path / "reports").mkdir()
    shutil.copy(seed_path("001"), tmp_path / "reports" / "001.txt")
    (tmp_path / "shared" / "base.yaml").write_text(textwrap.dedent("""\
        waivers:
          - rule: meta.date
            files: ["../reports/001*.txt"]
            reason: 网页转载稿
            approved_by: 区司法局
            expires: 2099-03-31
        """), encoding="utf-8")
    (tmp_path / ".fazhi-check.yaml").write_text("extends: shared/base.yaml\n", encoding="utf-8")
    for extra in ([], ["--config", "shared/base.yaml"]):
        result = run_cli("check", "--format", "json", *extra, "reports/001.txt", cwd=tmp_path)
        report = json.loads(result.stdout)["reports"][0]
        date = next(r for r in report["results"] if r["rule"] == "meta.date")
        assert (result.returncode, date["status"], report["verdict"]) == (0, "waived", "pass"), extra
    shown = run_cli("config", cwd=tmp_path).stdout.decode()
    assert 'waivers = [{"rule": "meta.date", "files": ["../reports/001*.txt"], "reason": "网页转载稿", ' \
           '"approved_by": "区司法局", "expires": "2099-03-31"}]' in shown
