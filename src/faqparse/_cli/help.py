"""What ``--help`` shows beyond the options: each command's examples, in plain words."""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from typing import Final

__all__ = ["DESCRIPTION", "add_examples"]

DESCRIPTION: Final = (
    "Read the text dumps of help-center search pages: print their records, check them, merge"
    " them into articles or into a catalog file, and look at what changed."
)

EXAMPLES: Final = {
    "parse": """\
  faqparse parse dumps/*.txt -o records.jsonl      one JSON record per line
  faqparse parse dump.txt.gz --format csv -o -     a compressed dump, CSV on standard output
  faqparse parse --samples                         the bundled sample dumps, as a table""",
    "check": """\
  faqparse check dumps/*.txt                       diagnostics only; status 1 on errors
  faqparse check --strict --format jsonl dumps/*   warnings fail too; diagnostics as JSON
  faqparse check -j 2 dumps/*.txt                  two worker processes""",
    "merge": """\
  faqparse merge dumps/*.txt -o articles.jsonl                 articles of these dumps
  faqparse merge dumps/2026-06-0*.txt --into catalog.sqlite    into a catalog, kept
  faqparse merge new.txt --into catalog.sqlite --dry-run       what it would add""",
    "export": """\
  faqparse export catalog.sqlite -o articles.parquet   every article (needs pyarrow)
  faqparse export catalog.sqlite --format csv -o -      as CSV on standard output""",
    "history": """\
  faqparse history catalog.sqlite --id 1fc97c        an article by an id prefix
  faqparse history catalog.sqlite --title passkey    by words of its title""",
    "changes": """\
  faqparse changes catalog.sqlite --since 2026-06-01         new, updated, grown
  faqparse changes catalog.sqlite --since 2026-06-01 -o c.csv""",
    "remove": """\
  faqparse remove catalog.sqlite dumps/2026-06-01.txt   by the source name it was added as
  faqparse remove catalog.sqlite 79ff5863 --dry-run     by a digest prefix; what it would do""",
    "convert": """\
  faqparse convert catalog.jsonl catalog.sqlite    an earlier version's catalog, losslessly""",
    "report": """\
  faqparse report catalog.sqlite -o report.html                   the whole catalog
  faqparse report catalog.sqlite -o june.html --since 2026-06-01  since a date
  faqparse report catalog.sqlite -o fr.html --locale fr --top 5   one language""",
}


def add_examples(commands: Mapping[str, argparse.ArgumentParser]) -> None:
    """End each command's ``--help`` with its examples, laid out as written."""
    for name, command in commands.items():
        examples = EXAMPLES.get(name)
        if examples is not None:
            command.epilog = f"examples:\n{examples}"
            command.formatter_class = argparse.RawDescriptionHelpFormatter
