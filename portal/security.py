"""HTTP hardening: security headers, proxy headers, and refusal of control characters."""

import logging
import re
from datetime import UTC, datetime

from flask import Flask, request
from werkzeug.exceptions import BadRequest
from werkzeug.http import parse_date
from werkzeug.middleware.proxy_fix import ProxyFix

# Every page: scripts, styles and images from our own origin only; no inline code, no framing.
CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"
HSTS = "max-age=31536000; includeSubDomains"

# C0 controls and DEL; tab, line feed and carriage return are allowed in argument values only.
PATH_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
VALUE_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
CONTROL_MESSAGE = "请求中含有不允许的控制字符。"


def add_security_headers(response):
    """Set CSP, nosniff, referrer, permissions and (over HTTPS) HSTS on every response."""
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
    headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
    if request.is_secure:
        headers.setdefault("Strict-Transport-Security", HSTS)
    return response


def refuse_control_characters() -> None:
    """Answer 400 when the path or a query or form value carries a control character."""
    if PATH_CONTROL.search(request.path):
        raise BadRequest(CONTROL_MESSAGE)
    values = [*request.args.keys(), *request.args.values()]
    if request.method == "POST" and request.mimetype != "multipart/form-data":
        values += [*request.form.keys(), *request.form.values()]
    if any(VALUE_CONTROL.search(value) for value in values):
        raise BadRequest(CONTROL_MESSAGE)


def ignore_future_if_modified_since() -> None:
    """Drop an If-Modified-Since later than now, as RFC 9110 section 13.1.3 asks."""
    value = request.headers.get("If-Modified-Since")
    if not value:
        return
    when = parse_date(value)
    if when is None or when > datetime.now(UTC):
        request.environ.pop("HTTP_IF_MODIFIED_SINCE", None)


def trust_proxies(app: Flask) -> None:
    """Read the client address and scheme from PROXY_FIX_HOPS trusted proxies' headers."""
    hops = int(app.config.get("PROXY_FIX_HOPS") or 0)
    if hops > 0:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=0, x_port=hops)


def escape_controls(value):
    """A string with control characters shown as escapes (\\n, \\x00), so logs stay one line."""
    if not isinstance(value, str):
        return value
    return PATH_CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode(), value)


def install_log_escaping() -> None:
    """Escape control characters in every log record's arguments, where request data arrives
    (the message is the program's own format string and may colour a terminal line) (once)."""
    make_record = logging.getLogRecordFactory()
    if getattr(make_record, "escapes_controls", False):
        return

    def escaped_record(*args, **kwargs):
        record = make_record(*args, **kwargs)
        if isinstance(record.args, tuple):
            record.args = tuple(escape_controls(arg) for arg in record.args)
        return record

    escaped_record.escapes_controls = True
    logging.setLogRecordFactory(escaped_record)


def register_security(app: Flask) -> None:
    """Install the request checks, the response headers and the proxy middleware."""
    app.before_request(refuse_control_characters)
    app.before_request(ignore_future_if_modified_since)
    app.after_request(add_security_headers)
    trust_proxies(app)
    install_log_escaping()
