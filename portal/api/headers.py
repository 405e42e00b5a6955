"""apispec plugin documenting the headers every successful API response carries."""

from apispec import BasePlugin

from portal.i18n import N_


def header_object(description: str, type: str) -> dict:  # `type` is OpenAPI's word
    """An OpenAPI header object."""
    return {"description": description, "schema": {"type": type}}


SUCCESS_HEADERS = {
    "ETag": {
        "description": N_("实体标签；带 If-None-Match 重新请求，未变化时返回 304"),
        "type": "string",
    },
    "Last-Modified": {"description": N_("数据最后更新时间（HTTP 日期）"), "type": "string"},
    "Cache-Control": {"description": N_("缓存策略"), "type": "string"},
    "Link": {"description": N_("列表的 self/next/prev 链接（RFC 8288）"), "type": "string"},
    "RateLimit-Limit": {"description": N_("当前窗口内允许的请求数"), "type": "integer"},
    "RateLimit-Remaining": {"description": N_("当前窗口内剩余的请求数"), "type": "integer"},
    "RateLimit-Reset": {"description": N_("距离窗口重置的秒数"), "type": "integer"},
}


RETRY_HEADERS = {
    "Retry-After": header_object(N_("需等待的秒数"), "integer"),
    "RateLimit-Limit": header_object(N_("当前窗口内允许的请求数"), "integer"),
    "RateLimit-Remaining": header_object(N_("当前窗口内剩余的请求数（0）"), "integer"),
    "RateLimit-Reset": header_object(N_("距离窗口重置的秒数"), "integer"),
}


class ResponseHeadersPlugin(BasePlugin):
    """Add the caching, paging and rate-limit headers to every documented 200 response."""

    def operation_helper(self, path=None, operations=None, **kwargs):
        """Document the 200 headers and the 429 answer of each operation."""
        for operation in (operations or {}).values():
            responses = operation.setdefault("responses", {})
            responses.setdefault(429, "TOO_MANY_REQUESTS")
            for response in (responses.get(200), responses.get("200")):
                if isinstance(response, dict):
                    headers = response.setdefault("headers", {})
                    for name, spec in SUCCESS_HEADERS.items():
                        headers.setdefault(name, header_object(**spec))
