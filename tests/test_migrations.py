"""The Alembic migrations build exactly the schema the models declare."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import upgrade
from sqlalchemy import text

from portal import create_app
from portal.extensions import db
from tests.conftest import make_test_config


def test_migrations_match_models(tmp_path, database_url):
    app = create_app(make_test_config(tmp_path, database_url))
    with app.app_context():
        db.drop_all()
        db.session.execute(text("DROP TABLE IF EXISTS alembic_version"))
        db.session.commit()
        upgrade()
        with db.engine.connect() as connection:
            diff = compare_metadata(MigrationContext.configure(connection), db.metadata)
        db.drop_all()
        db.session.execute(text("DROP TABLE alembic_version"))
        db.session.commit()
        db.engine.dispose()
    assert diff == []


def test_upgrading_a_database_with_content_keeps_it(tmp_path, database_url):
    """Batch-mode table rebuilds (SQLite) must not trip over rows that reference the table."""
    app = create_app(make_test_config(tmp_path, database_url))
    with app.app_context():
        db.drop_all()
        db.session.execute(text("DROP TABLE IF EXISTS alembic_version"))
        db.session.commit()
        upgrade(revision="c7d3e4f5a6b7")  # the schema before staff publishing
        for statement in CONTENT:
            db.session.execute(text(statement))
        db.session.commit()
        db.session.close()  # as `flask init-db` runs: no other connection holds the tables
        upgrade()
        batches = db.session.execute(text("SELECT announcement_id FROM batches")).scalars().all()
        titles = db.session.execute(text("SELECT title FROM announcements")).scalars().all()
        db.session.close()
        db.drop_all()
        db.session.execute(text("DROP TABLE alembic_version"))
        db.session.commit()
        db.engine.dispose()
    assert batches == [1]
    assert titles == ["迁移前的公告"]


CONTENT = (
    "INSERT INTO product_categories (id, code, name, group_name, risk_level, is_key_product)"
    " VALUES (1, '0101', '电线电缆', '电子电器', '高', TRUE)",
    "INSERT INTO enterprises (id, credit_code, name, is_demo, created_at, updated_at)"
    " VALUES (1, '913101150000000001', '上海迁移电缆有限公司', FALSE, '2026-01-01', '2026-01-01')",
    "INSERT INTO announcements (id, number, title, category_id, scope, period_start_on,"
    " period_end_on, issued_on, summary, body, status, is_demo, created_at, updated_at)"
    " VALUES (1, 'N1', '迁移前的公告', 1, '生产', '2026-01-01', '2026-02-01', '2026-03-01',"
    " '', '', 'published', FALSE, '2026-03-01', '2026-03-01')",
    "INSERT INTO batches (id, announcement_id, enterprise_id, category_id, product_name, result,"
    " failed_items, agency, created_at, updated_at) VALUES (1, 1, 1, 1, '电线', '合格', '[]',"
    " '检验院', '2026-03-01', '2026-03-01')",
)
