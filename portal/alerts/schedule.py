"""When daily and weekly digests are due: at a fixed hour of Beijing time."""

from datetime import UTC, datetime, time, timedelta

from flask import current_app

from portal.models import Frequency
from portal.timeutil import LOCAL_TZ


def next_digest(frequency: str, now: datetime) -> datetime | None:
    """The next digest time after `now` (naive UTC), or None for immediate mail."""
    if frequency == Frequency.IMMEDIATE:
        return None
    local = now.replace(tzinfo=UTC).astimezone(LOCAL_TZ)
    slot = datetime.combine(local.date(), time(current_app.config["ALERT_DIGEST_HOUR"]), LOCAL_TZ)
    if slot <= local:
        slot += timedelta(days=1)
    if frequency == Frequency.WEEKLY:
        slot += timedelta(days=(7 - slot.weekday()) % 7)  # Mondays
    return slot.astimezone(UTC).replace(tzinfo=None)
