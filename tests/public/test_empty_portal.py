"""A portal just set up with `init-db` (no categories, no content) answers every public URL."""

import feedparser
import pytest

from portal import create_app
from tests.conftest import make_test_config
from tests.test_cli import drop_everything

PAGES = [
    "/",
    "/announcements/",
    "/announcements/?result=不合格&year=2026",
    "/recalls/",
    "/regulations/",
    "/categories/",
    "/stats/",
    "/search?q=电线",
    "/search",
    "/feeds/",
    "/api/docs",
    "/healthz",
]
NOT_FOUND = [
    "/announcements/1",
    "/recalls/1",
    "/regulations/1",
    "/categories/0101",
    "/enterprises/91310115000000001X",
    "/feeds/categories/0101.atom",
    "/api/v1/announcements/1",
    "/api/v1/recalls/1",
    "/api/v1/regulations/1",
]
FEEDS = [
    "/feeds/all.atom",
    "/feeds/all.rss",
    "/feeds/announcements.atom",
    "/feeds/recalls.rss",
    "/feeds/regulations.atom",
    "/feeds/failed.atom",
    "/feeds/search.atom?q=电线",
]
API_LISTS = [
    "/api/v1/announcements",
    "/api/v1/batches",
    "/api/v1/recalls",
    "/api/v1/regulations",
    "/api/v1/search?q=电线",
]
API_OTHER = [
    "/api/v1/categories",
    "/api/v1/stats?by=year",
    "/api/v1/stats?by=category",
    "/api/v1/downloads",
    "/api/v1/openapi.json",
    "/api/v1/batches.csv",
    "/catalog.jsonld",
]


@pytest.fixture(scope="module")
def empty_client(tmp_path_factory, database_url):
    """A client of a portal whose schema was made by `init-db` and holds nothing."""
    app = create_app(make_test_config(tmp_path_factory.mktemp("empty"), database_url))
    with app.app_context():
        drop_everything()  # also Alembic's version table another test's init-db may have left
        result = app.test_cli_runner().invoke(args=["init-db"])
        assert result.exit_code == 0, result.output
        yield app.test_client()
        drop_everything()


@pytest.mark.parametrize("url", PAGES)
def test_pages_answer_on_an_empty_portal(empty_client, url):
    response = empty_client.get(url)
    assert response.status_code == 200, url
    assert "质量信息公开平台" in response.get_data(as_text=True) or url == "/healthz"


@pytest.mark.parametrize("url", NOT_FOUND)
def test_missing_records_are_a_404(empty_client, url):
    assert empty_client.get(url).status_code == 404


@pytest.mark.parametrize("url", FEEDS)
def test_feeds_are_valid_and_empty(empty_client, url):
    response = empty_client.get(url)
    assert response.status_code == 200
    parsed = feedparser.parse(response.data)
    assert parsed.bozo == 0
    assert parsed.entries == []


@pytest.mark.parametrize("url", API_LISTS)
def test_api_lists_are_empty_collections(empty_client, url):
    response = empty_client.get(url)
    assert response.status_code == 200
    body = response.get_json()
    assert body["items"] == []
    assert body["meta"]["total"] == 0


@pytest.mark.parametrize("url", API_OTHER)
def test_other_api_resources_answer(empty_client, url):
    assert empty_client.get(url).status_code == 200


def test_categories_and_downloads_are_empty(empty_client):
    assert empty_client.get("/api/v1/categories").get_json()["items"] == []
    files = empty_client.get("/api/v1/downloads").get_json()["items"]
    assert files
    assert {item["records"] for item in files} == {0}


@pytest.mark.parametrize(
    ("url", "empty_text"),
    [
        ("/announcements/", "暂无已发布的抽查公告"),
        ("/announcements/?result=不合格", "没有符合条件的抽查公告"),
        ("/recalls/", "暂无已发布的召回信息"),
        ("/regulations/", "暂无已发布的法律法规"),
        ("/categories/", "暂无产品类别"),
        ("/", "暂无公告"),
        ("/search?q=电线", "没有"),
    ],
)
def test_lists_explain_that_nothing_is_published_yet(empty_client, url, empty_text):
    assert empty_text in empty_client.get(url).get_data(as_text=True)
