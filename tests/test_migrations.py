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
