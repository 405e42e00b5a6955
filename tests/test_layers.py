"""Every import arrow points down: views -> queries/services/search -> models, and no cycles.

The rules (the README's package map states the same):
- models import nothing of the portal but models; regulation_parser and importing nothing but
  themselves;
- queries, services, search and demo import no view package (api, public, feeds, admin,
  participation);
- services and models never read `flask.request` (services take the user and plain arguments);
- top-level imports between portal modules form no cycle. An import inside a function is allowed
  only when DEFERRED below lists it with the reason; the layer rules apply to it all the same.
"""

import ast
from dataclasses import dataclass
from pathlib import Path

PORTAL = Path(__file__).resolve().parent.parent / "portal"
VIEWS = {"api", "public", "feeds", "admin", "participation"}
LOWER = {"queries", "services", "search"}
FORBIDDEN = {layer: VIEWS for layer in LOWER | {"demo"}}
# Layers that may import nothing of the portal except themselves.
SELF_CONTAINED = {"models", "regulation_parser", "importing"}
NO_REQUEST = {"services", "models"}

# Composition roots: every import inside their functions is deliberate (wiring or a command
# that loads only what it runs).
LAZY_LOADERS = {
    "portal": "the app factory wires extensions, blueprints and commands once configured",
    "portal.cli": "a command loads what it runs, not every command's code",
    "portal.admin": "register_admin() wires the staff blueprints, login and CSRF handlers",
    "portal.admin.cli": "a command loads what it runs, not every command's code",
}
# (importing module, imported module): why the import waits until the function runs.
DEFERRED = {
    ("portal.api", "portal.api.docs"): "register_api() loads the API's modules when it runs",
    ("portal.api", "portal.api.export_hook"): "register_api() loads the API's modules when it runs",
    ("portal.api", "portal.api.extension"): "register_api() loads the API's modules when it runs",
    ("portal.api", "portal.api.http"): "register_api() loads the API's modules when it runs",
    ("portal.api", "portal.api.views"): "register_api() loads the API's modules when it runs",
    ("portal.api.export_hook", "portal.api.exports"): "exports load every dataset: only on publish",
    ("portal.api.exports", "portal.api.datasets"): "datasets import every schema: only on export",
    ("portal.search", "portal.search.analysis"): "init_app() loads jieba only when search starts",
    ("portal.search", "portal.search.cli"): "init_app() loads the commands when search starts",
    ("portal.search", "portal.search.maintenance"): "init_app() loads it when search starts",
    ("portal.search", "portal.search.registry"): "init_app() loads it when search starts",
    ("portal.search", "portal.search.sync"): "init_app() loads it when search starts",
    ("portal.search", "portal.search.understanding"): "preload() runs in gunicorn's master only",
    ("portal.search.analysis", "portal.search.vocabulary"): "the vocabulary queries the catalogue",
    ("portal.search.postgres.backend", "portal.search.sources"): "sources import every model",
    ("portal.search.registry", "portal.search.postgres"): "only the configured backend",
    ("portal.search.registry", "portal.search.whoosh"): "only the configured backend",
}


@dataclass(frozen=True)
class Import:
    """One import of a portal module: who imports what, where, and whether inside a function."""

    source: str
    target: str
    line: int
    deferred: bool


def module_name(path: Path, root: Path) -> str:
    """Dotted module name of a file under the package root."""
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def portal_sources(root: Path = PORTAL) -> dict[str, tuple[str, bool]]:
    """Module name -> (source text, is a package) for every module under portal/."""
    return {
        module_name(path, root): (path.read_text(encoding="utf-8"), path.name == "__init__.py")
        for path in sorted(root.rglob("*.py"))
    }


def resolve(node: ast.ImportFrom, module: str, is_package: bool) -> str:
    """The absolute module a `from … import` statement names (relative ones included)."""
    if not node.level:
        return node.module or ""
    base = module.split(".")
    base = base if is_package else base[:-1]
    base = base[: len(base) - node.level + 1]
    return ".".join(base + ([node.module] if node.module else []))


def imports_of(module: str, source: str, is_package: bool, known: set[str]) -> list[Import]:
    """Every import of a portal module in one module's source."""
    found = []
    for node, deferred in walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        else:
            base = resolve(node, module, is_package)
            targets = [
                f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base
                for alias in node.names
            ]
        for target in dict.fromkeys(targets):
            if target in known:
                found.append(Import(module, target, node.lineno, deferred))
    return found


def walk(tree: ast.AST, deferred: bool = False):
    """(import node, inside a function?) for every import statement in a tree."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node, deferred
        inner = deferred or isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda)
        yield from walk(node, inner)


def layer_of(module: str) -> str:
    """The top-level folder (or module) of portal a module belongs to."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def reads_request(source: str) -> list[int]:
    """Lines that import flask.request or use flask.request."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.module == "flask":
            lines += [node.lineno for alias in node.names if alias.name == "request"]
        elif (
            isinstance(node, ast.Attribute)
            and node.attr == "request"
            and isinstance(node.value, ast.Name)
            and node.value.id == "flask"
        ):
            lines.append(node.lineno)
    return lines


def find_cycle(edges: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as a list of modules (first repeated at the end), or None."""
    state: dict[str, str] = {}
    stack: list[str] = []

    def visit(module: str) -> list[str] | None:
        state[module] = "open"
        stack.append(module)
        for target in sorted(edges.get(module, ())):
            if state.get(target) == "open":
                return stack[stack.index(target) :] + [target]
            if target not in state and (cycle := visit(target)):
                return cycle
        state[module] = "done"
        stack.pop()
        return None

    for module in sorted(edges):
        if module not in state and (cycle := visit(module)):
            return cycle
    return None


def documented(source: str, target: str) -> bool:
    """True when DEFERRED lists this function-level import (a package covers its modules)."""
    if source in LAZY_LOADERS:
        return True
    return any(
        source == listed_source and (target == listed or target.startswith(listed + "."))
        for listed_source, listed in DEFERRED
    )


def problems(sources: dict[str, tuple[str, bool]]) -> list[str]:
    """Every broken rule in a set of modules, as readable lines."""
    known = set(sources)
    found, edges = [], {}
    for module, (source, is_package) in sources.items():
        layer = layer_of(module)
        for imp in imports_of(module, source, is_package, known):
            where = f"{module}:{imp.line} imports {imp.target}"
            if layer_of(imp.target) in FORBIDDEN.get(layer, ()) or (
                layer in SELF_CONTAINED and layer_of(imp.target) != layer
            ):
                found.append(f"{where}: {layer} may not import {layer_of(imp.target)}")
            if imp.deferred and not documented(module, imp.target):
                found.append(f"{where} inside a function: move it up or document it in DEFERRED")
            if not imp.deferred:
                edges.setdefault(module, set()).add(imp.target)
        if layer in NO_REQUEST:
            found += [f"{module}:{line} reads flask.request" for line in reads_request(source)]
    cycle = find_cycle(edges)
    if cycle:
        found.append("import cycle: " + " -> ".join(cycle))
    return found


def test_every_import_arrow_points_down():
    assert problems(portal_sources()) == []


def test_every_documented_deferred_import_still_exists():
    sources = portal_sources()
    known = set(sources)
    deferred = [
        imp
        for module, (source, is_package) in sources.items()
        for imp in imports_of(module, source, is_package, known)
        if imp.deferred
    ]
    unused = [
        (source, target)
        for source, target in DEFERRED
        if not any(
            imp.source == source and (imp.target + ".").startswith(target + ".") for imp in deferred
        )
    ]
    assert unused == []


def fake(**modules: str) -> dict[str, tuple[str, bool]]:
    """Sources keyed by dotted name (`portal__models__x` -> portal.models.x); none a package."""
    return {name.replace("__", "."): (source, False) for name, source in modules.items()}


def test_the_detector_catches_each_kind_of_violation():
    found = problems(
        fake(
            portal__models__a="from portal.queries.b import thing",
            portal__models__h="from portal.extensions import db",
            portal__extensions="from flask_sqlalchemy import SQLAlchemy",
            portal__queries__b="from portal.public.c import view\n",
            portal__public__c="def view():\n    from portal.queries.b import thing\n",
            portal__services__d="from flask import request\nimport flask\nflask.request.args\n",
            portal__services__e="from portal.services import f",
            portal__services__f="from portal.services.e import g",
        )
    )
    assert any("portal.models.a:1 imports portal.queries.b: models may not" in p for p in found)
    assert any("portal.models.h:1 imports portal.extensions: models may not" in p for p in found)
    assert any("portal.queries.b:1 imports portal.public.c: queries may not" in p for p in found)
    assert any("portal.public.c:2 imports portal.queries.b inside a function" in p for p in found)
    assert "portal.services.d:1 reads flask.request" in found
    assert "portal.services.d:3 reads flask.request" in found
    assert any(p.startswith("import cycle: ") and "portal.services.e" in p for p in found)


def test_the_detector_accepts_downward_imports():
    found = problems(
        fake(
            portal__models__a="import datetime",
            portal__models__h="from portal.models.a import Thing",
            portal__queries__b="from portal.models.a import Thing",
            portal__public__c="from portal.queries.b import query\nfrom flask import request\n",
        )
    )
    assert found == []
