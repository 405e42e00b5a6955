"""Time zone helpers: storage is naive UTC, display is Asia/Shanghai."""

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

LOCAL_TZ = ZoneInfo("Asia/Shanghai")


def to_local(value: datetime) -> datetime:
    """Convert a naive UTC datetime to an aware Asia/Shanghai datetime."""
    return value.replace(tzinfo=UTC).astimezone(LOCAL_TZ)


def local_midnight(day: date) -> datetime:
    """Aware datetime for the start of a local day."""
    return datetime.combine(day, time(), tzinfo=LOCAL_TZ)


def local_today() -> date:
    """Today's date in Asia/Shanghai."""
    return datetime.now(LOCAL_TZ).date()
