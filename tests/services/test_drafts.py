"""Drafts: created and edited through the services, validated, audited, never public."""

from datetime import date

import pytest
from sqlalchemy import func, select

from portal.errors import InvalidInputError
from portal.extensions import db
from portal.models import Announcement, AuditLog, Batch, Recall, Regulation
from portal.services.content import current_content_version
from portal.services.publishing import create_draft, publish_record, update_draft


def test_create_draft_records_the_editor_and_the_audit_row(announcement_fields, make_user):
    editor = make_user("editor")
    fields = announcement_fields()
    version, _ = current_content_version()
    draft = create_draft(Announcement, fields, editor, "10.0.0.1")
    assert draft.status == "draft"
    assert draft.published_at is None
    assert draft.last_edited_by_id == editor.id
    assert draft.last_edited_at is not None
    assert [b.result for b in draft.batches] == ["不合格", "合格"]
    assert {b.category_id for b in draft.batches} == {draft.category_id}
    audit = db.session.scalar(select(AuditLog).where(AuditLog.action == "create_draft"))
    assert (audit.user_id, audit.entity_type, audit.entity_id) == (editor.id, "announcement", 1)
    assert audit.remote_addr == "10.0.0.1"
    assert audit.details["batches"] == {"added": 2, "updated": 0, "removed": 0}
    assert current_content_version()[0] == version  # a draft changes nothing public


def test_update_draft_adds_updates_and_removes_batch_rows(draft_announcement, make_user):
    draft = draft_announcement()
    failed, passed = draft.batches
    colleague = make_user("editor")
    new_row = {
        "enterprise_id": failed.enterprise_id,
        "product_name": "养生壶",
        "result": "合格",
        "agency": "检验院",
    }
    update_draft(
        draft,
        {"title": "改过的标题", "batches": [{"id": failed.id, "brand": "丰益牌"}, new_row]},
        colleague,
    )
    db.session.expire_all()
    assert draft.title == "改过的标题"
    assert [(b.product_name, b.brand) for b in draft.batches] == [
        ("电热水壶", "丰益牌"),
        ("养生壶", None),
    ]
    assert db.session.get(Batch, passed.id) is None
    assert draft.last_edited_by_id == colleague.id
    audit = db.session.scalars(select(AuditLog).order_by(AuditLog.id.desc())).first()
    assert audit.action == "update_draft"
    assert audit.details["batches"] == {"added": 1, "updated": 1, "removed": 1}


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"title": "  "}, "title"),
        ({"title": "长" * 300}, "title"),
        ({"scope": "网购"}, "scope"),
        ({"issued_on": "2026-06-01"}, "issued_on"),
        ({"period_end_on": date(2026, 1, 1)}, "period_end_on"),
        ({"category_id": 999999}, "category_id"),
        ({"no_such_field": 1}, "no_such_field"),
        ({"status": "published"}, "status"),
        ({"batches": [{"product_name": "壶"}]}, "batches.0.enterprise_id"),
        ({"batches": [{"id": 999999}]}, "batches.0.id"),
        ({"batches": "not rows"}, "batches"),
    ],
)
def test_bad_fields_are_refused_in_chinese_and_change_nothing(
    draft_announcement, make_user, overrides, field
):
    draft = draft_announcement(title="原标题")
    audits = db.session.scalar(select(func.count(AuditLog.id)))
    with pytest.raises(InvalidInputError) as raised:
        update_draft(draft, overrides, make_user("editor"))
    assert field in raised.value.errors
    assert "草稿" in raised.value.detail
    db.session.expire_all()
    assert draft.title == "原标题"
    assert len(draft.batches) == 2
    assert db.session.scalar(select(func.count(AuditLog.id))) == audits


def test_batch_result_and_failed_items_must_agree(draft_announcement):
    with pytest.raises(InvalidInputError) as raised:
        draft_announcement(
            batches=[
                {
                    "enterprise_id": 1,
                    "product_name": "壶",
                    "result": "不合格",
                    "agency": "检验院",
                }
            ]
        )
    assert raised.value.errors["batches.0.failed_items"] == ["不合格批次请填写不合格项目。"]
    assert db.session.scalar(select(func.count(Announcement.id))) == 0


def test_missing_required_fields_and_a_taken_number(draft_announcement, make_user):
    first = draft_announcement()
    with pytest.raises(InvalidInputError) as raised:
        create_draft(Recall, {"title": "召回"}, make_user("editor"))
    assert raised.value.errors["number"] == ["请填写召回编号。"]
    assert raised.value.errors["defect"] == ["请填写缺陷情况。"]
    with pytest.raises(InvalidInputError) as raised:
        draft_announcement(number=first.number)
    assert raised.value.errors["number"] == ["公告编号已被其他记录使用。"]


def test_recall_and_regulation_drafts(make_user):
    editor = make_user("editor")
    recall = create_draft(
        Recall,
        {
            "number": "沪召〔2026〕99号",
            "title": "召回部分电暖器",
            "recall_type": "主动召回",
            "kind": "消费品",
            "product_name": "电暖器",
            "defect": "倾倒开关失效",
            "hazard": "火灾",
            "remedy": "更换开关",
            "announced_on": date(2026, 6, 2),
            "quantity": 1200,
        },
        editor,
    )
    regulation = create_draft(
        Regulation,
        {
            "title": "上海市产品质量条例",
            "source_name": "上海市产品质量条例",
            "level": "地方性法规",
            "legal_status": "现行有效",
            "version_on": date(2026, 1, 1),
        },
        editor,
    )
    assert (recall.status, regulation.status) == ("draft", "draft")
    update_draft(recall, {"quantity": 1300, "models": ""}, editor)
    assert recall.quantity == 1300
    assert recall.models == ""


def test_only_drafts_can_be_edited(draft_announcement, make_user):
    draft = draft_announcement()
    publish_record(draft, make_user("publisher"))
    with pytest.raises(InvalidInputError, match="更正"):
        update_draft(draft, {"title": "偷改"}, make_user("editor"))
    with pytest.raises(InvalidInputError):
        update_draft(draft, {"batches": []}, make_user("editor"))
    db.session.expire_all()
    assert len(draft.batches) == 2  # a published batch row is never deleted
