"""The staff audit log, newest first, filtered by user, action and local date range."""

from datetime import UTC, date, timedelta

from sqlalchemy import Select, select
from sqlalchemy.orm import selectinload

from portal.extensions import db
from portal.models import AuditLog, User
from portal.timeutil import local_midnight

NO_USER = "none"


def utc_start_of(day: date):
    """Naive UTC time at which a local (Asia/Shanghai) day starts."""
    return local_midnight(day).astimezone(UTC).replace(tzinfo=None)


def audit_entries(user="", action="", date_from=None, date_to=None) -> Select:
    """Audit rows matching the filters (user id or NO_USER, action, local dates), newest first."""
    stmt = select(AuditLog).options(selectinload(AuditLog.user))
    if user == NO_USER:
        stmt = stmt.where(AuditLog.user_id.is_(None))
    elif user:
        stmt = stmt.where(AuditLog.user_id == int(user))
    if action:
        stmt = stmt.where(AuditLog.action == action)
    if date_from:
        stmt = stmt.where(AuditLog.created_at >= utc_start_of(date_from))
    if date_to:
        stmt = stmt.where(AuditLog.created_at < utc_start_of(date_to + timedelta(days=1)))
    return stmt.order_by(AuditLog.created_at.desc(), AuditLog.id.desc())


def recorded_actions() -> list[str]:
    """Every action name present in the log, sorted."""
    return list(db.session.scalars(select(AuditLog.action).distinct().order_by(AuditLog.action)))


def staff_users() -> list[User]:
    """Every account, by user name."""
    return list(db.session.scalars(select(User).order_by(User.username)))
