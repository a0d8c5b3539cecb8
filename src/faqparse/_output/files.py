"""Output files that appear whole or not at all, and never harm what the user pointed at.

A regular file (or a missing one) is written to a temporary file beside it, then renamed over
it with `os.replace`: a reader sees the old file or the new one, never half of one. The path
is resolved first, so a symbolic link stays a link and its target gets the new content. A
device, a pipe or a descriptor path (``/dev/null``, ``/dev/stdout``) cannot be replaced and is
written to directly. The temporary file is removed when the run fails or is stopped by a
signal that can be caught (SIGINT, SIGTERM, SIGHUP); errors name the user's path and say that
the old file was kept.

A run killed outright (SIGKILL, the kernel's out-of-memory killer, a power cut) cannot clean
up. Its temporary file's name carries the host and the process id that made it, so the next
run that writes into the same directory removes it once that process is gone. A file whose
process still runs, or that was made on another host (a shared directory), is left alone.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import signal
import socket
import stat
import tempfile
import threading
from collections.abc import Iterable, Iterator
from types import FrameType
from typing import TYPE_CHECKING, BinaryIO, Final

if TYPE_CHECKING:
    from typing_extensions import Buffer

__all__ = [
    "OutputError", "Stopped", "remove_abandoned", "replaced_file", "same_file", "signals_stop",
    "temporary_prefix",
]  # fmt: skip

STOP_SIGNALS: Final = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)
)
"""Signals turned into `Stopped` while a temporary file exists (SIGINT is KeyboardInterrupt)."""

_DESCRIPTOR_DIRECTORIES: Final = ("/proc/", "/dev/fd")
_PREFIX: Final = ".faqparse-"


class OutputError(OSError):
    """Writing an output file failed; the message names the user's path, not a temporary one."""


class Stopped(BaseException):
    """A signal asked the run to stop; raised so that temporary files are removed on the way."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum

    @property
    def name(self) -> str:
        return signal.Signals(self.signum).name


@contextlib.contextmanager
def replaced_file(path: str | os.PathLike[str]) -> Iterator[BinaryIO]:
    """A binary file whose content replaces ``path``'s at the end of the block, atomically."""
    shown = os.fspath(path)
    if _writes_in_place(shown):
        # Appending: a device ignores it, and a file the shell redirected (`>>` too) keeps
        # what it held, as when the command writes to its own standard output.
        with _named_errors(shown, kept=False):
            raw = io.FileIO(shown, "a")
        with _NamedWriter(raw, shown, kept=False) as file:
            yield file
        return
    target = os.path.realpath(shown)  # a symbolic link: its target gets the new content
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
        existed = True
    except FileNotFoundError:
        mode, existed = 0o666 & ~_umask(), False
    directory = os.path.dirname(target)
    remove_abandoned(directory)
    temporary: str | None = None
    # The handlers come first: a signal between creating the temporary file and guarding it
    # would end the process with the file left behind.
    try:
        with signals_stop():
            with _named_errors(shown, kept=existed):
                handle, temporary = tempfile.mkstemp(
                    prefix=temporary_prefix(), suffix=".tmp", dir=directory
                )
            with _NamedWriter(io.FileIO(handle, "w"), shown, kept=existed) as file:
                yield file
                file.flush()
                with _named_errors(shown, kept=existed):
                    os.fsync(file.fileno())
            with _named_errors(shown, kept=existed):
                os.chmod(temporary, mode)
                os.replace(temporary, target)
    except BaseException:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
        raise


def same_file(output: str, inputs: Iterable[str]) -> str | None:
    """The first of ``inputs`` that is the regular file ``output`` names, by device and inode
    (so also through a symbolic or a hard link); None when there is none.

    Replacing it would destroy what the run reads, so a caller refuses such an output before
    reading anything. A device (``/dev/null``) may be read and written at once, harmlessly.
    """
    try:
        target = os.stat(output)
    except OSError:
        return None  # missing, or unreachable: writing it will say why
    if not stat.S_ISREG(target.st_mode):
        return None
    for path in inputs:
        try:
            found = os.stat(path)
        except OSError:
            continue  # the run will say it cannot read it
        if (found.st_dev, found.st_ino) == (target.st_dev, target.st_ino):
            return path
    return None


def temporary_prefix(prefix: str = _PREFIX) -> str:
    """The start of the name of a temporary file or folder this process makes: ``prefix``,
    the host and the process id, so that `remove_abandoned` can tell when it was abandoned."""
    return f"{prefix}{_host()}-{os.getpid()}-"


def remove_abandoned(directory: str, prefix: str = _PREFIX, suffix: str = ".tmp") -> list[str]:
    """Remove the temporary files (or folders) named by `temporary_prefix` of runs on this
    host that were killed outright; returns their names. Best effort: an entry that cannot
    be listed or removed stays."""
    removed: list[str] = []
    host = _host()
    named = re.compile(
        re.escape(prefix) + r"(?P<host>[^/]*)-(?P<pid>[0-9]+)-[^/]*" + re.escape(suffix)
    )
    try:
        names = [name for name in os.listdir(directory or ".") if name.startswith(prefix)]
    except OSError:
        return removed
    for name in names:
        found = named.fullmatch(name)
        if found is None or found["host"] != host or _alive(int(found["pid"])):
            continue
        path = os.path.join(directory, name)
        with contextlib.suppress(OSError):
            if os.path.isdir(path) and not os.path.islink(path):
                shutil.rmtree(path)
            else:
                os.unlink(path)
            removed.append(name)
    return removed


def _host() -> str:
    """This host's name as it can stand in a file name (no ``/``, no ``-`` to split on)."""
    return re.sub(r"[^A-Za-z0-9.]", "_", socket.gethostname()) or "host"


def _alive(pid: int) -> bool:
    """Whether process ``pid`` may still be writing; when in doubt, yes."""
    if pid == os.getpid() or os.name != "posix":
        return True  # on Windows, os.kill(pid, 0) is not a probe: it sends CTRL_C_EVENT
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (OSError, OverflowError):
        return True  # there but another user's (EPERM), or no pid at all: not ours to judge
    return True


class _NamedWriter(io.BufferedWriter):
    """A buffered file whose write errors name the user's path (not a temporary file's)."""

    def __init__(self, raw: io.FileIO, shown: str, *, kept: bool) -> None:
        super().__init__(raw, buffer_size=1 << 16)
        self._shown, self._kept = shown, kept

    def write(self, data: Buffer, /) -> int:
        with _named_errors(self._shown, kept=self._kept):
            return super().write(data)

    def flush(self) -> None:
        with _named_errors(self._shown, kept=self._kept):
            super().flush()

    def close(self) -> None:
        with _named_errors(self._shown, kept=self._kept):
            super().close()


def _writes_in_place(path: str) -> bool:
    """Whether ``path`` is something other than a regular file, which renaming would destroy."""
    try:
        found = os.stat(path)
    except OSError:
        return False  # missing (or unreachable: creating the temporary file will say why)
    if not stat.S_ISREG(found.st_mode):
        return True
    # /dev/stdout or /dev/fd/1 naming a redirected regular file is the caller's descriptor:
    # the file the shell opened must receive the output, not a new file renamed over it.
    hop = os.path.abspath(path)
    for _ in range(40):
        directory = os.path.realpath(os.path.dirname(hop))
        if f"{directory}/".startswith(_DESCRIPTOR_DIRECTORIES):
            return True
        try:
            link = os.readlink(hop)
        except OSError:
            return False
        hop = os.path.join(os.path.dirname(hop), link)
    return False


@contextlib.contextmanager
def _named_errors(path: str, *, kept: bool) -> Iterator[None]:
    """Turn an OSError into one that names ``path`` and says what became of the old file."""
    try:
        yield
    except OutputError:
        raise
    except OSError as error:
        what = error.strerror or str(error)
        fate = "the old file was kept" if kept else "nothing was written"
        raise OutputError(error.errno, f"cannot write {path}: {what}; {fate}") from None


@contextlib.contextmanager
def signals_stop() -> Iterator[None]:
    """While the block runs, SIGTERM and SIGHUP raise `Stopped` instead of ending the process."""
    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread may set handlers; its own handlers still apply
        return

    def stop(signum: int, frame: FrameType | None) -> None:
        raise Stopped(signum)

    previous = {}
    for signum in STOP_SIGNALS:
        handler = signal.getsignal(signum)
        if handler is signal.SIG_IGN:
            continue  # started under nohup: stay deaf to it
        previous[signum] = handler
        signal.signal(signum, stop)
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
