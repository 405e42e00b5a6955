"""Per-client limits on the search page and the feeds, as on the API."""

from portal import create_app
from portal.extensions import db
from tests.conftest import make_test_config


def limited_client(tmp_path, database_url):
    """A client of an app whose search and feed limits are two requests a minute."""
    config = make_test_config(
        tmp_path, database_url, SEARCH_RATE_LIMIT="2 per minute", FEED_RATE_LIMIT="2 per minute"
    )
    app = create_app(config)
    with app.app_context():
        db.create_all()
    return app, app.test_client()


def test_search_and_feeds_are_limited_per_client(tmp_path, database_url):
    app, client = limited_client(tmp_path, database_url)
    for path in ("/search?q=电线", "/feeds/all.atom"):
        assert client.get(path).status_code == 200
        assert client.get(path).status_code == 200
        refused = client.get(path)
        assert refused.status_code == 429, path
        assert "请求过于频繁" in refused.get_data(as_text=True)
    other_client = client.get("/search?q=电线", environ_base={"REMOTE_ADDR": "192.0.2.7"})
    assert other_client.status_code == 200
    assert client.get("/announcements/").status_code == 200  # pages stay unlimited
    with app.app_context():
        db.drop_all()
        db.engine.dispose()


def test_each_app_counts_under_its_own_key_prefix(tmp_path, database_url):
    """Flask-Limiter keeps the first app's prefix on its shared instance; apps after it (each
    test's) must count under their own, or a shared Redis mixes their counts."""
    from portal.extensions import limiter

    for name in ("first", "second"):
        app = create_app(make_test_config(tmp_path / name, database_url))
        assert app.config["RATELIMIT_KEY_PREFIX"].startswith(app.config["CACHE_KEY_PREFIX"])
        assert limiter._key_prefix == app.config["RATELIMIT_KEY_PREFIX"]
