"""Absolute URLs: SITE_URL when set, else the loopback address the request reached, never a
forged Host header."""

import pytest

from portal import create_app
from portal.urls import DEFAULT_SITE_URL, absolute_url, site_base
from tests.conftest import make_test_config


@pytest.fixture
def unset_app(tmp_path, database_url):
    """An app whose SITE_URL is not set (a developer's default run)."""
    return create_app(make_test_config(tmp_path, database_url, SITE_URL=""))


def base_for(app, host: str, server_port: str) -> str:
    """site_base() inside a request with that Host header, reaching the server on that port."""
    environ = {"SERVER_NAME": "127.0.0.1", "SERVER_PORT": server_port}
    with app.test_request_context("/", headers={"Host": host}, environ_overrides=environ):
        return site_base()


def test_configured_site_url_wins_over_any_host(tmp_path, database_url):
    app = create_app(make_test_config(tmp_path, database_url, SITE_URL="https://zj.example.cn/"))
    assert base_for(app, "127.0.0.1:8123", "8123") == "https://zj.example.cn"
    assert base_for(app, "evil.example", "80") == "https://zj.example.cn"


@pytest.mark.parametrize(
    "host", ["127.0.0.1:8123", "localhost:8123", "[::1]:8123", "127.0.0.2:8123"]
)
def test_unset_site_url_follows_a_loopback_host_on_the_servers_port(unset_app, host):
    assert base_for(unset_app, host, "8123") == f"http://{host}"


@pytest.mark.parametrize(
    "host",
    [
        "evil.example:8123",  # a foreign name
        "evil.example",
        "10.0.0.5:8123",  # not loopback
        "127.0.0.1:9999",  # loopback, but not the port the server listens on
        "localhost",  # port 80, server on 8123
        "127.0.0.1:8123@evil.example",  # not a host at all
        "127.0.0.1:xx",
    ],
)
def test_unset_site_url_never_trusts_another_host(unset_app, host):
    assert base_for(unset_app, host, "8123") == DEFAULT_SITE_URL


def test_outside_a_request_the_default_address_is_used(unset_app):
    with unset_app.app_context():
        assert site_base() == DEFAULT_SITE_URL
    with unset_app.test_request_context("/", base_url="http://127.0.0.1:8123"):
        assert absolute_url("public.home") == "http://127.0.0.1:8123/"
