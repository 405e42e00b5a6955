"""Shared fixtures: an app on a temporary database and index, a client and a CLI runner."""

import os
import uuid

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from portal import create_app
from portal.extensions import db


@pytest.fixture(scope="session")
def database_url(tmp_path_factory):
    """A fresh database for this test session: a PostgreSQL database or an SQLite file."""
    base_url = os.environ.get("PORTAL_DATABASE_URL", "")
    if not base_url.startswith("postgresql"):
        yield f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"
        return
    url = make_url(base_url).set(drivername="postgresql+psycopg")
    name = f"portal_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    yield url.set(database=name).render_as_string(hide_password=False)
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def make_test_config(tmp_path, database_url: str, **overrides) -> dict:
    """Configuration for an app on temporary storage."""
    config = {
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "DATABASE_URL": database_url,
        "SEARCH_INDEX_DIR": str(tmp_path / "search_index"),
        "CACHE_DIR": str(tmp_path / "cache"),
        "EXPORT_DIR": str(tmp_path / "downloads"),
        "EXPORT_IN_BACKGROUND": False,  # tests/api/test_export_hook.py turns it on
        "CACHE_KEY_PREFIX": f"portal-test-{uuid.uuid4().hex[:8]}:",
        "SITE_URL": "http://localhost",
    }
    config.update(overrides)
    return config


@pytest.fixture
def app(tmp_path, database_url):
    """An app with an empty schema, inside an app context."""
    app = create_app(make_test_config(tmp_path, database_url))
    with app.app_context():
        db.drop_all()
        db.create_all()
        yield app
        db.session.remove()
        db.drop_all()
        db.engine.dispose()


@pytest.fixture
def client(app):
    """A test client for the app."""
    return app.test_client()


@pytest.fixture
def runner(app):
    """A CLI runner for the app's commands."""
    return app.test_cli_runner()


VALID_CODES = iter(range(10**6))


def commit_content() -> None:
    """Commit test records the way services do: with a content version bump."""
    from portal.services.content import bump_content_version

    bump_content_version()
    db.session.commit()


def make_credit_code(serial: int) -> str:
    """A valid 统一社会信用代码 for test enterprises."""
    from portal.credit_code import check_character

    first17 = f"91310115{serial:09d}"
    return first17 + check_character(first17)


@pytest.fixture
def create_category(app):
    """Factory: a product category."""

    def create(code="0101", name="电线电缆", group_name="电子电器", **fields):
        from portal.models import ProductCategory

        category = ProductCategory(code=code, name=name, group_name=group_name, **fields)
        db.session.add(category)
        commit_content()
        return category

    return create


@pytest.fixture
def create_enterprise(app):
    """Factory: an enterprise with a valid credit code."""

    def create(name="上海测试电缆有限公司", district="浦东新区", **fields):
        from portal.models import Enterprise

        fields.setdefault("credit_code", make_credit_code(next(VALID_CODES)))
        enterprise = Enterprise(name=name, district=district, **fields)
        db.session.add(enterprise)
        commit_content()
        return enterprise

    return create


@pytest.fixture
def create_announcement(app, create_category, create_enterprise):
    """Factory: a published announcement with batches given as (result, failed_items) pairs."""
    from datetime import date

    serial = iter(range(1, 10**6))

    def create(results=(("合格", []),), category=None, enterprise=None, **fields):
        from portal.models import Announcement, Batch

        number = next(serial)
        category = category or create_category(code=f"9{number:03d}", name=f"测试品类{number}")
        enterprise = enterprise or create_enterprise()
        fields.setdefault("issued_on", date(2026, 5, 20))
        announcement = Announcement(
            number=f"测试〔2026〕第{number}号",
            title=fields.pop("title", f"{category.name}产品质量监督抽查结果公告{number}"),
            category=category,
            scope=fields.pop("scope", "生产"),
            period_start_on=date(2026, 3, 1),
            period_end_on=date(2026, 4, 30),
            status=fields.pop("status", "published"),
            **fields,
        )
        announcement.batches = [
            Batch(
                enterprise=enterprise,
                category=category,
                product_name=f"{category.name}样品{i}",
                brand="测试牌",
                model_spec="BV 2.5mm²",
                result=result,
                failed_items=list(items),
                agency="上海市质量监督检验技术研究院",
                district=enterprise.district,
            )
            for i, (result, items) in enumerate(results, start=1)
        ]
        db.session.add(announcement)
        commit_content()
        return announcement

    return create


@pytest.fixture
def create_recall(app):
    """Factory: a published recall notice."""
    from datetime import date

    from portal.models import Recall

    serial = iter(range(1, 10**6))

    def create(title="上海测试电器有限公司召回部分电热水壶", **fields):
        fields.setdefault("number", f"沪召〔2026〕{next(serial)}号")
        fields.setdefault("announced_on", date(2026, 5, 10))
        recall = Recall(
            title=title,
            recall_type=fields.pop("recall_type", "主动召回"),
            kind=fields.pop("kind", "消费品"),
            product_name=fields.pop("product_name", "电热水壶"),
            defect=fields.pop("defect", "温控器失效，水烧干后不断电"),
            hazard=fields.pop("hazard", "可能引发火灾"),
            remedy=fields.pop("remedy", "免费更换温控器"),
            **fields,
        )
        db.session.add(recall)
        commit_content()
        return recall

    return create
