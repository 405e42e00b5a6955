"""Engine-level settings: SQLite WAL and foreign keys."""

import sqlite3

from flask import Flask
from sqlalchemy import event
from sqlalchemy.engine import Engine

from portal.extensions import db


def register_sqlite_pragmas(app: Flask) -> None:
    """Turn on WAL, foreign keys and a busy timeout for SQLite connections."""
    with app.app_context():
        engine = db.engine
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _set_sqlite_pragmas)


def _set_sqlite_pragmas(dbapi_connection: sqlite3.Connection, _record) -> None:
    """Apply the pragmas to one new SQLite connection."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


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
