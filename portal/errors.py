"""PortalError hierarchy and the handlers that render errors as HTML or problem JSON."""

import logging

from flask import Flask, jsonify, make_response, render_template, request
from flask.globals import request_ctx
from sqlalchemy.exc import InterfaceError, OperationalError
from werkzeug.exceptions import HTTPException

from portal.extensions import db
from portal.i18n import N_, translate
from portal.validation_messages import localise_errors

logger = logging.getLogger(__name__)

PROBLEM_MIMETYPE = "application/problem+json"


class PortalError(Exception):
    """Base of every error the portal raises on purpose."""

    status_code = 400
    title = N_("请求有误")

    def __init__(
        self, detail: str = "", errors: dict | None = None, extensions: dict | None = None
    ):
        super().__init__(detail or self.title)
        self.detail = detail or self.title
        self.errors = errors or {}
        self.extensions = extensions or {}


class NotFoundError(PortalError):
    """The requested record does not exist or is not public."""

    status_code = 404
    title = N_("未找到")


class GoneError(PortalError):
    """The record was withdrawn."""

    status_code = 410
    title = N_("已撤回")


class InvalidInputError(PortalError):
    """Input did not pass validation; `errors` maps fields to messages."""

    status_code = 422
    title = N_("输入有误")


class ForbiddenError(PortalError):
    """The acting staff member may not do this (role or four-eyes rule)."""

    status_code = 403
    title = N_("没有权限")


class StorageUnavailableError(PortalError):
    """A file could not be written (the disk is full or read-only); try again later."""

    status_code = 503
    title = N_("服务暂时不可用")


def wants_json() -> bool:
    """True when the error should be a problem document rather than a page."""
    return request.path.startswith("/api/") or request.path == "/healthz"


def problem_response(
    status: int, title: str, detail: str, errors: dict | None = None, extensions: dict | None = None
):
    """Build an RFC 9457 problem document response (extension members after the standard ones)."""
    body = {**(extensions or {}), "type": "about:blank", "title": title, "status": status}
    body["detail"] = detail
    if errors:
        body["errors"] = errors
    response = jsonify(body)
    response.status_code = status
    response.mimetype = PROBLEM_MIMETYPE
    return response


def render_error(
    status: int, title: str, detail: str, errors: dict | None = None, extensions: dict | None = None
):
    """Render an error as a page or a problem document, in the reader's language."""
    title, detail, errors = translate(title), translate(detail), localise_errors(errors)
    if wants_json():
        return problem_response(status, title, detail, errors, extensions)
    if request_ctx.url_adapter is None:  # a Host header no URL can be built for (BadHost)
        return (
            f"{status} {title}\n{detail}\n",
            status,
            {"Content-Type": "text/plain; charset=utf-8"},
        )
    template = "errors/404.html" if status in (404, 410) else "errors/error.html"
    if status >= 500:
        template = "errors/500.html"
    html = render_template(template, status=status, title=title, detail=detail, errors=errors)
    return html, status


RETRY_AFTER_SECONDS = "30"


def handle_portal_error(error: PortalError):
    """Render a PortalError (a 503 says when to try again)."""
    response = make_response(
        render_error(error.status_code, error.title, error.detail, error.errors, error.extensions)
    )
    if error.status_code == 503:
        response.headers["Retry-After"] = RETRY_AFTER_SECONDS
    return response


def handle_http_exception(error: HTTPException):
    """Render a Werkzeug HTTP error (404 routing misses, 405, webargs' 422 …)."""
    errors = argument_errors(error)
    detail = ARGUMENT_DETAIL if errors else _http_detail(error)
    response = render_error(error.code or 500, TITLES.get(error.code, error.name), detail, errors)
    if error.code == 405 and getattr(error, "valid_methods", None):
        response = _with_allow(response, error.valid_methods)
    return response


ARGUMENT_DETAIL = N_("查询参数有误，请按 errors 中的说明修改后重试。")
API_DETAILS = {
    404: N_("没有找到这个地址。接口一览见 /api/docs。"),
    405: N_("该地址不支持这种请求方法，请查看 Allow 头。"),
    429: N_("请求过于频繁，请在 Retry-After 给出的秒数后重试。"),
}

DETAILS = {
    400: N_("请求格式有误，请检查后重试。"),
    403: N_("您没有访问该页面的权限。"),
    404: N_("没有找到您要访问的页面或记录。请检查网址，或从首页重新进入。"),
    405: N_("该地址不支持这种请求方法。"),
    413: N_("提交的内容超过了大小限制。"),
    429: N_("请求过于频繁，请稍后再试。"),
}


def _http_detail(error: HTTPException) -> str:
    """A Chinese explanation, keeping a description the code set on purpose."""
    default = type(error).description
    if error.description and error.description != default:
        return error.description
    details = DETAILS | API_DETAILS if wants_json() else DETAILS
    return details.get(error.code, error.description or "")


def argument_errors(error: HTTPException) -> dict:
    """Field messages that webargs attached to a 422, flattened across locations."""
    messages = (getattr(error, "data", None) or {}).get("messages") or {}
    flat: dict = {}
    for location_messages in messages.values():
        flat.update(location_messages)
    return flat


def handle_database_unavailable(error: Exception):
    """The database is unreachable or busy (connection refused or lost, locked): a 503 that
    says when to try again; the pool replaces broken connections (pool_pre_ping)."""
    db.session.rollback()
    logger.warning("Database unavailable on %s: %s", request.path, str(error).splitlines()[0])
    response = make_response(
        render_error(503, N_("服务暂时不可用"), N_("数据库暂时无法访问，请稍后再试。"))
    )
    response.headers["Retry-After"] = RETRY_AFTER_SECONDS
    return response


def handle_unexpected(error: Exception):
    """Roll back and render a 500 for anything unexpected."""
    db.session.rollback()
    logger.exception("Unhandled error on %s", request.path)
    return render_error(500, N_("服务器内部错误"), N_("服务器出了问题，我们已记录，请稍后再试。"))


def _with_allow(response, methods):
    """Attach an Allow header to an error response (tuple or Response)."""
    from flask import make_response

    response = make_response(response)
    response.headers["Allow"] = ", ".join(sorted(methods))
    return response


TITLES = {
    400: N_("请求有误"),
    403: N_("没有权限"),
    404: N_("未找到"),
    405: N_("不支持该请求方法"),
    410: N_("已撤回"),
    413: N_("提交内容过大"),
    422: N_("输入有误"),
    429: N_("请求过于频繁"),
    500: N_("服务器内部错误"),
    503: N_("服务暂时不可用"),
}


def register_error_handlers(app: Flask) -> None:
    """Register the handlers on the app (blueprint handlers miss routing errors)."""
    app.register_error_handler(PortalError, handle_portal_error)
    app.register_error_handler(HTTPException, handle_http_exception)
    app.register_error_handler(OperationalError, handle_database_unavailable)
    app.register_error_handler(InterfaceError, handle_database_unavailable)
    if not app.testing:
        app.register_error_handler(Exception, handle_unexpected)
