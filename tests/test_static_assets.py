"""Static URLs carry the file's fingerprint and are cached for a year; others stay short."""

import re

from flask import url_for

from portal.static_assets import digest_of


def test_static_urls_are_fingerprinted(app):
    with app.test_request_context():
        url = url_for("static", filename="css/site.css")
        assert re.fullmatch(r"/static/css/site\.[0-9a-f]{12}\.css", url)
        assert url_for("static", filename="css/missing.css") == "/static/css/missing.css"


def test_pages_link_fingerprinted_assets(client):
    page = client.get("/").get_data(as_text=True)
    assert re.search(r'href="/static/css/site\.[0-9a-f]{12}\.css"', page)
    assert re.search(r'src="/static/js/site\.[0-9a-f]{12}\.js"', page)


def test_a_fingerprinted_asset_is_immutable_for_a_year(app, client):
    with app.test_request_context():
        url = url_for("static", filename="css/site.css")
    with client.get(url) as response:
        assert response.status_code == 200
        assert response.data == open_static(app, "css/site.css")
        assert response.cache_control.max_age == 31536000
        assert response.cache_control.immutable
        assert response.cache_control.public


def open_static(app, name: str) -> bytes:
    """The bytes of a static file."""
    from pathlib import Path

    return (Path(app.static_folder) / name).read_bytes()


def test_plain_and_outdated_names_answer_with_short_caching(client):
    for url in ("/static/css/site.css", "/static/css/site.000000000000.css"):
        with client.get(url) as response:
            assert response.status_code == 200
            assert response.cache_control.max_age == 300
            assert not response.cache_control.immutable


def test_a_changed_file_gets_a_new_fingerprint(app, tmp_path):
    import os

    app.static_folder = str(tmp_path)
    asset = tmp_path / "a.css"
    asset.write_text("body{}")
    first = digest_of(app, "a.css")
    asset.write_text("body{color:red}")
    os.utime(asset, ns=(1, 10**18))  # a new modification time
    assert digest_of(app, "a.css") != first
    assert digest_of(app, "../etc/passwd") is None


def test_unknown_static_files_are_404(client):
    assert client.get("/static/css/nothing.0123456789ab.css").status_code == 404
    assert client.get("/static/../portal/__init__.py").status_code == 404
