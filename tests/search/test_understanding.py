"""Query understanding shared by both backends: article references, sounds, codes, pinyin."""

import pytest

from portal.search import articles, spelling
from portal.search.analysis import index_tokens, query_tokens
from portal.search.highlight import marked, snippet
from portal.search.querying import parse_query


@pytest.mark.parametrize(
    "query", ["第26条", "26条", "第二十六条", "二十六条", "art. 26", "Art 26", "第二十六條"]
)
def test_article_references_resolve_to_the_number(query):
    reference = articles.parse_reference(query)
    assert reference.number == 26
    assert reference.label == "第二十六条"
    assert reference.name == ""


def test_regulation_name_is_what_remains():
    assert articles.parse_reference("产品质量法 第26条").name == "产品质量法"
    assert articles.parse_reference("《质量法》26条").name == "质量法"
    assert articles.parse_reference("电线电缆 不合格") is None


@pytest.mark.parametrize(
    ("number", "label"), [(1, "一"), (10, "十"), (15, "十五"), (40, "四十"), (105, "一百零五")]
)
def test_chinese_numbers_both_ways(number, label):
    assert articles.chinese_number(number) == label
    assert articles.parse_chinese_number(label) == number


@pytest.fixture
def vocab():
    """A small vocabulary: two categories and a test item."""
    words = ("电线电缆", "插头插座", "电热毯", "导体电阻", "电动自行车")
    return spelling.vocabulary(words, frozenset(words[:3]))


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("电线电揽", "电线电缆"),  # same sound
        ("电线电难", "电线电缆"),  # n/l
        ("插头插桌", "插头插座"),  # zh/z
        ("电热汤", "电热毯"),  # -ng/-n
        ("电动自型车", "电动自行车"),
    ],
)
def test_words_typed_by_sound_are_corrected(vocab, typed, meant):
    assert spelling.correct_word(typed, vocab) == meant


def test_known_and_unrelated_words_are_left_alone(vocab):
    assert spelling.correct_word("电线电缆", vocab) is None
    assert spelling.correct_word("阻燃性能", vocab) is None


@pytest.mark.parametrize("typed", ["dianxain", "dianxian", "dianxiandainlan"])
def test_pinyin_typos_are_corrected_by_edit_distance(vocab, typed):
    assert spelling.correct_pinyin(typed, vocab) == "电线电缆"


def test_pinyin_with_or_without_spaces_is_one_word():
    spaced, joined = parse_query("dian xian dian lan"), parse_query("dianxiandianlan")
    assert spaced.cache_key == joined.cache_key
    assert spaced.must[0].pinyin == "dianxiandianlan"


def test_codes_are_whole_tokens_and_parts():
    words = {
        word for position in index_tokens("B240130-09；SRIBS2024-03081-0068") for word in position
    }
    assert {"b24013009", "b240130", "240130", "09", "sribs2024030810068", "03081"} <= words
    assert query_tokens("B240130-09") == query_tokens("b24013009") == ["b24013009"]


def test_a_model_number_typed_with_spaces_also_matches_joined():
    clause = parse_query("TDT 255Z").must[0]
    assert clause.tokens == ["tdt255z"]
    assert clause.alternatives == [["tdt", "255z"]]
    assert parse_query("TDT-255Z").must[0].tokens == ["tdt255z"]


def test_snippets_never_start_or_end_inside_a_number():
    text = "一" * 50 + "，抽查时间为2025年3月至5月，发现导体电阻不合格。" + "二" * 200
    shown = str(snippet(text, ["导体电阻"]))
    assert "2025年" in shown
    assert not shown.startswith(("…0", "…25"))
    assert shown.split("…")[1].startswith("抽查时间")
    assert (
        str(snippet("说明" * 40 + "编号 SRIBS2024-03081-0068 的产品", ["产品"])).count(
            "SRIBS2024-03081-0068"
        )
        == 1
    )


def test_short_fields_are_marked_whole():
    assert str(marked("导体电阻、<绝缘>", ["导体电阻"])) == "<mark>导体电阻</mark>、&lt;绝缘&gt;"
