"""The suite's own checks catch what they are meant to catch (so the suite can fail)."""

import logging

from werkzeug.wrappers import Response

from tests.hostile.checks import problems
from tests.hostile.conftest import LogWatch


def test_a_server_error_is_caught():
    assert problems(Response("oops", status=500)) == ["status 500"]


def test_reflected_markup_is_caught_in_html_and_feeds():
    page = Response('<p><script>alert("hx1")</script></p>', mimetype="text/html")
    feed = Response("<title><svg onload=alert(2)></title>", mimetype="application/atom+xml")
    assert problems(page)
    assert problems(feed)


def test_escaped_markup_and_json_pass():
    page = Response(
        "<p>&lt;script&gt;alert(&#34;hx1&#34;)&lt;/script&gt;</p>", mimetype="text/html"
    )
    data = Response('{"q": "<script>alert(\\"hx1\\")</script>"}', mimetype="application/json")
    assert problems(page) == []
    assert problems(data) == []


def test_foreign_redirects_and_host_urls_are_caught():
    away = Response(status=302, headers={"Location": "//evil.example/x"})
    built = Response('<a href="http://evil.example/">', mimetype="text/html")
    assert problems(away)
    assert problems(built)


def test_forged_log_lines_are_caught():
    watch = LogWatch()
    watch.emit(logging.makeLogRecord({"msg": "path %s", "args": ("/a\nFORGED",)}))
    assert watch.forged_lines()
