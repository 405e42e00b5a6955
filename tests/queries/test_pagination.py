"""One page type and one list runner behind pages, feeds, the API, CSV and search."""

import csv
import io
from datetime import date

import feedparser

from portal.queries import pagination
from portal.queries.pagination import Page
from portal.search import SearchPage


def test_page_numbers_with_gaps_like_the_template_asks():
    page = Page(items=[], page=10, per_page=10, total=200)
    assert list(page.iter_pages(1, 2, 2, 1)) == [1, None, 8, 9, 10, 11, 12, None, 20]
    assert (page.pages, page.prev_num, page.next_num) == (20, 9, 11)
    empty = Page(items=[], page=1, per_page=20, total=0)
    assert (empty.pages, empty.has_prev, empty.has_next, list(empty.iter_pages())) == (
        0,
        False,
        False,
        [],
    )


def test_search_pages_are_pages():
    page = SearchPage(items=["hit"], page=2, per_page=1, total=3, sort="-date", query="电缆")
    assert isinstance(page, Page)
    assert (page.hits, page.pages, page.has_prev, page.has_next) == (["hit"], 3, True, True)


def test_the_page_and_the_api_show_the_same_page(client, create_announcement):
    for day in range(1, 6):
        create_announcement(title=f"第{day}期公告", issued_on=date(2026, 5, day))
    html = client.get("/announcements/?per_page=2&page=2").get_data(as_text=True)
    body = client.get("/api/v1/announcements?per_page=2&page=2").get_json()
    assert "共 5 条，第 2 / 3 页" in html
    assert (body["meta"]["total"], body["meta"]["pages"]) == (5, 3)
    assert [item["title"] for item in body["items"]] == ["第3期公告", "第2期公告"]
    assert all(item["title"] in html for item in body["items"])
    assert "第4期公告" not in html


def test_feeds_take_the_first_page_and_csv_streams_every_row(
    client, monkeypatch, create_announcement
):
    for day in range(1, 6):
        create_announcement(title=f"第{day}期公告", issued_on=date(2026, 5, day))
    monkeypatch.setattr(pagination, "YIELD_PER", 2)
    rows = list(csv.DictReader(io.StringIO(client.get("/api/v1/announcements.csv").text)))
    assert [row["title"] for row in rows] == [f"第{day}期公告" for day in range(5, 0, -1)]
    feed = feedparser.parse(client.get("/feeds/announcements.atom").data)
    assert [entry.title for entry in feed.entries][:1] == ["第5期公告"]
    assert len(feed.entries) == 5


def every_page_of_batches(client, per_page: int) -> list[int]:
    """Batch ids of every API page in order."""
    ids, page = [], 1
    while True:
        items = client.get(f"/api/v1/batches?per_page={per_page}&page={page}").get_json()["items"]
        if not items:
            return ids
        ids += [item["id"] for item in items]
        page += 1


def test_deep_pages_loaded_late_list_the_same_records(monkeypatch, client, create_announcement):
    for day in range(1, 5):
        create_announcement(results=(("合格", []),) * 3, issued_on=date(2026, 5, day))
    early = every_page_of_batches(client, 2)
    monkeypatch.setattr(pagination, "LATE_LOAD_OFFSET", 1)
    assert every_page_of_batches(client, 2) == early
    assert len(early) == len(set(early)) == 12
    body = client.get("/api/v1/batches?per_page=5&page=3").get_json()
    assert len(body["items"]) == 2
    assert body["meta"]["total"] == 12
    assert body["items"][0]["announcement"]["id"]  # the joined records are loaded too


def test_deep_pages_select_the_key_alone(monkeypatch, client, create_announcement):
    from sqlalchemy import event

    from portal.extensions import db

    create_announcement(results=(("合格", []),) * 3)
    monkeypatch.setattr(pagination, "LATE_LOAD_OFFSET", 1)
    statements = []

    def record(_conn, _cursor, statement, *_args):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        assert len(client.get("/api/v1/batches?per_page=1&page=2").get_json()["items"]) == 1
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    assert any(s.startswith("SELECT batches.id \nFROM") and "OFFSET" in s for s in statements)


def test_only_single_entity_selects_are_loaded_late(app):
    from sqlalchemy import select

    from portal.models import Batch

    assert pagination.late_load_key(select(Batch)) is Batch.__table__.c.id
    assert pagination.late_load_key(select(Batch.id, Batch.result)) is None
    assert pagination.late_load_key(select(Batch.result)) is None
