"""Nothing outside portal/demo/ (and the seed-demo command) imports the demo package."""

import ast
from pathlib import Path

PORTAL = Path(__file__).resolve().parents[1] / "portal"
# seed-demo is the one command that loads demo content.
ALLOWED = {("cli.py", "seed_demo_command")}


def demo_imports(path: Path) -> list[str]:
    """Names of the functions (or <module>) of a file that import portal.demo."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    owner = {}
    for function in ast.walk(tree):
        if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            for node in ast.walk(function):
                if node is not function:
                    owner.setdefault(node, function.name)
    return [owner.get(node, "<module>") for node in ast.walk(tree) if imports_demo(node)]


def imports_demo(node) -> bool:
    """True for `import portal.demo…`, `from portal.demo… import …`, `from portal import demo`."""
    if isinstance(node, ast.Import):
        return any(alias.name.startswith("portal.demo") for alias in node.names)
    if isinstance(node, ast.ImportFrom):
        module = node.module or ""
        if module == "portal":
            return any(alias.name == "demo" for alias in node.names)
        return module.startswith("portal.demo")
    return False


def test_only_demo_code_imports_the_demo_package():
    offenders = [
        f"{path.relative_to(PORTAL)}:{function}"
        for path in sorted(PORTAL.rglob("*.py"))
        if "demo" not in path.relative_to(PORTAL).parts[:1]
        for function in demo_imports(path)
        if (str(path.relative_to(PORTAL)), function) not in ALLOWED
    ]
    assert offenders == []


def test_the_check_sees_an_import(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("def f():\n    from portal.demo import vocabulary\n", encoding="utf-8")
    assert demo_imports(sample) == ["f"]
