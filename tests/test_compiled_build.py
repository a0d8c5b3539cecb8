"""The compiled build (``FAQPARSE_COMPILE=1 pip install .``, docs/performance.md) reads every
dump exactly as the pure-Python sources do.

These tests need faqparse installed compiled, and this checkout's ``src`` beside the tests:
each input is read here, by the compiled modules, and in a child process that imports
faqparse from ``src``, pure Python (`build_outputs`); both must give the same JSON. Where
faqparse is pure Python (an editable install, as in development and CI), they are skipped:
there is no second build to compare with.
"""

from __future__ import annotations

import ast
import importlib
import json
import subprocess
import sys
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

import pytest

import faqparse
from build_outputs import outputs
from faqparse._scan import loop as _scan_loop

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
SRC = ROOT / "src"
if str(ROOT) not in sys.path:  # the benchmarks sit beside src/, outside the installed package
    sys.path.insert(0, str(ROOT))

from benchmarks.generate import ADVERSARIAL, generate  # noqa: E402


def is_compiled(path: str | None) -> bool:
    return path is not None and path.endswith(tuple(EXTENSION_SUFFIXES))


pytestmark = [
    pytest.mark.skipif(
        not is_compiled(_scan_loop.__file__),
        reason="faqparse is pure Python here: no compiled build to compare"
        " (FAQPARSE_COMPILE=1 pip install . builds one)",
    ),
    pytest.mark.skipif(
        not (SRC / "faqparse" / "_scan" / "loop.py").is_file(),
        reason="no pure-Python sources beside the tests to compare with",
    ),
]


def compiled_modules() -> list[str]:
    """The modules ``setup.py`` hands to mypyc."""
    tree = ast.parse((ROOT / "setup.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and ast.unparse(node.targets[0]) == "COMPILED":
            names: tuple[str, ...] = ast.literal_eval(node.value)
            return list(names)
    raise AssertionError("setup.py names no COMPILED modules")


def pure_outputs(paths: list[Path]) -> list[dict[str, object]]:
    """What the pure-Python sources read from each file, in a child process."""
    code = (
        f"import sys; sys.path[:0] = [{str(SRC)!r}, {str(TESTS)!r}]; "
        "import build_outputs; build_outputs.main()"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, *map(str, paths)],
        capture_output=True,
        text=True,
        check=True,
    )
    header, *lines = result.stdout.splitlines()
    module = json.loads(header)["module"]
    assert module == str(SRC / "faqparse" / "_scan" / "loop.py"), "the child must read src/, pure"
    return [json.loads(line) for line in lines]


def assert_same(paths: list[Path]) -> None:
    for path, pure in zip(paths, pure_outputs(paths), strict=True):
        compiled = outputs(path)
        for part in pure:
            assert compiled[part] == pure[part], f"{path.name}: {part} differs"


@pytest.mark.parametrize("name", compiled_modules())
def test_every_module_setup_lists_is_compiled(name: str) -> None:
    module = importlib.import_module("faqparse." + name.replace("/", "."))
    assert is_compiled(module.__file__), module.__file__


def test_the_bundled_samples_read_the_same() -> None:
    paths = [Path(path) for path in faqparse.sample_paths()]
    assert paths
    assert_same(paths)


def test_the_fixture_dumps_read_the_same() -> None:
    paths = sorted((TESTS / "fixtures").rglob("*.txt"))
    assert len(paths) > 100
    assert_same(paths)


def test_the_benchmark_dump_reads_the_same(tmp_path: Path) -> None:
    path = tmp_path / "generated.txt"
    path.write_text(generate(2_000_000, seed=1), encoding="utf-8")
    assert_same([path])


def test_the_adversarial_inputs_read_the_same(tmp_path: Path) -> None:
    paths = []
    for name, (_, build) in ADVERSARIAL.items():
        path = tmp_path / f"{name}.txt"
        path.write_text(build(20_000), encoding="utf-8")
        paths.append(path)
    assert_same(paths)
