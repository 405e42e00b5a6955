"""gunicorn.conf.py serves the app: preloaded master, several workers, fresh connections."""

import json
import subprocess
import sys
import urllib.parse

import pytest

from portal.config import PROJECT_ROOT
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


ADD_RECALL = """
import sys
from datetime import date

from portal import create_app
from portal.extensions import db
from portal.models import Recall
from portal.services.content import bump_content_version

app = create_app()
with app.app_context():
    db.session.add(Recall(
        title=sys.argv[1], number=sys.argv[2], announced_on=date(2026, 5, 10),
        recall_type="主动召回", kind="消费品", product_name="紫砂电炖锅",
        defect="温控器失效", hazard="可能引发火灾", remedy="免费更换温控器",
    ))
    bump_content_version()
    db.session.commit()
"""


def add_recall(env: dict, title: str, number: str) -> None:
    """Publish a recall from another process, as the staff's worker would."""
    settings = dict(env, PORTAL_SEARCH_STARTUP_REBUILD="off")
    command = [sys.executable, "-c", ADD_RECALL, title, number]
    subprocess.run(command, cwd=PROJECT_ROOT, env=settings, check=True, capture_output=True)


def search_total(base: str) -> int:
    """The search API's total for 电炖锅."""
    status, body = fetch(base + "/api/v1/search?q=" + urllib.parse.quote("电炖锅"))
    assert status == 200
    return json.loads(body)["meta"]["total"]


def test_workers_forked_with_the_preloaded_index_see_new_content(tmp_path):
    env = instance_env(
        tmp_path,
        f"sqlite:///{tmp_path / 'site.sqlite3'}",
        workers="2",
        threads="2",
        search_backend="whoosh",  # the index the master preloads is the subject
        cache_url="",
        search_disable_cache="true",
        search_rate_limit="100000 per minute",
        api_rate_limit="100000 per minute",
    )
    init_db(env)
    add_recall(env, "上海测试电器有限公司召回部分紫砂电炖锅", "沪召〔2026〕1号")
    with gunicorn(env) as base:
        assert [search_total(base) for _ in range(6)] == [1] * 6
        add_recall(env, "上海另一电器有限公司召回部分电炖锅", "沪召〔2026〕2号")
        assert [search_total(base) for _ in range(6)] == [2] * 6  # every worker reopened
