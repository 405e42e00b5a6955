"""Snippet folding: the whole-text shortcut agrees with folding character by character."""

import pytest

from portal.search.highlight import folded_char_by_char, folded_with_offsets, snippet

TEXTS = [
    "电线电缆产品质量监督抽查结果公告：导体电阻不合格。",
    "LED灯具 插头插座 Model-X200",
    "監督抽查電線電纜",  # traditional: folded to simplified, one character each
    "ＬＥＤ燈 全角",  # full-width: not NFKC, folded character by character
    "İstanbul ﬁ ligature",  # lower() and NFKC change lengths
]


@pytest.mark.parametrize("text", TEXTS)
def test_shortcut_folds_like_character_by_character(text):
    assert folded_with_offsets(text) == folded_char_by_char(text)


def test_snippet_marks_traditional_and_full_width_text():
    assert "<mark>監督抽查</mark>" in snippet("2026年監督抽查結果", ["监督抽查"])
    assert "<mark>ＬＥＤ</mark>" in snippet("ＬＥＤ燈", ["led"])
