"""`max_rows`: an answer larger than the caller takes is refused with ResultTooLarge,
never cut; one at the cap comes back whole and as it would without a cap. The embedded
store stops evaluating at the first solution beyond the cap."""

from __future__ import annotations

import gc
import sys
import threading
import time
from collections.abc import Callable

import pyoxigraph
import pytest

from beslutsgraf.store import EmbeddedStore, ResultTooLarge, Store
from beslutsgraf.store.evaluate import QueryRequest, run_query, run_select

EX = "http://example.org/"
JSON = "application/sparql-results+json"
ROWS = f"SELECT ?s ?o WHERE {{ ?s <{EX}value> ?o }} ORDER BY ?o"
VALUE = pyoxigraph.NamedNode(f"{EX}value")
TRIPLES = f"CONSTRUCT {{ ?s <{EX}value> ?o }} WHERE {{ ?s <{EX}value> ?o }}"


@pytest.fixture
def ten(store: Store) -> Store:
    """Ten subjects with one value each, in one named graph."""
    lines = "".join(f'<{EX}s{n}> <{EX}value> "{n}" <{EX}g> .\n' for n in range(10))
    store.bulk_load(lines.encode(), "application/n-quads")
    return store


@pytest.mark.parametrize(
    "media_type",
    [
        "application/sparql-results+json",
        "application/sparql-results+xml",
        "text/csv",
        "text/tab-separated-values",
    ],
)
def test_an_answer_at_the_cap_is_whole_and_unchanged(ten: Store, media_type: str) -> None:
    capped = ten.query(ROWS, media_type, max_rows=10, timeout_s=10)
    assert capped.body == ten.query(ROWS, media_type, timeout_s=10).body
    assert capped.body.count(b"s9") == 1


def test_one_solution_beyond_the_cap_is_refused(ten: Store) -> None:
    with pytest.raises(ResultTooLarge) as caught:
        ten.query(ROWS, JSON, max_rows=9, timeout_s=10)
    assert caught.value.max_rows == 9
    assert "more than 9 solutions" in caught.value.message
    assert "LIMIT" in caught.value.message


def test_triples_are_capped_too(ten: Store) -> None:
    assert ten.query(TRIPLES, "application/n-triples", max_rows=10).body.count(b"\n") == 10
    with pytest.raises(ResultTooLarge, match="more than 9 triples"):
        ten.query(TRIPLES, "application/n-triples", max_rows=9)


def test_select_rows_are_capped(ten: Store) -> None:
    assert len(ten.select(ROWS, max_rows=10)) == 10
    with pytest.raises(ResultTooLarge):
        ten.select(ROWS, max_rows=9)
    with pytest.raises(ResultTooLarge):
        ten.select(ROWS, max_rows=9, timeout_s=10)  # raised in a worker, re-raised here


def test_ask_is_one_answer_whatever_the_cap(ten: Store) -> None:
    assert ten.query(f"ASK {{ ?s <{EX}value> ?o }}", JSON, max_rows=1).body.endswith(b"true}")


def test_embedded_store_stops_at_the_first_solution_beyond_the_cap(
    embedded_store: EmbeddedStore,
) -> None:
    # 2 000 triples: their cross product has 4 million solutions, seconds to serialise.
    lines = "".join(f'<{EX}s{n}> <{EX}value> "{n}" <{EX}g> .\n' for n in range(2000))
    embedded_store.bulk_load(lines.encode(), "application/n-quads")
    cross = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }"
    embedded_store.query("ASK {}", JSON, timeout_s=10)  # a warm worker
    started = time.monotonic()
    with pytest.raises(ResultTooLarge):
        embedded_store.query(cross, JSON, max_rows=1000, timeout_s=10)
    assert time.monotonic() - started < 1.0


def _refused_in_a_thread(refuse: Callable[[], object]) -> ResultTooLarge:
    caught: list[ResultTooLarge] = []

    def evaluate() -> None:
        try:
            refuse()
        except ResultTooLarge as error:
            caught.append(error)

    worker = threading.Thread(target=evaluate)
    worker.start()
    worker.join()
    return caught.pop()


@pytest.mark.parametrize(
    "refuse",
    [
        lambda store: run_query(store, QueryRequest(ROWS, JSON, max_rows=9)),
        lambda store: run_query(store, QueryRequest(TRIPLES, "text/turtle", max_rows=9)),
        lambda store: run_select(store, ROWS, max_rows=9),
    ],
    ids=["select", "construct", "rows"],
)
def test_a_refusal_can_be_freed_on_another_thread(
    refuse: Callable[[pyoxigraph.Store], object], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The service evaluates on a worker thread and handles the error on another: the
    error must not keep the live answer, which pyoxigraph refuses to free off its thread
    (an "unsendable" message on stderr each time, and the answer leaked)."""
    store = pyoxigraph.Store()
    for n in range(10):
        store.add(
            pyoxigraph.Quad(pyoxigraph.NamedNode(f"{EX}s{n}"), VALUE, pyoxigraph.Literal(str(n)))
        )
    unraisable: list[object] = []
    monkeypatch.setattr(sys, "unraisablehook", unraisable.append)
    error = _refused_in_a_thread(lambda: refuse(store))
    assert error.max_rows == 9
    del error
    gc.collect()
    assert unraisable == []
