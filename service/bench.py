"""`beslutsgraf bench`: load and query speed of this installation on synthetic data.

`run_bench` writes the synthetic decision graph (`synthetic_graph`) to a temporary
folder, bulk-loads it into a fresh embedded store there, then runs each competency query
shipped with the package (`static/cq*.rq`) once to warm up and `repeat` times timed,
in process, through `Store.select`. The comparison with other stores is `make bench`.
"""

from __future__ import annotations

import json
import math
import resource
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from importlib import resources
from pathlib import Path

from beslutsgraf.service.synthetic_graph import DEFAULT_SEED, write_nquads
from beslutsgraf.store import EmbeddedStore

__all__ = ["BenchReport", "QueryTiming", "competency_queries", "run_bench"]

NQUADS = "application/n-quads"


@dataclass(frozen=True)
class QueryTiming:
    name: str  # file name without `.rq`
    rows: int
    p50_ms: float
    p95_ms: float


@dataclass(frozen=True)
class BenchReport:
    target_triples: int
    seed: int
    generated_quads: int
    stored_triples: int
    load_s: float
    triples_per_s: float
    repeat: int
    peak_rss_mib: float
    queries: tuple[QueryTiming, ...]

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=2, ensure_ascii=False) + "\n"


def competency_queries() -> list[tuple[str, str]]:
    """(name, SPARQL) of the competency queries shipped with the package, in order."""
    static = resources.files("beslutsgraf.service") / "static"
    files = sorted(
        (f for f in static.iterdir() if f.name.startswith("cq") and f.name.endswith(".rq")),
        key=lambda f: f.name,
    )
    return [(f.name.removesuffix(".rq"), f.read_text(encoding="utf-8")) for f in files]


def _percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile of a non-empty list."""
    ordered = sorted(values)
    return ordered[max(math.ceil(fraction * len(ordered)) - 1, 0)]


def _peak_rss_mib() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux, bytes on macOS
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _time_query(store: EmbeddedStore, name: str, sparql: str, repeat: int) -> QueryTiming:
    rows = len(store.select(sparql))  # warm-up
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        rows = len(store.select(sparql))
        timings.append((time.perf_counter() - start) * 1000)
    return QueryTiming(name, rows, _percentile(timings, 0.5), _percentile(timings, 0.95))


def run_bench(
    triples: int, repeat: int, out: Path | None = None, *, seed: int = DEFAULT_SEED
) -> BenchReport:
    """Generate about `triples` quads, load them, time the competency queries; write the
    report as JSON to `out` when given."""
    if triples <= 0 or repeat <= 0:
        raise ValueError("triples and repeat must be greater than 0")
    with tempfile.TemporaryDirectory(prefix="beslutsgraf-bench-") as work:
        data = Path(work) / "synthetic.nq"
        summary = write_nquads(data, triples, seed)
        store = EmbeddedStore(Path(work) / "store")
        try:
            with data.open("rb") as dump:
                start = time.perf_counter()
                store.bulk_load(dump, NQUADS)
                load_s = time.perf_counter() - start
            stored = sum(store.triple_counts().values())
            timings = tuple(
                _time_query(store, name, sparql, repeat) for name, sparql in competency_queries()
            )
        finally:
            store.close()
    report = BenchReport(
        target_triples=triples,
        seed=seed,
        generated_quads=summary.quads,
        stored_triples=stored,
        load_s=load_s,
        triples_per_s=stored / load_s if load_s > 0 else 0.0,
        repeat=repeat,
        peak_rss_mib=_peak_rss_mib(),
        queries=timings,
    )
    if out is not None:
        out.write_text(report.to_json(), encoding="utf-8")
    return report
