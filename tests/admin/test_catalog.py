"""/admin/catalog/: admins import the product catalogue from a CSV file; audited, all or nothing."""

import io

import pytest
from sqlalchemy import func, select

from portal.data import CATALOGUE_CSV
from portal.extensions import db
from portal.models import AuditLog, ProductCategory, Role
from tests.admin.conftest import form_token


@pytest.fixture
def admin_client(staff_client):
    """A signed-in admin."""
    return staff_client(Role.ADMIN)


def upload(client, data: bytes, name: str = "catalog.csv"):
    """Post the import form with a file."""
    token = form_token(client, "/admin/catalog/")
    form = {"csrf_token": token, "file": (io.BytesIO(data), name)}
    return client.post("/admin/catalog/import", data=form, content_type="multipart/form-data")


def test_admin_imports_the_shipped_catalogue(admin_client):
    response = upload(admin_client, CATALOGUE_CSV.read_bytes())
    assert response.status_code == 302
    page = admin_client.get(response.headers["Location"]).get_data(as_text=True)
    assert "新增 120 类" in page
    assert "聚氯乙烯绝缘电线" in page
    entry = db.session.scalar(select(AuditLog).where(AuditLog.action == "import_catalog"))
    assert entry.user_id == admin_client.user.id
    assert entry.remote_addr == "127.0.0.1"


def test_errors_are_shown_by_row_and_nothing_is_saved(admin_client):
    response = upload(
        admin_client, "code,name,group\n0101,电线电缆,电子电器\n0102,,电子电器\n".encode()
    )
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "第3行：名称不能为空。" in page
    assert "未保存任何内容" in page
    assert db.session.scalar(select(func.count(ProductCategory.id))) == 0


def test_missing_file_is_refused(admin_client):
    token = form_token(admin_client, "/admin/catalog/")
    response = admin_client.post("/admin/catalog/import", data={"csrf_token": token})
    assert response.status_code == 422
    assert "请选择要上传的文件" in response.get_data(as_text=True)


def test_dashboard_links_the_catalogue_for_admins_only(admin_client, staff_client):
    assert "/admin/catalog/" in admin_client.get("/admin/").get_data(as_text=True)
    editor = staff_client(Role.EDITOR)
    assert "/admin/catalog/" not in editor.get("/admin/").get_data(as_text=True)
