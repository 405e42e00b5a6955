"""Read side of enterprise pages: an enterprise's whole history."""

from flask_babel import gettext as _
from sqlalchemy import exists, or_, select

from portal.credit_code import credit_code_error, normalize_credit_code
from portal.errors import NotFoundError
from portal.extensions import db
from portal.models import Announcement, Batch, Enterprise, Recall
from portal.queries.common import is_visible
from portal.queries.stats import Figures, batch_figures


def has_public_record():
    """SQL condition: the enterprise appears in a published or withdrawn announcement or recall
    (an enterprise known only from drafts is not public yet)."""
    in_batches = (
        exists()
        .where(Batch.enterprise_id == Enterprise.id, Batch.announcement_id == Announcement.id)
        .where(is_visible(Announcement))
    )
    in_recalls = exists().where(Recall.enterprise_id == Enterprise.id, is_visible(Recall))
    return or_(in_batches, in_recalls)


def get_enterprise(raw_code: str) -> Enterprise:
    """Return the enterprise with this credit code, or raise NotFoundError explaining why."""
    code = normalize_credit_code(raw_code)
    message = credit_code_error(code)
    if message:
        raise NotFoundError(message)
    stmt = select(Enterprise).where(Enterprise.credit_code == code, has_public_record())
    enterprise = db.session.scalar(stmt)
    if enterprise is None:
        raise NotFoundError(
            _("没有统一社会信用代码为 %(code)s 的企业的抽查或召回记录。", code=code)
        )
    return enterprise


def enterprise_figures(enterprise: Enterprise) -> Figures:
    """Batch counts of an enterprise over its whole history."""
    return batch_figures(Batch.enterprise_id == enterprise.id)
