"""Staff fixtures: users, signed-in clients and CSRF tokens.

CSRF protection stays ON in every admin test, as in production: tests read the token from a
rendered form (`csrf_token_from`, `form_token`) and post it like a browser does. Tests of the
CSRF refusal simply leave the token out.
"""

import itertools
import re

import pytest
from flask import g

from portal.models import Role

PASSWORD = "Kettle-Lamp-Orbit-42"
# Cheap scrypt parameters keep the suite fast; production uses werkzeug's default cost.
FAST_HASH = "scrypt:1024:8:1"
TOKEN_PATTERN = re.compile(
    r'name="csrf_token" type="hidden" value="([^"]+)"|'
    r'name="csrf_token" value="([^"]+)"'
)
SERIAL = itertools.count(1)
ID_ATTRIBUTE = re.compile(r'\sid="([^"]*)"')


@pytest.fixture(autouse=True)
def fast_password_hashes(app):
    """Hash test passwords with a low scrypt cost."""
    app.config["PASSWORD_HASH_METHOD"] = FAST_HASH


@pytest.fixture(autouse=True)
def fresh_request_globals(app):
    """Forget the CSRF token and signed-in user cached on `g` at each request.

    The `app` fixture keeps one app context open for the whole test, so every request of every
    client shares `g`, where Flask-WTF caches the CSRF token and Flask-Login the current user. In
    production each request has its own app context; this hook gives tests the same.
    """

    @app.before_request
    def forget_cached_globals():
        g.pop("csrf_token", None)
        g.pop("_login_user", None)


def csrf_token_from(response) -> str:
    """The CSRF token of the first form on a rendered page."""
    match = TOKEN_PATTERN.search(response.get_data(as_text=True))
    assert match, "no CSRF token on the page"
    return match.group(1) or match.group(2)


def duplicate_ids(html: str) -> list[str]:
    """The id attribute values that occur more than once on a page (an id must be unique)."""
    ids = ID_ATTRIBUTE.findall(html)
    return sorted({value for value in ids if ids.count(value) > 1})


def form_token(client, url: str = "/admin/sign-in") -> str:
    """GET a page as this client and return its CSRF token."""
    response = client.get(url)
    assert response.status_code == 200, url
    return csrf_token_from(response)


def sign_in(client, username: str, password: str = PASSWORD, token: str | None = None, **fields):
    """Post the sign-in form (with a CSRF token read from the page unless given)."""
    data = {"username": username, "password": password, **fields}
    data["csrf_token"] = token or form_token(client)
    return client.post("/admin/sign-in", data=data)


@pytest.fixture
def create_user(app):
    """Factory: a staff account with the given roles (default: editor)."""
    from portal.services.accounts import create_user as create

    def make(*roles, username=None, password=PASSWORD, display_name=None):
        username = username or f"staff{next(SERIAL)}"
        return create(
            None, username, display_name or f"测试员{username}", roles or [Role.EDITOR], password
        )

    return make


@pytest.fixture
def staff_client(app, create_user):
    """Factory: a new test client signed in (through the form) as a new user with the roles."""

    def make(*roles, **user_fields):
        user = create_user(*roles, **user_fields)
        client = app.test_client()
        response = sign_in(client, user.username, user_fields.get("password", PASSWORD))
        assert response.status_code == 302, response.get_data(as_text=True)
        client.user = user
        return client

    return make
