"""CLI commands: init-db and seed-demo."""

from sqlalchemy import select, text

from portal import create_app
from portal.extensions import db
from portal.models import Enterprise
from tests.conftest import make_test_config


def drop_everything() -> None:
    """Drop the tables and Alembic's version table (closing the session's transaction first)."""
    db.session.remove()
    db.drop_all()
    db.session.execute(text("DROP TABLE IF EXISTS alembic_version"))
    db.session.commit()
    db.engine.dispose()


def test_init_db_command_is_idempotent(tmp_path, database_url):
    app = create_app(make_test_config(tmp_path, database_url))
    runner = app.test_cli_runner()
    with app.app_context():
        drop_everything()  # also Alembic's version table another test's init-db may have left
        first = runner.invoke(args=["init-db"])
        second = runner.invoke(args=["init-db"])
        drop_everything()
    assert first.exit_code == 0, first.output
    assert second.exit_code == 0
    assert "up to date" in second.output


def test_seed_demo_command_seeds_once(tmp_path, database_url):
    app = create_app(make_test_config(tmp_path, database_url))
    runner = app.test_cli_runner()
    with app.app_context():
        drop_everything()  # also Alembic's version table another test's init-db may have left
        first = runner.invoke(args=["seed-demo", "--scale", "0.02"])
        second = runner.invoke(args=["seed-demo", "--scale", "0.02"])
        client = app.test_client()
        home = client.get("/").get_data(as_text=True)
        regulations = client.get("/regulations/").get_data(as_text=True)
        code = db.session.scalar(select(Enterprise.credit_code).limit(1))
        enterprise = client.get(f"/enterprises/{code}").get_data(as_text=True)
        drop_everything()
    assert first.exit_code == 0, first.output
    assert "Regulations added: 16" in first.output
    assert "Regulations added: 0" in second.output
    assert "batches added: 0" in second.output
    assert "监督抽查概况" in home
    assert "演示数据" in home
    assert "中华人民共和国产品质量法" in regulations
    assert "不是真实的抽查或召回结果" in enterprise
