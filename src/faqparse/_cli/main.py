"""The ``faqparse`` command: parse, check and merge dumps from the shell.

Exit status: 0 success (warnings allowed); 1 an error diagnostic (or any, with ``--strict``);
2 a file that cannot be read or wrong arguments, with a one-line message and no traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import shutil
import sys
from collections.abc import Iterator, Sequence
from datetime import date, datetime
from importlib.machinery import EXTENSION_SUFFIXES
from typing import BinaryIO, Final, NoReturn, TextIO

from .. import __version__
from .._locales import VOCABULARIES
from .._locales.vocabulary import Vocabulary
from .._model import Diagnostic, Dump, Severity
from .._output.files import OutputError, Stopped
from .._output.formats import FORMATS, output_sink, write_rows
from .._output.jsonl import Sink, record_row
from .._read.api import iter_records, parse, parse_file
from .._samples import sample_paths
from .._scan import loop as _scan_loop
from . import catalog as _cli_catalog
from .jobs import WorkerDied, default_jobs, diagnostic_line, parse_dumps, parse_files

__all__ = ["main", "run"]

RECORD_COLUMNS = ["source", "index", "title", "snippet", "published", "updated", "views"]
RECORD_COLUMNS += ["category", "span_start", "span_end"]
ARTICLE_COLUMNS = ["id", "title", "published", "updated", "views", "locale", "category"]
ARTICLE_COLUMNS += ["snippets", "observations"]


class UsageError(Exception):
    """Wrong arguments or an unreadable file: exit status 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see '{self.prog} --help')")


class _Run:
    """What one command has seen: its exit status and where its messages go."""

    def __init__(self, args: argparse.Namespace, stderr: TextIO) -> None:
        self.args, self.stderr = args, stderr
        self.status = 0
        # None without --locale: each dump's locale is detected.
        self.vocabulary: Vocabulary | None = args.locale

    def report(self, diagnostic: Diagnostic) -> None:
        self.stderr.write(diagnostic_line(diagnostic))
        if diagnostic.severity is Severity.ERROR or self.args.strict:
            self.status = max(self.status, 1)

    def report_all(self, diagnostics: list[Diagnostic]) -> None:
        """Report and forget a stream's diagnostics so far."""
        for diagnostic in diagnostics:
            self.report(diagnostic)
        diagnostics.clear()

    def unreadable(self, path: str, error: OSError) -> None:
        self.stderr.write(f"faqparse: cannot read {path}: {error.strerror or error}\n")
        self.status = 2

    def paths(self) -> list[str]:
        paths = [*self.args.files, *(str(p) for p in sample_paths() if self.args.samples)]
        if not paths:
            raise UsageError("no input: name dump files, '-' for standard input, or --samples")
        return paths

    def jobs(self, paths: list[str]) -> int:
        """Worker processes for these inputs: 1 means this process does the work."""
        if "-" in paths:
            return 1  # standard input belongs to this process
        jobs: int | None = self.args.jobs
        return default_jobs(paths) if jobs is None else min(jobs, len(paths))

    def progress(self, paths: list[str]) -> Iterator[str]:
        """The paths, showing progress as each is reached on long runs."""
        show = (
            self.args.progress
            if self.args.progress is not None
            else (len(paths) > 1 and self.stderr.isatty())
        )
        for number, path in enumerate(paths, 1):
            if show:
                self.stderr.write(f"\r[{number}/{len(paths)}] {path}\x1b[K")
                self.stderr.flush()
            yield path
        if show:
            self.stderr.write("\n")

    def inputs(self) -> Iterator[tuple[str, str | BinaryIO]]:
        """Each input as (name, path or binary stream), with progress on long runs."""
        for path in self.progress(self.paths()):
            yield (("<stdin>", sys.stdin.buffer) if path == "-" else (path, path))


def _command_parse(run: _Run, out: Sink | None) -> None:
    paths = run.paths()
    jobs = run.jobs(paths)
    if jobs > 1 and (out is None or run.args.format == "jsonl"):
        _parse_in_workers(run, out, paths, jobs)
        return

    def rows() -> Iterator[dict[str, object]]:
        for name, file in run.inputs():
            try:
                stream = iter_records(file, source=name, vocabulary=run.vocabulary)
                for record in stream:
                    if stream.diagnostics:  # shown as they come: none is held until the end
                        run.report_all(stream.diagnostics)
                    if run.args.command == "parse":
                        yield record_row(record)
            except OSError as error:
                run.unreadable(name, error)
                continue
            run.report_all(stream.diagnostics)

    if out is None:  # check: the diagnostics are all there is
        for _ in rows():
            pass
        return
    write_rows(
        rows(), out, run.args.format, columns=RECORD_COLUMNS, flatten=_flat_record,
        width=shutil.get_terminal_size().columns,
    )  # fmt: skip


def _parse_in_workers(run: _Run, out: Sink | None, paths: list[str], jobs: int) -> None:
    """`_command_parse` over worker processes: the same bytes, in the same order."""
    results = parse_files(paths, records=out is not None, jobs=jobs, vocabulary=run.vocabulary)
    for _, parsed in zip(run.progress(paths), results, strict=True):
        if parsed.unreadable is not None:
            run.unreadable(parsed.name, parsed.unreadable)
            continue
        if out is not None:
            parsed.copy_output(out.write)
        parsed.copy_diagnostics(run.stderr.write)
        if parsed.errors or (run.args.strict and parsed.warnings):
            run.status = max(run.status, 1)


def _flat_record(row: dict[str, object]) -> list[object]:
    span = row["span"]
    assert isinstance(span, tuple)
    return [*(row[c] for c in RECORD_COLUMNS[:-2]), *span]


def _jobs(text: str) -> int:
    try:
        jobs = int(text)
    except ValueError:
        jobs = 0
    if jobs < 1:
        raise argparse.ArgumentTypeError(f"not a number of processes: {text!r} (1 or more)")
    return jobs


def _moment(text: str) -> date:
    try:
        return datetime.fromisoformat(text) if len(text) > 10 else date.fromisoformat(text)
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
    parser = _Parser(prog="faqparse", description=__doc__.splitlines()[0] if __doc__ else None)
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
            help="show progress on stderr (default: when it is a terminal and there are files)",
        )  # fmt: skip
        command.add_argument(
            "-j", "--jobs", type=_jobs, metavar="N",
            help="files parsed at once by worker processes (default: one per core when there"
            " are several files and 8 MiB or more in all; 1 otherwise)",
        )  # fmt: skip
        if name == "check":
            continue
        command.add_argument("-o", "--output", metavar="OUT", help="write here (atomically)")
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
    _cli_catalog.add_commands(commands)
    return parser


def main(argv: Sequence[str] | None = None, *, stdout: TextIO | None = None,
         stderr: TextIO | None = None) -> int:  # fmt: skip
    """Run the command line; returns the exit status instead of exiting."""
    stdout = sys.stdout if stdout is None else stdout
    stderr = sys.stderr if stderr is None else stderr
    try:
        with contextlib.redirect_stdout(stdout):
            args = _parser().parse_args(argv)
    except UsageError as error:
        stderr.write(f"faqparse: {error}\n")
        return 2
    except SystemExit as done:  # --help
        return done.code if isinstance(done.code, int) else 0
    if getattr(args, "locale", None) == _LIST:
        _list_locales(stdout)
        return 0
    try:
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
        stderr.write(f"faqparse: {error.filename or ''}: {error.strerror or error}\n")
        return 2
    except KeyboardInterrupt:
        stderr.write(f"faqparse: interrupted{_kept(args)}\n")
        return 130
    except Stopped as stop:
        stderr.write(f"faqparse: stopped by {stop.name}{_kept(args)}\n")
        return 128 + stop.signum


def _command(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    """Run the command; its exit status. `main` says what went wrong, if anything did."""
    if args.command in _cli_catalog.COMMANDS:
        return _cli_catalog.main(args, stdout, stderr)
    run = _Run(args, stderr)
    if args.command == "check":
        _command_parse(run, None)
        return run.status
    if args.format is None:
        args.format = "table" if args.output is None and stdout.isatty() else "jsonl"
    if args.format == "parquet":
        parquet_ready(args.output, stdout)
    with output_sink(args.output, stdout) as out:
        _COMMANDS[args.command](run, out)
    return run.status


def parquet_ready(output: str | None, stdout: TextIO) -> None:
    """Parquet is binary: a file, or a pipe, never a terminal; and it needs pyarrow."""
    if output is None and (stdout.isatty() or not hasattr(stdout, "buffer")):
        raise UsageError("--format parquet writes binary data: give a file with -o FILE")
    try:
        import pyarrow  # noqa: F401, PLC0415 - only to say so now, rather than mid-run
    except ImportError:
        raise UsageError(
            "--format parquet needs pyarrow: pip install 'faqparse[parquet]'"
        ) from None


def _kept(args: argparse.Namespace) -> str:
    output = getattr(args, "output", None)
    return "" if output is None else f"; {output} was left as it was"


def _command_merge(run: _Run, out: Sink | None) -> None:
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
        write_rows(rows, out, run.args.format, columns=ARTICLE_COLUMNS, flatten=_flat_article,
                   width=shutil.get_terminal_size().columns)  # fmt: skip


def _dumps(run: _Run) -> Iterator[Dump]:
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


def _flat_article(row: dict[str, object]) -> list[object]:
    snippets, observations = row["snippets"], row["observations"]
    assert isinstance(snippets, list) and isinstance(observations, list)
    return [row[c] for c in ARTICLE_COLUMNS[:-2]] + [len(snippets), len(observations)]


_COMMANDS = {"parse": _command_parse, "merge": _command_merge}


def run() -> NoReturn:
    """The console script."""
    with contextlib.suppress(BrokenPipeError):
        status = main()
        sys.stdout.flush()
        sys.exit(status)
    # The reader went away (`faqparse parse x | head`): quietly, like other Unix tools.
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    sys.exit(0)
