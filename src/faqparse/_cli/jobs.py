"""Many files at once: worker processes for `-j N`, results handed back in input order.

A worker parses one file to its JSON Lines and its diagnostic lines, each in a temporary file
(memory stays bounded however large the file), and the parent copies them to the output and
to standard error in input order: the bytes are those of a run on one process. For `merge`, a
worker parses a dump and hands back the `Dump`. At most two files per worker are in flight,
so the files waiting to be copied stay few.
"""

from __future__ import annotations

import collections
import contextlib
import json
import os
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from datetime import date
from typing import TYPE_CHECKING, Final, NamedTuple, TypeVar

import attrs

from .._locales.vocabulary import Vocabulary
from .._model import Diagnostic, Dump, Severity
from .._output.files import remove_abandoned, signals_stop, temporary_prefix
from .._output.jsonl import JsonLines, stdlib_line
from .._read.api import parse_file
from .._rows import record_row
from .streams import stream_records

if TYPE_CHECKING:
    from concurrent.futures import Future

__all__ = [
    "Parsed", "WorkerDied", "default_jobs", "diagnostic_line", "parse_dumps", "parse_files",
]  # fmt: skip

PARALLEL_BYTES: Final = 8 << 20
"""Below this much input in all, a run stays in one process: starting workers costs more."""
AHEAD: Final = 2
"""Files in flight per worker."""

_JOBS_PREFIX: Final = "faqparse-jobs-"
"""The workers' folder in the temporary directory: ``faqparse-jobs-HOST-PID-RANDOM``."""
_PR_SET_PDEATHSIG: Final = 1
"""Linux's ``prctl`` option: the signal a process gets when its parent ends."""
_WATCH_SECONDS: Final = 1.0

_T = TypeVar("_T")
_R = TypeVar("_R")


class WorkerDied(RuntimeError):
    """A worker process ended abruptly (killed, or out of memory): the run cannot go on."""


def diagnostic_line(d: Diagnostic) -> str:
    return f"{d.source}:{d.line}:{d.column}: {d.severity.value}: {d.code}: {d.message}\n"


def default_jobs(paths: Sequence[str]) -> int:
    """One process, unless there are several files, enough input, and cores to share it."""
    if len(paths) < 2 or "-" in paths:
        return 1
    try:
        size = sum(os.stat(path).st_size for path in paths)
    except OSError:
        return 1  # the run will say which file it cannot read
    if size < PARALLEL_BYTES:
        return 1
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, min(len(paths), cores or 1))


@attrs.frozen
class Parsed:
    """One file parsed by a worker: its output and diagnostics wait in temporary files."""

    name: str
    output: str | None = None
    diagnostics: str | None = None
    errors: int = 0
    warnings: int = 0
    unreadable: OSError | None = None

    def copy_output(self, out: Callable[[bytes], object]) -> None:
        if self.output is not None:
            with open(self.output, "rb") as file:
                while piece := file.read(1 << 16):
                    out(piece)

    def replay_diagnostics(
        self,
        report: Callable[[Diagnostic], object],
        dropped: Callable[[str, collections.Counter[tuple[str, Severity]]], object],
    ) -> None:
        """Hand on the worker's diagnostics (and any it had to drop) as if found here, so
        that one place prints, counts and filters them all."""
        if self.diagnostics is None:
            return
        from .._rows import from_json  # noqa: PLC0415 - `parse` runs without the JSON shapes

        with open(self.diagnostics, encoding="utf-8") as file:
            for line in file:
                found = json.loads(line)
                if "codes" in found:
                    codes = collections.Counter(
                        {(code, Severity(severity)): n for code, severity, n in found["codes"]}
                    )
                    dropped(found["dropped"], codes)
                else:
                    report(from_json(Diagnostic, found))


def parse_files(
    paths: Sequence[str], *, records: bool, jobs: int, vocabulary: Vocabulary | None = None
) -> Iterator[Parsed]:
    """Parse files in ``jobs`` processes; yields each file's result, in input order.

    ``vocabulary`` as for `iter_records`: None detects each file's locale."""
    # A run killed outright (SIGKILL) cannot remove its folder: the next one does, once the
    # process named in the folder's name is gone, as for temporary output files.
    remove_abandoned(tempfile.gettempdir(), prefix=_JOBS_PREFIX, suffix="")
    # SIGTERM and SIGHUP unwind like SIGINT, so that the directory is removed on the way out.
    with (
        signals_stop(),
        tempfile.TemporaryDirectory(prefix=temporary_prefix(_JOBS_PREFIX)) as directory,
    ):
        tasks = [
            _FileTask(path, records, directory, number, vocabulary)
            for number, path in enumerate(paths)
        ]
        for parsed in _in_order(_parse_one, tasks, jobs):
            try:
                yield parsed
            finally:
                for temporary in (parsed.output, parsed.diagnostics):
                    if temporary is not None:
                        with contextlib.suppress(OSError):
                            os.unlink(temporary)


def parse_dumps(
    paths: Sequence[str], *, captured: date | None, jobs: int, vocabulary: Vocabulary | None = None
) -> Iterator[Dump | OSError | MemoryError]:
    """`parse_file` of each path in ``jobs`` processes, in input order; errors as values."""
    tasks = [(path, captured, vocabulary) for path in paths]
    with signals_stop():  # so that the workers are ended, not left to finish for nobody
        yield from _in_order(_parse_dump, tasks, jobs)


_MANAGER_SECONDS: Final = 5.0
"""How long a stopped run waits for the process pool's thread to end (it takes milliseconds
once the workers are ended)."""


def _in_order(work: Callable[[_T], _R], tasks: list[_T], jobs: int) -> Iterator[_R]:
    # Imported here: a run in one process (most runs) does without them.
    import multiprocessing  # noqa: PLC0415
    from concurrent.futures import BrokenExecutor, ProcessPoolExecutor  # noqa: PLC0415

    # Forking starts a worker with faqparse already imported, in milliseconds.
    context = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
    pending: collections.deque[Future[_R]] = collections.deque()
    waiting = iter(tasks)
    pool = ProcessPoolExecutor(
        jobs, mp_context=context, initializer=_quiet_worker, initargs=(os.getpid(),)
    )
    try:
        for task in waiting:
            pending.append(pool.submit(work, task))
            if len(pending) >= jobs * AHEAD:
                break
        while pending:
            try:
                result = pending.popleft().result()
            except BrokenExecutor:
                raise WorkerDied("a worker process died (killed, or out of memory?)") from None
            for task in waiting:
                pending.append(pool.submit(work, task))
                break
            yield result
    except BaseException:
        # Stopped, interrupted or abandoned: the workers' files are no longer wanted, and a
        # worker may wait on a pipe that will never be written to. End them now.
        for process in list(getattr(pool, "_processes", {}).values()):
            process.terminate()
        manager = getattr(pool, "_executor_manager_thread", None)
        pool.shutdown(wait=False, cancel_futures=True)
        # The pool's own thread sees its workers end, closes its wake-up pipe and ends.
        # Waited for (briefly), or the exit hook of concurrent.futures may write to that
        # pipe while it closes, and print a traceback after "stopped by ...".
        if manager is not None:
            manager.join(timeout=_MANAGER_SECONDS)
        raise
    pool.shutdown()


def _quiet_worker(parent: int) -> None:
    # The parent reports an interruption once; a worker just stops with it, without a trace.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)
    _die_with(parent)


def _die_with(parent: int) -> None:
    """End this worker when ``parent`` ends, however it ends (SIGKILL too).

    Otherwise a worker of a killed run waits for tasks forever, holding its files open: on
    Linux the kernel sends SIGKILL (``PR_SET_PDEATHSIG``); elsewhere a thread watches for the
    worker being handed to another parent.
    """
    if not (sys.platform.startswith("linux") and _kill_on_parent_death()):
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    if os.getppid() != parent:  # it ended before the request was made
        os._exit(1)


def _kill_on_parent_death() -> bool:
    import ctypes  # noqa: PLC0415 - a worker's only

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return bool(libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0)
    except (OSError, AttributeError):
        return False


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(_WATCH_SECONDS)
    os._exit(1)


class _FileTask(NamedTuple):
    path: str
    records: bool
    directory: str
    number: int
    vocabulary: Vocabulary | None


def _parse_one(task: _FileTask) -> Parsed:
    path, records, directory, number, vocabulary = task
    output = os.path.join(directory, f"{number}.jsonl") if records else None
    diagnostics = os.path.join(directory, f"{number}.txt")
    counts = collections.Counter[Severity]()
    try:
        with contextlib.ExitStack() as files:
            err = files.enter_context(open(diagnostics, "w", encoding="utf-8"))
            lines = (
                JsonLines(files.enter_context(open(output, "wb"))) if output is not None else None
            )

            from .._rows import to_json  # noqa: PLC0415 - `parse` runs without the JSON shapes

            # One JSON object a line: the parent prints them as if it had found them.
            def report(found: list[Diagnostic]) -> None:
                for diagnostic in found:
                    err.write(stdlib_line(to_json(diagnostic)).decode("utf-8") + "\n")
                    counts[diagnostic.severity] += 1

            def dropped(name: str, codes: collections.Counter[tuple[str, Severity]]) -> None:
                listed = [[code, severity.value, n] for (code, severity), n in codes.items()]
                err.write(json.dumps({"dropped": name, "codes": listed}) + "\n")
                for (_, severity), count in codes.items():
                    counts[severity] += count

            for record in stream_records(path, path, vocabulary, report, dropped):
                if lines is not None:
                    lines.write(record_row(record))
            if lines is not None:
                lines.flush()
    except OSError as error:
        return Parsed(name=path, unreadable=error)
    return Parsed(
        name=path,
        output=output,
        diagnostics=diagnostics,
        errors=counts[Severity.ERROR],
        warnings=counts[Severity.WARNING],
    )


def _parse_dump(
    task: tuple[str, date | None, Vocabulary | None],
) -> Dump | OSError | MemoryError:
    path, captured, vocabulary = task
    try:
        return parse_file(path, captured=captured, vocabulary=vocabulary)
    except (OSError, MemoryError) as error:
        return error
