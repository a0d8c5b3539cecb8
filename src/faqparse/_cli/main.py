"""The ``faqparse`` command: parse, check and merge dumps from the shell.

Exit status: 0 success (warnings allowed); 1 an error diagnostic (or any, with ``--strict``);
2 a file that cannot be read or wrong arguments, with a one-line message and no traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import platform
import shutil
import sys
from collections.abc import Iterator, Sequence
from datetime import date
from importlib.machinery import EXTENSION_SUFFIXES
from typing import Any, BinaryIO, Final, NoReturn, TextIO

from .. import __version__
from .._locales import VOCABULARIES
from .._locales.vocabulary import Vocabulary
from .._model import Dump
from .._output.files import OutputError, Stopped
from .._output.formats import FORMATS, format_of, output_sink, standard_output_errors, write_rows
from .._output.jsonl import Sink
from .._read.api import parse, parse_file
from .._rows import read_moment, record_row
from .._scan import loop as _scan_loop
from . import catalog as _cli_catalog
from . import report as _cli_report
from .common import (
    ARTICLE_COLUMNS,
    RECORD_COLUMNS,
    Run,
    UsageError,
    dash_is_standard_output,
    default_format,
    flat_article,
    flat_record,
    number,
    parquet_ready,
    refuse_unsafe_output,
)  # fmt: skip
from .diagnostics import MACHINE_FORMATS, JsonDiagnostics
from .help import DESCRIPTION, add_examples
from .jobs import WorkerDied, parse_dumps, parse_files
from .streams import stream_records

__all__ = ["main", "run"]


class _Parser(argparse.ArgumentParser):
    """Errors name the help of the command at fault; no option is taken from a prefix of its
    name (``--int`` is not ``--into``: a typo should fail, not guess)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("allow_abbrev", False)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see '{self.prog} --help')")


def _command_parse(run: Run, out: Sink | None) -> None:
    paths = run.paths()
    jobs = run.jobs(paths)
    if jobs > 1 and (out is None or run.args.format == "jsonl"):
        _parse_in_workers(run, out, paths, jobs)
        return

    def rows() -> Iterator[dict[str, object]]:
        for name, file in run.inputs():
            # Shown as they come (an interruption too): none is held until the end.
            stream = stream_records(
                file, name, run.vocabulary, run.report_all, run.dropped, counted=run.counted
            )
            try:
                for record in stream:
                    if run.args.command == "parse":
                        yield record_row(record)
            except OSError as error:
                run.unreadable(name, error)

    if out is None:  # check: the diagnostics are all there is
        for _ in rows():
            pass
        return
    write_rows(
        rows(), out, run.args.format, columns=RECORD_COLUMNS, flatten=flat_record,
        width=shutil.get_terminal_size().columns,
    )  # fmt: skip


def _parse_in_workers(run: Run, out: Sink | None, paths: list[str], jobs: int) -> None:
    """`_command_parse` over worker processes: the same bytes, in the same order."""
    results = parse_files(paths, records=out is not None, jobs=jobs, vocabulary=run.vocabulary)
    for _, parsed in zip(run.progress(paths), results, strict=True):
        if parsed.unreadable is not None:
            run.unreadable(parsed.name, parsed.unreadable)
            continue
        if out is not None:
            parsed.copy_output(out.write)
        parsed.replay_diagnostics(run.report, run.dropped)


def _moment(text: str) -> date:
    try:
        return read_moment(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"not an ISO date or date-time: {text!r} (e.g. 2026-06-04 or 2026-06-04T10:15)"
        ) from None


_LIST: Final = "list"


def _locale(tag: str) -> Vocabulary | str:
    if tag == _LIST:
        return tag
    vocabulary = VOCABULARIES.get(tag.lower())
    if vocabulary is None:
        raise argparse.ArgumentTypeError(
            f"unknown locale {tag!r}; known: {', '.join(VOCABULARIES)} ('list' shows them)"
        )
    return vocabulary


def _list_locales(out: TextIO) -> None:
    for tag, vocabulary in VOCABULARIES.items():
        labels = " / ".join((vocabulary.published[0], vocabulary.updated[0]))
        tabs = ", ".join(vocabulary.tabs) or "-"
        out.write(f"{tag}\t{labels}\t{tabs}\n")


def _version() -> str:
    """The version, and whether the scanner runs compiled (``FAQPARSE_COMPILE=1``) or as
    Python: a bug report needs both."""
    compiled = (_scan_loop.__file__ or "").endswith(tuple(EXTENSION_SUFFIXES))
    build = "compiled" if compiled else "pure Python"
    return f"faqparse {__version__} ({build}, Python {platform.python_version()})"


def _parser() -> _Parser:
    parser = _Parser(prog="faqparse", description=DESCRIPTION)
    parser.add_argument("--version", action="version", version=_version())
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    helps = {
        "parse": "print the records of dumps",
        "check": "print only the diagnostics of dumps",
        "merge": "merge the records of dumps into articles",
    }
    for name, help_text in helps.items():
        command = commands.add_parser(name, help=help_text, description=help_text)
        command.add_argument("files", nargs="*", metavar="FILE", help="dump files; - is stdin")
        command.add_argument("--samples", action="store_true", help="add the bundled samples")
        command.add_argument(
            "--strict", action="store_true", help="exit 1 on any diagnostic, warnings too"
        )
        command.add_argument(
            "--locale", type=_locale, metavar="TAG",
            help="read the dumps in this locale instead of detecting it; 'list' shows the tags",
        )  # fmt: skip
        command.add_argument(
            "--progress", action=argparse.BooleanOptionalAction, default=None,
            help="show progress on stderr (default: on a terminal, for many files or a large one)",
        )  # fmt: skip
        command.add_argument(
            "-j", "--jobs", type=number(1, "processes"), metavar="N",
            help="files parsed at once by worker processes (default: one per core when there"
            " are several files and 8 MiB or more in all; 1 otherwise)",
        )  # fmt: skip
        command.add_argument(
            "-q", "--quiet", action="store_true",
            help="print only error diagnostics (the summary still counts every one)",
        )  # fmt: skip
        command.add_argument(
            "--max-diagnostics", type=number(0, "diagnostics"), metavar="N",
            help="print at most N diagnostics; the summary counts the rest by code",
        )  # fmt: skip
        command.add_argument("-o", "--output", metavar="OUT", help="write here (atomically)")
        _add_force(command)
        if name == "check":
            command.add_argument(
                "--format", choices=MACHINE_FORMATS, default=None,
                help="the diagnostics as JSON Lines or a JSON array, to OUT or standard output"
                " (default: lines on standard error)",
            )  # fmt: skip
            continue
        command.add_argument(
            "--format", choices=FORMATS, default=None,
            help="jsonl (default), json, csv, parquet (binary); table is the default on a terminal",
        )  # fmt: skip
        if name == "merge":
            command.add_argument(
                "--into",
                metavar="CATALOG",
                help="merge into an SQLite catalog (made if missing)",
            )
            command.add_argument(
                "--captured-at", type=_moment, metavar="TIME",
                help="snapshot time of the dumps given (ISO date or date-time)",
            )  # fmt: skip
            _cli_catalog.add_merge_options(command)
    _cli_catalog.add_commands(commands)
    _cli_report.add_command(commands, _cli_catalog.COMMANDS)
    for name, command in commands.choices.items():
        if name in _cli_catalog.COMMANDS and name not in ("convert", "remove"):  # those with -o
            _add_force(command)
    add_examples(commands.choices)
    return parser


def _add_force(command: argparse.ArgumentParser) -> None:
    command.add_argument("--force", action="store_true", help="replace OUT even if it is read-only")


def main(argv: Sequence[str] | None = None, *, stdout: TextIO | None = None,
         stderr: TextIO | None = None) -> int:  # fmt: skip
    """Run the command line; returns the exit status instead of exiting."""
    stdout = sys.stdout if stdout is None else stdout
    stderr = sys.stderr if stderr is None else stderr
    # A process started with a standard stream closed (`2>&-`) has None for it.
    stderr = io.StringIO() if stderr is None else stderr  # nowhere to say anything
    try:
        with contextlib.redirect_stdout(stdout):
            args, extra = _parser().parse_known_args(argv)
        if extra:  # argparse would name the top level's help, not the command's
            raise UsageError(
                f"unrecognized arguments: {' '.join(extra)} (see 'faqparse {args.command} --help')"
            )
    except UsageError as error:
        stderr.write(f"faqparse: {error}\n")
        return 2
    except SystemExit as done:  # --help
        return done.code if isinstance(done.code, int) else 0
    dash_is_standard_output(args)
    try:
        stdout = _standard_streams(args, stdout)
        if getattr(args, "locale", None) == _LIST:
            _list_locales(stdout)
            return 0
        return _command(args, stdout, stderr)
    except UsageError as error:
        stderr.write(f"faqparse: {error}\n")
        return 2
    except BrokenPipeError:
        raise  # the console script handles a reader that went away
    except OutputError as error:
        stderr.write(f"faqparse: {error.strerror}\n")
        return 2
    except (WorkerDied, MemoryError) as error:
        stderr.write(f"faqparse: {error or 'out of memory'}{_kept(args)}\n")
        return 2
    except OSError as error:
        named = "" if error.filename is None else f"{error.filename}: "
        stderr.write(f"faqparse: {named}{error.strerror or error}\n")
        return 2
    except KeyboardInterrupt:
        stderr.write(f"faqparse: interrupted{_kept(args)}\n")
        return 130
    except Stopped as stop:
        stderr.write(f"faqparse: stopped by {stop.name}{_kept(args)}\n")
        return 128 + stop.signum


def _standard_streams(args: argparse.Namespace, stdout: TextIO | None) -> TextIO:
    """Refuse a run that needs a standard stream the process was started without (`<&-`,
    `>&-`: Python then has None for it), before anything is read; standard output itself,
    or a stand-in for a run that writes nothing there."""
    if "-" in getattr(args, "files", ()) and getattr(sys.stdin, "buffer", None) is None:
        raise UsageError("standard input is closed: '-' has nothing to read")
    # check writes there only its JSON (--format), without -o.
    writes = getattr(args, "locale", None) == _LIST or (
        hasattr(args, "output")
        and args.output is None
        and (args.command != "check" or args.format is not None)
    )
    if stdout is None:
        if writes:
            raise UsageError("standard output is closed: give -o FILE to write the output")
        return io.StringIO()
    return stdout


def _command(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    """Run the command; its exit status. `main` says what went wrong, if anything did."""
    refuse_unsafe_output(args)
    if args.command in _cli_catalog.COMMANDS:
        return _cli_catalog.main(args, stdout, stderr)
    run = Run(args, stderr, stdout)
    try:
        if args.command == "check":
            _command_check(run, stdout)
        else:
            default_format(args, stdout)
            if args.format == "parquet":
                parquet_ready(args.output, stdout)
            with output_sink(args.output, stdout) as out:
                _COMMANDS[args.command](run, out)
    finally:
        run.close_display()  # a progress bar goes before `main` says what stopped the run
    run.finish()
    return run.status


def _command_check(run: Run, stdout: TextIO) -> None:
    """Diagnostics only: lines on standard error, or JSON for machines (``--format``, or an
    ``-o`` named ``.jsonl``/``.json``), to ``-o`` or standard output."""
    args = run.args
    if args.format is None and args.output is not None:
        args.format = "json" if format_of(args.output) == "json" else "jsonl"
    if args.format is None:
        _command_parse(run, None)
        return
    with output_sink(args.output, stdout) as out:
        run.machine = JsonDiagnostics(out, args.format)
        _command_parse(run, None)
        run.machine.close()


def _kept(args: argparse.Namespace) -> str:
    output = getattr(args, "output", None)
    return "" if output is None else f"; {output} was left as it was"


def _command_merge(run: Run, out: Sink | None) -> None:
    if run.args.into is not None:
        assert out is not None
        _cli_catalog.merge_into(run, _dumps(run), out)
        return
    # Only merge needs these: `faqparse parse` starts sooner without them.
    from .._catalog.memory import Catalog  # noqa: PLC0415
    from .._rows import to_json  # noqa: PLC0415

    catalog = Catalog()
    for dump in _dumps(run):
        catalog.add(dump)
    for diagnostic in catalog.diagnostics:
        run.report(diagnostic)
    if out is not None:
        rows = (to_json(article) for article in catalog.articles)
        write_rows(rows, out, run.args.format, columns=ARTICLE_COLUMNS, flatten=flat_article,
                   width=shutil.get_terminal_size().columns)  # fmt: skip


def _dumps(run: Run) -> Iterator[Dump]:
    """Each input parsed, here or by worker processes, in input order; diagnostics reported."""
    captured: date | None = run.args.captured_at
    paths = run.paths()
    jobs = run.jobs(paths)
    found: Iterator[tuple[str, Dump | OSError | MemoryError]]
    if jobs > 1:
        parsed = parse_dumps(paths, captured=captured, vocabulary=run.vocabulary, jobs=jobs)
        found = zip(run.progress(paths), parsed, strict=True)
    else:
        found = (
            (name, _parse_here(name, file, captured, run.vocabulary)) for name, file in run.inputs()
        )
    for name, dump in found:
        if isinstance(dump, OSError):
            run.unreadable(name, dump)
            continue
        if isinstance(dump, MemoryError):
            raise UsageError(f"{name}: out of memory: too large to merge here")
        for diagnostic in dump.diagnostics:
            run.report(diagnostic)
        yield dump


def _parse_here(
    name: str, file: str | BinaryIO, captured: date | None, vocabulary: Vocabulary | None
) -> Dump | OSError | MemoryError:
    try:
        if isinstance(file, str):
            return parse_file(file, captured=captured, vocabulary=vocabulary)
        return parse(file.read(), name, captured=captured, vocabulary=vocabulary)
    except (OSError, MemoryError) as error:
        return error


_COMMANDS = {"parse": _command_parse, "merge": _command_merge}


def run() -> NoReturn:
    """The console script."""
    with contextlib.suppress(BrokenPipeError):
        status = main()
        if sys.stdout is not None:  # None when started with it closed (`>&-`)
            try:
                with standard_output_errors():
                    sys.stdout.flush()
            except OutputError as error:
                sys.stderr.write(f"faqparse: {error.strerror}\n")
                status = 2
        sys.exit(status)
    # The reader went away (`faqparse parse x | head`): quietly, like other Unix tools.
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    sys.exit(0)
