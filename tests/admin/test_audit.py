"""/admin/audit/: admins read the audit log, filtered and paginated; it never goes public."""

from datetime import datetime

import pytest

from portal.extensions import db
from portal.models import Role
from portal.services.audit import record_action


@pytest.fixture
def admin_client(staff_client):
    """A signed-in admin."""
    return staff_client(Role.ADMIN, username="boss", display_name="管理员甲")


def add_entry(user, action, at, details=None, remote_addr="198.51.100.7", entity=("user", 9)):
    """An audit row at a given naive UTC time."""
    record_action(user, action, entity, details or {}, remote_addr, at=at)
    db.session.commit()


def test_log_lists_who_what_entity_when_where_and_details(admin_client):
    add_entry(
        admin_client.user,
        "user_roles_change",
        datetime(2026, 11, 27, 16, 30, 5),
        {"changes": {"roles": {"before": ["editor"], "after": ["publisher"]}}},
    )
    html = admin_client.get("/admin/audit/").get_data(as_text=True)
    assert "2026-11-28 00:30:05" in html  # Asia/Shanghai
    assert "管理员甲（boss）" in html
    assert "修改角色" in html
    assert "账号 #9" in html
    assert "198.51.100.7" in html
    assert "roles：<code>[&#34;editor&#34;] → [&#34;publisher&#34;]</code>" in html


def test_details_are_escaped(admin_client):
    add_entry(None, "sign_in_failed", datetime(2026, 11, 27), {"username": "<script>x</script>"})
    html = admin_client.get("/admin/audit/").get_data(as_text=True)
    assert "<script>x</script>" not in html
    assert "&lt;script&gt;x&lt;/script&gt;" in html


def test_newest_first_and_paginated(admin_client):
    for minute in range(55):
        add_entry(None, "sign_in_failed", datetime(2026, 1, 1, 0, minute), {"n": f"row{minute}"})
    first = admin_client.get("/admin/audit/?action=sign_in_failed").get_data(as_text=True)
    assert first.index("row54") < first.index("row53")
    assert "row4<" not in first
    assert "共 55 条，第 1 / 2 页" in first
    second = admin_client.get("/admin/audit/?action=sign_in_failed&page=2").get_data(as_text=True)
    assert "row4<" in second
    assert "row54" not in second


def test_filters_by_user_action_and_local_dates(admin_client, create_user):
    other = create_user(Role.EDITOR, username="clerk")
    add_entry(other, "sign_out", datetime(2026, 3, 1, 15, 59), {"n": "march1-local"})
    add_entry(other, "sign_out", datetime(2026, 3, 1, 16, 1), {"n": "march2-local"})
    add_entry(None, "sign_in_failed", datetime(2026, 3, 1, 16, 2), {"n": "anonymous"})
    by_user = admin_client.get(f"/admin/audit/?user={other.id}").get_data(as_text=True)
    assert "march1-local" in by_user
    assert "anonymous" not in by_user
    nobody = admin_client.get("/admin/audit/?user=none").get_data(as_text=True)
    assert "anonymous" in nobody
    assert "march1-local" not in nobody
    day = admin_client.get("/admin/audit/?date_from=2026-03-02&date_to=2026-03-02").get_data(
        as_text=True
    )
    assert "march2-local" in day
    assert "anonymous" in day
    assert "march1-local" not in day
    action = admin_client.get("/admin/audit/?action=sign_out").get_data(as_text=True)
    assert "anonymous" not in action
    assert "march2-local" in action


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("user=abc", "不是有效的选择。"),
        ("user=999999", "不是有效的选择。"),
        ("action=drop_table", "不是有效的选择。"),
        ("date_from=2026-13-40", "不是有效的日期值。"),
        ("date_from=9999-12-31", "日期须在 2000 年至 2100 年之间。"),
        ("date_from=2026-05-02&date_to=2026-05-01", "结束日期不能早于开始日期。"),
        ("page=0", "数值大小必须介于"),
        ("page=abc", "不是有效的整数。"),
        ("page=99999999999999999999", "数值大小必须介于"),
    ],
)
def test_bad_filters_get_a_chinese_explanation(admin_client, query, message):
    response = admin_client.get(f"/admin/audit/?{query}")
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert message in html
    assert "筛选条件有误" in html


def test_a_date_that_does_not_parse_is_not_repeated_into_the_date_input(admin_client):
    html = admin_client.get("/admin/audit/?date_from=2026-05-01&date_to=abc").text
    assert 'type="date" value="2026-05-01"' in html
    assert 'value="abc"' not in html
    assert 'id="date_to" name="date_to" type="date" value=""' in html


def test_public_outputs_carry_no_audit_data(app, admin_client, client):
    marker = "audit-marker-7f3a"
    add_entry(admin_client.user, "user_create", datetime(2026, 5, 1), {"username": marker})
    routes = [
        rule.rule
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith(("/api/v1", "/feeds"))
        and not rule.arguments
        and "GET" in rule.methods
    ]
    assert "/api/v1/openapi.json" in routes
    for url in routes:
        body = client.get(url).get_data(as_text=True)
        assert marker not in body, url
        assert "198.51.100.7" not in body, url
        assert "audit" not in body.lower() or url == "/api/v1/openapi.json", url
    assert "audit" not in client.get("/api/v1/openapi.json").get_data(as_text=True).lower()
