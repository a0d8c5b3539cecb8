"""Progress on standard error: a bar on a terminal, plain lines elsewhere.

Three displays share one interface. On a terminal, rich draws a bar with the bytes read, the
rate and the time left (`_RichBar`), or without rich a status line redrawn in place
(`_StatusLine`). Elsewhere (a log file, or a terminal where ``parse`` prints its table as it
reads), `_Lines` writes one whole line per file: no carriage return, no escape code. Messages
written while a display is up (diagnostics, above all) go through it, so that they are printed
above the bar, each on a line of its own, never on the bar's line.

rich is imported only here, only when a bar is shown on a terminal: a pipe never loads it.
"""

from __future__ import annotations

import io
import os
import shutil
import stat
import time
from typing import TYPE_CHECKING, Any, Final, TextIO

from .._output.table import cell_width

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["Display", "Messages", "input_size", "open_display"]

_BAR_CELLS: Final = 16
_BESIDE_NAME: Final = 62
"""Cells of a bar's line beside the file's name: the bar, ``12.3/40.0 MB``, the rate, the time
left and the spaces between; the name is cut to the rest, so the line never wraps."""
_REDRAW_SECONDS: Final = 0.1
"""The status line is redrawn at most this often: a 64 KiB read is much faster than a terminal."""


def input_size(path: str) -> int | None:
    """The bytes of a regular file; None for standard input, a pipe, or a missing file."""
    if path == "-":
        return None
    try:
        found = os.stat(path)
    except OSError:
        return None
    return found.st_size if stat.S_ISREG(found.st_mode) else None


def amount(count: float) -> str:
    """Bytes as people read them, in rich's decimal units: ``812 B``, ``64.0 kB``, ``12.3 MB``."""
    for unit in ("B", "kB", "MB", "GB"):
        if count < 1000 or unit == "GB":
            return f"{count:.0f} {unit}" if unit == "B" else f"{count:.1f} {unit}"
        count /= 1000
    raise AssertionError("unreachable")


class Display:
    """What a run reports as it goes: files started and finished, bytes read, phases."""

    def __init__(self, stderr: TextIO, sizes: Sequence[int | None]) -> None:
        self.stderr = stderr
        self.total = None if None in sizes else sum(s for s in sizes if s is not None)
        self.files = len(sizes)
        self.sizes = sizes
        self.number = 0
        self.name = ""
        self.read = 0  # bytes of the whole run
        self.file_read = 0
        self.before = 0  # bytes of the files finished
        self.started = time.monotonic()
        self.file_started = self.started
        self.label = ""  # while files are read, a word before their names; then the phase
        self.phased = False  # the files are read, a phase is under way
        self.phase_started = self.started

    def start(self, number: int, name: str) -> None:
        self.number, self.name = number, name
        self.file_read, self.file_started = 0, time.monotonic()
        self._show()

    def advance(self, count: int) -> None:
        self.read += count
        self.file_read += count
        self._show()

    def done(self) -> None:
        """The current file was read: reads not counted (a worker's) count as its size."""
        size = self.sizes[self.number - 1]
        self.before += self.file_read if size is None else max(size, self.file_read)
        self.read = self.before
        self._finished()

    def phase(self, label: str) -> None:
        """A step of the run that reads no input (``merging``, ``writing``)."""
        self.label, self.phased = label, True
        self.phase_started = time.monotonic()

    def begin(self) -> None:
        """Put the display up: once its owner holds it, so that an interruption meanwhile
        still finds it to take away."""

    def write(self, text: str) -> None:
        """A message, on lines of its own above the display."""
        self.stderr.write(text)

    def close(self) -> None:
        """Take the display away; the messages after it go straight to standard error."""

    def _show(self) -> None:
        pass

    def _finished(self) -> None:
        pass


class _Lines(Display):
    """One line per file (and per phase), when standard error is no terminal."""

    def _finished(self) -> None:
        seconds = time.monotonic() - self.file_started
        size = self.sizes[self.number - 1]
        read = self.file_read if size is None else max(size, self.file_read)
        self.stderr.write(
            f"faqparse: [{self.number}/{self.files}] {self.name}: {read:,} bytes"
            f" in {seconds:.1f} s\n"
        )
        self.stderr.flush()

    def phase(self, label: str) -> None:
        self._phase_done()
        super().phase(label)
        self.stderr.write(f"faqparse: {label}…\n")
        self.stderr.flush()

    def close(self) -> None:
        self._phase_done()

    def _phase_done(self) -> None:
        if self.phased:
            seconds = time.monotonic() - self.phase_started
            self.stderr.write(f"faqparse: {self.label}: done in {seconds:.1f} s\n")
            self.phased = False


class _StatusLine(Display):
    """A line redrawn in place with ``\\r``, when rich is not installed."""

    def __init__(self, stderr: TextIO, sizes: Sequence[int | None]) -> None:
        super().__init__(stderr, sizes)
        self.drawn = 0.0
        self.line = ""

    def _show(self, *, now: bool = False) -> None:
        moment = time.monotonic()
        if not now and moment - self.drawn < _REDRAW_SECONDS:
            return
        self.drawn = moment
        if self.phased:
            self.line = f"{self.label}…"
        else:
            done = amount(self.read) + ("" if self.total is None else f"/{amount(self.total)}")
            rate = self.read / max(moment - self.started, 1e-3)
            where = f"{self.label} [{self.number}/{self.files}]".lstrip()
            rest = f"  {done}  {amount(rate)}/s"
            # A line wider than the terminal would wrap, and \r redraw only its last part.
            room = shutil.get_terminal_size().columns - 1 - len(where) - 1 - len(rest)
            self.line = f"{where} {_tail(self.name, max(room, 12))}{rest}"
        self.stderr.write(f"\r{self.line}\x1b[K")
        self.stderr.flush()

    def phase(self, label: str) -> None:
        super().phase(label)
        self._show(now=True)

    def write(self, text: str) -> None:
        # Off the status line, the message, then the status line again below it.
        self.stderr.write(f"\r\x1b[K{text}")
        if self.line:
            self.stderr.write(f"\r{self.line}\x1b[K")
        self.stderr.flush()

    def close(self) -> None:
        if self.line:
            self.stderr.write("\r\x1b[K")
            self.stderr.flush()
            self.line = ""


class _RichBar(Display):
    """rich's bar: bytes read, rate and time left; a spinner for a phase."""

    def __init__(self, stderr: TextIO, sizes: Sequence[int | None]) -> None:
        from rich.console import Console  # noqa: PLC0415
        from rich.progress import (  # noqa: PLC0415
            BarColumn,
            DownloadColumn,
            Progress,
            SpinnerColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
            TransferSpeedColumn,
        )

        super().__init__(stderr, sizes)
        self.console = Console(file=stderr, force_terminal=True, highlight=False)
        self.progress = Progress(
            TextColumn("{task.description}", markup=False),
            BarColumn(bar_width=_BAR_CELLS), DownloadColumn(),
            TransferSpeedColumn(),
            TimeRemainingColumn(), console=self.console, transient=True,
            redirect_stdout=False, redirect_stderr=False,
        )  # fmt: skip
        self.spinner: Any = Progress(
            SpinnerColumn(), TextColumn("{task.description}", markup=False),
            TimeElapsedColumn(), console=self.console, transient=True,
            redirect_stdout=False, redirect_stderr=False,
        )  # fmt: skip
        self.task = self.progress.add_task("", total=self.total)
        self.live: Any = self.progress

    def begin(self) -> None:
        self.progress.start()

    def _show(self) -> None:
        where = f"{self.label} [{self.number}/{self.files}]".lstrip()
        room = max(12, self.console.width - _BESIDE_NAME - len(where))
        self.progress.update(
            self.task, completed=self.read, description=f"{where} {_tail(self.name, room)}"
        )

    def _finished(self) -> None:
        self.progress.update(self.task, completed=self.read)

    def phase(self, label: str) -> None:
        super().phase(label)
        if self.live is self.progress:
            self.progress.stop()
            self.spinner.add_task(label, total=None)
            self.spinner.start()
            self.live = self.spinner
        else:
            self.spinner.update(self.spinner.task_ids[0], description=label)

    def write(self, text: str) -> None:
        # rich prints above its live display; the text is the CLI's own, no markup in it.
        self.console.print(text, end="", markup=False, emoji=False, soft_wrap=True)

    def close(self) -> None:
        self.live.stop()


def _tail(name: str, size: int) -> str:
    """The end of ``name`` within ``size`` terminal cells (a path's file name is at its end)."""
    if cell_width(name) <= size:
        return name
    kept = ""
    for char in reversed(name):
        if cell_width(char + kept) > size - 1:
            break
        kept = char + kept
    return "…" + kept


def open_display(stderr: TextIO, sizes: Sequence[int | None], *, bar: bool) -> Display:
    """A bar (rich's when it is installed) on a terminal when ``bar``, else plain lines."""
    if not bar:
        return _Lines(stderr, sizes)
    try:
        import rich  # noqa: F401, PLC0415
    except ImportError:
        return _StatusLine(stderr, sizes)
    return _RichBar(stderr, sizes)


class Messages(io.TextIOBase):
    """Standard error while a display is up: whole lines are handed to it, to be printed above
    the bar (a line written in parts waits for its end)."""

    def __init__(self, display: Display, stderr: TextIO) -> None:
        super().__init__()
        self.display, self.stderr = display, stderr
        self.pending = ""

    def write(self, text: str) -> int:
        lines, newline, rest = (self.pending + text).rpartition("\n")
        if newline:
            self.display.write(lines + newline)
        self.pending = rest
        return len(text)

    def flush(self) -> None:
        """Ends nothing: a partial line still waits for its end."""

    def release(self) -> None:
        """Hand on a partial line left at the end of the display."""
        if self.pending:
            self.stderr.write(self.pending)
            self.pending = ""

    def isatty(self) -> bool:
        return self.stderr.isatty()
