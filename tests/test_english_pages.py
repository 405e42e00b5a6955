"""Every public page type in English shows no Chinese outside published content.

A small demo site is seeded once; each page is rendered with the `lang=en` cookie, the elements
marked lang="zh-Hans" (published titles, names, texts) are set aside, and no Chinese character
may remain in the text, the <title>, the description or the attributes a reader hears. Chinese
there means a string that is not wrapped for translation or not translated yet.
"""

from datetime import timedelta

import feedparser
import pytest

from portal import create_app
from portal.extensions import db
from tests.browser.server import sample_paths, seed_small_site, site_config
from tests.english import CJK, chinese_leaks

SEARCH_WORDS = ("电线", "长" * 201)  # the visitor's own query is echoed back


def open_campaign() -> int:
    """A 你点我检 campaign open now, with choices of other kinds than the demo's categories."""
    from portal.models import Campaign, CampaignChoice, CampaignStatus, ChoiceKind, utcnow

    now = utcnow()
    campaign = Campaign(
        title="2027年你点我检",
        description="请选出您最关心的产品。",
        starts_at=now - timedelta(days=1),
        ends_at=now + timedelta(days=10),
        max_choices=2,
        status=CampaignStatus.OPEN,
    )
    campaign.choices = [
        CampaignChoice(kind=ChoiceKind.PRODUCT, label="电动自行车充电器", position=1),
        CampaignChoice(kind=ChoiceKind.PLACE, label="农贸市场", note="流通环节", position=2),
    ]
    db.session.add(campaign)
    db.session.commit()
    return campaign.id


@pytest.fixture(scope="module")
def english_site(tmp_path_factory, database_url):
    """A seeded small site: (app, sample path by page type)."""
    folder = tmp_path_factory.mktemp("english-site")
    app = create_app(site_config(folder, database_url))
    seed_small_site(app)
    with app.app_context():
        paths = sample_paths(app)
        campaign = open_campaign()
        year = db.session.execute(db.text("SELECT year FROM plan_items LIMIT 1")).scalar()
    paths.pop("feed page")  # a feed is XML: checked below
    paths.update(
        {
            "api docs": "/api/docs",
            "plan": f"/plan/{year}" if year else "/plan/2026",
            "campaigns": "/participate/campaigns/",
            "invalid filter (422)": "/announcements/?year=abc",
            "search too long (422)": "/search?q=" + "长" * 201,
            "page past the end": "/announcements/?page=999",
            "failed batches only": paths["announcement"] + "?result=不合格",
            "regulation list filtered": "/regulations/?level=法律",
            "search without hits": "/search?q=电线&year=1999",
            "unknown category (404)": "/categories/9999",
            "alert subscribe": "/alerts/subscribe?feed=category&code="
            + paths["category"].rsplit("/", 1)[-1],
            "alert requested": "/alerts/requested",
        }
    )
    paths["campaign"] = f"/participate/campaigns/{campaign}"
    yield app, paths
    with app.app_context():
        db.session.remove()
        db.drop_all()
        db.engine.dispose()


PAGE_TYPES = [
    "home",
    "announcement list",
    "announcement",
    "recall list",
    "recall",
    "regulation list",
    "regulation",
    "category list",
    "category",
    "enterprise",
    "stats",
    "search",
    "feeds",
    "privacy",
    "accessibility",
    "contact",
    "downloads",
    "participate",
    "complaint form",
    "suggestion form",
    "tracking",
    "not found",
    "api docs",
    "plan",
    "campaigns",
    "invalid filter (422)",
    "search too long (422)",
    "page past the end",
    "failed batches only",
    "regulation list filtered",
    "search without hits",
    "unknown category (404)",
    "campaign",
    "open campaign",
    "closed campaign",
    "alert subscribe",
    "alert requested",
]


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_english_page_has_no_chinese_interface_text(english_site, page_type):
    app, paths = english_site
    client = app.test_client()
    client.set_cookie("lang", "en")
    response = client.get(paths[page_type])
    html = response.get_data(as_text=True)
    assert '<html lang="en">' in html
    assert chinese_leaks(html, SEARCH_WORDS) == []


def test_the_same_pages_stay_chinese_by_default(english_site):
    app, paths = english_site
    client = app.test_client()
    for page_type in ("home", "announcement", "stats", "search"):
        html = client.get(paths[page_type]).get_data(as_text=True)
        assert '<html lang="zh-Hans">' in html
        assert 'lang="zh-Hans"><span' not in html
        assert "<span lang=" not in html  # content is marked only on English pages


def test_english_feeds_have_english_titles_and_labels(english_site):
    app, _paths = english_site
    client = app.test_client()
    for address in ("/feeds/all.atom?lang=en", "/feeds/recalls.rss?lang=en"):
        body = client.get(address, headers={"Accept": "application/atom+xml"}).get_data()
        feed = feedparser.parse(body)
        assert feed.bozo == 0
        assert not CJK.search(feed.feed.title)
        assert not CJK.search(feed.feed.subtitle)
        assert feed.entries
        for entry in feed.entries:
            first_line = entry.summary.split("\n")[0]
            assert not CJK.search(first_line.split(":")[0].split("·")[0]), first_line
