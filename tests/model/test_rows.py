from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

import pytest

import faqparse
from conftest import SEEDS


def _round_trip(obj: Any) -> Any:
    return faqparse.from_json(type(obj), json.loads(json.dumps(faqparse.to_json(obj))))


def test_every_model_class_round_trips_through_json() -> None:
    dump = faqparse.parse_file(SEEDS[0], captured=datetime(2026, 6, 4, 10, 15))
    broken = faqparse.parse(b"T\nS \xff.Published on 31 Foo 2023", "b.txt")
    observation = faqparse.Observation("a.txt", "ab" * 32, 3, date(2026, 6, 4), "T", "S", None, 12)
    article = faqparse.Article(
        "id1", "T", date(2023, 9, 5), date(2026, 5, 1), 12, ("S",), (observation,)
    )
    objects: list[Any] = [dump, broken, *dump.records, *broken.diagnostics, observation, article]
    objects += faqparse.tokenize("T\nS.Published on 5 Sept 2023")
    for obj in objects:
        assert _round_trip(obj) == obj


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"published": "5 Sept 2023"}, "Record.published: not an ISO date"),
        ({"views": "12"}, "Record.views: unexpected value '12'"),
        ({"views": True}, "Record.views: unexpected value True"),
        ({"views": -1}, "Record.views: must not be negative"),
        ({"span": [1]}, "Record.span: a span is [start, end]"),
        ({"title": None}, "Record.title: unexpected value None"),
    ],
)
def test_wrong_shapes_name_the_field(change: dict[str, Any], message: str) -> None:
    shape = faqparse.to_json(faqparse.parse_file(SEEDS[0]).records[0]) | change
    with pytest.raises(ValueError, match=message.replace("[", r"\[")):
        faqparse.from_json(faqparse.Record, shape)


def test_missing_field_and_non_object() -> None:
    shape = faqparse.to_json(faqparse.parse_file(SEEDS[0]).records[0])
    del shape["snippet"]
    with pytest.raises(ValueError, match="Record: missing field 'snippet'"):
        faqparse.from_json(faqparse.Record, shape)
    with pytest.raises(ValueError, match="must be a JSON object"):
        faqparse.from_json(faqparse.Record, [])  # type: ignore[arg-type]
