"""A separate process working on a catalog, for the tests of crashes and concurrent runs.

    python tests/catalog/catalog_child.py add CATALOG SEED RECORDS
    python tests/catalog/catalog_child.py read CATALOG SECONDS
    python tests/catalog/catalog_child.py create CATALOG START
    python tests/catalog/catalog_child.py remove CATALOG SEED RECORDS

``create`` waits until the clock reads ``START`` (seconds since the epoch), so that several
processes open the same new catalog at once, then adds a small dump and prints ``ok`` (or
the error it got).

``add`` parses a seeded series of snapshots (``benchmarks.generate``) and adds them to the
catalog in one run, printing ``begun``, then ``committing`` and ``committed``. ``read`` prints
the number of observations it reads, again and again, for ``SECONDS``.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from benchmarks.generate import generate_snapshots

import faqparse


def snapshots(seed: int, records: int) -> list[faqparse.Dump]:
    """The dumps of a seeded series, parsed."""
    return [
        faqparse.parse(snapshot.text, snapshot.source, captured=snapshot.captured)
        for snapshot in generate_snapshots(records, seed)
    ]


def add(path: str, seed: int, records: int) -> None:
    dumps = snapshots(seed, records)
    with faqparse.Catalog.open(path) as catalog:
        for dump in dumps:
            catalog.add(dump)
            print("begun", flush=True)
        catalog.flush()
        print("committing", flush=True)
    print("committed", flush=True)


def remove(path: str, seed: int, records: int) -> None:
    """Remove the dumps of a seeded series in one run, printing as ``add`` does."""
    dumps = snapshots(seed, records)
    with faqparse.Catalog.open(path, create=False) as catalog:
        for dump in dumps:
            catalog.remove(dump.digest)
            catalog.flush()  # merged again as it goes: a kill can fall anywhere in the work
            print("begun", flush=True)
        print("committing", flush=True)
    print("committed", flush=True)


def read(path: str, seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        with faqparse.Catalog.open(path, create=False) as catalog:
            print(sum(len(article.observations) for article in catalog.articles), flush=True)


def create(path: str, start: float) -> None:
    dump = faqparse.parse(SMALL.format(os.getpid()), f"{os.getpid()}.txt")  # one dump each
    while time.time() < start:
        pass
    try:
        with faqparse.Catalog.open(path) as catalog:
            catalog.add(dump)
    except Exception as error:
        print(f"{type(error).__name__}: {error}", flush=True)
        return
    print("ok", flush=True)


SMALL = (
    "All\nFAQ\nAnnouncements\nProduct documents\nPasskey FAQ {}\nPasskeys.Published on 19 Mar 2025"
)


if __name__ == "__main__":
    if sys.argv[1] == "add":
        add(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
    elif sys.argv[1] == "remove":
        remove(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
    elif sys.argv[1] == "create":
        create(sys.argv[2], float(sys.argv[3]))
    else:
        read(sys.argv[2], float(sys.argv[3]))
