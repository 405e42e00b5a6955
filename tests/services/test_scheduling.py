"""Scheduled publishing: hidden until publish-due runs, then everywhere; never twice."""

import threading
from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select, update

from portal.errors import InvalidInputError
from portal.extensions import db
from portal.models import Announcement, AuditLog, Revision, utcnow
from portal.services import publishing
from portal.services.content import current_content_version
from portal.services.publishing import (
    publish_due,
    schedule_record,
    unschedule_record,
    update_draft,
)
from tests.services.outputs import TITLE, public_sightings

FUTURE = datetime(2030, 6, 1, 9, 30)  # Asia/Shanghai


def make_due(record) -> None:
    """Let the scheduled time pass (as if the clock had moved on)."""
    past = utcnow() - timedelta(minutes=1)
    db.session.execute(
        update(type(record)).where(type(record).id == record.id).values(scheduled_at=past)
    )
    db.session.commit()


def test_schedule_stores_utc_and_audits_the_scheduler(draft_announcement, make_user):
    draft = draft_announcement()
    publisher = make_user("publisher")
    schedule_record(draft, FUTURE, publisher, "10.0.0.4")
    assert draft.scheduled_at == datetime(2030, 6, 1, 1, 30)  # naive UTC
    assert draft.scheduled_by_id == publisher.id
    assert draft.status == "draft"
    audit = db.session.scalar(select(AuditLog).where(AuditLog.action == "schedule"))
    assert (audit.user_id, audit.remote_addr) == (publisher.id, "10.0.0.4")
    assert audit.details["publish_at"] == "2030-06-01T09:30:00+08:00"


@pytest.mark.parametrize(
    "publish_at", [datetime(2020, 1, 1, 8, 0), "2030-06-01 09:30", None, utcnow()]
)
def test_a_bad_or_past_time_is_refused(draft_announcement, make_user, publish_at):
    draft = draft_announcement()
    with pytest.raises(InvalidInputError) as raised:
        schedule_record(draft, publish_at, make_user("publisher"))
    assert "publish_at" in raised.value.errors
    db.session.expire_all()
    assert draft.scheduled_at is None


def test_four_eyes_applies_to_scheduling(draft_announcement, make_user):
    both = make_user("editor", "publisher")
    draft = draft_announcement(editor=both)
    with pytest.raises(InvalidInputError, match="四眼原则"):
        schedule_record(draft, FUTURE, both)
    schedule_record(draft, FUTURE, both, force_reason="节假日值班只有一人")
    audit = db.session.scalar(select(AuditLog).where(AuditLog.action == "schedule"))
    assert audit.details["force_reason"] == "节假日值班只有一人"


def test_an_edit_or_unschedule_cancels_the_schedule(draft_announcement, make_user):
    draft = draft_announcement()
    publisher = make_user("publisher")
    schedule_record(draft, FUTURE, publisher)
    update_draft(draft, {"summary": "改过"}, make_user("editor"))
    assert draft.scheduled_at is None  # the publisher approves what goes out, not an older text
    with pytest.raises(InvalidInputError, match="没有设置定时发布"):
        unschedule_record(draft, publisher)
    schedule_record(draft, FUTURE, publisher)
    unschedule_record(draft, publisher, "10.0.0.5")
    assert draft.scheduled_at is None
    assert publish_due(now=datetime(2031, 1, 1)) == []
    actions = db.session.scalars(select(AuditLog.action).order_by(AuditLog.id)).all()
    assert actions[-3:] == ["update_draft", "schedule", "unschedule"]


def test_hidden_until_publish_due_runs_then_everywhere(
    client, runner, draft_announcement, make_user
):
    draft = draft_announcement(title=TITLE)
    publisher = make_user("publisher")
    schedule_record(draft, FUTURE, publisher)
    make_due(draft)  # due, but publish-due has not run: still a draft, seen nowhere
    hidden = public_sightings(client, draft.id)
    assert hidden == dict.fromkeys(hidden, False)
    assert client.get(f"/announcements/{draft.id}").status_code == 404

    result = runner.invoke(args=["publish-due"])

    assert result.exit_code == 0, result.output
    assert f"Published announcement {draft.id}" in result.output
    assert "Bulk downloads regenerated." in result.output  # the CLI refreshes them itself
    with client.get("/api/v1/downloads/announcements.csv") as response:
        assert TITLE in response.get_data(as_text=True)
    shown = public_sightings(client, draft.id)
    assert shown == dict.fromkeys(shown, True)
    revision = db.session.scalar(select(Revision))
    assert (revision.action, revision.user_id) == ("publish", publisher.id)
    audit = db.session.scalar(select(AuditLog).where(AuditLog.action == "publish"))
    assert audit.user_id == publisher.id
    assert audit.details["via"] == "publish-due"
    assert runner.invoke(args=["publish-due"]).output == ""  # nothing left to do


def test_publish_due_leaves_items_that_are_not_due(draft_announcement, make_user):
    draft = draft_announcement()
    schedule_record(draft, FUTURE, make_user("publisher"))
    assert publish_due() == []
    assert publish_due(now=draft.scheduled_at - timedelta(seconds=1)) == []
    assert publish_due(now=draft.scheduled_at) == [("announcement", draft.id)]


def test_two_publish_due_runs_at_once_publish_each_item_once(
    app, draft_announcement, make_user, monkeypatch
):
    publisher = make_user("publisher")
    drafts = [draft_announcement(title=f"定时公告{n}") for n in range(3)]
    for draft in drafts:
        schedule_record(draft, FUTURE, publisher)
        make_due(draft)
    ids = sorted(d.id for d in drafts)
    version, _ = current_content_version()
    both_listed = threading.Barrier(2, timeout=30)
    list_due = publishing.due_records

    def due_then_wait(now):
        due = list_due(now)
        both_listed.wait()  # both runs hold the same list of due items before claiming any
        return due

    monkeypatch.setattr(publishing, "due_records", due_then_wait)
    results, errors = [], []

    def run():
        with app.app_context():
            try:
                results.append(publish_due())
            except Exception as error:  # reported by the assertion below
                errors.append(error)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)

    assert errors == []
    assert sorted(i for run_result in results for _, i in run_result) == ids
    assert revision_count("publish") == 3
    assert (
        db.session.scalar(select(func.count(AuditLog.id)).where(AuditLog.action == "publish")) == 3
    )
    assert current_content_version()[0] == version + 3
    statuses = db.session.scalars(select(Announcement.status)).all()
    assert statuses == ["published"] * 3


def revision_count(action: str) -> int:
    """Number of revisions of an action."""
    stmt = select(func.count(Revision.id)).where(Revision.action == action)
    return db.session.scalar(stmt)
