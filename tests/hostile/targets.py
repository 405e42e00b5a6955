"""Every public endpoint of the app and the argument names it may be sent, from the app itself."""

import inspect
import zlib
from dataclasses import dataclass

from marshmallow import Schema
from werkzeug.routing import Rule

from portal.queries import params

HEADERS = {
    "Host": "HTTP_HOST",
    "X-Forwarded-For": "HTTP_X_FORWARDED_FOR",
    "Accept": "HTTP_ACCEPT",
    "Accept-Language": "HTTP_ACCEPT_LANGUAGE",
    "If-None-Match": "HTTP_IF_NONE_MATCH",
    "If-Modified-Since": "HTTP_IF_MODIFIED_SINCE",
    "Range": "HTTP_RANGE",
    "Cookie": "HTTP_COOKIE",
}
# Arguments no schema declares but views read, and one nobody reads.
EXTRA_ARGUMENTS = ("q", "format", "next", "step", "junk")
SKIPPED = ("/admin/",)  # staff pages need a session; the sign-in page is checked on its own


@dataclass(frozen=True)
class Endpoint:
    """A GET route with every path variable filled with a valid value."""

    rule: str
    variables: tuple[str, ...]
    path_for: object  # callable(**overrides) -> URL path

    def url(self, **overrides) -> str:
        """The path with valid values, some replaced by already-encoded ones."""
        return self.path_for(**overrides)


def argument_names(openapi: dict) -> list[str]:
    """Every query argument named in params.py's schemas and in the OpenAPI document."""
    names = set(EXTRA_ARGUMENTS)
    for _name, member in inspect.getmembers(params, inspect.isclass):
        if issubclass(member, Schema) and member.__module__ == params.__name__:
            names.update(member().fields)
    for operations in openapi["paths"].values():
        for operation in operations.values():
            if isinstance(operation, dict):
                names.update(
                    p["name"] for p in operation.get("parameters", []) if p["in"] == "query"
                )
    return sorted(names)


def public_endpoints(app, known: dict) -> list[Endpoint]:
    """Every GET rule outside the staff area, with valid path values from `known`."""
    found = []
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if "GET" not in rule.methods or rule.rule.startswith(SKIPPED):
            continue
        found.append(Endpoint(rule.rule, tuple(rule.arguments), _path_builder(rule, known)))
    return found


def _path_builder(rule: Rule, known: dict):
    """A function building the rule's path from known values and encoded overrides."""

    def build(**overrides) -> str:
        path = ""
        for is_variable, part in rule._trace[1:]:  # [0] is the (empty) host part
            if not is_variable:
                path += part
                continue
            if part in overrides:
                path += overrides[part]
            else:
                path += _default_value(rule, part, known)
        return path

    return build


def _default_value(rule: Rule, name: str, known: dict) -> str:
    """A valid value of a path variable (feeds: atom; feed kinds: the first choice)."""
    if name == "fmt":
        return "atom"
    if name == "kind" and rule.rule.startswith("/feeds/"):
        return "announcements"
    return str(known[name])


def pick(items: tuple, key: str, count: int) -> list:
    """`count` items chosen by a stable hash of `key` and each item's name: deterministic, and
    spread over every item across many keys."""
    ranked = sorted(items, key=lambda item: zlib.crc32(f"{key}|{item.name}".encode()))
    return ranked[:count]
