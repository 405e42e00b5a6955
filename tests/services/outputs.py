"""What the public sees of one announcement on every output: pages, search, feeds, API, stats,
bulk downloads. Used to prove drafts and scheduled items stay hidden until published."""

import feedparser

from portal.api.export_hook import refresh_downloads

WORD = "紫罗兰"  # only in the draft's title
TITLE = f"2026年{WORD}电热水壶产品质量监督抽查结果公告"


def public_sightings(client, announcement_id: int) -> dict[str, bool]:
    """For each public output, whether it shows the announcement."""
    detail = client.get(f"/announcements/{announcement_id}")
    api_detail = client.get(f"/api/v1/announcements/{announcement_id}")
    api_list = client.get("/api/v1/announcements?per_page=100").get_json()
    api_search = client.get(f"/api/v1/search?q={WORD}").get_json()
    feed = feedparser.parse(client.get("/feeds/all.atom").get_data())
    stats = client.get("/api/v1/stats?by=year").get_json()
    return {
        "list page": TITLE in client.get("/announcements/").get_data(as_text=True),
        "detail page": detail.status_code == 200 and TITLE in detail.get_data(as_text=True),
        "search page": TITLE in client.get(f"/search?q={WORD}").get_data(as_text=True),
        "feed": any(TITLE in entry.title for entry in feed.entries),
        "api list": any(item["title"] == TITLE for item in api_list["items"]),
        "api detail": api_detail.status_code == 200,
        "api search": api_search["meta"]["total"] > 0,
        "stats": stats["total"]["batches"] > 0,
        "bulk download": TITLE in downloaded_announcements(client),
        "enterprise page batches": "温控器失效" in enterprise_page(client),
    }


def downloaded_announcements(client) -> str:
    """The announcements CSV of the bulk downloads, refreshed first as the cron job does."""
    refresh_downloads()
    with client.get("/api/v1/downloads/announcements.csv") as response:
        return response.get_data(as_text=True)


def enterprise_page(client) -> str:
    """The page of the draft's enterprise (its batch rows show failed items)."""
    from sqlalchemy import select

    from portal.extensions import db
    from portal.models import Batch

    batch = db.session.scalars(select(Batch)).first()
    code = batch.enterprise.credit_code
    return client.get(f"/enterprises/{code}").get_data(as_text=True)


def seen_nowhere(sightings: dict[str, bool]) -> bool:
    """True when no output shows the record."""
    return not any(sightings.values())


def seen_everywhere(sightings: dict[str, bool]) -> bool:
    """True when every output shows the record."""
    return all(sightings.values())
