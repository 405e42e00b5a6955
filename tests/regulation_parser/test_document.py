"""Tests of the pure-Python parser for the Markdown law texts shipped in portal/data/regulations."""

from datetime import date
from pathlib import Path

import pytest

from portal.regulation_parser import (
    ParsedRegulation,
    chinese_numeral_to_int,
    infer_level,
    normalise_heading,
    normalise_issuing_body,
    parse_regulation,
    parse_regulation_file,
)

DATA_DIR = Path(__file__).resolve().parents[2] / "portal" / "data" / "regulations"
FILES = sorted(DATA_DIR.glob("*.md"))

# stem -> (articles, chapters, promulgated_on, effective_on, issuing_body, level)
EXPECTED = {
    "上海市产品质量条例(2012-04-19)": (50, 6, None, None, None, "地方性法规"),
    "产品质量法(2018-12-29)": (
        74,
        6,
        date(1993, 2, 22),
        None,
        "全国人民代表大会常务委员会",
        "法律",
    ),
    "产品质量监督试行办法(2011-01-08)": (18, 0, date(1985, 3, 7), None, "国家标准局", "部门规章"),
    "家用汽车产品修理更换退货责任规定(2021-07-22)": (
        42,
        6,
        date(2021, 7, 22),
        date(2022, 1, 1),
        "国家市场监督管理总局",
        "部门规章",
    ),
    "山东省实施《产品质量法》办法(2015-07-24)": (
        37,
        5,
        date(2001, 8, 18),
        None,
        "山东省人民代表大会常务委员会",
        "地方性法规",
    ),
    "工业产品生产许可证管理条例(2023-07-20)": (70, 7, date(2005, 7, 9), None, "国务院", "行政法规"),
    "工业产品质量责任条例(1986-04-05)": (
        31,
        8,
        date(1986, 4, 5),
        date(1986, 7, 1),
        "国务院",
        "行政法规",
    ),
    "标准化法(2017-11-04)": (45, 6, date(1988, 12, 29), None, "全国人民代表大会常务委员会", "法律"),
    "河南省产品质量监督管理条例(2012-11-29)": (
        41,
        5,
        date(2003, 5, 29),
        None,
        "河南省人民代表大会常务委员会",
        "地方性法规",
    ),
    "浙江省产品质量监督条例(2009-11-27)": (
        44,
        5,
        date(2005, 9, 30),
        None,
        "浙江省人民代表大会常务委员会",
        "地方性法规",
    ),
    "消费者权益保护法(2013-10-25)": (
        63,
        8,
        date(1993, 10, 31),
        None,
        "全国人民代表大会常务委员会",
        "法律",
    ),
    "特种设备安全法(2013-06-29)": (
        101,
        7,
        date(2013, 6, 29),
        None,
        "全国人民代表大会常务委员会",
        "法律",
    ),
    "缺陷汽车产品召回管理条例(2019-03-02)": (29, 0, date(2012, 10, 22), None, "国务院", "行政法规"),
    "计量法(2018-10-26)": (34, 6, date(1985, 9, 6), None, "全国人民代表大会常务委员会", "法律"),
    "认证认可条例(2023-07-20)": (77, 7, date(2003, 9, 3), None, "国务院", "行政法规"),
    "重庆市产品质量条例(2014-08-01)": (
        53,
        5,
        date(2014, 8, 1),
        None,
        "重庆市人民代表大会常务委员会",
        "地方性法规",
    ),
}


def _parse(stem: str) -> ParsedRegulation:
    """Parse one shipped file by its stem."""
    return parse_regulation_file(DATA_DIR / f"{stem}.md")


# --- Chinese numerals -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("一", 1),
        ("两", 2),
        ("九", 9),
        ("十", 10),
        ("十二", 12),
        ("二十", 20),
        ("三十五", 35),
        ("九十九", 99),
        ("一百", 100),
        ("一百零一", 101),
        ("一百零三", 103),
        ("一百一十", 110),
        ("两百", 200),
        ("一千零一十", 1010),
        ("一千一百", 1100),
        ("零", 0),
        ("〇", 0),
        (" 七十四 ", 74),
    ],
)
def test_chinese_numeral_to_int(text, expected):
    """Chinese numerals used in article labels convert to ints."""
    assert chinese_numeral_to_int(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "abc",
        "12",
        "第一",
        "一一",
        "十十",
        "百",
        "十百",
        "一百零",
        "零一",
        "〇〇",
        "一千一十",
    ],
)
def test_chinese_numeral_to_int_rejects_garbage(text):
    """Malformed or non-numeral text raises ValueError."""
    with pytest.raises(ValueError, match="Chinese numeral"):
        chinese_numeral_to_int(text)


# --- All shipped files ------------------------------------------------------------------------


def test_all_sixteen_files_are_present():
    """The shipped data directory holds exactly the sixteen expected files."""
    assert {path.stem for path in FILES} == set(EXPECTED)


@pytest.mark.parametrize("path", FILES, ids=[path.stem for path in FILES])
def test_every_file_parses_with_consecutive_articles(path):
    """Each file parses and its articles are numbered 1..N without gaps."""
    parsed = parse_regulation_file(path)
    numbers = [article.number for article in parsed.articles]
    assert numbers == list(range(1, len(numbers) + 1))
    assert all(a < b for a, b in zip(numbers, numbers[1:], strict=False))
    assert all(article.text for article in parsed.articles)
    assert all(not article.text.startswith(("第", " ", "\u3000")) for article in parsed.articles)
    assert parsed.source_name == path.stem
    assert parsed.version_on.isoformat() in path.stem


@pytest.mark.parametrize("path", FILES, ids=[path.stem for path in FILES])
def test_every_file_matches_expected_metadata(path):
    """Counts, dates, issuing body and level match the table for each file."""
    parsed = parse_regulation_file(path)
    articles, chapters, promulgated, effective, body, level = EXPECTED[path.stem]
    assert len(parsed.articles) == articles
    assert len(parsed.chapters) == chapters
    assert parsed.promulgated_on == promulgated
    assert parsed.effective_on == effective
    assert parsed.issuing_body == body
    assert infer_level(parsed) == level


@pytest.mark.parametrize("path", FILES, ids=[path.stem for path in FILES])
def test_headings_and_history_are_clean(path):
    """Headings use one plain space and history lines carry no stray marks."""
    parsed = parse_regulation_file(path)
    for heading in parsed.chapters + [a.section for a in parsed.articles if a.section]:
        assert "\u3000" not in heading
        assert "  " not in heading
        assert heading.count(" ") == 1
    for line in parsed.history:
        assert line.text == line.text.strip()
        assert not line.text.endswith(("）", ")", "\u3000"))
        assert not any(mark in line.text for mark in "＜＞<>")
    assert [line.on for line in parsed.history] == sorted(line.on for line in parsed.history)


# --- Specific files ---------------------------------------------------------------------------


def test_product_quality_law_articles_and_chapters():
    """第二十条 of the Product Quality Law is number 20 in chapter two."""
    parsed = _parse("产品质量法(2018-12-29)")
    assert parsed.title == "中华人民共和国产品质量法"
    assert parsed.version_on == date(2018, 12, 29)
    article = parsed.articles[19]
    assert (article.number, article.label) == (20, "第二十条")
    assert article.chapter == "第二章 产品质量的监督"
    assert article.section is None
    assert article.text.startswith("从事产品质量检验、认证的社会中介机构必须依法设立")
    assert parsed.chapters[2] == "第三章 生产者、销售者的产品质量责任和义务"


def test_sections_are_attached_and_reset_by_chapters():
    """Articles carry their ### section, which ends at the next chapter."""
    parsed = _parse("产品质量法(2018-12-29)")
    by_number = {article.number: article for article in parsed.articles}
    assert by_number[26].chapter == "第三章 生产者、销售者的产品质量责任和义务"
    assert by_number[26].section == "第一节 生产者的产品质量责任和义务"
    assert by_number[33].section == "第二节 销售者的产品质量责任和义务"
    assert by_number[40].chapter == "第四章 损害赔偿"
    assert by_number[40].section is None


def test_multi_paragraph_article_keeps_all_paragraphs():
    """Every paragraph and numbered item of an article is kept in order."""
    parsed = _parse("产品质量法(2018-12-29)")
    second = parsed.articles[1].text.split("\n")
    assert second == [
        "在中华人民共和国境内从事产品生产、销售活动，必须遵守本法。",
        "本法所称产品是指经过加工、制作，用于销售的产品。",
        "建设工程不适用本法规定；但是，建设工程使用的建筑材料、建筑构配件和设备，"
        "属于前款规定的产品范围的，适用本法规定。",
    ]
    items = parsed.articles[25].text.split("\n")
    assert len(items) == 5
    assert items[2].startswith("（一）")
    assert items[4].startswith("（三）")


def test_numbered_items_with_ascii_brackets_stay_in_article():
    """Items written (一) with ASCII brackets stay in their article."""
    parsed = _parse("产品质量监督试行办法(2011-01-08)")
    paragraphs = parsed.articles[1].text.split("\n")
    assert len(paragraphs) == 6
    assert [p[:3] for p in paragraphs[1:]] == ["(一)", "(二)", "(三)", "(四)", "(五)"]
    assert parsed.chapters == []
    assert {article.chapter for article in parsed.articles} == {None}


def test_trial_measures_history_keeps_approval_and_publication():
    """Both the approval and the publication lines are kept."""
    parsed = _parse("产品质量监督试行办法(2011-01-08)")
    assert [(line.on, line.text) for line in parsed.history] == [
        (date(1985, 3, 7), "国务院批准"),
        (date(1985, 3, 15), "国家标准局发布"),
    ]


def test_production_licence_history_has_no_stray_bracket():
    """The unmatched closing ） at the end of a history line is removed."""
    parsed = _parse("工业产品生产许可证管理条例(2023-07-20)")
    assert parsed.title == "中华人民共和国工业产品生产许可证管理条例"
    assert parsed.history[-1].on == date(2023, 7, 20)
    assert parsed.history[-1].text == "《国务院关于修改和废止部分行政法规的决定》修订"
    assert parsed.document_number == "国务院令第440号"
    assert parsed.chapters[0] == "第一章 总则"


def test_certification_history_strips_full_width_spaces_and_bracket():
    """Trailing U+3000 and a stray ） are stripped from history lines."""
    parsed = _parse("认证认可条例(2023-07-20)")
    assert [line.text for line in parsed.history[1:]] == [
        "《国务院关于修改部分行政法规的决定》第一次修订",
        "《国务院关于修改和废止部分行政法规的决定》第二次修订",
        "《国务院关于修改和废止部分行政法规的决定》第三次修订",
    ]
    assert parsed.chapters[2:4] == ["第三章 认证", "第四章 认可"]


def test_shandong_title_keeps_book_title_marks():
    """The title keeps its 《》 marks, from the first line not the file name."""
    parsed = _parse("山东省实施《产品质量法》办法(2015-07-24)")
    assert parsed.title == "山东省实施《中华人民共和国产品质量法》办法"
    assert parsed.source_name == "山东省实施《产品质量法》办法(2015-07-24)"
    assert parsed.version_on == date(2015, 7, 24)
    assert parsed.chapters[0] == "第一章 总则"


def test_zhejiang_history_uses_proper_book_title_marks():
    """＜＞ used as inner book-title marks become 〈〉."""
    parsed = _parse("浙江省产品质量监督条例(2009-11-27)")
    assert "《关于修改〈浙江省产品质量监督条例〉的决定》修正" in parsed.history[-1].text
    assert parsed.chapters[0] == "第一章 总则"


def test_metrology_law_joins_a_broken_history_line():
    """An undated header line continues the dated line before it."""
    parsed = _parse("计量法(2018-10-26)")
    assert len(parsed.history) == 6
    fourth = parsed.history[4]
    assert fourth.on == date(2017, 12, 27)
    assert fourth.text.endswith("〈中华人民共和国计量法〉的决定》第四次修正")


def test_product_quality_law_history_splits_merged_amendments():
    """Two amendments merged on one line with 根据 become two entries."""
    parsed = _parse("产品质量法(2018-12-29)")
    assert [line.on for line in parsed.history] == [
        date(1993, 2, 22),
        date(2000, 7, 8),
        date(2009, 8, 27),
        date(2018, 12, 29),
    ]
    assert parsed.history[1].text.endswith("第一次修正")
    assert parsed.history[2].text.startswith("第十一届全国人民代表大会常务委员会第十次会议")


def test_shanghai_regulation_has_no_header():
    """A file without date lines has no history, dates or issuing body."""
    parsed = _parse("上海市产品质量条例(2012-04-19)")
    assert parsed.history == []
    assert parsed.promulgated_on is None
    assert parsed.issuing_body is None
    assert len(parsed.articles) == 50
    assert parsed.chapters[0] == "第一章 总则"
    assert infer_level(parsed) == "地方性法规"


def test_special_equipment_law_goes_past_one_hundred():
    """Labels beyond one hundred (第一百零一条) parse correctly."""
    parsed = _parse("特种设备安全法(2013-06-29)")
    assert [a.label for a in parsed.articles[99:]] == ["第一百条", "第一百零一条"]
    assert parsed.articles[-1].number == 101
    assert {a.section for a in parsed.articles if a.section} == {
        "第一节 一般规定",
        "第二节 生产",
        "第三节 经营",
        "第四节 使用",
    }


def test_household_car_rules_document_number_and_dates():
    """The decree number and the 施行 date are read from the header."""
    parsed = _parse("家用汽车产品修理更换退货责任规定(2021-07-22)")
    assert parsed.document_number == "国家市场监督管理总局令第43号"
    assert parsed.effective_on == date(2022, 1, 1)
    assert parsed.chapters[-1] == "第六章 附则"


# --- Synthetic texts --------------------------------------------------------------------------

SYNTHETIC = """\ufeff# 某某市产品质量条例\r
\r
2001年1月2日 某某市第一届人民代表大会常务委员会第二次会议通过\u3000\r
2001年3月1日 施行\r
\r
<!-- INFO END -->\r
\r
## 第一章\u3000总 则\r
\r
第一条\u3000为了测试，制定本条例。\r
\r
第二条本条例适用于本市。\r
\r
第一条规定的情形除外。\r
\r
### 第一节  一般规定\r
\r
第三条 附则。\r
"""


def test_synthetic_text_with_odd_separators():
    """BOM, CRLF, U+3000 separators and cross-reference paragraphs are handled."""
    parsed = parse_regulation(SYNTHETIC, "某某市产品质量条例(2001-01-02)")
    assert parsed.title == "某某市产品质量条例"
    assert parsed.effective_on == date(2001, 3, 1)
    assert parsed.issuing_body == "某某市人民代表大会常务委员会"
    assert [a.text for a in parsed.articles] == [
        "为了测试，制定本条例。",
        "本条例适用于本市。\n第一条规定的情形除外。",
        "附则。",
    ]
    assert parsed.articles[2].section == "第一节 一般规定"
    assert parsed.chapters == ["第一章 总则"]
    assert infer_level(parsed) == "地方性法规"


def test_header_without_marker_and_version_from_history():
    """Without INFO END the dated lines form the header."""
    text = (
        "# 中华人民共和国测试法\n\n"
        "2020年5月6日 第十三届全国人民代表大会常务委员会会议通过\n\n"
        "第一条 内容。\n"
    )
    parsed = parse_regulation(text, "测试法")
    assert parsed.version_on == date(2020, 5, 6)
    assert parsed.promulgated_on == date(2020, 5, 6)
    assert [a.number for a in parsed.articles] == [1]
    assert infer_level(parsed) == "法律"


@pytest.mark.parametrize(
    "text",
    [
        "no title\n",
        "# 标题\n\n<!-- INFO END -->\n\n序言不属于任何条。\n",
        "# 标题\n\n<!-- INFO END -->\n\n第二条 甲。\n\n第一条 乙。\n",
        "# 标题\n\n没有日期的说明\n<!-- INFO END -->\n\n第一条 甲。\n",
    ],
)
def test_malformed_texts_raise(text):
    """Texts that break the format raise ValueError instead of losing content."""
    with pytest.raises(ValueError, match=r"."):
        parse_regulation(text, "标题(2020-01-01)")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("第七届全国人民代表大会常务委员会第三十次会议通过", "全国人民代表大会常务委员会"),
        ("山东省第九届人民代表大会常务委员会第二十二次会议通过", "山东省人民代表大会常务委员会"),
        ("中华人民共和国国务院令第440号公布", "国务院"),
        ("国家市场监督管理总局令第43号公布", "国家市场监督管理总局"),
        ("国家标准局发布", "国家标准局"),
        ("国务院批准", "国务院"),
        ("施行", None),
    ],
)
def test_normalise_issuing_body(line, expected):
    """History lines reduce to a readable issuing body."""
    assert normalise_issuing_body(line) == expected


@pytest.mark.parametrize(
    ("heading", "expected"),
    [
        ("第一章\u3000总则", "第一章 总则"),
        ("第一章  总则", "第一章 总则"),
        ("第七章 附 则", "第七章 附则"),
        ("第二章 生产、经营、使用", "第二章 生产、经营、使用"),
        ("第一节 一般规定", "第一节 一般规定"),
        ("附件", "附件"),
    ],
)
def test_normalise_heading(heading, expected):
    """Headings are normalised to number, one space, compact name."""
    assert normalise_heading(heading) == expected
