"""The catalogs' modules import one another one way only: no cycle, lazy imports counted."""

from __future__ import annotations

import ast
from pathlib import Path

import faqparse

PACKAGE = Path(faqparse.__file__).parent / "_catalog"


def _imports(path: Path) -> set[str]:
    """The sibling modules a module imports, anywhere in it (in a function too)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            if node.module is None:
                found |= {alias.name for alias in node.names}
            else:
                found.add(node.module.split(".")[0])
    return found


def test_no_catalog_module_imports_one_that_imports_it() -> None:
    graph = {path.stem: _imports(path) for path in PACKAGE.glob("*.py")}
    assert graph["memory"] >= {"blocks", "sqlite"}  # the check sees lazy imports

    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        for name in graph.get(start, set()) - seen:
            if name == goal or reaches(name, goal, seen | {name}):
                return True
        return False

    cycles = sorted(name for name in graph if reaches(name, name, set()))
    assert cycles == []
