"""Security headers, control characters, proxies, CORS scope and validators."""

import logging

import pytest

from portal import create_app
from portal.security import install_log_escaping
from tests.conftest import make_test_config


@pytest.mark.parametrize("path", ["/", "/announcements/", "/api/v1/announcements", "/feeds/"])
def test_every_response_carries_security_headers(client, path):
    response = client.get(path)
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "geolocation=()" in response.headers["Permissions-Policy"]
    assert "Strict-Transport-Security" not in response.headers


def test_hsts_only_over_https(client):
    response = client.get("/", base_url="https://localhost")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=31536000")


def test_no_template_has_inline_script_or_style(app):
    from pathlib import Path

    from portal.config import PROJECT_ROOT

    for template in Path(PROJECT_ROOT / "templates").rglob("*.html"):
        text = template.read_text("utf-8")
        assert "style=" not in text, template
        assert "<style" not in text, template
        assert "<script>" not in text, template
        assert "onclick=" not in text, template


@pytest.mark.parametrize(
    "url",
    [
        "/categories/%00",
        "/categories/0101%0aforged",
        "/feeds/categories/%00.atom",
        "/feeds/failed.atom?category=%00",
        "/feeds/search.atom?category=a%00b",
        "/search?q=%00",
        "/api/v1/batches?district=%01",
        "/enterprises/%0d%0aSet-Cookie",
    ],
)
def test_control_characters_are_refused_with_400(client, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "控制字符" in response.get_data(as_text=True)


def test_line_breaks_in_a_search_are_allowed(client):
    assert client.get("/search?q=%E7%94%B5%E7%BA%BF%0A%E7%94%B5%E7%BC%86").status_code == 200


def test_log_lines_escape_control_characters(caplog):
    logger = logging.getLogger("portal.test")
    install_log_escaping()
    with caplog.at_level(logging.INFO, logger="portal.test"):
        logger.info("path %s", "/a\nFORGED 200")
    assert "\n" not in caplog.records[-1].getMessage()
    assert "\\n" in caplog.records[-1].getMessage()


def test_cors_only_on_api_and_feeds(client):
    origin = {"Origin": "https://example.org"}
    assert client.get("/api/v1/announcements", headers=origin).headers.get(
        "Access-Control-Allow-Origin"
    )
    assert client.get("/feeds/all.atom", headers=origin).headers.get("Access-Control-Allow-Origin")
    for path in ("/", "/api/docs", "/announcements/"):
        assert "Access-Control-Allow-Origin" not in client.get(path, headers=origin).headers


def test_future_if_modified_since_is_ignored(client, create_announcement):
    create_announcement()
    headers = {"If-Modified-Since": "Tue, 01 Jan 2999 00:00:00 GMT"}
    assert client.get("/api/v1/announcements", headers=headers).status_code == 200
    assert client.get("/announcements/", headers=headers).status_code == 200


def test_past_if_modified_since_still_answers_304(client, create_announcement):
    create_announcement()
    first = client.get("/api/v1/announcements")
    headers = {"If-Modified-Since": first.headers["Last-Modified"]}
    assert client.get("/api/v1/announcements", headers=headers).status_code == 304


def test_dcat_urls_ignore_the_host_header(client, create_announcement):
    from portal.api.exports import export_datasets

    create_announcement()
    export_datasets()
    body = client.get("/catalog.jsonld", headers={"Host": "evil.example"}).get_data(as_text=True)
    assert "evil.example" not in body
    assert "http://localhost/" in body


@pytest.mark.parametrize(("hops", "expected"), [(0, "127.0.0.1"), (1, "203.0.113.9")])
def test_proxy_headers_trusted_only_when_configured(tmp_path, database_url, hops, expected):
    from flask import request

    from portal.extensions import db

    forwarded = {"X-Forwarded-For": "203.0.113.9", "X-Forwarded-Proto": "https"}
    app = create_app(make_test_config(tmp_path, database_url, PROXY_FIX_HOPS=hops))
    app.add_url_rule("/whoami", "whoami", lambda: request.remote_addr)
    assert app.test_client().get("/whoami", headers=forwarded).get_data(as_text=True) == expected
    with app.app_context():
        db.engine.dispose()
