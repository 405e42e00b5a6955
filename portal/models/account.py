"""Staff accounts, failed sign-ins and the audit log."""

import secrets
from datetime import datetime

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import Base, utcnow


class Role:
    """Staff roles."""

    EDITOR = "editor"
    PUBLISHER = "publisher"
    MODERATOR = "moderator"
    ADMIN = "admin"
    ALL = (EDITOR, PUBLISHER, MODERATOR, ADMIN)
    LABELS = {EDITOR: "编辑", PUBLISHER: "发布员", MODERATOR: "审核员", ADMIN: "管理员"}


def new_session_token() -> str:
    """A random token; changing it ends every session and remember cookie of the user."""
    return secrets.token_hex(16)


class User(Base):
    """A member of the bureau's staff."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(64))
    password_hash: Mapped[str] = mapped_column(String(256))
    roles: Mapped[list] = mapped_column(JSON, default=list)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime)
    session_token: Mapped[str] = mapped_column(String(32), default=new_session_token)

    # Flask-Login's user interface (is_active is the column above).
    is_authenticated = True
    is_anonymous = False

    def get_id(self) -> str:
        """Session identifier: the id and the session token, so a token change signs out."""
        return f"{self.id}:{self.session_token}"

    @property
    def role_labels(self) -> str:
        """The roles in Chinese, for display."""
        return "、".join(Role.LABELS.get(role, role) for role in self.roles) or "无角色"

    def has_role(self, role: str) -> bool:
        """True when the user holds the role or is an admin."""
        return role in self.roles or Role.ADMIN in self.roles


class AuditLog(Base):
    """Who did what to which record, and when (staff-only)."""

    __tablename__ = "audit_logs"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    action: Mapped[str] = mapped_column(String(32))
    entity_type: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[int | None] = mapped_column(Integer)
    details: Mapped[dict] = mapped_column(JSON, default=dict)
    remote_addr: Mapped[str] = mapped_column(String(64), default="")

    user: Mapped["User | None"] = relationship()


class SignInFailure(Base):
    """A failed sign-in, kept briefly to lock out repeated guessing across workers."""

    __tablename__ = "sign_in_failures"
    __table_args__ = (
        Index("ix_sign_in_failures_username_created_at", "username", "created_at"),
        Index("ix_sign_in_failures_remote_addr_created_at", "remote_addr", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64))
    remote_addr: Mapped[str] = mapped_column(String(64), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
