"""Engine-level settings: SQLite WAL and foreign keys; PostgreSQL round trips that give up."""

import sqlite3
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

import psycopg
from flask import Flask
from psycopg import errors as pg_errors
from sqlalchemy import event
from sqlalchemy.engine import Engine

from portal.extensions import db

# TCP settings of every PostgreSQL connection: a peer that vanished (machine gone, network cut)
# is noticed by the kernel, so a pooled connection fails its pre-ping instead of waiting: idle
# connections are probed after 30 s, and sent bytes left unacknowledged for 30 s end it.
TCP_SETTINGS = {
    "keepalives": 1,
    "keepalives_idle": 30,
    "keepalives_interval": 10,
    "keepalives_count": 3,
    "tcp_user_timeout": 30_000,  # milliseconds
}


def register_engine_events(app: Flask) -> None:
    """Before the first connection: SQLite's pragmas, or PostgreSQL connections whose round
    trips a request may bound."""
    with app.app_context():
        engine = db.engine
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _set_sqlite_pragmas)
    if engine.dialect.name == "postgresql":
        event.listen(engine, "do_connect", connect_bounded)


def _set_sqlite_pragmas(dbapi_connection: sqlite3.Connection, _record) -> None:
    """Apply the pragmas to one new SQLite connection."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def connect_options(connect_timeout: int) -> dict:
    """libpq parameters of a PostgreSQL connection: the connect timeout and TCP settings."""
    return {"connect_timeout": connect_timeout, **TCP_SETTINGS}


@dataclass
class RoundTripLimit:
    """How long one database round trip of the current request may wait for an answer, and
    whether one of them already waited in vain (then the rest fail at once)."""

    seconds: float
    exceeded: bool = False


_limit: ContextVar[RoundTripLimit | None] = ContextVar("database_round_trip_limit", default=None)


class DatabaseUnansweredError(psycopg.OperationalError):
    """The database did not answer within the request's round-trip limit."""


class BoundedConnection(psycopg.Connection):
    """A psycopg connection whose round trips, inside a request, give up after its limit:
    the connection is dropped (the pool replaces it) and an OperationalError is raised."""

    def wait(self, gen, interval: float = 0.1, timeout: float | None = None):
        """Consume a protocol generator, within the request's limit when there is one."""
        limit = _limit.get()
        if limit is None or timeout is not None:
            return super().wait(gen, interval, timeout)
        if limit.exceeded:
            self.pgconn.finish()
            raise DatabaseUnansweredError("the database did not answer earlier in this request")
        try:
            return super().wait(gen, interval, limit.seconds)
        except pg_errors._WaitTimeout:  # psycopg's own wait timeout (pinned: psycopg 3.3)
            limit.exceeded = True
            self.pgconn.finish()
            raise DatabaseUnansweredError(
                f"the database did not answer within {limit.seconds:g} s"
            ) from None


def connect_bounded(_dialect, _record, cargs, cparams) -> BoundedConnection:
    """Open a BoundedConnection; in a request whose database already failed to answer, fail
    at once; a connection attempt left unanswered marks the request so."""
    limit = _limit.get()
    if limit is not None and limit.exceeded:
        raise DatabaseUnansweredError("the database did not answer earlier in this request")
    try:
        return BoundedConnection.connect(*cargs, **cparams)
    except pg_errors.ConnectionTimeout:
        if limit is not None:
            limit.exceeded = True
        raise


def register_round_trip_limit(app: Flask) -> None:
    """On PostgreSQL, bound each round trip made while serving a request (outermost WSGI
    middleware, so it covers the fast path, streamed bodies and the request's teardown)."""
    seconds = float(app.config["DATABASE_QUERY_TIMEOUT"] or 0)
    with app.app_context():
        engine = db.engine
    if engine.dialect.name != "postgresql" or seconds <= 0:
        return
    app.wsgi_app = RoundTripLimitMiddleware(app.wsgi_app, seconds)


class RoundTripLimitMiddleware:
    """WSGI middleware: while a request runs, and while each chunk of its body is produced,
    every database round trip may wait at most `seconds`; commands and background threads,
    which run outside it, are not limited."""

    def __init__(self, wsgi_app, seconds: float):
        self.wsgi_app, self.seconds = wsgi_app, seconds

    def __call__(self, environ, start_response):
        """Run the request under a fresh limit; its body runs under the same one."""
        limit = RoundTripLimit(self.seconds)
        with limited(limit):
            body = self.wsgi_app(environ, start_response)
        file_wrapper = environ.get("wsgi.file_wrapper")
        if isinstance(file_wrapper, type) and isinstance(body, file_wrapper):
            return body  # a file: no database work left, and the server may sendfile() it
        return LimitedBody(body, limit)


class LimitedBody:
    """A response body whose chunks, and its close(), run under the request's limit."""

    def __init__(self, body, limit: RoundTripLimit):
        self.body, self.limit = body, limit

    def __iter__(self):
        """Each chunk, produced under the limit."""
        chunks = iter(self.body)
        while True:
            with limited(self.limit):
                chunk = next(chunks, None)
            if chunk is None:
                return
            yield chunk

    def close(self) -> None:
        """Close the body (the request's teardown may still use the database)."""
        close = getattr(self.body, "close", None)
        if close is not None:
            with limited(self.limit):
                close()


@contextmanager
def limited(limit: RoundTripLimit):
    """Run a block under a round-trip limit, restoring the previous one (none) after it."""
    token = _limit.set(limit)
    try:
        yield
    finally:
        _limit.reset(token)


def refresh_statistics(*tables: str) -> None:
    """After bulk writes: refresh the planner's statistics of the tables (default: all) and,
    on PostgreSQL, reclaim the rows they replaced (VACUUM cannot run inside a transaction)."""
    if dialect_name() != "postgresql":
        with db.engine.begin() as connection:
            connection.exec_driver_sql("ANALYZE")
        return
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        for table in tables or ("",):
            connection.exec_driver_sql(f"VACUUM (ANALYZE) {table}")


def dialect_name(engine: Engine | None = None) -> str:
    """Name of the database dialect in use."""
    return (engine or db.engine).dialect.name
