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


def seed_small_site(app) -> None:
    """Create the schema, import the real regulations and seed a small demo dataset."""
    from portal.cli import regulation_paths
    from portal.demo.generate import seed_demo
    from portal.services.regulations import import_regulation_files

    with app.app_context():
        db.drop_all()
        db.create_all()
        import_regulation_files(regulation_paths())
        seed_demo(scale=DEMO_SCALE)


@contextmanager
def serve(app):
    """Serve the app in a daemon thread; yield its base URL and stop the server afterwards."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    base_url = f"http://127.0.0.1:{server.server_port}"
    app.config["SITE_URL"] = base_url
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


@contextmanager
def serve_demo_site(database_url: str = ""):
    """Seed a small site (an SQLite file in a temporary folder by default) and serve it."""
    with tempfile.TemporaryDirectory(prefix="portal-site-") as name:
        folder = Path(name)
        url = database_url or f"sqlite:///{folder / 'site.sqlite3'}"
        app = create_app(site_config(folder, url))
        seed_small_site(app)
        try:
            with serve(app) as base_url:
                yield base_url
        finally:
            with app.app_context():
                db.session.remove()
                db.drop_all()
                db.engine.dispose()
