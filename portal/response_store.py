"""Per-process state in front of the database and the shared cache: the content version and
a bounded LRU of rendered responses (one of each per app)."""

import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import datetime

from flask import Flask, current_app, has_app_context
from sqlalchemy import event
from sqlalchemy.orm import Session

from portal.services.content import VERSION_BUMPED, current_content_version

EXTENSION = "portal_response_store"


@dataclass
class HeldVersion:
    """The content version as last read from the database, and when."""

    stamp: tuple[int, datetime | None] | None = None
    read_at: float = 0.0


@dataclass
class StoredResponse:
    """A rendered 200 response as kept in the caches: headers without the per-variant ones
    (ETag, Content-Length, Content-Encoding), the body, and its gzip form when worth it."""

    headers: list[tuple[str, str]]
    body: bytes
    gzipped: bytes | None
    etag: str
    last_modified: datetime | None

    @property
    def size(self) -> int:
        """Bytes held by both bodies."""
        return len(self.body) + len(self.gzipped or b"")


class LocalResponses:
    """A thread-safe LRU of stored responses, bounded by entries and bytes."""

    def __init__(self, max_entries: int, max_bytes: int):
        self.max_entries, self.max_bytes = max_entries, max_bytes
        self.entries: OrderedDict[str, StoredResponse] = OrderedDict()
        self.size = 0
        self.lock = threading.Lock()

    def get(self, key: str) -> StoredResponse | None:
        """The stored response, or None; a hit becomes the most recently used."""
        with self.lock:
            stored = self.entries.get(key)
            if stored is not None:
                self.entries.move_to_end(key)
            return stored

    def put(self, key: str, stored: StoredResponse) -> None:
        """Keep a response, evicting the least recently used beyond the bounds."""
        size = stored.size
        if size > self.max_bytes // 4:
            return
        with self.lock:
            if key in self.entries:
                return
            self.entries[key] = stored
            self.size += size
            while len(self.entries) > self.max_entries or self.size > self.max_bytes:
                _, evicted = self.entries.popitem(last=False)
                self.size -= evicted.size


@dataclass
class ResponseStore:
    """The app's held content version and local response LRU."""

    version: HeldVersion = field(default_factory=HeldVersion)
    responses: LocalResponses | None = None


def store(app: Flask | None = None) -> ResponseStore:
    """The app's store (the current app's by default), created on first use."""
    app = app or current_app._get_current_object()
    extensions = app.extensions
    if EXTENSION not in extensions:
        config = app.config
        responses = LocalResponses(config["LOCAL_CACHE_ENTRIES"], config["LOCAL_CACHE_BYTES"])
        extensions.setdefault(EXTENSION, ResponseStore(responses=responses))
    return extensions[EXTENSION]


def local_responses(app: Flask | None = None) -> LocalResponses:
    """The app's in-process response LRU."""
    return store(app).responses


def fresh_held_version(app: Flask) -> tuple[int, datetime | None] | None:
    """The held content version while it is within CONTENT_VERSION_TTL, else None (no I/O)."""
    held = store(app).version
    if held.stamp is None or time.monotonic() - held.read_at > app.config["CONTENT_VERSION_TTL"]:
        return None
    return held.stamp


def held_content_version() -> tuple[int, datetime | None]:
    """The content version, read from the database at most once per CONTENT_VERSION_TTL."""
    app = current_app._get_current_object()
    stamp = fresh_held_version(app)
    if stamp is None:
        held = store(app).version
        held.stamp, held.read_at = current_content_version(), time.monotonic()
        stamp = held.stamp
    return stamp


@event.listens_for(Session, "after_commit")
def _forget_version_after_bump(session: Session) -> None:
    """A commit of this process that bumped the version makes the held one stale at once."""
    if session.info.pop(VERSION_BUMPED, False) and has_app_context():
        store().version.stamp = None


@event.listens_for(Session, "after_rollback")
def _forget_rolled_back_bump(session: Session) -> None:
    """A rolled-back bump changes nothing."""
    session.info.pop(VERSION_BUMPED, None)
