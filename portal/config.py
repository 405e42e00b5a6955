"""Every setting with its default; PORTAL_-prefixed environment variables override them."""

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class DefaultConfig:
    """Defaults for the embedded deployment (SQLite + Whoosh + filesystem cache)."""

    # Site name shown in the header, feeds and the API document.
    SITE_NAME = "质量信息公开平台"  # translated where shown (its English is in the catalogue)
    # The bureau that publishes the data, by its full name (header, footer, feeds, API document).
    PUBLISHER_NAME = "上海市市场监督管理局"
    # The province or city whose local regulations apply here: listed first; others get a note.
    LOCAL_AREA_NAME = "上海市"
    # Public base URL (https://host) of absolute links in feeds, sitemaps and downloads; set it in
    # production. Empty: the address a request reached when it is a loopback one (a developer's
    # run on any port), else http://127.0.0.1:5000 (portal/urls.py).
    SITE_URL = ""
    # Tagging entity of feed entry ids (tag:<authority>:announcement/<id>), e.g.
    # "example.gov.cn,2026"; empty means "<SITE_URL host>,2026". Never change it once feeds are
    # public: feed readers would see every entry as new.
    FEED_TAG_AUTHORITY = ""
    # Secret for sessions and CSRF; generated into the instance folder when not set.
    SECRET_KEY: str | None = None
    # SQLAlchemy URL; empty means SQLite file `portal.sqlite3` in the instance folder.
    DATABASE_URL = ""
    # PostgreSQL: seconds a new connection may take before the request answers 503.
    DATABASE_CONNECT_TIMEOUT = 5
    # PostgreSQL, while serving a request: seconds one round trip (query, commit, pre-ping) may
    # wait for an answer. Then the connection is dropped, the rest of that request's database
    # calls fail at once and it answers 503. 0: no limit. `flask` commands are never limited.
    DATABASE_QUERY_TIMEOUT = 5
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
    # Whoosh: the most frequent terms per field and segment whose documents are read ahead of
    # searches (before gunicorn forks, and in each worker after an index change); 0: none.
    SEARCH_WARM_TERMS = 100
    # Whoosh: seconds one such read-ahead may take (it stops there; searches read the rest).
    SEARCH_WARM_SECONDS = 3.0
    # Whoosh: seconds between a gunicorn worker's checks for index changes (its thread reopens
    # the searcher and reads ahead); 0: no thread, searches reopen it themselves.
    SEARCH_WARM_INTERVAL = 2.0
    # Turn off the search result-page cache (benchmarks measure uncached pages).
    SEARCH_DISABLE_CACHE = False
    # Cache: empty means FileSystemCache in the instance folder; "redis://…" for Redis.
    CACHE_URL = ""
    # Seconds a cached page or response lives (invalidation happens on publish anyway).
    CACHE_DEFAULT_TIMEOUT = 600
    # Seconds a cached response lives in the shared cache; entries are keyed by the content
    # version, so publishing replaces them at once; this only lets old versions' entries expire.
    RESPONSE_CACHE_SECONDS = 86400
    # Seconds a worker trusts the content version it read (other workers' changes show within
    # this time; its own at once). 0 reads it on every request.
    CONTENT_VERSION_TTL = 1.0
    # Bounds of each worker's in-process LRU of rendered responses.
    LOCAL_CACHE_ENTRIES = 512
    LOCAL_CACHE_BYTES = 32 * 1024 * 1024
    # Rate-limit storage: "memory://" by default, "redis://…" across workers.
    RATELIMIT_STORAGE_URI = "memory://"
    # While the rate-limit storage (Redis) is down, count per process instead of failing.
    RATELIMIT_IN_MEMORY_FALLBACK_ENABLED = True
    RATELIMIT_SWALLOW_ERRORS = True
    RATELIMIT_STORAGE_OPTIONS = {"socket_timeout": 0.5, "socket_connect_timeout": 0.5}
    # Number of reverse proxies in front of the app whose X-Forwarded-For/-Proto are trusted
    # (0: none; the client address is the TCP peer). Rate limits key on the real client.
    PROXY_FIX_HOPS = 0
    # Key prefix in Redis/cache so several deployments can share one server.
    CACHE_KEY_PREFIX = "portal:"
    # Open-data API rate limit per client IP (Flask-Limiter notation), shared by all /api/v1 calls.
    API_RATE_LIMIT = "120 per minute"
    # Rows one CSV answer of an API list holds at most (`page` walks on; headers Row-Limit,
    # Rows-Truncated and Link say so); the bulk downloads hold everything. 0: every row, streamed.
    API_CSV_ROW_LIMIT = 1000
    # 你点我检 votes: POST rate limit per client address (Flask-Limiter notation) and ballots
    # per client address per campaign per local day (a keyed hash is stored, never the address).
    CAMPAIGN_VOTE_RATE_LIMIT = "10 per minute"
    CAMPAIGN_BALLOTS_PER_CLIENT = 5
    # Folder of uploaded files (citizens' photos, staff imports kept for the record); empty means
    # `instance/uploads`. Never inside static/: uploads are not served publicly.
    UPLOAD_DIR = ""
    # Citizens' submissions (/participate/): write limits per client (Flask-Limiter notation),
    # the tracking-page limit (it checks access codes, so it also stops guessing), the hash
    # method of access codes (werkzeug notation), and the photo bounds of a complaint.
    PARTICIPATION_RATE_LIMIT = "5 per minute;30 per day"
    TRACK_RATE_LIMIT = "10 per minute;60 per day"
    ACCESS_CODE_HASH_METHOD = "scrypt"
    # Largest request body accepted by /participate/ (photos included), in bytes.
    PARTICIPATION_MAX_REQUEST_BYTES = 20 * 1024 * 1024
    PHOTO_MAX_COUNT = 3
    PHOTO_MAX_BYTES = 5 * 1024 * 1024
    PHOTO_MAX_PIXELS = 40_000_000
    # Longest side of a stored (re-encoded) photo.
    PHOTO_MAX_SIDE = 2048
    # Per-client limits of the search page and of the feeds (Flask-Limiter notation): each
    # search or feed of any query can cost real CPU, so one client cannot take every worker.
    SEARCH_RATE_LIMIT = "60 per minute"
    # Costly requests of one kind (searches, uncached statistics) one process runs at once, and
    # how long one may wait for a turn, and how many may wait at once, before one is answered
    # 503 (portal/load_shedding.py).
    COSTLY_CONCURRENCY = 1
    COSTLY_QUEUE_SECONDS = 0.5
    COSTLY_QUEUE_LENGTH = 1
    FEED_RATE_LIMIT = "120 per minute"
    # Folder of the bulk downloads (gzipped JSON Lines + CSV); empty means `instance/downloads`.
    EXPORT_DIR = ""
    # Regenerate the bulk downloads at the end of a request that committed new content.
    EXPORT_AFTER_PUBLISH = True
    # Run that export in a background thread after the response (False: in the closing request).
    EXPORT_IN_BACKGROUND = True
    # E-mail alerts. SMTP server: smtp://user:pass@host:587?starttls=1, smtps://user:pass@host:465
    # or smtp://host:25 (empty: mails wait in the outbox). Sender address (empty: noreply@ the
    # SITE_URL host); the display name is SITE_NAME.
    SMTP_URL = ""
    ALERTS_FROM = ""
    # Subscription requests per client (Flask-Limiter notation), and confirmation mails one
    # address may be sent within ALERT_ADDRESS_WINDOW_HOURS (counted in the database).
    ALERT_SUBSCRIBE_RATE_LIMIT = "5 per minute;20 per day"
    ALERT_REQUESTS_PER_ADDRESS = 3
    ALERT_ADDRESS_WINDOW_HOURS = 24
    # Days a confirmation link works; unconfirmed subscriptions (and their address) go after.
    ALERT_CONFIRM_MAX_AGE_DAYS = 7
    # Hour (Beijing time) of daily digests; weekly digests go on Mondays at that hour.
    ALERT_DIGEST_HOUR = 8
    # Sending attempts of one mail, and the first retry delay in seconds (doubled each time).
    ALERT_MAX_ATTEMPTS = 8
    ALERT_RETRY_SECONDS = 60
    # Days sent mails stay in the outbox (for the admin view) before they are deleted.
    ALERT_KEEP_SENT_DAYS = 30
    # Whether to log SQL statements.
    SQLALCHEMY_ECHO = False

    # Staff accounts (/admin/). Cookies: Secure when None and SITE_URL starts with https://.
    SESSION_COOKIE_SECURE: bool | None = None
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SECURE: bool | None = None
    REMEMBER_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_HTTPONLY = True
    # Seconds a "keep me signed in" cookie lasts (14 days).
    REMEMBER_COOKIE_DURATION = 14 * 24 * 3600
    # Failed sign-ins within SIGN_IN_LOCK_MINUTES that lock an account name, and a client address.
    SIGN_IN_MAX_ACCOUNT_FAILURES = 5
    SIGN_IN_MAX_CLIENT_FAILURES = 20
    # Length of the failure window and of the lock it triggers.
    SIGN_IN_LOCK_MINUTES = 15
    # werkzeug hash method of staff passwords ("scrypt" = scrypt:32768:8:1, about 0.1-0.5 s).
    PASSWORD_HASH_METHOD = "scrypt"  # noqa: S105  (a method name, not a password)
    # Shortest staff password accepted.
    PASSWORD_MIN_LENGTH = 12
