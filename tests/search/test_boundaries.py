"""Each search engine is imported only by its own package (and the registry that picks one)."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PORTAL = ROOT / "portal"
# (imported module, package that may import it, files outside it that may too)
RULES = [
    ("whoosh", "portal/search/whoosh", ()),
    ("portal.search.whoosh", "portal/search/whoosh", ("portal/search/registry.py",)),
    ("portal.search.postgres", "portal/search/postgres", ("portal/search/registry.py",)),
]


def module_name(path: Path) -> str:
    """Dotted name of a module file under the project root."""
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(source: str, module: str = "", is_package: bool = False) -> set[str]:
    """Every module an import statement in source names, relative imports resolved."""
    imported = set()
    package = module if is_package else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            imported.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, base] if base else parent)
            imported.add(base)
            imported.update(f"{base}.{alias.name}" for alias in node.names)
    return imported


def violations(relative: str, modules: set[str]) -> list[str]:
    """The engine modules a file at this path may not import."""
    found = []
    for engine, home, allowed in RULES:
        if relative.startswith(home + "/") or relative in allowed:
            continue
        found += sorted(m for m in modules if m == engine or m.startswith(engine + "."))
    return found


def test_no_engine_is_imported_outside_its_package():
    offences = {}
    for path in sorted(PORTAL.rglob("*.py")):
        module = module_name(path)
        source = path.read_text(encoding="utf-8")
        modules = imported_modules(source, module, path.name == "__init__.py")
        found = violations(path.relative_to(ROOT).as_posix(), modules)
        if found:
            offences[path.relative_to(ROOT).as_posix()] = found

    assert offences == {}


def test_the_walk_sees_the_engine_packages():
    files = {path.relative_to(ROOT).as_posix() for path in PORTAL.rglob("*.py")}

    assert "portal/search/whoosh/index.py" in files
    assert "portal/search/postgres/backend.py" in files
    assert "portal/search/registry.py" in files


@pytest.mark.parametrize(
    ("source", "module", "expected"),
    [
        ("import whoosh", "portal.search.service", {"whoosh"}),
        ("import whoosh.index as ix", "portal.search.service", {"whoosh.index"}),
        ("from whoosh.fields import TEXT", "portal.public.views", {"whoosh.fields"}),
        ("from portal.search import postgres", "portal.search.sync", {"portal.search.postgres"}),
        (
            "def f():\n    from portal.search.postgres.tallies import rebuild\n",
            "portal.search.maintenance",
            {"portal.search.postgres.tallies"},
        ),
        ("from .postgres import backend", "portal.search.cli", {"portal.search.postgres"}),
        ("from ..search.whoosh import query", "portal.public.views", {"portal.search.whoosh"}),
    ],
)
def test_detector_finds_engine_imports(source, module, expected):
    modules = imported_modules(source, module)

    assert expected <= modules
    assert violations(module.replace(".", "/") + ".py", modules)


@pytest.mark.parametrize(
    ("path", "source"),
    [
        ("portal/search/whoosh/schema.py", "from whoosh.fields import TEXT"),
        ("portal/search/postgres/backend.py", "from portal.search.postgres import tallies"),
        ("portal/search/registry.py", "from portal.search.postgres import PostgresBackend"),
        ("portal/search/service.py", "from portal.search.backend import Request"),
        ("portal/search/service.py", "import whooshing"),
        ("portal/search/sync.py", "from portal.search import postgresql_notes"),
    ],
)
def test_detector_allows_the_engine_packages_and_look_alikes(path, source):
    module = path.removesuffix(".py").replace("/", ".")

    assert violations(path, imported_modules(source, module)) == []


def test_registry_may_not_import_whoosh_internals_it_does_not_name():
    modules = imported_modules("from whoosh import index", "portal.search.registry")

    assert violations("portal/search/registry.py", modules) == ["whoosh", "whoosh.index"]


def test_relative_imports_are_resolved_from_the_package():
    assert "portal.search.postgres" in imported_modules(
        "from . import postgres", "portal.search.cli"
    )
    assert "portal.search.whoosh" in imported_modules(
        "from . import whoosh", "portal.search", is_package=True
    )
