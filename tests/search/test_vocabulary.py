"""The search vocabulary: shipped terms plus the stored catalogue, tolerant of a missing schema."""

from sqlalchemy import text

from portal import create_app
from portal.extensions import db
from portal.search.vocabulary import catalogue_words, shipped_terms, user_words
from portal.services.catalog import import_catalog
from tests.conftest import make_test_config

CSV = "code,name,group,products,test_items\n0199,测温仪器,计量器具,聚氯乙烯绝缘电线,导体电阻\n"


def test_words_come_from_the_terms_file_and_the_stored_catalogue(app):
    user_words.cache_clear()
    assert "测温仪器" not in user_words()
    assert "不合格" in user_words()
    import_catalog(CSV, "c.csv")
    assert {"测温仪器", "聚氯乙烯绝缘电线", "导体电阻"} <= set(user_words())
    assert set(shipped_terms()) <= set(user_words())


def test_missing_catalogue_tables_give_no_words_and_a_usable_session(app):
    db.drop_all()
    assert catalogue_words() == []
    assert db.session.execute(text("SELECT 1")).scalar() == 1
    db.create_all()


def test_app_starts_on_a_database_without_tables(tmp_path, database_url, app):
    db.session.remove()
    db.drop_all()
    other = create_app(make_test_config(tmp_path / "other", database_url))
    with other.app_context():
        assert other.test_client().get("/healthz").status_code in (200, 503)
        db.session.remove()
        db.engine.dispose()
    db.create_all()
