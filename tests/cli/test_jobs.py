"""`-j N`: worker processes give the bytes and the order of a run in one process."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Generator
from pathlib import Path
from typing import cast

import pytest

from conftest import SEEDS
from faqparse import parse_file
from faqparse._cli import jobs as _jobs
from faqparse._cli.main import main
from faqparse._output import files as _files
from faqparse.testing import render

BROKEN = "A title\nA snippet.Published on 31 Foo 2023\nB\nB.Published on 5 Sept 2023130x"


@pytest.fixture
def inputs(tmp_path: Path) -> list[str]:
    """Seeds, a file with an error and warnings, a missing file, and a glued one-line dump."""
    broken = tmp_path / "broken.txt"
    broken.write_text(BROKEN, encoding="utf-8")
    glued = tmp_path / "glued.txt"
    glued.write_bytes(b"A snippet.Published on 5 Sept 2023Updated on 29 May 202611,580" * 3000)
    return [str(SEEDS[0]), str(broken), str(tmp_path / "missing.txt"), str(glued), str(SEEDS[1])]


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(list(argv), stdout=out, stderr=err)
    return status, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("command", [["parse"], ["check"], ["check", "--strict"], ["merge"]])
def test_two_workers_give_what_one_process_gives(inputs: list[str], command: list[str]) -> None:
    files = [path for path in inputs if "missing" not in path] if command == ["merge"] else inputs
    one = run(*command, "-j", "1", *files)
    two = run(*command, "-j", "2", *files)
    assert one == two
    assert one[0] == (1 if command == ["merge"] else 2)  # the bad date (and the missing file)
    assert one[2].count(": bad-date: ") == 1 and one[2].count(": missing-snippet: ") >= 3000


def test_output_files_are_byte_identical(inputs: list[str], tmp_path: Path) -> None:
    outputs = []
    for jobs in ("1", "3"):
        out = tmp_path / f"out-{jobs}.jsonl"
        assert main(["parse", "-j", jobs, *inputs, "-o", str(out)], stderr=io.StringIO()) == 2
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1] and outputs[0].count(b"\n") == 15 + 1 + 3000 + 15


def test_diagnostics_and_errors_keep_the_input_order(inputs: list[str]) -> None:
    _, _, err = run("check", "-j", "2", *inputs)
    order = [line.split(":")[0] for line in err.splitlines()]
    firsts = list(dict.fromkeys("missing" if "missing" in name else name for name in order))
    assert firsts == [inputs[1], "faqparse", inputs[3]]  # broken, the missing file, glued
    assert "faqparse: cannot read" in err.splitlines()[2]


def test_in_a_real_process_the_bytes_are_the_same(inputs: list[str], tmp_path: Path) -> None:
    results = []
    for jobs in ("1", "2"):
        out = tmp_path / f"{jobs}.jsonl"
        result = subprocess.run(
            [sys.executable, "-m", "faqparse", "parse", "-j", jobs, *inputs, "-o", str(out)],
            capture_output=True,
            check=False,
            env={**os.environ, "PYTHONWARNINGS": "error"},
        )
        results.append((result.returncode, result.stderr, out.read_bytes()))
    assert results[0] == results[1]


def test_formats_other_than_json_lines_stay_in_one_process(inputs: list[str]) -> None:
    files = [path for path in inputs if "missing" not in path]
    assert run("parse", "--format", "csv", "-j", "2", *files) == run(
        "parse", "--format", "csv", "-j", "1", *files
    )


def test_the_default_is_one_process_for_little_input(inputs: list[str]) -> None:
    files = [path for path in inputs if "missing" not in path]
    assert _jobs.default_jobs(files) == 1
    assert _jobs.default_jobs(files[:1]) == 1


def test_the_default_uses_the_cores_for_much_input(
    inputs: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_jobs, "PARALLEL_BYTES", 0)
    files = [path for path in inputs if "missing" not in path]
    assert _jobs.default_jobs(files) == min(len(files), len(os.sched_getaffinity(0)))
    assert _jobs.default_jobs([*files, "-"]) == 1  # standard input stays here


@pytest.mark.parametrize("value", ["0", "-2", "two"])
def test_a_bad_number_of_jobs_is_a_usage_error(value: str) -> None:
    status, _, err = run("parse", "-j", value, str(SEEDS[0]))
    assert status == 2 and "not a number of processes" in err and err.count("\n") == 1


def test_many_more_files_than_workers(tmp_path: Path) -> None:
    paths = []
    for number in range(12):
        path = tmp_path / f"dump-{number:02}.txt"
        records = parse_file(SEEDS[number % 2]).records[: number + 1]
        path.write_text(render(records), encoding="utf-8")
        paths.append(str(path))
    assert run("parse", "-j", "2", *paths) == run("parse", "-j", "1", *paths)


def test_a_stopped_run_ends_its_workers_and_leaves_no_files(tmp_path: Path) -> None:
    """A worker waits on a pipe nobody writes to; SIGTERM still ends the run at once."""
    stuck = tmp_path / "stuck.txt"
    os.mkfifo(stuck)
    work = tmp_path / "work"
    work.mkdir()
    target = work / "out.jsonl"
    target.write_text("old\n")
    process = subprocess.Popen(
        [sys.executable, "-m", "faqparse", "parse", "-j", "2", str(SEEDS[0]), str(stuck),
         str(SEEDS[1]), "-o", str(target)],
        stderr=subprocess.PIPE, text=True, env={**os.environ, "TMPDIR": str(work)},
    )  # fmt: skip
    deadline = time.monotonic() + 30
    while len(list(work.iterdir())) < 3 and time.monotonic() < deadline:
        time.sleep(0.02)  # the output's temporary file and the workers' directory
    time.sleep(0.3)
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=30)
    assert process.returncode == 128 + signal.SIGTERM
    assert err == f"faqparse: stopped by SIGTERM; {target} was left as it was\n"
    assert [p.name for p in work.iterdir()] == ["out.jsonl"]
    assert target.read_text() == "old\n"


def exit_abruptly(task: object) -> None:
    os._exit(9)  # as the kernel's out-of-memory killer would leave it


def test_a_worker_that_dies_is_a_one_line_error(
    inputs: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_jobs, "_parse_one", exit_abruptly)
    status, _, err = run("parse", "-j", "2", *inputs)
    assert status == 2
    assert err.splitlines()[-1] == "faqparse: a worker process died (killed, or out of memory?)"


def test_a_stopped_run_to_stdout_leaves_no_worker_files(tmp_path: Path) -> None:
    stuck = tmp_path / "stuck.txt"
    os.mkfifo(stuck)
    work = tmp_path / "work"
    work.mkdir()
    process = subprocess.Popen(
        [sys.executable, "-m", "faqparse", "check", "-j", "2", str(SEEDS[0]), str(stuck)],
        stderr=subprocess.PIPE, text=True, env={**os.environ, "TMPDIR": str(work)},
    )  # fmt: skip
    deadline = time.monotonic() + 30
    while not list(work.iterdir()) and time.monotonic() < deadline:
        time.sleep(0.02)
    time.sleep(0.3)
    process.send_signal(signal.SIGHUP)
    _, err = process.communicate(timeout=30)
    assert process.returncode == 128 + signal.SIGHUP
    assert err == "faqparse: stopped by SIGHUP\n"
    assert list(work.iterdir()) == []


NORWEGIAN = "Hva er en gave?\nEn gave.Publisert 16. aug. 2023Oppdatert 4. mars 20264 225\n"


@pytest.mark.parametrize("command", ["parse", "merge"])
def test_workers_read_in_the_locale_given(tmp_path: Path, command: str) -> None:
    """Without --locale each file's locale is detected; with it, the workers use it too."""
    files = []
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(NORWEGIAN, encoding="utf-8")
        files.append(str(tmp_path / name))
    detected = run(command, "-j", "2", *files)
    assert detected == run(command, "-j", "1", *files)
    assert detected[0] == 0 and len(detected[1].splitlines()) == (2 if command == "parse" else 1)
    assert '"published":"2023-08-16"' in detected[1]
    english = run(command, "-j", "2", "--locale", "en", *files)
    assert english == run(command, "-j", "1", "--locale", "en", *files)
    assert english[0] == 1 and english[1] == ""
    assert english[2].count(": no-records: ") == 2
    assert run(command, "-j", "2", "--locale", "nb", *files) == detected


def _children(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def _running(pid: int) -> bool:
    """Whether ``pid`` exists and is not a zombie waiting for a parent to reap it."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_workers_die_with_a_parent_killed_outright_and_the_next_run_cleans_up(
    tmp_path: Path,
) -> None:
    """SIGKILL cannot be caught: the workers of the killed run end anyway (one of them is
    stuck opening a fifo), and its workers' folder is removed by the next `-j` run."""
    stuck = tmp_path / "stuck.txt"
    os.mkfifo(stuck)
    work = tmp_path / "work"
    work.mkdir()
    environment = {**os.environ, "TMPDIR": str(work)}
    process = subprocess.Popen(
        [sys.executable, "-m", "faqparse", "check", "-j", "2", str(SEEDS[0]), str(stuck),
         str(SEEDS[1])],
        stderr=subprocess.DEVNULL, env=environment,
    )  # fmt: skip
    workers: list[int] = []
    try:
        deadline = time.monotonic() + 30
        while len(workers) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
            workers = _children(process.pid)
        assert len(workers) == 2, "the workers never started"
        time.sleep(0.3)  # the fifo's worker is now waiting to open it
        process.kill()
        process.wait(timeout=30)
        deadline = time.monotonic() + 20
        while any(map(_running, workers)) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not any(map(_running, workers)), "workers outlived their parent"
    finally:
        for pid in workers:
            if _running(pid):
                os.kill(pid, signal.SIGKILL)
    (abandoned,) = [p.name for p in work.iterdir()]
    assert abandoned.startswith("faqparse-jobs-") and f"-{process.pid}-" in abandoned
    files = [str(SEEDS[0]), str(SEEDS[1])]
    again = subprocess.run(
        [sys.executable, "-m", "faqparse", "check", "-j", "2", *files],
        capture_output=True, text=True, env=environment, timeout=60, check=False,
    )  # fmt: skip
    assert again.returncode == 0, again.stderr
    assert list(work.iterdir()) == []


def test_a_jobs_folder_of_a_run_still_going_is_left_alone(tmp_path: Path) -> None:
    """Another run's workers' folder, whose process still runs (here, this test's parent),
    stays: only a folder whose process has ended is abandoned."""
    alive = tmp_path / f"faqparse-jobs-{_files._host()}-{os.getppid()}-x1"
    alive.mkdir()
    (alive / "0.txt").write_text("being written")
    status = subprocess.run(
        [sys.executable, "-m", "faqparse", "check", "-j", "2", str(SEEDS[0]), str(SEEDS[1])],
        capture_output=True, env={**os.environ, "TMPDIR": str(tmp_path)}, timeout=60, check=False,
    ).returncode  # fmt: skip
    assert status == 0
    assert [p.name for p in tmp_path.iterdir()] == [alive.name]


def test_a_stopped_pool_has_no_thread_left_when_the_stop_goes_on() -> None:
    """Stopped, the pool's own thread is waited for: left running, it races the exit hook of
    concurrent.futures, which then prints a traceback after "stopped by SIGHUP"."""
    import concurrent.futures.process  # noqa: PLC0415

    results = cast("Generator[int, None, None]", _jobs._in_order(abs, [-1, -2, -3, -4], 2))
    assert next(results) == 1
    with pytest.raises(KeyboardInterrupt):
        results.throw(KeyboardInterrupt)
    managers = [
        thread
        for thread in threading.enumerate()
        if isinstance(thread, concurrent.futures.process._ExecutorManagerThread)
    ]
    assert managers == []
