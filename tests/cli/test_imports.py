"""The command line's modules import one another in one direction: no module imports a module
that imports it, lazy imports inside functions included."""

from __future__ import annotations

import ast
from pathlib import Path

import faqparse

PACKAGE = Path(faqparse.__file__).parent
CLI = PACKAGE / "_cli"


def _imports(path: Path) -> set[str]:
    """The faqparse._cli modules ``path`` imports, anywhere in it (``faqparse._cli.x`` form)."""
    found: set[str] = set()
    package = "faqparse._cli"
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level == 1:
                base = package if node.module is None else f"{package}.{node.module}"
            elif node.level == 0 and node.module is not None:
                base = node.module
            else:
                continue
            names = [f"{base}.{alias.name}" for alias in node.names] + [base]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            continue
        found.update(name for name in names if _is_cli_module(name))
    return found


def _is_cli_module(name: str) -> bool:
    parts = name.split(".")
    return (
        len(parts) == 3 and parts[:2] == ["faqparse", "_cli"] and (CLI / f"{parts[2]}.py").exists()
    )


def test_no_cli_module_imports_one_that_imports_it() -> None:
    graph = {f"faqparse._cli.{path.stem}": _imports(path) for path in CLI.glob("*.py")}
    cycles = []

    def visit(module: str, trail: list[str]) -> None:
        for imported in sorted(graph.get(module, ())):
            if imported in trail:
                cycles.append(" -> ".join([*trail[trail.index(imported) :], imported]))
            elif imported != module:
                visit(imported, [*trail, imported])

    for module in sorted(graph):
        visit(module, [module])
    assert cycles == []


def test_the_catalog_commands_take_what_they_share_from_common() -> None:
    assert _imports(CLI / "catalog.py") == {"faqparse._cli.common", "faqparse._cli.catalog_writes"}
    assert "faqparse._cli.main" not in _imports(CLI / "catalog_writes.py")
    assert "faqparse._cli.catalog" in _imports(CLI / "main.py")
