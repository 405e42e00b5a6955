"""Corrections and withdrawals: one transaction with a revision, an audit row and a cache bump."""

from datetime import date

import pytest
from sqlalchemy import select

from portal.errors import InvalidInputError
from portal.extensions import db
from portal.models import AuditLog, Revision
from portal.services.content import current_content_version
from portal.services.corrections import correct_record, withdraw_record


def test_correct_record_applies_changes_and_records_them(create_announcement):
    announcement = create_announcement(title="旧标题", issued_on=date(2026, 5, 1))
    version, _ = current_content_version()
    revision = correct_record(
        announcement, {"title": "新标题", "issued_on": date(2026, 5, 2)}, "  更正日期和标题。 "
    )
    db.session.expire_all()
    assert announcement.title == "新标题"
    assert announcement.issued_on == date(2026, 5, 2)
    assert announcement.updated_at == revision.revised_at
    assert revision.entity_type == "announcement"
    assert revision.action == "correct"
    assert revision.public_note == "更正日期和标题。"
    assert revision.changes["issued_on"] == ["2026-05-01", "2026-05-02"]
    audit = db.session.scalar(select(AuditLog))
    assert (audit.action, audit.entity_type, audit.entity_id) == ("correct", "announcement", 1)
    assert audit.details["public_note"] == "更正日期和标题。"
    assert current_content_version()[0] == version + 1


def test_withdraw_record_keeps_the_record_visible_as_withdrawn(create_recall):
    recall = create_recall(title="召回", product_name="电熨斗")
    revision = withdraw_record(recall, "召回信息重复发布。")
    assert recall.status == "withdrawn"
    assert recall.withdrawal_note == "召回信息重复发布。"
    assert recall.withdrawn_at == revision.revised_at
    assert revision.entity_type == "recall"
    assert revision.action == "withdraw"


@pytest.mark.parametrize(
    ("changes", "note", "field"),
    [
        ({"title": "新"}, "  ", "public_note"),
        ({}, "说明", "changes"),
        ({"no_such_field": 1}, "说明", "no_such_field"),
        ({"status": "draft"}, "说明", "status"),
        ({"category_id": 5}, "说明", "category_id"),
        ({"title": ""}, "说明", "title"),
        ({"title": "长" * 300}, "说明", "title"),
        ({"issued_on": "2026-05-01"}, "说明", "issued_on"),
    ],
)
def test_bad_corrections_raise_and_change_nothing(create_announcement, changes, note, field):
    announcement = create_announcement(title="原标题")
    version, _ = current_content_version()
    with pytest.raises(InvalidInputError) as raised:
        correct_record(announcement, changes, note)
    assert field in raised.value.errors
    db.session.rollback()
    assert announcement.title == "原标题"
    assert db.session.scalar(select(Revision)) is None
    assert current_content_version()[0] == version


def test_unchanged_values_are_not_a_correction(create_announcement):
    announcement = create_announcement(title="原标题")
    with pytest.raises(InvalidInputError, match="相同"):
        correct_record(announcement, {"title": "原标题"}, "说明")


def test_only_published_records_can_be_corrected_or_withdrawn(create_announcement):
    draft = create_announcement(status="draft")
    with pytest.raises(InvalidInputError):
        withdraw_record(draft, "说明")
    published = create_announcement()
    withdraw_record(published, "撤回")
    with pytest.raises(InvalidInputError):
        withdraw_record(published, "再次撤回")
    with pytest.raises(InvalidInputError):
        correct_record(published, {"title": "新"}, "更正已撤回的公告")


def test_other_records_are_refused(create_enterprise):
    with pytest.raises(InvalidInputError):
        withdraw_record(create_enterprise(), "企业不能撤回")
