"""Everything faqparse reads from one dump file, as JSON: what two builds must agree on.

`main` prints one JSON line per file named on the command line, read by the faqparse found
first on ``sys.path``. The tests of the compiled build (`test_compiled_build`) run it in a
child process with the checkout's ``src`` first on the path, so pure Python, and compare with
what the compiled package, imported in the test process, reads.
"""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from typing import Any

import faqparse

STREAM_CHUNK = 4096
"""Small reads, so that the stream's pieces end in the middle of many records."""


def outputs(path: Path) -> dict[str, Any]:
    """The dump parsed whole, the records and diagnostics streamed, and the tokens."""
    data = path.read_bytes()
    dump = faqparse.parse(data, path.name)
    stream = faqparse.iter_records(io.BytesIO(data), source=path.name, chunk_bytes=STREAM_CHUNK)
    streamed = [faqparse.to_json(record) for record in stream]
    tokens = faqparse.tokenize(data.decode("utf-8", "replace"))
    shapes = {
        "dump": faqparse.to_json(dump),
        "streamed": streamed,
        "streamed_diagnostics": [faqparse.to_json(d) for d in stream.diagnostics],
        "stream_digest": stream.digest,
        "tokens": [faqparse.to_json(token) for token in tokens],
    }
    # Through JSON text, so that both sides compare lists with lists, never with tuples.
    loaded: dict[str, Any] = json.loads(json.dumps(shapes))
    return loaded


def main() -> None:
    from faqparse._scan import loop as _scan_loop  # noqa: PLC0415 - only to say which build this is

    print(json.dumps({"module": _scan_loop.__file__}))
    for name in sys.argv[1:]:
        print(json.dumps(outputs(Path(name))))
