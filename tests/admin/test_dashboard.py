"""The dashboard lists the features the signed-in staff member's roles open."""

import pytest

from portal.admin.access import role_required
from portal.admin.dashboard import add_dashboard_link, check_dashboard_links
from portal.models import Role


@pytest.fixture
def publisher_feature(app):
    """A publisher-only page listed on the dashboard."""

    @role_required(Role.PUBLISHER)
    def publish_queue():
        return "queue"

    app.add_url_rule("/admin/test-queue", "admin.test_queue", publish_queue)
    add_dashboard_link(app, "admin.test_queue", "待发布内容", "审核并发布编辑提交的稿件。")


def test_dashboard_shows_name_roles_and_sign_out(staff_client):
    client = staff_client(Role.EDITOR, Role.MODERATOR, display_name="王五")
    html = client.get("/admin/").get_data(as_text=True)
    assert '<span class="admin-name">王五</span>' in html
    assert "（编辑、审核员）" in html
    assert 'action="/admin/sign-out"' in html
    assert "后台" in html


@pytest.mark.parametrize(
    ("roles", "shown"),
    [((Role.PUBLISHER,), True), ((Role.ADMIN,), True), ((Role.EDITOR, Role.MODERATOR), False)],
)
def test_links_follow_the_roles_of_their_views(publisher_feature, staff_client, roles, shown):
    html = staff_client(*roles).get("/admin/").get_data(as_text=True)
    assert ('<a href="/admin/test-queue">待发布内容</a>' in html) is shown
    assert ("审核并发布编辑提交的稿件。" in html) is shown


def test_links_must_point_to_protected_views(app):
    app.add_url_rule("/admin/unprotected", "admin.unprotected", lambda: "x")
    add_dashboard_link(app, "admin.unprotected", "无保护", "")
    with pytest.raises(RuntimeError, match="admin.unprotected"):
        check_dashboard_links(app)


def test_admin_features_are_listed_for_admins_only(staff_client):
    admin_page = staff_client(Role.ADMIN).get("/admin/").get_data(as_text=True)
    assert '<a href="/admin/users/">账号管理</a>' in admin_page
    assert '<a href="/admin/audit/">审计日志</a>' in admin_page
    editor_page = staff_client(Role.EDITOR).get("/admin/").get_data(as_text=True)
    assert "账号管理" not in editor_page
    assert "审计日志" not in editor_page
