"""Query timing over HTTP: the same request (POST application/sparql-query, Accept
SPARQL JSON) on a keep-alive httpx client, warm-up first, bounded in count and time."""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

import httpx

__all__ = ["ACCEPT", "Query", "Target", "Timing", "percentile", "time_query"]

ACCEPT = "application/sparql-results+json"
SLOW_MS = 1000.0


@dataclass(frozen=True)
class Query:
    name: str
    kind: str  # "competency", "lookup" or "analytic"
    text: str


@dataclass
class Timing:
    """Wall times of one query on one server, in milliseconds."""

    samples_ms: list[float] = field(default_factory=list)
    rows: int | None = None
    error: str | None = None

    @property
    def p50_ms(self) -> float | None:
        return percentile(self.samples_ms, 50)

    @property
    def p95_ms(self) -> float | None:
        return percentile(self.samples_ms, 95)

    def as_json(self) -> dict[str, object]:
        def rounded(value: float | None) -> float | None:
            return None if value is None else round(value, 3)

        return {
            "p50_ms": rounded(self.p50_ms),
            "p95_ms": rounded(self.p95_ms),
            "mean_ms": rounded(statistics.fmean(self.samples_ms) if self.samples_ms else None),
            "samples": len(self.samples_ms),
            "rows": self.rows,
            "error": self.error,
        }


def percentile(samples: Sequence[float], percent: float) -> float | None:
    """Nearest-rank percentile: with few samples it is one of the measured values."""
    if not samples:
        return None
    ordered = sorted(samples)
    rank = max(1, -(-len(ordered) * percent // 100))  # ceil without floats drifting
    return ordered[int(rank) - 1]


def _request(client: httpx.Client, url: str, query: Query) -> tuple[float, bytes]:
    started = time.perf_counter()
    response = client.post(
        url,
        content=query.text.encode("utf-8"),
        headers={"Content-Type": "application/sparql-query", "Accept": ACCEPT},
    )
    body = response.read()
    elapsed_ms = (time.perf_counter() - started) * 1000
    if response.status_code != 200:
        raise RuntimeError(f"HTTP {response.status_code}: {body[:300].decode(errors='replace')}")
    return elapsed_ms, body


def _row_count(body: bytes) -> int:
    return len(json.loads(body)["results"]["bindings"])


@dataclass
class Target:
    """One server to time a query on: its client, endpoint URL and the timing to fill."""

    client: httpx.Client
    url: str
    timing: Timing


def time_query(
    query: Query, targets: Sequence[Target], *, warmup: int, repeat: int, budget_s: float
) -> None:
    """Warm up, then take up to `repeat` samples per target, interleaved round by round
    (a neighbour's load on the shared machine hits every contender alike). Stops early,
    keeping what it has, when `budget_s` is spent. A failing target records its error
    and drops out; the others go on."""
    deadline = time.monotonic() + budget_s
    live = list(targets)
    round_number = 0
    while round_number < warmup + repeat:
        slowest_ms = 0.0
        for target in list(live):
            try:
                elapsed_ms, body = _request(target.client, target.url, query)
                target.timing.rows = _row_count(body)
            except (httpx.HTTPError, RuntimeError, ValueError, KeyError) as error:
                target.timing.error = f"{type(error).__name__}: {error}"[:300]
                live.remove(target)
                continue
            slowest_ms = max(slowest_ms, elapsed_ms)
            if round_number >= warmup:
                target.timing.samples_ms.append(elapsed_ms)
        if not live or time.monotonic() > deadline:
            return
        if round_number < warmup and slowest_ms > SLOW_MS:
            # One warm-up round is enough for a query taking seconds: caches are warm
            # and the budget is better spent on samples.
            warmup = round_number + 1
        round_number += 1
