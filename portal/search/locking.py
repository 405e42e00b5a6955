"""One index rebuild at a time, across the workers of a machine and across machines.

On PostgreSQL a session-level advisory lock covers every machine sharing the database; on
SQLite (one machine) an exclusive lock on a file in the instance folder covers its processes.
"""

import fcntl
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from flask import current_app
from sqlalchemy import text

from portal.extensions import db

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


@contextmanager
def _file_lock(wait: bool) -> Iterator[bool]:
    """An exclusive flock on a file in the instance folder."""
    path = Path(current_app.instance_path) / LOCK_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
