"""Sign-in and sign-out: the form, CSRF, fresh sessions, safe redirects, cookies, audit rows."""

import pytest
from sqlalchemy import select

from portal import create_app
from portal.extensions import db
from portal.models import AuditLog, Role
from tests.admin.conftest import PASSWORD, csrf_token_from, form_token, sign_in
from tests.conftest import make_test_config


def actions() -> list[str]:
    """Audit actions so far, oldest first."""
    return list(db.session.scalars(select(AuditLog.action).order_by(AuditLog.id)))


def test_sign_in_page_is_an_accessible_chinese_form(client):
    response = client.get("/admin/sign-in")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert '<html lang="zh-CN">' in html
    assert '<label for="username">用户名</label>' in html
    assert '<label for="password">密码</label>' in html
    assert 'autocomplete="current-password"' in html
    assert 'name="viewport"' in html
    assert response.headers["Cache-Control"] == "no-store"


def test_errors_are_tied_to_their_fields(client):
    response = client.post("/admin/sign-in", data={"csrf_token": form_token(client)})
    html = response.get_data(as_text=True)
    assert '<p class="field-error" id="username-error">请输入用户名。</p>' in html
    assert 'aria-describedby="username-error"' in html
    assert 'aria-invalid="true"' in html


def test_sign_in_redirects_to_the_dashboard_and_is_audited(client, create_user):
    user = create_user(Role.EDITOR, username="zhangsan")
    response = sign_in(client, "ZhangSan ", PASSWORD)
    assert response.status_code == 302
    assert response.headers["Location"] == "/admin/"
    page = client.get("/admin/").get_data(as_text=True)
    assert "测试员zhangsan" in page
    assert "编辑" in page
    assert "退出登录" in page
    assert actions() == ["user_create", "sign_in"]
    assert user.last_login_at is not None


@pytest.mark.parametrize("username", ["zhangsan", "nobody"])
def test_wrong_credentials_give_one_message(client, create_user, username):
    create_user(username="zhangsan")
    response = sign_in(client, username, "Wrong-password-123")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "用户名或密码不正确。" in html
    assert 'role="alert"' in html
    assert client.get("/admin/").status_code == 302
    entry = db.session.scalars(select(AuditLog).order_by(AuditLog.id.desc())).first()
    assert entry.action == "sign_in_failed"
    assert entry.details["username"] == username


def test_inactive_accounts_cannot_sign_in(client, create_user):
    user = create_user()
    user.is_active = False
    db.session.commit()
    response = sign_in(client, user.username)
    assert "用户名或密码不正确。" in response.get_data(as_text=True)
    assert client.get("/admin/").status_code == 302


def test_sign_in_without_csrf_token_is_refused(client, create_user):
    user = create_user()
    client.get("/admin/sign-in")
    response = client.post("/admin/sign-in", data={"username": user.username, "password": PASSWORD})
    assert response.status_code == 400
    assert "页面已过期" in response.get_data(as_text=True)
    assert client.get("/admin/").status_code == 302
    assert actions() == ["user_create"]


def test_sign_out_without_csrf_token_is_refused(staff_client):
    client = staff_client(Role.EDITOR)
    response = client.post("/admin/sign-out")
    assert response.status_code == 400
    assert client.get("/admin/").status_code == 200
    assert "sign_out" not in actions()


def test_sign_out_ends_the_session_and_is_audited(staff_client):
    client = staff_client(Role.EDITOR)
    token = form_token(client, "/admin/")
    response = client.post("/admin/sign-out", data={"csrf_token": token})
    assert response.status_code == 302
    assert response.headers["Location"] == "/admin/sign-in"
    assert "您已退出后台。" in client.get("/admin/sign-in").get_data(as_text=True)
    assert client.get("/admin/").status_code == 302
    assert actions()[-1] == "sign_out"


def test_sign_out_needs_post(staff_client):
    client = staff_client(Role.EDITOR)
    assert client.get("/admin/sign-out").status_code == 405
    assert client.get("/admin/").status_code == 200


def test_signed_out_requests_are_redirected_to_sign_in(client):
    response = client.get("/admin/?tab=1")
    assert response.status_code == 302
    assert response.headers["Location"] == "/admin/sign-in?next=%2Fadmin%2F%3Ftab%3D1"
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "请先登录后台。" in page
    assert 'name="next" type="hidden" value="/admin/?tab=1"' in page


def test_session_is_renewed_at_sign_in(client, create_user):
    user = create_user()
    token = form_token(client)
    with client.session_transaction() as session:
        session["planted"] = "by an attacker"
        old_csrf = session["csrf_token"]
    old_cookie = client.get_cookie("session").value
    sign_in(client, user.username, token=token)
    with client.session_transaction() as session:
        assert "planted" not in session
        assert session["_user_id"] == user.get_id()
    assert client.get_cookie("session").value != old_cookie
    form_token(client, "/admin/")
    with client.session_transaction() as session:
        assert session["csrf_token"] != old_csrf


@pytest.mark.parametrize(
    "target",
    [
        "//evil.example",
        "https://evil.example",
        "/\\evil.example",
        "\\/evil.example",
        "/\t/evil.example",
        "http:/evil.example",
        "javascript:alert(1)",
        "evil.example",
        "",
    ],
)
def test_next_is_followed_only_to_local_paths(client, create_user, target):
    user = create_user()
    response = sign_in(client, user.username, next=target)
    assert response.status_code == 302
    assert response.headers["Location"] == "/admin/"


def test_next_local_path_is_followed(client, create_user):
    user = create_user()
    response = sign_in(client, user.username, next="/admin/?page=2")
    assert response.headers["Location"] == "/admin/?page=2"


def test_signed_in_user_visiting_sign_in_goes_to_the_dashboard(staff_client):
    client = staff_client(Role.MODERATOR)
    response = client.get("/admin/sign-in?next=https://evil.example")
    assert response.headers["Location"] == "/admin/"


def test_session_cookie_is_httponly_and_lax(client, create_user):
    user = create_user()
    response = sign_in(client, user.username, remember="y")
    cookies = response.headers.getlist("Set-Cookie")
    session_cookie = next(c for c in cookies if c.startswith("session="))
    remember_cookie = next(c for c in cookies if c.startswith("remember_token="))
    for cookie in (session_cookie, remember_cookie):
        assert "HttpOnly" in cookie
        assert "SameSite=Lax" in cookie
        assert "Secure" not in cookie


def test_cookies_are_secure_over_https(tmp_path, database_url):
    secure = create_app(make_test_config(tmp_path, database_url, SITE_URL="https://zj.example.cn"))
    explicit = create_app(
        make_test_config(tmp_path, database_url, SITE_URL="https://x", SESSION_COOKIE_SECURE=False)
    )
    for app in (secure, explicit):
        with app.app_context():
            db.engine.dispose()
    assert secure.config["SESSION_COOKIE_SECURE"] is True
    assert secure.config["REMEMBER_COOKIE_SECURE"] is True
    assert explicit.config["SESSION_COOKIE_SECURE"] is False


def test_staff_pages_are_never_stored(staff_client, client):
    signed_in = staff_client(Role.EDITOR)
    for response in (
        signed_in.get("/admin/"),
        client.get("/admin/sign-in"),
        client.get("/admin/"),
        client.get("/admin/no-such-page"),
    ):
        assert response.headers["Cache-Control"] == "no-store"
        assert "ETag" not in response.headers


def test_public_pages_do_not_load_the_staff_session(staff_client):
    client = staff_client(Role.EDITOR)
    response = client.get("/")
    assert response.status_code == 200
    assert "退出登录" not in response.get_data(as_text=True)
    assert csrf_token_from(client.get("/admin/"))
