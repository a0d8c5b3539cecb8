"""A SHA-256 digest computed beside the parse, on a second thread.

hashlib releases the interpreter lock while it hashes a large buffer, so on a machine with a
second core the digest of a streamed file costs the parse almost nothing. Small inputs are
hashed in place: a thread would cost more than it saves.
"""

from __future__ import annotations

import hashlib
import threading
from queue import SimpleQueue
from typing import Final

__all__ = ["BackgroundDigest"]

BATCH_BYTES: Final = 1 << 20
"""Data is handed to the hashing thread in pieces of about this size (fewer hand-overs)."""


class BackgroundDigest:
    """``update`` as often as needed, then ``hexdigest`` once (or ``close`` to give up)."""

    def __init__(self) -> None:
        self._hash = hashlib.sha256()
        self._batch: list[bytes] = []
        self._batched = 0
        self._queue: SimpleQueue[bytes | None] | None = None
        self._thread: threading.Thread | None = None

    def update(self, data: bytes) -> None:
        self._batch.append(data)
        self._batched += len(data)
        if self._batched >= BATCH_BYTES:
            self._hand_over()

    def hexdigest(self) -> str:
        if self._queue is None:
            for data in self._batch:
                self._hash.update(data)
        else:
            self._hand_over()
            self._queue.put(None)
            assert self._thread is not None
            self._thread.join()
        self._batch, self._batched = [], 0
        return self._hash.hexdigest()

    def close(self) -> None:
        """Stop the hashing thread of a digest that will not be finished (an abandoned stream)."""
        if self._queue is not None and self._thread is not None and self._thread.is_alive():
            self._queue.put(None)

    def _hand_over(self) -> None:
        if self._queue is None:
            self._queue = SimpleQueue()
            self._thread = threading.Thread(target=self._work, name="faqparse-digest", daemon=True)
            self._thread.start()
        if self._batch:
            self._queue.put(b"".join(self._batch))
        self._batch, self._batched = [], 0

    def _work(self) -> None:
        assert self._queue is not None
        while (data := self._queue.get()) is not None:
            self._hash.update(data)
