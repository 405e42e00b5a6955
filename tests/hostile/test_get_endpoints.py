"""Hostile values in every path variable, query argument and header of every public GET route.

Assertions for each request: no 5xx, no payload markup reflected unescaped, no forged header or
redirect; for each endpoint: the database is unchanged; for the whole test: no log message with
a raw line break. Path variables get every payload; each (endpoint, argument) and (endpoint,
header) pair gets a deterministic sample, so that every payload meets every endpoint somewhere.
"""

import pytest

from portal.extensions import db
from tests.hostile.checks import EVIL_HOST, label, problems
from tests.hostile.conftest import database_fingerprint
from tests.hostile.payloads import CHEAP, PAYLOADS, Payload
from tests.hostile.targets import HEADERS, argument_names, pick, public_endpoints

ARGUMENT_SAMPLES = 1  # payloads per (endpoint, argument) pair, besides the cheap ones on `q`
ARGUMENTS_PER_PAGE_REQUEST = 3
HEADER_SAMPLES = 2
TEXT_VARIABLES_ONLY = ("int",)  # int converters: a payload is a routing 404; sampled lightly


@pytest.fixture(scope="module")
def endpoints(site, known):
    """Every public GET endpoint of the seeded site."""
    return public_endpoints(site, known)


@pytest.fixture(scope="module")
def arguments(site):
    """Every query argument name the app declares."""
    return argument_names(site.test_client().get("/api/v1/openapi.json").get_json())


def run(site, endpoint, requests) -> list[str]:
    """Send (url, environ, payload, where) requests from a fresh client; return the failures,
    including a database change."""
    with site.app_context():
        before = database_fingerprint()
    client = site.test_client()
    failures = []
    for url, environ, payload, where in requests:
        response = client.get(url, environ_overrides=environ)
        failures += [f"{label('GET', url, payload, where)}: {p}" for p in problems(response)]
        response.close()
    with site.app_context():
        db.session.remove()
        if database_fingerprint() != before:
            failures.append(f"{endpoint.rule}: the database changed")
    return failures


def report(failures: list[str]) -> None:
    """Fail with the first failures listed."""
    assert not failures, f"{len(failures)} failures:\n" + "\n".join(failures[:40])


def test_path_variables(site, endpoints, log_watch):
    failures = []
    for endpoint in endpoints:
        requests = []
        for variable in endpoint.variables:
            if variable in ("fmt",):
                continue
            for payload in PAYLOADS:
                url = endpoint.url(**{variable: payload.encoded})
                requests.append((url, {}, payload, variable))
        if requests:
            failures += run(site, endpoint, requests)
    report(failures)


def argument_requests(endpoint, names: list[str]) -> list:
    """Each argument with a sample of payloads; `q` with every cheap one too. Pages ignore
    arguments they do not read, so they get several hostile arguments per request; the API
    refuses at the first one it does not like, so it gets one at a time."""
    base = endpoint.url()
    pairs = []
    for name in names:
        chosen = pick(PAYLOADS, f"{endpoint.rule}?{name}", ARGUMENT_SAMPLES)
        if name == "q":
            chosen += [payload for payload in CHEAP if payload not in chosen]
        pairs += [(name, payload) for payload in chosen]
    size = 1 if endpoint.rule.startswith("/api/") else ARGUMENTS_PER_PAGE_REQUEST
    requests = []
    for start in range(0, len(pairs), size):
        group = pairs[start : start + size]
        query = "&".join(f"{name}={payload.encoded}" for name, payload in group)
        where = "+".join(name for name, _ in group)
        named = Payload("+".join(payload.name for _, payload in group), b"")
        requests.append((f"{base}?{query}", {}, named, where))
    return requests


def test_query_arguments(site, endpoints, arguments, log_watch):
    failures = []
    for endpoint in endpoints:
        failures += run(site, endpoint, argument_requests(endpoint, arguments))
    report(failures)


def header_requests(endpoint) -> list:
    """Each header with a sample of payloads; Host also with a foreign host name."""
    base = endpoint.url()
    requests = []
    for header, key in HEADERS.items():
        for payload in pick(PAYLOADS, f"{endpoint.rule}#{header}", HEADER_SAMPLES):
            requests.append((base, {key: payload.header}, payload, header))
    evil = Payload("foreign-host", EVIL_HOST.encode())
    requests.append((base, {"HTTP_HOST": EVIL_HOST}, evil, "Host"))
    return requests


def test_headers(site, endpoints, log_watch):
    failures = []
    for endpoint in endpoints:
        failures += run(site, endpoint, header_requests(endpoint))
    report(failures)
