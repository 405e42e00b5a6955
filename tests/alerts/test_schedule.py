"""Digests go at 08:00 Beijing time: daily the next morning, weekly on the next Monday."""

from datetime import datetime

from portal.alerts.schedule import next_digest


def test_digest_times(app):
    sunday_noon_utc = datetime(2026, 11, 29, 4, 0)  # Sunday 12:00 in Beijing
    assert next_digest("immediate", sunday_noon_utc) is None
    assert next_digest("daily", sunday_noon_utc) == datetime(2026, 11, 30, 0, 0)
    assert next_digest("weekly", sunday_noon_utc) == datetime(2026, 11, 30, 0, 0)
    monday_9 = datetime(2026, 11, 30, 1, 0)  # Monday 09:00 in Beijing
    assert next_digest("daily", monday_9) == datetime(2026, 12, 1, 0, 0)
    assert next_digest("weekly", monday_9) == datetime(2026, 12, 7, 0, 0)
    early = datetime(2026, 11, 29, 23, 0)  # Monday 07:00 in Beijing
    assert next_digest("daily", early) == datetime(2026, 11, 30, 0, 0)
