"""统一社会信用代码 validation."""

import pytest

from portal.credit_code import credit_code_error, is_valid_credit_code, normalize_credit_code


@pytest.mark.parametrize("code", ["91330100799655058B", "91110000802100433B", "91440300708461136T"])
def test_real_codes_are_valid(code):
    assert is_valid_credit_code(code)


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("91330100799655058C", "校验位"),
        ("9133010079965505", "18位"),
        ("9133010079965505IB", "不允许的字符"),
        ("91ABCDEF799655058B", "不允许的字符"),
        ("", "18位"),
    ],
)
def test_invalid_codes_get_clear_errors(code, message):
    assert not is_valid_credit_code(code)
    assert message in credit_code_error(normalize_credit_code(code))


def test_normalisation_folds_full_width_and_spaces():
    assert normalize_credit_code(" ９１３３０１００７９９６５５０５８ｂ ") == "91330100799655058B"
    assert normalize_credit_code("9133 0100 7996 5505 8b") == "91330100799655058B"
    assert is_valid_credit_code("9133 0100 7996 5505 8b")
