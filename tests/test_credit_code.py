"""统一社会信用代码 validation."""

import pytest

from portal.credit_code import is_valid_credit_code, normalize_credit_code, validate_credit_code
from portal.errors import InvalidCreditCodeError


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
def test_invalid_codes_raise_clear_errors(code, message):
    with pytest.raises(InvalidCreditCodeError) as excinfo:
        validate_credit_code(code)
    assert message in excinfo.value.detail
    assert excinfo.value.errors["credit_code"]


def test_normalisation_folds_full_width_and_spaces():
    assert normalize_credit_code(" ９１３３０１００７９９６５５０５８ｂ ") == "91330100799655058B"
    assert validate_credit_code("9133 0100 7996 5505 8b") == "91330100799655058B"
