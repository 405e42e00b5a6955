"""Lock-out after repeated failed sign-ins, per account name and per client address."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from portal.extensions import db
from portal.models import AuditLog, SignInFailure, utcnow
from tests.admin.conftest import PASSWORD, form_token

LOCKED = "登录失败次数过多，已暂时锁定，请 15 分钟后再试。"
WRONG = "用户名或密码不正确。"


def attempt(client, username, password, token, addr="10.0.0.1"):
    """One sign-in post from a client address; returns the page text and status."""
    response = client.post(
        "/admin/sign-in",
        data={"username": username, "password": password, "csrf_token": token},
        environ_base={"REMOTE_ADDR": addr},
    )
    return response.status_code, response.get_data(as_text=True)


def shift_failures(minutes: int) -> None:
    """Move every recorded failure into the past, as if time had passed."""
    for failure in db.session.scalars(select(SignInFailure)):
        failure.created_at -= timedelta(minutes=minutes)
    db.session.commit()


@pytest.mark.parametrize("username", ["zhangsan", "ghost"])
def test_five_failures_lock_the_account_name_for_fifteen_minutes(client, create_user, username):
    create_user(username="zhangsan")
    token = form_token(client)
    for _ in range(5):
        assert WRONG in attempt(client, username, "Wrong-password-1", token)[1]
    status, page = attempt(client, username, PASSWORD, token)
    assert LOCKED in page
    assert status == 200
    assert client.get("/admin/").status_code == 302
    shift_failures(14)
    assert LOCKED in attempt(client, username, PASSWORD, token)[1]
    shift_failures(2)
    status, page = attempt(client, username, PASSWORD, token)
    if username == "zhangsan":
        assert status == 302
    else:
        assert WRONG in page


def test_attempts_while_locked_do_not_extend_or_reveal(client, create_user):
    create_user(username="zhangsan")
    token = form_token(client)
    pages = {}
    for name in ("zhangsan", "ghost"):
        for _ in range(7):
            status, pages[name] = attempt(client, name, "Wrong-password-1", token)
    assert LOCKED in pages["zhangsan"]
    assert LOCKED in pages["ghost"]
    assert db.session.scalar(select(func.count()).select_from(SignInFailure)) == 10
    reasons = db.session.scalars(
        select(AuditLog.details).where(AuditLog.action == "sign_in_failed")
    )
    assert [details["reason"] for details in reasons].count("locked") == 4


def test_failures_spread_over_more_than_the_window_do_not_lock(client, create_user):
    create_user(username="zhangsan")
    token = form_token(client)
    for _ in range(4):
        attempt(client, "zhangsan", "Wrong-password-1", token)
    shift_failures(16)
    attempt(client, "zhangsan", "Wrong-password-1", token)
    assert attempt(client, "zhangsan", PASSWORD, token)[0] == 302


def test_success_clears_the_account_failures(client, create_user):
    user = create_user(username="zhangsan")
    token = form_token(client)
    for _ in range(4):
        attempt(client, "zhangsan", "Wrong-password-1", token)
    assert attempt(client, "zhangsan", PASSWORD, token)[0] == 302
    assert db.session.scalar(select(func.count()).select_from(SignInFailure)) == 0
    assert user.last_login_at is not None


def test_twenty_failures_lock_the_client_address(app, client, create_user):
    create_user(username="zhangsan")
    token = form_token(client)
    for number in range(20):
        assert WRONG in attempt(client, f"guess{number}", "Wrong-password-1", token)[1]
    assert LOCKED in attempt(client, "zhangsan", PASSWORD, token)[1]
    other = app.test_client()
    other_token = form_token(other)
    assert attempt(other, "zhangsan", PASSWORD, other_token, addr="10.0.0.2")[0] == 302


def test_old_failures_are_pruned(client, create_user):
    token = form_token(client)
    attempt(client, "ghost", "Wrong-password-1", token)
    shift_failures(60 * 25)
    attempt(client, "ghost", "Wrong-password-1", token)
    times = list(db.session.scalars(select(SignInFailure.created_at)))
    assert len(times) == 1
    assert times[0] > utcnow() - timedelta(minutes=1)


def test_lock_out_survives_a_second_app(app, client, create_user, tmp_path, database_url):
    """The failures live in the database, so another worker (app) sees the lock."""
    from portal import create_app
    from tests.conftest import make_test_config

    create_user(username="zhangsan")
    token = form_token(client)
    for _ in range(5):
        attempt(client, "zhangsan", "Wrong-password-1", token)
    worker = create_app(make_test_config(tmp_path / "w2", database_url))
    with worker.app_context():
        worker_client = worker.test_client()
        status, page = attempt(worker_client, "zhangsan", PASSWORD, form_token(worker_client))
        db.session.remove()
        db.engine.dispose()
    assert LOCKED in page
