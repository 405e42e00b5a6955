"""Per-process state in front of the database and the shared cache: the content version and
a bounded LRU of rendered responses (one of each per app)."""

import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import datetime

from flask import current_app, has_app_context
from sqlalchemy import event
from sqlalchemy.orm import Session

from portal.services.content import VERSION_BUMPED, current_content_version

EXTENSION = "portal_response_store"


@dataclass
class HeldVersion:
    """The content version as last read from the database, and when."""

    stamp: tuple[int, datetime | None] | None = None
    read_at: float = 0.0


class LocalResponses:
    """A thread-safe LRU of (body, status, headers), bounded by entries and bytes."""

    def __init__(self, max_entries: int, max_bytes: int):
        self.max_entries, self.max_bytes = max_entries, max_bytes
        self.entries: OrderedDict[str, tuple] = OrderedDict()
        self.size = 0
        self.lock = threading.Lock()

    def get(self, key: str):
        """The stored response, or None; a hit becomes the most recently used."""
        with self.lock:
            stored = self.entries.get(key)
            if stored is not None:
                self.entries.move_to_end(key)
            return stored

    def put(self, key: str, stored: tuple) -> None:
        """Keep a response, evicting the least recently used beyond the bounds."""
        size = len(stored[0])
        if size > self.max_bytes // 4:
            return
        with self.lock:
            if key in self.entries:
                return
            self.entries[key] = stored
            self.size += size
            while len(self.entries) > self.max_entries or self.size > self.max_bytes:
                _, evicted = self.entries.popitem(last=False)
                self.size -= len(evicted[0])


@dataclass
class ResponseStore:
    """The app's held content version and local response LRU."""

    version: HeldVersion = field(default_factory=HeldVersion)
    responses: LocalResponses | None = None


def store() -> ResponseStore:
    """The current app's store, created on first use."""
    extensions = current_app.extensions
    if EXTENSION not in extensions:
        config = current_app.config
        responses = LocalResponses(config["LOCAL_CACHE_ENTRIES"], config["LOCAL_CACHE_BYTES"])
        extensions.setdefault(EXTENSION, ResponseStore(responses=responses))
    return extensions[EXTENSION]


def local_responses() -> LocalResponses:
    """The current app's in-process response LRU."""
    return store().responses


def held_content_version() -> tuple[int, datetime | None]:
    """The content version, read from the database at most once per CONTENT_VERSION_TTL."""
    held = store().version
    now = time.monotonic()
    if held.stamp is None or now - held.read_at > current_app.config["CONTENT_VERSION_TTL"]:
        held.stamp, held.read_at = current_content_version(), now
    return held.stamp


@event.listens_for(Session, "after_commit")
def _forget_version_after_bump(session: Session) -> None:
    """A commit of this process that bumped the version makes the held one stale at once."""
    if session.info.pop(VERSION_BUMPED, False) and has_app_context():
        store().version.stamp = None


@event.listens_for(Session, "after_rollback")
def _forget_rolled_back_bump(session: Session) -> None:
    """A rolled-back bump changes nothing."""
    session.info.pop(VERSION_BUMPED, None)
