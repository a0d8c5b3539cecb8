"""The report's benchmark runs end to end (its smoke size) and prints its figures.

No timing is asserted: machines are shared and noisy. The figures only have to exist, and
the file's size, which does not depend on the machine, has to meet its target.
"""

from __future__ import annotations

import contextlib
import io
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # the benchmarks sit beside src/, outside the installed package
    sys.path.insert(0, str(ROOT))

from benchmarks import report as bench  # noqa: E402


def test_the_benchmark_prints_time_memory_and_size(tmp_path: Path) -> None:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        bench.main(["--smoke", "--cache", str(tmp_path), "--json", str(tmp_path / "r.json")])
    result = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert result["observations"] == 2_000
    assert result["seconds"] > 0 and result["cpu_seconds"] > 0 and result["peak_rss_mib"] > 0
    assert 0 < result["bytes"] < bench.TARGET_BYTES
    printed = out.getvalue()
    assert "report of 2,000 observations" in printed
    assert f"{result['peak_rss_mib']:6.0f} MiB" in printed
    assert "file met" in printed
