"""Tracking numbers: format, check digit, and what a citizen may type."""

import pytest

from portal.tracking_number import (
    check_digit,
    is_valid_tracking_number,
    make_tracking_number,
    normalise_tracking_number,
)


def test_numbers_have_the_kind_year_serial_and_a_check_digit():
    number = make_tracking_number("suggestion", 2026, 123)
    assert number.startswith("JY-2026-000123-")
    assert make_tracking_number("complaint", 2026, 7).startswith("TS-2026-000007-")
    assert is_valid_tracking_number(number)


def test_every_single_digit_typo_and_adjacent_swap_is_caught():
    number = make_tracking_number("suggestion", 2026, 40517)
    digits = [i for i, char in enumerate(number) if char.isdigit()]
    for position in digits:
        for replacement in "0123456789":
            if replacement != number[position]:
                typo = number[:position] + replacement + number[position + 1 :]
                assert not is_valid_tracking_number(typo), typo
    body = "2026040517"
    swaps = [body[:i] + body[i + 1] + body[i] + body[i + 2 :] for i in range(len(body) - 1)]
    caught = sum(check_digit(s) != check_digit(body) for s in swaps if s != body)
    assert caught >= len([s for s in swaps if s != body]) - 1


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        (" jy－2026－000123－7 ", "JY-2026-000123-7"),
        ("ＪＹ—2026 000123_7", "JY-2026-000123-7"),
    ],
)
def test_typed_numbers_are_folded(typed, expected):
    assert normalise_tracking_number(typed) == expected


@pytest.mark.parametrize("bad", ["", "JY-2026-12-1", "XX-2026-000123-7", "JY-2026-000123-77"])
def test_malformed_numbers_are_refused(bad):
    assert not is_valid_tracking_number(bad)
