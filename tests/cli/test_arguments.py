"""The command line's arguments: no guessing from prefixes, errors that point at the right
help, and help that ends with examples."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

import faqparse
from faqparse._cli.help import EXAMPLES
from faqparse._cli.main import main

SAMPLE = str(faqparse.sample_paths()[0])


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(list(argv), stdout=out, stderr=err)
    return status, out.getvalue(), err.getvalue()


@pytest.mark.parametrize(
    "argv",
    [
        ["merge", SAMPLE, "--int", "c.sqlite"],  # a typo of --into
        ["merge", SAMPLE, "--cap", "2026-06-01"],  # a prefix of --captured-at
        ["parse", SAMPLE, "--form", "csv"],
        ["check", SAMPLE, "--str"],
    ],
)
def test_an_abbreviated_option_is_refused_not_guessed(
    argv: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    status, out, err = run(*argv)
    assert status == 2
    assert out == ""
    assert err.startswith("faqparse: unrecognized arguments: ")
    assert f"(see 'faqparse {argv[0]} --help')" in err
    assert list(tmp_path.iterdir()) == []  # no catalog made under a guessed name


def test_a_wrong_value_names_its_own_command_help() -> None:
    status, _, err = run("parse", SAMPLE, "--format", "xml")
    assert status == 2
    assert "(see 'faqparse parse --help')" in err
    status, _, err = run("history", "c.sqlite", "--since", "2026-06-01")
    assert status == 2
    assert "faqparse history --help" in err


@pytest.mark.parametrize("command", sorted(EXAMPLES))
def test_each_command_help_ends_with_examples_that_use_it(command: str) -> None:
    status, out, _ = run(command, "--help")
    assert status == 0
    help_text, _, examples = out.partition("\nexamples:\n")
    assert "``" not in out  # plain words, no markup
    lines = [line for line in examples.splitlines() if line.strip()]
    assert 1 <= len(lines) <= 3
    assert all(line.startswith(f"  faqparse {command} ") for line in lines)
    assert help_text.startswith(f"usage: faqparse {command}")


def test_every_command_has_examples() -> None:
    status, out, _ = run("--help")
    assert status == 0
    listed = out.split("{", 1)[1].split("}", 1)[0].split(",")
    assert sorted(listed) == sorted(EXAMPLES)
    assert "``" not in out
