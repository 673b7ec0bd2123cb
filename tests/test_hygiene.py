"""Format and publication hygiene on the real seeds, and on seeds altered to contain each defect."""

import json
import re
import subprocess

import pytest
from docmaker import seed_path, seed_text
from helpers import altered, run_cli
from helpers import evaluate_seed as evaluate


HYGIENE = ["format.headings", "format.punctuation", "format.brackets", "format.repeated", "format.residue",
           "format.date-style", "safety.secrets", "safety.personal-data", "content.no-request", "report.type"]
EXPECTED = {
    "000": ["pass", "pass", "pass", "pass", "pass", "pass", "pass", "pass", "pass", "pass"],
    "001": ["pass", "pass", "pass", "pass", "pass", "n/a", "pass", "pass", "pass", "pass"],
    "002": ["pass", "pass", "fail", "pass", "pass", "pass", "pass", "pass", "pass", "pass"],
    "003": ["pass", "pass", "pass", "pass", "fail", "pass", "pass", "pass", "pass", "pass"],
    "004": ["weak", "weak", "pass", "pass", "fail", "n/a", "pass", "pass", "pass", "pass"],
}


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_seed_hygiene_verdicts(prefix):
    results = evaluate(prefix)
    assert [results[rule].status for rule in HYGIENE] == EXPECTED[prefix]


def test_seed_findings_are_located():
    brackets = evaluate("002")["format.brackets"]
    assert (brackets.message, [loc.line for loc in brackets.locations]) == ("成对符号不匹配：多出一个“〉”。", [7])
    residue = evaluate("003")["format.residue"]
    assert (residue.message, [loc.line for loc in residue.locations]) == ("发现 1 处残留内容：“[bookmark: _GoBack]”。", [7])
    seed4 = evaluate("004")
    assert seed4["format.residue"].message == "发现 28 处残留内容：“网页框架内容”。"
    assert [loc.line for loc in seed4["format.residue"].locations] == [1, 2, 3, 4, 5]
    assert seed4["format.punctuation"].message == "有 133 处半角或重复的标点，如“,”、“(”、“)”、“;”。"
    assert [loc.line for loc in seed4["format.punctuation"].locations] == [25, 29, 31, 33, 35]  # one place a line
    assert seed4["format.headings"].message.startswith("标题序号不规范：序号“(一)”应写为“（一）”；序号“(二)”应写为“（二）”")
    assert [loc.line for loc in seed4["format.headings"].locations] == [29, 31, 33, 35, 37]


CASES = [
    # rule, seed, line, old, new, status, message
    ("format.headings", "000", 65, "四、", "五、", "fail", "标题序号有误：跳号：“五、”处应为“四、”。"),
    ("format.headings", "001", 10, "（二）", "（一）", "fail", "标题序号有误：重复：“（一）”处应为“（二）”；跳号：“（三）”处应为“（二）”。"),
    ("format.punctuation", "000", 9, "规定，现将", "规定,现将", "weak", "有 1 处半角或重复的标点，如“,”。"),
    ("format.punctuation", "001", 5, "指导，在", "指导，，在", "weak", "有 1 处半角或重复的标点，如“，，”。"),
    ("format.brackets", "000", 47, "《重庆市信访条例》的内容", "《重庆市信访条例的内容", "fail", "成对符号不匹配：“《”没有对应的“》”。"),
    ("format.repeated", "001", 9, "坚持定期汇报", "坚持定期汇报汇报", "weak", "疑似重复的字词：“汇报汇报”。"),
    ("format.repeated", "000", 13, "坚持以习近平", "坚持以习习近平", "weak", "疑似重复的字词：“习习”。"),
    ("format.residue", "000", 19, "共办理国家局", "共办理XX国家局", "fail", "发现 1 处残留内容：“XX”。"),
    ("format.date-style", "000", 77, "2021年1月28日", "二〇二一年一月二十八日", "weak",
     "成文日期写法不规范：“二〇二一年一月二十八日”使用了汉字数字，应写为“2021年1月28日”。"),
    ("format.date-style", "002", 57, "2020年12月15日", "2020年12月05日", "weak",
     "成文日期写法不规范：“2020年12月05日”月、日前补了零，应写为“2020年12月5日”。"),
    ("safety.secrets", "000", 3, "重庆市渝北区信访办公室", "机密★1年 重庆市渝北区信访办公室", "fail", "公开稿中出现密级或保密标志：“机密★”。"),
    ("safety.personal-data", "002", 17, "切实解决问题；", "切实解决问题；信访人王建国反映的问题已化解；", "fail",
     "公开稿中出现个人信息：信访人姓名“王某某”。"),
    ("safety.personal-data", "001", 13, "申请复查有9件", "申请复查有9件（联系电话13812345678，身份证号11010519491231002X）", "fail",
     "公开稿中出现个人信息：手机号 138****5678、身份证号 110105********002X。"),
    ("content.no-request", "000", 73, "传导。", "传导。恳请区政府批准增加编制2名。妥否，请批示。", "fail",
     "报告中夹带了请示事项：“恳请区政府批准”、“妥否”、“请批示”。"),
    ("report.type", "000", 5, "关于 2020 年度法治政府建设情况的报告", "2020年政府信息公开工作年度报告", "fail",
     "这看起来不是法治政府建设年度报告：“政府信息公开工作年度报告”。"),
]


@pytest.mark.parametrize("rule, prefix, line, old, new, status, message", CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES])
def test_altered_seed_is_flagged_at_the_right_line(rule, prefix, line, old, new, status, message):
    assert evaluate(prefix)[rule].status in ("pass", "n/a")
    result = evaluate(prefix, altered(prefix, line, old, new))[rule]
    assert (result.status, result.message) == (status, message)
    assert line in [loc.line for loc in result.locations]


def _content(text: str) -> str:
    return "".join(re.findall(r"[\u4e00-\u9fff0-9A-Za-z]", text))


def test_fix_makes_seed_004_pass_punctuation_and_keeps_every_character(tmp_path):
    from checker.fixer import fix_text

    original = seed_text("004")
    fixed = fix_text(original)
    assert _content(fixed) == _content(original)
    assert len(fixed) == len(original) and fixed.count("\n") == original.count("\n")
    results = evaluate("004", fixed)
    assert results["format.punctuation"].status == "pass"
    assert results["format.headings"].status == "pass"
    assert fix_text(fixed) == fixed  # idempotent
    assert [results[r].status for r in ("content.measures", "content.shortcomings", "meta.title")] == ["pass", "pass", "weak"]


def test_fix_pads_dates_and_heading_forms():
    from checker.fixer import fix_text

    assert fix_text("一.主要举措\n(二)完善制度\n1、加强培训\n(3)严格考核\n2021年01月05日\n") == \
        "一、主要举措\n（二）完善制度\n1.加强培训\n（3）严格考核\n2021年1月5日\n"
    assert fix_text("办理1,033件，10:30登记，94.44%\r\n") == "办理1,033件，10:30登记，94.44%\r\n"
    # every heading format.headings flags and recommends fix for: before a year, after "## "
    assert fix_text("一.2024年度主要举措和成效\n## 二.存在的不足\n## (三)下一步安排\n1.5倍\n") == \
        "一、2024年度主要举措和成效\n## 二、存在的不足\n## （三）下一步安排\n1.5倍\n"


def test_fix_command_diff_write_and_check(tmp_path):
    path = tmp_path / "004.txt"
    path.write_bytes(seed_path("004").read_bytes().replace(b"\n", b"\r\n").decode("utf-8").encode("gb18030"))
    before = path.read_bytes()
    diff = run_cli("fix", str(path))
    assert diff.returncode == 0 and "-2025年,区信访办" in diff.stdout.decode() and "+2025年，区信访办" in diff.stdout.decode()
    assert path.read_bytes() == before  # a diff only
    assert run_cli("fix", "--check", str(path)).returncode == 1
    assert run_cli("fix", "--write", str(path)).returncode == 0
    assert (tmp_path / "004.txt.bak").read_bytes() == before
    fixed = path.read_bytes()
    assert b"\r\n" in fixed and fixed.decode("gb18030").startswith("当前位置：")
    assert run_cli("fix", "--check", str(path)).returncode == 0


def test_fix_refuses_docx(made):
    result = run_cli("fix", str(made("000", "docx")))
    assert result.returncode == 2 and "fix 只处理 .txt 和 .md 文件" in result.stderr.decode()


def test_jieba_full_dictionary_is_not_loaded_on_ordinary_reports():
    """Only the small domain dictionary is loaded (plan coverage); the personal-data rule starts
    jieba's full tagger only for a 信访人-type word followed by a surname."""
    import os
    import sys

    from helpers import ROOT

    code = ("import sys\nfrom checker.config import load_setup\nfrom checker.engine import check_path, engine_settings_of\n"
            "config, rules = load_setup(None)\n"
            "for p in sys.argv[1:]: check_path(p, rules, engine_settings_of(config))\n"
            "import jieba\nprint(jieba.dt.initialized)\n")

    result = subprocess.run([sys.executable, "-c", code, *[str(seed_path(p)) for p in EXPECTED]], capture_output=True,
                            text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.stdout.strip() == "False", result.stderr


def test_fix_and_check_leave_markdown_syntax_alone(tmp_path):
    """A link's target, an image, inline code and a fenced block are syntax: fix keeps them, and
    check reads a link as its text (no half-width brackets to report) and an image as nothing."""
    from checker.fixer import fix_text

    text = ("详见[关于印发实施方案的通知](附件1.docx)和![图片](图1.png)。\n`代码,示例`,好的\n"
            "```\na,b:中\n```\n(一)完善,制度\n")
    assert fix_text(text, markdown=True) == ("详见[关于印发实施方案的通知](附件1.docx)和![图片](图1.png)。\n`代码,示例`，好的\n"
                                             "```\na,b:中\n```\n（一）完善，制度\n")
    draft = tmp_path / "报告.md"
    lines = seed_text("000").split("\n")
    lines[12] += "详见[关于印发实施方案的通知](附件1.docx)和![图片](图1.png)。"
    draft.write_text("\n".join(lines), encoding="utf-8")
    lines[14] += "\n```\na,b:中\n```"  # a fenced block is no report text either
    lines[16] += "运行`检查,修正`即可。"  # nor is inline code, which fix leaves alone
    draft.write_text("\n".join(lines), encoding="utf-8")
    data = json.loads(run_cli("check", "--format", "json", "--select", "format.punctuation", str(draft)).stdout)
    assert data["reports"][0]["results"][0]["status"] == "pass"
    fixed = run_cli("fix", "--write", str(draft))
    assert fixed.returncode == 0 and "[关于印发实施方案的通知](附件1.docx)和![图片](图1.png)" in draft.read_text(encoding="utf-8")


def test_a_mark_after_a_bracketed_number_is_reported_and_fixed(tmp_path):
    """（一）、 and （1）. carry a stray mark: check names it, and fix removes it, so that the two agree."""
    from checker.fixer import fix_text

    text = "一、主要举措\n（一）、完善制度建设。\n(二).加强队伍建设。\n1.严格执法\n（1）.规范程序。\n（三）完善机制。\n"
    draft = tmp_path / "报告.txt"
    draft.write_text(text, encoding="utf-8")
    data = json.loads(run_cli("check", "--format", "json", "--select", "format.headings", str(draft)).stdout)
    result = data["reports"][0]["results"][0]
    assert (result["status"], [location["line"] for location in result["locations"]]) == ("weak", [2, 3, 5])
    assert result["message"] == ("标题序号不规范：序号“（一）、”应写为“（一）”；序号“(二).”应写为“（二）”；"
                                 "序号“（1）.”应写为“（1）”。")
    fixed = fix_text(text)
    assert fixed == "一、主要举措\n（一）完善制度建设。\n（二）加强队伍建设。\n1.严格执法\n（1）规范程序。\n（三）完善机制。\n"
    draft.write_text(fixed, encoding="utf-8")
    data = json.loads(run_cli("check", "--format", "json", "--select", "format.headings", str(draft)).stdout)
    assert data["reports"][0]["results"][0]["status"] == "pass"


def test_fix_on_a_file_it_cannot_fix_says_only_why(tmp_path):
    from docmaker import write_docx

    draft = write_docx(seed_text("000"), tmp_path / "草稿.docx")
    result = run_cli("fix", str(draft))
    assert result.returncode == 2
    assert "个文件需要修正" not in result.stderr.decode() and len(result.stderr.decode().splitlines()) == 1
