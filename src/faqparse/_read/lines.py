"""Line and column of character offsets, counted once as the text goes by.

Lines end at ``\\n``, ``\\r\\n`` or a lone ``\\r``; both numbers are 1-based and count characters.
"""

from __future__ import annotations

__all__ = ["LineCounter"]


class LineCounter:
    """Moves forward through a text, keeping the line and column of where it stands."""

    def __init__(self) -> None:
        self.offset = 0
        self.line = 1
        self.column = 1

    def skip(self, offset: int, line: int, column: int) -> None:
        """Stand at ``offset``, whose line and column were counted elsewhere, if it is ahead:
        the lines before it need not be counted again."""
        if offset > self.offset:
            self.offset, self.line, self.column = offset, line, column

    def advance(self, text: str, base: int, offset: int) -> tuple[int, int]:
        """Move to ``offset``; ``text`` holds the input from offset ``base`` on."""
        start, stop = self.offset - base, offset - base
        if stop > start:
            breaks = text.count("\n", start, stop)
            last = text.rfind("\r", start, stop)
            if last >= 0:  # rare: only then count the lone carriage returns
                breaks += text.count("\r", start, stop) - text.count("\r\n", start, stop)
            if breaks:
                self.line += breaks
                last = max(text.rfind("\n", start, stop), last)
                self.column = stop - last
            else:
                self.column += stop - start
            self.offset = offset
        return self.line, self.column
