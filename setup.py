"""An optional compiled build: ``FAQPARSE_COMPILE=1 pip install .`` (docs/performance.md).

Without the variable this is a plain setuptools build, everything in ``pyproject.toml``, and
the package is pure Python. With it, the scanner's per-record modules are compiled to C
extension modules by mypyc (part of mypy): their ``.py`` files stay in the wheel, and Python
imports the extension beside each one first.

An editable install is never compiled: an extension module next to its ``.py`` file would
be imported instead of the file, so edits to the file would silently have no effect.
"""

from __future__ import annotations

import glob
import os
import shutil
import sys

from setuptools import setup

COMPILED = (
    "_read/decode",
    "_read/lines",
    "_read/reader",
    "_scan/collector",
    "_scan/dates",
    "_scan/grammar",
    "_scan/loop",
    "_scan/meta",
    "_scan/pages",
    "_scan/region",
    "_scan/tags",
    "_scan/views",
)
"""The modules a record passes through, in ``src/faqparse``."""

BUILD_REQUIRES = (
    "mypy>=1.10",
    # mypyc type-checks the compiled modules and what they import, as ``mypy`` does: it needs
    # the dependencies' types, including msgspec's (the ``fast`` extra, seen by `_encode`).
    "attrs>=23.1",
    "msgspec>=0.18",
    "python-dateutil>=2.8",
    "regex>=2023.0",
    "rich>=13",  # the terminal table (the ``tui`` extra), seen through the command line's imports
    "types-python-dateutil",
    "types-regex",
)
"""What a compiled build needs besides setuptools: mypyc comes with mypy."""

_BUILDS = frozenset(("bdist_wheel", "build", "build_ext"))
_EDITABLE = frozenset(("editable_wheel", "develop"))


def _compile_requested() -> bool:
    value = os.environ.get("FAQPARSE_COMPILE", "")
    if value not in ("", "0", "1"):
        sys.exit(f"FAQPARSE_COMPILE must be 0 or 1, not {value!r}")
    return value == "1"


def main() -> None:
    if not _compile_requested():
        setup()
        return
    commands = set(sys.argv[1:])
    if commands & _EDITABLE:
        sys.exit(
            "FAQPARSE_COMPILE=1 cannot apply to an editable install (the compiled modules would"
            " hide edits to their .py files): install without -e, or unset FAQPARSE_COMPILE"
        )
    if not commands & _BUILDS:
        # Metadata only (pip asks for it first): say what the build needs, compile nothing.
        # setuptools hands ``setup_requires`` to pip as build requirements.
        setup(setup_requires=list(BUILD_REQUIRES))
        return
    from mypyc.build import mypycify  # noqa: PLC0415 - only the compiled build has mypy

    # setuptools packages whatever an earlier build left in its build folder: an extension
    # module no longer listed (or named for another list) would ship again and shadow its .py.
    for stale in glob.glob(os.path.join("build", "lib.*")):
        shutil.rmtree(stale)
    paths = [os.path.join("src", "faqparse", *f"{name}.py".split("/")) for name in COMPILED]
    setup(ext_modules=mypycify(paths, opt_level="3"))


main()
