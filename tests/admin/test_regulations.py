"""/admin/regulations/: publishers add and amend regulations from uploaded text files."""

import io

import pytest
from sqlalchemy import func, select

from portal.extensions import db
from portal.models import AuditLog, Regulation, RegulationVersion, Role
from tests.admin.conftest import form_token
from tests.services.test_regulations import AMENDED, AMENDED_FILE, FIRST_FILE, ORIGINAL


@pytest.fixture
def publisher(staff_client):
    """A signed-in publisher."""
    return staff_client(Role.PUBLISHER)


def upload(client, url: str, text: str, name: str):
    """Post an upload form with a file."""
    form = {"csrf_token": form_token(client, url), "file": (io.BytesIO(text.encode()), name)}
    return client.post(url, data=form, content_type="multipart/form-data")


def test_publisher_adds_then_amends_a_regulation(publisher):
    added = upload(publisher, "/admin/regulations/new", ORIGINAL, FIRST_FILE)
    assert added.status_code == 302
    regulation_id = db.session.scalar(select(Regulation.id))
    assert added.headers["Location"].endswith(f"/regulations/{regulation_id}")
    amend_url = f"/admin/regulations/{regulation_id}/amend"
    amended = upload(publisher, amend_url, AMENDED, AMENDED_FILE)
    assert amended.status_code == 302
    page = publisher.get(amended.headers["Location"]).get_data(as_text=True)
    assert "海豚牌" in page
    assert "历史文本" in page
    assert db.session.scalar(select(func.count(RegulationVersion.id))) == 1
    actions = db.session.scalars(
        select(AuditLog.action).where(AuditLog.entity_type == "regulation")
    )
    assert list(actions) == ["add_regulation", "amend_regulation"]


def test_a_bad_file_is_explained_and_changes_nothing(publisher):
    response = upload(publisher, "/admin/regulations/new", "没有标题", "x.md")
    assert response.status_code == 422
    assert "文件第一行应为“# 标题”。" in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count(Regulation.id))) == 0


def test_an_older_text_is_not_an_amendment(publisher):
    upload(publisher, "/admin/regulations/new", AMENDED, AMENDED_FILE)
    regulation_id = db.session.scalar(select(Regulation.id))
    response = upload(publisher, f"/admin/regulations/{regulation_id}/amend", ORIGINAL, FIRST_FILE)
    assert response.status_code == 422
    assert "应晚于" in response.get_data(as_text=True)


def test_amending_an_unknown_regulation_is_a_404(publisher):
    assert publisher.get("/admin/regulations/999/amend").status_code == 404
