"""Load benchmark: the portal under gunicorn against a bare Flask hello-world, in one run.

Seeds a demo instance on SQLite (`seed-demo --scale`, default 6: about 100,000 batches) and its
search index, starts gunicorn with the repository's gunicorn.conf.py for the portal and the same
worker settings for a hello-world app (bench/hello_app.py), and runs wrk (Debian's package)
against them alternately: each portal measurement is paired with a hello-world run just before
it, so the ratio stays meaningful while the machine's speed swings. Prints req/s, p50/p99
latency, errors, the ratio to hello-world, and each worker's private and resident memory.

Run: python bench/load_bench.py [--scale 6] [--duration 10] [--connections 50]
     [--instance DIR]   (reuse a seeded folder: seeding scale 6 takes minutes)
"""

import argparse
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
CACHED_PAGES = ("/", "/announcements/", "/announcements/1", "/recalls/", "/stats/")
MIX = (
    "/",
    "/announcements/",
    "/announcements/?result=不合格",
    "/announcements/3",
    "/recalls/",
    "/recalls/2",
    "/regulations/",
    "/categories/",
    "/stats/",
    "/search?q=电线电缆",
    "/feeds/all.atom",
    "/api/v1/batches?result=不合格",
)
MIX_SCRIPT = """
local paths = {%s}
local i = 0
request = function()
  i = i %% #paths + 1
  return wrk.format("GET", paths[i])
end
"""


def free_port() -> int:
    """A free TCP port on loopback."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def instance_env(folder: Path) -> dict:
    """Settings of the benchmarked instance (all inside the folder)."""
    return dict(
        os.environ,
        PORTAL_DATABASE_URL=f"sqlite:///{folder / 'portal.sqlite3'}",
        PORTAL_SEARCH_INDEX_DIR=str(folder / "index"),
        PORTAL_CACHE_DIR=str(folder / "cache"),
        PORTAL_EXPORT_DIR=str(folder / "downloads"),
        PORTAL_SECRET_KEY="load-bench",
        PORTAL_API_RATE_LIMIT="1000000 per minute",
    )


def seed(folder: Path, scale: float) -> None:
    """Seed the demo content and build the search index, unless the folder has them
    (then only migrate its schema to this code's)."""
    env = instance_env(folder)
    flask = [str(BIN / "flask"), "--app", "portal"]
    if (folder / "portal.sqlite3").exists():
        subprocess.run([*flask, "init-db"], cwd=ROOT, env=env, check=True)
        return
    started = time.perf_counter()
    subprocess.run([*flask, "seed-demo", "--scale", str(scale)], cwd=ROOT, env=env, check=True)
    subprocess.run([*flask, "search", "rebuild"], cwd=ROOT, env=env, check=True)
    print(f"seeded scale {scale} in {time.perf_counter() - started:.0f} s")


def start_gunicorn(app: str, env: dict, workers: int):
    """Start gunicorn with gunicorn.conf.py on a free port; return (process, URL) once up."""
    port = free_port()
    command = [str(BIN / "gunicorn"), "-c", "gunicorn.conf.py", "-b", f"127.0.0.1:{port}"]
    command += ["-w", str(workers), "--access-logfile", "/dev/null"]
    server = subprocess.Popen([*command, app], cwd=ROOT, env=env, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(base + "/", timeout=30):
                return server, base
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{app} did not start")


def warm(base: str, paths) -> None:
    """Request each path once so the measured runs hit a warm cache."""
    for path in paths:
        url = base + urllib.parse.quote(path, safe="/?=&")
        with urllib.request.urlopen(url, timeout=60) as response:
            response.read()


def wrk(base: str, path: str, args, script: Path | None = None) -> dict:
    """Run wrk and parse req/s, p50/p99 (ms) and errors."""
    command = ["wrk", "-t2", f"-c{args.connections}", f"-d{args.duration}s", "--latency"]
    if script:
        command += ["-s", str(script)]
    url = base + urllib.parse.quote(path, safe="/?=&")
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": latency(output, "50%"),
        "p99": latency(output, "99%"),
        "errors": errors(output),
    }


def latency(output: str, percentile: str) -> float:
    """A latency percentile of wrk's --latency table, in milliseconds."""
    value, unit = re.search(rf"{percentile}\s+([\d.]+)(us|ms|s)", output).groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def errors(output: str) -> int:
    """Non-2xx/3xx responses plus socket errors."""
    count = 0
    if match := re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output):
        count += int(match.group(1))
    if match := re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    ):
        count += sum(int(n) for n in match.groups())
    return count


def worker_memory(master: subprocess.Popen) -> list[tuple[float, float]]:
    """(private MiB, resident MiB) of each worker of a gunicorn master."""
    children = subprocess.run(
        ["ps", "--ppid", str(master.pid), "-o", "pid="], capture_output=True, text=True
    ).stdout.split()
    figures = []
    for pid in children:
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
        kib = {k: int(v) for k, v in re.findall(r"^(\w+):\s+(\d+) kB", rollup, re.M)}
        private = kib.get("Private_Clean", 0) + kib.get("Private_Dirty", 0)
        figures.append((private / 1024, kib.get("Rss", 0) / 1024))
    return figures


def run(args) -> None:
    """Seed, start both servers, measure pairs of runs, print the table."""
    folder = Path(args.instance or tempfile.mkdtemp(prefix="load-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    seed(folder, args.scale)
    env = instance_env(folder)
    hello, hello_base = start_gunicorn("bench.hello_app:app", env, args.workers)
    portal, portal_base = start_gunicorn("wsgi:app", env, args.workers)
    script = folder / "mix.lua"
    quoted = ", ".join(f'"{urllib.parse.quote(p, safe="/?=&")}"' for p in MIX)
    script.write_text(MIX_SCRIPT % quoted)
    try:
        warm(portal_base, MIX)
        print(f"{'what':<34}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}{'ratio':>7}")
        for label, path, lua in [*((p, p, None) for p in CACHED_PAGES), ("mix of 12", "/", script)]:
            reference = wrk(hello_base, "/", args)
            measured = wrk(portal_base, path, args, lua)
            ratio = measured["rps"] / reference["rps"]
            print(
                f"{'hello-world':<34}{reference['rps']:>9.0f}{reference['p50']:>9.1f}"
                f"{reference['p99']:>9.1f}{reference['errors']:>8}"
            )
            print(
                f"{label:<34}{measured['rps']:>9.0f}{measured['p50']:>9.1f}"
                f"{measured['p99']:>9.1f}{measured['errors']:>8}{ratio:>7.2f}"
            )
        for number, (private, rss) in enumerate(worker_memory(portal), 1):
            print(f"portal worker {number}: private {private:.0f} MiB, resident {rss:.0f} MiB")
    finally:
        for server in (hello, portal):
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
        if not args.instance:
            shutil.rmtree(folder, ignore_errors=True)


def main() -> None:
    """Parse the arguments and run the benchmark."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=6.0)
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--instance", help="folder of a seeded instance to reuse or create")
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: apt-get install wrk")
    run(parser.parse_args())


if __name__ == "__main__":
    main()
