"""Load benchmark: the portal under gunicorn against a bare Flask hello-world, in one run.

Seeds a demo instance on SQLite (`seed-demo --scale`, default 6: about 100,000 batches) and its
search index, starts gunicorn with the repository's gunicorn.conf.py for the portal and the same
worker settings for a hello-world app (bench/hello_app.py), and runs wrk (Debian's package)
against them alternately: each portal measurement is paired with a hello-world run just before
it, so the ratio stays meaningful while the machine's speed swings. Prints req/s, p50/p99
latency, errors, the ratio to hello-world, each worker's memory (USS: private, PSS: private plus
its share of what it shares, RSS) at its start, after the runs and after a publication that
every worker's searcher must reopen, and how soon a replaced worker answers (and what its first
searches add).

--costly adds the attack run: COSTLY_CLIENTS connections send the costliest requests an
anonymous client can make (each a cache miss: every request differs) while a plain page is
measured beside them; and each costly request's CPU time in one process (the target is at
most 100 ms).

--costs prints only those CPU times, and the COSTLY_PAGES': pages the response cache serves,
measured as on a miss (after a publication), in Chinese and with the English cookie.

--memory measures only the memory and the replaced worker (no throughput runs).

Run: python bench/load_bench.py [--scale 6] [--duration 10] [--connections 50] [--costly]
     [--memory] [--instance DIR]   (reuse a seeded folder: seeding scale 6 takes minutes)
"""

import argparse
import gc
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
# The costliest requests of an anonymous client; {n} becomes a counter, so none is a cache hit.
COSTLY = (
    "/search?q=有限公司&page={n}",
    "/search?q=合格 -抽查 -产品 -公司 -检验&page={n}",
    "/search?q=美瑞（上海）安全防护用品有限公司&page={n}",
    "/search?q=不合格&type=batch&page={n}",
    "/search?q=产品质量 不合格&year={year}&page={n}",
    "/feeds/search.atom?q=有限公司&year={year}",
    "/api/v1/search?q=合格&page={n}",
    "/api/v1/batches.csv?year={year}&result=不合格",
    "/api/v1/batches.csv?year={year}&page=10",  # the deepest CSV page: 9,000 rows skipped
    "/api/v1/batches?page={n}&per_page=100",
    "/api/v1/batches?page=1000&per_page=100",  # the deepest page: 99,900 batches skipped
    "/api/v1/batches?district=浦东新区&page={n}&per_page=100",
    "/api/v1/announcements.csv",  # every announcement with its batch totals
    "/announcements/?page={page}&per_page=100",  # {page}: 1-7, pages that exist
    "/stats/?year={year}",
    "/api/v1/stats?year={year}",
)
# Pages the response cache serves (a client cannot make them miss), costly when it misses
# after a publication: measured by --costs alone, each in Chinese and with the English cookie.
# {biggest} becomes the announcement with the most batches.
COSTLY_PAGES = ("/feeds/", "/announcements/{biggest}")
COSTLY_CLIENTS = 20
# The page measured beside the attack.
PLAIN_PAGE = "/regulations/"
COSTLY_SCRIPT = """
local paths = {%s}
local i = 0
request = function()
  i = i + 1
  local path = paths[i %% #paths + 1]
  path = string.gsub(path, "{n}", tostring(i %% 900 + 1))
  path = string.gsub(path, "{page}", tostring(i %% 7 + 1))
  path = string.gsub(path, "{year}", tostring(2024 + i %% 3))
  return wrk.format("GET", path)
end
"""
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


def instance_env(folder: Path, database: str = "portal.sqlite3") -> dict:
    """Settings of the benchmarked instance (all inside the folder)."""
    return dict(
        os.environ,
        PORTAL_DATABASE_URL=f"sqlite:///{folder / database}",
        PORTAL_SEARCH_INDEX_DIR=str(folder / "index"),
        PORTAL_CACHE_DIR=str(folder / "cache"),
        PORTAL_EXPORT_DIR=str(folder / "downloads"),
        PORTAL_SECRET_KEY="load-bench",
        PORTAL_API_RATE_LIMIT="1000000 per minute",
        PORTAL_SEARCH_RATE_LIMIT="1000000 per minute",
        PORTAL_FEED_RATE_LIMIT="1000000 per minute",
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


def workers_of(master: subprocess.Popen) -> list[int]:
    """Process ids of a gunicorn master's workers."""
    children = subprocess.run(
        ["ps", "--ppid", str(master.pid), "-o", "pid="], capture_output=True, text=True
    ).stdout.split()
    return [int(pid) for pid in children]


def memory_of(pid: int) -> tuple[float, float, float]:
    """(USS, PSS, RSS) of a process in MiB."""
    rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
    kib = {k: int(v) for k, v in re.findall(r"^(\w+):\s+(\d+) kB", rollup, re.M)}
    private = kib.get("Private_Clean", 0) + kib.get("Private_Dirty", 0)
    return private / 1024, kib.get("Pss", 0) / 1024, kib.get("Rss", 0) / 1024


def worker_memory(master: subprocess.Popen) -> list[tuple[float, float, float]]:
    """(USS, PSS, RSS) MiB of each live worker of a gunicorn master."""
    figures = []
    for pid in workers_of(master):
        try:
            figures.append(memory_of(pid))
        except OSError:
            continue  # killed, not yet reaped
    return figures


def wait_for_workers(master: subprocess.Popen, count: int) -> None:
    """Wait (up to 60 s) until the master has count live workers."""
    deadline = time.monotonic() + 60
    while len(worker_memory(master)) < count and time.monotonic() < deadline:
        time.sleep(0.2)


def replaced_worker_answers(master: subprocess.Popen, base: str) -> float:
    """Seconds from killing every worker to the first answer of a new one."""
    started = time.monotonic()
    for pid in workers_of(master):
        os.kill(pid, signal.SIGKILL)
    deadline = started + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(base + "/", timeout=10) as response:
                response.read()
                return time.monotonic() - started
        except OSError:
            time.sleep(0.01)
    raise RuntimeError("no worker answered within 60 s")


def run(args) -> None:
    """Seed, start both servers, measure pairs of runs, print the table and the memory."""
    folder = Path(args.instance or tempfile.mkdtemp(prefix="load-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    seed(folder, args.scale)
    env = instance_env(folder)
    hello, hello_base = start_gunicorn("bench.hello_app:app", env, args.workers)
    portal, portal_base = start_gunicorn("wsgi:app", env, args.workers)
    try:
        wait_for_workers(portal, args.workers)
        print_memory(portal, "at start")
        warm(portal_base, MIX)
        if not args.memory:
            throughput(hello_base, portal_base, folder, args)
        if args.costly or args.memory:
            attack(hello_base, portal_base, folder, args)
        print_memory(portal, "after the runs")
        republish(env)
        costly_searches(portal_base, folder, seconds=5)
        print_memory(portal, "after a publication (every searcher reopened)")
        seconds = replaced_worker_answers(portal, portal_base)
        print(f"all workers killed: a new one answers after {seconds:.2f} s")
        wait_for_workers(portal, args.workers)
        print_memory(portal, "new workers, before a search")
        costly_searches(portal_base, folder, seconds=5)
        print_memory(portal, "new workers after 5 s of searches")
    finally:
        for server in (hello, portal):
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
        if not args.instance:
            shutil.rmtree(folder, ignore_errors=True)


def throughput(hello_base: str, portal_base: str, folder: Path, args) -> None:
    """Each cached page and the mix of 12, each between two hello-world runs."""
    script = folder / "mix.lua"
    quoted = ", ".join(f'"{urllib.parse.quote(p, safe="/?=&")}"' for p in MIX)
    script.write_text(MIX_SCRIPT % quoted)
    print(f"{'what':<34}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}{'ratio':>7}")
    for label, path, lua in [*((p, p, None) for p in CACHED_PAGES), ("mix of 12", "/", script)]:
        before = wrk(hello_base, "/", args)
        measured = wrk(portal_base, path, args, lua)
        after = wrk(hello_base, "/", args)
        reference = {k: (before[k] + after[k]) / 2 for k in before}  # the run between
        ratio = measured["rps"] / reference["rps"]
        print(
            f"{'hello-world (before/after mean)':<34}{reference['rps']:>9.0f}"
            f"{reference['p50']:>9.1f}{reference['p99']:>9.1f}{reference['errors']:>8.0f}"
        )
        print(
            f"{label:<34}{measured['rps']:>9.0f}{measured['p50']:>9.1f}"
            f"{measured['p99']:>9.1f}{measured['errors']:>8}{ratio:>7.2f}"
        )


def print_memory(master: subprocess.Popen, when: str) -> None:
    """Each worker's USS/PSS/RSS and the master's, with the largest worker USS."""
    print(f"memory {when}:")
    figures = worker_memory(master)
    for number, (uss, pss, rss) in enumerate(figures, 1):
        print(f"  portal worker {number}: USS {uss:.0f} MiB, PSS {pss:.0f} MiB, RSS {rss:.0f} MiB")
    uss, pss, rss = memory_of(master.pid)
    print(f"  portal master: USS {uss:.0f} MiB, PSS {pss:.0f} MiB, RSS {rss:.0f} MiB")
    if figures:
        print(f"  largest worker USS {max(f[0] for f in figures):.0f} MiB")


def republish(env: dict) -> None:
    """Index one recall again, as a publication does: a new segment and table of contents
    that every worker's searcher must reopen."""
    script = (
        "from portal import create_app\n"
        "from portal.extensions import db\n"
        "from portal.search import registry, sources\n"
        "app = create_app()\n"
        "with app.app_context():\n"
        "    registry.backend().apply(list(sources.recall_documents(db.session, ids=[2])), [])\n"
    )
    settings = dict(env, PORTAL_SEARCH_STARTUP_REBUILD="off")
    subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=settings, check=True)


def costly_searches(base: str, folder: Path, seconds: int) -> None:
    """COSTLY_CLIENTS connections of cache-missing costly requests for a few seconds."""
    script = write_costly_script(folder)
    command = ["wrk", "-t1", f"-c{COSTLY_CLIENTS}", f"-d{seconds}s", "-s", str(script), base + "/"]
    subprocess.run(command, capture_output=True, check=True)


def write_costly_script(folder: Path) -> Path:
    """The wrk script sending the COSTLY requests, each different."""
    script = folder / "costly.lua"
    quoted = ", ".join(f'"{urllib.parse.quote(p, safe="/?=&{}")}"' for p in COSTLY)
    script.write_text(COSTLY_SCRIPT % quoted)
    return script


def attack(hello_base: str, portal_base: str, folder: Path, args) -> None:
    """COSTLY_CLIENTS connections of costly requests, a plain page measured beside them."""
    script = write_costly_script(folder)
    reference = wrk(hello_base, "/", args)
    command = ["wrk", "-t1", f"-c{COSTLY_CLIENTS}", f"-d{args.duration + 2}s", "--latency"]
    command += ["-s", str(script), portal_base + "/"]
    attackers = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    time.sleep(1)
    plain_args = argparse.Namespace(connections=5, duration=args.duration)
    plain = wrk(portal_base, PLAIN_PAGE, plain_args)
    output = attackers.communicate()[0]
    costly_rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    print(f"hello-world reference: {reference['rps']:.0f} req/s")
    attack_p99 = latency(output, "99%")
    print(
        f"{COSTLY_CLIENTS} costly clients: {costly_rps:.0f} req/s, p99 {attack_p99:.0f} ms;"
        f" {PLAIN_PAGE} beside them: p50 {plain['p50']:.1f} ms, p99 {plain['p99']:.1f} ms,"
        f" errors {plain['errors']}"
    )


def request_costs(folder: Path) -> None:
    """CPU milliseconds of each costly request in one process, response cache off: three
    different requests per line (the search result cache misses too), median and maximum;
    then the COSTLY_PAGES in Chinese and in English, once untimed (its templates compiled, as
    in a worker) and five times timed."""
    os.environ.update(instance_env(folder), PORTAL_DISABLE_RESPONSE_CACHE="true")
    sys.path.insert(0, str(ROOT))
    from portal import create_app

    app = create_app()
    client = app.test_client()
    client.get("/search?q=电线")  # loads what every worker loads once
    gc.collect()
    gc.freeze()  # as gunicorn.conf.py's pre_fork: collections skip what the app loaded
    reference = cpu_loop_ms()
    columns = f"{'status':>7}{'median':>8}{'max ms':>8}{'ratio':>7}"
    print(f"{'request (response cache off)':<58}{columns}")
    for number, template in enumerate(COSTLY, 1):
        paths = [
            template.replace("{n}", str(run * 7 + number))
            .replace("{page}", str(run + 2))
            .replace("{year}", str(2024 + run))
            for run in range(3)
        ]
        print_cost(client, template, paths, {}, reference)
    biggest = biggest_announcement(app)
    cookieless = app.test_client(use_cookies=False)  # sends the Cookie header it is given
    for template in COSTLY_PAGES:
        path = template.replace("{biggest}", str(biggest))
        for label, cookie in ((path, {}), (f"{path} (lang=en cookie)", {"Cookie": "lang=en"})):
            cookieless.get(path, headers=cookie)  # compiled once, as gunicorn.conf.py does
            print_cost(cookieless, label, [path] * 5, cookie, reference)
    after = cpu_loop_ms()
    print(
        f"reference: a fixed CPU loop took {reference:.1f} ms before and {after:.1f} ms after"
        " (ratio: median / the loop before)"
    )


def print_cost(client, label: str, paths: list[str], headers: dict, reference: float) -> None:
    """One line of --costs: the CPU milliseconds of these requests, median and maximum."""
    costs, status = [], 0
    for path in paths:
        started = time.thread_time()
        response = client.get(path, headers=headers)
        response.get_data()
        costs.append((time.thread_time() - started) * 1000)
        status = response.status_code
    median = sorted(costs)[len(costs) // 2]
    figures = f"{median:>8.1f}{max(costs):>8.1f}{median / reference:>7.2f}"
    print(f"{label:<58}{status:>7}{figures}")


def biggest_announcement(app) -> int:
    """The id of the announcement with the most batches (the longest detail page)."""
    from sqlalchemy import func, select

    from portal.extensions import db
    from portal.models import Batch

    count = func.count().label("batches")
    stmt = select(Batch.announcement_id, count).group_by(Batch.announcement_id)
    with app.app_context():
        return db.session.execute(stmt.order_by(count.desc()).limit(1)).first()[0]


def cpu_loop_ms() -> float:
    """CPU milliseconds of a fixed pure-Python loop (same-run reference for the costs)."""
    started = time.thread_time()
    total = 0
    for number in range(2_000_000):
        total += number
    return (time.thread_time() - started) * 1000


def main() -> None:
    """Parse the arguments and run the benchmark."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=6.0)
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--instance", help="folder of a seeded instance to reuse or create")
    parser.add_argument("--costly", action="store_true", help="add the costly-clients run")
    parser.add_argument(
        "--memory", action="store_true", help="only the costly run, memory and worker restart"
    )
    parser.add_argument(
        "--costs", action="store_true", help="only print each costly request's CPU time"
    )
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: apt-get install wrk")
    args = parser.parse_args()
    if args.costs:
        folder = Path(args.instance or sys.exit("--costs needs --instance (a seeded folder)"))
        seed(folder, args.scale)
        request_costs(folder)
        return
    run(args)


if __name__ == "__main__":
    main()
