"""Reading the category tag after a record's last date, by the dump's evidence.

Every rule about a tag lives here: which character ends a tag word (`ends_tag`, which
`faqparse.testing` asks too before writing a title after a tag), what the dump's earlier
records said, and the look at the records ahead when nothing has said it yet.
"""

from __future__ import annotations

from typing import Final

from .._codes import DiagnosticCode
from .._model import Severity
from .collector import Collector, Problem
from .grammar import HORIZONTAL_SPACE, Grammar, skip_space
from .tokens import TokenKind
from .unknown import read_unknown

__all__ = ["LOOKAHEAD", "NO_TAG", "UNKNOWN", "ends_tag", "read_tag", "tags_ahead"]

LOOKAHEAD: Final = 4096
"""In a stream, a label this close to the end of the text read so far waits for more text; a
record's metadata may look this far past its label (`tags_ahead`), so a stream and a whole
parse see the same text there."""

_TAG_ENDS: Final = frozenset("0123456789\r\n")


def ends_tag(follower: str) -> bool:
    """Whether ``follower``, the character after a tag word (``""`` at the end), ends it for
    sure: a digit (the count), a line break, the end, or an upper-case letter (a title)."""
    return not follower or follower in _TAG_ENDS or follower.isupper()


NO_TAG: Final = -1
"""`read_tag`'s ``found`` when the metadata pattern saw no tag word where the dates end."""
UNKNOWN: Final = -2
"""`read_tag`'s ``found`` when the pattern did not read up to the tag: look for one."""


def read_tag(  # noqa: PLR0917 - called on every record: positional arguments cost less
    text: str, start: int, end: int, out: Collector, label: int, found: int = UNKNOWN
) -> tuple[str | None, int]:
    """The category tag right after the last date at ``start``, if there is one, by the
    dump's evidence; ``label`` is where the record's published label stands.

    ``found`` is where a tag word the metadata pattern matched at ``start`` ends, or
    `NO_TAG`: the common cases, decided here first without matching again.

    A tag word followed by a digit, an upper-case letter, a line break or the end is a tag
    (and says the dump has tags); one followed by a lower-case letter is the start of a word;
    one followed by a space or a sign is a tag or the start of a title, which only what the
    dump said before decides (a space: not even that, in a dump with tags). A sign before
    any evidence (a letter without case, as in Arabic or Chinese, is one) looks at the
    records ahead, up to `LOOKAHEAD` past the label: if each of them has a tag word after
    its date too, the dump carries tags (`tags_ahead`).
    """
    if found == NO_TAG:  # no tag word known here: a word run the vocabulary lacks?
        if out.tagged is not False:
            category, after = read_unknown(
                text, start, end, out, label, min(end, label + LOOKAHEAD)
            )
            if category is not None:
                return category, after
        if out.tagged is None:
            out.decide_tags(False)  # a count, a title, a line break or the end
        return None, start
    if found >= 0 and out.tagged and ends_tag(text[found : found + 1]):
        pos = skip_space(text, start, found)
        out.span(TokenKind.TAG, pos, found)
        return text[pos:found], found
    pos = skip_space(text, start, end)
    match = out.grammar.tag.match(text, pos, end)
    if match is None:
        if out.tagged is not False:
            category, after = read_unknown(
                text, start, end, out, label, min(end, label + LOOKAHEAD)
            )
            if category is not None:
                return category, after
        out.decide_tags(False)  # a count, a title, a line break or the end: no tag here
        return None, start
    after = match.end()
    follower = text[after : after + 1]
    word = match.group()
    if ends_tag(follower):
        if out.tagged is False:
            message = (
                f"{word!r} after the date reads as a category tag, though the dump's earlier"
                " records had none"
            )
            out.problem(
                DiagnosticCode.AMBIGUOUS_CATEGORY, Severity.WARNING, message, pos, after, word
            )
        out.decide_tags(True)
        out.span(TokenKind.TAG, pos, after)
        return word, after
    if follower.islower():
        out.decide_tags(False)  # the word goes on: a title such as "FAQs about..."
        return None, start
    if follower not in HORIZONTAL_SPACE and (
        out.tagged
        or (
            out.tagged is None
            and tags_ahead(text, after, min(end, label + LOOKAHEAD), end, out.grammar)
        )
    ):
        out.decide_tags(True)
        out.span(TokenKind.TAG, pos, after)  # a tag, then a title that starts with a sign
        return word, after
    if out.tagged is False:
        return None, start  # a dump without tags: a title that starts with a tag word
    message = (
        f"{word!r} after the date may be a category tag or the start of the next title:"
        " kept whole as a title, with no category and no count for this record"
    )
    problem = Problem(
        DiagnosticCode.AMBIGUOUS_CATEGORY, Severity.WARNING, message, pos, after, word
    )
    if out.tagged:
        out.problem(*problem)
    else:  # nothing known yet: a title either way, but a doubtful one if tags turn up
        out.weak(problem)
    return None, start


def tags_ahead(text: str, start: int, window: int, end: int, grammar: Grammar) -> bool:
    """Whether the records in ``text[start:window]`` (one at least) all have a tag word
    right after their last date.

    In every dump seen, either all records carry a tag or none does, so a dump in which every
    date runs into a tag word carries tags: an untagged dump whose titles all begin with a
    tag word is not plausible. This decides dumps whose junctions all read as signs (a tag
    word then a letter without case). ``window`` is where a stream's text may end (the
    label plus `LOOKAHEAD`) or the end of the input, so a stream decides as a parse does; a
    record the window may cut is not looked at.
    """
    seen = False
    margin = grammar.longest_tag + 1
    for found in grammar.meta.finditer(text, start, window):
        if window < end and found.end() + margin >= window:
            break  # the window may cut this record's metadata: no evidence either way
        if found["published"] is None or (
            found["updated_label"] is not None and found["updated"] is None
        ):
            continue  # a date the plain pattern does not read: the full reader's business
        tag_end = found.end("tag")
        if found["tag"] is None or text[tag_end : tag_end + 1].islower():
            return False  # a record without a tag word (or a word going on): no tags
        seen = True
    return seen
