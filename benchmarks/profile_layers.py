"""Where does our query time go? The same queries timed layer by layer, in process, on
one store, so a ratio against `oxigraph serve` can be pinned on a layer:

1. engine: `pyoxigraph.Store.query(...).serialize(JSON)` (what oxigraph serve runs);
2. evaluate: `run_query` without a row cap (our evaluate.py around the same call);
3. capped: `run_query` with the service's default cap (`max_result_rows`);
4. worker: `EmbeddedStore.query(..., timeout_s, max_rows)`, the killable worker process,
   waited on in the calling thread (library code, the REST API's queries);
5. worker_async: `EmbeddedStore.query_async(...)` on an event loop, the path every
   `/sparql` query takes (the loop watches the worker's pipe; no thread).

    python benchmarks/profile_layers.py STORE_DIR [--repeat K] [--query NAME]... [--out FILE.json]

STORE_DIR must not be open elsewhere (the embedded store locks it); the worker layer
takes a snapshot beside it, removed again on close.
"""

from __future__ import annotations

import argparse
import asyncio
import inspect
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pyoxigraph import QueryResultsFormat, QuerySolutions

from benchmarks.bench_service import _queries
from benchmarks.measure import percentile
from beslutsgraf.service.settings import Settings
from beslutsgraf.store import EmbeddedStore
from beslutsgraf.store.evaluate import QueryRequest, run_query

__all__ = ["main"]

JSON = "application/sparql-results+json"


def _p50_ms(call: Callable[[], object], repeat: int) -> float:
    call()  # warm-up
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        samples.append((time.perf_counter() - started) * 1000)
    value = percentile(samples, 50)
    assert value is not None
    return round(value, 3)


def _request(sparql: str, max_rows: int | None) -> QueryRequest:
    # Keyword arguments only for fields that exist, so this runs before and after the
    # store grew its row cap.
    fields = inspect.signature(QueryRequest).parameters
    options: dict[str, Any] = {"max_rows": max_rows} if "max_rows" in fields else {}
    return QueryRequest(sparql, JSON, **options)


def profile(
    store_dir: Path, repeat: int, only: frozenset[str] = frozenset()
) -> dict[str, dict[str, float]]:
    cap = Settings().max_result_rows
    timeout_s = Settings().query_timeout_s
    store = EmbeddedStore(store_dir, query_workers=1)
    live = store._live  # the same pyoxigraph Store our code queries
    has_cap = "max_rows" in inspect.signature(store.query).parameters
    has_async = hasattr(store, "query_async")  # so this also runs on older trees
    loop = asyncio.new_event_loop()
    results: dict[str, dict[str, float]] = {}
    try:
        for query in _queries():
            if only and query.name not in only:
                continue
            sparql = query.text

            def engine(sparql: str = sparql) -> bytes:
                answer = live.query(sparql, use_default_graph_as_union=True)
                assert isinstance(answer, QuerySolutions)
                return answer.serialize(format=QueryResultsFormat.JSON) or b""

            def worker(sparql: str = sparql) -> object:
                options: dict[str, Any] = {"max_rows": cap} if has_cap else {}
                return store.query(sparql, JSON, timeout_s=timeout_s, **options)

            def worker_async(sparql: str = sparql) -> object:
                answer = store.query_async(sparql, JSON, timeout_s=timeout_s, max_rows=cap)
                return loop.run_until_complete(answer)

            layers: dict[str, Callable[[], object]] = {
                "engine": engine,
                "evaluate": lambda sparql=sparql: run_query(live, _request(sparql, None)),
                "capped": lambda sparql=sparql: run_query(live, _request(sparql, cap)),
                "worker": worker,
            }
            if has_async:
                layers["worker_async"] = worker_async
            results[query.name] = {name: _p50_ms(call, repeat) for name, call in layers.items()}
            print(query.name, results[query.name], file=sys.stderr, flush=True)
    finally:
        loop.close()
        store.close()
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("store", type=Path)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--query", action="append", default=[], help="only this one (repeat)")
    args = parser.parse_args(argv)
    results = profile(args.store, args.repeat, frozenset(args.query))
    text = json.dumps(results, indent=2)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
