"""Template filters that write machine-readable values."""

from datetime import UTC, datetime, timedelta, timezone

from portal.templating import machine_time


def test_machine_time_drops_microseconds_and_marks_naive_values_utc():
    assert machine_time(datetime(2026, 11, 29, 9, 2, 2, 587285)) == "2026-11-29T09:02:02Z"


def test_machine_time_keeps_the_offset_of_aware_values():
    shanghai = timezone(timedelta(hours=8))
    value = datetime(2026, 11, 29, 17, 2, 2, 587285, tzinfo=shanghai)
    assert machine_time(value) == "2026-11-29T17:02:02+08:00"
    assert machine_time(value.astimezone(UTC)) == "2026-11-29T09:02:02+00:00"
