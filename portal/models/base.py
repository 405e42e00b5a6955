"""Declarative base, shared column mixins and vocabularies."""

from datetime import UTC, datetime
from enum import StrEnum

from sqlalchemy import Boolean, DateTime, ForeignKey, MetaData, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column, relationship

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
    # Drafts: who changed the draft last (the four-eyes rule) and when it goes public by itself.
    last_edited_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    last_edited_at: Mapped[datetime | None] = mapped_column(DateTime)
    scheduled_at: Mapped[datetime | None] = mapped_column(DateTime, index=True)
    scheduled_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    @declared_attr
    def last_edited_by(cls):  # noqa: N805 (declared_attr receives the mapped class)
        """The staff member who changed the draft last."""
        return relationship("User", foreign_keys=f"{cls.__name__}.last_edited_by_id")

    @declared_attr
    def scheduled_by(cls):  # noqa: N805 (declared_attr receives the mapped class)
        """The publisher who scheduled the publication."""
        return relationship("User", foreign_keys=f"{cls.__name__}.scheduled_by_id")

    @property
    def is_public(self) -> bool:
        """True when the record may be shown to the public (published or withdrawn)."""
        return self.status != PublicationStatus.DRAFT

    @property
    def is_withdrawn(self) -> bool:
        """True when the record was withdrawn."""
        return self.status == PublicationStatus.WITHDRAWN

    @property
    def is_draft(self) -> bool:
        """True while the record is an unpublished draft (scheduled or not)."""
        return self.status == PublicationStatus.DRAFT
