"""/admin/search-synonyms/: admins edit the synonym groups; audited; applied without reindex."""

import pytest
from sqlalchemy import select

from portal.extensions import db
from portal.models import AuditLog, Role, SearchSynonym
from tests.admin.conftest import form_token

URL = "/admin/search-synonyms/"


@pytest.fixture
def admin_client(staff_client):
    """A signed-in admin."""
    return staff_client(Role.ADMIN)


def test_the_list_is_seeded_from_the_shipped_file(admin_client):
    html = admin_client.get(URL).get_data(as_text=True)
    assert "电动自行车 电瓶车" in html
    assert db.session.scalar(select(SearchSynonym).limit(1)) is not None


def test_add_edit_and_delete_are_audited(admin_client):
    token = form_token(admin_client, URL)
    response = admin_client.post(URL, data={"csrf_token": token, "words": "电动自行车 小电驴"})
    assert response.status_code == 302
    group = db.session.scalar(
        select(SearchSynonym).where(SearchSynonym.words == "电动自行车 小电驴")
    )
    token = form_token(admin_client, URL)
    edit = {"csrf_token": token, "words": "电动自行车、小电驴、小电瓶"}
    assert admin_client.post(f"{URL}{group.id}", data=edit).status_code == 302
    db.session.refresh(group)
    assert group.words == "电动自行车 小电驴 小电瓶"
    token = form_token(admin_client, URL)
    delete = {"csrf_token": token}
    assert admin_client.post(f"{URL}{group.id}/delete", data=delete).status_code == 302
    assert db.session.get(SearchSynonym, group.id) is None
    actions = db.session.scalars(
        select(AuditLog.action).where(AuditLog.entity_type == "search_synonym")
    ).all()
    assert actions == ["synonym.add", "synonym.edit", "synonym.delete"]


def test_a_group_needs_two_words_and_changes_nothing_otherwise(admin_client):
    token = form_token(admin_client, URL)
    before = db.session.scalars(select(SearchSynonym.words)).all()
    response = admin_client.post(URL, data={"csrf_token": token, "words": "电瓶车"})
    assert response.status_code == 422
    assert "至少填写两个词" in response.get_data(as_text=True)
    assert db.session.scalars(select(SearchSynonym.words)).all() == before


def test_without_csrf_token_or_as_editor_nothing_changes(admin_client, staff_client):
    admin_client.get(URL)
    count = len(db.session.scalars(select(SearchSynonym)).all())
    assert admin_client.post(URL, data={"words": "甲 乙"}).status_code in (400, 422)
    editor = staff_client(Role.EDITOR)
    assert editor.get(URL).status_code == 403
    assert editor.post(URL, data={"words": "甲 乙"}).status_code in (400, 403)
    assert len(db.session.scalars(select(SearchSynonym)).all()) == count


def test_unknown_group_is_404(admin_client):
    token = form_token(admin_client, URL)
    response = admin_client.post(f"{URL}99999/delete", data={"csrf_token": token})
    assert response.status_code == 404
