"""Fixtures for feed tests: recalls, regulations and a feed parser."""

from datetime import date, datetime
from itertools import count

import feedparser
import pytest

from portal.extensions import db
from portal.models import Regulation
from tests.conftest import commit_content
from tests.search.conftest import corpus  # noqa: F401 (the search tests' corpus, for the search feed)

SERIAL = count(1)


@pytest.fixture
def create_regulation(app):
    """Factory: a published regulation without articles."""

    def create(title="上海市产品质量条例", **fields):
        number = next(SERIAL)
        fields.setdefault("version_on", date(2026, 1, 1))
        regulation = Regulation(
            title=title,
            source_name=f"测试法规{number}",
            level=fields.pop("level", "地方性法规"),
            issuing_body=fields.pop("issuing_body", "上海市人民代表大会常务委员会"),
            **fields,
        )
        db.session.add(regulation)
        commit_content()
        return regulation

    return create


def parse(response) -> feedparser.FeedParserDict:
    """Parse a feed response, asserting it is well-formed."""
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    parsed = feedparser.parse(response.data)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    return parsed


def published_at(day: date, hour: int = 1) -> datetime:
    """A naive UTC publication time on a day (01:00 UTC is 09:00 in Shanghai)."""
    return datetime(day.year, day.month, day.day, hour)
