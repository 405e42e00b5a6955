"""The app served by gunicorn with the repository's gunicorn.conf.py, for tests across processes."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from portal.config import PROJECT_ROOT

BIN = Path(sys.executable).parent


def free_port() -> int:
    """A free TCP port on loopback."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> tuple[int, bytes]:
    """Status and body of a GET, or (0, b"") while the server is not up."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (loopback)
            return response.status, response.read()
    except OSError:
        return 0, b""


def instance_env(tmp_path: Path, database_url: str, **settings: str) -> dict:
    """Environment of a served instance on the database, its files under tmp_path; each
    keyword becomes PORTAL_<NAME>."""
    env = dict(
        os.environ,
        PORTAL_DATABASE_URL=database_url.replace("postgresql+psycopg://", "postgresql://"),
        PORTAL_SEARCH_INDEX_DIR=str(tmp_path / "index"),
        PORTAL_CACHE_DIR=str(tmp_path / "cache"),
        PORTAL_EXPORT_DIR=str(tmp_path / "downloads"),
        PORTAL_UPLOAD_DIR=str(tmp_path / "uploads"),
        PORTAL_SECRET_KEY="served-test",
    )
    env.update({f"PORTAL_{name.upper()}": value for name, value in settings.items()})
    return env


def init_db(env: dict) -> None:
    """Run `flask init-db` for the instance."""
    command = [str(BIN / "flask"), "--app", "portal", "init-db"]
    subprocess.run(command, cwd=PROJECT_ROOT, env=env, check=True, capture_output=True)


@contextmanager
def gunicorn(env: dict, log: Path | None = None, wait: float = 90) -> Iterator[str]:
    """Serve wsgi:app with gunicorn.conf.py on a free port; yield its base URL once /healthz
    answers; stop it (the whole process group) afterwards."""
    port = free_port()
    command = [str(BIN / "gunicorn"), "-c", "gunicorn.conf.py", "-b", f"127.0.0.1:{port}"]
    errors = log.open("w") if log else subprocess.DEVNULL
    process = subprocess.Popen(
        [*command, "wsgi:app"],
        cwd=PROJECT_ROOT,
        env=env,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=errors,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + wait
        while fetch(f"{base}/healthz")[0] != 200:
            assert time.monotonic() < deadline, f"gunicorn did not answer within {wait} s"
            assert process.poll() is None, "gunicorn exited"
            time.sleep(0.5)
        yield base
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
        if log:
            errors.close()
