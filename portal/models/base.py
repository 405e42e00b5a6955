"""Declarative base, shared column mixins and vocabularies."""

from datetime import UTC, datetime
from enum import StrEnum

from sqlalchemy import Boolean, DateTime, MetaData, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    """Return the current UTC time as a naive datetime (the storage convention)."""
    return datetime.now(UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    """Base class of every model."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class PublicationStatus(StrEnum):
    """Life cycle of published content."""

    DRAFT = "draft"
    PUBLISHED = "published"
    WITHDRAWN = "withdrawn"


class TimestampMixin:
    """Creation and last-change times (naive UTC)."""

    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)


class PublishableMixin(TimestampMixin):
    """Publication state shared by announcements, recalls and regulations."""

    status: Mapped[str] = mapped_column(String(16), default=PublicationStatus.PUBLISHED, index=True)
    published_at: Mapped[datetime | None] = mapped_column(DateTime)
    withdrawn_at: Mapped[datetime | None] = mapped_column(DateTime)
    withdrawal_note: Mapped[str | None] = mapped_column(Text)
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)

    @property
    def is_public(self) -> bool:
        """True when the record may be shown to the public (published or withdrawn)."""
        return self.status != PublicationStatus.DRAFT

    @property
    def is_withdrawn(self) -> bool:
        """True when the record was withdrawn."""
        return self.status == PublicationStatus.WITHDRAWN
