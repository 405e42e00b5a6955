"""Cell values: each date form, each result form, failed-item separators, text folding."""

from datetime import date, datetime

import pytest

from portal.importing.text import clean_text, fold_name
from portal.importing.values import CellValueError, parse_date, parse_result, split_failed_items


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (46086, date(2026, 3, 5)),
        (46086.0, date(2026, 3, 5)),
        ("46086", date(2026, 3, 5)),
        (datetime(2026, 3, 5, 0, 0), date(2026, 3, 5)),
        ("2026年3月", date(2026, 3, 1)),
        ("2026年03月05日", date(2026, 3, 5)),
        ("2026.03.05", date(2026, 3, 5)),
        ("2026-3-5", date(2026, 3, 5)),
        ("2026/03/05", date(2026, 3, 5)),
        ("20260305", date(2026, 3, 5)),
        ("2026.03", date(2026, 3, 1)),
        ("生产日期：2026-03-05", date(2026, 3, 5)),
        ("生产日期:2026.03.05", date(2026, 3, 5)),
        ("　２０２６．０３．０５\u00a0", date(2026, 3, 5)),
        ("/", None),
        (None, None),
    ],
)
def test_dates_in_every_form(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize("value", ["2026-13-05", "A20260305", "123", "明年"])
def test_text_that_is_no_date_is_reported(value):
    with pytest.raises(CellValueError, match="无法识别的日期"):
        parse_date(value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("合格", "合格"),
        ("不合格", "不合格"),
        (" 不 合 格 ", "不合格"),
        ("P", "合格"),
        ("p", "合格"),
        ("F", "不合格"),
        ("✓", "合格"),
        ("√", "合格"),
        ("×", "不合格"),
        ("Ｆ", "不合格"),
        ("不合格（标志）", "不合格"),
        ("", None),
    ],
)
def test_results_in_every_form(value, expected):
    assert parse_result(value) == expected


def test_unknown_result_is_reported():
    with pytest.raises(CellValueError, match="无法识别的抽查结果：待定"):
        parse_result("待定")


@pytest.mark.parametrize(
    "value",
    [
        "标志和说明、导体电阻、绝缘厚度",
        "标志和说明，导体电阻，绝缘厚度",
        "标志和说明,导体电阻;绝缘厚度",
        "标志和说明；导体电阻；绝缘厚度",
        "标志和说明\n导体电阻\r\n绝缘厚度",
        "1、标志和说明 2、导体电阻 3、绝缘厚度",
        "1.标志和说明；2.导体电阻；3.绝缘厚度",
        "(1)标志和说明\n(2)导体电阻\n(3)绝缘厚度、导体电阻",
    ],
)
def test_failed_items_split_on_every_separator(value):
    assert split_failed_items(value) == ["标志和说明", "导体电阻", "绝缘厚度"]


def test_failed_items_keep_numbers_inside_names():
    assert split_failed_items("2.5mm²导体电阻、温升(20℃)") == ["2.5mm²导体电阻", "温升(20℃)"]


@pytest.mark.parametrize("value", [None, "", "/", "—", "无"])
def test_no_failed_items(value):
    assert split_failed_items(value) == []


def test_text_folding():
    assert clean_text("　ＢＶ\u00a0 2.5mm²  电线 ") == "BV 2.5mm² 电线"
    assert clean_text("上海 申光\u3000电缆") == "上海申光电缆"
    assert clean_text("电\x01线\u200b\ufeff") == "电线"
    assert fold_name("上海申光电缆(集团) 有限公司") == fold_name("上海申光电缆（集团）有限公司")
