"""Pages carry validators, answer 304, and change when content is published."""

from tests.conftest import commit_content


def test_page_has_validators_and_answers_304(client, create_announcement):
    create_announcement(title="缓存测试公告")
    first = client.get("/announcements/")
    assert first.status_code == 200
    assert first.headers["ETag"]
    assert first.headers["Last-Modified"]
    assert "public" in first.headers["Cache-Control"]
    again = client.get("/announcements/", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
    assert again.data == b""


def test_publishing_invalidates_cached_pages(client, create_announcement):
    first = client.get("/announcements/")
    create_announcement(title="新发布的公告")
    second = client.get("/announcements/", headers={"If-None-Match": first.headers["ETag"]})
    assert second.status_code == 200
    assert "新发布的公告" in second.get_data(as_text=True)
    assert second.headers["ETag"] != first.headers["ETag"]


def test_cached_page_is_served_from_cache(client, create_announcement, app):
    announcement = create_announcement(title="原标题")
    client.get(f"/announcements/{announcement.id}")
    announcement.title = "未经服务层修改的标题"
    from portal.extensions import db

    db.session.commit()
    assert "原标题" in client.get(f"/announcements/{announcement.id}").get_data(as_text=True)
    commit_content()
    assert "未经服务层修改的标题" in client.get(f"/announcements/{announcement.id}").get_data(
        as_text=True
    )


def test_pages_vary_on_cookies_only_for_the_language_choice(client):
    # Shared caches must keep the Chinese and the English page apart (the `lang` cookie); the
    # page never reads the session, so the cookie is the only reason to vary.
    response = client.get("/")
    assert response.headers["Vary"] == "Cookie"
    assert "session" not in response.headers.get("Set-Cookie", "")


def count_statements(app, action) -> list[str]:
    """How many SQL statements the action sends to the database."""
    from sqlalchemy import event

    from portal.extensions import db

    seen = []

    def record(_conn, _cursor, statement, *_args):
        seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        action()
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    return seen


def test_a_cached_page_costs_no_database_round_trip(app, client, create_announcement):
    app.config["CONTENT_VERSION_TTL"] = 60  # a slow first render must not expire it
    create_announcement(title="不查库的缓存页")
    assert client.get("/announcements/").status_code == 200
    assert count_statements(app, lambda: client.get("/announcements/")) == []


def test_clients_with_different_accept_headers_share_one_entry(client, create_announcement):
    create_announcement()
    browser = client.get("/announcements/", headers={"Accept": "text/html,*/*;q=0.8"})
    curl = client.get("/announcements/", headers={"Accept": "*/*"})
    assert browser.headers["ETag"] == curl.headers["ETag"]


def test_another_processes_change_shows_within_the_ttl(app, client, create_announcement):
    from sqlalchemy import update

    from portal.extensions import db
    from portal.models import SiteState
    from portal.response_store import store

    app.config["CONTENT_VERSION_TTL"] = 30
    create_announcement()
    first = client.get("/announcements/").headers["ETag"]
    # Another worker's commit: the version moves without this process's session flag.
    db.session.execute(update(SiteState).values(content_version=SiteState.content_version + 1))
    db.session.commit()
    assert client.get("/announcements/").headers["ETag"] == first
    store().version.read_at -= 31  # the TTL has passed
    assert client.get("/announcements/").headers["ETag"] != first


def test_a_missing_entry_is_rendered_once_while_others_wait(app, client, create_announcement):
    import threading

    from portal import caching
    from portal.extensions import cache

    create_announcement()
    with app.test_request_context("/announcements/"):
        key = caching._cache_key()
    assert caching._claim_rendering(key)  # another worker is rendering this page
    other = (b"rendered by another worker", 200, [("Content-Type", "text/html; charset=utf-8")])
    threading.Timer(0.3, lambda: cache.set(key, other)).start()
    assert client.get("/announcements/").get_data() == b"rendered by another worker"


def test_local_response_lru_is_bounded():
    from portal.response_store import LocalResponses

    lru = LocalResponses(max_entries=2, max_bytes=100)
    lru.put("a", (b"x" * 10, 200, []))
    lru.put("b", (b"y" * 10, 200, []))
    assert lru.get("a") is not None  # a is now the most recently used
    lru.put("c", (b"z" * 10, 200, []))
    assert lru.get("b") is None
    assert lru.get("c") is not None
    lru.put("big", (b"w" * 60, 200, []))  # over a quarter of the bytes: never kept
    assert lru.get("big") is None
    assert lru.size <= 100
