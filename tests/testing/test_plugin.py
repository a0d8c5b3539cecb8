"""The pytest plugin: its fixtures here, and in a fresh project that pip-installed faqparse.

The fresh project gets a new virtual environment with a real (non-editable) install of
faqparse built from a copy of this repository's source. Its dependencies (and pytest) are
the ones already installed here, linked in rather than downloaded, which keeps the test at a
few seconds; building the wheel fetches setuptools from PyPI once (pip caches it).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from datetime import date
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

import faqparse
from conftest import SEEDS
from faqparse.testing import DumpMaker, content, render

REPOSITORY = Path(__file__).resolve().parents[2]
RECORD = faqparse.Record(
    "How do I buy crypto with my cash balance?",
    "Go to Trade > Buy crypto and pick your cash balance as the payment method.",
    date(2023, 11, 16),
    date(2026, 5, 29),
    365,
    "<test>",
    0,
    (0, 0),
)


def test_the_plugin_is_registered(request: pytest.FixtureRequest) -> None:
    plugins = metadata.entry_points(group="pytest11", name="faqparse")
    assert {plugin.value for plugin in plugins} == {"faqparse.testing.plugin"}
    assert isinstance(request.getfixturevalue("make_dump"), DumpMaker)


def test_make_dump_writes_into_tmp_path(make_dump: DumpMaker, tmp_path: Path) -> None:
    path = make_dump([RECORD, RECORD], "snapshots/2026-06-04.txt", style="en-US")
    assert path == tmp_path / "snapshots" / "2026-06-04.txt"
    assert path.read_text(encoding="utf-8") == render([RECORD, RECORD], style="en-US")
    dump = faqparse.parse_file(path)
    assert [content(r) for r in dump.records] == [content(RECORD)] * 2
    assert dump.captured == date(2026, 6, 4)  # the file name carries the snapshot time


def test_make_dump_names_files_itself(make_dump: DumpMaker) -> None:
    first, second = make_dump([RECORD]), make_dump("All\nFAQ\n")
    assert first != second
    assert first.parent == second.parent
    assert [d.code for d in faqparse.parse_file(second).diagnostics] == ["no-records"]


def test_faqparse_samples_are_the_seed_dumps(faqparse_samples: list[Path]) -> None:
    assert [path.name for path in faqparse_samples] == [seed.name for seed in SEEDS]
    for sample, seed in zip(faqparse_samples, SEEDS, strict=True):
        assert sample.read_bytes() == seed.read_bytes()
        assert len(faqparse.parse_file(sample).records) == 15


# -- a fresh project ---------------------------------------------------------------------------

USER_TEST = """
from datetime import date
from pathlib import Path

import faqparse
from faqparse.testing import render


def test_make_dump_gives_a_file_parse_reads(make_dump):
    record = faqparse.Record("Why?", "Because.", date(2023, 9, 5), None, 12, "", 0, (0, 0))
    path = make_dump([record], "one.txt", style="en-US", newline="\\r\\n")
    assert path.read_bytes() == render([record], style="en-US", newline="\\r\\n").encode()
    assert [(r.title, r.views) for r in faqparse.parse_file(path).records] == [("Why?", 12)]


def test_the_bundled_samples(faqparse_samples):
    assert [path.name for path in faqparse_samples] == SAMPLE_NAMES
    assert [len(faqparse.parse_file(path).records) for path in faqparse_samples] == [15, 15]


def test_faqparse_is_the_installed_copy():
    assert Path(faqparse.__file__).is_relative_to(Path(VENV).resolve())
"""


def test_the_plugin_works_in_a_fresh_project(tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", venv], check=True)
    python = venv / "bin" / "python"
    pip_install: list[str | Path] = [sys.executable, "-m", "pip", "--python", python, "install"]
    subprocess.run(
        [*pip_install, "--no-deps", "--quiet", _copy_source(tmp_path / "source")],
        check=True,
        env=_clean_environment(),
    )
    _link_dependencies(python, tmp_path / "dependencies", ["faqparse", "pytest"])

    project = tmp_path / "project"
    (project / "tests").mkdir(parents=True)
    (project / "pyproject.toml").write_text(
        '[tool.pytest.ini_options]\nfilterwarnings = ["error"]\naddopts = ["--strict-markers"]\n'
    )
    names = [seed.name for seed in SEEDS]
    (project / "tests" / "test_pipeline.py").write_text(
        f"SAMPLE_NAMES = {names!r}\nVENV = {str(venv)!r}\n" + textwrap.dedent(USER_TEST)
    )
    result = subprocess.run(
        [python, "-m", "pytest", "-p", "no:cacheprovider"],
        cwd=project,
        capture_output=True,
        text=True,
        env=_clean_environment(),
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"plugins: faqparse-{faqparse.__version__}" in result.stdout
    assert "3 passed" in result.stdout


def _copy_source(target: Path) -> Path:
    """The files a build reads, so that building leaves nothing behind in the repository."""
    target.mkdir()
    for path in REPOSITORY.iterdir():
        if path.is_file():
            shutil.copy2(path, target / path.name)
    shutil.copytree(
        REPOSITORY / "src",
        target / "src",
        ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"),
    )
    return target


def _link_dependencies(python: Path, folder: Path, requirements: list[str]) -> None:
    """Make the installed copies of what ``requirements`` need (but not faqparse) importable."""
    folder.mkdir()
    for distribution in _closure(requirements):
        if canonicalize_name(distribution.metadata["Name"]) == "faqparse":
            continue
        tops = {Path(file).parts[0] for file in distribution.files or ()}
        for top in sorted(tops - {".."}):
            source = Path(str(distribution.locate_file(top)))
            if source.exists() and not (folder / top).exists():
                (folder / top).symlink_to(source)
    purelib = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    (Path(purelib) / "test-dependencies.pth").write_text(f"{folder}\n")


def _closure(names: list[str]) -> list[metadata.Distribution]:
    found: dict[str, metadata.Distribution] = {}
    waiting = list(names)
    while waiting:
        name = canonicalize_name(waiting.pop())
        if name in found:
            continue
        found[name] = metadata.distribution(name)
        for line in found[name].requires or ():
            requirement = Requirement(line)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                waiting.append(requirement.name)
    return list(found.values())


def _clean_environment() -> dict[str, str]:
    """This run's environment without what would point the fresh project back here."""
    leaks = ("PYTHONPATH", "PYTEST_ADDOPTS", "PYTEST_PLUGINS", "VIRTUAL_ENV", "COV_CORE_")
    return {key: value for key, value in os.environ.items() if not key.startswith(leaks)}
