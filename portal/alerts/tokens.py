"""Signed links of alert mails: confirm (expiring), manage and unsubscribe (no account).

Each token signs a row id with the row's random secret, so a token dies with its row even when
SQLite later reuses the id, and nobody can make one without the app's secret key.
"""

from flask import current_app
from flask_babel import gettext as _
from itsdangerous import BadSignature, URLSafeTimedSerializer

from portal.errors import NotFoundError
from portal.i18n import N_

INVALID = N_("链接无效或已过期。请从最近一封邮件中的链接进入，或重新订阅。")


def serializer(purpose: str) -> URLSafeTimedSerializer:
    """A serializer for one purpose (its salt keeps the token kinds apart)."""
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=f"alerts-{purpose}")


def make_token(purpose: str, row) -> str:
    """A signed token naming a recipient or subscription row."""
    return serializer(purpose).dumps([row.id, row.secret])


def read_token(purpose: str, token: str, max_age: int | None = None) -> tuple[int, str]:
    """(row id, secret) from a token; NotFoundError when it is forged, mangled or expired."""
    try:
        row_id, secret = serializer(purpose).loads(token, max_age=max_age)
    except (BadSignature, ValueError, TypeError):
        raise NotFoundError(_(INVALID)) from None
    if not isinstance(row_id, int) or not isinstance(secret, str):
        raise NotFoundError(_(INVALID))
    return row_id, secret
