"""Property: runs on a catalog file, in any order and grouping, give ``faqparse.merge``."""

from __future__ import annotations

import itertools
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

import faqparse
from merge.test_properties import dump_lists


@st.composite
def runs(draw: st.DrawFn, dumps: list[faqparse.Dump]) -> list[list[faqparse.Dump]]:
    """The dumps in any order, cut into consecutive runs (some empty, some repeated)."""
    order = draw(st.permutations(dumps))
    cuts = sorted(draw(st.lists(st.integers(0, len(order)), max_size=4)))
    bounds = [0, *cuts, len(order)]
    groups = [list(order[start:end]) for start, end in itertools.pairwise(bounds)]
    again: bool = draw(st.booleans())
    if order and again:
        repeated: faqparse.Dump = draw(st.sampled_from(order))
        groups.append([repeated])  # a dump already added, in a later run
    return groups


# Each example writes a file several times: fewer examples than the profile's in-memory ones.
@settings(max_examples=60)
@given(dump_lists(most=6), st.data())
def test_runs_in_any_order_and_grouping_give_the_merge_of_all_dumps(
    dumps: list[faqparse.Dump], data: st.DataObject
) -> None:
    groups = data.draw(runs(dumps))
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "catalog.sqlite"
        for group in groups:
            with faqparse.Catalog.open(path) as catalog:
                for dump in group:
                    catalog.add(dump)
        with faqparse.Catalog.open(path) as catalog:
            found = list(catalog.articles)
            again = [catalog.article(article.id) for article in found]
    expected = faqparse.merge(dumps)
    assert found == expected
    assert again == expected
