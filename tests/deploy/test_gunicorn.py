"""gunicorn.conf.py serves the app: preloaded master, several workers, fresh connections."""

import pytest

from tests.served import fetch, gunicorn, init_db, instance_env


@pytest.fixture
def environment(tmp_path, database_url):
    """Settings for a served instance on the test database, with the schema migrated."""
    env = instance_env(tmp_path, database_url, workers="2", threads="2")
    init_db(env)
    return env


def test_gunicorn_config_serves_pages_from_several_workers(environment):
    with gunicorn(environment) as base:
        for path in ("/", "/announcements/", "/api/v1/announcements", "/feeds/all.atom"):
            assert fetch(base + path)[0] == 200, path
