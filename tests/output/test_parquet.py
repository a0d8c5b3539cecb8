"""Parquet files of records and articles, read back with pyarrow and compared field by field."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import faqparse
from conftest import HEADER
from faqparse._output.parquet import (
    ARTICLE_SCHEMA,
    RECORD_SCHEMA,
    read_parquet,
    table,
    write_parquet,
)


@pytest.fixture(scope="module")
def seeds() -> list[faqparse.Dump]:
    return [faqparse.parse_file(path) for path in faqparse.sample_paths()]


def test_records_schema_types_and_values(seeds: list[faqparse.Dump], tmp_path: Path) -> None:
    path = tmp_path / "records.parquet"
    assert write_parquet(seeds[0].records, path, "records") == 15
    read = pq.read_table(path)
    assert read.schema.equals(RECORD_SCHEMA)
    assert str(read.schema.field("published").type) == "date32[day]"
    assert read.schema.field("updated").nullable and not read.schema.field("title").nullable
    rows = read.to_pylist()
    assert len(rows) == 15
    # The first record of the first seed, as read by hand from the file.
    assert rows[0]["title"] == "Why did my identity verification fail?"
    assert rows[0]["views"] == 11580
    assert rows[0]["published"] == date(2023, 9, 5)
    assert rows[0]["updated"] == date(2026, 5, 29)
    for row, record in zip(rows, seeds[0].records, strict=True):
        assert row == {
            "source": record.source,
            "index": record.index,
            "title": record.title,
            "snippet": record.snippet,
            "published": record.published,
            "updated": record.updated,
            "views": record.views,
            "category": record.category,
            "span_start": record.span[0],
            "span_end": record.span[1],
            "line": record.line,
            "column": record.column,
        }
    # The first record starts on line 5, after the four tab lines of the header.
    assert (rows[0]["line"], rows[0]["column"]) == (5, 1)


def test_articles_with_nested_observations(seeds: list[faqparse.Dump], tmp_path: Path) -> None:
    articles = faqparse.merge(seeds)
    path = tmp_path / "articles.parquet"
    assert write_parquet(articles, path, "articles") == 28
    read = pq.read_table(path)
    assert read.schema.equals(ARTICLE_SCHEMA)
    rows = read.to_pylist()
    assert [row["id"] for row in rows] == [a.id for a in articles]
    for row, article in zip(rows, articles, strict=True):
        assert (row["title"], row["published"], row["updated"], row["views"]) == (
            article.title,
            article.published,
            article.updated,
            article.views,
        )
        assert (row["locale"], row["category"]) == (article.locale, article.category)
        assert row["snippets"] == list(article.snippets)
        assert len(row["observations"]) == len(article.observations)
        for seen, observation in zip(row["observations"], article.observations, strict=True):
            assert seen["digest"] == observation.digest
            assert (seen["source"], seen["index"]) == (observation.source, observation.index)
            assert (seen["views"], seen["updated"]) == (observation.views, observation.updated)
            assert (seen["title"], seen["snippet"]) == (observation.title, observation.snippet)
    assert list(read_parquet(path, "articles")) == articles


def test_snapshot_times_of_every_kind_survive(tmp_path: Path) -> None:
    text = HEADER + "Title\nSnippet.Published on 5 Sept 2023Updated on 29 May 2026120"
    later = HEADER + "Title\nSnippet.Published on 5 Sept 2023Updated on 29 May 2026130"
    third = HEADER + "Title\nSnippet.Published on 5 Sept 2023Updated on 29 May 2026140"
    first = HEADER + "Title\nSnippet.Published on 5 Sept 2023Updated on 29 May 2026100"
    east = timezone(timedelta(hours=8))
    dumps = [
        faqparse.parse(text, "a.txt", captured=date(2026, 6, 1)),
        faqparse.parse(later, "b.txt", captured=datetime(2026, 6, 2, 9, 30)),
        faqparse.parse(third, "c.txt", captured=datetime(2026, 6, 3, 1, 0, tzinfo=east)),
        faqparse.parse(first, "d.txt"),  # captured from its content: 29 May
    ]
    (article,) = faqparse.merge(dumps)
    path = tmp_path / "a.parquet"
    write_parquet([article], path, "articles")
    seen = pq.read_table(path).to_pylist()[0]["observations"]
    assert [o["captured"] for o in seen] == [
        "2026-05-29",
        "2026-06-01",
        "2026-06-02T09:30:00",
        "2026-06-03T01:00:00+08:00",
    ]
    assert [o["captured_on"] for o in seen] == [
        date(2026, 5, 29),
        date(2026, 6, 1),
        date(2026, 6, 2),
        date(2026, 6, 3),
    ]
    (back,) = read_parquet(path, "articles")
    assert back == article
    east_captured = back.observations[3].captured
    assert isinstance(east_captured, datetime)
    assert east_captured.astimezone(UTC) == datetime(2026, 6, 2, 17, tzinfo=UTC)


def test_json_shapes_write_what_the_objects_write(
    seeds: list[faqparse.Dump], tmp_path: Path
) -> None:
    articles = faqparse.merge(seeds)
    write_parquet([faqparse.to_json(a) for a in articles], tmp_path / "j.parquet", "articles")
    write_parquet(articles, tmp_path / "o.parquet", "articles")
    assert pq.read_table(tmp_path / "j.parquet").equals(pq.read_table(tmp_path / "o.parquet"))


def test_no_rows_still_gives_the_schema(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    assert write_parquet([], buffer, "records") == 0
    read = pq.read_table(pa.BufferReader(buffer.getvalue()))
    assert read.num_rows == 0
    assert read.schema.equals(RECORD_SCHEMA)


def test_many_rows_are_written_in_groups(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("faqparse._output.parquet.ROWS_PER_GROUP", 4)
    dump = faqparse.parse_file(faqparse.sample_paths()[0])
    buffer = io.BytesIO()
    write_parquet(dump.records, buffer, "records")
    file = pq.ParquetFile(pa.BufferReader(buffer.getvalue()))
    assert file.num_row_groups == 4  # 15 records, 4 at a time
    assert list(read_parquet(pa.BufferReader(buffer.getvalue()), "records")) == list(dump.records)


def test_a_bad_item_leaves_no_file(seeds: list[faqparse.Dump], tmp_path: Path) -> None:
    path = tmp_path / "records.parquet"
    items: list[faqparse.Record | dict[str, str]] = [
        *seeds[0].records,
        {"title": "no other field"},
    ]
    with pytest.raises(ValueError, match="missing field"):
        write_parquet(items, path, "records")
    assert list(tmp_path.iterdir()) == []


def test_wrong_kind_or_mixed_items_are_refused(seeds: list[faqparse.Dump]) -> None:
    with pytest.raises(ValueError, match="kind must be one of records, articles"):
        write_parquet(seeds[0].records, io.BytesIO(), "rows")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="a Record in a Parquet file of articles"):
        table(seeds[0].records, "articles")


def test_reading_a_file_of_the_other_kind_is_refused(
    seeds: list[faqparse.Dump], tmp_path: Path
) -> None:
    path = tmp_path / "records.parquet"
    write_parquet(seeds[0].records, path, "records")
    with pytest.raises(ValueError, match="not a Parquet file of articles"):
        list(read_parquet(path, "articles"))


class WriteOnly:
    """A sink with nothing but ``write``, as a pipe wrapper or a caller's own object."""

    def __init__(self) -> None:
        self.parts: list[bytes] = []

    def write(self, data: bytes) -> int:
        self.parts.append(data)
        return len(data)


def test_anything_with_write_takes_the_bytes_and_stays_open(seeds: list[faqparse.Dump]) -> None:
    sink = WriteOnly()
    assert write_parquet(seeds[0].records, sink, "records") == 15
    data = b"".join(sink.parts)
    assert list(read_parquet(pa.BufferReader(data), "records")) == list(seeds[0].records)
    stream = io.BytesIO()
    write_parquet(seeds[0].records, stream, "records")
    assert not stream.closed and stream.getvalue() == data


def test_rows_with_date_objects_and_tuples_are_taken(seeds: list[faqparse.Dump]) -> None:
    record = seeds[0].records[0]
    row = {**faqparse.to_json(record), "published": record.published, "span": record.span}
    row["updated"] = record.updated
    buffer = io.BytesIO()
    write_parquet([row], buffer, "records")
    assert list(read_parquet(pa.BufferReader(buffer.getvalue()), "records")) == [record]
