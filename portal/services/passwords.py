"""Staff passwords: hashing with scrypt, constant-time checks and the strength rule."""

import secrets
from functools import cache

from flask import current_app
from flask_babel import gettext
from werkzeug.security import check_password_hash, generate_password_hash

from portal.errors import InvalidInputError

MAX_LENGTH = 256
COMMON_PASSWORDS = frozenset(
    {
        "123456789012",
        "1234567890123",
        "password1234",
        "passw0rd1234",
        "qwertyuiop12",
        "qwertyuiopas",
        "abcdefghijkl",
        "admin1234567",
        "administrator",
        "iloveyou1234",
        "woaini123456",
        "1qaz2wsx3edc",
        "zaq12wsxcde3",
        "1q2w3e4r5t6y",
        "a1b2c3d4e5f6",
        "abc123456789",
        "password123456",
    }
)


def hash_password(password: str) -> str:
    """Hash a password with PASSWORD_HASH_METHOD (salted; the method is stored in the hash)."""
    return generate_password_hash(password, method=current_app.config["PASSWORD_HASH_METHOD"])


@cache
def _dummy_hash(method: str) -> str:
    """A hash of a random password, checked when the account does not exist."""
    return generate_password_hash(secrets.token_urlsafe(16), method=method)


def password_matches(password_hash: str | None, password: str) -> bool:
    """Check a password in constant time; a missing account costs the same scrypt run."""
    if password_hash is None or len(password) > MAX_LENGTH:
        dummy = _dummy_hash(current_app.config["PASSWORD_HASH_METHOD"])
        check_password_hash(dummy, password[:MAX_LENGTH])
        return False
    return check_password_hash(password_hash, password)


def password_problem(password: str, username: str = "") -> str | None:
    """Why a password is too weak (in Chinese), or None when it is acceptable."""
    min_length = current_app.config["PASSWORD_MIN_LENGTH"]
    if len(password) < min_length:
        return gettext("密码至少需要 %(length)s 个字符。", length=min_length)
    if len(password) > MAX_LENGTH:
        return gettext("密码不能超过 %(length)s 个字符。", length=MAX_LENGTH)
    if password != password.strip():
        return gettext("密码首尾不能是空格。")
    if len(set(password)) < 5:
        return gettext("密码过于简单：请使用至少 5 个不同的字符。")
    lowered = password.lower()
    if lowered in COMMON_PASSWORDS or lowered.isdigit():
        return gettext("密码过于常见或只有数字，请换一个更难猜的密码。")
    if username and username.lower() in lowered:
        return gettext("密码不能包含用户名。")
    return None


def check_password_strength(password: str, username: str = "", field: str = "password") -> None:
    """Raise InvalidInputError when the password is too weak."""
    problem = password_problem(password, username)
    if problem:
        raise InvalidInputError(problem, errors={field: [problem]})
