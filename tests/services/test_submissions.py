"""submit_suggestion: a busy SQLite writer is retried; other errors are not swallowed."""

import sqlite3

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from portal.extensions import db
from portal.models import Submission
from portal.services import submissions


@pytest.fixture(autouse=True)
def cheap_hashes(app):
    """Cheap access-code hashes."""
    app.config["ACCESS_CODE_HASH_METHOD"] = "scrypt:1024:8:1"


def failing_flush(monkeypatch, message: str, times: int) -> list[int]:
    """Make the first `times` flushes raise an OperationalError with the message."""
    calls = []
    real_flush = db.session.flush

    def flush(*args, **kwargs):
        calls.append(1)
        if len(calls) <= times:
            raise OperationalError("INSERT", {}, sqlite3.OperationalError(message))
        return real_flush(*args, **kwargs)

    monkeypatch.setattr(db.session, "flush", flush)
    return calls


def stored() -> int:
    """Stored submissions."""
    return db.session.scalar(select(func.count(Submission.id)))


def test_a_locked_database_is_retried(monkeypatch):
    calls = failing_flush(monkeypatch, "database is locked", 2)
    receipt = submissions.submit_suggestion({"product_name": "水杯", "text": "建议抽查。"})
    assert len(calls) == 3
    assert receipt.tracking_number.startswith("JY-")
    assert stored() == 1


def test_other_errors_and_endless_locks_are_raised(monkeypatch):
    failing_flush(monkeypatch, "disk I/O error", 1)
    with pytest.raises(OperationalError):
        submissions.submit_suggestion({"product_name": "水杯", "text": "建议抽查。"})
    calls = failing_flush(monkeypatch, "database is locked", 99)
    with pytest.raises(OperationalError):
        submissions.submit_suggestion({"product_name": "水杯", "text": "建议抽查。"})
    assert len(calls) == submissions.LOCK_ATTEMPTS
    monkeypatch.undo()
    assert stored() == 0


def test_a_key_filed_by_another_request_meanwhile_is_answered_with_its_receipt(monkeypatch):
    first = submissions.submit_suggestion({"product_name": "水杯", "text": "建议抽查。"}, "k" * 22)
    real_lookup, lookups = submissions.receipt_for_resent_form, []

    def lookup_misses_once(key_hash):
        lookups.append(key_hash)
        return None if len(lookups) == 1 else real_lookup(key_hash)

    monkeypatch.setattr(submissions, "receipt_for_resent_form", lookup_misses_once)
    second = submissions.submit_suggestion({"product_name": "水杯", "text": "建议抽查。"}, "k" * 22)
    assert len(lookups) == 2  # the insert hit the unique key, then found the first
    assert second.resent
    assert second.tracking_number == first.tracking_number
    assert stored() == 1


def test_without_a_key_every_call_files(monkeypatch):
    for _ in range(2):
        assert not submissions.submit_suggestion({"product_name": "水杯", "text": "建议。"}).resent
    assert stored() == 2
