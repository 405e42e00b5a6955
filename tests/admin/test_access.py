"""Every /admin/ route declares its roles and refuses signed-out and wrong-role requests.

The test walks app.url_map, so a new staff route is checked as soon as it exists: signed out it
must redirect to sign-in (GET) or refuse (POST), and a user of every role it does not allow must get
403, with nothing read into the page and no row changed anywhere.
"""

import pytest
from sqlalchemy import func, select

from portal.admin.access import role_required
from portal.extensions import db
from portal.models import Role
from tests.admin.conftest import form_token

PUBLIC_ADMIN_ENDPOINTS = {"admin.sign_in"}
SKIPPED_METHODS = {"HEAD", "OPTIONS"}


def admin_rules(app):
    """The /admin/ URL rules other than the sign-in page."""
    return [
        rule
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith("/admin") and rule.endpoint not in PUBLIC_ADMIN_ENDPOINTS
    ]


def sample_url(rule) -> str:
    """A URL for the rule, with placeholder values for its arguments."""
    values = {
        name: 1 if "int" in type(conv).__name__.lower() else "x"
        for name, conv in rule._converters.items()
    }
    return rule.build(values)[1]


def row_counts() -> dict[str, int]:
    """Rows in every table, to prove that a refused request changed nothing."""
    return {
        table.name: db.session.scalar(select(func.count()).select_from(table))
        for table in db.metadata.sorted_tables
    }


def refused_as(client, rule, token: str | None) -> list[tuple[str, int, str]]:
    """(method, status, location) for each method of the rule."""
    url = sample_url(rule)
    answers = []
    for method in sorted(rule.methods - SKIPPED_METHODS):
        data = {"csrf_token": token} if method != "GET" else None
        response = client.open(url, method=method, data=data)
        answers.append((method, response.status_code, response.headers.get("Location", "")))
    return answers


def test_admin_routes_exist(app):
    endpoints = {rule.endpoint for rule in admin_rules(app)}
    assert {"admin.dashboard", "admin.sign_out"} <= endpoints


def test_every_admin_route_declares_roles(app):
    for rule in admin_rules(app):
        roles = getattr(app.view_functions[rule.endpoint], "required_roles", None)
        assert roles, f"{rule.rule} ({rule.endpoint}) lacks @role_required"
        assert set(roles) <= set(Role.ALL)


def test_signed_out_requests_are_redirected_or_refused(app, client):
    token = form_token(client)
    before = row_counts()
    for rule in admin_rules(app):
        for method, status, location in refused_as(client, rule, token):
            if method == "GET":
                assert status == 302, rule.rule
                assert location.startswith("/admin/sign-in?next="), rule.rule
            else:
                assert status == 403, (method, rule.rule)
    assert row_counts() == before


@pytest.fixture
def publisher_route(app):
    """A publisher-only GET and POST route added for the test, counting calls that got through."""
    calls = []

    @role_required(Role.PUBLISHER)
    def publisher_only():
        calls.append(1)
        return "ok"

    app.add_url_rule(
        "/admin/test-publisher-only", view_func=publisher_only, methods=["GET", "POST"]
    )
    return calls


def test_wrong_roles_get_403(app, publisher_route, staff_client):
    clients = {role: staff_client(role) for role in Role.ALL if role != Role.ADMIN}
    tokens = {role: form_token(client, "/admin/") for role, client in clients.items()}
    before = row_counts()
    checked = 0
    for rule in admin_rules(app):
        allowed = app.view_functions[rule.endpoint].required_roles
        for role in set(clients) - set(allowed):
            for method, status, _ in refused_as(clients[role], rule, tokens[role]):
                assert status == 403, (role, method, rule.rule)
                checked += 1
    assert row_counts() == before
    assert publisher_route == []
    # At least: editor, publisher and moderator x the 9 user and audit requests, plus editor and
    # moderator x GET and POST on the test route.
    assert checked >= 3 * 9 + 4


def test_allowed_role_gets_through(publisher_route, staff_client):
    client = staff_client(Role.PUBLISHER)
    assert client.get("/admin/test-publisher-only").get_data(as_text=True) == "ok"
    admin = staff_client(Role.ADMIN)
    assert (
        admin.post(
            "/admin/test-publisher-only", data={"csrf_token": form_token(admin, "/admin/")}
        ).status_code
        == 200
    )
    assert publisher_route == [1, 1]


def test_admins_pass_every_check(app, staff_client):
    client = staff_client(Role.ADMIN)
    assert client.get("/admin/").status_code == 200


@pytest.mark.parametrize("roles", [(), ("boss",), (Role.EDITOR, "root")])
def test_role_required_needs_known_roles(roles):
    with pytest.raises(ValueError, match="role_required"):
        role_required(*roles)


def test_role_required_records_the_roles():
    @role_required(Role.EDITOR, Role.PUBLISHER)
    def view():
        return "ok"

    assert view.required_roles == {Role.EDITOR, Role.PUBLISHER}
    assert view.__name__ == "view"
