"""Line and column of character offsets, counted once as the text goes by.

Lines end at ``\\n``, ``\\r\\n`` or a lone ``\\r``; both numbers are 1-based and count characters.
The one line counter of the package: the scan places each record with one (`Collector`), the
reader each diagnostic with another, and either may skip ahead to a place the other counted.
"""

from __future__ import annotations

__all__ = ["LineCounter"]


class LineCounter:
    """Moves forward through a text, keeping the line and column of where it stands.

    ``returns`` may be set to ``False`` for a text known to hold no ``\\r`` (one search of the
    whole text, `Collector.begin`): each move then skips looking for one.
    """

    __slots__ = ("line", "line_start", "offset", "returns")

    def __init__(self) -> None:
        self.offset = 0
        self.line = 1
        self.line_start = 0  # the offset of the first character of ``line``
        self.returns = True

    @property
    def column(self) -> int:
        return self.offset - self.line_start + 1

    def skip(self, offset: int, line: int, column: int) -> None:
        """Stand at ``offset``, whose line and column were counted elsewhere, if it is ahead:
        the lines before it need not be counted again."""
        if offset > self.offset:
            self.offset, self.line, self.line_start = offset, line, offset - column + 1

    def advance(self, text: str, base: int, offset: int, past: int = -1) -> tuple[int, int]:
        """Move to ``offset`` (if it is ahead) and return its line and column; ``text`` holds
        the input from offset ``base`` on. An offset must not split a ``\\r\\n``.

        ``past``, an index into ``text``: then stand right after the line break there, which
        the caller knows to be the only one between ``offset`` and it (the scan's region
        reader knows the break after a title): the next move starts past it.

        Called once per record, so every step counts. ``str.count`` reads every character,
        while ``rfind`` skips to the last line break as fast as memory is read, and what is
        left to count is mostly a title; a text known to hold no ``\\r`` is not searched for
        one; ``past`` spares reading a snippet again. Together, against counting the whole
        range each time: 6% of a parse's scan (measured on the benchmark dump, 2 MB).
        """
        start = self.offset - base
        stop = offset - base
        if stop <= start:  # not ahead: where the count stands
            return self.line, self.offset - self.line_start + 1
        self.offset = offset
        last_break = text.rfind("\n", start, stop)
        if last_break >= 0:
            self.line += 1 + text.count("\n", start, last_break)
            self.line_start = base + last_break + 1
        if self.returns:
            last_return = text.rfind("\r", start, stop)
            if last_return >= 0:  # rare: only then count the lone carriage returns
                lone = text.count("\r", start, stop) - text.count("\r\n", start, stop)
                if lone:
                    self.line += lone
                    self.line_start = max(self.line_start, base + last_return + 1)
        line = self.line
        column = offset - self.line_start + 1
        if past >= 0:
            self.line = line + 1
            self.offset = self.line_start = base + past + 1
        return line, column
