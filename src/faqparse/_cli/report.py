"""The ``report`` command: an HTML report of a catalog (``docs/report.md``).

Registered by ``_cli.main`` with the catalog commands, whose dispatch (and whose handling of
a file that is not a catalog) it shares. The report's modules, and plotly, are imported when
the command runs.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, MutableMapping
from typing import Any, TextIO

from .common import day, number

__all__ = ["add_command", "main"]

Command = Callable[[argparse.Namespace, TextIO, TextIO], int]


def add_command(commands: Any, dispatch: MutableMapping[str, Command]) -> None:
    """Register ``report`` on the subcommand parser, and its runner in ``dispatch``."""
    helping = "write an HTML report of a catalog: growth, new and updated articles, changes"
    command = commands.add_parser("report", help=helping, description=helping)
    command.add_argument("catalog", metavar="CATALOG", help="an SQLite catalog")
    command.add_argument(
        "-o", "--output", required=True, metavar="OUT", help="the HTML file (written atomically)"
    )
    command.add_argument(
        "--since", type=day, metavar="DATE",
        help="the first day of the period, and the date 'what changed' compares with"
        " (default: every day; changes over the last 7 days)",
    )  # fmt: skip
    command.add_argument(
        "--until", type=day, metavar="DATE", help="the last day of the period (default: the last)"
    )
    command.add_argument("--locale", metavar="TAG", help="only the articles of this locale")
    command.add_argument(
        "--top", type=number(1, "articles"), default=10, metavar="N",
        help="how many of the top growers the views chart draws (default: 10)",
    )  # fmt: skip
    dispatch["report"] = main


def main(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    """Write the report; 0 when written (an empty catalog too), 2 when it cannot be."""
    from .._report.build import report  # noqa: PLC0415

    try:
        summary = report(
            args.catalog, args.output, since=args.since, until=args.until,
            locale=args.locale, top=args.top,
        )  # fmt: skip
    except (ModuleNotFoundError, ValueError) as error:  # CatalogError is a ValueError
        stderr.write(f"faqparse: {error}\n")
        return 2
    for note in summary.notes:
        stderr.write(f"faqparse: {args.catalog}: {note}\n")
    stderr.write(
        f"{summary.path}: report of {summary.dumps:,} dumps and {summary.articles:,} articles\n"
    )
    return 0
