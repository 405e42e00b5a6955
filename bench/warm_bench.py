"""Warm-up benchmark: the first common-word search's CPU, with and without reading ahead.

    python bench/search_bench.py --scale 1 --folder /work/bench/warm1 --repeat 1   # once
    python bench/warm_bench.py --folder /work/bench/warm1 [--repeat 3]

For each of 有限公司, 合格 and 抽查, prints the CPU time (of the searching thread) of the first
search() (result-page cache off):
- in a fresh process after `preload()`, as a gunicorn worker forked from the master finds it;
- right after an index change seen by a process that had searched every word before: a
  publication (one document re-indexed: a new small segment) and a rebuild (an index with new
  segment ids swapped in: a second build kept beside the instance's, made on the first run).
"warming on" reads the frequent terms ahead (SEARCH_WARM_TERMS) in preload and, after a change,
in the worker's watcher thread, which the bench waits for; "off" sets SEARCH_WARM_TERMS=0 (and
runs no watcher: the search reopens the index itself). Each search runs in its own process and
is paired with a fixed CPU loop timed just before it (same thread, CPU time): the ratio stays
meaningful on a machine shared with other work.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.reference import loop_ms  # noqa: E402
from bench.search_bench import make_app  # noqa: E402

WORDS = ("有限公司", "合格", "抽查")
CASES = ("fresh process", "after a publication", "after a rebuild")
WAIT_SECONDS = 30  # at most, for the watcher's warm-up after a change


def loop_cpu_ms() -> float:
    """CPU time of the fixed loop (300,000 iterations) in this thread."""
    return loop_ms(300_000)


def first_search(app, word: str) -> dict:
    """The reference loop, then one search() of the word: CPU and wall milliseconds."""
    from portal.queries.common import load_args
    from portal.search import SearchArgs, search

    reference = loop_cpu_ms()
    raw = {"q": word}
    with app.test_request_context("/search", query_string=raw):
        started, wall = time.thread_time(), time.perf_counter()
        page = search(load_args(SearchArgs(), raw))
        [str(hit.snippet) for hit in page.hits]
        cpu = (time.thread_time() - started) * 1000
        wall = (time.perf_counter() - wall) * 1000
    return {"word": word, "cpu": cpu, "wall": wall, "reference": reference, "hits": page.total}


def child_app(folder: Path, warming: bool):
    """The portal app on the instance, reading ahead or not, as a gunicorn master loads it."""
    from portal.preload import preload

    settings = {"SEARCH_WARM_TERMS": 100 if warming else 0, "SEARCH_WARM_INTERVAL": 0.2}
    app = make_app(argparse.Namespace(database="", backend="whoosh"), folder, **settings)
    app.config["SEARCH_DISABLE_CACHE"] = True
    started = time.process_time()
    preload(app)
    print(json.dumps({"preload_cpu": (time.process_time() - started) * 1000}), flush=True)
    return app


def run_fresh(folder: Path, warming: bool, word: str) -> None:
    """A fresh process: preload, then the first search of the word."""
    app = child_app(folder, warming)
    with app.app_context():
        print(json.dumps(first_search(app, word)), flush=True)


def run_after_change(folder: Path, warming: bool, change: str) -> None:
    """A process that searched every word, then for each word: a change, the first search."""
    from portal.search import registry

    app = child_app(folder, warming)
    with app.app_context():
        for word in WORDS:
            first_search(app, word)
        backend = registry.backend()
        watcher = backend.watch() if warming else None
        wait_for_warm_up(backend, watcher)
        for word in WORDS:
            started = time.process_time()
            if change == "publish":
                publish(app)
            else:
                swap_indexes(folder)
            waited = wait_for_warm_up(backend, watcher)
            extra = {"background": (time.process_time() - started) * 1000, "waited": waited}
            print(json.dumps(first_search(app, word) | extra))


def wait_for_warm_up(backend, watcher) -> float:
    """Seconds until the watcher warmed a searcher of the files on disk (1 s without one)."""
    from portal.search.whoosh import index as store

    started = time.perf_counter()
    if watcher is None:
        time.sleep(1.0)
        return time.perf_counter() - started
    time.sleep(0.05)  # the files have changed: let the watcher see it
    while time.perf_counter() - started < WAIT_SECONDS:
        with backend._lock:
            current = backend._files == store.files_signature(backend.folder)
            if current and watcher.warmed() is backend._searcher is not None:
                break
        time.sleep(0.05)
    return time.perf_counter() - started


def publish(app) -> None:
    """Index one recall again through another backend object, as another worker's publication
    does: a new small segment the measured process finds on disk."""
    from portal.extensions import db
    from portal.search import sources
    from portal.search.whoosh import WarmSettings, WhooshBackend

    writer = WhooshBackend(app.config["SEARCH_INDEX_DIR"], WarmSettings(terms=0))
    writer.apply(list(sources.recall_documents(db.session, ids=[2])), [])


def swap_indexes(folder: Path) -> None:
    """Swap the instance's index with the second build, as a rebuild swaps its build in."""
    live, other, moving = (folder / name for name in ("search_index", "search_index_b", "moving"))
    os.replace(live, moving)
    os.replace(other, live)
    os.replace(moving, other)


def prepare_second_build(folder: Path) -> None:
    """Build the instance's documents into search_index_b once (new segment ids)."""
    from portal.extensions import db
    from portal.search import sources
    from portal.search.whoosh import index as store
    from portal.search.whoosh.schema import index_fields

    second = folder / "search_index_b"
    if store.open_index(str(second)) is not None:
        return
    app = make_app(argparse.Namespace(database="", backend="whoosh"), folder)
    started = time.perf_counter()
    with app.app_context():
        fields = (index_fields(doc) for doc in sources.all_documents(db.session))
        count = store.build_index(str(second), fields, lambda n: None)
        version = store.read_state(str(folder / "search_index")).get("content_version")
        store.write_state(str(second), build_id=uuid.uuid4().hex, content_version=version)
    print(f"second build: {count} documents in {time.perf_counter() - started:.0f} s")


def measure(folder: Path, warming: bool, mode: str, *extra: str) -> list[dict]:
    """Run one child process; return its JSON lines."""
    command = [sys.executable, __file__, "--folder", str(folder), "--child", mode, *extra]
    command += ["--warming", "on" if warming else "off"]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]


def collect(folder: Path, repeat: int) -> dict:
    """{(case, word, warming): [samples]} and {warming: [preload CPU ms]}."""
    samples, preloads = {}, {True: [], False: []}
    for _ in range(repeat):
        for warming in (False, True):
            for word in WORDS:
                lines = measure(folder, warming, "fresh", "--word", word)
                preloads[warming].append(lines[0]["preload_cpu"])
                samples.setdefault((CASES[0], word, warming), []).append(lines[1])
            for case, change in zip(CASES[1:], ("publish", "rebuild"), strict=True):
                for line in measure(folder, warming, change)[1:]:
                    samples.setdefault((case, line["word"], warming), []).append(line)
    return {"samples": samples, "preloads": preloads}


def report(found: dict) -> None:
    """One row per case, word and warming: median CPU, reference, ratio."""
    print(f"\n{'case':22} {'word':8} {'warming':>7} {'cpu ms':>8} {'wall ms':>8}", end="")
    print(f" {'loop ms':>8} {'ratio':>6} {'bg cpu ms':>9}")
    for (case, word, warming), lines in found["samples"].items():
        cpu = statistics.median(line["cpu"] for line in lines)
        wall = statistics.median(line["wall"] for line in lines)
        reference = statistics.median(line["reference"] for line in lines)
        ratio = statistics.median(line["cpu"] / line["reference"] for line in lines)
        background = statistics.median(line.get("background", 0) for line in lines)
        shown = "on" if warming else "off"
        print(f"{case:22} {word:8} {shown:>7} {cpu:8.1f} {wall:8.1f} {reference:8.1f}", end="")
        print(f" {ratio:6.2f} {background:9.0f}")
    for warming, values in found["preloads"].items():
        shown = "on" if warming else "off"
        print(f"preload (master) CPU, warming {shown}: median {statistics.median(values):.0f} ms")


def main() -> None:
    """Parse arguments; run a child measurement or the whole benchmark."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", required=True, help="an instance made by search_bench.py")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--child", choices=("fresh", "publish", "rebuild"), help=argparse.SUPPRESS)
    parser.add_argument("--word", help=argparse.SUPPRESS)
    parser.add_argument("--warming", choices=("on", "off"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    folder = Path(args.folder)
    if args.child == "fresh":
        return run_fresh(folder, args.warming == "on", args.word)
    if args.child:
        return run_after_change(folder, args.warming == "on", args.child)
    prepare_second_build(folder)
    print(f"load before: {os.getloadavg()[0]:.2f}")
    report(collect(folder, args.repeat))
    print(f"load after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
