"""Both engines satisfy the SearchBackend protocol, and have no public method beyond it."""

import ast
import inspect
from pathlib import Path

import pytest

from portal.search import registry
from portal.search.backend import SearchBackend
from portal.search.postgres import PostgresBackend
from portal.search.whoosh import WhooshBackend

METHODS = {
    name
    for name, member in vars(SearchBackend).items()
    if callable(member) and not name.startswith("_")
}


@pytest.fixture(params=["whoosh", "postgres"])
def engine(request, tmp_path):
    """An instance of each backend (neither touches its storage when made)."""
    if request.param == "whoosh":
        return WhooshBackend(str(tmp_path / "index"))
    return PostgresBackend()


SEARCH = Path(__file__).resolve().parents[2] / "portal" / "search"


def backend_members_used(source: str) -> set[str]:
    """Attributes read on a name or attribute called `backend` in source."""
    used = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute):
            owner = node.value
            if isinstance(owner, ast.Call):
                owner = owner.func
            if getattr(owner, "id", None) == "backend" or getattr(owner, "attr", "") == "backend":
                used.add(node.attr)
    return used


def test_protocol_lists_what_the_shared_code_uses():
    used = set()
    for path in SEARCH.glob("*.py"):
        used |= backend_members_used(path.read_text(encoding="utf-8"))

    assert used == METHODS | {"name", "transactional"}


def test_backend_members_are_found_on_every_spelling():
    source = "backend.stamp()\nregistry.backend().keys()\nstate.backend.rebuild(docs)\nbackend.name"

    assert backend_members_used(source) == {"stamp", "keys", "rebuild", "name"}


def test_each_backend_is_a_search_backend(engine):
    assert isinstance(engine, SearchBackend)
    assert isinstance(engine.name, str)
    assert isinstance(engine.transactional, bool)


def test_each_backend_takes_the_protocol_arguments(engine):
    for name in METHODS:
        expected = dict(inspect.signature(getattr(SearchBackend, name)).parameters)
        expected.pop("self")
        actual = inspect.signature(getattr(engine, name)).parameters

        assert list(actual) == list(expected), name
        for parameter in expected.values():
            default = actual[parameter.name].default
            assert (default is inspect.Parameter.empty) == (
                parameter.default is inspect.Parameter.empty
            ), (name, parameter.name)


def test_each_backend_has_no_public_method_beyond_the_protocol(engine):
    public = {
        name
        for name, member in inspect.getmembers(type(engine))
        if callable(member) and not name.startswith("_")
    }

    assert public == METHODS


def test_an_object_missing_a_method_is_not_a_search_backend():
    class Partial:
        name = "partial"
        transactional = False

        def search(self, request):
            """Only one of the methods."""

    assert not isinstance(Partial(), SearchBackend)


def test_the_app_backend_is_a_search_backend(app):
    backend = registry.backend(app)

    assert isinstance(backend, SearchBackend)
    assert backend.name == app.config["SEARCH_BACKEND"]
