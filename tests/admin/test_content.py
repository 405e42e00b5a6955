"""Content screens: drafts, batch rows, preview, publish (four eyes), schedule, lists."""

from datetime import datetime

from sqlalchemy import select

from portal.extensions import db
from portal.models import Announcement, AuditLog
from tests.admin.conftest import csrf_token_from, duplicate_ids, form_token

BASE = "/admin/content"


def announcement_form(category_id, **overrides) -> dict:
    """Form data of a valid announcement draft."""
    data = {
        "number": "屏幕〔2026〕第1号",
        "title": "2026年电饭煲产品质量监督抽查结果公告",
        "category_id": str(category_id),
        "scope": "流通",
        "period_start_on": "2026-03-01",
        "period_end_on": "2026-04-30",
        "issued_on": "2026-06-01",
        "summary": "抽查电饭煲。",
        "body": "",
    }
    return data | overrides


def post_form(client, url: str, data: dict, page: str | None = None):
    """Post a form with the CSRF token of the page it is on."""
    return client.post(url, data=data | {"csrf_token": form_token(client, page or url)})


def create_announcement_draft(client, create_category, **overrides):
    """Create an announcement draft through the screen; return it."""
    category = create_category(code="0301", name="电饭煲")
    response = post_form(
        client, f"{BASE}/announcements/new", announcement_form(category.id, **overrides)
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    return db.session.scalars(select(Announcement)).one()


def test_editor_creates_a_draft_and_errors_keep_what_was_typed(staff_client, create_category):
    editor = staff_client("editor")
    category = create_category(code="0301", name="电饭煲")
    bad = announcement_form(category.id, title="", issued_on="2026-13-45", summary="我写的摘要")
    response = post_form(editor, f"{BASE}/announcements/new", bad)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "日期格式应为" in page
    assert "我写的摘要" in page
    assert db.session.scalar(select(Announcement)) is None
    good = announcement_form(category.id)
    response = post_form(editor, f"{BASE}/announcements/new", good)
    assert response.status_code == 302
    draft = db.session.scalars(select(Announcement)).one()
    assert (draft.status, draft.last_edited_by_id) == ("draft", editor.user.id)
    assert editor.get(f"/announcements/{draft.id}").status_code == 404


def test_batch_rows_are_added_changed_and_removed_in_the_table(
    staff_client, create_category, create_enterprise
):
    editor = staff_client("editor")
    draft = create_announcement_draft(editor, create_category)
    maker = create_enterprise(name="上海电饭煲厂")
    url = f"{BASE}/announcements/{draft.id}/batches"
    rows = {
        "rows-0-enterprise_code": maker.credit_code,
        "rows-0-product_name": "电饭煲",
        "rows-0-result": "不合格",
        "rows-0-failed_items": "能效、标志",
        "rows-0-agency": "检验院",
        "rows-1-enterprise_code": "91310000XXXXXXXXXX",
        "rows-1-product_name": "电压力锅",
        "rows-1-result": "合格",
        "rows-1-agency": "检验院",
        "rows-2-product_name": "",
    }
    response = post_form(editor, url, rows)
    assert response.status_code == 422
    assert "没有这家企业" in response.get_data(as_text=True)
    rows["rows-1-enterprise_code"] = maker.credit_code
    assert post_form(editor, url, rows).status_code == 302
    db.session.expire_all()
    assert [b.failed_items for b in draft.batches] == [["能效", "标志"], []]
    first, second = draft.batches
    changed = {
        "rows-0-id": str(first.id),
        "rows-0-remove": "y",
        "rows-1-id": str(second.id),
        "rows-1-enterprise_code": maker.credit_code,
        "rows-1-product_name": "电压力锅（改）",
        "rows-1-result": "合格",
        "rows-1-agency": "检验院",
    }
    assert post_form(editor, url, changed).status_code == 302
    db.session.expire_all()
    assert [b.product_name for b in draft.batches] == ["电压力锅（改）"]


def test_preview_shows_the_public_page_with_the_banner(staff_client, create_category):
    editor = staff_client("editor")
    draft = create_announcement_draft(editor, create_category)
    page = editor.get(f"{BASE}/announcements/{draft.id}/preview").get_data(as_text=True)
    assert "草稿预览" in page
    assert draft.title in page


def test_four_eyes_on_the_publish_screen(staff_client, create_category, create_enterprise):
    both = staff_client("editor", "publisher")
    draft = create_announcement_draft(both, create_category)
    draft.batches  # noqa: B018 (load before adding a row through the service below)
    add_batch(draft, create_enterprise(), both.user)
    record_url = f"{BASE}/announcements/{draft.id}"
    page = both.get(record_url)
    assert "四眼原则" in page.get_data(as_text=True)
    # Publish now and schedule each ask for the reason, with inputs of their own.
    assert duplicate_ids(page.get_data(as_text=True)) == []
    seen = seen_edit(page)
    response = both.post(
        f"{record_url}/publish", data={"csrf_token": csrf_token_from(page), "seen_edit": seen}
    )
    assert response.status_code == 422
    assert "请填写自行发布的理由" in response.get_data(as_text=True)
    db.session.expire_all()
    assert draft.status == "draft"
    response = both.post(
        f"{record_url}/publish",
        data={"csrf_token": csrf_token_from(page), "seen_edit": seen, "force_reason": "值班"},
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert draft.status == "published"
    audit = db.session.scalar(select(AuditLog).where(AuditLog.action == "publish"))
    assert audit.details["force_reason"] == "值班"
    assert both.get(f"/announcements/{draft.id}").status_code == 200


def test_another_publisher_schedules_and_unschedules(
    staff_client, create_category, create_enterprise
):
    editor, publisher = staff_client("editor"), staff_client("publisher")
    draft = create_announcement_draft(editor, create_category)
    add_batch(draft, create_enterprise(), editor.user)
    record_url = f"{BASE}/announcements/{draft.id}"
    page = publisher.get(record_url)
    assert "四眼原则" not in page.get_data(as_text=True)
    data = {"csrf_token": csrf_token_from(page), "seen_edit": seen_edit(page)}
    response = publisher.post(
        f"{record_url}/schedule", data=data | {"publish_at": "2020-01-01T08:00"}
    )
    assert response.status_code == 422
    assert "必须晚于现在" in response.get_data(as_text=True)
    response = publisher.post(
        f"{record_url}/schedule", data=data | {"publish_at": "2030-06-01T09:30"}
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert draft.scheduled_at == datetime(2030, 6, 1, 1, 30)
    assert "2030年6月1日 09:30" in publisher.get(record_url).get_data(as_text=True)
    response = publisher.post(f"{record_url}/unschedule", data={"csrf_token": data["csrf_token"]})
    assert response.status_code == 302
    db.session.expire_all()
    assert draft.scheduled_at is None


def test_a_stale_page_does_not_publish_a_changed_draft(
    staff_client, create_category, create_enterprise
):
    editor, publisher = staff_client("editor"), staff_client("publisher")
    draft = create_announcement_draft(editor, create_category)
    add_batch(draft, create_enterprise(), editor.user)
    record_url = f"{BASE}/announcements/{draft.id}"
    page = publisher.get(record_url)
    post_form(
        editor, f"{record_url}/edit", announcement_form(draft.category_id, title="后改的标题")
    )
    response = publisher.post(
        f"{record_url}/publish",
        data={"csrf_token": csrf_token_from(page), "seen_edit": seen_edit(page)},
    )
    assert response.status_code == 422
    assert "重新预览" in response.get_data(as_text=True)
    db.session.expire_all()
    assert draft.status == "draft"


def test_lists_by_state(staff_client, create_category):
    editor = staff_client("editor")
    draft = create_announcement_draft(editor, create_category)
    drafts = editor.get(f"{BASE}/announcements/?state=draft").get_data(as_text=True)
    assert draft.title in drafts
    published = editor.get(f"{BASE}/announcements/?state=published").get_data(as_text=True)
    assert draft.title not in published
    assert editor.get(f"{BASE}/nonsense/").status_code == 404


def add_batch(draft, enterprise, user) -> None:
    """Give a draft one batch row through the service."""
    from portal.services.publishing import update_draft

    row = {
        "enterprise_id": enterprise.id,
        "product_name": "电饭煲",
        "result": "合格",
        "agency": "院",
    }
    update_draft(draft, {"batches": [row]}, user)


def seen_edit(page) -> str:
    """The draft version stamp on a record page."""
    import re

    return re.search(
        r'name="seen_edit" type="hidden" value="([^"]*)"', page.get_data(as_text=True)
    ).group(1)


def test_a_published_record_is_not_edited_as_a_draft(staff_client, create_announcement):
    editor = staff_client("editor")
    published = create_announcement(title="已发布的公告")
    url = f"{BASE}/announcements/{published.id}/edit"
    data = announcement_form(published.category_id, number=published.number, title="偷改")
    response = post_form(editor, url, data)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "只能修改草稿" in page
    assert ">published<" not in page
    db.session.expire_all()
    assert published.title == "已发布的公告"
