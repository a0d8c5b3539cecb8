"""``history`` by an id prefix or by words of the title; several articles are listed."""

from __future__ import annotations

import json
from pathlib import Path

import faqparse
from conftest import FIXTURES, SEEDS, run

THREE = sorted((FIXTURES / "merge" / "three_snapshots").glob("*.txt"))


def _catalog(tmp_path: Path) -> tuple[Path, list[faqparse.Article]]:
    catalog = tmp_path / "c.sqlite"
    assert run("merge", "--into", catalog, *THREE, *SEEDS)[0] == 0
    return catalog, faqparse.merge([faqparse.parse_file(p) for p in [*THREE, *SEEDS]])


def _ids(out: str) -> set[str]:
    return {json.loads(line)["id"] for line in out.splitlines()}


def test_a_unique_id_prefix_of_six_characters_gives_the_history(tmp_path: Path) -> None:
    catalog, articles = _catalog(tmp_path)
    ids = [a.id for a in articles]
    article = next(a for a in articles if sum(i.startswith(a.id[:6]) for i in ids) == 1)
    whole = run("history", catalog, "--id", article.id)
    assert run("history", catalog, "--id", article.id[:6]) == whole
    assert _ids(whole[1]) == {article.id}
    status, out, err = run("history", catalog, "--id", article.id[:5])
    assert (status, out) == (1, "")
    assert err == f"faqparse: {catalog}: no article with id {article.id[:5]!r}\n"


def test_title_words_in_any_case_and_order_find_the_article(tmp_path: Path) -> None:
    catalog, articles = _catalog(tmp_path)
    [article] = [a for a in articles if a.title == "How do I create passkeys? (web)"]
    status, out, _ = run("history", catalog, "--title", "(WEB)  PASSKEYS create")
    assert status == 0
    assert _ids(out) == {article.id}
    assert len(out.splitlines()) == len(article.observations)


def test_several_articles_are_listed_with_their_ids_not_guessed(tmp_path: Path) -> None:
    catalog, articles = _catalog(tmp_path)
    matching = [a for a in articles if "passkey" in a.title.lower()]
    assert len(matching) > 1
    status, out, err = run("history", catalog, "--title", "passkey")
    assert (status, out) == (1, "")
    lines = err.splitlines()
    assert lines[0] == (
        f"faqparse: {catalog}: {len(matching)} articles match title words 'passkey';"
        " give one of these ids with --id:"
    )
    assert sorted(lines[1:]) == sorted(
        f"  {a.id}  {a.published.isoformat()}  {a.title}" for a in matching
    )
    status, _, err = run("history", catalog, "--title", "passkey nowhere-to-be-found")
    assert status == 1
    assert err.endswith("no article with title 'passkey nowhere-to-be-found'\n")
