"""Staff read side of citizens' submissions: the moderation queue, one submission, its photos."""

from flask_babel import gettext
from sqlalchemy import Select, select
from sqlalchemy.orm import selectinload

from portal.errors import NotFoundError
from portal.extensions import db
from portal.models import PlanItem, ProductCategory, Submission, SubmissionPhoto
from portal.timeutil import local_today

SPAM_FILTERS = ("exclude", "only", "all")


def moderation_queue(kind: str = "", status: str = "", spam: str = "exclude") -> Select:
    """Submissions for moderators, newest first; spam hidden unless asked for."""
    stmt = select(Submission).options(selectinload(Submission.category))
    if kind:
        stmt = stmt.where(Submission.kind == kind)
    if status:
        stmt = stmt.where(Submission.status == status)
    if spam == "exclude":
        stmt = stmt.where(Submission.is_spam.is_(False))
    elif spam == "only":
        stmt = stmt.where(Submission.is_spam.is_(True))
    return stmt.order_by(Submission.id.desc())


def get_submission(submission_id: int) -> Submission:
    """One submission with everything staff may see, or NotFoundError."""
    submission = db.session.get(Submission, submission_id)
    if submission is None:
        raise NotFoundError(gettext("该受理件不存在。"))
    return submission


def get_photo(photo_id: int) -> SubmissionPhoto:
    """One stored complaint photo, or NotFoundError."""
    photo = db.session.get(SubmissionPhoto, photo_id)
    if photo is None:
        raise NotFoundError(gettext("照片不存在。"))
    return photo


def plan_item_choices() -> list[PlanItem]:
    """Plan items of this year and the next, for linking suggestions."""
    year = local_today().year
    return list(
        db.session.scalars(
            select(PlanItem)
            .join(PlanItem.category)
            .where(PlanItem.year.in_([year, year + 1]))
            .order_by(PlanItem.year, ProductCategory.code)
        )
    )


def merged_submissions(submission: Submission) -> list[Submission]:
    """The duplicates merged into a submission."""
    return list(
        db.session.scalars(
            select(Submission)
            .where(Submission.merged_into_id == submission.id)
            .order_by(Submission.id)
        )
    )
