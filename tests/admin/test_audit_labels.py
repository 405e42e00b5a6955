"""Every audit action and entity type the code records has a label on the audit log page.

The recorded names are read from the source: each `record_action(user, action, (entity_type,
id), ...)` call in portal/ is parsed and its action and entity type are followed back to string
constants (literals, `a if c else b`, module constants such as RevisionAction.PUBLISH, local
assignments, and the arguments of every call of the function that passed them on). A call the
reader cannot follow fails the test, so a new call site is either readable or rewritten.
"""

import ast
import importlib
from functools import cached_property, reduce
from pathlib import Path

import pytest

import portal
from portal.admin.audit import ACTION_LABELS, ENTITY_LABELS
from portal.queries.revisions import ENTITY_TYPES

PACKAGE = Path(portal.__file__).parent
# Calls whose value is a known set of names (the entity type of a content record).
KNOWN_CALLS = {"entity_type_of": set(ENTITY_TYPES.values())}


class Module:
    """One parsed module of the package: its tree, each node's parent and (imported on first
    use) its namespace."""

    def __init__(self, path: Path):
        self.path = path
        self.tree = ast.parse(path.read_text(encoding="utf-8"))
        self.parents = {
            child: node for node in ast.walk(self.tree) for child in ast.iter_child_nodes(node)
        }

    @cached_property
    def namespace(self) -> dict:
        """The imported module's globals."""
        name = ".".join(self.path.relative_to(PACKAGE.parent).with_suffix("").parts)
        return vars(importlib.import_module(name.removesuffix(".__init__")))

    def function_of(self, node) -> ast.FunctionDef | None:
        """The function a node is in."""
        while node is not None and not isinstance(node, ast.FunctionDef):
            node = self.parents.get(node)
        return node

    def where(self, node) -> str:
        """file:line of a node, for messages."""
        return f"{self.path.relative_to(PACKAGE.parent)}:{node.lineno}"


MODULES = [Module(path) for path in sorted(PACKAGE.rglob("*.py"))]


def calls_of(name: str) -> list[tuple[Module, ast.Call]]:
    """(module, call) for every call of a function by this name in the package."""
    found = []
    for module in MODULES:
        for node in ast.walk(module.tree):
            if isinstance(node, ast.Call):
                func = node.func
                called = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
                if called == name:
                    found.append((module, node))
    return found


def argument(call: ast.Call, position: int, keyword: str):
    """A call's argument by position or keyword (None when not given)."""
    if len(call.args) > position:
        return call.args[position]
    return next((k.value for k in call.keywords if k.arg == keyword), None)


def union(sets) -> set[str]:
    """The union of some sets."""
    return reduce(set.union, sets, set())


def values_of(module: Module, node, item: int | None = None) -> set[str]:
    """The strings an expression (or, with `item`, that element of the tuple it is) can be."""
    if isinstance(node, ast.Tuple) and item is not None:
        return values_of(module, node.elts[item])
    if isinstance(node, ast.Constant) and isinstance(node.value, str) and item is None:
        return {node.value}
    if isinstance(node, ast.IfExp):
        return values_of(module, node.body, item) | values_of(module, node.orelse, item)
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and item is None:
        return {getattr(module.namespace[node.value.id], node.attr)}
    if isinstance(node, ast.Call) and getattr(node.func, "id", None) in KNOWN_CALLS:
        return KNOWN_CALLS[node.func.id]
    if isinstance(node, ast.Name):
        return name_values(module, node, item)
    raise AssertionError(f"cannot read {ast.unparse(node)} at {module.where(node)}")


def name_values(module: Module, node: ast.Name, item: int | None) -> set[str]:
    """The strings a name can hold: a parameter (what every caller passes), a local
    assignment or a module constant."""
    function = module.function_of(node)
    params = [a.arg for a in function.args.args] if function else []
    if node.id in params:
        callers = calls_of(function.name)
        assert callers, f"no call of {function.name} passes {node.id} ({module.where(node)})"
        position = params.index(node.id)
        return union(values_of(m, argument(c, position, node.id), item) for m, c in callers)
    assigned = [
        statement.value
        for statement in ast.walk(function or module.tree)
        if isinstance(statement, ast.Assign)
        and any(getattr(target, "id", None) == node.id for target in statement.targets)
    ]
    if assigned:
        return union(values_of(module, value, item) for value in assigned)
    value = module.namespace.get(node.id)
    assert isinstance(value, str), f"cannot read {node.id} at {module.where(node)}"
    assert item is None, f"{node.id} is not a tuple ({module.where(node)})"
    return {value}


def recorded(position: int, keyword: str, item: int | None = None) -> set[str]:
    """Every value the code passes to record_action at this argument (or its tuple item)."""
    calls = calls_of("record_action")
    assert len(calls) > 20
    return union(
        values_of(module, argument(call, position, keyword), item) for module, call in calls
    )


def test_the_reader_finds_the_known_actions_and_entities():
    actions = recorded(1, "action")
    assert {"sign_in", "publish", "withdraw", "submission.merge", "synonym.add"} <= actions
    assert {"user_deactivate", "user_reactivate", "campaign_open", "campaign_close"} <= actions
    entities = recorded(2, "entity", item=0)
    assert {"user", "submission", "announcement", "recall", "regulation"} <= entities


@pytest.mark.parametrize(
    ("labels", "position", "keyword", "item"),
    [(ACTION_LABELS, 1, "action", None), (ENTITY_LABELS, 2, "entity", 0)],
    ids=["actions", "entity types"],
)
def test_every_recorded_name_has_a_label(labels, position, keyword, item):
    names = recorded(position, keyword, item)
    assert sorted(names - set(labels)) == []
    assert sorted(set(labels) - names) == [], "labels of names nothing records"


def test_the_log_shows_labels_in_both_languages(app, staff_client):
    from portal.extensions import db
    from portal.models import Role
    from portal.services.audit import record_action

    admin = staff_client(Role.ADMIN, username="boss")
    record_action(admin.user, "withdraw", ("recall", 3), {}, "198.51.100.7")
    db.session.commit()
    chinese = admin.get("/admin/audit/?action=withdraw").text
    assert '<td data-label="操作">撤回已发布内容</td>' in chinese
    assert '<td data-label="对象">产品召回 #3</td>' in chinese
    admin.set_cookie("lang", "en")
    english = admin.get("/admin/audit/?action=withdraw").text
    assert ">Published content withdrawn</td>" in english
    assert ">Recall #3</td>" in english
