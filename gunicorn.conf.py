"""gunicorn settings for production: `gunicorn -c gunicorn.conf.py wsgi:app`.

The app is loaded once in the master before the workers fork (preload_app), so jieba's
dictionary, the search vocabulary and the code are shared copy-on-write by every worker. Any
missing or stale search index is rebuilt there, once, before a worker serves. Before the first
fork the master also opens the search index, reads its facet columns and compiles the
templates (when_ready), and freezes its objects out of the garbage collector's reach
(pre_fork), so a worker's collections do not copy the pages they live on.
"""

import gc
import os

from portal.extensions import db

# Address to listen on; behind nginx keep it on loopback or a private interface.
bind = os.environ.get("PORTAL_BIND", "127.0.0.1:8000")
# Workers x threads: 4 x 4 suits a 2-core machine; raise workers with cores.
workers = int(os.environ.get("PORTAL_WORKERS", "4"))
worker_class = "gthread"
threads = int(os.environ.get("PORTAL_THREADS", "4"))
preload_app = True
# A request that takes longer than this is a bug or an attack: the worker is replaced.
timeout = 30
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so slow leaks cannot grow without bound.
max_requests = 10000
max_requests_jitter = 1000
# Refuse oversized request lines and headers early (bytes).
limit_request_line = 4094
limit_request_fields = 100
limit_request_field_size = 8190
# Only these proxies may set X-Forwarded-*; the app's PORTAL_PROXY_FIX_HOPS must match.
forwarded_allow_ips = os.environ.get("PORTAL_FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = "-"
errorlog = "-"

# Rebuild a missing index in the master, once, before forking (not once per worker).
os.environ.setdefault("PORTAL_SEARCH_STARTUP_REBUILD", "sync")


def when_ready(server):
    """Load in the master what each worker would load on its first requests (see preload)."""
    app = server.app.wsgi()
    if "sqlalchemy" in getattr(app, "extensions", {}):
        from portal.preload import preload

        preload(app)


def pre_fork(server, worker):
    """Move the master's objects out of reach of the garbage collector: a collection in a
    worker would otherwise write to every shared object's header and copy its page."""
    gc.collect()
    gc.freeze()


def post_fork(server, worker):
    """Drop database connections inherited from the master; each worker opens its own. Start
    the worker's search index watcher: after a publication it reopens the index and reads the
    common terms ahead, so the first search does not (see portal/search/whoosh/warming.py)."""
    app = server.app.wsgi()
    if "sqlalchemy" not in getattr(app, "extensions", {}):
        return  # another app under the same settings (the load benchmark's hello-world)
    with app.app_context():
        db.engine.dispose(close=False)
    from portal.search import watch_index

    watch_index(app)
