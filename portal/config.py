"""Every setting with its default; PORTAL_-prefixed environment variables override them."""

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class DefaultConfig:
    """Defaults for the embedded deployment (SQLite + Whoosh + filesystem cache)."""

    # Site name shown in the header, feeds and the API document.
    SITE_NAME = "质量信息公开平台"
    # The bureau that publishes the data, by its full name (header, footer, feeds, API document).
    PUBLISHER_NAME = "上海市市场监督管理局"
    # The province or city whose local regulations apply here: listed first; others get a note.
    LOCAL_AREA_NAME = "上海市"
    # Absolute base URL for feeds and downloads when no request is active.
    SITE_URL = "http://127.0.0.1:5000"
    # Tagging entity of feed entry ids (tag:<authority>:announcement/<id>), e.g.
    # "example.gov.cn,2026"; empty means "<SITE_URL host>,2026". Never change it once feeds are
    # public: feed readers would see every entry as new.
    FEED_TAG_AUTHORITY = ""
    # Secret for sessions and CSRF; generated into the instance folder when not set.
    SECRET_KEY: str | None = None
    # SQLAlchemy URL; empty means SQLite file `portal.sqlite3` in the instance folder.
    DATABASE_URL = ""
    # Search backend: "whoosh" (embedded) or "postgres".
    SEARCH_BACKEND = "whoosh"
    # Whoosh index folder; empty means `search_index/` at the project root.
    SEARCH_INDEX_DIR = ""
    # Start-up index check: "background" rebuild, "sync", or "off" (empty: off when TESTING).
    SEARCH_STARTUP_REBUILD = ""
    # PostgreSQL search: words in at least this many documents get their facet counts kept.
    SEARCH_TALLY_MIN_DOCS = 10000
    # Update the index after each commit; False pauses it (bulk loads, then `search rebuild`).
    SEARCH_AUTO_INDEX = True
    # Turn off the search result-page cache (benchmarks measure uncached pages).
    SEARCH_DISABLE_CACHE = False
    # Cache: empty means FileSystemCache in the instance folder; "redis://…" for Redis.
    CACHE_URL = ""
    # Seconds a cached page or response lives (invalidation happens on publish anyway).
    CACHE_DEFAULT_TIMEOUT = 600
    # Rate-limit storage: "memory://" by default, "redis://…" across workers.
    RATELIMIT_STORAGE_URI = "memory://"
    # Key prefix in Redis/cache so several deployments can share one server.
    CACHE_KEY_PREFIX = "portal:"
    # Open-data API rate limit per client IP (Flask-Limiter notation), shared by all /api/v1 calls.
    API_RATE_LIMIT = "120 per minute"
    # Folder of the bulk downloads (gzipped JSON Lines + CSV); empty means `instance/downloads`.
    EXPORT_DIR = ""
    # Regenerate the bulk downloads at the end of a request that committed new content.
    EXPORT_AFTER_PUBLISH = True
    # Rows per page on HTML lists.
    PAGE_SIZE = 20
    # Folder with the real regulation texts used for demo content.
    SHARED_DATA_DIR = str(PROJECT_ROOT.parent / "shared" / "data")
    # Whether to log SQL statements.
    SQLALCHEMY_ECHO = False
