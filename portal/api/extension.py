"""The flask-smorest Api bound to each app: OpenAPI 3 document from the marshmallow schemas."""

import http

from flask import Flask, current_app, jsonify
from flask_babel import gettext
from flask_smorest import Api
from flask_smorest.utils import prepare_response

from portal.api.collection import CSV_MAX_PAGES
from portal.api.headers import RETRY_HEADERS, ResponseHeadersPlugin
from portal.api.languages import localised
from portal.api.reference import rate_limit_text
from portal.api.schemas.common import ProblemSchema
from portal.caching import conditional
from portal.errors import PROBLEM_MIMETYPE
from portal.i18n import LOCALE_COOKIE, N_, format_rate_limit, html_lang, translate

API_TITLE = N_("%(site_name)s开放数据接口")
API_DESCRIPTION = N_("""\
上海市质量信息公开平台的开放数据接口（第 1 版）：监督抽查公告与批次、缺陷产品召回、法律法规、
企业历史、产品类别、统计数据和年度抽查计划。

* **免登录，只读。** 所有接口只接受 GET/HEAD/OPTIONS，并允许跨域（CORS）。
* **分页：** `page`、`per_page`（最多 100）；响应含 `meta`（总数、页码、数据最后更新时间）
  和 `links`，并在 `Link` 头中给出 next/prev。
* **增量同步：** 列表接口接受 `updated_since`（ISO 8601），只返回此后更新的记录。
* **CSV：** 每个列表加 `?format=csv` 或在路径后加 `.csv`，以带 BOM 的 UTF-8 输出，
  可直接用 Excel 打开。每次最多 %(csv_rows)s 行（`Row-Limit` 头）；`Rows-Truncated: true`
  表示还有记录，`Link` 头给出下一页（`page`，最多 %(csv_pages)s 页）和完整的批量下载文件。
* **缓存：** 响应带 `ETag`、`Last-Modified` 和 `Cache-Control`；带 `If-None-Match` 或
  `If-Modified-Since` 重新请求时，数据未变则返回 `304`。
* **限流：** 按 IP 计，限额为%(rate_limit)s。每个响应带 `RateLimit-Limit`、`RateLimit-Remaining`、
  `RateLimit-Reset`（距窗口重置的秒数）；超过后返回 `429` 和 `Retry-After`（秒）。
* **错误：** 以 RFC 9457 `application/problem+json` 返回；`422` 的 `errors` 字段逐项说明
  哪个参数有误；未知的查询参数会被拒绝。已撤回的记录返回 `410`，并给出撤回说明。
* **批量下载：** 各数据集的完整 gzip JSON Lines 和 CSV 文件见 `/api/v1/downloads`，
  DCAT 目录见 `/catalog.jsonld`。
* **个人信息：** 接口从不返回投诉人、建议人的联系方式或工作人员账号。
* **语言：** 本文档的说明文字默认为中文；加 `?lang=en` 或请求头 `Accept-Language: en`
  得到英文说明。
""")


class PortalApi(Api):
    """Api whose errors go through the portal's problem+json handlers."""

    ERROR_SCHEMA = ProblemSchema

    def _openapi_json(self):
        """The document in the reader's language (smorest's own view serves it as built)."""
        return openapi_json()

    def _register_error_handlers(self):
        """Leave HTTP errors to portal.errors (one problem document shape)."""

    def _register_responses(self):
        """Document every error response as application/problem+json."""
        for status in http.HTTPStatus:
            response = {"description": status.phrase}
            if status >= 400:
                response["schema"] = self.ERROR_SCHEMA
            if status == 429:
                response["headers"] = RETRY_HEADERS
            prepare_response(response, self.spec, PROBLEM_MIMETYPE)
            self.spec.components.response(status.name, response, lazy=True)
        response = {"description": N_("错误（RFC 9457 问题文档）"), "schema": self.ERROR_SCHEMA}
        prepare_response(response, self.spec, PROBLEM_MIMETYPE)
        self.spec.components.response("DEFAULT_ERROR", response, lazy=True)


def api_settings(app: Flask) -> dict:
    """flask-smorest settings derived from the portal's configuration."""
    return {
        "API_TITLE": API_TITLE % {"site_name": app.config["SITE_NAME"]},
        "API_VERSION": "v1",
        "OPENAPI_VERSION": "3.0.3",
        "OPENAPI_URL_PREFIX": "/api/v1",
        "OPENAPI_JSON_PATH": "openapi.json",
        "API_SPEC_OPTIONS": {
            "info": {
                "description": API_DESCRIPTION
                % description_values(
                    app.config, rate_limit_text(app.config["API_RATE_LIMIT"]), "不限"
                ),
                "license": {
                    "name": "CC BY 4.0",
                    "url": "https://creativecommons.org/licenses/by/4.0/",
                },
                "contact": {"name": app.config["PUBLISHER_NAME"]},
            },
            "servers": [{"url": "/", "description": app.config["SITE_NAME"]}],
        },
    }


def create_api(app: Flask) -> PortalApi:
    """Configure and bind a new Api to the app."""
    for key, value in api_settings(app).items():
        app.config.setdefault(key, value)
    api = PortalApi(spec_kwargs={"extra_plugins": [ResponseHeadersPlugin()]})
    api.init_app(app)
    return api


def description_values(config, rate_limit: str, unlimited: str) -> dict:
    """The figures the introduction states: rate limit and the CSV answers' bounds."""
    return {
        "rate_limit": rate_limit,
        "csv_rows": config["API_CSV_ROW_LIMIT"] or unlimited,
        "csv_pages": CSV_MAX_PAGES,
    }


def document_info() -> dict:
    """The document's title and description in the reader's language."""
    config = current_app.config
    rate_limit = format_rate_limit(config["API_RATE_LIMIT"])
    values = description_values(config, rate_limit, gettext("不限"))
    return {
        "title": gettext(API_TITLE, site_name=translate(config["SITE_NAME"])),
        "description": gettext(API_DESCRIPTION, **values),
    }


def openapi_document() -> dict:
    """The portal's OpenAPI document in the reader's language."""
    spec = current_app.extensions["portal_api"].spec
    return localised(spec.to_dict(), document_info())


@conditional(params=(LOCALE_COOKIE,))
def openapi_json():
    """/api/v1/openapi.json: Chinese unless `?lang=en` or Accept-Language prefers English."""
    response = jsonify(openapi_document())
    response.headers["Content-Language"] = html_lang()
    return response
