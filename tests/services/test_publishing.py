"""Publishing: four eyes, the trail it leaves, and a draft hidden until it is published."""

from datetime import datetime

import feedparser
import pytest
from sqlalchemy import select, update

from portal.errors import ForbiddenError, InvalidInputError
from portal.extensions import db
from portal.models import Announcement, AuditLog, Revision
from portal.services.content import current_content_version
from portal.services.corrections import correct_record
from portal.services.publishing import publish_record
from tests.services.outputs import TITLE, public_sightings


def test_the_last_editor_cannot_publish_without_a_reason(draft_announcement, make_user):
    both = make_user("editor", "publisher")
    draft = draft_announcement(editor=both)
    with pytest.raises(InvalidInputError) as raised:
        publish_record(draft, both, "10.0.0.2")
    assert "四眼原则" in raised.value.detail
    assert "force_reason" in raised.value.errors
    with pytest.raises(InvalidInputError):
        publish_record(draft, both, "10.0.0.2", force_reason="   ")
    db.session.expire_all()
    assert draft.status == "draft"
    assert db.session.scalar(select(Revision)) is None


def test_a_force_publish_with_a_reason_is_audited(draft_announcement, make_user):
    both = make_user("editor", "publisher")
    draft = draft_announcement(editor=both)
    revision = publish_record(draft, both, "10.0.0.2", force_reason=" 唯一在岗的发布员 ")
    assert draft.status == "published"
    audit = db.session.scalar(select(AuditLog).where(AuditLog.action == "publish"))
    assert audit.user_id == both.id
    assert audit.remote_addr == "10.0.0.2"
    assert audit.details["force_reason"] == "唯一在岗的发布员"
    assert audit.details["last_edited_by_id"] == both.id
    assert (revision.action, revision.user_id, revision.entity_id) == ("publish", both.id, draft.id)


def test_another_publisher_publishes_without_a_reason(draft_announcement, make_user):
    draft = draft_announcement()
    publisher = make_user("publisher")
    version, _ = current_content_version()
    revision = publish_record(draft, publisher)
    db.session.expire_all()
    assert draft.status == "published"
    assert draft.published_at == revision.revised_at == draft.updated_at
    assert all(batch.updated_at == draft.published_at for batch in draft.batches)
    assert current_content_version()[0] == version + 1
    audit = db.session.scalar(select(AuditLog).where(AuditLog.action == "publish"))
    assert "force_reason" not in audit.details


def test_only_publishers_publish_and_only_drafts(draft_announcement, make_user):
    draft = draft_announcement()
    with pytest.raises(ForbiddenError):
        publish_record(draft, make_user("editor"))
    with pytest.raises(ForbiddenError):
        publish_record(draft, None)
    publish_record(draft, make_user("admin"))  # admins pass every role check
    with pytest.raises(InvalidInputError, match="只能发布草稿"):
        publish_record(draft, make_user("publisher"))
    assert len(db.session.scalars(select(Revision)).all()) == 1


def test_an_announcement_without_batches_is_not_published(draft_announcement, make_user):
    draft = draft_announcement(batches=[])
    with pytest.raises(InvalidInputError) as raised:
        publish_record(draft, make_user("publisher"))
    assert "batches" in raised.value.errors


def test_an_edit_racing_the_publish_stops_it(draft_announcement, make_user):
    draft = draft_announcement()
    publisher = make_user("publisher")
    assert draft.batches  # the publisher's session has read the draft
    assert draft.last_edited_at
    with db.engine.begin() as other:  # meanwhile a colleague saves a change
        other.execute(
            update(Announcement)
            .where(Announcement.id == draft.id)
            .values(title="别人刚改的标题", last_edited_at=datetime(2030, 1, 1))
        )
    with pytest.raises(InvalidInputError, match="刚被修改"):
        publish_record(draft, publisher)
    db.session.expire_all()
    assert draft.status == "draft"


def test_a_draft_is_hidden_everywhere_until_published(client, draft_announcement, make_user):
    draft = draft_announcement(title=TITLE)
    hidden = public_sightings(client, draft.id)
    assert hidden == dict.fromkeys(hidden, False)
    assert client.get(f"/announcements/{draft.id}").status_code == 404
    assert client.get(f"/api/v1/announcements/{draft.id}").status_code == 404

    publish_record(draft, make_user("publisher"))

    shown = public_sightings(client, draft.id)
    assert shown == dict.fromkeys(shown, True)


def test_the_correction_trail_stays_visible_after_publishing(client, draft_announcement, make_user):
    draft = draft_announcement(title=TITLE)
    publisher = make_user("publisher")
    publish_record(draft, publisher)
    note = "摘要有误，已更正。"
    correct_record(draft, {"summary": "更正后的摘要。"}, note, publisher, "10.0.0.3")
    page = client.get(f"/announcements/{draft.id}").get_data(as_text=True)
    assert "摘要有误，已更正。" in page
    assert "更正后的摘要。" in page
    actions = db.session.scalars(select(Revision.action).order_by(Revision.id)).all()
    assert actions == ["publish", "correct"]
    assert client.get(f"/api/v1/announcements/{draft.id}").get_json()["summary"] == "更正后的摘要。"
    feed = feedparser.parse(client.get("/feeds/all.atom").get_data())
    (entry,) = [e for e in feed.entries if e.title == TITLE]
    assert "【更正说明" in entry.summary
    assert "摘要有误，已更正。" in entry.summary
