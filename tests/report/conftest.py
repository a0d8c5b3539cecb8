"""Fixtures of the report's tests: the catalog of ``report_catalogs``, built once a module."""

from __future__ import annotations

from pathlib import Path

import pytest

from . import report_catalogs


@pytest.fixture(scope="module")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The catalog of the planned series (read-only: tests that write copy it first)."""
    return report_catalogs.build(tmp_path_factory.mktemp("report") / "catalog.sqlite")
