"""Boundaries of the check kinds' verdicts, pinned on the real seeds edited to sit exactly at them.

Each test holds a case on each side of one threshold or one decision of a kind (section,
substance, coverage, date, metadata, numbering, phrase, citation) and asserts the status, the
message and the line a user sees. They come from a mutation audit of the kinds: every one fails
when the comparison or constant it pins is moved by one step.
"""

from __future__ import annotations

import dataclasses
from functools import lru_cache

from docmaker import seed_path, seed_text
from helpers import evaluate_seed

from checker.config import load_config
from checker.document import Document, Line
from checker.engine import engine_settings_of, evaluate_document
from checker.loader import load_rules


def edited(prefix: str, *edits: tuple[int, str, str]) -> str:
    """The seed's text with each (line, old, new) applied: `old` replaced once on that line."""
    lines = seed_text(prefix).split("\n")
    for line, old, new in edits:
        assert old in lines[line - 1], (prefix, line, old)
        lines[line - 1] = lines[line - 1].replace(old, new, 1)
    return "\n".join(lines)


def result_of(prefix: str, rule_id: str, *edits: tuple[int, str, str]):
    return evaluate_seed(prefix, edited(prefix, *edits))[rule_id]


@lru_cache(maxsize=1)
def _pack():
    return load_rules(), engine_settings_of(load_config(cwd=seed_path("000").parent))


def options_of(rule_id: str) -> dict:
    return next(rule for rule in _pack()[0] if rule.id == rule_id).options


def with_options(rule_id: str, text: str, drop: tuple[str, ...] = (), **options):
    """The result of a rule whose options a rule author changed (keys dropped, others set),
    evaluated with the rest of the built-in pack on a text; `drop` may name a nested key (a.b)."""
    rules, settings = _pack()
    changed = []
    for rule in rules:
        if rule.id == rule_id:
            new = {key: dict(value) if isinstance(value, dict) else value for key, value in rule.options.items()}
            for key in drop:
                *parents, last = key.split(".")
                target = new
                for parent in parents:
                    target = target[parent]
                del target[last]
            rule = dataclasses.replace(rule, options={**new, **options})
        changed.append(rule)
    document = Document("custom.txt", "txt", [Line(n, t) for n, t in enumerate(text.split("\n"), start=1)])
    return next(r for r in evaluate_document(document, changed, settings).results if r.rule.id == rule_id)


def lines_of(result) -> list[int | None]:
    return [location.line for location in result.locations]


# section: how parts are found ------------------------------------------------------------------

# Seed 002: 一、(line 9) is the measures by position; 二、(27) the responsible person; 三、存在问题
# (37); 四、下一步工作措施 (41); 五、(49) a second responsible-person part and the "other" part.
PROBLEMS_002 = "一是依法分类处理群众诉求工作有待进一步加强。二是重大疑难信访案件化解成效还不够明显；三是信访秩序有待进一步规范。"
LAST_PROBLEM = "三是信访秩序有待进一步规范。"


def test_measures_by_position_stop_at_the_first_level_one_anchor_not_at_a_subsection():
    # 二、 no longer names the responsible person; a subsection of 一、 now does. Only level-1
    # anchors bound the measures: 一、 and 二、 both stand before 三、存在问题.
    result = result_of("002", "content.measures",
                       (11, "（一）深入学习", "（一）主要负责人带头深入学习"),
                       (27, "二、主要负责人切实履行推进法治建设第一责任人职责，加强法治政府建设", "二、持续加强法治政府建设"))
    assert result.status == "pass"
    assert result.message == "符合要求（按位置识别，标题未点明该项）。"
    assert lines_of(result) == [9, 27]


def test_measures_by_position_end_before_the_earliest_anchor():
    # 四、 is no plan heading any more: it stands after the first anchor (二、, line 27), so it is
    # not part of the measures although it comes before the last anchor (五、, line 49).
    result = result_of("002", "content.measures", (41, "四、下一步工作措施", "四、持续深化信访制度改革"))
    assert result.status == "pass" and lines_of(result) == [9]


def test_other_part_by_position_comes_after_the_last_plan_heading():
    # 三、 names the plan too: the "other" part is what follows the last plan heading (四、), not
    # the second plan heading itself.
    results = evaluate_seed("002", edited("002", (37, "三、存在问题", "三、存在问题和下一步打算")))
    assert lines_of(results["content.next-year-plan"]) == [37, 41]
    other = results["content.other"]
    assert other.status == "pass" and lines_of(other) == [49]


def test_a_section_at_exactly_its_minimum_length_is_not_weak():
    exactly_40 = "一是依法分类处理群众诉求工作有待进一步加强。二是重大疑难信访案件化解成效还不够明显。"
    result = result_of("002", "content.shortcomings", (39, PROBLEMS_002, exactly_40))
    assert result.status == "pass" and lines_of(result) == [37]


def test_a_section_one_character_below_its_minimum_is_weak_and_says_how_short():
    only_39 = "一是依法分类处理群众诉求工作有待进一步加强。二是重大疑难信访案件化解成效不够明显。"
    result = result_of("002", "content.shortcomings", (39, PROBLEMS_002, only_39))
    assert result.status == "weak"
    assert result.message == "“存在的不足”不够充分：正文只有 39 字，少于 40 字。"
    assert lines_of(result) == [37]


# section: an inline mention counts only as a lead phrase (lead_chars: 6) ------------------------

NO_HEADING = (37, "三、存在问题", "三、工作反思")


def test_an_inline_marker_six_characters_into_its_sentence_is_a_lead_phrase():
    result = result_of("002", "content.shortcomings", NO_HEADING,
                       (39, "一是依法分类", "同时，工作中还存在一些不足：一是依法分类"))
    assert result.status == "weak"
    assert result.message == "“存在的不足”不够充分：仅在正文中提及“还存在”，没有单独成部分。"
    assert lines_of(result) == [39]
    assert (result.locations[0].column, result.locations[0].end_column) == (7, 10)


def test_an_inline_marker_seven_characters_into_its_sentence_is_no_lead_phrase():
    result = result_of("002", "content.shortcomings", NO_HEADING,
                       (39, "一是依法分类", "同时，在工作中还存在一些不足：一是依法分类"))
    assert result.status == "missing" and result.locations == []


def test_an_inline_marker_after_a_sentence_end_is_counted_from_that_end():
    at_six = result_of("002", "content.shortcomings", NO_HEADING,
                       (39, LAST_PROBLEM, LAST_PROBLEM + "同时，工作中还存在宣传方式单一的问题。"))
    assert at_six.status == "weak" and lines_of(at_six) == [39]
    at_seven = result_of("002", "content.shortcomings", NO_HEADING,
                         (39, LAST_PROBLEM, LAST_PROBLEM + "同时，在工作中还存在宣传方式单一的问题。"))
    assert at_seven.status == "missing"


# section: an item with a short label (item_label_chars: 16) -------------------------------------

def _duty_item(label: str):
    # Seed 004's (五) mentions the leader's duty in its third sentence, without particulars (weak);
    # an item 一是<label> put before that sentence makes it the item's first sentence after the label.
    return result_of("004", "content.responsible-person", (37, "同落实。", f"同落实。一是{label}"))


def test_an_item_label_ending_in_a_full_stop_is_read_over_its_body():
    result = _duty_item("压实工作责任。")
    assert result.status == "pass"
    assert result.message == "符合要求（条目“一是压实工作责任”首句即写“第一责任人”，按条目识别）。"
    assert lines_of(result) == [37]


def test_an_item_label_ending_in_a_semicolon_is_no_label():
    result = _duty_item("压实工作责任；")
    assert result.status == "weak"
    assert result.message == "第一责任人职责情况不充分：仅在正文中提及“主要负责人”，没有单独成部分。"


def test_an_item_label_of_exactly_sixteen_characters_is_a_label():
    result = _duty_item("压实推进法治政府建设工作主体责任。")  # 16 characters before 。
    assert result.status == "pass"
    assert result.message == "符合要求（条目“一是压实推进法治政府建设工作主体”首句即写“第一责任人”，按条目识别）。"


def test_an_item_label_of_seventeen_characters_is_no_label():
    result = _duty_item("压实推进法治政府建设各项工作主体责任。")
    assert result.status == "weak"


# section: causes (analysis_min_chars: 6, generic clauses removed) --------------------------------

def _causes(text_after_problems: str):
    return result_of("002", "content.causes", (39, LAST_PROBLEM, LAST_PROBLEM + text_after_problems))


def _causes_in_paragraphs(*paragraphs: str):
    """Seed 002's shortcomings with paragraphs after the problems (lines 40, 42…: the lines after
    them move down)."""
    return evaluate_seed("002", edited("002", (39, LAST_PROBLEM, LAST_PROBLEM + "".join(f"\n\n{p}" for p in paragraphs))))["content.causes"]


def test_causes_with_exactly_six_characters_of_analysis_pass():
    result = _causes("主要原因是基层人手不足。")
    assert result.status == "pass" and result.message == "符合要求（“原因”）。" and lines_of(result) == [39]


def test_causes_with_five_characters_of_analysis_are_weak():
    result = _causes("主要原因是基层人手少。")
    assert result.status == "weak"
    assert result.message == "原因分析不充分：只有笼统的原因“基层人手少”，没有联系所列问题分析。"
    assert lines_of(result) == [39]


def test_every_occurrence_of_a_generic_clause_is_removed():
    result = _causes("主要原因是思想认识不到位、思想重视不够。")
    assert result.status == "weak"
    assert result.message == "原因分析不充分：只有笼统的原因“思想认识不到位、思想重视不够”，没有联系所列问题分析。"


def test_causes_after_a_colon_run_to_the_end_of_the_paragraph():
    result = _causes("主要原因：一是思想认识不到位。二是基层信访干部仅有3名，难以覆盖全部乡镇。")
    assert result.status == "pass" and result.message == "符合要求（“原因”）。"


def test_the_first_substantive_cause_in_the_text_is_named_not_the_first_marker_of_the_list():
    result = _causes("由于基层信访干部仅有3名，疑难案件化解力量不足。其原因还在于部分群众法律意识淡薄，习惯以访施压。")
    assert result.status == "pass" and result.message == "符合要求（“由于”）。" and lines_of(result) == [39]


def test_the_first_shallow_cause_in_the_text_is_quoted():
    result = _causes("由于思想认识不到位。原因是重视不够。")
    assert result.status == "weak"
    assert result.message == "原因分析不充分：只有笼统的原因“思想认识不到位”，没有联系所列问题分析。"


def test_a_bare_cause_label_ending_the_only_paragraph_quotes_the_paragraph():
    result = _causes("究其原因，")
    assert result.status == "weak"
    assert result.message == f"原因分析不充分：只有“{PROBLEMS_002}究其原因，”这样的标签，后面没有分析。"
    assert lines_of(result) == [39]


def test_one_character_after_a_final_cause_marker_is_a_label_two_are_a_generic_clause():
    one = _causes("存在问题的原因有")
    assert one.status == "weak" and one.message == "原因分析不充分：只有“有”这样的标签，后面没有分析。"
    two = _causes("原因分析")
    assert two.status == "weak" and two.message == "原因分析不充分：只有笼统的原因“分析”，没有联系所列问题分析。"


def test_a_label_line_of_four_characters_after_the_marker_is_read_with_the_next_paragraph():
    result = _causes_in_paragraphs("出现这些问题的原因是多方面的", "一是基层信访干部仅有3名，难以覆盖全部乡镇。")
    assert result.status == "pass" and result.message == "符合要求（“原因”）。" and lines_of(result) == [41]


def test_a_line_of_five_characters_after_the_marker_is_its_own_analysis():
    result = _causes_in_paragraphs("主要原因：执法力量弱", "一是基层信访干部仅有3名，难以覆盖全部乡镇。")
    assert result.status == "weak"
    assert result.message == "原因分析不充分：只有笼统的原因“执法力量弱”，没有联系所列问题分析。"
    assert lines_of(result) == [41]


def test_a_label_line_is_read_with_the_next_paragraph_only_and_quoted_when_that_is_generic():
    result = _causes_in_paragraphs("出现这些问题的原因是多方面的", "一是思想认识不到位。",
                                   "二是基层信访干部仅有3名，难以覆盖全部乡镇。")
    assert result.status == "weak"
    assert result.message == "原因分析不充分：只有笼统的原因“出现这些问题的原因是多方面的”，没有联系所列问题分析。"
    assert lines_of(result) == [41]


def test_causes_missing_point_at_the_first_shortcomings_part():
    results = evaluate_seed("002", edited("002", (41, "四、下一步工作措施", "四、存在的短板和下一步工作措施")))
    assert lines_of(results["content.shortcomings"]) == [37, 41]
    causes = results["content.causes"]
    assert causes.status == "missing" and causes.message == "只列出了问题，没有分析产生问题的原因。"
    assert lines_of(causes) == [37]


# section: the defaults a rule author relies on ----------------------------------------------------

def test_a_fallback_without_a_status_passes():
    result = with_options("content.measures", seed_text("002"), drop=("fallback.status",))
    assert result.status == "pass" and result.message == "符合要求（按位置识别，标题未点明该项）。"


def test_an_inline_mention_without_a_status_is_weak():
    text = edited("002", NO_HEADING, (39, "一是依法分类", "同时，工作中还存在一些不足：一是依法分类"))
    result = with_options("content.shortcomings", text, drop=("inline.status",))
    assert result.status == "weak" and lines_of(result) == [39]


def test_nested_markers_without_analysis_pass_on_a_marker_and_are_weak_on_a_promising_heading():
    def causes(text):
        return with_options("content.causes", text, drop=("analysis_min_chars", "generic"))

    found = causes(edited("002", (39, LAST_PROBLEM, LAST_PROBLEM + "主要原因是思想认识不到位。")))
    assert found.status == "pass" and found.message == "符合要求（“原因”）。" and lines_of(found) == [39]
    promised = causes(edited("002", (37, "三、存在问题", "三、存在问题及原因")))
    assert promised.status == "weak" and promised.message == "原因分析不充分：标题“三、存在问题及原因”。"
    assert lines_of(promised) == [37]
    neither = causes(seed_text("002"))
    assert neither.status == "missing" and lines_of(neither) == [37]


def test_subsection_leads_of_two_sentences_find_the_duty_with_particulars_in_the_second():
    # Seed 004's (五): the leader's duty is its body's second sentence; with particulars it makes
    # the subsection the responsible-person part, with `sentences: 2` as with the pack's 3.
    text = edited("004", (37, "带头抓好法治建设各项工作。", "带头抓好法治建设各项工作，全年主持专题会议研究法治建设5次。"))
    assert evaluate_seed("004", text)["content.responsible-person"].status == "pass"
    leads = {**options_of("content.responsible-person")["subsection_leads"], "sentences": 2}
    result = with_options("content.responsible-person", text, subsection_leads=leads)
    assert result.status == "pass"
    assert result.message == "符合要求（小节“(五)压实工作责任，健全监督考核保障机”开头即写“第一责任人”及具体事项，按小节识别）。"
    assert lines_of(result) == [37]


# substance, evidence: a claim of success needs a figure 150 characters before it or 300 after ----

def _evidence(*edits):
    return result_of("002", "data.evidence", *edits)


CLAIM_MISSED = "成效缺少数据支撑：“取得明显成效”附近没有任何数据或实例。"


def test_a_figure_exactly_150_characters_before_a_claim_supports_it():
    # Seed 002's line 23 claims 取得明显成效 with no figure near: one 144 characters before the
    # claim's start, plus the 6 characters "12件已办结" before the claim's clause, is 150.
    assert _evidence((23, "的应选项。", "的应选项，全年分类处理信访诉求12件已办结。")).status == "pass"


def test_a_figure_151_characters_before_a_claim_does_not_support_it():
    result = _evidence((23, "的应选项。", "的应选项，全年分类处理信访诉求12件均已办结。"))
    assert result.status == "weak" and result.message == CLAIM_MISSED and lines_of(result) == [23]


EARLY_CLAIM = ((23, "采取积极措施，取得明显成效。", "采取积极措施。"),
               (23, "一是规范信访业务工作。", "一是规范信访业务工作，取得明显成效。"))


def test_a_figure_exactly_300_characters_after_a_claim_supports_it():
    assert _evidence(*EARLY_CLAIM, (23, "的边界，", "的边界，全年引导群众通过法定途径依法处理12件，")).status == "pass"


def test_a_figure_301_characters_after_a_claim_does_not_support_it():
    result = _evidence(*EARLY_CLAIM, (23, "的边界，", "的边界，全年引导信访人通过法定途径依法处理12件，"))
    assert result.status == "weak" and result.message == CLAIM_MISSED and lines_of(result) == [23]


# substance, specificity: an item is stock-only below 5 characters of object (min_object_chars) --

def _specific(*edits):
    return result_of("002", "content.shortcomings-specific", *edits)


def test_an_item_with_five_characters_of_object_is_specific():
    result = _specific((39, PROBLEMS_002, "一是执法规范化有待进一步加强。二是工作中还存在一些不足。三是重大疑难信访案件化解成效还不够明显。"))
    assert result.status == "pass"


def test_an_item_with_four_characters_of_object_is_stock_only():
    result = _specific((39, PROBLEMS_002, "一是执法规范有待进一步加强。二是工作中还存在一些不足。三是重大疑难信访案件化解成效还不够明显。"))
    assert result.status == "weak" and result.severity == "warning"
    assert result.message == ("存在的不足写得不具体：2/3 条只是套话，没有具体对象，如“一是执法规范有待进一步加强”；"
                              "“二是工作中还存在一些不足”。")
    assert lines_of(result) == [39]


def test_the_message_quotes_three_stock_items():
    result = _specific((39, PROBLEMS_002, "一是工作中还存在一些不足。二是与上级要求相比仍存在一定差距。三是有待进一步提高。"))
    assert result.message == ("存在的不足写得不具体：3/3 条只是套话，没有具体对象，如“一是工作中还存在一些不足”；"
                              "“二是与上级要求相比仍存在一定差距”；“三是有待进一步提高”。")


def test_a_cause_inside_an_item_does_not_skip_the_item():
    # only an item that opens with a cause (究其原因…) is skipped: this one still counts, 1/2
    result = _specific((39, PROBLEMS_002, "一是工作中还存在一些不足。二是基层信访干部业务不熟，原因是人员更换频繁。"))
    assert result.status == "weak"
    assert result.message == "存在的不足写得不具体：1/2 条只是套话，没有具体对象，如“一是工作中还存在一些不足”。"


def test_a_shortcomings_part_holding_only_a_cause_has_nothing_to_judge():
    result = _specific((39, PROBLEMS_002, "究其原因，主要是基层信访干部仅有3名，疑难案件化解力量不足，部分群众法律意识淡薄，习惯以访施压。"))
    assert result.status == "n/a"


def test_half_of_the_items_reporting_achievements_is_enough_for_the_note():
    result = _specific((39, PROBLEMS_002, "一是全年办结信访事项1971件，按期办结率达到100%。二是基层信访干部更换频繁，业务不熟。"))
    assert result.status == "weak" and result.severity == "info"
    assert result.message == "存在的不足写得不具体：1/2 条写的是成绩而不是不足。"
    assert lines_of(result) == [39]


def test_the_achievement_note_points_at_the_first_achievement():
    result = _specific((39, PROBLEMS_002, "一是全年办结信访事项1971件，按期办结率达到100%。二是基层信访干部更换频繁，业务不熟。"),
                       (40, "", "三是圆满完成全国两会期间信访维稳工作。"))
    assert result.message == "存在的不足写得不具体：2/3 条写的是成绩而不是不足。" and lines_of(result) == [39]


# substance, boilerplate: stock phrases per 1,000 characters above 12 (max_density) --------------

SLOGANS_8 = ("扎实推进依法行政，扎实推进信访改革，扎实推进源头治理，扎实推进积案化解，扎实推进阳光信访，扎实推进规范办理，"
             "认真落实工作责任，认真落实上级部署，认真落实领导包案，认真落实督查督办，认真落实首办责任，不断完善工作机制，"
             "不断完善制度体系，不断完善考核办法，不断完善联动机制，持续推进法治宣传，持续推进矛盾调处，不断增强法治观念。")
SLOGANS_9 = "高度重视法治建设，高度重视队伍建设，高度重视群众诉求。"


def _boilerplate(*edits):
    # Seed 001's measures with 21 stock phrases (6, 5, 4, 3, 2 and 1 of six kinds) in 1,750 characters
    return result_of("001", "content.boilerplate", (8, "用“责任担当”破题、用“双向规范”夯基、", ""),
                     (8, "围绕信访工作法治化主线，", "围绕信访工作法治化主线，" + SLOGANS_8),
                     (9, "（一）责任落实有力有效。", "（一）责任落实有力有效。" + SLOGANS_9), *edits)


def test_boilerplate_of_exactly_twelve_per_thousand_passes():
    assert _boilerplate().status == "pass"  # 21 in 1,750 characters: 12.0


def test_boilerplate_just_above_twelve_per_thousand_is_shown_rounded_up_and_noted():
    result = _boilerplate((8, "信访生态持续向好", "信访生态向好"))  # 21 in 1,748: 12.01
    assert result.status == "weak" and result.severity == "info"
    assert result.message == "套话较多：每千字 12.1 处套话，如“扎实推进”、“认真落实”、“不断完善”、“高度重视”、“持续推进”。"
    assert lines_of(result) == [9]  # the first phrase of the rule's list that is found: 高度重视


# coverage: each shortcoming item's topics are looked for in the plan -----------------------------

def _coverage(prefix: str, *edits):
    return result_of(prefix, "content.plan-addresses-shortcomings", *edits)


def test_an_unaddressed_item_is_named_by_its_first_sixteen_characters():
    result = _coverage("002", (39, LAST_PROBLEM, LAST_PROBLEM + "四是行政复议应诉能力不强，败诉案件较上年增多。"))
    assert result.status == "weak" and result.severity == "warning"
    assert result.message == "下一年度安排没有回应这些不足：“四是行政复议应诉能力不强，败诉案”（行政复议）。"
    assert lines_of(result) == [39]


def test_only_a_numeral_before_是_starts_an_item():
    result = _coverage("002", (39, LAST_PROBLEM, LAST_PROBLEM + "四是统一受理平台运行不畅。"))  # 统一 starts none
    assert result.message == "下一年度安排没有回应这些不足：“四是统一受理平台运行不畅。”（受理）。"


def test_two_numbered_items_are_items_whatever_their_sentences():
    result = _coverage("002", (39, PROBLEMS_002, "一是行政复议应诉能力不强。败诉案件较上年增多。二是信访秩序有待进一步规范。"))
    assert result.message == "下一年度安排没有回应这些不足：“一是行政复议应诉能力不强。败诉案”（行政复议）。"


def test_without_numbered_items_each_sentence_is_an_item_on_its_own_line():
    text = edited("002", (39, PROBLEMS_002, "行政复议应诉能力不强。\n\n信访秩序有待进一步规范。法律顾问作用发挥不够。"))
    result = evaluate_seed("002", text)["content.plan-addresses-shortcomings"]
    assert result.message == "下一年度安排没有回应这些不足：“行政复议应诉能力不强。”（行政复议）；“法律顾问作用发挥不够。”（法律顾问）。"
    assert lines_of(result) == [39, 41]


def test_shortcomings_without_a_topic_word_are_not_judged():
    result = _coverage("002", (39, PROBLEMS_002, "个别同志作风不实，工作标准不高，主动服务意识不强，遇到难题推诿扯皮的现象仍有发生，离上级要求和人民期待还有差距。"))
    assert result.status == "n/a"
    assert result.message == "缺少“存在的不足”或“下一年度安排”部分，或不足中没有可识别的主题词。"


def test_a_topic_named_in_the_plan_heading_is_addressed():
    result = _coverage("002", (39, LAST_PROBLEM, LAST_PROBLEM + "四是行政复议应诉能力不强。"),
                       (41, "四、下一步工作措施", "四、下一步行政复议和信访工作措施"))
    assert result.status == "pass"


def test_a_subsection_heading_gives_its_item_topics():
    line_24 = seed_text("001").split("\n")[23]
    result = _coverage("001", (24, line_24, "（三）行政复议应诉能力不强。个别同志作风不实，工作标准不高。"))
    assert result.message == ("下一年度安排没有回应这些不足：“复核复查导入不畅”（复查、信访群众、复查复核）；"
                              "“行政复议应诉能力不强”（行政复议）。")
    assert lines_of(result) == [22, 24]


def test_coverage_without_a_status_is_weak():
    result = with_options("content.plan-addresses-shortcomings", seed_text("001"), drop=("status",))
    assert result.status == "weak" and lines_of(result) == [22]
