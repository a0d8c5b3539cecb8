"""Inputs told by their bytes: compressed dumps read as the dump, other files named in words."""

from __future__ import annotations

import bz2
import gzip
import hashlib
import importlib
import io
import lzma
import sqlite3
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import attrs
import pytest

import faqparse
from faqparse._cli.main import main
from faqparse._read.inputs import (
    HEAD_BYTES,
    UnreadableInput,
    compression,
    not_a_dump,
    open_input,
    read_input,
)

SAMPLE = faqparse.sample_paths()[0]
RAW = SAMPLE.read_bytes()


def _zstd_compress(data: bytes) -> bytes:
    zstandard = pytest.importorskip("zstandard")
    compressed: bytes = zstandard.ZstdCompressor().compress(data)
    return compressed


COMPRESSORS: dict[str, Callable[[bytes], bytes]] = {
    "gzip": gzip.compress,
    "bzip2": bz2.compress,
    "xz": lzma.compress,
    "zstd": _zstd_compress,
}


@pytest.mark.parametrize("name", sorted(COMPRESSORS))
def test_a_compressed_dump_reads_as_the_dump(name: str, tmp_path: Path) -> None:
    packed = tmp_path / "dump.txt"  # the name says nothing: the bytes decide
    packed.write_bytes(COMPRESSORS[name](RAW))
    found = compression(packed.read_bytes()[:HEAD_BYTES])
    assert found is not None and found[0] == name
    assert read_input(packed) == RAW
    with open_input(packed) as file:
        assert file.read(100) == RAW[:100]
        assert file.read() == RAW[100:]


def test_a_plain_dump_is_opened_as_it_is(tmp_path: Path) -> None:
    assert compression(RAW[:HEAD_BYTES]) is None
    assert not_a_dump(RAW[:HEAD_BYTES]) is None
    assert read_input(SAMPLE) == RAW


@pytest.mark.parametrize("name", ["gzip", "bzip2", "xz"])
def test_compressed_data_cut_short_is_an_error_naming_the_file(name: str, tmp_path: Path) -> None:
    packed = tmp_path / "cut.txt.gz"
    whole = COMPRESSORS[name](RAW)
    packed.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(UnreadableInput, match=rf"cut\.txt\.gz: the {name} data is damaged"):
        read_input(packed)


def test_damaged_gzip_data_is_an_error_naming_the_file(tmp_path: Path) -> None:
    packed = tmp_path / "bad.gz"
    whole = bytearray(gzip.compress(RAW))
    whole[20:40] = b"\xff" * 20
    packed.write_bytes(bytes(whole))
    with pytest.raises(UnreadableInput, match=r"bad\.gz: the gzip data is damaged or cut short"):
        read_input(packed)


def test_zstd_without_its_library_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    packed = tmp_path / "dump.zst"
    packed.write_bytes(b"\x28\xb5\x2f\xfd" + b"\x00" * 20)
    real = importlib.import_module

    def without_zstandard(name: str, package: str | None = None) -> object:
        if name == "zstandard":
            raise ImportError(name)
        return real(name, package)

    monkeypatch.setattr(importlib, "import_module", without_zstandard)
    with pytest.raises(UnreadableInput, match=r"pip install zstandard"):
        read_input(packed)


def _sqlite(path: Path) -> bytes:
    with sqlite3.connect(path) as connection:
        connection.execute("create table t (x)")
    connection.close()
    return path.read_bytes()


def _zip(path: Path) -> bytes:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("dump.txt", RAW)
    return path.read_bytes()


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (_sqlite, "an SQLite database, not a dump"),
        (_zip, "a zip archive, not a dump"),
        (lambda _: b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "a PDF document"),
        (lambda _: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a PNG image"),
        (lambda _: b"\xff\xd8\xff\xe0\x00\x10JFIF", "a JPEG image"),
        (lambda _: b"GIF89a\x01\x00\x01\x00", "a GIF image"),
        (lambda _: b"<!DOCTYPE html>\n<html lang=en>", "an HTML page"),
        (lambda _: b"\xef\xbb\xbf  <!doctype HTML><html>", "an HTML page"),
        (lambda _: b"<!-- saved from url -->\n<html>\n<head><title>x", "an HTML page"),
        (lambda _: b'<?xml version="1.0"?>\n<html xmlns="x"><body>', "an HTML page"),
    ],
    ids=["sqlite", "zip", "pdf", "png", "jpeg", "gif", "doctype", "bom", "comment", "xhtml"],
)
def test_files_that_are_not_dumps_are_named(make: object, words: str, tmp_path: Path) -> None:
    head = make(tmp_path / "file")  # type: ignore[operator]
    said = not_a_dump(head[:HEAD_BYTES])
    assert said is not None and said.startswith(words)


@pytest.mark.parametrize(
    "text",
    [
        "<html> tags explained\nWhat the root element does.Published on 5 Sept 2023",
        "All\nFAQ\n<HTML> and <BODY> in help pages\nA snippet.Published on 5 Sept 2023",
        "PK codes for merchants\nA snippet.Published on 5 Sept 2023",
        "%PDF statements\nA snippet.Published on 5 Sept 2023",
        "",
    ],
)
def test_dumps_that_start_like_other_files_stay_dumps(text: str) -> None:
    head = text.encode()[:HEAD_BYTES]
    assert not_a_dump(head) is None
    assert compression(head) is None


def test_an_html_page_saying_so_in_its_message_mentions_what_to_save() -> None:
    said = not_a_dump(b"<!doctype html><html><body>")
    assert said is not None and "Save the page as text" in said


# -- Every reader asks the same question: parse, parse_file, iter_records, the command line.


@pytest.mark.parametrize("name", ["gzip", "bzip2", "xz"])
def test_every_reader_reads_a_compressed_dump_as_the_dump(name: str, tmp_path: Path) -> None:
    packed = tmp_path / "dump.txt"
    packed.write_bytes(COMPRESSORS[name](RAW))
    plain = faqparse.parse_file(SAMPLE, source="x")
    read = faqparse.parse_file(packed, source="x")
    assert read.records == plain.records
    assert read.digest == plain.digest  # the dump's identity is its text, however stored
    assert faqparse.parse(packed.read_bytes(), source="x").records == plain.records
    assert tuple(faqparse.iter_records(packed)) == tuple(
        attrs.evolve(r, source=str(packed)) for r in plain.records
    )
    with open(packed, "rb") as file:  # a binary stream that can peek: standard input's kind
        streamed = faqparse.iter_records(file, chunk_bytes=7)
        assert [r.title for r in streamed] == [r.title for r in plain.records]


def test_a_compressed_stream_that_cannot_peek_is_named_not_decoded() -> None:
    stream = faqparse.iter_records(io.BytesIO(gzip.compress(RAW)))
    assert list(stream) == []
    [diagnostic] = stream.diagnostics  # no invalid-encoding warning for each byte
    assert diagnostic.code == "no-records"
    assert "gzip-compressed data, not decompressed: give its path" in diagnostic.message


@pytest.mark.parametrize("chunk", [1, 7, 4096])
def test_a_database_is_one_line_however_it_is_read(chunk: int, tmp_path: Path) -> None:
    database = tmp_path / "catalog.sqlite"
    _sqlite(database)
    with sqlite3.connect(database) as connection:  # some text in it, and binary pages
        connection.execute("insert into t values (?)", ("Published on 5 Sept 2023" * 50,))
    connection.close()
    stream = faqparse.iter_records(database, chunk_bytes=chunk)
    assert list(stream) == []
    [diagnostic] = stream.diagnostics
    assert (diagnostic.code, diagnostic.line, diagnostic.column) == ("no-records", 1, 1)
    assert diagnostic.message.startswith("not a search dump: an SQLite database")
    dump = faqparse.parse_file(database)
    assert [d.message for d in dump.diagnostics] == [diagnostic.message]
    assert dump.digest == hashlib.sha256(database.read_bytes()).hexdigest()


def test_an_html_page_gives_no_records_and_no_markup() -> None:
    page = (
        "<!DOCTYPE html><html><head><title>Help</title></head><body><div>A title</div>"
        "<p>A snippet.Published on 5 Sept 2023Updated on 29 May 202611,580</p></body></html>"
    )
    for given in (page, page.encode()):
        dump = faqparse.parse(given, source="saved.html")
        assert dump.records == ()
        [diagnostic] = dump.diagnostics
        assert diagnostic.code == "no-records"
        assert "an HTML page, not a dump" in diagnostic.message


def test_the_command_line_says_what_a_wrong_file_is_in_one_line(tmp_path: Path) -> None:
    database = tmp_path / "catalog.sqlite"
    _sqlite(database)
    out, err = io.StringIO(), io.StringIO()
    status = main(["parse", str(database)], stdout=out, stderr=err)
    lines = err.getvalue().splitlines()
    assert status == 1 and out.getvalue() == ""
    assert lines[0] == (
        f"{database}:1:1: error: no-records: not a search dump: an SQLite database, not a dump"
        " (a faqparse catalog? dumps are merged into one with"
        " `faqparse merge DUMP... --into CATALOG`)"
    )
    assert lines[1:] == ["faqparse: 1 error: 1 no-records"]


def test_the_command_line_reads_compressed_dumps_and_standard_input(tmp_path: Path) -> None:
    packed = tmp_path / "dump.txt.xz"
    packed.write_bytes(lzma.compress(RAW))
    out = io.StringIO()
    assert main(["parse", str(packed), "--format", "jsonl"], stdout=out) == 0
    assert len(out.getvalue().splitlines()) == 15
    done = subprocess.run(
        [sys.executable, "-m", "faqparse", "check", "-"],
        input=gzip.compress(RAW),
        capture_output=True,
        check=False,
    )
    assert (done.returncode, done.stderr) == (0, b"")


def test_damaged_compressed_data_is_one_line_and_status_2(tmp_path: Path) -> None:
    packed = tmp_path / "cut.txt.gz"
    whole = gzip.compress(RAW)
    packed.write_bytes(whole[: len(whole) // 2])
    out, err = io.StringIO(), io.StringIO()
    status = main(["parse", str(packed)], stdout=out, stderr=err)
    assert status == 2
    assert "the gzip data is damaged or cut short" in err.getvalue()
    assert "Traceback" not in err.getvalue()
