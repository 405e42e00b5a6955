"""/admin/users/: create accounts, change roles, deactivate/reactivate, reset passwords; audited."""

import pytest
from sqlalchemy import select

from portal.extensions import db
from portal.models import AuditLog, Role, User
from tests.admin.conftest import PASSWORD, duplicate_ids, form_token, sign_in

NEW_PASSWORD = "Harbour-Violet-Engine-7"


@pytest.fixture
def admin_client(staff_client):
    """A signed-in admin."""
    return staff_client(Role.ADMIN, username="boss", display_name="管理员甲")


def post(client, url, data, page=None):
    """Post a staff form with the CSRF token read from its page."""
    token = form_token(client, page or url)
    return client.post(url, data={**data, "csrf_token": token})


def last_audit() -> AuditLog:
    """The newest audit row."""
    return db.session.scalars(select(AuditLog).order_by(AuditLog.id.desc())).first()


def test_list_shows_accounts(admin_client, create_user):
    create_user(Role.EDITOR, Role.PUBLISHER, username="clerk", display_name="职员乙")
    html = admin_client.get("/admin/users/").get_data(as_text=True)
    assert "职员乙" in html
    assert "编辑、发布员" in html
    assert 'href="/admin/users/new"' in html


def test_create_account(admin_client):
    data = {
        "username": "Newbie",
        "display_name": "新同事",
        "roles": ["editor", "moderator"],
        "password": NEW_PASSWORD,
        "password_confirm": NEW_PASSWORD,
    }
    response = post(admin_client, "/admin/users/new", data)
    assert response.status_code == 302
    user = db.session.scalar(select(User).where(User.username == "newbie"))
    assert response.headers["Location"] == f"/admin/users/{user.id}"
    assert user.roles == ["editor", "moderator"]
    entry = last_audit()
    assert (entry.action, entry.user_id, entry.entity_id) == (
        "user_create",
        admin_client.user.id,
        user.id,
    )
    assert NEW_PASSWORD not in str(entry.details)
    assert sign_in(db_client(admin_client), "newbie", NEW_PASSWORD).status_code == 302


def db_client(client):
    """A fresh client of the same app."""
    return client.application.test_client()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"username": "boss"}, "用户名 boss 已存在。"),
        ({"username": "坏名字"}, "用户名须为"),
        ({"roles": []}, "请至少选择一个角色。"),
        ({"roles": ["root"]}, "请只从列出的角色中选择。"),
        ({"password": "short-one", "password_confirm": "short-one"}, "密码至少需要 12 个字符。"),
        ({"password_confirm": "Something-else-123"}, "两次输入的密码不一致。"),
        ({"display_name": ""}, "请输入姓名。"),
    ],
)
def test_create_account_refuses_bad_input(admin_client, changes, message):
    data = {
        "username": "newbie",
        "display_name": "新同事",
        "roles": ["editor"],
        "password": NEW_PASSWORD,
        "password_confirm": NEW_PASSWORD,
    } | changes
    response = post(admin_client, "/admin/users/new", data)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert message in html
    assert 'value="新同事"' in html or changes.get("display_name") == ""
    assert db.session.scalar(select(User).where(User.username == "newbie")) is None


def test_change_roles_is_audited_with_before_and_after(admin_client, create_user):
    user = create_user(Role.EDITOR, username="clerk")
    url = f"/admin/users/{user.id}/roles"
    response = post(admin_client, url, {"roles": ["publisher"]}, f"/admin/users/{user.id}")
    assert response.status_code == 302
    assert user.roles == ["publisher"]
    entry = last_audit()
    assert entry.action == "user_roles_change"
    assert entry.details == {"changes": {"roles": {"before": ["editor"], "after": ["publisher"]}}}


def test_the_last_admin_keeps_the_role(admin_client):
    me = admin_client.user
    url = f"/admin/users/{me.id}/roles"
    response = post(admin_client, url, {"roles": ["editor"]}, f"/admin/users/{me.id}")
    assert response.status_code == 422
    assert "不能移除最后一位管理员" in response.get_data(as_text=True)
    assert me.roles == ["admin"]


def test_an_admin_may_step_down_when_another_remains(admin_client, create_user):
    create_user(Role.ADMIN, username="deputy")
    me = admin_client.user
    url = f"/admin/users/{me.id}/roles"
    response = post(admin_client, url, {"roles": ["editor"]}, f"/admin/users/{me.id}")
    assert response.headers["Location"] == "/admin/"
    assert admin_client.get("/admin/users/").status_code == 403


def test_deactivate_ends_sessions_and_reactivate_restores(admin_client, staff_client):
    clerk_client = staff_client(Role.EDITOR, username="clerk")
    clerk = clerk_client.user
    page = f"/admin/users/{clerk.id}"
    response = post(admin_client, f"/admin/users/{clerk.id}/deactivate", {}, page)
    assert response.status_code == 302
    assert not clerk.is_active
    assert last_audit().action == "user_deactivate"
    assert clerk_client.get("/admin/").status_code == 302
    assert "用户名或密码不正确。" in sign_in(db_client(admin_client), "clerk").get_data(
        as_text=True
    )
    assert "已停用" in admin_client.get("/admin/users/").get_data(as_text=True)
    response = post(admin_client, f"/admin/users/{clerk.id}/reactivate", {}, page)
    assert clerk.is_active
    assert last_audit().action == "user_reactivate"
    assert sign_in(db_client(admin_client), "clerk").status_code == 302


def test_admin_cannot_deactivate_themselves(admin_client, create_user):
    create_user(Role.ADMIN, username="deputy")
    me = admin_client.user
    page = admin_client.get(f"/admin/users/{me.id}").get_data(as_text=True)
    assert "不能停用自己的账号。" in page
    response = post(admin_client, f"/admin/users/{me.id}/deactivate", {}, "/admin/")
    assert response.status_code == 409
    assert "不能停用自己的账号。" in response.get_data(as_text=True)
    assert me.is_active


def test_each_form_of_the_account_page_has_its_token_and_ids_stay_unique(admin_client, create_user):
    clerk = create_user(Role.EDITOR)
    html = admin_client.get(f"/admin/users/{clerk.id}").get_data(as_text=True)
    assert html.count('name="csrf_token"') == html.count("<form") >= 3
    assert duplicate_ids(html) == []


def test_reset_password_ends_other_sessions(admin_client, staff_client):
    clerk_client = staff_client(Role.EDITOR, username="clerk")
    clerk = clerk_client.user
    data = {"password": NEW_PASSWORD, "password_confirm": NEW_PASSWORD}
    response = post(
        admin_client, f"/admin/users/{clerk.id}/password", data, f"/admin/users/{clerk.id}"
    )
    assert response.status_code == 302
    assert last_audit().action == "user_password_reset"
    assert last_audit().details == {}
    assert clerk_client.get("/admin/").status_code == 302
    assert "用户名或密码不正确。" in sign_in(db_client(admin_client), "clerk", PASSWORD).get_data(
        as_text=True
    )
    assert sign_in(db_client(admin_client), "clerk", NEW_PASSWORD).status_code == 302


def test_resetting_ones_own_password_keeps_this_session(admin_client):
    me = admin_client.user
    data = {"password": NEW_PASSWORD, "password_confirm": NEW_PASSWORD}
    response = post(admin_client, f"/admin/users/{me.id}/password", data, f"/admin/users/{me.id}")
    assert response.status_code == 302
    assert admin_client.get("/admin/users/").status_code == 200


def test_weak_reset_password_is_refused(admin_client, create_user):
    user = create_user(username="clerk")
    before = user.password_hash
    data = {"password": "clerk-password-1", "password_confirm": "clerk-password-1"}
    response = post(
        admin_client, f"/admin/users/{user.id}/password", data, f"/admin/users/{user.id}"
    )
    assert response.status_code == 422
    assert "密码不能包含用户名。" in response.get_data(as_text=True)
    assert user.password_hash == before


@pytest.mark.parametrize("url", ["/admin/users/999", "/admin/users/99999999999"])
def test_unknown_accounts_are_404(admin_client, url):
    assert admin_client.get(url).status_code == 404
