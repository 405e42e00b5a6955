"""Read side of enterprise pages: an enterprise's whole history."""

from sqlalchemy import select

from portal.credit_code import credit_code_error, normalize_credit_code
from portal.errors import NotFoundError
from portal.extensions import db
from portal.models import Batch, Enterprise
from portal.queries.stats import Figures, batch_figures


def get_enterprise(raw_code: str) -> Enterprise:
    """Return the enterprise with this credit code, or raise NotFoundError explaining why."""
    code = normalize_credit_code(raw_code)
    message = credit_code_error(code)
    if message:
        raise NotFoundError(message)
    enterprise = db.session.scalar(select(Enterprise).where(Enterprise.credit_code == code))
    if enterprise is None:
        raise NotFoundError(f"没有统一社会信用代码为 {code} 的企业的抽查或召回记录。")
    return enterprise


def enterprise_figures(enterprise: Enterprise) -> Figures:
    """Batch counts of an enterprise over its whole history."""
    return batch_figures(Batch.enterprise_id == enterprise.id)
