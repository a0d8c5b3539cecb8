"""What the command line's modules take from one another (the package-wide rule, no module
importing one that imports it, is in tests/test_layout.py)."""

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


def test_the_catalog_commands_take_what_they_share_from_common() -> None:
    assert _imports(CLI / "catalog.py") == {"faqparse._cli.common", "faqparse._cli.catalog_writes"}
    assert "faqparse._cli.main" not in _imports(CLI / "catalog_writes.py")
    assert "faqparse._cli.catalog" in _imports(CLI / "main.py")
