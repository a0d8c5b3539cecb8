"""Inputs told by their bytes: compressed dumps read as the dump, other files named in words."""

from __future__ import annotations

import bz2
import gzip
import importlib
import lzma
import sqlite3
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

import faqparse
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
