"""Errors render in the site's layout, or as problem documents under /api/."""

import pytest

from portal import create_app
from portal.extensions import db
from tests.conftest import make_test_config


@pytest.fixture
def failing_app(tmp_path, database_url):
    """An app outside testing mode with routes that fail; its connections closed afterwards."""
    config = make_test_config(tmp_path, database_url, TESTING=False, SEARCH_STARTUP_REBUILD="off")
    app = create_app(config)

    @app.get("/boom")
    def boom():
        raise RuntimeError("unexpected")

    @app.get("/api/boom")
    def api_boom():
        raise RuntimeError("unexpected")

    yield app
    with app.app_context():
        db.engine.dispose()


def test_unexpected_error_renders_500_page(failing_app):
    client = failing_app.test_client()
    response = client.get("/boom")
    assert response.status_code == 500
    body = response.get_data(as_text=True)
    assert "服务器内部错误" in body
    assert "质量信息公开平台" in body
    assert "RuntimeError" not in body


def test_unexpected_api_error_is_a_problem_document(failing_app):
    client = failing_app.test_client()
    response = client.get("/api/boom")
    assert response.status_code == 500
    assert response.mimetype == "application/problem+json"
    assert response.get_json()["status"] == 500


def test_method_not_allowed_lists_allowed_methods(client):
    response = client.post("/announcements/")
    assert response.status_code == 405
    assert "GET" in response.headers["Allow"]


def test_routing_404_explains_in_chinese(client):
    body = client.get("/no/such/page").get_data(as_text=True)
    assert "没有找到您要访问的页面" in body
    problem = client.get("/api/v1/no-such-resource").get_json()
    assert problem["detail"].startswith("没有找到")
