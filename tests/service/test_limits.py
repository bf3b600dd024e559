"""The service limits as a client meets them: a query that overruns the timeout gets a
clear 503 in time while other queries keep answering, a runaway query really stops
(its slot is free again), too many concurrent queries get 503 + Retry-After, and an
answer over `max_result_rows` is refused with 413, never truncated."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from beslutsgraf.store import EmbeddedStore

EX = "http://example.org/beslutsgraf-test/"
# A two-way cross product over the 3 000 filler triples with a string filter on each
# of its 9 million solutions: about 5 s of CPU on this machine if nothing stops it.
EXPENSIVE = (
    f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{EX}filler> {{ ?a <{EX}value> ?x . "
    f"?b <{EX}value> ?y }} FILTER(STRLEN(CONCAT(STR(?a), STR(?b))) > 0) }}"
)
SIMPLE = f"ASK {{ <{EX}decision-1> ?p ?o }}"
TIMEOUT_S = 1.0


@pytest.fixture(scope="module")
def limited_server(
    tmp_path_factory: pytest.TempPathFactory, serve: Any, make_settings: Any, sample_trig: str
) -> Iterator[str]:
    settings = make_settings(
        tmp_path_factory.mktemp("limits") / "store",
        query_timeout_s=TIMEOUT_S,
        max_concurrent_queries=2,
        max_result_rows=1000,
    )
    with serve(settings, sample_trig) as url:
        yield url


@pytest.fixture()
def http(limited_server: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=limited_server, timeout=60) as client:
        _wait_until_idle(client)
        _warm_up(limited_server)
        yield client


def _warm_up(server: str, slots: int = 2) -> None:
    """Occupy every slot at once with a simple query until all answer, so each of the
    store's query worker processes is running: the measurements below are of a warm
    service, not of interpreter start-up (a killed worker is replaced on demand)."""
    statuses: list[int] = []

    def simple() -> None:
        with httpx.Client(base_url=server, timeout=60) as own:
            statuses.append(own.get("/sparql", params={"query": SIMPLE}).status_code)

    for _attempt in range(10):
        statuses.clear()
        workers = [threading.Thread(target=simple) for _ in range(slots)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join(timeout=60)
        if statuses == [200] * slots:
            return
    pytest.fail(f"the query workers did not warm up: {statuses}")


def _wait_until_idle(client: httpx.Client, within_s: float = 30) -> None:
    """Earlier tests may have left queries running; wait until a query gets a slot."""
    deadline = time.monotonic() + within_s
    while client.get("/sparql", params={"query": SIMPLE}).status_code == 503:
        assert time.monotonic() < deadline, "the server never became idle"
        time.sleep(0.2)


def _timed_query(client: httpx.Client, query: str) -> tuple[httpx.Response, float]:
    started = time.monotonic()
    response = client.get("/sparql", params={"query": query})
    return response, time.monotonic() - started


def test_expensive_query_gets_503_in_time_while_a_simple_query_answers(
    http: httpx.Client, limited_server: str
) -> None:
    outcome: dict[str, Any] = {}

    def expensive() -> None:
        with httpx.Client(base_url=limited_server, timeout=60) as own:
            outcome["response"], outcome["elapsed"] = _timed_query(own, EXPENSIVE)

    worker = threading.Thread(target=expensive)
    worker.start()
    time.sleep(0.3)  # the expensive query is running now
    simple, simple_elapsed = _timed_query(http, SIMPLE)
    worker.join(timeout=30)

    assert simple.status_code == 200, f"{simple.text} after {simple_elapsed:.2f} s"
    assert simple.json()["boolean"] is True
    assert simple_elapsed < 1.0, f"a simple query waited {simple_elapsed:.2f} s"
    response, elapsed = outcome["response"], outcome["elapsed"]
    assert response.status_code == 503
    assert response.json()["code"] == "query_timeout"
    assert "1 s" in response.json()["message"]
    assert TIMEOUT_S <= elapsed < 3 * TIMEOUT_S, f"the timeout answer took {elapsed:.2f} s"


def test_a_timed_out_query_really_stops(http: httpx.Client, limited_server: str) -> None:
    """Both slots get a runaway query; once they time out, the slots must be free at
    once. A store that let the queries run on would keep them busy for seconds, and
    the next query would get 503 `overloaded`."""
    responses: list[httpx.Response] = []

    def expensive() -> None:
        with httpx.Client(base_url=limited_server, timeout=60) as own:
            responses.append(own.get("/sparql", params={"query": EXPENSIVE}))

    workers = [threading.Thread(target=expensive) for _ in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=30)
    assert [r.status_code for r in responses] == [503, 503]
    time.sleep(0.3)
    after = http.get("/sparql", params={"query": SIMPLE})
    assert after.status_code == 200, after.text


def test_beyond_the_concurrency_cap_503_with_retry_after(
    http: httpx.Client, limited_server: str
) -> None:
    def expensive() -> None:
        with httpx.Client(base_url=limited_server, timeout=60) as own:
            own.get("/sparql", params={"query": EXPENSIVE})

    workers = [threading.Thread(target=expensive) for _ in range(2)]
    for worker in workers:
        worker.start()
    time.sleep(0.4)  # both slots are busy now
    response = http.get("/sparql", params={"query": SIMPLE})
    for worker in workers:
        worker.join(timeout=30)
    assert response.status_code == 503
    assert response.json()["code"] == "overloaded"
    assert int(response.headers["retry-after"]) >= 1


def test_too_many_solutions_is_413_not_a_truncated_answer(http: httpx.Client) -> None:
    query = f"SELECT ?a ?x WHERE {{ GRAPH <{EX}filler> {{ ?a <{EX}value> ?x }} }}"
    for accept in ("application/sparql-results+json", "text/csv", "application/sparql-results+xml"):
        response = http.get("/sparql", params={"query": query}, headers={"Accept": accept})
        assert response.status_code == 413, accept
        body = response.json()
        assert body["code"] == "result_too_large"
        assert "more than 1000 solutions" in body["message"]
        assert "BESLUTSGRAF_MAX_RESULT_ROWS" in body["message"]


def test_an_answer_at_the_limit_is_whole(http: httpx.Client) -> None:
    query = f"SELECT ?a WHERE {{ GRAPH <{EX}filler> {{ ?a <{EX}value> ?x }} }} LIMIT 1000"
    response = http.get("/sparql", params={"query": query})
    assert response.status_code == 200
    assert len(response.json()["results"]["bindings"]) == 1000


def test_one_solution_beyond_the_limit_is_413(http: httpx.Client) -> None:
    query = f"SELECT ?a WHERE {{ GRAPH <{EX}filler> {{ ?a <{EX}value> ?x }} }} LIMIT 1001"
    response = http.get("/sparql", params={"query": query})
    assert response.status_code == 413
    assert response.json()["code"] == "result_too_large"


def test_a_huge_answer_is_refused_at_once_not_computed(http: httpx.Client) -> None:
    # 9 million solutions: serialising them all would take far beyond the 1 s timeout
    # (a 503); the store stops at solution 1 001 and the client learns why.
    query = f"SELECT * WHERE {{ GRAPH <{EX}filler> {{ ?a ?b ?c . ?d ?e ?f }} }}"
    response, elapsed = _timed_query(http, query)
    assert response.status_code == 413, response.text
    assert elapsed < TIMEOUT_S / 2, f"the refusal took {elapsed:.2f} s"


def test_too_many_triples_is_413(http: httpx.Client) -> None:
    query = (
        f"CONSTRUCT {{ ?a <{EX}value> ?x }} WHERE {{ GRAPH <{EX}filler> {{ ?a <{EX}value> ?x }} }}"
    )
    response = http.get("/sparql", params={"query": query})
    assert response.status_code == 413
    assert "triples" in response.json()["message"]


def test_query_workers_are_running_before_the_first_request(
    tmp_path: Path, serve: Any, make_settings: Any
) -> None:
    store = EmbeddedStore(tmp_path / "store", query_workers=3)
    try:
        assert store.query_worker_pids() == []
        settings = make_settings(tmp_path / "store", query_timeout_s=0.5)
        with serve(settings, store=store) as url:
            # Started with the service, before anyone asked anything.
            assert len(store.query_worker_pids()) == 3
            with httpx.Client(base_url=url, timeout=30) as client:
                response, elapsed = _timed_query(client, "ASK {}")
            assert response.status_code == 200
            assert elapsed < 0.5
    finally:
        store.close()
