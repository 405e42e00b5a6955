"""Staff sign-in and sign-out: credential checks, lock-out after repeated failures, audit rows."""

import logging
from datetime import datetime, timedelta

from flask import current_app
from flask_babel import gettext
from sqlalchemy import delete, select

from portal.errors import PortalError
from portal.extensions import db
from portal.i18n import N_
from portal.models import SignInFailure, User, utcnow
from portal.services.accounts import find_user, normalise_username
from portal.services.audit import record_action
from portal.services.passwords import password_matches

logger = logging.getLogger(__name__)

KEEP_FAILURES = timedelta(days=1)


class SignInError(PortalError):
    """Wrong credentials or an inactive account; the message never says which."""

    status_code = 401
    title = N_("登录失败")

    def __init__(self):
        super().__init__(gettext("用户名或密码不正确。"))


class SignInLockedError(SignInError):
    """Too many recent failures for this account name or from this client address."""

    def __init__(self, minutes: int):
        message = gettext(
            "登录失败次数过多，已暂时锁定，请 %(minutes)s 分钟后再试。", minutes=minutes
        )
        PortalError.__init__(self, message)


def _window() -> timedelta:
    """The failure window, which is also the length of a lock."""
    return timedelta(minutes=current_app.config["SIGN_IN_LOCK_MINUTES"])


def _locked_until(column, value: str, limit: int, now: datetime) -> datetime | None:
    """End of the latest lock triggered by `limit` failures within one window, if any."""
    window = _window()
    stmt = select(SignInFailure.created_at).where(
        column == value, SignInFailure.created_at > now - 2 * window
    )
    times = sorted(db.session.scalars(stmt))
    ends = [
        times[i] + window
        for i in range(limit - 1, len(times))
        if times[i] - times[i - limit + 1] <= window
    ]
    return max(ends) if ends else None


def is_locked(username: str, remote_addr: str, now: datetime | None = None) -> bool:
    """True while the account name or the client address is locked out."""
    now = now or utcnow()
    config = current_app.config
    checks = [(SignInFailure.username, username, config["SIGN_IN_MAX_ACCOUNT_FAILURES"])]
    if remote_addr:
        checks.append(
            (SignInFailure.remote_addr, remote_addr, config["SIGN_IN_MAX_CLIENT_FAILURES"])
        )
    for column, value, limit in checks:
        until = _locked_until(column, value, limit, now)
        if until is not None and until > now:
            return True
    return False


def _fail(user: User | None, username: str, remote_addr: str, reason: str, now: datetime):
    """Record a failed attempt (unless refused while locked) and its audit row; commit."""
    if reason != "locked":
        db.session.add(SignInFailure(username=username, remote_addr=remote_addr, created_at=now))
        db.session.execute(
            delete(SignInFailure).where(SignInFailure.created_at < now - KEEP_FAILURES)
        )
    entity = ("user", user.id if user else None)
    details = {"username": username, "reason": reason}
    record_action(None, "sign_in_failed", entity, details, remote_addr, at=now)
    db.session.commit()
    logger.info("Failed sign-in for %r from %s: %s", username, remote_addr, reason)


def _failure_reason(user: User | None, password: str) -> str | None:
    """Why the credentials fail, or None; always runs one password check."""
    if not password_matches(user.password_hash if user else None, password):
        return "unknown_user" if user is None else "wrong_password"
    return None if user.is_active else "inactive"


def sign_in_user(username: str, password: str, remote_addr: str = "") -> User:
    """Check credentials under the lock-out rule, audit the attempt and return the user."""
    now = utcnow()
    username = normalise_username(username)[:64]
    remote_addr = (remote_addr or "")[:64]
    if is_locked(username, remote_addr, now):
        _fail(None, username, remote_addr, "locked", now)
        raise SignInLockedError(current_app.config["SIGN_IN_LOCK_MINUTES"])
    user = find_user(username)
    reason = _failure_reason(user, password)
    if reason:
        _fail(user, username, remote_addr, reason, now)
        raise SignInError()
    db.session.execute(delete(SignInFailure).where(SignInFailure.username == username))
    user.last_login_at = now
    record_action(user, "sign_in", ("user", user.id), {}, remote_addr, at=now)
    db.session.commit()
    return user


def sign_out_user(user: User, remote_addr: str = "") -> None:
    """Audit a sign-out."""
    record_action(user, "sign_out", ("user", user.id), {}, remote_addr)
    db.session.commit()
