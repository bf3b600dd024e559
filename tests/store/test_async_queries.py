"""`EmbeddedStore.query_async`, the service's path to the query workers (watched by the
event loop, no thread): the same answers as `query`, the same time limit that really
stops the evaluation, and every write visible to the next query."""

from __future__ import annotations

import asyncio
import time

import pytest

from beslutsgraf.store import EmbeddedStore, QueryTimeout, ResultTooLarge

EX = "http://example.org/"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
FORMATS = (
    "application/sparql-results+json",
    "application/sparql-results+xml",
    "text/csv",
    "text/tab-separated-values",
)


@pytest.fixture
def filled(embedded_store: EmbeddedStore) -> EmbeddedStore:
    lines = (f'<{EX}s{n}> <{EX}p{n % 7}> "{n}"@sv <{EX}g{n % 5}> .\n' for n in range(1500))
    embedded_store.bulk_load("".join(lines).encode(), "application/n-quads")
    embedded_store.warm_up()
    return embedded_store


def test_answers_are_those_of_query_in_every_format(filled: EmbeddedStore) -> None:
    sparql = f"SELECT ?s ?o WHERE {{ ?s <{EX}p3> ?o }} ORDER BY ?s LIMIT 40"
    for media_type in FORMATS:
        awaited = asyncio.run(filled.query_async(sparql, media_type, timeout_s=10))
        assert awaited == filled.query(sparql, media_type, timeout_s=10), media_type
    construct = f"CONSTRUCT {{ ?s <{EX}q> ?o }} WHERE {{ GRAPH <{EX}g2> {{ ?s ?p ?o }} }}"
    triples = asyncio.run(filled.query_async(construct, "application/n-triples", timeout_s=10))
    assert triples.form == "CONSTRUCT"
    assert len(triples.body.splitlines()) == 300


def test_the_row_cap_refuses_rather_than_cuts(filled: EmbeddedStore) -> None:
    sparql = f"SELECT ?s WHERE {{ ?s <{EX}p0> ?o }}"  # 215 solutions
    whole = asyncio.run(filled.query_async(sparql, "text/csv", timeout_s=10, max_rows=215))
    assert len(whole.body.splitlines()) == 216  # the header and every solution
    with pytest.raises(ResultTooLarge):
        asyncio.run(filled.query_async(sparql, "text/csv", timeout_s=10, max_rows=214))


def test_a_runaway_query_is_stopped_and_its_worker_replaced(filled: EmbeddedStore) -> None:
    before = set(filled.query_worker_pids())

    async def runaway_beside_a_simple_query() -> tuple[float, bytes]:
        started = time.monotonic()
        runaway = asyncio.ensure_future(filled.query_async(RUNAWAY, "text/csv", timeout_s=1))
        await asyncio.sleep(0.2)
        simple = await filled.query_async(f"ASK {{ <{EX}s42> ?p ?o }}", "text/csv", timeout_s=5)
        with pytest.raises(QueryTimeout):
            await runaway
        return time.monotonic() - started, simple.body

    elapsed, simple = asyncio.run(runaway_beside_a_simple_query())
    assert simple.strip().splitlines()[-1] == b"true"
    assert 1.0 <= elapsed < 4.0, f"the timeout took {elapsed:.1f} s"
    deadline = time.monotonic() + 30  # the replacement boots in the background
    while len(filled.query_worker_pids()) < len(before) and time.monotonic() < deadline:
        time.sleep(0.1)
    after = set(filled.query_worker_pids())
    assert len(after) == len(before)
    assert after != before  # the killed worker's process is gone, a new one took its slot


def test_a_write_is_seen_by_the_next_query(filled: EmbeddedStore) -> None:
    ask = f'ASK {{ <{EX}new> <{EX}p> "written" }}'
    assert b"false" in asyncio.run(filled.query_async(ask, "text/csv", timeout_s=10)).body
    filled.update(f'INSERT DATA {{ GRAPH <{EX}g9> {{ <{EX}new> <{EX}p> "written" }} }}')
    assert b"true" in asyncio.run(filled.query_async(ask, "text/csv", timeout_s=10)).body
