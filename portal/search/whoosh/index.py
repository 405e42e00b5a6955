"""The one place that writes the Whoosh index: bounded lock wait, retry, rebuild and swap."""

import json
import logging
import os
import shutil
import threading
import time
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from pathlib import Path

from whoosh import index
from whoosh.index import LockError

from portal.search.analysis import init_jieba
from portal.search.errors import SearchUnavailableError
from portal.search.whoosh.codec import WritingCodec
from portal.search.whoosh.schema import build_schema, index_fields
from portal.search.whoosh.storage import MappedStorage

logger = logging.getLogger(__name__)

INDEX_NAME = "portal"
STATE_FILE = "portal-state.json"
LOCK_TIMEOUT = 2.0
LOCK_ATTEMPTS = 4
BUILD_PROCS = 2  # rebuilds write segments in parallel worker processes
LIMIT_MB = 1024  # per build process: postings stay in memory (a spill to disk pickles each one)
# Documents per commit of a rebuild: a writer process spills its postings to disk (then merges
# the pickled runs, hours at 336,000 batches) past about 90,000 documents at LIMIT_MB, so larger
# corpora are written as more segments, BUILD_PROCS per chunk, never merged.
CHUNK_DOCUMENTS = 120_000
# Bump when the schema or the analysis changes: an index of another format is rebuilt at start-up.
FORMAT_VERSION = 5


def open_index(folder: str):
    """Open the index in folder, or None when it is missing (its files are read through
    shared memory maps: see storage)."""
    if not index.exists_in(folder, indexname=INDEX_NAME):
        return None
    return MappedStorage(folder).open_index(INDEX_NAME)


def files_signature(folder: str) -> tuple:
    """Name, inode, size and modification time of each index file: it changes with every
    commit and rebuild, and when a file is replaced (restored, damaged)."""
    signature = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return ()
    for entry in entries:
        if entry.name == STATE_FILE or entry.name.endswith(("_WRITELOCK", ".tmp")):
            continue
        try:
            stat = entry.stat()
        except OSError:
            continue  # removed by a commit meanwhile
        signature.append((entry.name, stat.st_ino, stat.st_size, stat.st_mtime_ns))
    return tuple(sorted(signature))


def create_index(folder: str):
    """Create an empty index in folder, recording its format."""
    Path(folder).mkdir(parents=True, exist_ok=True)
    created = index.create_in(folder, build_schema(), indexname=INDEX_NAME)
    write_state(folder, format=FORMAT_VERSION)
    return created


@contextmanager
def locked_writer(ix, attempts: int = LOCK_ATTEMPTS, timeout: float = LOCK_TIMEOUT):
    """A writer taken with a bounded wait and retries; committed on success, cancelled on error."""
    writer = None
    for attempt in range(1, attempts + 1):
        try:
            writer = ix.writer(timeout=timeout, codec=WritingCodec())
            break
        except LockError:
            logger.warning("Search index locked (attempt %d of %d)", attempt, attempts)
            time.sleep(0.05 * attempt)
    if writer is None:
        raise SearchUnavailableError("search index is locked by another writer")
    try:
        yield writer
    except BaseException:
        writer.cancel()
        raise
    writer.commit()


def apply_changes(folder: str, documents: list, delete_keys: Iterable[str], **lock) -> None:
    """Add or replace documents and delete keys in one locked commit."""
    ix = open_index(folder) or create_index(folder)
    with locked_writer(ix, **lock) as writer:
        for key in delete_keys:
            writer.delete_by_term("key", key)
        for doc in documents:
            writer.update_document(**index_fields(doc))


def read_state(folder: str) -> dict:
    """The bookkeeping stored next to the index (content version it reflects)."""
    try:
        return json.loads((Path(folder) / STATE_FILE).read_text())
    except (OSError, ValueError):
        return {}


def write_state(folder: str, **values) -> None:
    """Update the bookkeeping file atomically."""
    Path(folder).mkdir(parents=True, exist_ok=True)
    path = Path(folder) / STATE_FILE
    state = read_state(folder) | values
    temporary = path.with_suffix(f".{os.getpid()}.tmp")
    temporary.write_text(json.dumps(state))
    temporary.replace(path)


def build_index(
    folder: str,
    fields: Iterable[dict],
    progress: Callable[[int], None],
    chunk: int | None = None,
) -> int:
    """Build a complete index in a fresh folder from analysed field dicts, committing every
    chunk documents as new segments; return the count."""
    chunk = chunk or CHUNK_DOCUMENTS
    ix = create_index(folder)
    init_jieba()  # loaded once here, inherited by the forked writer processes
    count = 0
    writer = None
    try:
        for values in fields:
            if writer is None:
                writer = build_writer(ix)
            writer.add_document(**values)
            count += 1
            progress(1)
            if count % chunk == 0:
                writer.commit(merge=False)
                writer = None
    except BaseException:
        if writer is not None:
            writer.cancel()
        raise
    if writer is not None:
        writer.commit(merge=False)
    return count


def build_writer(ix):
    """A writer for one chunk of a rebuild: parallel processes, one segment each."""
    procs = writer_processes()
    options = {"procs": procs, "multisegment": True} if procs > 1 else {}
    return ix.writer(limitmb=LIMIT_MB, codec=WritingCodec(), **options)


def writer_processes() -> int:
    """How many writer processes a rebuild forks: none beside this one when other threads
    run (a serving worker): a child forked there may wait forever on a lock another thread
    held, and one whose parent exits mid-rebuild waits for work forever, holding the
    inherited rebuild lock."""
    if threading.active_count() > 1:
        return 1
    return max(1, min(BUILD_PROCS, os.cpu_count() or 1))


def swap_in(folder: str, built: str) -> None:
    """Replace the live index folder with a freshly built one."""
    old = f"{folder}.old-{os.getpid()}"
    if os.path.exists(folder):
        os.replace(folder, old)
    os.replace(built, folder)
    shutil.rmtree(old, ignore_errors=True)
