"""A seeded demo site served by werkzeug in a thread on 127.0.0.1 and a free port."""

import tempfile
import threading
from contextlib import contextmanager
from pathlib import Path

from werkzeug.serving import make_server

from portal import create_app
from portal.extensions import db

# Small enough to seed in seconds, large enough for paged lists, facets and charts.
DEMO_SCALE = 0.02
# A national law, this city's regulation and another province's (stems in portal/data/regulations).
REGULATIONS = {
    "产品质量法(2018-12-29)",
    "上海市产品质量条例(2012-04-19)",
    "重庆市产品质量条例(2014-08-01)",
    "缺陷汽车产品召回管理条例(2019-03-02)",
}


def seed_small_site(app, all_regulations: bool = False) -> None:
    """Create the schema, import real regulations (a few, or all), seed a small demo dataset
    and write its bulk downloads."""
    from portal.api.export_hook import refresh_downloads
    from portal.cli import regulation_paths
    from portal.demo.generate import seed_demo
    from portal.services.regulations import import_regulation_files

    with app.app_context():
        db.drop_all()
        db.create_all()
        paths = regulation_paths()
        import_regulation_files([p for p in paths if all_regulations or p.stem in REGULATIONS])
        seed_demo(scale=DEMO_SCALE)
        refresh_downloads(force=True)


@contextmanager
def serve(app):
    """Serve the app in a daemon thread; yield its base URL and stop the server afterwards."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    base_url = f"http://127.0.0.1:{server.server_port}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield base_url
    finally:
        server.shutdown()
        thread.join(timeout=10)


def site_config(folder: Path, database_url: str) -> dict:
    """Settings of a throw-away site in the folder on the given database."""
    return {
        "TESTING": True,
        "SECRET_KEY": "browser-test",
        "DATABASE_URL": database_url,
        "SEARCH_INDEX_DIR": str(folder / "search_index"),
        "CACHE_DIR": str(folder / "cache"),
        "EXPORT_DIR": str(folder / "downloads"),
        "CACHE_KEY_PREFIX": f"portal-browser-{folder.name}:",
        "API_RATE_LIMIT": "100000 per minute",
    }


def sample_paths(app) -> dict[str, str]:
    """One address of every page type of the seeded site."""
    from sqlalchemy import select

    from portal.models import (
        Announcement,
        Batch,
        Campaign,
        Enterprise,
        PlanItem,
        ProductCategory,
        Recall,
        Regulation,
    )

    def first(stmt):
        return db.session.scalars(stmt.limit(1)).first()

    def campaign(status):
        return first(select(Campaign.id).where(Campaign.status == status))

    with app.app_context():
        code = first(select(Enterprise.credit_code).join(Batch).order_by(Enterprise.id))
        local = first(select(Regulation.id).where(Regulation.title.contains("上海市")))
        failing = first(
            select(ProductCategory.code)
            .join(Batch, Batch.category_id == ProductCategory.id)
            .where(Batch.result == "不合格")
            .order_by(ProductCategory.code)
        )
        return {
            "home": "/",
            "announcement list": "/announcements/",
            "announcement": f"/announcements/{first(select(Announcement.id))}",
            "recall list": "/recalls/",
            "recall": f"/recalls/{first(select(Recall.id))}",
            "regulation list": "/regulations/",
            "regulation": f"/regulations/{local}",
            "category list": "/categories/",
            "category": f"/categories/{failing}",
            "enterprise": f"/enterprises/{code}",
            "stats": "/stats/",
            "search": "/search?q=电线",
            "feeds": "/feeds/",
            "feed page": "/feeds/all.atom",
            "privacy": "/privacy",
            "accessibility": "/accessibility",
            "contact": "/contact",
            "downloads": "/downloads/",
            "participate": "/participate/",
            "complaint form": "/participate/complaint",
            "suggestion form": "/participate/suggestion",
            "tracking": "/participate/track",
            "not found": "/announcements/999999",
            "page beyond the last": "/announcements/?page=999",
            "api docs": "/api/docs",
            "plan": f"/plan/{first(select(PlanItem.year).order_by(PlanItem.year.desc())) or 2026}",
            "campaign list": "/participate/campaigns/",
            "open campaign": f"/participate/campaigns/{campaign('open')}",
            "closed campaign": f"/participate/campaigns/{campaign('closed')}",
        }


@contextmanager
def serve_demo_site(database_url: str = "", all_regulations: bool = False):
    """Seed a small site (an SQLite file in a temporary folder by default) and serve it."""
    with tempfile.TemporaryDirectory(prefix="portal-site-") as name:
        folder = Path(name)
        url = database_url or f"sqlite:///{folder / 'site.sqlite3'}"
        app = create_app(site_config(folder, url))
        seed_small_site(app, all_regulations)
        try:
            with serve(app) as base_url:
                yield base_url, app
        finally:
            with app.app_context():
                db.session.remove()
                db.drop_all()
                db.engine.dispose()
