"""SMTP transport: PORTAL_SMTP_URL, the MIME message, and what a refusal means.

`smtp://user:pass@host:587?starttls=1`, `smtps://user:pass@host:465` or `smtp://host:25`.
Messages use the `email` package's SMTP policy (an EmailPolicy): non-ASCII headers are
RFC 2047-encoded; `smtplib.send_message` switches to SMTPUTF8 when the server offers it and an
address needs it.
"""

import smtplib
import ssl
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime
from urllib.parse import parse_qs, unquote, urlsplit

from flask import current_app

from portal.errors import PortalError
from portal.timeutil import to_local
from portal.urls import site_base

TRUE = ("1", "true", "yes", "on")


class SmtpNotConfiguredError(PortalError):
    """PORTAL_SMTP_URL is missing or malformed."""


def connect(url: str, timeout: float = 30) -> smtplib.SMTP:
    """An open, authenticated SMTP connection for an smtp:// or smtps:// URL."""
    parts = urlsplit(url or "")
    if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
        raise SmtpNotConfiguredError("PORTAL_SMTP_URL 未设置或格式有误（smtp://… 或 smtps://…）。")
    options = parse_qs(parts.query)
    context = ssl.create_default_context()
    if parts.scheme == "smtps":
        connection = smtplib.SMTP_SSL(
            parts.hostname, parts.port or 465, timeout=timeout, context=context
        )
    else:
        connection = smtplib.SMTP(parts.hostname, parts.port or 25, timeout=timeout)
        if options.get("starttls", [""])[0].lower() in TRUE:
            connection.starttls(context=context)
    if parts.username:
        connection.login(unquote(parts.username), unquote(parts.password or ""))
    return connection


def sender() -> Address:
    """The From address: PORTAL_ALERTS_FROM, or noreply@ the site's host, named by the site."""
    addr = current_app.config["ALERTS_FROM"] or f"noreply@{urlsplit(site_base()).hostname}"
    return Address(display_name=current_app.config["SITE_NAME"], addr_spec=addr)


def build_email(message, to_address: str) -> EmailMessage:
    """The MIME message of an outbox row: text and HTML parts, list headers for alerts."""
    mail = EmailMessage(policy=policy.SMTP)
    mail["Subject"] = message.subject
    mail["From"] = sender()
    mail["To"] = to_address
    mail["Date"] = format_datetime(to_local(message.created_at))
    mail["Message-ID"] = message.message_id
    mail["Auto-Submitted"] = "auto-generated"
    if message.unsubscribe_url:
        mail["List-Unsubscribe"] = f"<{message.unsubscribe_url}>"
        mail["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    mail.set_content(message.body_text)
    mail.add_alternative(message.body_html, subtype="html")
    return mail


def refusal(error: Exception, to_address: str) -> tuple[int, str]:
    """(SMTP code, text) of a failed send; code 0 when there was no answer (network)."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        code, text = error.recipients.get(to_address, (0, b""))
        return code, text.decode(errors="replace") if isinstance(text, bytes) else str(text)
    if isinstance(error, smtplib.SMTPResponseException):
        text = error.smtp_error
        return error.smtp_code, text.decode(errors="replace") if isinstance(text, bytes) else str(
            text
        )
    return 0, f"{type(error).__name__}: {error}"


def is_bounce(error: Exception, code: int) -> bool:
    """A permanent refusal of the recipient (5xx for the address or the message to it)."""
    refused = isinstance(error, smtplib.SMTPRecipientsRefused | smtplib.SMTPDataError)
    return refused and code >= 500
