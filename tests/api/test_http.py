"""HTTP behaviour: validators and 304, CORS, rate limits, problem documents, 405, unknown args."""

import pytest

from portal import create_app
from portal.extensions import db
from tests.conftest import make_test_config


def test_etag_last_modified_and_304(client, dataset):
    first = client.get("/api/v1/batches")
    assert first.headers["ETag"]
    assert first.headers["Last-Modified"]
    assert "max-age" in first.headers["Cache-Control"]
    again = client.get("/api/v1/batches", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
    since = client.get(
        "/api/v1/batches", headers={"If-Modified-Since": first.headers["Last-Modified"]}
    )
    assert since.status_code == 304


def test_streamed_csv_has_validators(client, dataset):
    first = client.get("/api/v1/batches.csv")
    assert first.headers["ETag"]
    again = client.get("/api/v1/batches.csv", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304


def test_cors_for_reads(client, dataset):
    response = client.get("/api/v1/categories", headers={"Origin": "https://example.org"})
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "RateLimit-Remaining" in response.headers["Access-Control-Expose-Headers"]
    preflight = client.options(
        "/api/v1/batches",
        headers={"Origin": "https://example.org", "Access-Control-Request-Method": "GET"},
    )
    assert preflight.status_code == 200
    assert "GET" in preflight.headers["Access-Control-Allow-Methods"]
    assert "POST" not in preflight.headers["Access-Control-Allow-Methods"]


def test_rate_limit_headers_and_429(tmp_path, database_url):
    app = create_app(make_test_config(tmp_path, database_url, API_RATE_LIMIT="2 per minute"))
    with app.app_context():
        db.create_all()
        client = app.test_client()
        first = client.get("/api/v1/categories")
        assert first.headers["RateLimit-Limit"] == "2"
        assert first.headers["RateLimit-Remaining"] == "1"
        assert 0 < int(first.headers["RateLimit-Reset"]) <= 60
        client.get("/api/v1/recalls")
        blocked = client.get("/api/v1/categories")
        db.session.remove()  # end the requests' transaction before dropping (PostgreSQL)
        db.drop_all()
        db.engine.dispose()
    assert blocked.status_code == 429
    assert blocked.mimetype == "application/problem+json"
    assert 0 < int(blocked.headers["Retry-After"]) <= 60
    assert blocked.headers["RateLimit-Remaining"] == "0"


def test_405_has_allow_header(client):
    response = client.post("/api/v1/batches")
    assert response.status_code == 405
    assert response.mimetype == "application/problem+json"
    assert set(response.headers["Allow"].split(", ")) == {"GET", "HEAD", "OPTIONS"}


@pytest.mark.parametrize(
    "url",
    ["/api/v1/batches?colour=red", "/api/v1/categories?x=1", "/api/v1/announcements/1?page=2"],
)
def test_unknown_arguments_are_rejected(client, url):
    response = client.get(url)
    assert response.status_code == 422
    assert response.mimetype == "application/problem+json"
    body = response.get_json()
    (name,) = body["errors"]
    assert "不支持该查询参数" in body["errors"][name][0]


def test_invalid_values_give_field_messages(client):
    response = client.get(
        "/api/v1/batches?year=abc&result=maybe&issued_from=2026-02-01&issued_to=2026-01-01"
    )
    assert response.status_code == 422
    body = response.get_json()
    assert body["title"] == "输入有误"
    assert set(body["errors"]) == {"year", "result"}
    reversed_range = client.get("/api/v1/batches?issued_from=2026-02-01&issued_to=2026-01-01")
    assert "issued_to" in reversed_range.get_json()["errors"]
    too_early = client.get("/api/v1/recalls?updated_since=0001-01-01T00:00:00%2B05:00")
    assert too_early.status_code == 422
    assert "updated_since" in too_early.get_json()["errors"]
    nul = client.get("/api/v1/batches?district=%00")
    assert nul.status_code == 400
    assert nul.get_json()["detail"] == "请求中含有不允许的控制字符。"


def test_unknown_api_path_is_a_chinese_problem(client):
    response = client.get("/api/v1/nothing-here")
    assert response.status_code == 404
    assert response.mimetype == "application/problem+json"
    assert "/api/docs" in response.get_json()["detail"]
