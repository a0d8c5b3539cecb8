"""Pausing Python's cycle collector while many records are built.

Records, observations and articles hold no reference cycles, yet each one built counts
towards the collector's next pass, and a full pass walks every object alive: building a
million records would walk the earlier ones again and again. Pausing the collector for the
duration of a parse or a merge halves their cost (measured in ``docs/performance.md``).

``gc.disable()`` is process-wide: while a faqparse call runs, other threads of the process
do not get cyclic garbage collected either (reference counting still frees everything
else), and a call that itself runs for a long time (a huge parse) holds the pause that long.
The collector is switched back on when the call returns, and is left alone if the caller
had already disabled it. A program that cannot accept the pause in other threads should
call faqparse from one thread at a time, or run it in a worker process.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

__all__ = ["paused_gc"]


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Disable the cycle collector for the ``with`` block, as it was before afterwards."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
