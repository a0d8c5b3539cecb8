"""A process started with a standard stream closed (`<&-`, `>&-`, `2>&-`): Python has None
for it. A run that needs it says so in one line with status 2; one that does not runs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SEEDS

SEED = SEEDS[0]


def test_reading_a_closed_standard_input_is_one_line_and_status_2() -> None:
    script = 'exec "$0" -m faqparse parse - <&-'
    result = subprocess.run(
        ["sh", "-c", script, sys.executable], capture_output=True, text=True, timeout=60,
        check=False,
    )  # fmt: skip
    assert result.returncode == 2
    assert result.stderr == "faqparse: standard input is closed: '-' has nothing to read\n"
    assert result.stdout == ""


@pytest.mark.parametrize("command", ["parse --samples", "merge --samples", "parse --locale list"])
def test_writing_to_a_closed_standard_output_is_one_line_and_status_2(command: str) -> None:
    script = f'exec "$0" -m faqparse {command} >&-'
    result = subprocess.run(
        ["sh", "-c", script, sys.executable], stderr=subprocess.PIPE, text=True, timeout=60,
        check=False,
    )  # fmt: skip
    assert result.returncode == 2
    assert result.stderr == (
        "faqparse: standard output is closed: give -o FILE to write the output\n"
    )


def test_a_run_that_needs_no_standard_output_runs_without_it(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    script = f'exec "$0" -m faqparse parse "{SEED}" -o "{out}" >&-'
    result = subprocess.run(
        ["sh", "-c", script, sys.executable], stderr=subprocess.PIPE, text=True, timeout=60,
        check=False,
    )  # fmt: skip
    assert (result.returncode, result.stderr) == (0, "")
    assert len(out.read_text(encoding="utf-8").splitlines()) == 15
    script = f'exec "$0" -m faqparse check "{SEED}" >&- 2>&-'
    done = subprocess.run(["sh", "-c", script, sys.executable], timeout=60, check=False)
    assert done.returncode == 0


def test_a_closed_standard_error_does_not_hide_the_status(tmp_path: Path) -> None:
    broken = tmp_path / "broken.txt"
    broken.write_text("A title\nA snippet.Published on 31 Foo 2023", encoding="utf-8")
    script = f'exec "$0" -m faqparse check "{broken}" 2>&-'
    done = subprocess.run(["sh", "-c", script, sys.executable], timeout=60, check=False)
    assert done.returncode == 1
