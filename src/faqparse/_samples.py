"""The two real dumps that ship with the package, for trying it out and for tests."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

__all__ = ["sample_paths"]


def sample_paths() -> list[Path]:
    """Paths of the bundled sample dumps, in name order."""
    folder = resources.files("faqparse") / "samples"
    return sorted(Path(str(entry)) for entry in folder.iterdir() if entry.name.endswith(".txt"))
