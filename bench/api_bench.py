"""Benchmark of the open-data API at 100,000 batches on SQLite.

Seeds seed_demo(scale=6.0) into a temporary SQLite database, then measures
1. filtered list pages of /api/v1/batches and /api/v1/announcements with the response cache
   disabled (p50/p95 over many requests), and
2. streaming the CSV of every batch (/api/v1/batches.csv): time, rows, and resident memory
   sampled while the body streams, and
3. regenerating every bulk download (what runs after publishing).

Run: python bench/api_bench.py [--scale 6.0] [--rounds 30]
"""

import argparse
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from portal import create_app  # noqa: E402
from portal.extensions import db  # noqa: E402

PAGE_SIZE = 4096


def rss_mib() -> float:
    """Current resident set size of this process in MiB."""
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * PAGE_SIZE / 2**20


def build_app(folder: Path):
    """An app on a fresh SQLite file with the response cache and rate limit out of the way."""
    return create_app(
        {
            "DATABASE_URL": f"sqlite:///{folder / 'bench.sqlite3'}",
            "CACHE_DIR": str(folder / "cache"),
            "EXPORT_DIR": str(folder / "downloads"),
            "SEARCH_INDEX_DIR": str(folder / "index"),
            "DISABLE_RESPONSE_CACHE": True,
            "API_RATE_LIMIT": "1000000 per minute",
            "API_CSV_ROW_LIMIT": 0,  # the CSV of every batch, streamed, is measured
            "SEARCH_STARTUP_REBUILD": "off",  # the tables do not exist yet; seeded below
        }
    )


def seed(scale: float) -> int:
    """Create the schema and the demo data; return the number of batches."""
    from portal.database import refresh_statistics
    from portal.demo.generate import seed_demo

    db.create_all()
    started = time.perf_counter()
    counts = seed_demo(scale=scale)
    refresh_statistics()  # as `flask seed-demo` does after seeding
    print(f"seeded {counts['batches']:,} batches in {time.perf_counter() - started:.1f} s")
    return counts["batches"]


def filter_urls() -> list[str]:
    """Filtered list pages a developer would ask for, built from values in the data."""
    from sqlalchemy import select

    from portal.models import Batch, Enterprise, ProductCategory

    code = db.session.scalar(select(ProductCategory.code).order_by(ProductCategory.id))
    credit = db.session.scalar(
        select(Enterprise.credit_code).join(Batch, Batch.enterprise_id == Enterprise.id).limit(1)
    )
    return [
        "/api/v1/batches?per_page=100",
        f"/api/v1/batches?category={code}&per_page=50",
        "/api/v1/batches?result=不合格&district=浦东新区",
        "/api/v1/batches?year=2025&result=不合格&page=3",
        f"/api/v1/batches?enterprise={credit}",
        "/api/v1/batches?issued_from=2025-01-01&issued_to=2025-06-30&sort=issued_on",
        "/api/v1/batches?updated_since=2026-06-01T00:00:00Z",
        f"/api/v1/announcements?category={code}&result=不合格",
        "/api/v1/announcements?year=2024&per_page=50",
        "/api/v1/recalls?kind=消费品&per_page=50",
    ]


def time_pages(client, urls: list[str], rounds: int) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU milliseconds per request over `rounds` passes of every URL.

    CPU time is what the request costs this process; it stays meaningful when other
    processes compete for the cores (wall time then includes waiting for a core).
    """
    for url in urls:
        assert client.get(url).status_code == 200, url
    wall, cpu = [], []
    for _ in range(rounds):
        for url in urls:
            started, started_cpu = time.perf_counter(), time.process_time()
            response = client.get(url)
            wall.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
            assert response.status_code == 200
    return wall, cpu


def percentiles(label: str, timings: list[float]) -> str:
    """p50/p95/max of a list of milliseconds."""
    ordered = sorted(timings)
    p95 = ordered[max(0, int(len(ordered) * 0.95) - 1)]
    median = statistics.median(ordered)
    return f"{label} p50 {median:.1f} ms, p95 {p95:.1f} ms, max {ordered[-1]:.1f} ms"


def stream_csv(client) -> None:
    """Stream every batch as CSV and report time, size and memory while streaming."""
    before = rss_mib()
    samples = [before]
    started, started_cpu = time.perf_counter(), time.process_time()
    response = client.get("/api/v1/batches.csv", buffered=False)
    size = lines = 0
    for chunk in response.response:
        size += len(chunk)
        lines += chunk.count(b"\n")
        if lines % 10_000 < 600:
            samples.append(rss_mib())
    response.close()
    elapsed, cpu = time.perf_counter() - started, time.process_time() - started_cpu
    samples.append(rss_mib())
    print(
        f"CSV of all batches: {lines - 1:,} rows, {size / 2**20:.1f} MiB in {elapsed:.2f} s "
        f"(CPU {cpu:.2f} s)"
    )
    print(
        f"  RSS before {before:.0f} MiB, peak while streaming {max(samples):.0f} MiB, "
        f"after {samples[-1]:.0f} MiB (growth {max(samples) - before:.1f} MiB)"
    )


def time_export() -> None:
    """Regenerate every bulk download and report the time and the batch files' sizes."""
    from portal.api.exports import export_datasets

    started = time.perf_counter()
    manifest = export_datasets()
    elapsed = time.perf_counter() - started
    sizes = ", ".join(
        f"{f['name']} {f['size'] / 2**20:.1f} MiB"
        for f in manifest["files"]
        if "batches" in f["name"]
    )
    print(f"bulk export of {len(manifest['files'])} files in {elapsed:.1f} s ({sizes})")


def main() -> None:
    """Seed, then measure list pages and the CSV stream."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=6.0)
    parser.add_argument("--rounds", type=int, default=30)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        app = build_app(Path(folder))
        with app.app_context():
            seed(options.scale)
            client = app.test_client()
            urls = filter_urls()
            wall, cpu = time_pages(client, urls, options.rounds)
            print(f"filtered list pages (uncached), {len(wall)} requests over {len(urls)} URLs:")
            print("  " + percentiles("wall", wall))
            print("  " + percentiles("CPU ", cpu))
            for url in urls:
                one, _ = time_pages(client, [url], 5)
                print(f"  {statistics.median(one):6.1f} ms  {url}")
            stream_csv(client)
            time_export()
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(f"process peak RSS (including seeding): {peak:.0f} MiB")


if __name__ == "__main__":
    main()
