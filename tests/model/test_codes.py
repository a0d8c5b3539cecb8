"""Every diagnostic code the parser can raise has an input here that raises it, with its
severity, line and column; a code added to the source without one fails this module."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import NamedTuple

import pytest

import faqparse
from conftest import HEADER
from faqparse import DiagnosticCode

SOURCE = Path(faqparse.__file__).parent
DOCS = Path(__file__).resolve().parents[2] / "docs" / "diagnostics.md"
RECORD = "Title\nSnippet.Published on 5 Sept 2023"


class Trigger(NamedTuple):
    text: str | bytes
    code: str
    severity: str
    line: int
    column: int
    message: str = ""


TRIGGERS = {
    "invalid-encoding": Trigger(
        b"All\nT\xff\nS.Published on 5 Sept 2023", "invalid-encoding", "warning", 2, 2
    ),
    "invalid-encoding-beyond-the-list": Trigger(
        b"\xff" * 101, "invalid-encoding", "warning", 1, 101, "only the first 100 are listed"
    ),
    "no-records-empty": Trigger("", "no-records", "error", 1, 1),
    "no-records-header-only": Trigger(HEADER, "no-records", "error", 1, 1),
    "bad-date-published": Trigger(
        HEADER + "Title\nSnippet.Published on 31 Foo 2023", "bad-date", "error", 6, 22
    ),
    "bad-date-updated": Trigger(
        HEADER + RECORD + "Updated on 31 Foo 2026", "bad-date", "warning", 6, 44
    ),
    "ambiguous-views-digit": Trigger(
        HEADER + RECORD + "1302FA\nS2.Published on 6 Sept 2023", "ambiguous-views", "warning", 6, 33
    ),
    "ambiguous-views-comma": Trigger(
        HEADER + RECORD + "1,23 ways\nS2.Published on 6 Sept 2023",
        "ambiguous-views",
        "warning",
        6,
        33,
    ),
    "unexpected-text": Trigger(
        HEADER + RECORD + "\nstray\nAll\nFAQ\nT2\nS2.Published on 6 Sept 2023",
        "unexpected-text",
        "warning",
        7,
        1,
    ),
    "incomplete-record-trailing": Trigger(
        HEADER + RECORD + "Next title\nand a snip", "incomplete-record", "warning", 6, 33
    ),
    "incomplete-record-before-a-page": Trigger(
        HEADER + RECORD + "\nTitle two\nSnippet two\nAll\nFAQ\nT3\nS3.Published on 6 Sept 2023",
        "incomplete-record",
        "warning",
        7,
        1,
    ),
    "incomplete-record-published-date": Trigger(
        HEADER + "Title\nSnippet.Published on 5 Se", "incomplete-record", "warning", 5, 1
    ),
    "incomplete-record-updated-date": Trigger(
        HEADER + RECORD + "Updated on May 29, 20", "incomplete-record", "warning", 6, 44
    ),
    "incomplete-record-count": Trigger(
        HEADER + RECORD + "13,9", "incomplete-record", "warning", 6, 33
    ),
    "missing-snippet": Trigger(
        HEADER + "Title runs into Published on 5 Sept 2023", "missing-snippet", "warning", 5, 1
    ),
    "missing-title": Trigger(HEADER + "Published on 5 Sept 2023", "missing-title", "warning", 5, 1),
    "ambiguous-category-tagged": Trigger(
        HEADER
        + "T1\nS1.Published on 5 Sept 2023FAQ12T2\nS2.Published on 6 Sept 2023FAQ for merchants"
        + "\nS3.Published on 7 Sept 2023FAQ3",
        "ambiguous-category",
        "warning",
        7,
        28,
    ),
    "ambiguous-category-before-the-evidence": Trigger(
        HEADER
        + "T1\nS1.Published on 5 Sept 2023FAQ for merchants\nS2.Published on 6 Sept 2023FAQ3",
        "ambiguous-category",
        "warning",
        6,
        28,
    ),
    "unknown-category-repeated": Trigger(
        HEADER
        + "T1\nS1.Published on 5 Sept 2023Trading rules12T2\nS2.Published on 6 Sept 2023FAQ3"
        + "T3\nS3.Published on 7 Sept 2023Trading rules",
        "unknown-category",
        "warning",
        6,
        28,
        "'Trading rules'",
    ),
    "unknown-category-tab-name": Trigger(
        HEADER
        + "T1\nS1.Published on 5 Sept 2023Product documentsT2\nS2.Published on 6 Sept 2023FAQ3",
        "unknown-category",
        "warning",
        6,
        28,
        "the 'en' vocabulary",
    ),
    "ambiguous-category-unknown-run": Trigger(
        HEADER
        + "T1\nS1.Published on 5 Sept 2023FAQ12T2\nS2.Published on 6 Sept 2023Trading rules"
        + "T3\nS3.Published on 7 Sept 2023FAQ3",
        "ambiguous-category",
        "warning",
        7,
        28,
        "'Trading rules'",
    ),
    "ambiguous-category-after-untagged-records": Trigger(
        HEADER + "T1\nS1.Published on 5 Sept 20231T2\nS2.Published on 6 Sept 2023FAQ3",
        "ambiguous-category",
        "warning",
        7,
        28,
        "earlier records had none",
    ),
}


@pytest.mark.parametrize("trigger", TRIGGERS.values(), ids=TRIGGERS.keys())
def test_code_is_raised(trigger: Trigger) -> None:
    dump = faqparse.parse(trigger.text, source="codes.txt")
    found = [(d.code, d.severity.value, d.line, d.column) for d in dump.diagnostics]
    where = (trigger.code, trigger.severity, trigger.line, trigger.column)
    assert where in found, found
    assert trigger.message in dump.diagnostics[found.index(where)].message
    assert all(d.source == "codes.txt" for d in dump.diagnostics)


def test_unexpected_text_from_a_stream_that_gives_up_waiting_for_a_label() -> None:
    stream = faqparse.iter_records(io.BytesIO(b"x" * (9 << 20)), source="big.txt")
    assert list(stream) == []
    first = stream.diagnostics[0]
    assert (first.code, first.severity.value, first.line, first.column) == (
        "unexpected-text",
        "warning",
        1,
        1,
    )


MERGE_CODES = {
    DiagnosticCode.UNREADABLE_FILE,  # raised by faqparse.dask, tested in test_dask.py
    DiagnosticCode.REPEATED_RECORD,
    DiagnosticCode.UNMATCHED_RECORD,
    DiagnosticCode.WEAK_MATCH,
}


def test_every_parser_code_has_a_trigger_here() -> None:
    assert {trigger.code for trigger in TRIGGERS.values()} == set(DiagnosticCode) - MERGE_CODES


def test_merge_codes_point_at_the_record_they_are_about() -> None:
    header = HEADER
    app, web = "In the app, open Security.", "On the website, open Account settings."

    def dump(name: str, first: tuple[str, int], second: tuple[str, int]) -> faqparse.Dump:
        body = "".join(
            f"Reset\n{snippet}Published on 3 Mar 2024{views}" for snippet, views in (first, second)
        )
        return faqparse.parse(header + body, source=name)

    catalog = faqparse.Catalog()
    catalog.add(dump("2026-06-01.txt", (app, 10), (web, 20)))
    catalog.add(dump("2026-06-08.txt", (web, 40), (app, 30)))  # 30 and 40 fit either article
    assert {d.code for d in catalog.diagnostics} == {DiagnosticCode.WEAK_MATCH}
    second = len("Reset\n" + web + "Published on 3 Mar 2024" + "40")
    assert [(d.source, d.line, d.column, d.span[0]) for d in catalog.diagnostics] == [
        ("2026-06-08.txt", 5, 1, len(header)),
        ("2026-06-08.txt", 6, second - len("Reset\n") + 1, len(header) + second),
    ]
    late = faqparse.parse(
        header + "Reset\n" + app + "Published on 3 Mar 2024" + "5", source="2026-06-15.txt"
    )
    catalog.add(late)  # fewer views than either article had: a new article
    (unmatched,) = [d for d in catalog.diagnostics if d.code == DiagnosticCode.UNMATCHED_RECORD]
    assert (unmatched.source, unmatched.line, unmatched.column) == ("2026-06-15.txt", 5, 1)


def test_no_code_is_spelled_out_in_the_source() -> None:
    """Every call site names its code through `DiagnosticCode`, never as a bare string."""
    spelled = re.compile(r"[\"'](" + "|".join(map(re.escape, DiagnosticCode)) + r")[\"']")
    found = {
        f"{path.name}: {code}"
        for path in SOURCE.rglob("*.py")
        if path.name != "_codes.py"
        for code in spelled.findall(path.read_text(encoding="utf-8"))
    }
    assert found == set()


def documented_codes() -> list[str]:
    return re.findall(r"^\| `([a-z-]+)` \|", DOCS.read_text(encoding="utf-8"), re.M)


def test_the_docs_tables_list_exactly_the_codes() -> None:
    documented = documented_codes()
    assert set(documented) == {code.value for code in DiagnosticCode}
    # One row per code, except a code raised at two severities, with one row for each.
    assert len(documented) == len(DiagnosticCode) + 1
    assert documented.count("bad-date") == 2


@pytest.mark.parametrize("trigger", TRIGGERS.values(), ids=TRIGGERS.keys())
@pytest.mark.parametrize("chunk_bytes", [1, 5])
def test_a_stream_raises_what_parse_raises(trigger: Trigger, chunk_bytes: int) -> None:
    """Also where a diagnostic waits for evidence that comes later in the dump."""
    data = trigger.text if isinstance(trigger.text, bytes) else trigger.text.encode()
    dump = faqparse.parse(data, source="codes.txt")
    stream = faqparse.iter_records(io.BytesIO(data), source="codes.txt", chunk_bytes=chunk_bytes)
    assert list(stream) == list(dump.records)
    assert stream.diagnostics == list(dump.diagnostics)


@pytest.mark.parametrize("tagged", [True, False])
def test_a_stream_holds_a_doubt_until_the_evidence_comes(tagged: bool) -> None:
    """The evidence comes long after the doubtful record, past several chunks of the stream."""
    evidence = "FAQ3" if tagged else "3"
    text = (
        HEADER
        + "T1\nS1.Published on 5 Sept 2023FAQ for merchants\n"
        + "S2.Published on 6 Sept 2023Announcements for merchants\n"
        + "A long snippet. " * 1000
        + f"Published on 7 Sept 2023{evidence}\nstray\nAll\nFAQ\nT4\nS4.Published on 8 Sept 2023"
    )
    dump = faqparse.parse(text, source="doubt.txt")
    codes = [d.code for d in dump.diagnostics]
    expected = ["ambiguous-category"] * 2 if tagged else []
    assert [c for c in codes if c == "ambiguous-category"] == expected
    assert "unexpected-text" in codes  # a diagnostic after the doubtful one keeps its place
    stream = faqparse.iter_records(io.BytesIO(text.encode()), source="doubt.txt", chunk_bytes=700)
    assert list(stream) == list(dump.records)
    assert stream.diagnostics == list(dump.diagnostics)
