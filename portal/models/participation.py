"""Citizens' complaints and suggestions, and the yearly spot-check plan."""

from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import Base, TimestampMixin, utcnow


class SubmissionKind:
    """What a citizen filed."""

    COMPLAINT = "complaint"
    SUGGESTION = "suggestion"
    ALL = (COMPLAINT, SUGGESTION)


class SubmissionStatus:
    """Public status timeline of a submission."""

    RECEIVED = "已受理"
    IN_PROGRESS = "处理中"
    ANSWERED = "已答复"
    ADOPTED = "已采纳"
    DECLINED = "不予采纳"
    ALL = (RECEIVED, IN_PROGRESS, ANSWERED, ADOPTED, DECLINED)


class PlanItem(TimestampMixin, Base):
    """One line of a year's spot-check plan."""

    __tablename__ = "plan_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    category_id: Mapped[int] = mapped_column(ForeignKey("product_categories.id"))
    planned_batches: Mapped[int] = mapped_column(Integer)
    focus: Mapped[str] = mapped_column(Text, default="")
    rationale: Mapped[str] = mapped_column(Text, default="")
    # The 你点我检 campaign choice this line was adopted from, if any.
    campaign_choice_id: Mapped[int | None] = mapped_column(ForeignKey("campaign_choices.id"))

    category = relationship("ProductCategory", lazy="joined")
    campaign_choice = relationship("CampaignChoice")
    suggestions = relationship("Submission", back_populates="plan_item")


class Submission(TimestampMixin, Base):
    """A complaint or a spot-check suggestion; contact fields are private."""

    __tablename__ = "submissions"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), index=True)
    tracking_number: Mapped[str] = mapped_column(String(32), unique=True)
    access_code_hash: Mapped[str] = mapped_column(String(256))
    category_id: Mapped[int | None] = mapped_column(ForeignKey("product_categories.id"))
    product_name: Mapped[str] = mapped_column(String(128), default="")
    enterprise_name: Mapped[str] = mapped_column(String(128), default="")
    text: Mapped[str] = mapped_column(Text)
    contact_name: Mapped[str] = mapped_column(String(64), default="")
    contact_phone: Mapped[str] = mapped_column(String(32), default="")
    contact_email: Mapped[str] = mapped_column(String(128), default="")
    status: Mapped[str] = mapped_column(String(16), default=SubmissionStatus.RECEIVED)
    public_reply: Mapped[str] = mapped_column(Text, default="")
    is_spam: Mapped[bool] = mapped_column(Boolean, default=False)
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)
    plan_item_id: Mapped[int | None] = mapped_column(ForeignKey("plan_items.id"))
    # Where the product was bought (complaint) or where to sample (suggestion).
    place: Mapped[str] = mapped_column(String(200), default="")
    # What to test (suggestion).
    test_items: Mapped[str] = mapped_column(String(200), default="")
    # Whether the citizen asked for a reply through the contact details.
    wants_reply: Mapped[bool] = mapped_column(Boolean, default=False)
    # A suggestion's text is public only once a moderator has published it.
    is_public: Mapped[bool] = mapped_column(Boolean, default=False)
    # Citizens behind a suggestion (the author plus "我也想查这个" and merged duplicates).
    supporters: Mapped[int] = mapped_column(Integer, default=1)
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("submissions.id"))
    # SHA-256 of the one-time key of the form that filed it: the same form sent again (a retry
    # after an error page, a double click) finds this row instead of filing a second one.
    submission_key: Mapped[str | None] = mapped_column(String(64), unique=True, index=True)

    category = relationship("ProductCategory")
    merged_into = relationship("Submission", remote_side=[id])
    photos = relationship(
        "SubmissionPhoto", order_by="SubmissionPhoto.id", cascade="all, delete-orphan"
    )
    plan_item = relationship("PlanItem", back_populates="suggestions")
    events = relationship(
        "SubmissionEvent", order_by="SubmissionEvent.id", cascade="all, delete-orphan"
    )


class SubmissionEvent(Base):
    """One step in a submission's status timeline."""

    __tablename__ = "submission_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("submissions.id"), index=True)
    status: Mapped[str] = mapped_column(String(16))
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class SubmissionPhoto(Base):
    """A complaint photo, re-encoded without metadata; stored under UPLOAD_DIR, staff only."""

    __tablename__ = "submission_photos"

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("submissions.id"), index=True)
    file_name: Mapped[str] = mapped_column(String(64), unique=True)
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    size_bytes: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
