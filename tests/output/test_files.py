"""Output files: atomic replacement, devices and links, modes, signals and full disks.

Most of these run the command in a real process, since what they guard against (a signal,
a size limit, a descriptor path) only exists there.
"""

from __future__ import annotations

import io
import os
import resource
import signal
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from conftest import SEEDS
from faqparse._cli.main import main
from faqparse._output import files as _files

COMMAND = [sys.executable, "-m", "faqparse"]
SEED = str(SEEDS[0])


def leftovers(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.startswith(".faqparse-"))


def expected_output() -> bytes:
    result = subprocess.run([*COMMAND, "parse", SEED], capture_output=True, check=True)
    return result.stdout


def _null_device(tmp_path: Path) -> Path:
    """A null device of our own: had a run replaced it, the system's would be safe still."""
    device = tmp_path / "null"
    try:
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("creating a device node needs root")
    return device


def _still_the_device(device: Path, before: os.stat_result) -> bool:
    after = os.stat(device)
    return (
        stat.S_ISCHR(after.st_mode)
        and after.st_ino == before.st_ino
        and after.st_rdev == os.makedev(1, 3)
    )


def test_a_device_node_is_written_to_not_replaced(tmp_path: Path) -> None:
    device = _null_device(tmp_path)
    before = os.stat(device)
    assert main(["parse", SEED, "-o", str(device)]) == 0
    assert _still_the_device(device, before)
    assert leftovers(tmp_path) == []


def test_a_fifo_receives_the_output_and_stays_a_fifo(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    assert main(["parse", SEED, "-o", str(fifo)]) == 0
    reader.join(timeout=10)  # a fifo replaced by a file leaves the reader waiting for ever
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert received == [expected_output()]
    assert leftovers(tmp_path) == []


def test_a_descriptor_path_onto_a_redirected_file_writes_into_that_file(tmp_path: Path) -> None:
    """`-o /dev/stdout` with stdout redirected to a file: that file gets the records
    (appended after what it held), not a new file renamed over it.

    The link is our own (to `/proc/self/fd/1`, like `/dev/stdout`), so that a regression
    replaces a file of the test, never the system's `/dev/stdout`.
    """
    out = tmp_path / "out.jsonl"
    out.write_bytes(b"before\n")
    inode = out.stat().st_ino
    stdout_link = tmp_path / "stdout"
    stdout_link.symlink_to("/proc/self/fd/1")
    with out.open("ab") as stdout:
        command = [*COMMAND, "parse", SEED, "-o", str(stdout_link)]
        subprocess.run(command, stdout=stdout, check=True)
    assert out.stat().st_ino == inode and stdout_link.is_symlink()
    assert out.read_bytes() == b"before\n" + expected_output()
    assert leftovers(tmp_path) == []


def test_a_symlink_is_written_through_to_its_target(tmp_path: Path) -> None:
    target = tmp_path / "data" / "records.jsonl"
    target.parent.mkdir()
    target.write_text("old\n")
    link = tmp_path / "latest.jsonl"
    link.symlink_to(Path("data") / "records.jsonl")
    assert main(["parse", SEED, "-o", str(link)]) == 0
    assert link.is_symlink() and os.readlink(link) == str(Path("data") / "records.jsonl")
    assert target.read_bytes() == expected_output()
    assert leftovers(tmp_path) == leftovers(target.parent) == []


def test_a_dangling_symlink_creates_its_target(tmp_path: Path) -> None:
    link = tmp_path / "latest.jsonl"
    link.symlink_to("made.jsonl")
    assert main(["parse", SEED, "-o", str(link)]) == 0
    assert link.is_symlink() and (tmp_path / "made.jsonl").read_bytes() == expected_output()


def test_the_replacement_is_a_rename_a_reader_keeps_the_old_file(tmp_path: Path) -> None:
    """A copy over the old file (or a truncating write) would change what the reader sees."""
    target = tmp_path / "out.jsonl"
    target.write_text("old\n")
    twin = tmp_path / "twin.jsonl"
    os.link(target, twin)  # a second name for the old file
    old_inode = target.stat().st_ino
    with target.open("rb") as reader:
        assert main(["parse", SEED, "-o", str(target)]) == 0
        assert reader.read() == b"old\n"
    assert target.stat().st_ino != old_inode
    assert twin.read_text() == "old\n" and target.read_bytes() == expected_output()


def test_an_existing_file_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    target.write_text("old\n")
    target.chmod(0o640)
    assert main(["parse", SEED, "-o", str(target)]) == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_a_new_file_follows_the_umask(tmp_path: Path, umask: int, mode: int) -> None:
    target = tmp_path / "out.jsonl"
    old = os.umask(umask)
    try:
        assert main(["parse", SEED, "-o", str(target)]) == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE(target.stat().st_mode) == mode


def _writing_run(target: Path) -> subprocess.Popen[str]:
    """A run parsing standard input into ``target``, once its temporary file exists: its
    input stays open, so it waits for more, its output half written."""
    process = subprocess.Popen(
        [*COMMAND, "parse", "-", "-o", str(target)],
        stdin=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert process.stdin is not None
    process.stdin.write(Path(SEED).read_text(encoding="utf-8"))
    process.stdin.flush()
    deadline = time.monotonic() + 30
    while not leftovers(target.parent) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert leftovers(target.parent), "the run never started writing"
    return process


@pytest.mark.parametrize(
    ("signum", "status"),
    [(signal.SIGTERM, 128 + signal.SIGTERM), (signal.SIGHUP, 128 + signal.SIGHUP),
     (signal.SIGINT, 130)],
)  # fmt: skip
def test_a_killed_run_leaves_no_temporary_file_and_the_old_output(
    tmp_path: Path, signum: int, status: int
) -> None:
    target = tmp_path / "out.jsonl"
    target.write_text("old\n")
    process = _writing_run(target)
    time.sleep(0.2)  # well inside the parse of standard input
    process.send_signal(signum)
    _, err = process.communicate(timeout=30)
    assert process.returncode == status
    assert leftovers(tmp_path) == []
    assert target.read_text() == "old\n"
    name = signal.Signals(signum).name
    said = "interrupted" if signum == signal.SIGINT else f"stopped by {name}"
    assert err == f"faqparse: {said}; {target} was left as it was\n"


def _limit_file_size() -> None:
    resource.setrlimit(resource.RLIMIT_FSIZE, (2000, 2000))


@pytest.mark.parametrize("existed", [True, False])
def test_a_full_disk_names_the_users_path_and_keeps_the_old_file(
    tmp_path: Path, existed: bool
) -> None:
    target = tmp_path / "out.jsonl"
    if existed:
        target.write_text("old\n")
    result = subprocess.run(
        [*COMMAND, "parse", SEED, "-o", str(target)],
        capture_output=True, text=True, check=False, preexec_fn=_limit_file_size,
    )  # fmt: skip
    fate = "the old file was kept" if existed else "nothing was written"
    assert result.returncode == 2
    assert result.stderr == f"faqparse: cannot write {target}: File too large; {fate}\n"
    assert leftovers(tmp_path) == []
    assert target.read_text() == "old\n" if existed else not target.exists()


def test_a_missing_directory_names_the_users_path(tmp_path: Path) -> None:
    target = tmp_path / "missing" / "out.jsonl"
    err = io.StringIO()
    assert main(["parse", SEED, "-o", str(target)], stderr=err) == 2
    expected = f"faqparse: cannot write {target}: No such file or directory; nothing was written\n"
    assert err.getvalue() == expected


def test_catalog_commands_write_through_a_symlinked_output(tmp_path: Path) -> None:
    catalog = tmp_path / "catalog.sqlite"
    quiet = {"stdout": io.StringIO(), "stderr": io.StringIO()}
    assert main(["merge", *map(str, SEEDS), "--into", str(catalog)], **quiet) == 0
    target = tmp_path / "out" / "articles.jsonl"
    target.parent.mkdir()
    link = tmp_path / "articles.jsonl"
    link.symlink_to(target)
    for command in (["export", str(catalog)], ["changes", str(catalog), "--since", "2000-01-01"]):
        target.write_text("old\n")
        out = io.StringIO()
        assert main(command, stdout=out) == 0
        assert main([*command, "-o", str(link)]) == 0
        assert link.is_symlink() and target.read_text(encoding="utf-8") == out.getvalue()
        assert len(out.getvalue().splitlines()) == 28
    assert leftovers(tmp_path) == leftovers(target.parent) == []


def test_catalog_commands_write_into_a_device_node(tmp_path: Path) -> None:
    """`export -o` and `merge --into ... -o` onto a null device of our own: written, kept."""
    catalog = tmp_path / "catalog.sqlite"
    device = _null_device(tmp_path)
    before = os.stat(device)
    merge = ["merge", *map(str, SEEDS), "--into", str(catalog), "-o", str(device)]
    assert main(merge, stderr=io.StringIO()) == 0
    assert main(["export", str(catalog), "-o", str(device), "--format", "csv"]) == 0
    assert _still_the_device(device, before)
    assert leftovers(tmp_path) == []


def test_an_export_that_cannot_be_written_names_the_users_path(tmp_path: Path) -> None:
    catalog = tmp_path / "catalog.sqlite"
    assert main(["merge", SEED, "--into", str(catalog)], stderr=io.StringIO()) == 0
    target = tmp_path / "missing" / "articles.jsonl"
    err = io.StringIO()
    assert main(["export", str(catalog), "-o", str(target)], stderr=err) == 2
    expected = f"faqparse: cannot write {target}: No such file or directory; nothing was written\n"
    assert err.getvalue() == expected


def _dead_pid() -> int:
    """The process id of a process that has ended (and been reaped)."""
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_a_run_removes_what_a_run_killed_outright_left_behind(tmp_path: Path) -> None:
    """SIGKILL cannot be caught: the next run into the directory cleans up after it."""
    target = tmp_path / "out.jsonl"
    target.write_text("old\n")
    process = _writing_run(target)
    (abandoned,) = leftovers(tmp_path)
    assert f"-{process.pid}-" in abandoned
    process.kill()
    process.communicate(timeout=30)
    assert leftovers(tmp_path) == [abandoned] and target.read_text() == "old\n"
    assert main(["parse", SEED, "-o", str(tmp_path / "other.jsonl")]) == 0
    assert leftovers(tmp_path) == []
    assert target.read_text() == "old\n"


def test_only_abandoned_temporary_files_of_this_host_are_removed(tmp_path: Path) -> None:
    host = _files._host()
    dead, alive = _dead_pid(), os.getppid()
    names = {
        "dead": f".faqparse-{host}-{dead}-x1.tmp",
        "ours": f".faqparse-{host}-{os.getpid()}-x2.tmp",  # this process may be writing it
        "running": f".faqparse-{host}-{alive}-x3.tmp",
        "other host": f".faqparse-{host}x-{dead}-x4.tmp",  # a shared directory: not ours
        "no pid": ".faqparse-x5.tmp",  # an older version's name: whose, nobody can say
        "huge pid": f".faqparse-{host}-{10**30}-x6.tmp",
        "not a temporary": f".faqparse-{host}-{dead}-notes.txt",
    }
    for name in names.values():
        (tmp_path / name).write_text("partial")
    assert _files.remove_abandoned(str(tmp_path)) == [names["dead"]]
    assert sorted(leftovers(tmp_path)) == sorted(v for k, v in names.items() if k != "dead")


def test_cleaning_up_an_unreadable_directory_is_quiet(tmp_path: Path) -> None:
    assert _files.remove_abandoned(str(tmp_path / "missing")) == []


def _catalog_of(tmp_path: Path) -> Path:
    catalog = tmp_path / "catalog.sqlite"
    assert main(["merge", *map(str, SEEDS), "--into", str(catalog)], stderr=io.StringIO()) == 0
    return catalog


def _same_file_cases(tmp_path: Path) -> list[tuple[list[str], Path, str]]:
    """(arguments, the file -o names, what the message calls it) for each way of naming a
    file the run reads as its output."""
    dump = tmp_path / "a.txt"
    other = tmp_path / "b.txt"
    dump.write_bytes(Path(SEEDS[0]).read_bytes())
    other.write_bytes(Path(SEEDS[1]).read_bytes())
    link = tmp_path / "link.txt"
    link.symlink_to(dump)
    hard = tmp_path / "hard.txt"
    os.link(dump, hard)
    catalog = _catalog_of(tmp_path)
    return [
        (["parse", str(dump), "-o", str(dump)], dump, f"the input {dump}"),
        (["parse", str(dump), "-o", str(link)], dump, f"the input {dump}"),
        (["parse", str(link), "-o", str(hard)], dump, f"the input {link}"),
        (["merge", str(dump), str(other), "-o", str(other)], other, f"the input {other}"),
        (["merge", str(dump), "--into", str(catalog), "-o", str(catalog)], catalog,
         f"the catalog {catalog}"),
        (["export", str(catalog), "-o", str(catalog)], catalog, f"the catalog {catalog}"),
        (["changes", str(catalog), "--since", "2000-01-01", "-o", str(catalog)], catalog,
         f"the catalog {catalog}"),
    ]  # fmt: skip


def test_an_output_that_is_an_input_or_the_catalog_is_refused_and_nothing_changes(
    tmp_path: Path,
) -> None:
    for argv, victim, what in _same_file_cases(tmp_path):
        before = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}
        err = io.StringIO()
        assert main(argv, stdout=io.StringIO(), stderr=err) == 2, argv
        assert err.getvalue() == (
            f"faqparse: -o {argv[-1]} is {what} (the same file): writing it would destroy it;"
            " nothing was changed, write the output elsewhere\n"
        )
        after = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}
        assert after == before, f"{victim} changed by {argv}"
        assert leftovers(tmp_path) == []


def test_an_output_is_refused_before_any_input_is_read(tmp_path: Path) -> None:
    """A fifo as the first input would block a run that read it: the refusal comes first."""
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    dump = tmp_path / "a.txt"
    dump.write_bytes(Path(SEED).read_bytes())
    result = subprocess.run(
        [*COMMAND, "parse", str(fifo), str(dump), "-o", str(dump)],
        capture_output=True, text=True, timeout=30, check=False,
    )  # fmt: skip
    assert result.returncode == 2
    assert result.stderr.startswith(f"faqparse: -o {dump} is the input {dump} (the same file)")
    assert dump.read_bytes() == Path(SEED).read_bytes()


def test_an_output_beside_its_inputs_is_still_written(tmp_path: Path) -> None:
    """A copy of an input is another file: only the same file is refused."""
    dump = tmp_path / "a.txt"
    copy = tmp_path / "copy.txt"
    dump.write_bytes(Path(SEED).read_bytes())
    copy.write_bytes(Path(SEED).read_bytes())
    assert main(["parse", str(dump), "-o", str(copy)], stderr=io.StringIO()) == 0
    assert copy.read_bytes() != dump.read_bytes()


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("fmt", ["jsonl", "csv", "table", "json"])
def test_a_full_standard_output_is_named_and_status_2(fmt: str) -> None:
    """`> /dev/full`: the error says standard output, not an empty file name."""
    with open("/dev/full", "wb") as full:
        result = subprocess.run(
            [*COMMAND, "parse", "--samples", "--format", fmt],
            stdout=full, stderr=subprocess.PIPE, text=True, timeout=60, check=False,
        )  # fmt: skip
    assert result.returncode == 2
    assert result.stderr == (
        "faqparse: cannot write standard output: No space left on device;"
        " the output is incomplete\n"
    )


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_device_as_output_is_named() -> None:
    result = subprocess.run(
        [*COMMAND, "parse", SEED, "-o", "/dev/full"],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode == 2
    assert result.stderr == (
        "faqparse: cannot write /dev/full: No space left on device; nothing was written\n"
    )


@pytest.mark.parametrize("mode", [0o444, 0o400, 0o044])
def test_a_read_only_output_is_refused_without_force(tmp_path: Path, mode: int) -> None:
    """Renaming over a file needs no write permission on it: read-only must be asked about."""
    target = tmp_path / "out.jsonl"
    target.write_text("kept\n")
    target.chmod(mode)
    err = io.StringIO()
    assert main(["parse", SEED, "-o", str(target)], stderr=err) == 2
    assert err.getvalue() == (
        f"faqparse: -o {target} is read-only (mode {mode:04o}): nothing was changed; make it"
        " writable (chmod u+w) or give --force to replace it\n"
    )
    assert target.read_text() == "kept\n" and stat.S_IMODE(target.stat().st_mode) == mode
    assert leftovers(tmp_path) == []
    assert main(["parse", SEED, "-o", str(target), "--force"]) == 0
    assert target.read_text() != "kept\n" and stat.S_IMODE(target.stat().st_mode) == mode


def test_catalog_commands_refuse_a_read_only_output_too(tmp_path: Path) -> None:
    catalog = _catalog_of(tmp_path)
    target = tmp_path / "articles.jsonl"
    target.write_text("kept\n")
    target.chmod(0o444)
    for command in (["export", str(catalog)], ["changes", str(catalog), "--since", "2000-01-01"]):
        err = io.StringIO()
        assert main([*command, "-o", str(target)], stderr=err) == 2
        assert "is read-only (mode 0444): nothing was changed" in err.getvalue()
        assert target.read_text() == "kept\n"
    assert main(["export", str(catalog), "-o", str(target), "--force"]) == 0
    assert len(target.read_text().splitlines()) == 28


def test_an_output_with_hard_links_gets_a_new_file_and_the_links_keep_the_old(
    tmp_path: Path,
) -> None:
    """As documented: replacing is renaming, so another hard link keeps the old content."""
    target = tmp_path / "out.jsonl"
    target.write_text("old\n")
    other = tmp_path / "other-name.jsonl"
    os.link(target, other)
    assert main(["parse", SEED, "-o", str(target)]) == 0
    assert other.read_text() == "old\n" and target.read_text() != "old\n"
    assert target.stat().st_nlink == 1
