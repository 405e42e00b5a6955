"""Regulations split into articles that can be linked one by one."""

from datetime import date, datetime

from sqlalchemy import JSON, Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import Base, PublishableMixin, utcnow


class RegulationLevel:
    """Legal rank of a regulation."""

    ALL = ("法律", "行政法规", "地方性法规", "部门规章", "规范性文件")


class RegulationStatus:
    """Whether a regulation is in force."""

    IN_FORCE = "现行有效"
    AMENDED = "已修订"
    REPEALED = "已废止"
    ALL = (IN_FORCE, AMENDED, REPEALED)


class Regulation(PublishableMixin, Base):
    """A law, regulation or rule with its metadata."""

    __tablename__ = "regulations"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(256))
    source_name: Mapped[str] = mapped_column(String(128), unique=True)
    document_number: Mapped[str | None] = mapped_column(String(128))
    issuing_body: Mapped[str | None] = mapped_column(String(128))
    level: Mapped[str] = mapped_column(String(16), index=True)
    legal_status: Mapped[str] = mapped_column(String(16), default=RegulationStatus.IN_FORCE)
    promulgated_on: Mapped[date | None] = mapped_column(Date)
    effective_on: Mapped[date | None] = mapped_column(Date)
    version_on: Mapped[date] = mapped_column(Date, index=True)
    history: Mapped[list] = mapped_column(JSON, default=list)

    articles = relationship(
        "Article",
        back_populates="regulation",
        order_by="Article.number",
        cascade="all, delete-orphan",
    )
    versions = relationship(
        "RegulationVersion",
        back_populates="regulation",
        order_by="RegulationVersion.version_on.desc()",
        cascade="all, delete-orphan",
    )

    def __repr__(self) -> str:
        return f"<Regulation {self.title}>"


class Article(Base):
    """One article (第X条) of a regulation."""

    __tablename__ = "articles"
    __table_args__ = (UniqueConstraint("regulation_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    regulation_id: Mapped[int] = mapped_column(ForeignKey("regulations.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    label: Mapped[str] = mapped_column(String(16))
    chapter: Mapped[str | None] = mapped_column(String(128))
    section: Mapped[str | None] = mapped_column(String(128))
    text: Mapped[str] = mapped_column(Text)

    regulation = relationship("Regulation", back_populates="articles")

    @property
    def anchor(self) -> str:
        """HTML anchor of the article on its regulation page."""
        return f"article-{self.number}"


class RegulationVersion(Base):
    """A superseded text of a regulation, kept whole when an amendment replaces it."""

    __tablename__ = "regulation_versions"

    id: Mapped[int] = mapped_column(primary_key=True)
    regulation_id: Mapped[int] = mapped_column(ForeignKey("regulations.id"), index=True)
    title: Mapped[str] = mapped_column(String(256))
    source_name: Mapped[str] = mapped_column(String(128), unique=True)
    document_number: Mapped[str | None] = mapped_column(String(128))
    issuing_body: Mapped[str | None] = mapped_column(String(128))
    promulgated_on: Mapped[date | None] = mapped_column(Date)
    effective_on: Mapped[date | None] = mapped_column(Date)
    version_on: Mapped[date] = mapped_column(Date)
    history: Mapped[list] = mapped_column(JSON, default=list)
    # The articles as [{number, label, chapter, section, text}, …] in order.
    articles: Mapped[list] = mapped_column(JSON, default=list)
    superseded_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    regulation = relationship("Regulation", back_populates="versions")
