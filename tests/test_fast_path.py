"""Anonymous GETs of cached public pages are answered before Flask runs, with the same
validators, headers and invalidation as the pages Flask serves."""

import pytest

from portal.fast_path import FastPath, serves_endpoint
from tests.conftest import commit_content


@pytest.fixture
def fast(app) -> FastPath:
    """The app's fast-path middleware, under any outer middleware (the round-trip limit on
    PostgreSQL)."""
    layer = app.wsgi_app
    while not isinstance(layer, FastPath):
        layer = getattr(layer, "wsgi_app", None)
        assert layer is not None, "no FastPath in the app's middleware"
    return layer


@pytest.fixture
def flask_calls(fast, monkeypatch) -> list:
    """Paths of the requests that reached Flask."""
    calls = []
    inner = fast.wsgi_app

    def counting(environ, start_response):
        calls.append(environ["PATH_INFO"])
        return inner(environ, start_response)

    monkeypatch.setattr(fast, "wsgi_app", counting)
    return calls


def test_a_cached_page_is_answered_without_flask(client, flask_calls, create_announcement):
    create_announcement()
    first = client.get("/announcements/")
    again = client.get("/announcements/?junk=1")
    assert flask_calls == ["/announcements/"]
    assert again.data == first.data
    assert again.headers["ETag"] == first.headers["ETag"]
    assert again.headers["Last-Modified"] == first.headers["Last-Modified"]
    for name in ("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy"):
        assert again.headers[name] == first.headers[name]


def test_fast_answers_revalidate(client, flask_calls, create_announcement):
    create_announcement()
    first = client.get("/")
    by_etag = client.get("/", headers={"If-None-Match": first.headers["ETag"]})
    by_date = client.get("/", headers={"If-Modified-Since": first.headers["Last-Modified"]})
    future = client.get("/", headers={"If-Modified-Since": "Fri, 01 Jan 2100 00:00:00 GMT"})
    assert (by_etag.status_code, by_date.status_code, future.status_code) == (304, 304, 200)
    assert by_etag.data == b""
    assert flask_calls == ["/"]


def test_publishing_reaches_the_fast_path(client, flask_calls, create_announcement):
    client.get("/announcements/")
    create_announcement(title="快速通道之后发布的公告")
    assert "快速通道之后发布的公告" in client.get("/announcements/").get_data(as_text=True)
    assert flask_calls == ["/announcements/", "/announcements/"]


def test_head_gets_headers_only(client, flask_calls):
    client.get("/")
    head = client.head("/")
    assert head.status_code == 200
    assert head.data == b""
    assert flask_calls == ["/"]


def test_hsts_over_https(client, flask_calls):
    client.get("/", base_url="https://localhost")
    secure = client.get("/", base_url="https://localhost")
    assert flask_calls == ["/"]
    assert secure.headers["Strict-Transport-Security"].startswith("max-age=")
    assert "Strict-Transport-Security" not in client.get("/").headers


@pytest.mark.parametrize(
    ("path", "kwargs"),
    [
        ("/search?q=电线", {}),  # rate-limited view
        ("/api/v1/announcements", {}),  # rate-limited API
        ("/feeds/all.atom", {}),  # rate-limited feeds
        ("/", {"headers": {"Range": "bytes=0-10"}}),
        ("/", {"method": "POST"}),
    ],
)
def test_what_the_fast_path_leaves_to_flask(client, flask_calls, path, kwargs):
    method = kwargs.pop("method", "GET")
    client.open(path, method=method, **kwargs)
    client.open(path, method=method, **kwargs)
    assert len(flask_calls) == 2


def test_a_session_cookie_goes_through_flask(app, client, flask_calls):
    client.get("/")
    client.set_cookie(app.config["SESSION_COOKIE_NAME"], "anything")
    client.get("/")
    assert flask_calls == ["/", "/"]


def test_control_characters_are_refused_as_before(client, flask_calls):
    client.get("/announcements/")
    assert client.get("/announcements/?result=%01").status_code == 400
    assert client.get("/announcements/?result=%01").status_code == 400


def test_a_stale_held_version_is_read_again(app, client, flask_calls, create_announcement):
    from sqlalchemy import update

    from portal.extensions import db
    from portal.models import SiteState
    from portal.response_store import store

    app.config["CONTENT_VERSION_TTL"] = 30
    create_announcement()
    first = client.get("/").headers["ETag"]
    db.session.execute(update(SiteState).values(content_version=SiteState.content_version + 1))
    db.session.commit()  # another worker's change
    assert client.get("/").headers["ETag"] == first
    store(app).version.read_at -= 31
    assert client.get("/").headers["ETag"] != first
    commit_content()


def test_no_endpoint_the_fast_path_serves_has_a_rate_limit(app):
    from flask_limiter.util import get_qualified_name

    from portal.extensions import limiter

    limited = set(limiter.limit_manager._decorated_limits)
    served = [e for e in app.view_functions if serves_endpoint(e)]
    assert "public.home" in served
    assert "public.search" not in served
    for endpoint in served:
        assert get_qualified_name(app.view_functions[endpoint]) not in limited, endpoint
        assert endpoint.rpartition(".")[0] not in limiter.limit_manager._blueprint_limits


def test_a_cached_search_page_still_counts_against_the_limit(app, client):
    app.config["SEARCH_RATE_LIMIT"] = "3 per minute"
    statuses = [client.get("/search?q=电线").status_code for _ in range(4)]
    assert statuses[:3] == [200, 200, 200]
    assert statuses[3] == 429
