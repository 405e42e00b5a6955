"""CPU cost of the statistics requests (home, /stats/, /api/v1/stats), response cache off.

Times each request in one process (thread CPU time, median and maximum of RUNS runs, after one
warm-up run) against a seeded instance, and a pure-Python CPU loop in the same run as the
reference, so the figures compare across runs while the machine's speed swings.

Run: python bench/stats_bench.py --instance DIR   (a folder seeded as bench/load_bench.py does:
     `flask --app portal seed-demo --scale 6`; run `flask --app portal init-db` on it first)
     BENCH_ROOT=/path/to/other/checkout runs another checkout's code on the same data.
"""

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(os.environ.get("BENCH_ROOT") or Path(__file__).resolve().parent.parent)
RUNS = 5
REQUESTS = (
    "/",
    "/stats/",
    "/stats/?year={year}",
    "/stats/?category={category}",
    "/stats/?year={year}&district=浦东新区",
    "/api/v1/stats?year={year}",
    "/api/v1/stats?by=category",
    "/api/v1/stats?by=district&category={category}",
    "/categories/{category}",
)


def cpu_loop_ms() -> float:
    """Thread CPU milliseconds of a fixed pure-Python loop (the reference)."""
    started = time.thread_time()
    total = 0
    for number in range(2_000_000):
        total += number % 7
    return (time.thread_time() - started) * 1000


def cost_ms(client, path: str) -> tuple[int, float]:
    """Status and thread CPU milliseconds of one request."""
    started = time.thread_time()
    response = client.get(path)
    response.get_data()
    return response.status_code, (time.thread_time() - started) * 1000


def main() -> None:
    """Print each request's CPU cost and its ratio to the CPU loop."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--instance", required=True, help="folder with portal.sqlite3")
    parser.add_argument("--database", default="portal.sqlite3", help="file in the folder")
    parser.add_argument("--year", default="2025")
    parser.add_argument("--category", default="0101")
    args = parser.parse_args()
    folder = Path(args.instance)
    sys.path.insert(0, str(ROOT))
    from bench.load_bench import instance_env

    os.environ.update(
        instance_env(folder, args.database),
        PORTAL_SEARCH_STARTUP_REBUILD="off",
        PORTAL_DISABLE_RESPONSE_CACHE="true",
    )
    from portal import create_app

    client = create_app().test_client()
    loops = [cpu_loop_ms()]
    print(f"code: {ROOT}")
    header = f"{'request (response cache off)':<48}{'status':>7}{'median':>8}{'max ms':>8}"
    print(f"{header}{'÷loop':>7}")
    for template in REQUESTS:
        path = template.format(year=args.year, category=args.category)
        cost_ms(client, path)  # warm-up: templates, first queries
        costs, status = [], 0
        for _ in range(RUNS):
            status, cost = cost_ms(client, path)
            costs.append(cost)
        loops.append(cpu_loop_ms())
        median = sorted(costs)[RUNS // 2]
        reference = sorted(loops)[len(loops) // 2]
        print(f"{path:<48}{status:>7}{median:>8.1f}{max(costs):>8.1f}{median / reference:>7.2f}")
    print(f"reference CPU loop: median {sorted(loops)[len(loops) // 2]:.1f} ms")


if __name__ == "__main__":
    main()
