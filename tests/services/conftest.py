"""Fixtures of the publishing services: staff users and announcement drafts."""

from datetime import date
from itertools import count

import pytest

from portal.extensions import db

SERIAL = count(1)


@pytest.fixture
def make_user(app):
    """Factory: a staff user holding the given roles."""
    from portal.models import User

    def make(*roles, name=None):
        number = next(SERIAL)
        user = User(
            username=name or f"staff{number}",
            display_name=f"职员{number}",
            password_hash="not-a-real-hash",
            roles=list(roles),
        )
        db.session.add(user)
        db.session.commit()
        return user

    return make


@pytest.fixture
def announcement_fields(create_category, create_enterprise):
    """Factory: valid fields of an announcement draft with one failed and one passed batch."""

    def fields(title="2026年电热水壶产品质量监督抽查结果公告", **overrides):
        number = next(SERIAL)
        category = create_category(code=f"8{number:03d}", name=f"电热水壶{number}")
        enterprise = create_enterprise(name=f"上海草稿电器有限公司{number}")
        batch = {
            "enterprise_id": enterprise.id,
            "product_name": "电热水壶",
            "result": "不合格",
            "failed_items": ["温控器失效"],
            "agency": "上海市质量监督检验技术研究院",
            "district": "浦东新区",
        }
        values = {
            "number": f"草稿〔2026〕第{number}号",
            "title": title,
            "category_id": category.id,
            "scope": "生产",
            "period_start_on": date(2026, 3, 1),
            "period_end_on": date(2026, 4, 30),
            "issued_on": date(2026, 6, 1),
            "summary": "抽查电热水壶，发现温控器失效。",
            "batches": [batch, batch | {"result": "合格", "failed_items": []}],
        }
        return values | overrides

    return fields


@pytest.fixture
def draft_announcement(make_user, announcement_fields):
    """Factory: an announcement draft created by an editor through the service."""
    from portal.models import Announcement
    from portal.services.publishing import create_draft

    def make(editor=None, **overrides):
        editor = editor or make_user("editor")
        return create_draft(Announcement, announcement_fields(**overrides), editor, "10.0.0.1")

    return make
