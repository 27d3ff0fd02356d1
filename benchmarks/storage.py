"""Storage and turn time of one long session: N revisions of a roadmap in SQLite (or DATABASE_URL).

    python -m benchmarks.storage [REVISIONS]      # default 300

Prints the store's size, the number of versions kept, and the median turn time of the first and last 20
revisions (flat means the session's history does not slow a turn down)."""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

from agent.config import Settings
from agent.interview import InterviewService

OPENING = (
    "We run a pottery studio in Valencia, Spain with 7 staff, sell online and in the shop, use Shopify and "
    "Excel, and want faster replies to customers. Budget 10,000 EUR."
)


def measure(revisions: int, data_dir: Path) -> dict[str, float | int]:
    """Run one session to `revisions` roadmap versions; sizes in MB, times in ms."""
    service = InterviewService(Settings(data_dir=data_dir, embedding_backend="hash"))
    try:
        sid = service.create_session("bench")
        service.send(sid, "bench", OPENING)
        while not service.state(sid, "bench").get("versions"):
            service.send(sid, "bench", "skip")
        times = []
        for n in range(revisions - 1):
            started = time.perf_counter()
            service.send(sid, "bench", f"Actually our budget is {6_000 + (n % 40) * 250} EUR")
            times.append((time.perf_counter() - started) * 1000)
        versions = len(service.state(sid, "bench")["versions"])
        first = service.version(sid, "bench", 1)
        assert first is not None and "roadmap" in first  # the oldest version is still there, whole
    finally:
        service.close()
    size = sum(f.stat().st_size for f in data_dir.glob("sessions.sqlite*")) / 1e6
    return {
        "revisions": versions,
        "store_mb": round(size, 1),
        "first20_median_ms": round(statistics.median(times[:20]), 1),
        "last20_median_ms": round(statistics.median(times[-20:]), 1),
    }


def main(argv: list[str]) -> int:
    """Print the measurement as JSON."""
    revisions = int(argv[0]) if argv else 300
    with tempfile.TemporaryDirectory(prefix="roadmap-storage-") as tmp:
        print(json.dumps(measure(revisions, Path(tmp))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
