"""Hostile values in every field of every public form, and malformed bodies at every POST.

A post without a CSRF token is refused with a 400 and changes nothing. With a valid token, each
field (and an unknown one) gets a sample of payloads, URL-encoded or multipart: the answer is
never a 5xx and never reflects markup; a refused post changes nothing (failed sign-ins are
counted by design); an accepted one is shown escaped on the pages it leads to, and to staff.
"""

import random

import pytest

from portal.extensions import db
from tests.hostile.checks import EVIL_HOST, label, problems
from tests.hostile.conftest import WRITTEN_BY_POSTS, database_fingerprint
from tests.hostile.forms import (
    FORMS,
    MALFORMED_BODIES,
    MULTIPART,
    TOKEN,
    URLENCODED,
    multipart,
    urlencoded,
)
from tests.hostile.payloads import PAYLOADS, Payload
from tests.hostile.targets import pick

FIELD_SAMPLES = 4


@pytest.fixture(scope="module")
def places(site, known) -> dict:
    """Values of the placeholders in form addresses and fields."""
    from portal.models import CampaignChoice

    with site.app_context():
        choice = db.session.query(CampaignChoice.id).filter_by(campaign_id=known["campaign_id"])
        return {
            "campaign_id": known["campaign_id"],
            "submission_id": known["submission_id"],
            "choice_id": choice.first()[0],
        }


def fill(form, places: dict) -> tuple[str, str, dict[str, bytes]]:
    """The form's action, page and valid values with the placeholders filled."""
    values = {
        name: value.replace(b"{choice_id}", str(places["choice_id"]).encode())
        for name, value in form.valid.items()
    }
    return form.action.format(**places), form.page.format(**places), values


def new_client(site):
    """A client with an address of its own (sign-in lock-outs count per address)."""
    client = site.test_client()
    client.environ_base["REMOTE_ADDR"] = f"10.9.{random.randint(0, 255)}.{random.randint(1, 254)}"  # noqa: S311
    return client


def token_of(client, page: str) -> str:
    """GET the page and return its form's CSRF token (the session cookie is kept)."""
    match = TOKEN.search(client.get(page).get_data(as_text=True))
    assert match, f"no CSRF token on {page}"
    return match.group(1)


def written(site, skip=()) -> str:
    """Fingerprint of the tables posts write to."""
    with site.app_context():
        db.session.remove()
        return database_fingerprint(only=WRITTEN_BY_POSTS, skip=skip)


def post(client, action: str, values: dict[str, bytes], encoding: str, headers=None):
    """POST raw values URL-encoded or as multipart."""
    body = urlencoded(values) if encoding == URLENCODED else multipart(values)
    content_type = URLENCODED if encoding == URLENCODED else MULTIPART
    return client.post(action, data=body, content_type=content_type, headers=headers or {})


def report(failures: list[str]) -> None:
    """Fail with the first failures listed."""
    assert not failures, f"{len(failures)} failures:\n" + "\n".join(failures[:40])


def test_posts_without_a_token_are_refused_and_change_nothing(site, places, log_watch):
    failures = []
    before = written(site)
    for form in FORMS:
        action, _page, values = fill(form, places)
        client = new_client(site)
        for name in [*values, "junk"]:
            for number, payload in enumerate(PAYLOADS):
                encoding = (URLENCODED, MULTIPART)[number % 2]
                response = post(client, action, values | {name: payload.raw}, encoding)
                where = f"{form.name}.{name}"
                failures += [
                    f"{label('POST', action, payload, where)}: {p}" for p in problems(response)
                ]
                if response.status_code != 400:
                    failures.append(
                        f"{label('POST', action, payload, where)}: {response.status_code}"
                    )
    if written(site) != before:
        failures.append("a post without a CSRF token changed the database")
    report(failures)


def accepted(response) -> bool:
    """True when the post was accepted (Post/Redirect/Get)."""
    return response.status_code in (302, 303)


def check_post(site, client, form, action, values, payload, where, encoding) -> list[str]:
    """Post one hostile value with a valid token; check the answer and the database."""
    before = written(site, skip=form.may_change)
    response = post(client, action, values, encoding)
    failures = [f"{label('POST', action, payload, where)}: {p}" for p in problems(response)]
    if accepted(response):
        followed = client.get(response.headers["Location"], follow_redirects=True)
        failures += [
            f"{label('GET', 'after ' + action, payload, where)}: {p}" for p in problems(followed)
        ]
    elif written(site, skip=form.may_change) != before:
        failures.append(
            f"{label('POST', action, payload, where)}: refused but changed the database"
        )
    return failures


def test_hostile_fields_with_a_valid_token(site, places, log_watch):
    failures = []
    for form in FORMS:
        action, page, values = fill(form, places)
        for name in [*values, "junk"]:
            for number, payload in enumerate(pick(PAYLOADS, f"{form.name}.{name}", FIELD_SAMPLES)):
                client = new_client(site)
                token = token_of(client, page)
                encoding = (URLENCODED, MULTIPART)[number % 2]
                fields = values | {name: payload.raw, "csrf_token": token.encode()}
                failures += check_post(
                    site, client, form, action, fields, payload, f"{form.name}.{name}", encoding
                )
    report(failures)


def test_malformed_bodies_change_nothing(site, places, log_watch):
    failures = []
    for form in FORMS:
        action, page, _values = fill(form, places)
        client = new_client(site)
        token = token_of(client, page)
        for name, body, content_type in MALFORMED_BODIES:
            before = written(site, skip=form.may_change)
            response = client.post(
                action, data=body, content_type=content_type, headers={"X-CSRFToken": token}
            )
            payload = Payload(name, b"")
            failures += [
                f"{label('POST', action, payload, 'body')}: {p}" for p in problems(response)
            ]
            changed = written(site, skip=form.may_change) != before
            # A form without fields (support) is whole with the token in its header.
            if (accepted(response) and form.valid) or (changed and not accepted(response)):
                failures.append(
                    f"{label('POST', action, payload, 'body')}: accepted or changed the database"
                )
    report(failures)


def test_posts_to_read_only_addresses_are_refused(site, known):
    from tests.hostile.targets import public_endpoints

    failures = []
    client = new_client(site)
    for endpoint in public_endpoints(site, known):
        if endpoint.rule.startswith(
            (
                "/participate/complaint",
                "/participate/suggestion",
                "/participate/track",
                "/alerts/",  # forms, and the one-click unsubscribe POST of RFC 8058
            )
        ):
            continue
        response = client.post(
            endpoint.url(), data=b'a=<script>alert("hx1")</script>', content_type=URLENCODED
        )
        failures += [f"POST {endpoint.rule}: {p}" for p in problems(response)]
        if response.status_code not in (400, 405):
            failures.append(f"POST {endpoint.rule}: {response.status_code}")
    report(failures)


@pytest.mark.parametrize(
    "target",
    [
        "//evil.example/",
        "/\\evil.example",
        "https://evil.example/",
        "javascript:alert(4)",
        "/%0d%0aSet-Cookie:%20hx=1",
        "\x00/admin/",
        '/admin/<script>alert("hx1")</script>',
    ],
)
def test_sign_in_goes_nowhere_but_this_site(site, target):
    client = new_client(site)
    token = token_of(client, "/admin/sign-in")
    values = {
        "username": b"hostile-moderator",
        "password": b"correct horse battery staple",
        "next": target.encode(),
        "csrf_token": token.encode(),
    }
    response = post(client, "/admin/sign-in", values, MULTIPART)
    assert response.status_code in (302, 303)
    location = response.headers.get("Location", "")
    assert EVIL_HOST not in location
    assert not location.startswith(("//", "/\\", "javascript:"))


def test_stored_hostile_text_is_escaped_for_moderators(site, places):
    """Accepted hostile complaints and suggestions, as a moderator reads them."""
    from portal.models import Submission

    client = new_client(site)
    token = token_of(client, "/admin/sign-in")
    values = {
        "username": b"hostile-moderator",
        "password": b"correct horse battery staple",
        "csrf_token": token.encode(),
    }
    assert accepted(post(client, "/admin/sign-in", values, URLENCODED))
    with site.app_context():
        ids = [
            row.id
            for row in db.session.query(Submission.id).filter(
                Submission.text.contains("alert") | Submission.product_name.contains("alert")
            )
        ]
    assert ids, "no hostile submission was accepted (the field test should have stored some)"
    failures = []
    for url in ["/admin/moderation/", *(f"/admin/moderation/{i}" for i in ids)]:
        response = client.get(url)
        assert response.status_code == 200, url
        failures += [f"GET {url}: {p}" for p in problems(response)]
    report(failures)
