"""Helpers for testing code that reads faqparse dumps.

`render` writes records back as dump text (the inverse of `faqparse.parse`); `DumpMaker`
writes such dumps to files. The pytest plugin (`faqparse.testing.plugin`, loaded
automatically) wraps them as the ``make_dump`` and ``faqparse_samples`` fixtures, and
`faqparse.testing.strategies` has Hypothesis strategies (install ``faqparse[hypothesis]``).
"""

from ._dump_maker import DumpMaker
from ._render import (
    DateStyle,
    RecordContent,
    RenderableRecord,
    RenderError,
    RenderOptions,
    content,
    render,
)

__all__ = [
    "DateStyle",
    "DumpMaker",
    "RecordContent",
    "RenderError",
    "RenderOptions",
    "RenderableRecord",
    "content",
    "render",
]
