"""What the commands share: a run's state and messages, the columns of the row formats, and
the checks made before a command reads or writes anything.

``main`` (the parse, check and merge commands, and the parser) and ``catalog`` (the catalog
commands) both import it; it imports neither of them.
"""

from __future__ import annotations

import argparse
import os
import stat
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import date
from typing import BinaryIO, Final, TextIO, cast

from .._locales.vocabulary import Vocabulary
from .._model import Diagnostic, Severity
from .._output.files import same_file
from .._output.formats import format_of
from .._samples import sample_paths
from .diagnostics import JsonDiagnostics, Tally, summary_line
from .jobs import default_jobs, diagnostic_line
from .progress import Display, Messages, input_size, open_display
from .streams import dropped_line

__all__ = [
    "ARTICLE_COLUMNS", "RECORD_COLUMNS", "Run", "UsageError", "flat_article", "flat_record",
    "parquet_ready", "refuse_unsafe_output",
]  # fmt: skip

RECORD_COLUMNS = ["source", "index", "title", "snippet", "published", "updated", "views"]
RECORD_COLUMNS += ["category", "span_start", "span_end"]
ARTICLE_COLUMNS = ["id", "title", "published", "updated", "views", "locale", "category"]
ARTICLE_COLUMNS += ["snippets", "observations"]


PROGRESS_BYTES: Final = 16 << 20
"""Input from which one file shows progress on a terminal: smaller ones take a second or less."""


class UsageError(Exception):
    """Wrong arguments or an unreadable file: exit status 2."""


class Run:
    """What one command has seen: its exit status and where its messages go."""

    def __init__(
        self, args: argparse.Namespace, stderr: TextIO, stdout: TextIO | None = None
    ) -> None:
        self.args, self.stderr = args, stderr
        self._stderr = stderr
        self._stdout_terminal = (
            getattr(args, "output", None) is None and stdout is not None and stdout.isatty()
        )
        self._display: Display | None = None
        self.label: str | None = None  # the run's phase, once it has one
        self._files_done = False
        self.status = 0
        # None without --locale: each dump's locale is detected.
        self.vocabulary: Vocabulary | None = args.locale
        self.tally = Tally()
        self.quiet: bool = getattr(args, "quiet", False)
        self.limit: int | None = getattr(args, "max_diagnostics", None)
        self.machine: JsonDiagnostics | None = None  # check --format jsonl|json
        self._shown = 0
        self._finished = False

    def report(self, diagnostic: Diagnostic) -> None:
        severity = diagnostic.severity
        self.tally.add(severity, diagnostic.code)
        if severity is Severity.ERROR or self.args.strict:
            self.status = max(self.status, 1)
        if self.machine is not None:
            self.machine.write(diagnostic)
        elif (self.quiet and severity is not Severity.ERROR) or (
            self.limit is not None and self._shown >= self.limit
        ):
            self.tally.hidden += 1
        else:
            self._shown += 1
            self.stderr.write(diagnostic_line(diagnostic))

    def finish(self) -> None:
        """The run's one-line summary of its diagnostics (with ``-q``: only if it had errors),
        said once, before a command's own last line if it has one."""
        self.close_display()
        if self._finished:
            return
        self._finished = True
        if not self.quiet or any(s is Severity.ERROR for s, _ in self.tally.counts):
            summary_line(self.tally, self.stderr)

    def report_all(self, diagnostics: list[Diagnostic]) -> None:
        """Report and forget a stream's diagnostics so far."""
        for diagnostic in diagnostics:
            self.report(diagnostic)
        diagnostics.clear()

    def dropped(self, name: str, codes: Counter[tuple[str, Severity]]) -> None:
        """Say how many diagnostics of ``name`` a stream could not keep, by code."""
        self.stderr.write(dropped_line(name, codes))
        for (code, severity), count in codes.items():
            self.tally.add(severity, code, count)
            if severity is Severity.ERROR or self.args.strict:
                self.status = max(self.status, 1)

    def unreadable(self, path: str, error: OSError) -> None:
        why = error.strerror or str(error)
        if isinstance(error, IsADirectoryError):  # what to give instead, as a shell spells it
            why += f": name its dump files ({os.path.join(path, '*.txt')})"
        self.stderr.write(f"faqparse: cannot read {path}: {why}\n")
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
        """The paths, showing progress (`progress.Display`) as each is read on long runs."""
        display = self._open_display(paths)
        try:
            for number, path in enumerate(paths, 1):
                if display is not None:
                    display.start(number, path)
                yield path
                if display is not None:
                    display.done()
        finally:
            self._files_done = True
            if self.label is None:  # no phase follows the files
                self.close_display()

    def counted(self, count: int) -> None:
        """``count`` more bytes of the current input were read."""
        if self._display is not None:
            self._display.advance(count)

    def phase(self, label: str) -> None:
        """A step of the run after or between its files (``merging``, ``writing``): its label
        is shown beside the bar, or instead of it once the files are read."""
        self.label = label
        if self._display is None:
            return
        if self._files_done:
            self._display.phase(label)
        else:
            self._display.label = label

    def close_display(self) -> None:
        """Take the progress display away; messages go straight to standard error again."""
        display, self._display = self._display, None
        if display is not None:
            display.close()
            messages = self.stderr
            self.stderr = self._stderr
            if isinstance(messages, Messages):
                messages.release()

    def _open_display(self, paths: list[str]) -> Display | None:
        """A display when ``--progress`` asks, or on a terminal for many files or a large one.

        Rows printed to the same terminal as the input is read (``parse``'s table, ``check
        --format jsonl``) would tear a bar apart: there ``--progress`` prints whole lines,
        and there is none unless asked for."""
        sizes = [input_size(path) for path in paths]
        stderr_terminal = self.stderr.isatty()
        command = self.args.command
        streamed = command == "parse" or (command == "check" and self.args.format is not None)
        table_here = streamed and self._stdout_terminal
        wanted: bool | None = self.args.progress
        if wanted is None:
            large = sum(s or 0 for s in sizes) >= PROGRESS_BYTES
            wanted = stderr_terminal and not table_here and (len(paths) > 1 or large)
        if not wanted:
            return None
        self._display = open_display(self.stderr, sizes, bar=stderr_terminal and not table_here)
        self._stderr = self.stderr
        self.stderr = cast("TextIO", Messages(self._display, self.stderr))
        self._display.label = self.label or ""
        self._display.begin()
        return self._display

    def inputs(self) -> Iterator[tuple[str, str | BinaryIO]]:
        """Each input as (name, path or binary stream), with progress on long runs."""
        for path in self.progress(self.paths()):
            yield (("<stdin>", sys.stdin.buffer) if path == "-" else (path, path))


def flat_record(row: dict[str, object]) -> list[object]:
    span = row["span"]
    assert isinstance(span, tuple)
    return [*(row[c] for c in RECORD_COLUMNS[:-2]), *span]


def flat_article(row: dict[str, object]) -> list[object]:
    snippets, observations = row["snippets"], row["observations"]
    assert isinstance(snippets, list) and isinstance(observations, list)
    return [row[c] for c in ARTICLE_COLUMNS[:-2]] + [len(snippets), len(observations)]


def refuse_unsafe_output(args: argparse.Namespace) -> None:
    """Refuse an ``-o`` that the run must not replace, before anything is read: a file it
    reads (`refuse_output_onto_an_input`), or a read-only one without ``--force``."""
    refuse_output_onto_an_input(args)
    refuse_a_read_only_output(args)


def refuse_output_onto_an_input(args: argparse.Namespace) -> None:
    """``-o`` naming a file the run reads (a dump, the catalog) would destroy it: refused
    before anything is read or written."""
    output: str | None = getattr(args, "output", None)
    if output is None:
        return
    catalogs = [path for path in (getattr(args, "into", None), getattr(args, "catalog", None))
                if path is not None]  # fmt: skip
    files = [path for path in getattr(args, "files", ()) if path != "-"]
    if getattr(args, "samples", False):
        files += [str(path) for path in sample_paths()]
    found = same_file(output, catalogs) or same_file(output, files)
    if found is not None:
        what = "the catalog" if found in catalogs else "the input"
        raise UsageError(
            f"-o {output} is {what} {found} (the same file): writing it would destroy it;"
            " nothing was changed, write the output elsewhere"
        )


def refuse_a_read_only_output(args: argparse.Namespace) -> None:
    """A file whose owner cannot write it was made read-only on purpose: `-o` replaces it
    only with ``--force`` (renaming over it needs no write permission, so nothing else
    would stop it, for its owner as for root)."""
    output: str | None = getattr(args, "output", None)
    if output is None or getattr(args, "force", False):
        return
    try:
        found = os.stat(output)
    except OSError:
        return  # missing or unreachable: writing it will say why
    if stat.S_ISREG(found.st_mode) and not found.st_mode & stat.S_IWUSR:
        mode = stat.S_IMODE(found.st_mode)
        raise UsageError(
            f"-o {output} is read-only (mode {mode:04o}): nothing was changed; make it"
            " writable (chmod u+w) or give --force to replace it"
        )


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


def default_format(args: argparse.Namespace, stdout: TextIO) -> None:
    """The output format when ``--format`` does not say: the one ``-o``'s extension names, a
    table on a terminal, else JSON Lines."""
    if getattr(args, "format", "") is not None:
        return
    named = None if args.output is None else format_of(args.output)
    args.format = named or ("table" if args.output is None and stdout.isatty() else "jsonl")


def dash_is_standard_output(args: argparse.Namespace) -> None:
    """``-o -`` writes to standard output, as ``-`` reads standard input; a report, one HTML
    file, needs a file."""
    if getattr(args, "output", None) == "-" and hasattr(args, "format"):
        args.output = None


def number(least: int, what: str) -> Callable[[str], int]:
    """An argument type: a whole number of ``what`` (``"processes"``), ``least`` or more."""

    def read(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = least - 1
        if value < least:
            raise argparse.ArgumentTypeError(f"not a number of {what}: {text!r} ({least} or more)")
        return value

    return read


def day(text: str) -> date:
    """An argument type: an ISO date (``2026-06-04``)."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an ISO date: {text!r} (e.g. 2026-06-04)") from None
