"""PostgreSQL cut off under load, through a proxy the test controls (never the machine's server):
requests fail cleanly with 503 and Retry-After, /healthz says so, and the site recovers."""

import time
from collections import Counter

from tests.faults.conftest import get, load
from tests.faults.tcp_proxy import TcpProxy
from tests.served import gunicorn, init_db, instance_env

URLS = ["/announcements/", "/api/v1/batches", "/recalls/", "/api/v1/announcements?page=2"]


def wait_until(check, seconds: float) -> bool:
    """Poll check() until it is true or the time is up."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.2)
    return False


def test_database_cut_off_under_load(tmp_path, own_postgres_database):
    direct = f"postgresql://postgres@127.0.0.1:5432/{own_postgres_database}"
    init_db(instance_env(tmp_path, direct))
    with TcpProxy("127.0.0.1", 5432) as proxy:
        proxied = f"postgresql://postgres@127.0.0.1:{proxy.port}/{own_postgres_database}"
        env = instance_env(
            tmp_path,
            proxied,
            workers="2",
            threads="4",
            database_connect_timeout="2",
            cache_url="",
            response_cache_seconds="0",
            api_rate_limit="100000 per minute",
        )
        with gunicorn(env, log=tmp_path / "gunicorn.log") as base, load(base, URLS) as traffic:
            time.sleep(3)
            traffic.phase = "cut"
            proxy.cut()
            time.sleep(2)
            health = get(base + "/healthz")
            time.sleep(4)
            traffic.phase = "resumed"
            proxy.resume()
            assert wait_until(lambda: get(base + "/healthz")[0] == 200, 30)
            time.sleep(3)
            traffic.phase = "after"
            time.sleep(3)
    log = (tmp_path / "gunicorn.log").read_text()
    before, cut, after = traffic.of("before"), traffic.of("cut"), traffic.of("after")
    statuses = {
        phase: Counter(a.status for a in traffic.of(phase)) for phase in ("before", "cut", "after")
    }
    assert before, statuses
    assert all(a.status == 200 for a in before), statuses
    assert health[0] == 503, health
    assert health[1], "a 503 from /healthz says when to retry"
    assert any(a.status == 503 for a in cut), statuses
    # No 500 and no dropped connection, whenever it was asked.
    assert all(a.status in (200, 503) for a in traffic.answers), statuses
    assert all(a.retry_after for a in cut if a.status == 503)
    assert max(a.seconds for a in cut) < 10
    assert after, statuses
    assert all(a.status == 200 for a in after), statuses
    assert "Traceback" not in log, log[-3000:]
