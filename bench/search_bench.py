"""Search benchmark: build a deterministic corpus, index it, time a fixed query set.

    python bench/search_bench.py                      # Whoosh, seed_demo(scale=6.0), ~100k batches
    python bench/search_bench.py --scale 0.5 --repeat 5
    python bench/search_bench.py --backend postgres --database postgresql://postgres@127.0.0.1/test
    python bench/search_bench.py --scale 20 --folder /tmp/sb20      # keep the instance
    python bench/search_bench.py --folder /tmp/sb20 --skip-load --skip-build   # rerun queries
    python bench/search_bench.py --folder /tmp/sb20 --skip-load --skip-build --cold

Before timing, the process loads what gunicorn's master loads before it forks its workers
(portal.preload: the searcher, facet columns, frequent terms read ahead, jieba, templates), so
the first run of each query is what a serving worker sees; --cold skips that and times a bare
process, whose first search loads everything.

Prints index throughput; per query the first run, p50 and p95 of a full result page (10 hits,
highlights, facet counts) through search() with the result-page cache off, the same for the
whole /search page (rendered HTML, response cache off) and for search() with the result-page
cache on; worker memory and the time from a commit until the new content is found. Each timing
is paired with a fixed CPU loop run just before it; the ratio stays meaningful while the
machine's speed swings.
"""

import argparse
import contextlib
import resource
import sys
import tempfile
import time
import uuid
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.reference import loop_ms  # noqa: E402

QUERIES = [
    ("common term", {"q": "抽查"}),
    ("common phrase word", {"q": "监督抽查"}),
    ("two terms", {"q": "产品质量 不合格"}),
    ("rare term", {"q": "温升"}),
    ("quoted phrase", {"q": '"导体电阻"'}),
    ("filter in box", {"q": "电线电缆 result:不合格"}),
    ("two facets", {"q": "不合格", "type": "batch", "year": "2025"}),
    ("traditional", {"q": "監督抽查 電線電纜"}),
    ("pinyin full", {"q": "dianxian"}),
    ("pinyin initials", {"q": "dxdl"}),
    ("exclusion", {"q": "插头插座 -合格"}),
    ("browse newest", {"type": "batch"}),
    ("relevance sort, page 3", {"q": "儿童玩具", "page": "3", "sort": "relevance"}),
    ("common word 有限公司", {"q": "有限公司"}),
    ("common word 合格", {"q": "合格"}),
    ("common word + year", {"q": "有限公司", "year": "2025"}),
    ("two terms + year", {"q": "产品质量 不合格", "year": "2025"}),
    ("five exclusions", {"q": "合格 -抽查 -产品 -公司 -检验"}),
    ("enterprise full name", {"q": "美瑞（上海）安全防护用品有限公司"}),
    ("busiest enterprise's name", {"q": "{busiest}"}),
]


def percentile(samples: list[float], share: float) -> float:
    """The share-th percentile of samples (nearest rank)."""
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def reference_ms() -> float:
    """Wall time of the fixed loop (100,000 iterations) before each query."""
    return loop_ms(100_000, time.perf_counter)


def make_app(args, folder: Path, **overrides):
    """An app on the folder's database and index (fresh unless reused); overrides are more
    settings."""
    from portal import create_app

    database = args.database or f"sqlite:///{folder / 'bench.sqlite3'}"
    return create_app(
        {
            "DATABASE_URL": database,
            "SEARCH_BACKEND": args.backend,
            "SEARCH_INDEX_DIR": str(folder / "search_index"),
            "SEARCH_STARTUP_REBUILD": "off",
            "CACHE_TYPE": "SimpleCache",
            "CACHE_URL": "",
            "SECRET_KEY": "bench",
            "DISABLE_RESPONSE_CACHE": True,
            "RATELIMIT_ENABLED": False,
            **overrides,
        }
    )


def busiest_enterprise() -> str:
    """The name of the enterprise with the most batches (a common full-name search)."""
    from sqlalchemy import func, select

    from portal.extensions import db
    from portal.models import Batch, Enterprise

    stmt = (
        select(Enterprise.name)
        .join(Batch, Batch.enterprise_id == Enterprise.id)
        .group_by(Enterprise.id)
        .order_by(func.count().desc(), Enterprise.id)
        .limit(1)
    )
    return db.session.scalar(stmt) or ""


def queries() -> list[tuple[str, dict]]:
    """The fixed query set with the busiest enterprise's name filled in."""
    busiest = busiest_enterprise()
    return [
        (label, {k: v.replace("{busiest}", busiest) for k, v in raw.items()})
        for label, raw in QUERIES
    ]


def load_corpus(app, scale: float) -> None:
    """Schema, every regulation, then seed_demo at the scale (index updates paused)."""
    from portal.data import shipped_regulation_paths
    from portal.demo.generate import seed_demo
    from portal.extensions import db
    from portal.services.regulations import import_regulation_files

    db.drop_all()
    db.create_all()
    app.config["SEARCH_AUTO_INDEX"] = False
    started = time.perf_counter()
    import_regulation_files(shipped_regulation_paths())
    counts = seed_demo(scale=scale)
    app.config["SEARCH_AUTO_INDEX"] = True
    print(f"corpus: {counts} in {time.perf_counter() - started:.1f}s")


def time_rebuild() -> None:
    """Rebuild the index and print documents per second."""
    from portal.search.maintenance import rebuild_index

    started = time.perf_counter()
    count = rebuild_index()
    elapsed = time.perf_counter() - started
    print(f"index build: {count} documents in {elapsed:.1f}s = {count / elapsed:,.0f} docs/s")


def search_once(app, raw: dict) -> tuple[int, float]:
    """(hits, ms) of one search() with its snippets rendered."""
    from portal.queries.common import load_args
    from portal.search import SearchArgs, search

    with app.test_request_context("/search", query_string=raw):
        started = time.perf_counter()
        page = search(load_args(SearchArgs(), raw))
        [str(hit.snippet) for hit in page.hits]
        return page.total, (time.perf_counter() - started) * 1000


def page_once(client, raw: dict) -> tuple[int, float]:
    """(status, ms) of one whole /search page (HTML rendered, response cache off)."""
    started = time.perf_counter()
    response = client.get("/search", query_string=raw)
    response.get_data()
    return response.status_code, (time.perf_counter() - started) * 1000


def preload_as_gunicorn(app) -> None:
    """Load what gunicorn's master loads before the fork (when_ready in gunicorn.conf.py)."""
    from portal.preload import preload

    started = time.perf_counter()
    preload(app)
    print(f"preloaded as gunicorn's master does: {time.perf_counter() - started:.1f}s")


def time_queries(app, repeat: int, cached: bool, whole_page: bool = False) -> list[float]:
    """Run the query set repeat times; print p50/p95 per query; return all samples."""
    app.config["SEARCH_DISABLE_CACHE"] = not cached
    client = app.test_client()
    everything, ratios, references, worst, firsts = [], [], [], [], []
    what = "whole /search page" if whole_page else "search()"
    cache_state = "on" if cached else "off"
    print(
        f"\n{'query':28} {'hits':>8} {'first ms':>9} {'p50 ms':>8} {'p95 ms':>8} {'p95/ref':>8}"
        f"   ({what}, page cache {cache_state})"
    )
    for label, raw in queries():
        samples, own_ratios = [], []
        for _ in range(repeat):
            references.append(reference_ms())
            outcome, ms = page_once(client, raw) if whole_page else search_once(app, raw)
            samples.append(ms)
            own_ratios.append(ms / references[-1])
        everything += samples
        ratios += own_ratios
        p50, p95 = percentile(samples, 0.5), percentile(samples, 0.95)
        worst.append((p95, label))
        firsts.append((samples[0], label))
        shown = f"[{outcome}]" if whole_page else outcome
        ratio = percentile(own_ratios, 0.95)
        print(f"{label:28} {shown:>8} {samples[0]:>9.1f} {p50:>8.1f} {p95:>8.1f} {ratio:>8.2f}")
    p50, p95 = percentile(everything, 0.5), percentile(everything, 0.95)
    print(
        f"{'all queries':28} {'':>8} {'':>9} {p50:>8.1f} {p95:>8.1f} "
        f"{percentile(ratios, 0.95):>8.2f}"
    )
    slowest, slowest_label = max(worst)
    print(f"highest p95 of one query: {slowest:.1f} ms ({slowest_label})")
    print("highest first run: {:.1f} ms ({})".format(*max(firsts)))
    reference = percentile(references, 0.5)
    print(
        f"reference CPU loop (before each query) p50 {reference:.1f} ms; "
        f"p95 of query/reference {percentile(ratios, 0.95):.3f}, p50 {percentile(ratios, 0.5):.3f}"
    )
    return everything


def time_publish_to_visible(app) -> None:
    """Commit a new announcement and measure until search finds it."""
    from portal.extensions import db
    from portal.models import Announcement, ProductCategory
    from portal.search import search
    from portal.services.content import bump_content_version

    marker = f"基准测试{uuid.uuid4().hex[:6]}"
    category = db.session.scalars(db.select(ProductCategory).limit(1)).one()
    announcement = Announcement(
        number=marker,
        title=f"{marker}产品质量监督抽查结果公告",
        category=category,
        scope="生产",
        period_start_on=date(2026, 1, 1),
        period_end_on=date(2026, 2, 1),
        issued_on=date(2026, 11, 1),
        status="published",
    )
    started = time.perf_counter()
    db.session.add(announcement)
    bump_content_version()
    db.session.commit()
    with app.test_request_context("/search"):
        while search({"q": marker, "page": 1, "per_page": 10}).total == 0:
            time.sleep(0.01)
    print(f"\npublish to visible: {(time.perf_counter() - started) * 1000:.0f} ms")


def main() -> None:
    """Parse arguments and run every measurement."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=("whoosh", "postgres"), default="whoosh")
    parser.add_argument("--scale", type=float, default=6.0)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--database", default="", help="SQLAlchemy URL (default: temporary SQLite)")
    parser.add_argument("--skip-load", action="store_true", help="reuse the database as it is")
    parser.add_argument("--skip-build", action="store_true", help="reuse the index as it is")
    parser.add_argument("--folder", help="keep the database and index here (default: temporary)")
    parser.add_argument("--no-publish", action="store_true", help="leave the corpus unchanged")
    parser.add_argument("--cold", action="store_true", help="no preload: a bare process")
    args = parser.parse_args()
    with contextlib.ExitStack() as stack:
        folder = args.folder or stack.enter_context(tempfile.TemporaryDirectory(prefix="sb-"))
        Path(folder).mkdir(parents=True, exist_ok=True)
        app = make_app(args, Path(folder))
        with app.app_context():
            if not args.skip_load:
                load_corpus(app, args.scale)
            if not args.skip_build:
                time_rebuild()
            if not args.cold:
                preload_as_gunicorn(app)
            time_queries(app, args.repeat, cached=False)
            time_queries(app, args.repeat, cached=False, whole_page=True)
            time_queries(app, max(2, args.repeat // 4), cached=True)
            if not args.no_publish:
                time_publish_to_visible(app)
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"worker memory (max RSS): {rss:.0f} MB")


if __name__ == "__main__":
    main()
