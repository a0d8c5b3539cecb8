"""The package's layout: one subpackage per stage, few modules at the top, and imports that go
one way only (no module imports a module that imports it, lazy imports inside functions
counted)."""

from __future__ import annotations

import ast
from pathlib import Path

import faqparse

PACKAGE = Path(faqparse.__file__).parent
STAGES = {"_read", "_scan", "_merge", "_catalog", "_output", "_cli", "_report", "_locales"}


def _name(path: Path) -> str:
    parts = ["faqparse", *path.relative_to(PACKAGE).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_name(path): path for path in PACKAGE.rglob("*.py")}


def _resolve(module: str, path: Path, level: int, target: str | None) -> str:
    """The absolute name ``from <dots><target>`` means in ``module`` (at ``path``)."""
    if level == 0:
        return target or ""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for _ in range(level - 1):
        package = package.rpartition(".")[0]
    return f"{package}.{target}" if target else package


def _imports(module: str, path: Path) -> set[str]:
    """The faqparse modules ``module`` imports anywhere in it: the module named, or each
    name imported from it that is a module itself."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = _resolve(module, path, node.level, node.module)
            for alias in node.names:
                name = f"{base}.{alias.name}"
                found.add(name if name in MODULES else base)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {name for name in found if name in MODULES and name != module}


GRAPH = {module: _imports(module, path) for module, path in MODULES.items()}


def _reach(start: str) -> set[str]:
    """Every module ``start`` imports, directly or through others."""
    seen: set[str] = set()
    todo = [start]
    while todo:
        for imported in GRAPH[todo.pop()]:
            if imported not in seen:
                seen.add(imported)
                todo.append(imported)
    return seen


def test_no_module_imports_a_module_that_imports_it() -> None:
    assert "faqparse._catalog.sqlite" in GRAPH["faqparse._catalog.memory"]  # lazy ones seen
    assert "faqparse._cli.catalog" in GRAPH["faqparse._cli.main"]
    in_a_cycle = sorted(module for module in GRAPH if module in _reach(module))
    assert in_a_cycle == []


def test_few_modules_at_the_top_and_a_package_per_stage() -> None:
    top = sorted(path.name for path in PACKAGE.glob("*.py"))
    assert len(top) <= 12, top
    packages = {path.parent.name for path in PACKAGE.glob("*/__init__.py")}
    assert packages >= STAGES
