"""Password hashing and the strength rule."""

import pytest

from portal.services.passwords import hash_password, password_matches, password_problem


@pytest.fixture(autouse=True)
def fast_hashes(app):
    """Cheap scrypt parameters for the test."""
    app.config["PASSWORD_HASH_METHOD"] = "scrypt:1024:8:1"


def test_hashes_are_salted_scrypt(app):
    first, second = hash_password("Kettle-Lamp-Orbit-42"), hash_password("Kettle-Lamp-Orbit-42")
    assert first.startswith("scrypt:1024:8:1$")
    assert first != second
    assert password_matches(first, "Kettle-Lamp-Orbit-42")
    assert not password_matches(first, "Kettle-Lamp-Orbit-43")


def test_missing_accounts_and_huge_passwords_never_match(app):
    assert not password_matches(None, "Kettle-Lamp-Orbit-42")
    stored = hash_password("x" * 256)
    assert password_matches(stored, "x" * 256)
    assert not password_matches(stored, "x" * 256 + "y")


@pytest.mark.parametrize(
    ("password", "ok"),
    [
        ("Kettle-Lamp-Orbit-42", True),
        ("质量信息公开平台后台密码", True),
        ("elevenchars", False),
        (" leading-space-pw", False),
        ("ababababababab", False),
        ("qwertyuiop12", False),
        ("x" * 257, False),
        ("contains-ZhangSan-inside", False),
    ],
)
def test_strength_rule(app, password, ok):
    assert (password_problem(password, "zhangsan") is None) is ok
