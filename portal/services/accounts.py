"""Staff accounts: the Flask-Login user loader and the account services (create, roles, status)."""

import hmac
import re

from flask_babel import gettext
from sqlalchemy import select

from portal.errors import InvalidInputError, NotFoundError
from portal.extensions import db, login_manager
from portal.i18n import N_
from portal.models import Role, User
from portal.models.account import new_session_token
from portal.services.audit import record_action
from portal.services.passwords import check_password_strength, hash_password

USERNAME_PATTERN = re.compile(r"[a-z0-9][a-z0-9._-]{1,63}")
MAX_ID = 2**31 - 1


class AccountRuleError(InvalidInputError):
    """An account change would break a rule (self-deactivation, the last admin)."""

    status_code = 409
    title = N_("操作不允许")


@login_manager.user_loader
def load_user(session_id: str) -> User | None:
    """Flask-Login loader: the active user whose id and session token match the session."""
    user_id, _, token = session_id.partition(":")
    if not user_id.isdigit() or not 0 < int(user_id) <= MAX_ID:
        return None
    user = db.session.get(User, int(user_id))
    if user is None or not user.is_active:
        return None
    return user if hmac.compare_digest(user.session_token, token) else None


def normalise_username(username: str) -> str:
    """The stored form of a user name: trimmed and lower case."""
    return (username or "").strip().lower()


def find_user(username: str) -> User | None:
    """The account with this user name (any letter case), or None."""
    return db.session.scalar(select(User).where(User.username == normalise_username(username)))


def get_user(user_id: int) -> User:
    """The account with this id, or NotFoundError."""
    user = db.session.get(User, user_id) if 0 < user_id <= MAX_ID else None
    if user is None:
        raise NotFoundError(gettext("没有找到该账号。"))
    return user


def clean_roles(roles) -> list[str]:
    """Validate roles (a list, or comma-separated strings) into a sorted list without repeats."""
    names = {part.strip().lower() for role in roles for part in role.split(",") if part.strip()}
    unknown = sorted(names - set(Role.ALL))
    if unknown:
        message = gettext(
            "未知角色：%(unknown)s；可选：%(known)s。",
            unknown="、".join(unknown),
            known="、".join(Role.ALL),
        )
        raise InvalidInputError(message, errors={"roles": [message]})
    if not names:
        raise InvalidInputError(
            gettext("至少需要一个角色。"), errors={"roles": [gettext("至少需要一个角色。")]}
        )
    return [role for role in Role.ALL if role in names]


def check_new_username(username: str) -> None:
    """Raise InvalidInputError for a malformed or taken user name."""
    if not USERNAME_PATTERN.fullmatch(username):
        message = gettext(
            "用户名须为 2–64 个小写字母、数字、点、下划线或连字符，并以字母或数字开头。"
        )
        raise InvalidInputError(message, errors={"username": [message]})
    if find_user(username) is not None:
        message = gettext("用户名 %(username)s 已存在。", username=username)
        raise InvalidInputError(message, errors={"username": [message]})


def create_user(by, username, display_name, roles, password, remote_addr="") -> User:
    """Create a staff account (by=None from the command line) and audit it."""
    username = normalise_username(username)
    check_new_username(username)
    roles = clean_roles(roles)
    check_password_strength(password, username)
    user = User(
        username=username,
        display_name=(display_name or "").strip() or username,
        password_hash=hash_password(password),
        roles=roles,
        is_active=True,
    )
    db.session.add(user)
    db.session.flush()
    details = {"username": username, "display_name": user.display_name, "roles": roles}
    record_action(by, "user_create", ("user", user.id), details, remote_addr)
    db.session.commit()
    return user


def _active_admin_ids() -> set[int]:
    """Ids of the active admins, locking their rows where the database can."""
    users = db.session.scalars(select(User).where(User.is_active).with_for_update())
    return {user.id for user in users if Role.ADMIN in user.roles}


def _keep_an_admin(user: User) -> None:
    """Raise AccountRuleError when the user is the last active admin."""
    if _active_admin_ids() <= {user.id}:
        raise AccountRuleError(gettext("不能移除最后一位管理员：请先为另一个账号授予管理员角色。"))


def change_roles(by, user: User, roles, remote_addr="") -> User:
    """Replace a user's roles, keeping at least one active admin; audit before and after."""
    roles = clean_roles(roles)
    before = list(user.roles)
    if roles == before:
        return user
    if Role.ADMIN in before and Role.ADMIN not in roles:
        _keep_an_admin(user)
    user.roles = roles
    details = {"changes": {"roles": {"before": before, "after": roles}}}
    record_action(by, "user_roles_change", ("user", user.id), details, remote_addr)
    db.session.commit()
    return user


def set_user_active(by, user: User, is_active: bool, remote_addr="") -> User:
    """Deactivate (ending the user's sessions) or reactivate an account; audit it."""
    if user.is_active == is_active:
        return user
    if not is_active and by is not None and by.id == user.id:
        raise AccountRuleError(gettext("不能停用自己的账号。"))
    if not is_active and Role.ADMIN in user.roles:
        _keep_an_admin(user)
    user.is_active = is_active
    user.session_token = new_session_token()
    action = "user_reactivate" if is_active else "user_deactivate"
    details = {"changes": {"is_active": {"before": not is_active, "after": is_active}}}
    record_action(by, action, ("user", user.id), details, remote_addr)
    db.session.commit()
    return user


def reset_password(by, user: User, password: str, remote_addr="") -> User:
    """Set a new password, ending the user's other sessions; audit it (never the password)."""
    check_password_strength(password, user.username)
    user.password_hash = hash_password(password)
    user.session_token = new_session_token()
    record_action(by, "user_password_reset", ("user", user.id), {}, remote_addr)
    db.session.commit()
    return user
