"""The parsed structure of each real seed report, asserted exactly."""

import pytest
from docmaker import seed_path

from checker.readers import read
from checker.structure import outline, parse


def outline_of(prefix: str) -> dict:
    return outline(parse(read(str(seed_path(prefix)))))


def level_one(data: dict) -> list[tuple[str, int, str]]:
    return [(h["marker"], h["line"], h["text"]) for h in data["headings"]]


def test_seed_000_yubei():
    data = outline_of("000")
    assert data["title"] == "重庆市渝北区信访办公室关于2020年度法治政府建设情况的报告"
    assert data["title_lines"] == [3, 5]
    assert data["issuing_body"] == "重庆市渝北区信访办公室"
    assert data["report_year"] == 2020
    assert data["addressee"] == "区政府" and data["addressee_line"] == 7
    assert data["date"] == {"text": "2021年1月28日", "iso": "2021-01-28", "status": "complete", "style": "arabic",
                            "line": 77, "position": "end"}
    assert data["signature"] == {"body": "重庆市渝北区信访办公室", "line": 75, "position": "end"}
    assert level_one(data) == [
        ("一、", 11, "2020年度推进法治政府建设的主要举措和成效"),
        ("二、", 57, "2020年度推进法治政府建设存在的不足和原因"),
        ("三、", 61, "2020年度党政主要负责人履行推进法治建设第一责任人职责，加强法治政府建设的有关情况"),
        ("四、", 65, "2021年及“十四五”期间推进法治政府建设的工作思路目标举措"),
    ]
    first = data["headings"][0]["children"]
    assert [(h["marker"], h["number"], h["line"]) for h in first] == [
        ("（一）", 1, 15), ("（二）", 2, 21), ("（三）", 3, 27), ("（四）", 4, 33),
        ("（五）", 5, 37), ("（六）", 6, 41), ("（七）", 7, 45), ("（八）", 8, 53)]
    assert all(h["level"] == 2 and h["standard"] for h in first)
    plan = data["headings"][3]["children"]
    assert [h["run_in"] for h in plan] == [True] * 4
    assert plan[0]["text"] == "加强信访业务规范化受理办理，畅通诉求表达渠道保障群众合法权益"
    assert data["furniture"] == []


def test_seed_001_fengdu_has_no_signature_or_date():
    data = outline_of("001")
    assert data["title"] == "2024年法治政府建设情况报告"
    assert data["issuing_body"] == "丰都县信访办公室"
    assert data["issuing_body_sources"] == {"header": {"text": "丰都县信访办公室", "line": 1}}
    assert data["report_year"] == 2024
    assert data["addressee"] is None
    assert data["signature"] is None and data["date"] is None
    assert level_one(data) == [("一、", 7, "主要举措和成效"), ("二、", 14, "单位党政主要负责人履职情况"),
                               ("三、", 19, "存在问题及其原因分析"), ("四、", 25, "2025年工作打算")]
    assert [len(h["children"]) for h in data["headings"]] == [5, 3, 3, 5]


def test_seed_002_xingning_five_sections():
    data = outline_of("002")
    assert data["title"] == "兴宁市信访局2020年法治政府建设年度报告"
    assert data["issuing_body"] == "兴宁市信访局"
    assert data["report_year"] == 2020
    assert data["date"]["iso"] == "2020-12-15" and data["date"]["line"] == 57
    assert [(m, line) for m, line, _ in level_one(data)] == [("一、", 9), ("二、", 27), ("三、", 37), ("四、", 41), ("五、", 49)]
    assert level_one(data)[0][2] == "全力推进法治政府建设，着力打造法治信访"
    assert level_one(data)[2][2] == "存在问题"


def test_seed_003_zhangqiu_run_in_headings_and_incomplete_date():
    data = outline_of("003")
    assert data["title"] == "2020年度法治政府建设情况报告"
    assert data["issuing_body"] == "济南市章丘区信访局"
    assert data["report_year"] == 2020
    assert data["date"] == {"text": "2021年1月", "iso": None, "status": "incomplete", "style": "arabic", "line": 3,
                            "position": "head"}
    assert data["signature"] == {"body": "济南市章丘区信访局", "line": 2, "position": "head"}
    assert level_one(data) == [
        ("一、", 5, "2020年度推进法治政府建设的主要举措和成效"),
        ("二、", 6, "2020年度推进法治政府建设存在的不足和原因"),
        ("三、", 7, "2020年度党政主要负责人履行推进法治建设第一责任人职责，加强法治政府建设的有关情况"),
        ("四、", 8, "2021年度推进法治政府建设的主要安排"),
    ]
    assert all(h["run_in"] for h in data["headings"])


def test_seed_004_rongchang_portal_copy():
    data = outline_of("004")
    assert data["furniture"] == list(range(1, 20)) + [63, 65, 67, 69, 71, 73, 74, 75, 76]
    assert data["title"] == "重庆市荣昌区信访办公室关于2025年法治建设情况的报告"
    assert data["issuing_body"] == "重庆市荣昌区信访办公室"
    assert data["report_year"] == 2025
    assert data["date"]["text"] == "2025128" and data["date"]["status"] == "malformed" and data["date"]["iso"] is None
    assert data["signature"] == {"body": "重庆市荣昌区信访办公室", "line": 59, "position": "end"}
    assert [(m, line) for m, line, _ in level_one(data)] == [("一、", 27), ("二、", 39), ("三、", 49)]
    subsections = [h for section in data["headings"] for h in section["children"]]
    assert [h["marker"] for h in data["headings"][0]["children"]] == ["(一)", "(二)", "(三)", "(四)", "(五)"]
    assert all(h["level"] == 2 and not h["standard"] for h in subsections)
    assert len(subsections) == 13


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_every_heading_line_is_inside_the_report(prefix):
    structure = parse(read(str(seed_path(prefix))))
    for heading in structure.headings:
        assert heading.line in structure.content
        assert heading.line <= heading.end_line <= structure.body_end


# A covering letter (报送函) above the report --------------------------------------------------

_LETTER = ["兴宁市信访局关于报送2020年法治政府建设年度报告的函", "市委、市政府：",
           "现呈送我局2020年法治政府建设年度报告，请审阅。", "兴宁市信访局", "2021年1月20日"]


def _with_letter(tmp_path, name: str, letter: list[str], keep_end: bool = True) -> dict:
    lines = seed_path("002").read_text(encoding="utf-8").rstrip("\n").split("\n")
    if not keep_end:
        assert lines[-3:] == ["兴宁市信访局", "", "2020年12月15日"]
        lines = lines[:-3]
    path = tmp_path / name
    path.write_text("\n".join(letter + lines) + "\n", encoding="utf-8")
    return outline(parse(read(str(path))))


def test_a_covering_letter_dates_and_signs_a_report_that_has_no_end_signature(tmp_path):
    data = _with_letter(tmp_path, "partial.txt", _LETTER, keep_end=False)
    assert data["title"] == "兴宁市信访局2020年法治政府建设年度报告" and data["title_lines"] == [10]
    assert data["date"]["iso"] == "2021-01-20" and data["date"]["line"] == 5
    assert data["signature"] == {"body": "兴宁市信访局", "line": 4, "position": "letter"}


def test_the_reports_own_signature_wins_over_the_covering_letter(tmp_path):
    data = _with_letter(tmp_path, "full.txt", _LETTER)
    assert data["date"]["iso"] == "2020-12-15" and data["date"]["line"] == 62
    assert data["signature"] == {"body": "兴宁市信访局", "line": 60, "position": "end"}


def test_an_organisation_and_a_date_without_a_letter_before_them_are_no_letter(tmp_path):
    byline = ["兴宁市信访局", "2021年1月20日"]  # no sentence before them: a byline, not a letter's signature
    data = _with_letter(tmp_path, "byline.txt", byline, keep_end=False)
    assert data["signature"] is None and data["date"] is None
    unfinished = ["现呈送我局2020年法治政府建设年度报告，请审阅", "兴宁市信访局", "2021年1月20日"]
    data = _with_letter(tmp_path, "unfinished.txt", unfinished, keep_end=False)
    assert data["signature"] is None and data["date"] is None


def test_the_corpus_report_with_a_covering_letter_after_its_title():
    path = seed_path("000").parent.parent / "tests" / "corpus" / "reports" / "zj-health-commission-2023.txt"
    data = outline(parse(read(str(path))))
    assert data["title_lines"] == [2]
    assert data["date"]["iso"] == "2024-03-08" and data["date"]["line"] == 7
    assert data["signature"] == {"body": "浙江省卫生健康委", "line": 6, "position": "letter"}
