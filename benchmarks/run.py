"""`make bench`: every benchmark in one run, each writing JSON and a table under
benchmarks/results/. Arguments after `--` go to each (e.g. `--quick`)."""

from __future__ import annotations

import sys
from pathlib import Path

# Run as a script (`python benchmarks/run.py`): make the repository root importable so
# `benchmarks.*` resolves, as it does under pytest.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import bench_ingest, bench_people, bench_service


def main(argv: list[str]) -> int:
    quick = ["--quick"] if "--quick" in argv else []
    status = 0
    benches = (
        ("ingestion", bench_ingest),
        ("person resolution on recurring members", bench_people),
        ("store and service", bench_service),
    )
    for name, bench in benches:
        print(f"\n## {name}\n", flush=True)
        status |= bench.main(quick)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
