"""A long session's storage stays bounded and its turns do not slow down: each roadmap version is stored
once and only the latest checkpoint is kept (`python -m benchmarks.storage 300` measures the full run)."""

from __future__ import annotations

from pathlib import Path

from benchmarks.storage import measure


def test_many_revisions_stay_small_and_flat(tmp_path: Path) -> None:
    result = measure(40, tmp_path)
    assert result["revisions"] == 40
    # A version is ~100 kB as JSON; the unbounded store wrote every earlier version again on each turn
    # (quadratic: hundreds of MB by 40 revisions). Bounded, 40 versions need a few MB.
    assert result["store_mb"] < 15, result
    assert result["last20_median_ms"] < 2 * result["first20_median_ms"] + 50, result
