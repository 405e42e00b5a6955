"""E-mail alerts: recipients, their subscriptions, content events, matches and the outbox."""

from datetime import datetime

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import Base, utcnow


class Frequency:
    """How often a subscription is mailed."""

    IMMEDIATE = "immediate"
    DAILY = "daily"
    WEEKLY = "weekly"
    ALL = (IMMEDIATE, DAILY, WEEKLY)
    LABELS = {IMMEDIATE: "即时", DAILY: "每日", WEEKLY: "每周"}


class AlertRecipient(Base):
    """An e-mail address holding subscriptions; deleted with its last subscription."""

    __tablename__ = "alert_recipients"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    secret: Mapped[str] = mapped_column(String(32))  # part of the manage link's signed token
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    # Confirmation requests counted per address in a rolling window (abuse limit).
    window_started_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    requests_in_window: Mapped[int] = mapped_column(Integer, default=0)
    suspended_at: Mapped[datetime | None] = mapped_column(DateTime)
    suspended_reason: Mapped[str] = mapped_column(String(200), default="")

    subscriptions = relationship(
        "AlertSubscription", back_populates="recipient", cascade="all, delete-orphan"
    )

    @property
    def is_suspended(self) -> bool:
        """True after a permanent delivery failure."""
        return self.suspended_at is not None


class AlertSubscription(Base):
    """One followed query (a feed's kind and arguments) of one recipient."""

    __tablename__ = "alert_subscriptions"
    __table_args__ = (UniqueConstraint("recipient_id", "spec_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    recipient_id: Mapped[int] = mapped_column(
        ForeignKey("alert_recipients.id", ondelete="CASCADE"), index=True
    )
    secret: Mapped[str] = mapped_column(String(32))  # part of confirm/unsubscribe tokens
    kind: Mapped[str] = mapped_column(String(16))
    args: Mapped[dict] = mapped_column(JSON, default=dict)
    spec_key: Mapped[str] = mapped_column(String(64))  # hash of kind + args
    anchor_key: Mapped[str] = mapped_column(String(200), index=True)  # candidate lookup
    label: Mapped[str] = mapped_column(String(300))
    frequency: Mapped[str] = mapped_column(String(16), default=Frequency.IMMEDIATE)
    # The language of the page the address subscribed on ("zh" or "en"): its mails are in it.
    language: Mapped[str] = mapped_column(String(8), default="zh", server_default="zh")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    confirmed_at: Mapped[datetime | None] = mapped_column(DateTime, index=True)
    # Events up to this id happened before confirmation and are never mailed.
    start_event_id: Mapped[int] = mapped_column(Integer, default=0)
    # Cursor: the newest event id included in a message already queued for this subscription.
    last_event_id: Mapped[int] = mapped_column(Integer, default=0)
    next_digest_at: Mapped[datetime | None] = mapped_column(DateTime)
    lease_until: Mapped[datetime | None] = mapped_column(DateTime)

    recipient = relationship("AlertRecipient", back_populates="subscriptions")

    @property
    def is_confirmed(self) -> bool:
        """True once the double opt-in link was followed."""
        return self.confirmed_at is not None


class AlertEvent(Base):
    """Content was published, corrected or withdrawn (written in the same transaction)."""

    __tablename__ = "alert_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    revision_id: Mapped[int] = mapped_column(ForeignKey("revisions.id", ondelete="CASCADE"))
    entity_type: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[int] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    matched_at: Mapped[datetime | None] = mapped_column(DateTime, index=True)
    lease_until: Mapped[datetime | None] = mapped_column(DateTime)

    revision = relationship("Revision")


class AlertMatch(Base):
    """An event that a subscription follows, waiting for (or included in) a message."""

    __tablename__ = "alert_matches"
    __table_args__ = (UniqueConstraint("subscription_id", "event_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    subscription_id: Mapped[int] = mapped_column(
        ForeignKey("alert_subscriptions.id", ondelete="CASCADE"), index=True
    )
    event_id: Mapped[int] = mapped_column(ForeignKey("alert_events.id", ondelete="CASCADE"))
    item: Mapped[dict] = mapped_column(JSON, default=dict)  # title, url, action, note, hits
    message_id: Mapped[int | None] = mapped_column(
        ForeignKey("alert_messages.id", ondelete="SET NULL"), index=True
    )


class MessageStatus:
    """Where an outbox message stands."""

    QUEUED = "queued"
    SENT = "sent"
    FAILED = "failed"
    ALL = (QUEUED, SENT, FAILED)


class AlertMessage(Base):
    """The outbox: one rendered mail, sent by `alerts send` and marked afterwards."""

    __tablename__ = "alert_messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    recipient_id: Mapped[int] = mapped_column(
        ForeignKey("alert_recipients.id", ondelete="CASCADE"), index=True
    )
    subscription_id: Mapped[int | None] = mapped_column(
        ForeignKey("alert_subscriptions.id", ondelete="CASCADE")
    )
    kind: Mapped[str] = mapped_column(String(16))  # confirm, alert, manage
    message_id: Mapped[str] = mapped_column(String(200), default="")
    subject: Mapped[str] = mapped_column(String(300))
    body_text: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    unsubscribe_url: Mapped[str] = mapped_column(String(500), default="")
    status: Mapped[str] = mapped_column(String(16), default=MessageStatus.QUEUED, index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    lease_until: Mapped[datetime | None] = mapped_column(DateTime)
    last_error: Mapped[str] = mapped_column(String(500), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime)

    recipient = relationship("AlertRecipient")
