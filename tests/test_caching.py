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


def test_responses_without_a_session_do_not_vary_on_cookies(client):
    response = client.get("/")
    assert "Cookie" not in response.headers.get("Vary", "")


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
    from portal.response_store import StoredResponse

    create_announcement()
    with app.test_request_context("/announcements/"):
        key = caching._cache_key()
    assert caching._claim_rendering(key)  # another worker is rendering this page
    headers = [("Content-Type", "text/html; charset=utf-8")]
    other = StoredResponse(headers, b"rendered by another worker", None, key[9:], None)
    threading.Timer(0.3, lambda: cache.set(key, other)).start()
    assert client.get("/announcements/").get_data() == b"rendered by another worker"


def entry(body: bytes, gzipped: bytes | None = None):
    """A stored response holding these bodies."""
    from portal.response_store import StoredResponse

    return StoredResponse([], body, gzipped, "etag", None)


def test_local_response_lru_is_bounded():
    from portal.response_store import LocalResponses

    lru = LocalResponses(max_entries=2, max_bytes=100)
    lru.put("a", entry(b"x" * 10))
    lru.put("b", entry(b"y" * 10))
    assert lru.get("a") is not None  # a is now the most recently used
    lru.put("c", entry(b"z" * 10))
    assert lru.get("b") is None
    assert lru.get("c") is not None
    lru.put("big", entry(b"w" * 20, b"v" * 10))  # both bodies count: over a quarter
    assert lru.get("big") is None
    lru.put("d", entry(b"u" * 10, b"t" * 10))
    lru.put("e", entry(b"s" * 10))
    assert lru.get("c") is None
    assert lru.size == 30  # d's two bodies and e


def test_unknown_arguments_share_one_entry_and_never_reach_the_view(
    app, client, create_announcement
):
    from portal.response_store import local_responses

    create_announcement()
    first = client.get("/announcements/")
    entries = len(local_responses(app).entries)
    for number in range(5):
        junk = client.get(f"/announcements/?junk={number}&utm_source=x")
        assert junk.headers["ETag"] == first.headers["ETag"]
        assert "junk" not in junk.get_data(as_text=True)
    assert len(local_responses(app).entries) == entries


def test_the_key_is_the_parsed_query_not_the_raw_string(client, create_announcement):
    create_announcement()
    plain = client.get("/announcements/?result=不合格&sort=issued_on")
    reordered = client.get("/announcements/?sort=issued_on&result=%E4%B8%8D%E5%90%88%E6%A0%BC")
    with_empty = client.get("/announcements/?year=&sort=issued_on&result=不合格")
    assert plain.headers["ETag"] == reordered.headers["ETag"] == with_empty.headers["ETag"]
    assert client.get("/announcements/?result=合格").headers["ETag"] != plain.headers["ETag"]


def test_links_built_from_the_query_carry_no_unknown_arguments(client, create_announcement):
    for _ in range(3):
        create_announcement()
    page = client.get("/announcements/?per_page=1&junk=evil").get_data(as_text=True)
    assert "page=2" in page
    assert "junk" not in page


def test_the_api_still_refuses_unknown_arguments(client, create_announcement):
    create_announcement()
    assert client.get("/api/v1/announcements").status_code == 200
    assert client.get("/api/v1/announcements?junk=1").status_code in (400, 422)


def test_cached_api_answers_keep_their_rate_limit_headers(client, create_announcement):
    create_announcement()
    client.get("/api/v1/announcements")
    again = client.get("/api/v1/announcements")
    assert again.headers["RateLimit-Limit"]
    assert int(again.headers["RateLimit-Remaining"]) >= 0


def test_compressed_bodies_are_stored_once_and_served_per_accept_encoding(app, client):
    import gzip

    from portal.response_store import local_responses

    plain = client.get("/", headers={"Accept-Encoding": "identity"})
    zipped = client.get("/", headers={"Accept-Encoding": "gzip, br"})
    assert "Content-Encoding" not in plain.headers
    assert zipped.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(zipped.data) == plain.data
    assert int(zipped.headers["Content-Length"]) == len(zipped.data) < len(plain.data)
    assert "Accept-Encoding" in plain.headers["Vary"]
    assert "Accept-Encoding" in zipped.headers["Vary"]
    assert zipped.headers["ETag"] != plain.headers["ETag"]  # two representations
    stored = [e for e in local_responses(app).entries.values() if e.body == plain.data]
    assert len(stored) == 1
    assert stored[0].gzipped == zipped.data
    refused = client.get("/", headers={"Accept-Encoding": "gzip;q=0"})
    assert "Content-Encoding" not in refused.headers


def test_a_compressed_copy_is_revalidated_with_its_own_etag(client):
    zipped = client.get("/", headers={"Accept-Encoding": "gzip"})
    again = client.get(
        "/", headers={"Accept-Encoding": "gzip", "If-None-Match": zipped.headers["ETag"]}
    )
    assert again.status_code == 304
    assert again.headers["ETag"] == zipped.headers["ETag"]
    assert "Accept-Encoding" in again.headers["Vary"]


def test_the_key_has_one_place_for_new_dimensions(app, monkeypatch):
    from werkzeug.test import EnvironBuilder
    from werkzeug.wrappers import Request

    from portal import caching

    def request_with(cookie):
        return Request(EnvironBuilder(path="/", headers={"Cookie": cookie}).get_environ())

    english, chinese = request_with("lang=en"), request_with("lang=zh")
    assert caching.cache_key(app, english, 1, []) == caching.cache_key(app, chinese, 1, [])
    monkeypatch.setattr(caching, "response_variant", lambda req: req.cookies.get("lang", ""))
    assert caching.cache_key(app, english, 1, []) != caching.cache_key(app, chinese, 1, [])


def test_new_static_assets_give_pages_new_keys(app, client):
    from portal.static_assets import ASSETS_VERSION, assets_version

    first = client.get("/").headers["ETag"]
    assert assets_version(app) == app.extensions[ASSETS_VERSION]
    app.extensions[ASSETS_VERSION] = "another-deploy"  # a deploy that changed a stylesheet
    assert client.get("/").headers["ETag"] != first


def test_a_list_keys_on_what_its_keyword_box_passes_on_only_with_words(app, client):
    from portal.response_store import local_responses

    first = client.get("/regulations/")
    entries = len(local_responses(app).entries)
    for year in ("2024", "2025", "junk"):
        response = client.get(f"/regulations/?year={year}")  # no such filter on this list
        assert response.headers["ETag"] == first.headers["ETag"]
    assert len(local_responses(app).entries) == entries
    boxed = client.get("/regulations/?q=产品&year=2026")
    assert boxed.status_code == 302
    assert "year=2026" in boxed.location
