"""/admin/imports/: upload → preview (rows, problems, enterprises) → confirm, editors only."""

import io

from sqlalchemy import func, select

from portal.extensions import db
from portal.models import Announcement, AuditLog, Role
from tests.admin.conftest import csrf_token_from, form_token
from tests.conftest import make_credit_code
from tests.importing.builders import batch_row, result_workbook

CODE = make_credit_code(820001)


def upload(client, data: bytes, filename="结果.xlsx", **fields):
    """Post the upload form with the page's CSRF token."""
    form = {"csrf_token": form_token(client, "/admin/imports/"), "category": "", "codes": ""}
    form |= fields
    form["file"] = (io.BytesIO(data), filename)
    return client.post("/admin/imports/", data=form, content_type="multipart/form-data")


def test_upload_preview_confirm(staff_client, create_category):
    create_category(code="0101", name="电线电缆")
    client = staff_client(Role.EDITOR)
    data = result_workbook([batch_row(1, code=CODE), batch_row(2, name="上海无码电缆厂")])
    response = upload(client, data, codes="上海无码电缆厂，" + make_credit_code(820002))
    assert response.status_code == 302
    page = client.get(response.location)
    text = page.get_data(as_text=True)
    assert "没有发现问题" in text
    assert "新企业（待确认）" in text
    assert "聚氯乙烯绝缘电线" in text
    assert db.session.scalar(select(func.count(Announcement.id))) == 0
    form = {"csrf_token": csrf_token_from(page), "scope": "生产", "number": "", "title": ""}
    confirmed = client.post(response.location + "/confirm", data=form | {"issued_on": ""})
    assert confirmed.status_code == 302
    announcement = db.session.scalar(select(Announcement))
    assert announcement.status == "draft"
    assert len(announcement.batches) == 2
    audit = db.session.scalar(select(AuditLog).where(AuditLog.action == "import"))
    assert audit.user_id == client.user.id
    assert "已保存为草稿公告" in client.get(confirmed.location).get_data(as_text=True)


def test_problems_are_listed_and_nothing_can_be_saved(staff_client, create_category):
    create_category(code="0101", name="电线电缆")
    client = staff_client(Role.EDITOR)
    response = upload(client, result_workbook([batch_row(1, name="上海无码电缆厂", result="待定")]))
    text = client.get(response.location).get_data(as_text=True)
    assert "无法识别的抽查结果：待定" in text
    assert "缺少统一社会信用代码" in text
    assert "确认并保存为草稿" not in text
    page = client.get(response.location)
    form = {"csrf_token": csrf_token_from(page), "scope": "生产"}
    client.post(response.location + "/confirm", data=form)
    assert db.session.scalar(select(func.count(Announcement.id))) == 0


def test_wrong_file_type_and_other_users_uploads(staff_client, create_category):
    create_category(code="0101", name="电线电缆")
    client = staff_client(Role.EDITOR)
    refused = upload(client, b"x", filename="a.pdf")
    assert "只支持 XLSX、XLS 和 CSV 文件" in refused.get_data(as_text=True)
    response = upload(client, result_workbook([batch_row(1, code=CODE)]))
    other = staff_client(Role.EDITOR)
    assert other.get(response.location).status_code == 404
    assert client.get("/admin/imports/" + "0" * 32).status_code == 404
    assert client.get("/admin/imports/..%2F..%2Fsecret").status_code == 404
