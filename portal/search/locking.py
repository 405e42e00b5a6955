"""One index rebuild at a time, across the workers of a machine and across machines.

On PostgreSQL a session-level advisory lock covers every machine sharing the database; on
SQLite (one machine) an exclusive lock on a file in the instance folder covers its processes.
"""

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from flask import current_app
from sqlalchemy import text

from portal.extensions import db
from portal.filelock import file_lock

logger = logging.getLogger(__name__)

# An arbitrary, fixed 64-bit key naming "the search index rebuild" among advisory locks.
ADVISORY_KEY = 7_206_114_395_201_001
LOCK_FILE = "search-rebuild.lock"


@contextmanager
def rebuild_lock(wait: bool) -> Iterator[bool]:
    """Hold the rebuild lock inside the block; yield False when another holds it and not wait."""
    if db.engine.dialect.name == "postgresql":
        with _advisory_lock(wait) as acquired:
            yield acquired
    else:
        with _file_lock(wait) as acquired:
            yield acquired


def rebuild_running() -> bool:
    """True while a process or thread (this one's included) holds the rebuild lock."""
    with rebuild_lock(wait=False) as acquired:
        return not acquired


@contextmanager
def _advisory_lock(wait: bool) -> Iterator[bool]:
    """A PostgreSQL advisory lock on its own connection (released when the block ends)."""
    with db.engine.connect() as connection:
        if wait:
            connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": ADVISORY_KEY})
            acquired = True
        else:
            query = text("SELECT pg_try_advisory_lock(:key)")
            acquired = bool(connection.execute(query, {"key": ADVISORY_KEY}).scalar())
        connection.commit()
        try:
            yield acquired
        finally:
            if acquired:
                connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": ADVISORY_KEY})
                connection.commit()


def _file_lock(wait: bool):
    """An exclusive flock on a file in the instance folder."""
    return file_lock(Path(current_app.instance_path) / LOCK_FILE, wait)
