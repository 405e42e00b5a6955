"""`flask create-user`: roles, password prompt or stdin, refusals, audit row."""

import pytest
from sqlalchemy import select
from werkzeug.security import check_password_hash

from portal.extensions import db
from portal.models import AuditLog, User
from tests.admin.conftest import PASSWORD


def users() -> list[User]:
    """Every account."""
    return list(db.session.scalars(select(User)))


def test_create_user_with_prompted_password(runner):
    result = runner.invoke(
        args=["create-user", "ZhangSan", "--role", "editor", "--role", "publisher,moderator"],
        input=f"{PASSWORD}\n{PASSWORD}\n",
    )
    assert result.exit_code == 0, result.output
    assert "Created user zhangsan (editor, publisher, moderator)." in result.output
    assert PASSWORD not in result.output
    [user] = users()
    assert user.username == "zhangsan"
    assert user.display_name == "zhangsan"
    assert user.password_hash.startswith("scrypt:")
    assert check_password_hash(user.password_hash, PASSWORD)
    entry = db.session.scalars(select(AuditLog)).one()
    assert (entry.action, entry.entity_type, entry.entity_id) == ("user_create", "user", user.id)
    assert entry.user_id is None
    assert entry.details == {
        "username": "zhangsan",
        "display_name": "zhangsan",
        "roles": ["editor", "publisher", "moderator"],
    }
    assert PASSWORD not in str(entry.details)


def test_create_user_reads_stdin(runner):
    result = runner.invoke(
        args=[
            "create-user",
            "lisi",
            "--role",
            "admin",
            "--display-name",
            "李四",
            "--password-stdin",
        ],
        input=f"{PASSWORD}\n",
    )
    assert result.exit_code == 0, result.output
    [user] = users()
    assert (user.display_name, user.roles) == ("李四", ["admin"])


def test_prompt_requires_matching_passwords(runner):
    result = runner.invoke(
        args=["create-user", "lisi", "--role", "admin"],
        input=f"{PASSWORD}\nOther-password-99\n",
    )
    assert result.exit_code != 0
    assert users() == []


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("short-pw-1", "密码至少需要 12 个字符。"),
        ("aaaaaaaaaaaaaaaa", "至少 5 个不同的字符"),
        ("123456789012345", "只有数字"),
        ("password1234", "过于常见"),
        ("wangwu-secret-pass", "不能包含用户名"),
    ],
)
def test_weak_passwords_are_refused(runner, password, message):
    result = runner.invoke(
        args=["create-user", "wangwu", "--role", "editor", "--password-stdin"], input=password
    )
    assert result.exit_code == 1
    assert message in result.output
    assert users() == []
    assert db.session.scalars(select(AuditLog)).all() == []


def test_existing_username_is_refused(runner, create_user):
    create_user(username="zhaoliu")
    result = runner.invoke(
        args=["create-user", "ZhaoLiu", "--role", "editor", "--password-stdin"], input=PASSWORD
    )
    assert result.exit_code == 1
    assert "用户名 zhaoliu 已存在。" in result.output
    assert len(users()) == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["create-user", "sunqi", "--role", "boss"], "未知角色：boss"),
        (["create-user", "sunqi", "--role", ","], "至少需要一个角色"),
        (["create-user", "孙七", "--role", "editor"], "用户名须为"),
        (["create-user", "sunqi"], "Missing option '--role'"),
    ],
)
def test_bad_arguments_are_refused(runner, args, message):
    result = runner.invoke(args=[*args, "--password-stdin"], input=PASSWORD)
    assert result.exit_code != 0
    assert message in result.output
    assert users() == []
